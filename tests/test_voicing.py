"""The voicing check: a voice under a filler, not fan noise, hum or silence."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import degrade  # noqa: E402

from interviewer.audio.voicing import is_voiced

R = 16000


def vowel(f0: float, seconds: float, level: float = 0.1) -> np.ndarray:
    """A glottal-pulse-like harmonic series with a little vibrato: an "um"-like voiced sound."""
    t = np.arange(int(seconds * R)) / R
    phase = 2 * np.pi * np.cumsum(f0 * (1 + 0.03 * np.sin(2 * np.pi * 4 * t))) / R
    return (level * sum(np.sin(k * phase) / k for k in range(1, 20))).astype(np.float32)


def embed(stretch: np.ndarray, noise: np.ndarray, at: float) -> np.ndarray:
    x = noise.copy()
    a = int(at * R)
    x[a:a + stretch.size] += stretch
    return x


@pytest.mark.parametrize("f0", [95.0, 140.0, 220.0, 330.0])
def test_a_voiced_stretch_in_room_noise_is_voiced(f0):
    noise = degrade.noisy_room(3 * R, -40.0, 50.0, seed=1)
    x = embed(vowel(f0, 0.3), noise, 1.2)
    assert is_voiced(x, R, 1.2, 1.5)
    assert not is_voiced(x, R, 2.2, 2.6)  # the noise beside it is not


@pytest.mark.parametrize("name", ["white", "pink", "fan", "room-50", "room-60", "silence"])
def test_noise_and_silence_are_not_voiced(name):
    rng = np.random.default_rng(3)
    n = 3 * R
    noise = {"white": rng.standard_normal(n) * 0.02, "pink": degrade.pink(n, rng) * 0.02,
             "fan": degrade.fan_noise(n, -35.0), "room-50": degrade.noisy_room(n, -30.0, 50.0),
             "room-60": degrade.noisy_room(n, -30.0, 60.0), "silence": np.zeros(n)}[name]
    for start in (0.3, 1.1, 2.0):
        assert not is_voiced(noise, R, start, start + 0.4)


def test_a_burst_of_noise_louder_than_the_floor_is_not_voiced():
    """Energy alone is not enough: a loud noise burst (a cough, a bump) has no pitch."""
    rng = np.random.default_rng(4)
    burst = degrade.pink(int(0.3 * R), rng) * 0.1
    x = embed(burst, degrade.noisy_room(3 * R, -45.0, None), 1.0)
    assert not is_voiced(x, R, 1.0, 1.3)


def test_voice_far_away_in_fan_noise_is_still_voiced():
    x = embed(vowel(120.0, 0.35, level=0.02), degrade.fan_noise(3 * R, -45.0), 1.0)
    assert is_voiced(x, R, 1.0, 1.35)


def test_a_stretch_too_short_or_outside_the_audio_is_not_voiced():
    x = embed(vowel(120, 0.5), degrade.noisy_room(2 * R, -45.0, None), 0.8)
    assert not is_voiced(x, R, 2.5, 3.0)
    assert not is_voiced(x, R, 1.0, 1.001)     # one frame is not a filler
    assert is_voiced(x, R, 1.0, 1.1)

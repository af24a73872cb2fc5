import numpy as np
import pytest

from interviewer.audio.levels import FLOOR_DB, frame_rms, levels, to_db

RATE = 16000


def sine(amp, seconds=2.0, freq=440.0):
    t = np.arange(int(seconds * RATE)) / RATE
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_sine_peak_and_rms_match_theory():
    s = levels(sine(0.5))
    assert s["peak_dbfs"] == pytest.approx(-6.02, abs=0.02)        # 20*log10(0.5)
    assert s["rms_dbfs"] == pytest.approx(-9.03, abs=0.02)         # 0.5/sqrt(2)
    assert s["clip_fraction"] == 0.0
    assert s["seconds"] == pytest.approx(2.0)
    # With no pauses at all the floor cannot be told from the signal: a steady
    # loud hum is exactly what "noisy" means.
    assert s["verdict"] == "noisy"


def test_silence_is_floor_and_called_silent():
    s = levels(np.zeros(RATE, dtype=np.float32))
    assert s["peak_dbfs"] == s["rms_dbfs"] == s["noise_floor_dbfs"] == FLOOR_DB
    assert s["verdict"] == "silent"


def test_empty_input():
    assert levels(np.zeros(0))["verdict"] == "silent"


def test_clipping_fraction_is_measured():
    x = np.clip(sine(2.0), -1, 1)  # a sine driven 6 dB past full scale
    s = levels(x)
    # |2 sin| >= 0.999 for 2/3 of the cycle (asin(0.4995)/(pi/2) ~ 1/3 below)
    assert s["clip_fraction"] == pytest.approx(2 / 3, abs=0.01)
    assert s["verdict"] == "clipping"


def test_noise_floor_is_the_quiet_frames():
    rng = np.random.default_rng(0)
    noise = rng.normal(0, 10 ** (-70 / 20), 4 * RATE)        # -70 dBFS RMS room noise
    x = noise.copy()
    x[RATE:3 * RATE] += sine(0.1, 2.0)                        # 2 s of "speech" at -23 dBFS RMS
    s = levels(x)
    assert s["noise_floor_dbfs"] == pytest.approx(-70, abs=1.0)
    assert s["speech_dbfs"] == pytest.approx(-23.0, abs=0.5)
    assert s["snr_db"] == pytest.approx(47, abs=1.5)
    assert s["verdict"] == "ok"


def test_too_quiet():
    s = levels(sine(10 ** (-50 / 20) * np.sqrt(2)))         # -50 dBFS RMS
    assert s["speech_dbfs"] == pytest.approx(-50, abs=0.1)
    assert s["verdict"] == "too quiet"


def test_noisy_room():
    rng = np.random.default_rng(1)
    x = rng.normal(0, 10 ** (-40 / 20), 3 * RATE) + np.concatenate([sine(0.3, 1.5), np.zeros(int(1.5 * RATE))])
    s = levels(x)
    assert s["noise_floor_dbfs"] == pytest.approx(-40, abs=1.0)
    assert s["verdict"] == "noisy"


def test_helpers():
    assert to_db(1.0) == 0.0 and to_db(0.0) == FLOOR_DB
    assert frame_rms(np.ones(1024)).tolist() == [1.0, 1.0]

"""The degraders of benchmarks/degrade.py do what they claim, measured on the signal."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import degrade  # noqa: E402

R = 16000


def band_power(x, rate, lo, hi):
    spec = np.abs(np.fft.rfft(x)) ** 2
    f = np.fft.rfftfreq(x.size, 1 / rate)
    return spec[(f >= lo) & (f < hi)].sum()


def test_reverb_impulse_response_decays_60_db_in_rt60():
    h = degrade.reverb_ir(0.6, R, seed=1)
    energy = np.cumsum(h[::-1] ** 2)[::-1]          # Schroeder backward integration
    edc = 10 * np.log10(energy / energy[0])
    t5, t25 = np.argmax(edc < -5) / R, np.argmax(edc < -25) / R
    assert abs(3 * (t25 - t5) - 0.6) < 0.08         # T20 x 3


def test_phone_line_is_300_to_3400_hz_at_8_khz():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(2 * R) * 0.1
    y = degrade.phone(x)
    assert y.size == x.size // 2                     # stored at 8 kHz
    inband = band_power(y, 8000, 500, 3000) / 2500
    assert band_power(y, 8000, 3700, 4000) / 300 < inband * 1e-3
    assert band_power(y, 8000, 20, 150) / 130 < inband * 1e-3


def test_far_is_20_db_down_with_fan_noise():
    x = np.sin(2 * np.pi * 1000 * np.arange(R) / R).astype(np.float32) * 0.5
    y = degrade.far(x, fan_dbfs=-60.0)
    assert abs(20 * np.log10(degrade.rms(y) / degrade.rms(x)) + 20) < 0.5
    fan = degrade.fan_noise(4 * R, -45.0)
    assert abs(20 * np.log10(degrade.rms(fan)) + 45) < 0.5
    assert band_power(fan, R, 20, 400) > 10 * band_power(fan, R, 1600, 8000)   # low-passed


def test_noisy_room_level_and_hum():
    room = degrade.noisy_room(4 * R, -35.0, 60.0)
    level = 20 * np.log10(degrade.rms(room))
    assert -36.0 < level < -31.0                     # pink at -35 plus hum 3 dB under it
    spec = np.abs(np.fft.rfft(room))
    f = np.fft.rfftfreq(room.size, 1 / R)
    assert f[np.argmax(spec[(f > 30) & (f < 200)]) + np.argmax(f > 30)] in (60.0,)


def test_degraded_set_keeps_the_truth(voice, tmp_path):
    items = degrade.build_set(voice, indices=[0], folder=tmp_path)
    assert {it.condition for it in items} == set(degrade.CONDITIONS)
    truth = items[0].truth
    assert truth.words[:3] == ["in", "my", "last"] and truth.fillers == [("um", truth.pauses[0][1])]
    assert all(b - a >= 0.5 for a, b in truth.pauses) and truth.first_word_s > 0.5
    from interviewer.audio.decode import read_audio
    for it in items:
        audio = read_audio(it.path)                  # every file, 8 kHz included, reads back at 16 kHz
        assert abs(audio.size / R - truth.duration_s) < 0.05
    again = degrade.build_set(None, indices=[0], folder=tmp_path)   # from the cache, no voice needed
    assert [i.truth for i in again] == [i.truth for i in items]


def test_scoring_against_truth():
    truth = degrade.Truth(["um", "i", "led", "the", "payments", "team"], 1.0, [("um", 1.0)], [(3.0, 4.5)], 6.0)
    result = {"credited": True, "transcript": {"text": "Um, I led the payment team."},
              "delivery": {"time_to_first_word_s": 1.1, "fillers": [{"word": "um", "start": 1.05}, {"word": "uh", "start": 5.0}],
                           "pauses": [{"start": 3.05, "end": 4.4, "duration": 1.35}]}}
    s = degrade.score(truth, result)
    assert s["content_hit"] == s["content_ref"] == 3   # led, payment(s), team
    assert s["fillers_hit"] == 1 and s["fillers_correct"] == 1 and s["fillers_found"] == 2
    assert s["pauses_hit"] == s["pauses_correct"] == 1 and abs(s["ttfw_error"] - 0.1) < 1e-9

"""The room diagnosis on synthetic recordings whose faults are known (benchmarks/degrade.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import degrade  # noqa: E402

from interviewer.audio.levels import levels
from interviewer.audio.resample import resample
from interviewer.audio.room import diagnose, noise_floor, sounds_like

R = 16000


@pytest.fixture(scope="module")
def speech(voice):
    """A Piper answer with pauses, no noise: (audio, truth)."""
    return degrade.compose_answer(voice, 0)


@pytest.fixture(scope="module")
def continuous(voice):
    """3 s of talking with no pause at all, in a quiet room."""
    from interviewer.synth import compose

    c = compose(["I rewrote the pipeline and deployments went from two hours to ten minutes and the team "
                 "adopted it quickly."], voice, lead_s=0.02, tail_s=0.02, room_db=None)
    return c.audio[: 3 * R] + degrade.noisy_room(3 * R, -60.0, None)


def codes(audio, rate=R, spans=None):
    return {f["code"] for f in diagnose(audio, rate, spans)}


def quiet(x):
    return x + degrade.noisy_room(x.size, -60.0, None, seed=9)


def test_clean_speech_has_no_findings(speech):
    assert codes(quiet(speech[0])) == set()


def test_reverberation_is_found(speech):
    assert codes(quiet(degrade.reverb(speech[0], 0.6))) == {"reverberant"}
    assert "reverberant" not in codes(quiet(degrade.reverb(speech[0], 0.15)))


def test_a_phone_line_is_band_limited(speech):
    line = degrade.phone(quiet(speech[0]))             # stored at 8 kHz
    assert codes(line, degrade.PHONE_RATE) >= {"band_limited"}
    assert "band_limited" in codes(resample(line, degrade.PHONE_RATE, R))  # and after resampling to 16 kHz


def test_far_speech_is_low(speech):
    found = codes(degrade.far(speech[0], fan_dbfs=-60.0))
    assert "low_level" in found and "band_limited" not in found


@pytest.mark.parametrize("hz", [50.0, 60.0])
def test_mains_hum_is_found_with_its_frequency(speech, hz):
    x = speech[0] + degrade.noisy_room(speech[0].size, -55.0, hz)
    found = {f["code"]: f for f in diagnose(x, R)}
    assert "hum" in found and found["hum"]["value"] == int(hz) and "noisy" not in found


def test_fan_blade_tone_is_not_mains_hum(speech):
    assert "hum" not in codes(speech[0] + degrade.fan_noise(speech[0].size, -45.0))


def test_a_noisy_room_is_noisy(speech):
    found = {f["code"]: f for f in diagnose(speech[0] + degrade.noisy_room(speech[0].size, -35.0, None), R)}
    assert "noisy" in found and abs(found["noisy"]["value"] - (-35.0)) <= 4.0


def test_continuous_speech_is_not_read_as_noise(continuous):
    floor = noise_floor(continuous, R)
    assert floor < -52.0 and "noisy" not in codes(continuous)


def test_floor_from_given_speech_spans(speech):
    audio, truth = speech
    x = audio + degrade.noisy_room(audio.size, -45.0, None)
    spans = [(truth.first_word_s, truth.pauses[0][0])] + [
        (b, truth.pauses[i + 1][0] if i + 1 < len(truth.pauses) else truth.duration_s - 0.8)
        for i, (_, b) in enumerate(truth.pauses)]
    assert abs(noise_floor(x, R, spans) - (-45.0)) <= 2.0


def test_every_finding_has_advice_and_a_reason(speech):
    x = degrade.degrade(speech[0], "far", seed=0)[0]
    findings = diagnose(x, R)
    assert findings and all(f["advice"] and f["message"] for f in findings)
    assert sounds_like(findings).startswith("your recording sounds like")
    assert sounds_like([]) is None


def test_silence_and_tiny_clips_have_no_findings():
    assert diagnose(np.zeros(R), R) == [] and diagnose(np.zeros(100), R) == []


def test_check_audio_reports_the_room(speech, monkeypatch, capsys):
    """The command prints the findings with advice, from whatever the microphone heard."""
    import types

    from interviewer.commands import check_audio

    x = quiet(degrade.reverb(speech[0], 0.6))[: 6 * R]

    class FakeMic:
        device = {"index": 0, "name": "test mic"}

        def __init__(self, *_):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    import interviewer.audio.mic as mic
    monkeypatch.setattr(mic, "MicIn", FakeMic)
    monkeypatch.setattr(mic, "record", lambda m, s: x)
    assert check_audio.run(types.SimpleNamespace(input_device=None, seconds=6.0, json=False)) == 0
    out = capsys.readouterr().out
    assert "echo" in out and levels(x)["verdict"] in out


def test_check_audio_floor_is_measured_between_words(continuous):
    """Talking through the whole check: the plain 10th percentile reads speech as noise; the report does not."""
    from interviewer.commands.check_audio import room_report

    report = room_report(continuous)
    assert report["noise_floor_dbfs"] < levels(continuous)["noise_floor_dbfs"] - 5
    assert report["verdict"] != "noisy" and report["room"] == []

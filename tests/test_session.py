"""The practice loop end to end: file-backed and through PortAudio on PulseAudio's virtual devices."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from interviewer.synth import compose, room_tone
from conftest import write_wav

ANSWER = ["Last year our checkout service kept timing out during sales.", 0.6,
          "I was asked to fix it before the next launch.", 0.7,
          "I profiled the service, I found a slow database query, and I added an index and a cache.", 0.6,
          "As a result, the error rate fell from five percent to under one percent."]


@pytest.fixture(scope="module")
def answer_wav(voice, tmp_path_factory) -> tuple[Path, object]:
    composed = compose(ANSWER, voice, lead_s=1.0, tail_s=0.2, room_db=-45.0)
    path = tmp_path_factory.mktemp("answer") / "answer.wav"
    return write_wav(path, composed.audio), composed


def session_json(recordings: Path) -> dict:
    sessions = sorted(recordings.glob("*/session.json"))
    assert len(sessions) == 1, sessions
    return json.loads(sessions[0].read_text())


def practice(recordings: Path, *extra: str, **kw) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "interviewer.cli", "practice", "--round", "behavioural", "--count", "1",
           "--no-follow-ups", "--end-silence", "3", "--yes", "--recordings", str(recordings), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=240, **kw)


def check_saved_answer(recordings: Path, composed) -> dict:
    s = session_json(recordings)
    assert s["schema_version"] >= 1 and len(s["answers"]) == 1
    a = s["answers"][0]
    folder = next(recordings.iterdir())
    assert (folder / a["audio"]).is_file() and (folder / a["question_audio"]).is_file()
    assert (folder / a["feedback_audio"]).is_file()
    assert a["question"]["text"] and a["analysis"]["transcript"] == a["transcript"]
    text = a["transcript"]["text"].lower()
    assert "checkout" in text and ("one percent" in text or "1%" in text)
    t = a["timings"]
    assert t["feedback_ready_s"] - t["endpoint_s"] <= 1.0, t
    # the answer is complete (it has its result), so it settled after settle_s (2 s) of silence, or at most
    # --end-silence (3 s) when its last piece was still being transcribed
    assert 1.9 <= t["endpoint_s"] - t["speech_end_s"] <= 3.5, t
    star = a["analysis"]["structure"].get("star", {})
    assert star.get("result", {}).get("present") is True
    return a


def test_round_from_a_file_at_real_time_pace(tmp_path, answer_wav):
    wav, composed = answer_wav
    padded = write_wav(tmp_path / "padded.wav", np.concatenate([composed.audio, room_tone(16000 * 5, -45.0)]))
    out = practice(tmp_path / "rec", "--voice", "none", "--input-file", str(padded))
    assert out.returncode == 0, out.stderr
    a = check_saved_answer(tmp_path / "rec", composed)
    assert a["ended_by"] == "silence" and not a["partial"]


def test_silence_where_an_answer_should_be(tmp_path):
    quiet = write_wav(tmp_path / "quiet.wav", room_tone(16000 * 8, -50.0))
    out = practice(tmp_path / "rec", "--voice", "none", "--input-file", str(quiet), "--start-timeout", "4")
    assert out.returncode == 0, out.stderr
    a = session_json(tmp_path / "rec")["answers"][0]
    assert a["ended_by"] == "no-speech" and "interviewer devices" in a["analysis"]["warnings"][0]
    assert not a["analysis"]["credited"]


def test_ctrl_c_mid_answer_keeps_the_partial_answer(tmp_path, answer_wav):
    wav, composed = answer_wav
    proc = subprocess.Popen([sys.executable, "-m", "interviewer.cli", "practice", "--round", "behavioural",
                             "--count", "1", "--voice", "none", "--yes", "--input-file", str(wav),
                             "--recordings", str(tmp_path / "rec")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            # a shell without job control starts background jobs with SIGINT ignored, and a child
                            # inherits that: give it the default, so Ctrl-C reaches it however the tests were run
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 120
    answer = None
    while time.time() < deadline and answer is None:  # wait until 4 s of the answer are on disk
        answer = next((p for p in (tmp_path / "rec").glob("*/answer-01.wav") if p.stat().st_size > 44 + 4 * 32000), None)
        time.sleep(0.1)
    assert answer is not None
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err, err
    s = session_json(tmp_path / "rec")
    a = s["answers"][0]
    assert a["partial"] and a["ended_by"] == "interrupted" and s["summary"]["interrupted"] is True
    import wave
    with wave.open(str(answer)) as w:
        kept = w.getnframes() / w.getframerate()
    assert kept >= 4.0 and "checkout" in a["transcript"]["text"].lower()


def test_no_input_device_gets_a_clear_message(tmp_path):
    env = dict(os.environ, PULSE_SERVER="unix:/nonexistent/pulse")  # PortAudio then finds no device
    out = practice(tmp_path / "rec", env=env)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and ("microphone" in lines[0] or "interviewer devices" in lines[0]), out.stderr


def test_round_through_portaudio_with_an_answer_spoken_into_the_virtual_mic(tmp_path, answer_wav, virtual_audio):
    """The issue's done-when: a real round through PortAudio, answer played into `mic` after the question."""
    wav, composed = answer_wav
    env = dict(os.environ, PULSE_SINK="speaker", PULSE_SOURCE="mic.monitor")
    proc = subprocess.Popen([sys.executable, "-m", "interviewer.cli", "practice", "--round", "behavioural", "--count", "1",
                             "--no-follow-ups", "--end-silence", "3", "--yes", "--recordings", str(tmp_path / "rec")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 120
    while time.time() < deadline and not list((tmp_path / "rec").glob("*/answer-01.wav")):
        time.sleep(0.05)  # the question is spoken first; recording starts after it
    player = subprocess.run(["paplay", "--device=mic", str(wav)], timeout=60)
    assert player.returncode == 0
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    a = check_saved_answer(tmp_path / "rec", composed)
    assert a["ended_by"] == "silence"

"""Turn-taking through PortAudio on the PulseAudio virtual devices, with the interviewer's voice looped
back into the microphone (module-loopback speaker.monitor -> mic), as on a laptop without headphones."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import write_wav
from interviewer.synth import compose

CODING = ["Let me think about this. I would keep a hash map from each value to its index.", 14.0,
          "Then I scan the array once, and for each number I look up its complement in the map.", 0.8,
          "It runs in linear time and linear space. I'm done."]
BEHAVIOURAL = ["Last year our checkout service kept timing out during sales.", 0.8,
               "I was asked to fix it before the next launch.", 0.8,
               "I profiled the service, I found a slow database query, and I added an index and a cache.", 3.0,
               "As a result, the error rate fell from five percent to under one percent."]


@pytest.fixture
def loopback(virtual_audio):
    """The interviewer's voice fed into the mic at full level (the worst case for keeping it out of the
    answer); unloaded afterwards. Yields the module id."""
    out = subprocess.run(["pactl", "load-module", "module-loopback", "source=speaker.monitor", "sink=mic",
                          "latency_msec=60"], capture_output=True, text=True, timeout=10)
    assert out.returncode == 0, out.stderr
    module = out.stdout.strip()
    try:
        yield module
    finally:
        subprocess.run(["pactl", "unload-module", module], timeout=10)


def echo_level(module: str, db: float) -> None:
    """Set the loopback's gain: a laptop's speaker reaches its own microphone well below the voice of
    the person in front of it."""
    listing = subprocess.run(["pactl", "list", "sink-inputs"], capture_output=True, text=True, timeout=10).stdout
    index = None
    for block in listing.split("Sink Input #")[1:]:
        if f"Owner Module: {module}\n" in block:
            index = block.split("\n", 1)[0].strip()
    assert index is not None, listing
    subprocess.run(["pactl", "set-sink-input-volume", index, f"{db}dB"], check=True, timeout=10)


def spoken(voice, tmp_path: Path, script: list, tail_s: float) -> Path:
    composed = compose(script, voice, lead_s=0.8, tail_s=tail_s, room_db=-50.0)
    return write_wav(tmp_path / "answer.wav", composed.audio)


def practice(tmp_path: Path, wav: Path, *flags: str) -> dict:
    env = dict(os.environ, PULSE_SINK="speaker", PULSE_SOURCE="mic.monitor")
    rec = tmp_path / "rec"
    proc = subprocess.Popen([sys.executable, "-m", "interviewer.cli", "practice", "--count", "1", "--no-follow-ups",
                             "--yes", "--seed", "1", "--recordings", str(rec), *flags],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 180
    while time.time() < deadline and not list(rec.glob("*/answer-01.wav")) and proc.poll() is None:
        time.sleep(0.05)  # the question is spoken first; recording starts after it
    time.sleep(0.3)       # let the question's echo die away
    player = subprocess.run(["paplay", "--device=mic", str(wav)], timeout=120)
    assert player.returncode == 0
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    session = json.loads(next(rec.glob("*/session.json")).read_text())
    answer = session["answers"][0]
    answer["_folder"] = next(rec.glob("*/"))
    return answer


def test_coding_answer_gets_a_nudge_in_its_silence_and_ends_on_im_done(tmp_path, voice, loopback):
    wav = spoken(voice, tmp_path, CODING, tail_s=8.0)
    a = practice(tmp_path, wav, "--round", "coding", "--nudge-after", "5")
    events = a["events"]
    print(json.dumps(events), a["timings"], a["ended_by"])
    nudges = [e for e in events if e["type"] == "nudge"]
    windows = [e for e in events if e["type"] == "interviewer-speech"]
    assert len(nudges) == 1 and windows and windows[0]["end"] - windows[0]["t"] >= 1.0
    assert not windows[0].get("interrupted") and -4.0 <= windows[0]["echo_gain_db"] <= 4.0, windows[0]  # echo at 0 dB
    # the nudge came inside the candidate's long silence, and that silence did not end the answer
    long_pause = max(a["analysis"]["delivery"]["pauses"], key=lambda p: p["duration"])
    assert long_pause["duration"] >= 12.0, long_pause
    assert long_pause["start"] + 4.5 <= nudges[0]["t"] <= long_pause["start"] + 7.0
    assert windows[0]["end"] <= long_pause["end"]
    # the nudge's words are in the recording but not in the transcript
    text = a["transcript"]["text"].lower()
    assert "complement" in text and "hash map" in text
    nudge_words = {w.strip("?.,'").lower() for w in nudges[0]["text"].split()} - {"you", "what", "are", "me", "for"}
    heard_in_window = [w["word"] for w in a["transcript"]["words"]
                       if windows[0]["t"] <= w["start"] <= windows[0]["end"]]
    assert not heard_in_window, heard_in_window
    assert not any(w in text.split() for w in nudge_words if len(w) > 4), (nudge_words, text)
    from interviewer.audio.decode import read_audio
    audio = read_audio(a["_folder"] / a["audio"])
    seg = audio[int(windows[0]["t"] * 16000): int(windows[0]["end"] * 16000)]
    assert 20 * np.log10(np.sqrt(np.mean(seg ** 2)) + 1e-9) > -35  # the WAV keeps the real audio
    assert a["ended_by"] == "said-done"
    t = a["timings"]
    assert t["endpoint_s"] - t["speech_end_s"] <= 1.5, t   # the goal for a closing phrase
    assert a["analysis"]["delivery"]["nudges"] == 1


TALK_OVER = ["I would keep a hash map from each value to its index.", 5.6,
             "So for each number I look up its complement in the map and that gives me the pair "
             "in one pass over the array.", 0.8, "It runs in linear time. I'm done."]


def test_talking_over_a_nudge_stops_it_and_the_words_after_are_kept(tmp_path, voice, loopback):
    """The candidate starts again about 0.6 s into the nudge (said at 5 s of silence): the nudge stops early,
    its window is marked interrupted, and what the candidate says once it has stopped is transcribed.
    The echo is 20 dB below the candidate: with no echo cancellation, a candidate no louder than the
    interviewer's own echo cannot be told from it (README, Known limits)."""
    echo_level(loopback, -20.0)
    wav = spoken(voice, tmp_path, TALK_OVER, tail_s=6.0)
    a = practice(tmp_path, wav, "--round", "coding", "--nudge-after", "5")
    events = a["events"]
    print(json.dumps(events), a["timings"], a["ended_by"], a["transcript"]["text"])
    nudges = [e for e in events if e["type"] == "nudge"]
    windows = [e for e in events if e["type"] == "interviewer-speech"]
    assert len(nudges) == 1 and len(windows) == 1
    assert windows[0].get("interrupted") is True
    assert -24.0 <= windows[0]["echo_gain_db"] <= -16.0, windows[0]   # the echo was set 20 dB down
    # a nudge takes 1.5 to 2.5 s to say; it stopped within about a second of the candidate starting
    assert windows[0]["end"] - windows[0]["t"] <= 1.6, windows[0]
    text = a["transcript"]["text"].lower()
    assert "one pass" in text and "linear time" in text, text
    assert a["ended_by"] == "said-done"


def test_behavioural_pause_before_the_result_is_not_cut_and_feedback_starts_within_3_s(tmp_path, voice, loopback):
    wav = spoken(voice, tmp_path, BEHAVIOURAL, tail_s=8.0)
    a = practice(tmp_path, wav, "--round", "behavioural")
    t = a["timings"]
    print(a["ended_by"], t)
    text = a["transcript"]["text"].lower()
    assert "one percent" in text or "1%" in text, text
    assert a["ended_by"] == "silence"
    assert a["analysis"]["structure"]["star"]["result"]["present"] is True
    assert not a["events"]                     # no nudges in a behavioural round
    wait = t["feedback_spoken_s"] - t["speech_end_s"]
    print(f"feedback spoken {wait:.2f} s after the last word")
    assert wait <= 3.0, t

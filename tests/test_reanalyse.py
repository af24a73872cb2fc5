"""reanalyse: the current analysis on stored WAVs, the earlier one kept in history."""
from __future__ import annotations

import json

from conftest import write_wav
from interviewer import __version__
from interviewer.cli import main
from interviewer.reanalyse import reanalyse_session
from interviewer.store import load_session
from sessionkit import answer, star, write_session


def test_reanalyse_runs_the_real_analysis_and_keeps_the_old_one(tmp_path, piper_sentence, whisper):
    audio, rate = piper_sentence
    old = answer(1, "b1", "something else entirely", duration=5.0, fillers_pm=0.0, structure=star(), gaps=["result"])
    folder = write_session(tmp_path, "20260101-100000-aaaa", [old], wavs=False)
    write_wav(folder / "answer-01.wav", audio, rate)
    session = load_session(folder)
    lines = reanalyse_session(folder, session, whisper)
    assert lines[0].startswith("answer 1:")
    saved = load_session(folder)["answers"][0]
    assert "difficult project" in saved["analysis"]["transcript"]["text"].lower()
    assert saved["analysis"]["analysis_version"] == __version__ and saved["transcript"] == saved["analysis"]["transcript"]
    assert saved["history"][0]["analysis"]["transcript"]["text"] == "something else entirely"
    assert saved["history"][0]["version"] == "unknown" and saved["history"][0]["replaced"]


def test_reanalyse_skips_missing_recordings_and_refuses_bad_sessions(tmp_path, capsys):
    folder = write_session(tmp_path, "20260101-100000-aaaa",
                           [answer(1, "b1", "I led it.", duration=3.0, fillers_pm=0.0, structure=star(), gaps=[])], wavs=False)
    assert main(["reanalyse", "latest", "--recordings", str(tmp_path)]) == 0
    assert "skipped, its recording answer-01.wav is missing" in capsys.readouterr().out
    assert "history" not in load_session(folder)["answers"][0]
    data = json.loads((folder / "session.json").read_text())
    data["schema_version"] = 2
    (folder / "session.json").write_text(json.dumps(data))
    assert main(["reanalyse", str(folder), "--recordings", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "schema_version 2, this interviewer reads 1" in err

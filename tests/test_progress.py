"""progress: figures by hand from the fixture sessions, the index kept in step, the PNG, bad sessions."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from interviewer import index
from interviewer.cli import main
from sessionkit import progress_sessions, star

DOCS = Path(__file__).resolve().parents[1] / "docs"


def progress_json(root, capsys, *extra) -> dict:
    assert main(["progress", "--json", "--recordings", str(root), *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_figures_match_the_sessions_by_hand(tmp_path, capsys):
    progress_sessions(tmp_path)
    got = progress_json(tmp_path, capsys)
    s = got["sessions"]
    assert [r["session"] for r in s] == [f"2026010{i + 1}-100000-000{i}" for i in range(4)]
    assert [r["fillers_per_minute"] for r in s] == [10.5, 7.0, 4.5, 1.5]          # (12+9)/2, (8+6)/2, ...
    assert [r["parts_covered"] for r in s] == [0.25, 0.5, 0.75, 1.0]               # (1+1)/8, (2+2)/8, (3+3)/8, 8/8
    assert [r["nudges"] for r in s] == [1.5, 1.0, 0.5, 0.0]
    # "So I led it." ends at 1.6+0.3; the pause adds `gap` to the usual 0.1 s between words.
    assert [r["longest_pause_s"] for r in s] == [3.1, 2.1, 1.6, 1.1]
    assert [r["time_to_first_word_s"] for r in s] == [0.6] * 4
    assert [r["length_s"] for r in s] == [30.0, 50.0, 70.0, 90.0]
    assert [r["length_off_target_s"] for r in s] == [30.0, 10.0, 0.0, 0.0]        # target 60 to 120 s
    assert got["weak_areas"]["answers"] == 8  # --last 10 by default, and there are 8
    weak = progress_json(tmp_path, capsys, "--last", "4")["weak_areas"]  # sessions 3 and 4
    assert weak["answers"] == 4
    assert weak["parts"] == [{"part": "result", "missing": 1, "share": 0.25}, {"part": "task", "missing": 1, "share": 0.25}]
    assert progress_json(tmp_path, capsys, "--last", "8")["weak_areas"]["parts"][0] == \
        {"part": "result", "missing": 5, "share": 0.625}
    assert progress_json(tmp_path, capsys, "--round", "coding")["sessions"] == []


def test_the_index_is_rebuilt_only_for_a_changed_session(tmp_path, capsys):
    folders = progress_sessions(tmp_path)
    assert len(index.sync(tmp_path)["rebuilt"]) == 4
    assert (tmp_path / ".index.sqlite").is_file()
    assert index.sync(tmp_path)["rebuilt"] == []
    data = json.loads((folders[0] / "session.json").read_text())
    data["answers"][0]["analysis"]["delivery"]["fillers_per_minute"] = 30.0
    (folders[0] / "session.json").write_text(json.dumps(data))
    os.utime(folders[0] / "session.json", ns=(1, 1))  # a different mtime even on a coarse clock
    assert progress_json(tmp_path, capsys)["sessions"][0]["fillers_per_minute"] == 19.5  # (30+9)/2
    assert index.sync(tmp_path)["rebuilt"] == []
    import shutil
    shutil.rmtree(folders[1])
    assert len(progress_json(tmp_path, capsys)["sessions"]) == 3
    rows = sqlite3.connect(tmp_path / ".index.sqlite").execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    assert rows == 6


def test_plot_is_a_png(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    progress_sessions(tmp_path / "rec")
    out = tmp_path / "p.png"
    assert main(["progress", "--plot", str(out), "--recordings", str(tmp_path / "rec")]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    assert "Most often missing" in capsys.readouterr().out
    if os.environ.get("UPDATE_DOCS") == "1" or not (DOCS / "progress.png").exists():  # the README's picture
        DOCS.mkdir(exist_ok=True)
        assert main(["progress", "--plot", str(DOCS / "progress.png"), "--recordings", str(tmp_path / "rec")]) == 0


def test_corrupt_and_old_sessions_are_skipped_with_one_line_each(tmp_path, capsys):
    folders = progress_sessions(tmp_path)
    (folders[0] / "session.json").write_text("{not json")
    data = json.loads((folders[1] / "session.json").read_text())
    data["schema_version"] = 0
    (folders[1] / "session.json").write_text(json.dumps(data))
    got = progress_json(tmp_path, capsys)
    assert len(got["sessions"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 0  # already read by progress_json; run again to see the warnings
    assert main(["progress", "--recordings", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "is corrupt" in err and "schema_version 0" in err and "Traceback" not in err
    assert err.count("interviewer: skipped") == 2

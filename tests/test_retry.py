"""Retries: earlier attempts of a question found across sessions, each figure's change, the practice hook."""
from __future__ import annotations

import io
import json

from rich.console import Console

from interviewer.cli import main
from interviewer.retry import compare, comparisons, earlier_attempts, parse_spec
from interviewer.retry_practice import prepare
from interviewer.store import SessionStore, iter_sessions, load_session
from sessionkit import progress_sessions

import pytest
from interviewer.errors import UserError


def test_earlier_attempts_and_the_change_in_each_figure(tmp_path):
    progress_sessions(tmp_path)
    sessions = list(iter_sessions(tmp_path))
    last_id, last = sessions[-1][1]["id"], sessions[-1][1]["answers"][0]
    earlier = earlier_attempts(sessions, last_id, last)
    assert len(earlier) == 3 and all(a["question"]["id"] == "b1" for a in earlier)
    rows = {r["key"]: r for r in compare(last, earlier)}
    assert rows["fillers_per_minute"]["earlier"] == [12.0, 8.0, 5.0]
    assert rows["fillers_per_minute"]["change"] == -3.0 and rows["fillers_per_minute"]["better"] is True
    assert rows["parts_covered"]["change"] == 0.25 and rows["parts_covered"]["better"] is True
    assert rows["longest_pause_s"]["change_text"] == "-0.5 s"
    assert rows["words_per_minute"]["better"] is None  # 150 both times: no change
    assert rows["length_s"]["change"] == 20.0 and rows["length_s"]["better"] is None  # both inside 60 to 120 s
    assert comparisons(sessions, sessions[0][1]) == {}  # the first session has nothing to compare with


def test_retry_spec_and_the_practice_hook(tmp_path):
    progress_sessions(tmp_path)
    assert parse_spec("latest:2") == ("latest", 2)
    with pytest.raises(UserError, match="SESSION:N"):
        parse_spec("latest")
    with pytest.raises(UserError, match="no session nosuch; closest"):
        prepare("nosuch:1", tmp_path)
    retry = prepare("latest:1", tmp_path)
    assert retry.question.id == "b1" and retry.question.target_s == (60, 120)
    assert retry.retry_of == {"session": "20260104-100000-0003", "n": 1}

    class UI:
        console = Console(file=io.StringIO(), width=100)
        def feedback(self, analysis):
            self.console.print("feedback shown")

    store, ui = SessionStore.create("behavioural", root=tmp_path), UI()
    retry.attach(store, ui)
    answer = json.loads(json.dumps(load_session(tmp_path / "20260101-100000-0000")["answers"][0]))
    answer.pop("retry_of")
    store.append_answer(answer)
    ui.feedback(answer["analysis"])
    follow = dict(answer, n=2, follow_up_of="b1")
    follow.pop("retry_of")
    store.append_answer(follow)
    saved = load_session(store.path)["answers"]
    assert saved[0]["retry_of"] == {"session": "20260104-100000-0003", "n": 1} and "retry_of" not in saved[1]
    out = ui.console.file.getvalue()
    assert "feedback shown" in out and "Against your earlier attempts" in out and "12 → 8 → 5 → 2" in out


def test_the_report_shows_the_change_against_earlier_attempts(tmp_path):
    progress_sessions(tmp_path)
    assert main(["report", "latest", "--recordings", str(tmp_path)]) == 0
    html = next(p for p in tmp_path.glob("*/report.html")).read_text()
    assert "Against earlier attempts" in html and '<tr class="better"><th>fillers a minute</th>' in html
    assert "recording answer-01.wav is missing" in html  # these fixture sessions have no WAVs

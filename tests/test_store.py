import os

import pytest

from interviewer import store
from interviewer.errors import UserError
from interviewer.store import SessionStore, list_sessions, load_session, recordings_dir


def test_recordings_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("INTERVIEWER_RECORDINGS", raising=False)
    assert str(recordings_dir(None)) == "recordings"
    monkeypatch.setenv("INTERVIEWER_RECORDINGS", str(tmp_path / "env"))
    assert recordings_dir(None) == tmp_path / "env"
    assert recordings_dir(str(tmp_path / "flag")) == tmp_path / "flag"


def test_session_lifecycle(tmp_path):
    s = SessionStore.create("behavioural", {"voice": "piper"}, root=tmp_path)
    assert s.path.parent == tmp_path and s.path.name == s.id
    assert s.wav_path("answer", 3) == s.path / "answer-03.wav"
    with pytest.raises(ValueError):
        s.wav_path("nonsense", 1)
    s.append_answer({"question_id": "b1", "seconds": 42.0})
    on_disk = load_session(s.path)
    assert on_disk["schema_version"] == 1 and on_disk["answers"] == [{"question_id": "b1", "seconds": 42.0}]
    assert on_disk["finished"] is None
    s.append_answer({"question_id": "b2"})
    s.finish({"score": 3})
    data = load_session(s.path / "session.json")
    assert [a["question_id"] for a in data["answers"]] == ["b1", "b2"]
    assert data["summary"] == {"score": 3} and data["finished"]
    assert sorted(os.listdir(s.path)) == ["session.json"]  # no temp files left behind


def test_ids_sort_by_time_and_listing(tmp_path):
    a = SessionStore.create("technical", root=tmp_path)
    b = SessionStore.create("technical", root=tmp_path)
    assert a.id != b.id and len(a.id) == len("20261125-221530-ab12")
    (tmp_path / "junk").mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "session.json").write_text("{not json")
    ids = [x["id"] for x in list_sessions(tmp_path)]
    assert sorted(ids) == sorted([a.id, b.id])


def test_interrupted_write_keeps_previous_file(tmp_path, monkeypatch):
    s = SessionStore.create("behavioural", root=tmp_path)
    s.append_answer({"n": 1})
    before = (s.path / "session.json").read_bytes()

    import interviewer.atomic as atomic

    real_fsync = atomic.os.fsync

    def die_mid_write(fd):  # the new JSON is in the temp file but not yet renamed: Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", die_mid_write)
    with pytest.raises(KeyboardInterrupt):
        s.append_answer({"n": 2})
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    assert (s.path / "session.json").read_bytes() == before
    assert [a["n"] for a in load_session(s.path)["answers"]] == [1]
    assert sorted(os.listdir(s.path)) == ["session.json"]


def test_corrupt_and_unknown_schema_are_user_errors(tmp_path):
    (tmp_path / "session.json").write_text('{"answers": [')
    with pytest.raises(UserError, match="corrupt"):
        load_session(tmp_path)
    (tmp_path / "session.json").write_text('{"schema_version": 99}')
    with pytest.raises(UserError, match="schema_version 99"):
        load_session(tmp_path)
    with pytest.raises(UserError, match="no session"):
        load_session(tmp_path / "missing")


def test_unwritable_root_is_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="--recordings"):
        SessionStore.create("behavioural", root=blocker / "sub")

"""Every session command resolves SESSION the same way, and one bad session never stops the others."""
from __future__ import annotations

import pytest

from interviewer.cli import main
from sessionkit import progress_sessions

COMMANDS = [["replay"], ["report"], ["export", "--format", "md"], ["reanalyse"]]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_an_unknown_id_gets_the_closest_ids(tmp_path, capsys, cmd):
    progress_sessions(tmp_path)
    assert main([cmd[0], "20260103-100000-0002x", *cmd[1:], "--recordings", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("interviewer: error: no session 20260103-100000-0002x; closest: 20260103-100000-0002")


@pytest.mark.parametrize("cmd", COMMANDS)
def test_corrupt_and_old_sessions_are_one_line_and_the_rest_still_work(tmp_path, capsys, cmd, monkeypatch):
    folders = progress_sessions(tmp_path)
    (folders[0] / "session.json").write_text('{"schema_version": 1, "id": ')
    (folders[1] / "session.json").write_text('{"schema_version": 0, "id": "x", "answers": []}')
    monkeypatch.setenv("INTERVIEWER_RECORDINGS", str(tmp_path))  # the environment instead of --recordings
    for folder, words in ((folders[0], "is corrupt"), (folders[1], "schema_version 0")):
        assert main([cmd[0], folder.name, *cmd[1:]]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and words in err and "Traceback" not in err
    if cmd[0] != "reanalyse":  # reanalyse would load Whisper; its own tests cover it
        assert main([cmd[0], "latest", *cmd[1:]]) == 0
        assert main([cmd[0], "202601", *cmd[1:]]) == 2  # a prefix shared by several
        assert "more than one session starts with" in capsys.readouterr().err
    assert main(["replay"]) == 0
    out = capsys.readouterr().out
    assert folders[3].name in out and folders[0].name not in out


def test_lookup_by_prefix_and_by_path(tmp_path, capsys):
    folders = progress_sessions(tmp_path)
    assert main(["export", "20260102", "--format", "json", "--recordings", str(tmp_path)]) == 0
    assert '"id": "20260102-100000-0001"' in capsys.readouterr().out
    assert main(["export", str(folders[2] / "session.json"), "--format", "json"]) == 0
    assert '"id": "20260103-100000-0002"' in capsys.readouterr().out

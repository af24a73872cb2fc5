"""Session folders: recordings/<session-id>/session.json plus the round's WAVs.

session.json is rewritten atomically (temp file in the same folder, fsync,
os.replace) after every answer, so a crash or Ctrl-C mid-round keeps every
answer completed so far and never leaves a half-written file.
"""
from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from .atomic import write_atomic

from .errors import UserError

SCHEMA_VERSION = 1
SESSION_FILE = "session.json"
WAV_KINDS = ("answer", "question", "feedback")


def recordings_dir(flag: str | None = None) -> Path:
    """--recordings flag, else $INTERVIEWER_RECORDINGS, else ./recordings."""
    return Path(flag or os.environ.get("INTERVIEWER_RECORDINGS") or "recordings").expanduser()


def new_session_id(now: float | None = None) -> str:
    """Sortable by time, unique enough for one machine: 20261125-221530-ab12."""
    return time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + "-" + secrets.token_hex(2)


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


class SessionStore:
    def __init__(self, path: Path, data: dict[str, Any]):
        self.path, self.data = Path(path), data

    @property
    def id(self) -> str:
        return self.data["id"]

    @classmethod
    def create(cls, round: str, meta: dict[str, Any] | None = None, root: str | Path | None = None) -> "SessionStore":
        root = Path(root) if root is not None else recordings_dir()
        try:
            root.mkdir(parents=True, exist_ok=True)
            while True:
                sid = new_session_id()
                try:
                    (root / sid).mkdir()
                    break
                except FileExistsError:
                    continue
        except OSError as e:
            raise UserError(f"cannot create a session folder in {root} ({e.strerror}): "
                            "choose another with --recordings or INTERVIEWER_RECORDINGS") from e
        data = {"schema_version": SCHEMA_VERSION, "id": sid, "round": round,
                "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "finished": None,
                "meta": dict(meta or {}), "answers": [], "summary": None}
        store = cls(root / sid, data)
        store._save()
        return store

    def wav_path(self, kind: str, n: int) -> Path:
        """e.g. wav_path("answer", 1) -> <session>/answer-01.wav (n counts from 1)."""
        if kind not in WAV_KINDS:
            raise ValueError(f"kind must be one of {WAV_KINDS}, not {kind!r}")
        return self.path / f"{kind}-{n:02d}.wav"

    def append_answer(self, answer: dict[str, Any]) -> None:
        self.data["answers"].append(answer)
        self._save()

    def save(self) -> None:
        """Write after changing an answer already appended (e.g. its feedback audio)."""
        self._save()

    def finish(self, summary: dict[str, Any]) -> None:
        self.data["summary"] = summary
        self.data["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self._save()

    def _save(self) -> None:
        write_json_atomic(self.path / SESSION_FILE, self.data)


def load_session(path: str | Path) -> dict[str, Any]:
    """A session.json (or the folder holding it), checked for schema version."""
    path = Path(path)
    file = path / SESSION_FILE if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"no session found at {file}: run `interviewer practice` to record one") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"{file} is corrupt ({e.__class__.__name__}): delete the folder or restore it") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        found = data.get("schema_version") if isinstance(data, dict) else None
        raise UserError(f"{file} has schema_version {found!r}, this interviewer reads {SCHEMA_VERSION}: "
                        "upgrade interviewer or re-record the session")
    return data


def iter_sessions(root: str | Path | None = None):
    """(folder, session dict) for each readable session under `root`, oldest first.

    A corrupt or foreign session.json is skipped here, so one bad folder never
    stops the commands that read all sessions (progress, retry, listing).
    """
    root = Path(root) if root is not None else recordings_dir()
    for folder in sorted(p for p in root.glob("*") if (p / SESSION_FILE).is_file()):
        try:
            yield folder, load_session(folder)
        except UserError:
            continue


def list_sessions(root: str | Path | None = None) -> list[dict[str, Any]]:
    """Readable sessions under `root`, oldest first; unreadable folders are skipped."""
    return [{"id": data["id"], "path": str(folder), "round": data.get("round"),
             "started": data.get("started"), "finished": data.get("finished"),
             "answers": len(data.get("answers", []))} for folder, data in iter_sessions(root)]


def find_session(spec: str | None, root: str | Path | None = None) -> Path:
    """The one place a SESSION argument is resolved: a folder or session.json path,
    'latest' (or nothing), a full id, or a unique id prefix. Unknown ids get the
    closest ids as suggestions, so a typo costs one look, not a listing."""
    import difflib

    root = Path(root) if root is not None else recordings_dir()
    if spec and spec != "latest" and Path(spec).exists():
        path = Path(spec)
        return path.parent if path.is_file() else path
    if not spec or spec == "latest":
        sessions = list_sessions(root)
        if not sessions:
            raise UserError(f"no saved sessions in {root}: run `interviewer practice` or `interviewer demo` first")
        return Path(sessions[-1]["path"])
    # Folder names, not parsed ids: a corrupt session can still be named and then get its own error.
    ids = sorted(p.name for p in root.glob("*") if (p / SESSION_FILE).is_file())
    if spec in ids:
        return root / spec
    matches = [i for i in ids if i.startswith(spec)]
    if len(matches) == 1:
        return root / matches[0]
    if matches:
        raise UserError(f"more than one session starts with {spec!r}: {', '.join(matches[:5])}")
    close = difflib.get_close_matches(spec, ids, n=3, cutoff=0.0) if ids else []
    hint = f"; closest: {', '.join(close)}" if close else f"; there are no saved sessions in {root}"
    raise UserError(f"no session {spec}{hint}")

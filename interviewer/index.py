"""A SQLite index of every answer's figures, kept beside the sessions (recordings/.index.sqlite).

The folders stay the source of truth: a session's rows are rebuilt whenever its
session.json changes size or modification time, and dropped when the folder goes.
So progress reads one small table instead of parsing every session each time.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .errors import UserError
from .figures import answer_figures
from .store import SESSION_FILE, load_session

INDEX_FILE = ".index.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (folder TEXT PRIMARY KEY, id TEXT, round TEXT, started TEXT,
                                     mtime_ns INTEGER, size INTEGER, error TEXT);
CREATE TABLE IF NOT EXISTS answers (folder TEXT, n INTEGER, question_id TEXT, follow_up INTEGER,
                                    figures TEXT, PRIMARY KEY (folder, n));
"""
INDEX_VERSION = 1  # bump when answer_figures changes, so old rows are rebuilt


def _connect(root: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(root / INDEX_FILE)
        db.execute("SELECT 1")
    except sqlite3.Error:
        db = sqlite3.connect(":memory:")  # a read-only recordings folder still gets its trends
    if db.execute("PRAGMA user_version").fetchone()[0] != INDEX_VERSION:
        db.executescript("DROP TABLE IF EXISTS sessions; DROP TABLE IF EXISTS answers;")
        db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
    db.executescript(SCHEMA)
    return db


def sync(root: Path) -> dict:
    """Bring the index up to date. Returns {"rebuilt": [folder names], "skipped": ["name: reason"]}."""
    root = Path(root)
    if not root.is_dir():
        raise UserError(f"no recordings folder at {root}: run `interviewer practice` first, or pass --recordings")
    db = _connect(root)
    known = {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT folder, mtime_ns, size, error FROM sessions")}
    seen, rebuilt, skipped = set(), [], []
    for folder in sorted(p for p in root.iterdir() if (p / SESSION_FILE).is_file()):
        st = (folder / SESSION_FILE).stat()
        seen.add(folder.name)
        old = known.get(folder.name)
        if old and old[:2] == (st.st_mtime_ns, st.st_size):
            if old[2]:
                skipped.append(f"{folder.name}: {old[2]}")
            continue
        rebuilt.append(folder.name)
        db.execute("DELETE FROM answers WHERE folder = ?", (folder.name,))
        try:
            data = load_session(folder)
            error = None
        except UserError as e:
            data, error = {}, str(e)
            skipped.append(f"{folder.name}: {error}")
        db.execute("INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (folder.name, data.get("id"), data.get("round"), data.get("started"), st.st_mtime_ns, st.st_size, error))
        for a in data.get("answers", []):
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                       (folder.name, a.get("n"), (a.get("question") or {}).get("id"), int(bool(a.get("follow_up_of"))),
                        json.dumps(answer_figures(a))))
    for gone in set(known) - seen:
        db.execute("DELETE FROM sessions WHERE folder = ?", (gone,))
        db.execute("DELETE FROM answers WHERE folder = ?", (gone,))
    db.commit()
    db.close()
    return {"rebuilt": rebuilt, "skipped": skipped}


def answers(root: Path, round_: str | None = None) -> list[dict]:
    """Indexed answers that are not follow-ups, oldest session first."""
    db = _connect(Path(root))
    rows = db.execute("SELECT s.folder, s.id, s.round, s.started, a.n, a.question_id, a.figures FROM answers a "
                      "JOIN sessions s USING (folder) WHERE s.error IS NULL AND a.follow_up = 0 "
                      "AND (? IS NULL OR s.round = ?) ORDER BY s.started, s.folder, a.n", (round_, round_)).fetchall()
    db.close()
    return [{"session": r[1], "round": r[2], "started": r[3], "n": r[4], "question_id": r[5], **json.loads(r[6])}
            for r in rows]

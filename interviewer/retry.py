"""Retries: earlier attempts of the same question, and how each figure changed. Pure functions.

An attempt is any answer (not a follow-up) to the same question id, in an earlier
session or earlier in the same one. Sessions come in as (folder, dict) pairs, as
store.iter_sessions yields them, so this module never touches the disk.
"""
from __future__ import annotations

from .figures import FIGURES, answer_figures, distance


def parse_spec(spec: str) -> tuple[str, int]:
    """'SESSION:N' -> (session, N); SESSION may be an id, a prefix, 'latest' or a folder."""
    from .errors import UserError

    session, sep, n = spec.rpartition(":")
    if not sep or not session or not n.isdigit() or int(n) < 1:
        raise UserError(f"--retry takes SESSION:N, e.g. latest:1, not {spec!r}")
    return session, int(n)


def earlier_attempts(sessions, session_id: str, answer: dict) -> list[dict]:
    """Answers to the same question before `answer` of session `session_id`, oldest first."""
    qid = (answer.get("question") or {}).get("id")
    found = []
    for _, data in sessions:
        if data.get("id", "") > session_id:
            continue
        for a in data.get("answers", []):
            same = data.get("id") == session_id
            if same and a.get("n", 0) >= answer.get("n", 0):
                continue
            if not a.get("follow_up_of") and (a.get("question") or {}).get("id") == qid and a.get("analysis"):
                found.append(a)
    return found


def _text(v, unit: str) -> str:
    return "-" if v is None else f"{v:.2f}".rstrip("0").rstrip(".") + unit


def compare(answer: dict, earlier: list[dict]) -> list[dict]:
    """One row per figure: the earlier values, now, the change against the last attempt, and whether
    that is better (True), worse (False) or neither (None)."""
    if not earlier:
        return []
    now = answer_figures(answer)
    before = [answer_figures(a) for a in earlier]
    rows = []
    for key, label, unit, way in FIGURES:
        last = before[-1].get(key)
        value = now.get(key)
        change = None if value is None or last is None else round(value - last, 2)
        better = None
        if change:
            if way == "range":
                d_now, d_then = distance(key, now), distance(key, before[-1])
                better = None if d_now == d_then else d_now < d_then
            else:
                better = (change < 0) == (way == "lower")
        rows.append({"key": key, "label": label, "now": value, "earlier": [b.get(key) for b in before],
                     "change": change, "better": better, "now_text": _text(value, unit),
                     "earlier_text": [_text(b.get(key), unit) for b in before],
                     "change_text": "-" if change is None else ("no change" if change == 0 else f"{change:+.2f}".rstrip("0").rstrip(".") + unit)})
    return rows


def comparisons(sessions, session: dict) -> dict[int, list[dict]]:
    """answer n -> comparison rows, for every answer of `session` that has earlier attempts."""
    sessions = list(sessions)
    out = {}
    for a in session.get("answers", []):
        if a.get("follow_up_of"):
            continue
        rows = compare(a, earlier_attempts(sessions, session.get("id", ""), a))
        if rows:
            out[a.get("n")] = rows
    return out

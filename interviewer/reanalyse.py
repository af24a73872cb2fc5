"""Run the current analysis again on a session's stored answer WAVs, keeping what it said before.

The earlier analysis moves to answers[i].history with the version that made it,
so a rule change never silently rewrites the record. session.json is replaced
atomically once, after every answer is done, so a crash leaves the old file whole.
"""
from __future__ import annotations

import time
from pathlib import Path

from . import __version__
from .errors import UserError
from .store import write_json_atomic, SESSION_FILE


def _question(answer: dict, session: dict):
    from .model import Question

    q = dict(answer.get("question") or {})
    q["target_s"] = tuple(q.get("target_s") or (60.0, 120.0))
    q.setdefault("round", session.get("round"))
    try:
        return Question(**{k: v for k, v in q.items() if k in Question.__dataclass_fields__})
    except TypeError:
        raise UserError(f"answer {answer.get('n')} has no usable question, so it cannot be analysed again") from None


def _asked_gap(answer: dict, session: dict) -> str | None:
    """The gap a follow-up asked about: the first gap of the answer it followed, as recorded then."""
    if not answer.get("follow_up_of"):
        return None
    for a in session.get("answers", []):
        if (a.get("question") or {}).get("id") == answer["follow_up_of"] and a.get("n", 0) < answer.get("n", 0):
            history = a.get("history") or []
            gaps = (history[0]["analysis"] if history else a.get("analysis") or {}).get("gaps") or []
            return gaps[0] if gaps else None
    return None


def reanalyse_session(folder: Path, session: dict, transcriber=None, progress=None) -> list[str]:
    """Re-analyse every answer whose WAV is present; returns one line per answer. Saves session.json."""
    from .analyse import analyse_file
    from .coach.follow_up import judge_follow_up

    lines = []
    for a in session.get("answers", []):
        wav = folder / (a.get("audio") or "")
        if not a.get("audio") or not wav.is_file():
            lines.append(f"answer {a.get('n')}: skipped, its recording {a.get('audio')} is missing")
            continue
        q = _question(a, session)
        if progress:
            progress(a)
        analysis = analyse_file(wav, q.round, q, transcriber=transcriber)
        gap = _asked_gap(a, session)
        if gap:
            analysis = judge_follow_up(analysis, gap)  # judged on what it asked, as in the live round
        new = analysis.to_dict()
        new["analysis_version"] = __version__
        old = a.get("analysis")
        if old is not None:
            a.setdefault("history", []).append({"analysis": old, "version": old.get("analysis_version", "unknown"),
                                                "replaced": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
        a["analysis"], a["transcript"] = new, new["transcript"]
        lines.append(f"answer {a.get('n')}: {len(new['feedback'])} findings, gaps: {', '.join(new['gaps']) or 'none'}")
    write_json_atomic(folder / SESSION_FILE, session)
    return lines

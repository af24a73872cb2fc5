"""Trends across sessions and the weak areas, from the indexed answer figures. Pure functions."""
from __future__ import annotations

from collections import Counter

from .figures import FIGURES

TREND_KEYS = [k for k, *_ in FIGURES if k != "length_s"] + ["length_off_target_s"]


def _mean(values: list) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 3) if vals else None


def trends(answers: list[dict]) -> list[dict]:
    """One row per session: the mean of each figure over its credited answers (not follow-ups)."""
    by_session: dict[str, list[dict]] = {}
    for a in answers:
        if a.get("credited", True):
            by_session.setdefault(a["session"], []).append(a)
    rows = []
    for sid, items in by_session.items():
        row = {"session": sid, "started": items[0]["started"], "round": items[0]["round"], "answers": len(items)}
        row.update({k: _mean([a.get(k) for a in items]) for k in TREND_KEYS})
        row["length_s"] = _mean([a.get("length_s") for a in items])
        rows.append(row)
    return rows


def weak_areas(answers: list[dict], last: int) -> dict:
    """The parts most often missing (analysis.gaps) over the last `last` credited answers."""
    recent = [a for a in answers if a.get("credited", True)][-last:] if last > 0 else []
    counts = Counter(g for a in recent for g in a.get("gaps", []))
    return {"answers": len(recent),
            "parts": [{"part": p, "missing": n, "share": round(n / len(recent), 3)}
                      for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]}


def summary(answers: list[dict], last: int, round_: str | None) -> dict:
    return {"round": round_, "sessions": trends(answers), "weak_areas": {"last": last, **weak_areas(answers, last)}}

"""The figures tracked for one answer, read from a session.json answer dict. Pure.

Progress trends and retry comparisons both use these, so a figure means the
same thing in the terminal, the report and the index.
"""
from __future__ import annotations

from .parts import parts_covered

GOOD_PACE = (120.0, 160.0)  # words a minute; the delivery feedback uses the same range

# key, label, unit, which way is better: "lower", "higher", or "range" (closer to a target range)
FIGURES = (
    ("fillers_per_minute", "fillers a minute", "", "lower"),
    ("longest_pause_s", "longest pause", " s", "lower"),
    ("time_to_first_word_s", "time to first word", " s", "lower"),
    ("words_per_minute", "words a minute", "", "range"),
    ("parts_covered", "parts covered", "", "higher"),
    ("nudges", "nudges needed", "", "lower"),
    ("length_s", "answer length", " s", "range"),
)


def outside(value: float | None, low: float, high: float) -> float | None:
    """How far a value lies outside [low, high]; 0 inside it."""
    if value is None:
        return None
    return round(max(low - value, value - high, 0.0), 2)


def answer_figures(answer: dict) -> dict:
    analysis = answer.get("analysis") or {}
    d = analysis.get("delivery") or {}
    target = (answer.get("question") or {}).get("target_s") or [60.0, 120.0]
    length = d.get("duration_s")
    return {
        "fillers_per_minute": d.get("fillers_per_minute"),
        "longest_pause_s": d.get("longest_pause_s"),
        "time_to_first_word_s": d.get("time_to_first_word_s"),
        "words_per_minute": d.get("words_per_minute"),
        "parts_covered": parts_covered(analysis.get("kind"), analysis.get("structure")),
        "nudges": sum(1 for e in answer.get("events") or [] if e.get("type") == "nudge"),
        "length_s": length,
        "target_s": [float(target[0]), float(target[1])],
        "length_off_target_s": outside(length, float(target[0]), float(target[1])),
        "gaps": list(analysis.get("gaps") or []),
        "credited": bool(analysis.get("credited", True)),
    }


def distance(key: str, figs: dict) -> float | None:
    """For "range" figures, the distance from the good range (what should shrink)."""
    if key == "words_per_minute":
        return outside(figs.get(key), *GOOD_PACE)
    if key == "length_s":
        return figs.get("length_off_target_s")
    return figs.get(key)

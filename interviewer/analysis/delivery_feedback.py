"""Findings about delivery, each with a quote and its time. Pure.

Thresholds: conversational pace is about 120-160 words a minute; speaking coaches
start flagging fillers above about 4 a minute; "silence is the enemy" in coding
and design rounds, so 3 s of dead air there is worth a note.
"""
from __future__ import annotations

from ..model import Finding, Word
from ..result import Delivery
from ..rounds import Round
from .delivery import DEAD_AIR_S, spoken_length

PACE_SLOW, PACE_FAST = 110, 175      # flagged outside these
PACE_GOOD = (120, 160)               # praised inside these
FILLERS_PER_MIN = 4.0
SLOW_START_S = 5.0
FAMILIES = ("start", "dead_air", "pace", "fillers", "hedges", "length", "nudges")  # the codes this module makes


def is_delivery(code: str) -> bool:
    """Whether a finding is about how the answer was spoken, not what it said."""
    return code.split(".")[0] in FAMILIES


def quote(words: list[Word], index: int, before: int = 3, after: int = 5) -> str:
    lo, hi = max(0, index - before), min(len(words), index + after)
    return " ".join(w.word for w in words[lo:hi])


def index_at(words: list[Word], t: float | None) -> int:
    if t is None:
        return 0
    return next((i for i, w in enumerate(words) if w.start is not None and w.start >= t - 0.05), max(0, len(words) - 1))


def _at(words: list[Word], t: float | None, before: int = 3, after: int = 5) -> tuple[str, float | None]:
    i = index_at(words, t)
    return quote(words, i, before, after), (words[i].start if words else t)


def delivery_findings(rnd: Round, d: Delivery, words: list[Word],
                      target_s: tuple[float, float] | None = None) -> list[Finding]:
    """Pace, start, fillers, hedges, length against the question's target (else the round's),
    and dead air in rounds that are thought aloud (those whose answers silence does not end)."""
    out: list[Finding] = []
    if not words:
        return out
    opening, opening_t = quote(words, 0, 0, 8), words[0].start
    ttfw = d.time_to_first_word_s
    if ttfw is not None:
        if ttfw >= SLOW_START_S:
            out.append(Finding("start.slow", "warning",
                               f"{ttfw:.1f} s of silence before your first word. Clarify the question or think aloud instead.",
                               ttfw, opening))
        elif ttfw <= 2.0:
            out.append(Finding("start.prompt", "strength", "You started promptly.", ttfw, opening))
    if rnd.endpointing.end_silence_s is None:
        for p in sorted(d.pauses, key=lambda p: -p["duration"])[:3]:
            if p["duration"] >= DEAD_AIR_S:
                q, _ = _at(words, p["start"] - 1.0, 4, 4)
                out.append(Finding("dead_air", "warning",
                                   f"{p['duration']:.1f} s of dead air. Silence is the enemy: say what you are weighing.",
                                   p["start"], q))
    wpm = d.words_per_minute
    if wpm:
        if wpm > PACE_FAST:
            out.append(Finding("pace.fast", "warning", f"{wpm:.0f} words a minute is fast; aim for 120 to 160.", opening_t, opening))
        elif wpm < PACE_SLOW:
            out.append(Finding("pace.slow", "suggestion", f"{wpm:.0f} words a minute is slow; aim for 120 to 160.", opening_t, opening))
        elif PACE_GOOD[0] <= wpm <= PACE_GOOD[1]:
            out.append(Finding("pace.good", "strength", f"You kept a conversational pace of {wpm:.0f} words a minute.", opening_t, opening))
    fillers, fpm = d.fillers, d.fillers_per_minute
    if fillers and (fpm is None and len(fillers) >= 5 or fpm is not None and fpm > FILLERS_PER_MIN):
        counts: dict[str, int] = {}
        for f in fillers:
            counts[f["word"]] = counts.get(f["word"], 0) + 1
        top = max(counts, key=counts.get)
        rate = f" ({fpm:.1f} a minute)" if fpm is not None else ""
        q, t = _at(words, fillers[0]["start"], 2, 4) if fillers[0]["start"] is not None else (opening, None)
        out.append(Finding("fillers.many", "warning",
                           f"{len(fillers)} fillers{rate}, mostly \"{top}\". Pause silently instead.", t, q))
    elif fpm is not None and len(words) >= 40:
        out.append(Finding("fillers.few", "strength", f"You used few fillers: {len(fillers)} in the answer.", opening_t, opening))
    hedges = d.hedges
    if len(hedges) >= 3:
        first = hedges[0]
        i = index_at(words, first["start"]) if first["start"] is not None else 0
        out.append(Finding("hedges.many", "suggestion",
                           f"{len(hedges)} hedges such as \"{first['phrase']}\". Hedging everything reads as inexperience; commit to a view.",
                           first["start"], quote(words, i, 2, 5)))
    low, high = target_s or rnd.target_s
    spoken, _ = spoken_length(d)
    if spoken < low * 0.6:
        out.append(Finding("length.short", "warning" if spoken < low * 0.4 else "suggestion",
                           f"About {spoken:.0f} s long; a strong {rnd.name} answer runs {low:.0f} to {high:.0f} s.",
                           opening_t, opening))
    elif spoken > high * 1.25:
        out.append(Finding("length.long", "suggestion",
                           f"About {spoken:.0f} s long; aim for {low:.0f} to {high:.0f} s and stop at the result.",
                           words[-1].start, quote(words, len(words) - 6, 0, 6)))
    return out


def nudge_findings(d: Delivery, events: list[dict], words: list[Word]) -> list[Finding]:
    """How often the interviewer had to prompt a silence (the session's nudge events)."""
    nudges = [e for e in events if e.get("type") == "nudge"]
    if not nudges:
        return []
    q, _ = _at(words, nudges[0]["t"] - 3.0, 4, 4) if words else ("", None)
    n = len(nudges)
    return [Finding("nudges.needed", "warning" if n >= 3 else "suggestion",
                    f"I had to prompt you {n} time{'s' if n != 1 else ''} when you went quiet. "
                    "Keep talking through what you are weighing, even when you are unsure.", nudges[0]["t"], q)]

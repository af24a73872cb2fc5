"""How an answer was spoken: pace, pauses, fillers and hedges. Pure functions.

Pauses come from the VAD timeline, not from gaps between Whisper's word times,
which drift after long silences (faster-whisper #120, #125).
"""
from __future__ import annotations

from ..audio.vad import pauses_between
from ..model import Span, Transcript
from .fillers import find_fillers, find_hedges
from .first_word import first_word_time

MIN_PAUSE_S = 0.25  # the usual silent-pause threshold in fluency research


def _per_minute(count: int, seconds: float | None) -> float | None:
    return round(count / seconds * 60, 1) if seconds else None


def measure(transcript: Transcript, spans: list[Span] | None, duration_s: float | None) -> dict:
    """The `delivery` object of the analyse JSON. Audio-based figures are None for text input."""
    words = transcript.words
    timed = [w for w in words if w.start is not None]
    fillers, hedges = find_fillers(words), find_hedges(words)
    if spans is None or duration_s is None:
        return {"duration_s": None, "speech_s": None, "time_to_first_word_s": None,
                "words_per_minute": None, "pauses": [], "longest_pause_s": None,
                "fillers": fillers, "fillers_per_minute": None, "hedges": hedges, "word_count": len(words)}
    speaking = (timed[-1].end - timed[0].start) if len(timed) > 1 else None
    pauses = pauses_between(spans, MIN_PAUSE_S)
    # First word: where the speech holding it begins (analysis/first_word.py), not Whisper's clock.
    first = first_word_time(timed, spans)
    return {
        "duration_s": round(duration_s, 2),
        "speech_s": round(sum(s.end - s.start for s in spans), 2),
        "time_to_first_word_s": round(first, 2) if first is not None else None,
        "words_per_minute": _per_minute(len(timed), speaking),
        "pauses": pauses,
        "longest_pause_s": max((p["duration"] for p in pauses), default=0.0),
        "fillers": fillers,
        "fillers_per_minute": _per_minute(len(fillers), speaking),
        "hedges": hedges,
        "word_count": len(words),
    }

"""How an answer was spoken: pace, pauses, fillers and hedges. Pure functions.

Pauses come from the VAD timeline, not from gaps between Whisper's word times,
which drift after long silences (faster-whisper #120, #125).
"""
from __future__ import annotations

from ..model import Span, Transcript
from ..result import Delivery
from .fillers import find_fillers, find_hedges
from .first_word import first_word_time

MIN_PAUSE_S = 0.25  # the usual silent-pause threshold in fluency research
DEAD_AIR_S = 3.0    # "silence is the enemy" in thinking-aloud rounds: this much is dead air
TEXT_WPM = 150      # a typical speaking rate, to estimate how long a typed answer would take to say


def spoken_length(d: Delivery) -> tuple[float, bool]:
    """Seconds from the first word to the end, and whether that is estimated from a typed answer."""
    if d.duration_s is None:
        return d.word_count / TEXT_WPM * 60, True
    return d.duration_s - (d.time_to_first_word_s or 0), False


def _per_minute(count: int, seconds: float | None) -> float | None:
    return round(count / seconds * 60, 1) if seconds else None


def measure(transcript: Transcript, spans: list[Span] | None, duration_s: float | None) -> Delivery:
    """How the answer was spoken. Audio-based figures are None for text input."""
    words = transcript.words
    timed = [w for w in words if w.start is not None]
    fillers, hedges = find_fillers(words), find_hedges(words)
    if spans is None or duration_s is None:
        return Delivery(fillers=fillers, hedges=hedges, word_count=len(words))
    speaking = (timed[-1].end - timed[0].start) if len(timed) > 1 else None
    from ..audio.vad import pauses_between  # numpy: kept out of `--help`

    pauses = pauses_between(spans, MIN_PAUSE_S)
    # First word: where the speech holding it begins (analysis/first_word.py), not Whisper's clock.
    first = first_word_time(timed, spans)
    return Delivery(
        duration_s=round(duration_s, 2),
        speech_s=round(sum(s.end - s.start for s in spans), 2),
        time_to_first_word_s=round(first, 2) if first is not None else None,
        words_per_minute=_per_minute(len(timed), speaking),
        pauses=pauses,
        longest_pause_s=max((p["duration"] for p in pauses), default=0.0),
        fillers=fillers,
        fillers_per_minute=_per_minute(len(fillers), speaking),
        hedges=hedges,
        word_count=len(words),
    )

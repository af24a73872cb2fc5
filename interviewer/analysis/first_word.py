"""When the answer's first word began: from the VAD timeline, never from Whisper's clock alone.

Whisper's first timestamp can run early (it often starts a piece's first word at the piece's
margin) or late, and on a degraded recording it may drop the opening words as unsure. The
speech that holds the first kept word is a VAD span at or before that word, so the answer
starts at the earliest such span that is long enough to be a word: it never jumps to a later
span when Whisper mistimes or loses the opening.
"""
from __future__ import annotations

from ..model import Span, Word

TOLERANCE_S = 0.1   # Whisper's word edges are approximate
MIN_WORD_S = 0.2    # shorter VAD spans are clicks and breaths, not a first word


def first_word_time(words: list[Word], spans: list[Span]) -> float | None:
    timed = [w for w in words if w.start is not None]
    if not timed:
        return None
    first = timed[0]
    if not spans:
        return first.start
    at_or_before = [s for s in spans if s.start <= (first.end or first.start) + TOLERANCE_S]
    if not at_or_before:      # Whisper put the word before any speech: it is the first speech
        return spans[0].start
    worded = [s for s in at_or_before if s.end - s.start >= MIN_WORD_S] or at_or_before
    return worded[0].start

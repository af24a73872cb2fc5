"""Guards against words Whisper invents: it hallucinates on silence, noise and foreign speech.

Pure functions over `Piece`s and the VAD timeline, so they test in milliseconds.
"""
from __future__ import annotations

import re

from ..analysis.fillers import FILLER_SOUNDS
from ..model import Span, Word
from .whisper import Piece

NO_SPEECH_PROB, LOW_LOGPROB = 0.6, -1.0     # Whisper's own silence rule
TAIL_PROB = 0.35                             # tiny.en: a trailing word this unsure is usually invented
OVERLAP_TOLERANCE = 0.1
# What Whisper says when it has run out of speech; dropped at a piece's end when unsure.
STOCK_ENDINGS = (("thank", "you"), ("thanks", "for", "watching"), ("thank", "you", "for", "watching"),
                 ("yeah",), ("you",), ("bye",), ("okay",), ("so",))
STOCK_ENDING_PROB = 0.5


def _norm(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower())


SNAP_S = 0.35  # Whisper may misplace a short word ("um") by this much


def _overlaps(w: Word, s: Span) -> bool:
    return w.start < s.end + OVERLAP_TOLERANCE and w.end > s.start - OVERLAP_TOLERANCE


def place_in_speech(words: list[Word], spans: list[Span]) -> tuple[list[Word], int]:
    """Keep words that overlap speech. A word just outside it is moved onto a nearby stretch
    of speech that no word claims (Whisper mistimes short words); any other is invented."""
    claimed = {i for i, s in enumerate(spans) for w in words if _overlaps(w, s)}
    kept, dropped = [], 0
    for w in words:
        if any(_overlaps(w, s) for s in spans):
            kept.append(w)
            continue
        near = [(min(abs(w.start - s.end), abs(s.start - w.end)), i) for i, s in enumerate(spans) if i not in claimed]
        gap, i = min(near, default=(SNAP_S + 1, -1))
        if gap <= SNAP_S:
            claimed.add(i)
            kept.append(Word(w.word, spans[i].start, min(spans[i].end, spans[i].start + max(0.05, w.end - w.start)),
                             w.probability))
        else:
            dropped += 1
    return kept, dropped


def collapse_loops(words: list[Word], min_repeats: int = 3, max_n: int = 8) -> tuple[list[Word], int]:
    """Keep one copy of any phrase repeated back to back `min_repeats` times or more."""
    out: list[Word] = []
    removed = 0
    i = 0
    keys = [_norm(w.word) for w in words]
    while i < len(words):
        for n in range(1, max_n + 1):
            reps = 1
            while keys[i + reps * n: i + (reps + 1) * n] == keys[i: i + n] and i + (reps + 1) * n <= len(words):
                reps += 1
            if reps >= min_repeats and (n > 1 or reps >= min_repeats + 1):
                out.extend(words[i: i + n])
                removed += (reps - 1) * n
                i += reps * n
                break
        else:
            out.append(words[i])
            i += 1
    return out, removed


def drop_stock_ending(words: list[Word]) -> list[Word]:
    """Whisper's "Thank you." at the end of a piece, where it ran out of speech, when it is unsure of it."""
    keys = [_norm(w.word) for w in words]
    for phrase in sorted(STOCK_ENDINGS, key=len, reverse=True):
        n = len(phrase)
        if tuple(keys[-n:]) == phrase and min(w.probability for w in words[-n:]) < STOCK_ENDING_PROB:
            return words[:-n]
    return words


def trim_unsure_tail(words: list[Word], tail_prob: float = TAIL_PROB) -> list[Word]:
    """Unsure words at the very end of the answer, where Whisper invents; mid-answer they are names and jargon."""
    end = len(words)
    # fillers often come right before a pause, so an unsure "um" at the end is kept
    while end and words[end - 1].probability < tail_prob and _norm(words[end - 1].word) not in FILLER_SOUNDS:
        end -= 1
    return words[:end]


def clean(pieces: list[Piece], spans: list[Span], tail_prob: float = TAIL_PROB) -> tuple[list[Word], list[str]]:
    """The words worth keeping, and notes on what was dropped and why. `tail_prob` is the model's calibration."""
    notes: list[str] = []
    kept: list[Word] = []
    dropped_silent = dropped_outside = dropped_tail = 0
    for p in pieces:
        if p.no_speech_prob > NO_SPEECH_PROB and p.avg_logprob < LOW_LOGPROB:
            dropped_silent += len(p.words)
            continue
        inside, dropped = place_in_speech(p.words, spans)
        dropped_outside += dropped
        trimmed = drop_stock_ending(inside)
        dropped_tail += len(inside) - len(trimmed)
        kept.extend(trimmed)
    kept.sort(key=lambda w: w.start)  # a moved word may now precede its neighbour
    trimmed = trim_unsure_tail(kept, tail_prob)  # only the answer's end: live pieces end at every pause
    dropped_tail += len(kept) - len(trimmed)
    kept = trimmed
    kept, looped = collapse_loops(kept)
    for count, why in ((dropped_silent, "in stretches Whisper judged silent"),
                       (dropped_outside, "outside detected speech"),
                       (dropped_tail, "in low-confidence tails"),
                       (looped, "repeated in a loop")):
        if count:
            notes.append(f"dropped {count} word(s) {why}")
    return kept, notes

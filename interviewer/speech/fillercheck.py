"""Drop the fillers Whisper writes over noise or silence: a filler needs a voice under it.

Applied to each piece while its audio is still in memory (speech/stream.py), before the
guards, so the live path and files behave alike. Other words are left alone: Whisper's
prompt tempts it to write "um"/"uh", so those are the words it invents in noise.
"""
from __future__ import annotations

import numpy as np

from ..analysis.fillers import FILLER_SOUNDS, norm
from ..audio.voicing import is_voiced, noise_floor_db
from .whisper import Piece

CHECKED = FILLER_SOUNDS  # every sound the delivery analysis counts as a filler (it had missed "mhm")
PAD_S = 0.3   # Whisper places fillers up to ~0.5 s late (measured), and guards snap them by 0.35 s


def drop_unvoiced_fillers(pieces: list[Piece], audio: np.ndarray, offset: float, rate: int = 16000) -> int:
    """Remove, in place, fillers with no voiced audio under them; return how many."""
    if not any(norm(w.word) in CHECKED for p in pieces for w in p.words):
        return 0
    floor = noise_floor_db(audio, rate, percentile=5.0)  # a piece is mostly speech
    dropped = 0
    for p in pieces:
        keep = []
        for w in p.words:
            if norm(w.word) in CHECKED and w.start is not None and not is_voiced(
                    audio, rate, w.start - offset - PAD_S, w.end - offset + PAD_S, floor):
                dropped += 1
                continue
            keep.append(w)
        p.words[:] = keep
    return dropped


RETIME_S = 0.8  # how far back a filler may be moved to the start of its speech


def retime_fillers(words: list, spans: list) -> int:
    """Move a filler that opens a stretch of speech to where that speech starts.

    Whisper times the first word after a pause late (by up to ~0.6 s measured on reverberant
    and far recordings), and a filler usually opens a stretch of speech. It may also put that
    filler early, in the pause before its speech (0.8 s early on a reverberant answer, where the
    VAD's span runs on into the echo): a filler outside speech whose next word is in the next
    stretch of speech belongs at that stretch's start, however long the pause: a filler that ended
    the speech before would be inside it (it is voiced, so the VAD hears it). A filler whose span
    holds no earlier word (a clean "Um," is often a span of its own) is that span's. Returns how
    many moved.
    """
    from ..model import Word

    moved = 0
    for i, w in enumerate(words):
        if w.start is None or norm(w.word) not in CHECKED:
            continue
        holding = [s for s in spans if s.start - 0.1 <= w.start <= s.end + 0.1]
        if not holding:
            continue
        s = holding[0]
        prev = words[i - 1] if i else None
        trails = prev is not None and prev.start is not None and s.start - 0.1 <= prev.start <= s.end
        if w.start > s.end and trails:  # in the pause after the speech before it: does it open the next?
            after = [t for t in spans if t.start > s.end]
            nxt = words[i + 1] if i + 1 < len(words) else None
            if after and after[0].start - w.start > 0.05 and nxt is not None \
                    and nxt.start is not None and after[0].start - 0.1 <= nxt.start <= after[0].end:
                words[i] = Word(w.word, round(after[0].start, 2), max(w.end, round(after[0].start, 2) + 0.05),
                                w.probability)
                moved += 1
            continue
        opens = i == 0 or words[i - 1].end is None or words[i - 1].end <= s.start + 0.05
        if opens and 0.05 < w.start - s.start <= RETIME_S:
            words[i] = Word(w.word, round(s.start, 2), w.end, w.probability)
            moved += 1
    return moved

"""Drop the fillers Whisper writes over noise or silence: a filler needs a voice under it.

Applied to each piece while its audio is still in memory (speech/stream.py), before the
guards, so the live path and files behave alike. Other words are left alone: Whisper's
prompt tempts it to write "um"/"uh", so those are the words it invents in noise.
"""
from __future__ import annotations

import numpy as np

from ..analysis.fillers import norm
from ..audio.voicing import is_voiced, noise_floor_db
from .whisper import Piece

CHECKED = {"um", "umm", "uh", "uhh", "er", "erm", "hmm", "mm", "ah", "eh"}
PAD_S = 0.1   # Whisper's word edges are approximate


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

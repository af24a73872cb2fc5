"""Voices that read questions aloud: `get_voice(name)` picks one.

Every voice returns (float32 mono samples, sample rate) from `synthesize(text)`;
engines load lazily, so choosing a voice is cheap and import needs no audio stack.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np

from ..errors import UserError

VOICES = ("piper", "system", "none")


class Voice(Protocol):
    name: str

    def synthesize(self, text: str) -> tuple[np.ndarray, int]: ...


def get_voice(name: str = "piper") -> Voice:
    """piper (neural, default), system (pyttsx3/espeak-ng) or none (silent).

    The engine is checked here, so an unavailable one fails before the round starts.
    """
    key = (name or "piper").strip().lower()
    if key == "piper":
        from .piper import PiperVoice
        voice = PiperVoice()
        voice.engine  # load now: a missing model is a start-up error, not a mid-round one
        return voice
    if key == "system":
        from .system import SystemVoice
        voice = SystemVoice()
        voice.engine
        return voice
    if key == "none":
        from .silent import SilentVoice
        return SilentVoice()
    raise UserError(f"unknown voice '{name}': choose one of {', '.join(VOICES)}")

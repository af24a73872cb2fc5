"""Cheap clean-up of a piece before Whisper hears it: a zero-phase high-pass and level normalisation.

Wraps any Transcriber, so the VAD (and so every pause) still sees the untouched audio. The
piece is filtered whole in the frequency domain: no delay, so word times are unchanged.
Measured in benchmarks/hearing.py (--frontend); kept only where it measured better.
"""
from __future__ import annotations

import numpy as np

from .whisper import Piece, Transcriber

RATE = 16000


def highpass(audio: np.ndarray, cutoff_hz: float = 80.0, rate: int = RATE, width_hz: float = 40.0) -> np.ndarray:
    """Zero-phase high-pass with a raised-cosine edge from cutoff-width/2 to cutoff+width/2."""
    x = np.asarray(audio, np.float64)
    if x.size < 16:
        return x.astype(np.float32)
    n = 1 << (x.size - 1).bit_length()
    spec = np.fft.rfft(x - x.mean(), n)
    f = np.fft.rfftfreq(n, 1 / rate)
    g = np.clip((f - (cutoff_hz - width_hz / 2)) / width_hz, 0, 1)
    return np.fft.irfft(spec * (0.5 - 0.5 * np.cos(np.pi * g)), n)[: x.size].astype(np.float32)


def normalise(audio: np.ndarray, peak: float = 0.5, max_gain_db: float = 30.0) -> np.ndarray:
    top = float(np.abs(audio).max()) if audio.size else 0.0
    if top <= 0:
        return audio
    return (audio * min(peak / top, 10 ** (max_gain_db / 20))).astype(np.float32)


class FrontEnd:
    """A Transcriber that cleans each piece first."""

    def __init__(self, inner: Transcriber, highpass_hz: float | None = 80.0, normalise_peak: float | None = None):
        self.inner, self.highpass_hz, self.normalise_peak = inner, highpass_hz, normalise_peak
        self.model_key = getattr(inner, "model_key", None)

    def transcribe(self, audio: np.ndarray, offset: float) -> list[Piece]:
        if self.highpass_hz:
            audio = highpass(audio, self.highpass_hz)
        if self.normalise_peak:
            audio = normalise(audio, self.normalise_peak)
        return self.inner.transcribe(audio, offset)

    def __getattr__(self, name):  # load(), beam_size, model_name... of the wrapped transcriber
        return getattr(self.inner, name)

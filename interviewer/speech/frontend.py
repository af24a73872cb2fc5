"""Cheap clean-up of a piece before Whisper hears it: a zero-phase high-pass and level normalisation.

The VAD (and so every pause) still sees the untouched audio. A piece is filtered whole in
the frequency domain: no delay, so word times are unchanged. Measured on the reverberant and
far answers of benchmarks/degrade.py (content-word recall):

    high-pass 80 Hz:        tiny.en 0.658 -> 0.656, base 0.615 -> 0.689   kept (whisper.py)
    denoise (Wiener):       tiny.en 0.658 -> 0.663
    high-pass + denoise:    tiny.en 0.658 -> 0.682, base 0.615 -> 0.620   not kept: hurts base's fillers
    peak normalisation:     no effect (Whisper normalises its log-mel itself); the file path
                            already lifts quiet files for the VAD (analyse.py)

`FrontEnd` wraps a Transcriber with the optional steps, for benchmarks.
"""
from __future__ import annotations

import numpy as np

from .whisper import Piece, Transcriber

RATE = 16000
HIGHPASS_HZ = 80.0  # applied to every piece by WhisperTranscriber


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


def denoise(audio: np.ndarray, strength: float = 1.0, floor_db: float = -15.0, percentile: float = 15.0,
            size: int = 512, hop: int = 128) -> np.ndarray:
    """Wiener-style spectral gain against stationary noise (fans, hum, hiss).

    The noise spectrum is a low percentile of each frequency's power over the piece: speech is
    sparse in time and frequency, so the quiet frames of each bin are noise. The gain never goes
    under `floor_db`, which keeps the "musical noise" of deep subtraction away from Whisper.
    """
    x = np.asarray(audio, np.float64)
    if x.size < size * 4:
        return x.astype(np.float32)
    pad = np.concatenate([np.zeros(size), x, np.zeros(size + hop)])
    n = 1 + (pad.size - size) // hop
    win = np.hanning(size + 1)[:-1]
    idx = np.arange(size)[None, :] + hop * np.arange(n)[:, None]
    spec = np.fft.rfft(pad[idx] * win, axis=1)
    power = np.abs(spec) ** 2
    noise = np.percentile(power, percentile, axis=0) * 1.5  # the percentile sits under the noise's mean
    gain = np.maximum(1 - strength * noise / (power + 1e-12), 10 ** (floor_db / 20))
    frames = np.fft.irfft(spec * gain, size, axis=1) * win
    out = np.zeros(pad.size)
    norm = np.zeros(pad.size)
    for i in range(n):
        out[i * hop: i * hop + size] += frames[i]
        norm[i * hop: i * hop + size] += win ** 2
    out = out / np.maximum(norm, 1e-8)
    return out[size: size + x.size].astype(np.float32)


def normalise(audio: np.ndarray, peak: float = 0.5, max_gain_db: float = 30.0) -> np.ndarray:
    top = float(np.abs(audio).max()) if audio.size else 0.0
    if top <= 0:
        return audio
    return (audio * min(peak / top, 10 ** (max_gain_db / 20))).astype(np.float32)


class FrontEnd:
    """A Transcriber that cleans each piece first."""

    def __init__(self, inner: Transcriber, highpass_hz: float | None = 80.0, normalise_peak: float | None = None,
                 denoise: bool = False):
        self.inner, self.highpass_hz, self.normalise_peak, self.denoise = inner, highpass_hz, normalise_peak, denoise
        self.model_key = getattr(inner, "model_key", None)

    def transcribe(self, audio: np.ndarray, offset: float) -> list[Piece]:
        if self.highpass_hz:
            audio = highpass(audio, self.highpass_hz)
        if self.denoise:
            audio = denoise(audio)
        if self.normalise_peak:
            audio = normalise(audio, self.normalise_peak)
        return self.inner.transcribe(audio, offset)

    def start_answer(self) -> None:
        if hasattr(self.inner, "start_answer"):
            self.inner.start_answer()

    def __getattr__(self, name):  # load(), beam_size, model_name... of the wrapped transcriber
        return getattr(self.inner, name)

"""Streaming sample-rate conversion for mics that cannot record at 16 kHz.

Speech only needs to stay intelligible to Whisper, so a windowed-sinc low-pass
(against aliasing when going down) plus linear interpolation is enough, and it
carries state across blocks so block edges do not click.
"""
from __future__ import annotations

import numpy as np


def _lowpass(cutoff: float, taps: int = 63) -> np.ndarray:
    """FIR low-pass; `cutoff` in cycles per input sample (0 < cutoff < 0.5)."""
    n = np.arange(taps) - (taps - 1) / 2
    h = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    return (h / h.sum()).astype(np.float64)


class Resampler:
    def __init__(self, in_rate: int, out_rate: int):
        self.in_rate, self.out_rate = int(in_rate), int(out_rate)
        self._step = self.in_rate / self.out_rate
        self._fir = _lowpass(0.45 * self.out_rate / self.in_rate) if self.out_rate < self.in_rate else None
        self._history = np.zeros(0 if self._fir is None else len(self._fir) - 1)
        # going up, linear interpolation leaves images of the signal above the old Nyquist
        # (an 8 kHz phone line would seem to have content above 4 kHz): filter them out
        self._post = _lowpass(0.45 * self.in_rate / self.out_rate, 127) if self.out_rate > self.in_rate else None
        self._post_history = np.zeros(0 if self._post is None else len(self._post) - 1)
        self._tail = np.zeros(0)
        self._pos = 0.0

    def process(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64).ravel()
        if self.in_rate == self.out_rate or len(x) == 0:
            return x.astype(np.float32)
        if self._fir is not None:
            padded = np.concatenate([self._history, x])
            self._history = padded[len(padded) - (len(self._fir) - 1):]
            x = np.convolve(padded, self._fir, mode="valid")
        buf = np.concatenate([self._tail, x])
        last = len(buf) - 1
        if last < self._pos:
            self._tail, self._pos = buf, self._pos  # not enough input yet
            return np.zeros(0, dtype=np.float32)
        count = int(np.floor((last - self._pos) / self._step)) + 1
        t = self._pos + self._step * np.arange(count)
        i = np.floor(t).astype(np.int64)
        frac = t - i
        y = buf[i] * (1 - frac) + buf[np.minimum(i + 1, last)] * frac
        self._pos = self._pos + self._step * count - last
        self._tail = buf[last:]
        if self._post is not None:  # delays the output by half the filter (63 samples, 4 ms at 16 kHz)
            padded = np.concatenate([self._post_history, y])
            self._post_history = padded[len(padded) - (len(self._post) - 1):]
            y = np.convolve(padded, self._post, mode="valid")
        return y.astype(np.float32)


def resample(x: np.ndarray, in_rate: int, out_rate: int) -> np.ndarray:
    """Whole-clip convenience wrapper."""
    return Resampler(in_rate, out_rate).process(x)

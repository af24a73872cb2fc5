"""16-bit PCM mono WAV files that survive a crash.

`WavWriter` appends blocks and, at least once per second of audio, rewrites the
RIFF/data sizes and fsyncs, so the file on disk is always a valid WAV missing at
most the last second. `write_wav` writes a whole clip atomically.
"""
from __future__ import annotations

import os
import struct
from pathlib import Path

import numpy as np

from ..atomic import write_atomic

HEADER_BYTES = 44


def _header(samplerate: int, data_bytes: int) -> bytes:
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, samplerate, samplerate * 2, 2, 16)
            + b"data" + struct.pack("<I", data_bytes))


def to_pcm16(samples: np.ndarray) -> bytes:
    x = np.clip(np.asarray(samples, dtype=np.float32).ravel(), -1.0, 1.0)
    return (x * 32767.0).round().astype("<i2").tobytes()


class WavWriter:
    """Incremental writer: `write(float_block)` ... `close()`; also a context manager."""

    def __init__(self, path: str | os.PathLike, samplerate: int = 16000, sync_every_s: float = 1.0):
        self.path = Path(path)
        self.samplerate = samplerate
        self._sync_every = max(1, int(sync_every_s * samplerate)) * 2  # in bytes
        self._f = open(self.path, "wb")
        self._data_bytes = 0
        self._synced_bytes = 0
        self._f.write(_header(samplerate, 0))
        self._sync()

    @property
    def seconds(self) -> float:
        return self._data_bytes / 2 / self.samplerate

    def write(self, block: np.ndarray) -> None:
        pcm = to_pcm16(block)
        self._f.write(pcm)
        self._data_bytes += len(pcm)
        if self._data_bytes - self._synced_bytes >= self._sync_every:
            self._sync()

    def _sync(self) -> None:
        # Data first, then the header that makes it visible: a crash between
        # the two leaves a header that under-counts, which is still valid.
        self._f.flush()
        os.fsync(self._f.fileno())
        self._f.seek(0)
        self._f.write(_header(self.samplerate, self._data_bytes))
        self._f.seek(0, os.SEEK_END)
        self._f.flush()
        os.fsync(self._f.fileno())
        self._synced_bytes = self._data_bytes

    def close(self) -> None:
        if not self._f.closed:
            self._sync()
            self._f.close()

    def __enter__(self) -> "WavWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_wav(path: str | os.PathLike, samples: np.ndarray, samplerate: int) -> Path:
    """Write a whole clip atomically, so readers never see half a file."""
    pcm = to_pcm16(samples)
    return write_atomic(path, _header(samplerate, len(pcm)) + pcm)


def read_wav(path: str | os.PathLike) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV (mono, or the first channel) as float32 and its rate."""
    import wave

    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM WAV is supported")
        raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        x = raw.reshape(-1, w.getnchannels())[:, 0]
        return x.astype(np.float32) / 32768.0, w.getframerate()

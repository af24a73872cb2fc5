"""Audio inputs: a live microphone or a file played at mic pace.

Both deliver float32 mono 16 kHz blocks of BLOCK samples (32 ms), the frame
size the VAD wants, and return None once the source is exhausted or closed.
"""
from __future__ import annotations

import queue
import time
from pathlib import Path
from typing import Optional, Protocol

import numpy as np

from ..errors import UserError
from .devices import find_device, load_sounddevice, portaudio_error
from .resample import Resampler

RATE = 16000
BLOCK = 512


class AudioIn(Protocol):
    def open(self) -> "AudioIn": ...
    def read(self) -> Optional[np.ndarray]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "AudioIn": ...
    def __exit__(self, *exc) -> None: ...


class _Blocks:
    """Shared block bookkeeping and context-manager plumbing."""
    samplerate = RATE
    block = BLOCK

    def __enter__(self):
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()


class MicIn(_Blocks):
    """A sounddevice InputStream; resamples and downmixes when the device needs it."""

    def __init__(self, device: str | int | None = None, samplerate: int = RATE, timeout: float = 3.0):
        self.device_spec, self.samplerate, self.timeout = device, samplerate, timeout
        self.device: dict | None = None
        self.device_rate: int = samplerate
        self.overflows = 0
        self._stream = None
        self._queue: queue.Queue = queue.Queue()
        self._pending = np.zeros(0, dtype=np.float32)

    def open(self) -> "MicIn":
        sd = load_sounddevice()
        self.device = dev = find_device(self.device_spec, "input")
        rate, channels = self._settings(sd, dev)
        self.device_rate = rate
        self._resampler = Resampler(rate, self.samplerate)
        try:
            self._stream = sd.InputStream(device=dev["index"], samplerate=rate, channels=channels,
                                          dtype="float32", callback=self._callback)
            self._stream.start()
        except sd.PortAudioError as e:
            raise portaudio_error(e, dev, "input") from e
        return self

    def _settings(self, sd, dev: dict) -> tuple[int, int]:
        # 16 kHz mono if the device takes it, else its own rate and up to 2 channels.
        tries = [(self.samplerate, 1), (int(dev["default_samplerate"]), 1),
                 (int(dev["default_samplerate"]), min(2, dev["max_input_channels"]))]
        for rate, channels in tries:
            try:
                sd.check_input_settings(device=dev["index"], samplerate=rate, channels=channels, dtype="float32")
                return rate, channels
            except Exception:
                continue
        return tries[-1]  # let open() report the real PortAudio error

    def _callback(self, indata, frames, time_info, status) -> None:
        if status.input_overflow:
            self.overflows += 1
        self._queue.put(indata.copy())

    def read(self) -> Optional[np.ndarray]:
        if self._stream is None:
            return None
        while len(self._pending) < self.block:
            try:
                chunk = self._queue.get(timeout=self.timeout)
            except queue.Empty:
                raise UserError(f"the microphone delivered no audio for {self.timeout:g} s: check it is not "
                                "muted or in use, or run `interviewer check-audio`") from None
            mono = chunk.mean(axis=1) if chunk.ndim == 2 else chunk
            self._pending = np.concatenate([self._pending, self._resampler.process(mono)])
        out, self._pending = self._pending[: self.block], self._pending[self.block:]
        return out

    def close(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None


class FileIn(_Blocks):
    """A WAV/FLAC/MP3 file fed block by block; `realtime` paces it like a mic."""

    def __init__(self, path: str | Path, realtime: bool = True, speed: float = 1.0):
        """`speed` > 1 paces the file faster than real time (benchmarks of long answers)."""
        self.path, self.realtime, self.speed = Path(path), realtime, speed
        self._audio: np.ndarray | None = None
        self._next = 0
        self._t0 = 0.0

    def open(self) -> "FileIn":
        self._audio = load_audio(self.path)
        self._next, self._t0 = 0, time.monotonic()
        return self

    @property
    def duration(self) -> float:
        return 0.0 if self._audio is None else len(self._audio) / RATE

    def read(self) -> Optional[np.ndarray]:
        if self._audio is None or self._next >= len(self._audio):
            return None
        block = self._audio[self._next: self._next + self.block]
        self._next += self.block
        if len(block) < self.block:  # pad the tail so every block is VAD-sized
            block = np.concatenate([block, np.zeros(self.block - len(block), dtype=np.float32)])
        if self.realtime:  # a block is "available" once its last sample would have been spoken
            delay = self._t0 + self._next / RATE / self.speed - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        return block

    def close(self) -> None:
        self._audio = None


def load_audio(path: str | Path) -> np.ndarray:
    """Any audio file as float32 mono 16 kHz; bad files raise a one-line UserError."""
    from .decode import read_audio

    return read_audio(Path(path))


def record(source: AudioIn, seconds: float) -> np.ndarray:
    """Read `seconds` of audio (or until the source ends) from an opened source."""
    blocks, wanted = [], int(seconds * RATE)
    while sum(map(len, blocks)) < wanted:
        b = source.read()
        if b is None:
            break
        blocks.append(b)
    return np.concatenate(blocks)[:wanted] if blocks else np.zeros(0, dtype=np.float32)

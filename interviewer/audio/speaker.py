"""Audio outputs: the speaker (via sounddevice) or nowhere.

`play` blocks until the sound has finished, so the interviewer never listens
to its own voice.
"""
from __future__ import annotations

import time
from typing import Protocol

import numpy as np

from .devices import find_device, load_sounddevice, portaudio_error
from .resample import resample


class AudioOut(Protocol):
    def play(self, samples: np.ndarray, samplerate: int) -> None: ...


class SpeakerOut:
    def __init__(self, device: str | int | None = None):
        self.device_spec = device
        self.device: dict | None = None
        self.last_started: float | None = None   # perf_counter() when the last play() started its stream
        self.last_latency_s = 0.0

    def play(self, samples: np.ndarray, samplerate: int) -> None:
        samples = np.asarray(samples, dtype=np.float32).ravel()
        if len(samples) == 0:
            return
        sd = load_sounddevice()
        if self.device is None:
            self.device = find_device(self.device_spec, "output")
        dev = self.device
        try:
            sd.check_output_settings(device=dev["index"], samplerate=samplerate, channels=1, dtype="float32")
        except Exception:  # e.g. a hardware device that cannot do 22.05 kHz
            target = int(dev["default_samplerate"])
            samples, samplerate = resample(samples, samplerate, target), target
        try:
            sd.play(samples, samplerate, device=dev["index"], blocking=False)
            self.last_started = time.perf_counter()
            try:  # when the first sample reaches the speaker: started + the stream's output latency
                self.last_latency_s = float(sd.get_stream().latency)
            except Exception:
                self.last_latency_s = 0.0
            sd.wait()
        except sd.PortAudioError as e:
            raise portaudio_error(e, dev, "output") from e
        except KeyboardInterrupt:
            sd.stop()
            raise

    def stop(self) -> None:
        """Stop what is playing now (from another thread); play() then returns."""
        load_sounddevice().stop()


class NullOut:
    """Discards audio; with `realtime` it takes as long as playing would have."""

    def __init__(self, realtime: bool = False):
        import threading

        self.realtime = realtime
        self.played_seconds = 0.0
        self._stop = threading.Event()

    def play(self, samples: np.ndarray, samplerate: int) -> None:
        seconds = len(samples) / samplerate if samplerate else 0.0
        self.played_seconds += seconds
        self._stop.clear()
        if self.realtime and seconds > 0:
            self._stop.wait(seconds)

    def stop(self) -> None:
        self._stop.set()

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
    """The speaker, through one PortAudio output stream per sound that only play() opens and closes.
    stop() (from another thread: the candidate talked over a nudge) only raises a flag the stream's
    callback reads; sounddevice's module-level play/stop/wait would close the same stream from two
    threads at once, which corrupted memory (a crash seen when a nudge was talked over)."""

    def __init__(self, device: str | int | None = None):
        import threading

        self.device_spec = device
        self.device: dict | None = None
        self.last_started: float | None = None   # perf_counter() when the last play() started its stream
        self.last_latency_s = 0.0
        self._abort = threading.Event()

    def play(self, samples: np.ndarray, samplerate: int) -> None:
        import threading

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
        self._abort.clear()
        done, pos = threading.Event(), 0

        def callback(outdata, frames, time_info, status):
            nonlocal pos
            if self._abort.is_set():
                outdata.fill(0)
                raise sd.CallbackAbort
            chunk = samples[pos:pos + frames]
            outdata[:len(chunk), 0] = chunk
            outdata[len(chunk):] = 0
            pos += frames
            if pos >= len(samples):
                raise sd.CallbackStop   # what is buffered still plays out

        try:
            with sd.OutputStream(samplerate=samplerate, device=dev["index"], channels=1, dtype="float32",
                                 callback=callback, finished_callback=done.set) as stream:
                self.last_started = time.perf_counter()
                try:  # when the first sample reaches the speaker: started + the stream's output latency
                    self.last_latency_s = float(stream.latency)
                except Exception:
                    self.last_latency_s = 0.0
                while not done.wait(0.05):
                    pass
        except sd.PortAudioError as e:
            raise portaudio_error(e, dev, "output") from e

    def stop(self) -> None:
        """Stop what is playing now (safe from another thread); play() then returns."""
        self._abort.set()


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

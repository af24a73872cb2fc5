"""Recording levels in dBFS and a plain verdict on them. Pure maths, no devices.

dBFS here is 20*log10(amplitude) with full scale = 1.0, so a full-scale sine
has peak 0 dBFS and RMS -3.01 dBFS. Silence reads FLOOR_DB instead of -inf so
the numbers stay JSON-friendly.
"""
from __future__ import annotations

import numpy as np

FLOOR_DB = -120.0
FRAME = 512               # 32 ms at 16 kHz, the same frames VAD sees
CLIP_LEVEL = 0.999        # |x| at or above this counts as clipped
CLIP_MAX_FRACTION = 0.001  # more than 0.1 % clipped samples is audible
SILENT_PEAK_DB = -60.0     # nothing but a muted mic or wrong device is this quiet
QUIET_SPEECH_DB = -40.0    # loud frames (95th percentile) below this: too quiet
NOISY_FLOOR_DB = -50.0     # quiet frames (10th percentile) above this: noisy room


def to_db(x: float) -> float:
    return float(max(FLOOR_DB, 20.0 * np.log10(x))) if x > 0 else FLOOR_DB


def frame_rms(samples: np.ndarray, frame: int = FRAME) -> np.ndarray:
    """RMS of each whole frame (a short tail is dropped; one partial frame if that is all)."""
    x = np.asarray(samples, dtype=np.float64).ravel()
    n = len(x) // frame
    if n == 0:
        return np.sqrt(np.mean(x * x, keepdims=True)) if len(x) else np.zeros(0)
    return np.sqrt(np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1))


class LevelMeter:
    """Levels accumulated block by block: a file or a live stream never has to be held whole.

    Only one float per 32 ms frame is kept, for the noise-floor and speech percentiles.
    """

    def __init__(self, samplerate: int = 16000):
        self.samplerate = samplerate
        self.peak, self.clipped, self.samples, self.sumsq = 0.0, 0, 0, 0.0
        self._frames: list[np.ndarray] = []
        self._rest = np.zeros(0)

    def add(self, block: np.ndarray) -> None:
        x = np.asarray(block, dtype=np.float64).ravel()
        if x.size == 0:
            return
        a = np.abs(x)
        self.peak = max(self.peak, float(a.max()))
        self.clipped += int(np.count_nonzero(a >= CLIP_LEVEL))
        self.samples += x.size
        self.sumsq += float(np.dot(x, x))
        x = np.concatenate([self._rest, x])
        n = x.size // FRAME
        if n:
            self._frames.append(frame_rms(x[: n * FRAME]))
        self._rest = x[n * FRAME:]

    def stats(self) -> dict:
        if self.samples == 0:
            stats = dict(peak_dbfs=FLOOR_DB, rms_dbfs=FLOOR_DB, clip_fraction=0.0,
                         noise_floor_dbfs=FLOOR_DB, speech_dbfs=FLOOR_DB, snr_db=0.0, seconds=0.0)
        else:
            frames = np.concatenate(self._frames) if self._frames else frame_rms(self._rest)
            noise = to_db(float(np.percentile(frames, 10)))
            speech = to_db(float(np.percentile(frames, 95)))
            stats = dict(
                peak_dbfs=round(to_db(self.peak), 2),
                rms_dbfs=round(to_db((self.sumsq / self.samples) ** 0.5), 2),
                clip_fraction=round(self.clipped / self.samples, 5),
                noise_floor_dbfs=round(noise, 2),
                speech_dbfs=round(speech, 2),
                snr_db=round(speech - noise, 2),
                seconds=round(self.samples / self.samplerate, 3),
            )
        stats["verdict"], stats["advice"] = verdict(stats)
        return stats


def levels(samples: np.ndarray, samplerate: int = 16000) -> dict:
    """Peak, RMS, clipping, noise floor and speech level of float samples in [-1, 1]."""
    meter = LevelMeter(samplerate)
    meter.add(samples)
    return meter.stats()


def verdict(stats: dict) -> tuple[str, str]:
    """One of silent / clipping / too quiet / noisy / ok, with what to do about it."""
    if stats["peak_dbfs"] < SILENT_PEAK_DB:
        return "silent", "no signal: check the mic is not muted and the right --input-device is chosen"
    if stats["clip_fraction"] > CLIP_MAX_FRACTION:
        return "clipping", "the input is clipping: lower the input gain or move back from the mic"
    if stats["speech_dbfs"] < QUIET_SPEECH_DB:
        return "too quiet", "speech is very quiet: raise the input gain or move closer to the mic"
    if stats["noise_floor_dbfs"] > NOISY_FLOOR_DB:
        return "noisy", "background noise is high: find a quieter room or use a headset mic"
    return "ok", "levels look fine"

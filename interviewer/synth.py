"""Synthetic spoken answers with known truth: phrases, inserted pauses and room tone.

The demo's simulated candidate and the end-to-end tests both use this, so the
pipeline is checked against audio whose pauses and fillers are known exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .audio.resample import resample

RATE = 16000


def speech_bounds(audio: np.ndarray, floor_db: float = -45.0, frame: int = 160) -> tuple[int, int]:
    """First and last sample of a clean clip that rise above `floor_db` relative to its peak."""
    n = audio.size // frame
    rms = np.sqrt((audio[: n * frame].reshape(n, frame) ** 2).mean(axis=1) + 1e-12)
    loud = np.nonzero(20 * np.log10(rms / (np.abs(audio).max() + 1e-12)) > floor_db)[0]
    if loud.size == 0:
        return 0, 0
    return int(loud[0] * frame), int((loud[-1] + 1) * frame)


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(spectrum.size)
    spectrum[1:] /= np.sqrt(f[1:])
    spectrum[0] = 0
    x = np.fft.irfft(spectrum, n)
    return (x / (np.sqrt(np.mean(x ** 2)) + 1e-12)).astype(np.float32)


def room_tone(n: int, level_dbfs: float = -40.0, hum_hz: float | None = None, seed: int = 0) -> np.ndarray:
    """Pink noise at `level_dbfs` RMS, plus mains hum and harmonics when `hum_hz` is given."""
    rng = np.random.default_rng(seed)
    tone = pink_noise(n, rng) * 10 ** (level_dbfs / 20)
    if hum_hz:
        t = np.arange(n) / RATE
        hum = sum(np.sin(2 * np.pi * hum_hz * k * t) / k for k in (1, 2, 3))
        tone += (hum * 10 ** ((level_dbfs + 3) / 20)).astype(np.float32)
    return tone.astype(np.float32)


@dataclass
class Composed:
    audio: np.ndarray
    phrases: list[tuple[str, float, float]] = field(default_factory=list)  # text, speech start, speech end
    pauses: list[tuple[float, float]] = field(default_factory=list)        # silences between phrases

    @property
    def duration_s(self) -> float:
        return self.audio.size / RATE


def compose(script: list, voice, lead_s: float = 0.5, tail_s: float = 0.6, room_db: float | None = -40.0,
            hum_hz: float | None = None, speech_dbfs: float = -3.0, seed: int = 0) -> Composed:
    """`script` alternates text and pause lengths: ["Hello.", 1.5, "I led the team."].

    Each phrase is trimmed to its audible speech, so a pause of 1.5 is 1.5 s from the
    end of one phrase's speech to the start of the next: the truth the tests check.
    """
    parts, phrases, pauses = [np.zeros(int(lead_s * RATE), np.float32)], [], []
    cursor = lead_s
    pending_pause = 0.0
    for item in script:
        if isinstance(item, (int, float)):
            pending_pause += float(item)
            continue
        audio, rate = voice.synthesize(item)
        clip = resample(np.asarray(audio, np.float32), rate, RATE)
        a, b = speech_bounds(clip)
        clip = clip[a:b]
        if phrases:
            gap = pending_pause if pending_pause > 0 else 0.12
            parts.append(np.zeros(int(round(gap * RATE)), np.float32))
            if pending_pause > 0:
                pauses.append((cursor, cursor + gap))
            cursor += gap
        phrases.append((item, cursor, cursor + clip.size / RATE))
        parts.append(clip)
        cursor += clip.size / RATE
        pending_pause = 0.0
    parts.append(np.zeros(int(tail_s * RATE), np.float32))
    speech = np.concatenate(parts)
    speech *= 10 ** (speech_dbfs / 20) / (np.abs(speech).max() + 1e-12)
    if room_db is not None:
        speech += room_tone(speech.size, room_db, hum_hz, seed)
    return Composed(np.clip(speech, -1, 1).astype(np.float32), phrases, pauses)

"""Streaming speech detection with the Silero VAD that faster-whisper bundles.

Pauses are measured here, from the audio, because Whisper's word timestamps drift
after long silences. The same detector runs on files and on a live microphone,
carrying the model state across blocks so a long file needs constant memory.
"""
from __future__ import annotations

import numpy as np

from ..model import Span

FRAME = 512          # Silero's window at 16 kHz: 32 ms
CONTEXT = 64
RATE = 16000


class StreamingVad:
    """Feed float32 16 kHz blocks of any size; read closed speech spans as they appear."""

    def __init__(self, threshold: float = 0.5, min_silence_s: float = 0.25,
                 min_speech_s: float = 0.12, pad_s: float = 0.03):
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self.threshold, self.neg_threshold = threshold, threshold - 0.15
        self.min_silence, self.min_speech, self.pad = min_silence_s, min_speech_s, pad_s
        self._h = np.zeros((1, 1, 128), np.float32)
        self._c = np.zeros((1, 1, 128), np.float32)
        self._context = np.zeros(CONTEXT, np.float32)
        self._rest = np.zeros(0, np.float32)
        self._frames = 0
        self._start: float | None = None      # current speech start
        self._silence_from: float | None = None  # where a candidate pause began
        self.spans: list[Span] = []
        self.last_speech_end = 0.0

    @property
    def position_s(self) -> float:
        return self._frames * FRAME / RATE

    @property
    def in_speech(self) -> bool:
        return self._start is not None

    @property
    def heard_speech(self) -> bool:
        return bool(self.spans) or self._start is not None

    def trailing_silence_s(self) -> float:
        """Silence since the last speech; 0 while speaking."""
        if self._start is not None:
            return self.position_s - self._silence_from if self._silence_from is not None else 0.0
        return self.position_s - self.last_speech_end if self.heard_speech else self.position_s

    def feed(self, samples: np.ndarray) -> list[Span]:
        """Process audio; return the spans that closed during it."""
        audio = np.concatenate([self._rest, samples.astype(np.float32, copy=False)])
        n = audio.size // FRAME
        self._rest = audio[n * FRAME:]
        if n == 0:
            return []
        frames = audio[: n * FRAME].reshape(n, FRAME)
        contexts = np.vstack([self._context, frames[:-1, -CONTEXT:]]) if n > 1 else self._context[None]
        self._context = frames[-1, -CONTEXT:].copy()
        probs, self._h, self._c = self._session.run(
            None, {"input": np.hstack([contexts, frames]), "h": self._h, "c": self._c})
        closed = []
        for p in np.asarray(probs).reshape(-1):
            span = self._step(float(p))
            if span:
                closed.append(span)
        return closed

    def _step(self, prob: float) -> Span | None:
        t = self._frames * FRAME / RATE
        self._frames += 1
        if prob >= self.threshold:
            if self._start is None:
                self._start = t
            self._silence_from = None
        elif prob < self.neg_threshold and self._start is not None:
            if self._silence_from is None:
                self._silence_from = t
            if t + FRAME / RATE - self._silence_from >= self.min_silence:
                return self._close(self._silence_from)
        return None

    def _close(self, end: float) -> Span | None:
        start, self._start, self._silence_from = self._start, None, None
        if end - start < self.min_speech:
            return None
        span = Span(round(max(0.0, start - self.pad), 3), round(end + self.pad, 3))
        self.spans.append(span)
        self.last_speech_end = span.end
        return span

    def finish(self) -> list[Span]:
        """Flush: close a span still open at the end of the audio."""
        if self._rest.size:
            self.feed(np.zeros(FRAME - self._rest.size, np.float32))
        if self._start is not None:
            span = self._close(self._silence_from if self._silence_from is not None else self.position_s)
            return [span] if span else []
        return []


def pauses_between(spans: list[Span], min_pause_s: float = 0.25) -> list[dict]:
    """Every silence of at least `min_pause_s` between two stretches of speech."""
    out = []
    for a, b in zip(spans, spans[1:]):
        gap = b.start - a.end
        if gap >= min_pause_s:
            out.append({"start": round(a.end, 2), "end": round(b.start, 2), "duration": round(gap, 2)})
    return out

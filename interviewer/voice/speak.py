"""Speaking without making the candidate wait: streamed feedback and interjections while recording.

speak_streaming(voice, speaker, text): the first sentence plays while the rest is synthesised,
so the wait is one sentence's synthesis, not the whole text's.
Interjector: speaks a nudge or a time check in the background while the answer is recorded,
and says whether it is playing (the recorder then keeps the mic out of VAD and Whisper).
"""
from __future__ import annotations

import queue
import re
import threading
import time
from typing import Iterator, Optional

import numpy as np


_CLAUSE = re.compile(r"^(.{12,80}?[:;,])\s+(\S.*)$", re.S)


def first_clause(text: str) -> tuple[str, str]:
    """Split off a short opening clause ("What went well:") so the first sound needs the least synthesis."""
    from .system import split_sentences

    sentences = split_sentences(text)
    if not sentences or len(sentences[0].split()) <= 8:
        return text, ""
    m = _CLAUSE.match(sentences[0])
    if not m:
        return text, ""
    return m.group(1), " ".join([m.group(2)] + sentences[1:])


def sentences_of(voice, text: str) -> Iterator[tuple[np.ndarray, int]]:
    """(audio, rate) sentence by sentence, a short opening clause first: the voice's own stream when it
    has one, else split here."""
    from .system import split_sentences

    head, rest = first_clause(text)
    stream = getattr(voice, "stream", None)
    for part in (head, rest):
        if not part.strip():
            continue
        if stream is not None:
            yield from stream(part)
        else:
            for sentence in split_sentences(part) or [part]:
                yield voice.synthesize(sentence)


def speak_streaming(voice, speaker, text: str) -> tuple[np.ndarray, int, Optional[float]]:
    """Play `text` as it is synthesised. Returns all the audio, its rate and the perf_counter() at which
    the first sample was handed to the speaker (None if nothing was played)."""
    chunks: queue.Queue = queue.Queue(maxsize=8)
    failure: list[BaseException] = []

    def produce() -> None:
        try:
            for audio, rate in sentences_of(voice, text):
                chunks.put((np.asarray(audio, np.float32).ravel(), int(rate)))
        except BaseException as e:  # reported on the speaking thread
            failure.append(e)
        finally:
            chunks.put(None)

    threading.Thread(target=produce, daemon=True, name="tts").start()
    played, rate, first = [], 16000, None
    while True:
        item = chunks.get()
        if item is None:
            break
        audio, rate = item
        if audio.size == 0:
            continue
        handed = time.perf_counter()
        speaker.play(audio, rate)
        if first is None:  # a real speaker says when its stream started and how far behind the sound is
            started = getattr(speaker, "last_started", None)
            first = (started if started is not None and started >= handed else handed) + \
                float(getattr(speaker, "last_latency_s", 0.0) or 0.0)
        played.append(audio)
    if failure:
        raise failure[0]
    return (np.concatenate(played) if played else np.zeros(0, np.float32)), rate, first


class Interjector:
    """Speaks short lines while the candidate's answer is being recorded, on its own thread."""

    def __init__(self, voice, speaker):
        self.voice, self.speaker = voice, speaker
        self._cache: dict[str, tuple[np.ndarray, int]] = {}
        self._thread: threading.Thread | None = None
        self._playing = threading.Event()
        self.spoken: list[tuple[str, float, float]] = []   # text, perf_counter start, end
        self._ref_db: np.ndarray | None = None              # level of what is playing, per 32 ms frame
        self._t_play = 0.0

    def prepare(self, texts) -> None:
        """Synthesise lines ahead of time (in the background), so a nudge starts at once."""
        def run():
            for t in texts:
                if t not in self._cache:
                    self._cache[t] = self.voice.synthesize(t)
        threading.Thread(target=run, daemon=True, name="tts-prepare").start()

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def playing(self) -> bool:
        return self._playing.is_set()

    def say(self, text: str) -> None:
        if self.busy:
            return
        self._thread = threading.Thread(target=self._run, args=(text,), daemon=True, name="interject")
        self._thread.start()

    def _run(self, text: str) -> None:
        audio, rate = self._cache.get(text) or self.voice.synthesize(text)
        self._cache[text] = (audio, rate)
        frame = max(1, int(0.032 * rate))
        n = max(1, len(audio) // frame)
        rms = np.sqrt(np.mean(np.asarray(audio[: n * frame], np.float64).reshape(n, frame) ** 2, axis=1)) \
            if len(audio) >= frame else np.zeros(1)
        self._ref_db = 20 * np.log10(rms + 1e-9)
        start = self._t_play = time.perf_counter()
        self._playing.set()
        try:
            self.speaker.play(audio, rate)
        except Exception:
            pass  # a failed interjection must not end the answer
        finally:
            self._playing.clear()
            self.spoken.append((text, start, time.perf_counter()))

    def reference_db(self, window_s: float = 0.5) -> float:
        """The loudest the interviewer's own voice has been over the last `window_s` of playback (dBFS):
        its echo, reaching the mic a little later, cannot be louder than this plus the room's gain."""
        if self._ref_db is None or not self.playing:
            return -120.0
        now = (time.perf_counter() - self._t_play) / 0.032
        a, b = max(0, int(now - window_s / 0.032)), max(1, int(now) + 1)
        seg = self._ref_db[a:b]
        return float(seg.max()) if seg.size else -120.0

    def peak_db(self) -> float:
        """The loudest frame of what is playing (dBFS): the level the echo gain is learnt near."""
        return float(self._ref_db.max()) if self._ref_db is not None and self._ref_db.size else -120.0

    def stop(self, wait: bool = True) -> None:
        """Cut the interjection short (the candidate talked over it, or the answer ended)."""
        if self.playing and hasattr(self.speaker, "stop"):
            self.speaker.stop()
        if wait and self._thread is not None:
            self._thread.join(timeout=2.0)

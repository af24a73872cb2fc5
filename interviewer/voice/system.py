"""The operating system's TTS through pyttsx3 (espeak-ng on Linux).

pyttsx3's espeak driver loses text: given several queued utterances or a
multi-sentence save_to_file it may write only the last sentence (2.98), nothing
(2.99), or write the file after runAndWait() returns, and say() shells out to
aplay. So each sentence is rendered to its own temp WAV, one runAndWait per
sentence, we wait until the file is complete, and the pieces are joined here.
Nothing is ever played by pyttsx3 itself.
"""
from __future__ import annotations

import contextlib
import io
import re
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from ..errors import UserError

_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"')\]]*|$)")
_ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "e.g.", "i.e.", "vs.", "etc.", "st.", "no.")
DEFAULT_WPM = 200  # pyttsx3's own default, stated so it is applied deterministically
GAP_S = 0.25  # pause between sentences, as a person would leave
ATTEMPTS = 3  # safety net: a utterance the driver silently dropped is rendered again


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in (m.group().strip() for m in _SENTENCE.finditer(" ".join(text.split()))):
        if not piece:
            continue
        if out and (out[-1].lower().endswith(_ABBREVIATIONS) or not re.search(r"\w", piece)):
            out[-1] += " " + piece  # "Dr. Smith" or a stray "..." stays in its sentence
        else:
            out.append(piece)
    return out


def _wait_for_wav(path: Path, timeout: float = 2.0) -> tuple[np.ndarray, int]:
    """Read the WAV once it exists, parses, and its size has stopped changing."""
    from ..audio.wavwriter import read_wav

    deadline, last_size = time.monotonic() + timeout, -1
    while time.monotonic() < deadline:
        size = path.stat().st_size if path.exists() else -1
        if size > 44 and size == last_size:
            try:
                return read_wav(path)
            except Exception:
                pass  # header not final yet
        last_size = size
        time.sleep(0.02)
    raise TimeoutError(f"the system voice did not produce {path.name} within {timeout:g} s")


class SystemVoice:
    name = "system"
    _lock = threading.Lock()  # one pyttsx3 engine per process, not thread-safe

    def __init__(self, rate_wpm: int | None = None):
        self.rate_wpm = rate_wpm
        self._engine = None

    @property
    def engine(self):
        if self._engine is None:
            try:
                import pyttsx3
                self._engine = pyttsx3.init()
            except ImportError as e:
                raise UserError("pyttsx3 is not installed: run `pip install pyttsx3`") from e
            except (OSError, RuntimeError) as e:  # libespeak-ng missing or unusable
                raise UserError("the system voice needs espeak-ng: run `sudo apt-get install espeak-ng "
                                "libespeak-ng1`, or use `--voice piper`") from e
            # Set the rate on the driver itself: through the engine it is queued and
            # the espeak driver's endLoop can drop the queue (measured: ~1 in 3
            # processes spoke at espeak's 175 wpm instead).
            self._engine.proxy._driver.setProperty("rate", self.rate_wpm or DEFAULT_WPM)
        return self._engine

    def _wait_until_idle(self, timeout: float = 2.0) -> None:
        # The espeak driver cancels the *next* utterance if espeak still reports
        # "playing" when runAndWait starts, which it does for a few ms after the
        # previous file is written. Other drivers have no such flag.
        if type(self._engine.proxy._driver).__module__ != "pyttsx3.drivers.espeak":
            return
        from pyttsx3.drivers import _espeak
        deadline = time.monotonic() + timeout
        while _espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.005)

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        """Every sentence of `text`, joined with short pauses, as float32 mono."""
        pieces, rate = [], 22050
        with self._lock, tempfile.TemporaryDirectory(prefix="interviewer-tts-") as tmp:
            self.engine
            for n, sentence in enumerate(split_sentences(text)):
                audio, rate = self._render(sentence, Path(tmp) / f"sentence-{n:03d}")
                pieces += [audio, np.zeros(int(GAP_S * rate), dtype=np.float32)]
        if not pieces:
            return np.zeros(0, dtype=np.float32), rate
        return np.concatenate(pieces[:-1]).astype(np.float32), rate

    def _render(self, sentence: str, stem: Path) -> tuple[np.ndarray, int]:
        for attempt in range(ATTEMPTS):
            path = stem.with_name(f"{stem.name}-{attempt}.wav")  # a late write cannot clobber a retry
            self._wait_until_idle()
            with contextlib.redirect_stdout(io.StringIO()):  # the driver prints "Audio saved to ..."
                self._engine.save_to_file(sentence, str(path))
                self._engine.runAndWait()
            try:
                return _wait_for_wav(path)
            except TimeoutError:
                continue
        raise UserError(f"the system voice failed to speak {sentence[:40]!r} ({ATTEMPTS} tries): try `--voice piper`")

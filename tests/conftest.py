"""Shared fixtures: user folders in a temporary folder, models loaded once, the virtual sound card."""
from __future__ import annotations

import os
import wave
from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).resolve().parent / "data"  # everything the tests read ships in the repository
SENTENCE = "Tell me about a time you led a team through a difficult project."
# What Whisper hears in SENTENCE every time: Piper's "led a team" comes out as "let a teen" in about
# one reading in four once the audio shifts by a few samples (20 shifted copies, base), so no test
# may rest on those words. A fault in the audio path loses far more than that.
SENTENCE_HEARD = ("tell me about a time", "through a difficult project")


@pytest.fixture(scope="session")
def benchmark():
    """A script of benchmarks/ loaded as a module by name (they are scripts, not a package)."""
    import importlib.util

    def load(name: str):
        path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    return load


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path, monkeypatch):
    """No test writes into the real ./recordings, and nothing may reach a model hub."""
    monkeypatch.setenv("INTERVIEWER_RECORDINGS", str(tmp_path / "recordings"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def whisper():
    """The pipeline's transcriber on the default model (base), loaded once."""
    from interviewer.speech.whisper import WhisperTranscriber

    t = WhisperTranscriber(beam_size=5)
    t.load()
    return t


@pytest.fixture(scope="session")
def transcribe(whisper):
    """transcribe(float32 16 kHz audio) -> lower-case text, via tiny.en."""
    def run(audio: np.ndarray) -> str:
        pieces = whisper.transcribe(np.asarray(audio, dtype=np.float32), 0.0)
        return " ".join(w.word for p in pieces for w in p.words).lower()
    return run


@pytest.fixture(scope="session")
def voice():
    """Piper without its random variation, so every run hears the same audio."""
    from interviewer.voice.piper import PiperVoice

    return PiperVoice(variation=False)


@pytest.fixture(scope="session")
def piper_sentence(voice):
    """(float32 audio, rate) of SENTENCE spoken by Piper."""
    return voice.synthesize(SENTENCE)


@pytest.fixture(scope="session")
def virtual_audio():
    """The PulseAudio null-sink pair, started if needed. CI runs as root, where it must work."""
    from interviewer.audio import virtual

    if not (virtual.virtual_devices_present() or virtual.start_virtual_devices()):
        if os.geteuid() == 0:
            pytest.fail("PulseAudio virtual devices could not be started (bash scripts/virtual-audio.sh start)")
        pytest.skip("PulseAudio virtual devices need root to set up (bash scripts/virtual-audio.sh start)")
    virtual.use_virtual_devices()
    return virtual


@pytest.fixture(scope="session")
def jfk() -> Path:
    return DATA / "jfk.flac"


def write_wav(path: Path, audio: np.ndarray, rate: int = 16000, channels: int = 1) -> Path:
    """Interleaved float samples to 16-bit PCM, at any rate and channel count (for input tests)."""
    data = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())
    return path


class FakeInput:
    """An audio input for tests: a context manager whose `read()` the subclass writes."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

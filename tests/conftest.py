"""Shared fixtures: the user folders point at a temporary folder, and heavy models load once."""
from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path, monkeypatch):
    """No test writes into the real ./recordings or the user's home."""
    monkeypatch.setenv("INTERVIEWER_RECORDINGS", str(tmp_path / "recordings"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def whisper():
    from interviewer.speech.whisper import WhisperTranscriber

    t = WhisperTranscriber(beam_size=5)
    t.load()
    return t


@pytest.fixture(scope="session")
def voice():
    from interviewer.voice import get_voice

    return get_voice("piper")


@pytest.fixture(scope="session")
def jfk() -> Path:
    path = SHARED / "jfk.flac"
    if not path.exists():
        pytest.fail(f"shared test data missing: {path}")
    return path


def write_wav(path: Path, audio: np.ndarray, rate: int = 16000, channels: int = 1) -> Path:
    data = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())
    return path

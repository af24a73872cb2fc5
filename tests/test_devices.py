"""Real PortAudio streams through the PulseAudio null-sink pair (scripts/virtual-audio.sh)."""
import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from conftest import SENTENCE_HEARD

from interviewer.audio.levels import levels
from interviewer.audio.resample import resample
from interviewer.audio.wavwriter import write_wav

RATE = 16000
CLI = [sys.executable, "-m", "interviewer.cli"]


def run_cli(*args, env=None):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory, piper_sentence):
    """A Piper sentence at 16 kHz with 0.5 s of silence each side, as a WAV."""
    audio, rate = piper_sentence
    speech = resample(audio, rate, RATE)
    pad = np.zeros(RATE // 2, dtype=np.float32)
    path = write_wav(tmp_path_factory.mktemp("audio") / "answer.wav", np.concatenate([pad, speech, pad]), RATE)
    return path, speech


def test_mic_hears_what_is_played_into_it(virtual_audio, answer_wav, transcribe):
    from interviewer.audio.mic import BLOCK, MicIn

    path, speech = answer_wav
    seconds = len(speech) / RATE + 2.0
    blocks = []
    with MicIn(timeout=5) as mic:
        player = virtual_audio.play_into_mic(path)
        started = time.monotonic()
        while len(blocks) * BLOCK < seconds * RATE:
            block = mic.read()
            assert block.shape == (BLOCK,) and block.dtype == np.float32
            blocks.append(block)
        assert player.wait(timeout=10) == 0, player.stderr.read()
    elapsed = time.monotonic() - started   # before transcribing, which is no part of the mic's pace
    recorded = np.concatenate(blocks)
    # Where the speech landed: cross-correlate with the source.
    corr = np.correlate(recorded, speech, mode="valid")
    offset = int(np.argmax(np.abs(corr)))
    latency = offset / RATE - 0.5  # the WAV has 0.5 s of lead-in
    print(f"mic round trip: speech at {offset / RATE:.3f} s, latency {latency * 1000:.0f} ms")
    assert -0.05 < latency < 1.0
    heard = recorded[offset: offset + len(speech)]
    assert levels(heard)["rms_dbfs"] == pytest.approx(levels(speech)["rms_dbfs"], abs=1.0)
    assert np.corrcoef(heard, speech)[0, 1] > 0.95
    text = transcribe(recorded)
    for words in SENTENCE_HEARD:
        assert words in text, text
    assert elapsed < seconds + 1.5  # blocks arrive at real-time pace


def test_speaker_plays_to_the_speaker_sink(virtual_audio):
    from interviewer.audio.speaker import SpeakerOut

    t = np.arange(22050) / 22050
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    monitor = subprocess.Popen(["parec", "--raw", "--format=s16le", "--rate=16000", "--channels=1",
                                "--device=speaker.monitor"], stdout=subprocess.PIPE)
    try:
        time.sleep(0.3)
        start = time.monotonic()
        SpeakerOut().play(tone, 22050)
        took = time.monotonic() - start
        time.sleep(0.3)
    finally:
        monitor.terminate()
    captured = np.frombuffer(monitor.stdout.read(), dtype="<i2").astype(np.float32) / 32768
    print(f"SpeakerOut: {len(tone) / 22050:.2f} s clip took {took:.2f} s")
    assert len(tone) / 22050 - 0.1 < took < len(tone) / 22050 + 1.0
    spectrum = np.abs(np.fft.rfft(captured))
    assert abs(np.argmax(spectrum) * RATE / len(captured) - 440) < 5
    # Amplitude of the 440 Hz component alone (lock-in over the capture), so
    # anything else another test plays into the shared sink does not count.
    lock_in = np.abs(np.sum(captured * np.exp(-2j * np.pi * 440 * np.arange(len(captured)) / RATE)))
    assert 2 * lock_in / RATE == pytest.approx(0.5, rel=0.1)


def test_devices_json_lists_default_input_and_output(virtual_audio):
    result = run_cli("devices", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert any(d["default_input"] for d in data["inputs"])
    assert any(d["default_output"] for d in data["outputs"])
    assert {"index", "name", "max_input_channels", "default_samplerate"} <= set(data["inputs"][0])


def test_check_audio_reports_levels(virtual_audio, answer_wav):
    player = virtual_audio.play_into_mic(answer_wav[0])
    result = run_cli("check-audio", "--seconds", "2", "--json")
    player.wait(timeout=10)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["peak_dbfs"] > -30 and stats["verdict"] in ("ok", "noisy")


def test_bogus_device_is_one_line_error(virtual_audio):
    result = run_cli("check-audio", "--input-device", "no-such-mic-xyz")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("interviewer: error: no input device matches")
    assert "Traceback" not in result.stderr


def test_no_devices_at_all_is_clear(virtual_audio):
    # PulseAudio unreachable and no sound card: PortAudio lists nothing usable.
    cards = open("/proc/asound/cards").read() if os.path.exists("/proc/asound/cards") else ""
    if "[" in cards:
        pytest.skip("this machine has a real sound card")
    env = {"PULSE_SERVER": "unix:/nonexistent/pulse"}
    result = run_cli("check-audio", env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no microphone found" in result.stderr and "Traceback" not in result.stderr


def test_missing_portaudio_is_clear():
    code = ("import builtins, sys\n"
            "real = builtins.__import__\n"
            "def fake(name, *a, **k):\n"
            "    if name == 'sounddevice': raise OSError('PortAudio library not found')\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = fake\n"
            "from interviewer.cli import main\n"
            "sys.exit(main(['devices']))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "PortAudio is not installed: run `sudo apt-get install libportaudio2`" in result.stderr

import os
import signal
import subprocess
import sys
import time
import wave

import numpy as np
import pytest

from interviewer.audio.wavwriter import WavWriter, read_wav, write_wav

RATE = 16000


def ramp(n):
    """A signal where every sample's position can be read back from its value."""
    return ((np.arange(n) % 20000) / 20000 - 0.5).astype(np.float32)


def test_roundtrip_and_header(tmp_path):
    x = ramp(RATE * 2 + 123)
    with WavWriter(tmp_path / "a.wav") as w:
        for i in range(0, len(x), 512):
            w.write(x[i:i + 512])
    with wave.open(str(tmp_path / "a.wav")) as f:
        assert (f.getnchannels(), f.getsampwidth(), f.getframerate(), f.getnframes()) == (1, 2, RATE, len(x))
    y, rate = read_wav(tmp_path / "a.wav")
    assert rate == RATE and np.max(np.abs(y - x)) < 1 / 16000


def test_file_is_valid_while_writing(tmp_path):
    w = WavWriter(tmp_path / "live.wav")
    w.write(ramp(int(2.5 * RATE)))
    with wave.open(str(tmp_path / "live.wav")) as f:  # a second reader, writer still open
        assert 1.5 * RATE <= f.getnframes() <= 2.5 * RATE
    w.close()


def test_write_wav_is_atomic_and_clips(tmp_path):
    path = write_wav(tmp_path / "q.wav", np.array([0.0, 2.0, -2.0], dtype=np.float32), 22050)
    y, rate = read_wav(path)
    assert rate == 22050 and y.tolist() == pytest.approx([0.0, 32767 / 32768, -32767 / 32768])
    assert [p.name for p in tmp_path.iterdir()] == ["q.wav"]  # no temp file left


WRITER = r"""
import sys, time, numpy as np
sys.path.insert(0, {root!r})
from interviewer.audio.wavwriter import WavWriter
x = ((np.arange(16000 * 20) % 20000) / 20000 - 0.5).astype(np.float32)  # ramp()
w = WavWriter(sys.argv[1])
for i in range(0, len(x), 1600):       # 0.1 s blocks, like a live recording
    w.write(x[i:i + 1600])
    print(i + 1600, flush=True)
    time.sleep(0.01)
"""


def test_killed_writer_leaves_valid_wav_losing_at_most_one_second(tmp_path):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = tmp_path / "killed.wav"
    proc = subprocess.Popen([sys.executable, "-c", WRITER.format(root=root), str(path)],
                            stdout=subprocess.PIPE, text=True, cwd=root)
    written = 0
    while written < 3.3 * RATE:  # stop mid-second, not on a sync boundary
        written = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with wave.open(str(path)) as f:
        frames = f.getnframes()
    y, _ = read_wav(path)
    assert len(y) == frames
    assert written - RATE <= frames <= written
    assert np.max(np.abs(y - ramp(frames))) < 1 / 16000  # what survived is the right audio

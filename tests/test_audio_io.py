"""Device-free parts of audio I/O: file input pacing and resampling."""
import time

import numpy as np
import pytest

from interviewer.audio.io import BLOCK, FileIn, NullOut
from interviewer.audio.resample import Resampler
from interviewer.audio.wavwriter import write_wav
from interviewer.errors import UserError


def tone(rate, seconds=1.0, freq=440.0, amp=0.5):
    return (amp * np.sin(2 * np.pi * freq * np.arange(int(rate * seconds)) / rate)).astype(np.float32)


@pytest.mark.parametrize("in_rate", [44100, 48000, 22050, 8000])
def test_streaming_resampler_keeps_pitch_length_and_level(in_rate):
    r, x = Resampler(in_rate, 16000), tone(in_rate, 2.0)
    y = np.concatenate([r.process(x[i:i + 1000]) for i in range(0, len(x), 1000)])  # odd block size
    assert abs(len(y) - 32000) <= 2
    steady = y[2000:-2000]
    assert abs(np.argmax(np.abs(np.fft.rfft(steady))) * 16000 / len(steady) - 440) < 2
    assert np.sqrt(np.mean(steady ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.02)


def test_resampler_filters_what_16k_cannot_hold():
    y = Resampler(48000, 16000).process(tone(48000, 1.0, freq=12000))  # would alias to 4 kHz
    assert np.sqrt(np.mean(y[500:] ** 2)) < 0.02


def test_file_in_blocks_and_pacing(tmp_path):
    path = write_wav(tmp_path / "a.wav", tone(22050, 1.0), 22050)
    start = time.monotonic()
    with FileIn(path, realtime=True) as src:
        blocks = []
        while (b := src.read()) is not None:
            blocks.append(b)
    took = time.monotonic() - start
    assert all(b.shape == (BLOCK,) and b.dtype == np.float32 for b in blocks)
    assert len(blocks) == int(np.ceil(16000 / BLOCK))
    assert 0.95 < took < 1.5  # like a live mic
    fast = FileIn(path, realtime=False).open()
    t0 = time.monotonic()
    while fast.read() is not None:
        pass
    assert time.monotonic() - t0 < 0.2


def test_file_in_missing_is_user_error(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        FileIn(tmp_path / "nope.wav").open()


def test_null_out_can_take_real_time():
    out = NullOut(realtime=True)
    t0 = time.monotonic()
    out.play(np.zeros(8000, dtype=np.float32), 16000)
    assert 0.45 < time.monotonic() - t0 < 0.7 and out.played_seconds == 0.5

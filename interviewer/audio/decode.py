"""Read any audio file as 16 kHz mono float32 blocks, without holding the whole file.

PyAV (bundled with faster-whisper) decodes WAV, FLAC, MP3, OGG, M4A and resamples
any rate and channel layout. Streaming keeps an hour-long file at constant memory.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np

from ..errors import UserError

SAMPLE_RATE = 16000
BLOCK = 16000 * 5  # samples per yielded block: 5 s


def check_readable(path: Path) -> None:
    if not path.exists():
        raise UserError(f"no such file: {path}")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not an audio file")
    if path.stat().st_size == 0:
        raise UserError(f"{path} is empty")


def stream_audio(path: Path, block: int = BLOCK) -> Iterator[np.ndarray]:
    """Yield float32 blocks of `block` samples (the last may be shorter)."""
    import av

    check_readable(path)
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except av.error.InvalidDataError:
        raise UserError(f"{path} is not an audio file this tool can read") from None
    except (av.error.FFmpegError, UnicodeDecodeError) as e:
        raise UserError(f"cannot open {path}: {str(e).splitlines()[0] if str(e) else e.__class__.__name__}") from None
    with container:
        if not container.streams.audio:
            raise UserError(f"{path} has no audio track")
        resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        pending: list[np.ndarray] = []
        size = 0
        try:
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    pending.append(out.to_ndarray().reshape(-1))
                    size += pending[-1].size
                while size >= block:
                    joined = np.concatenate(pending)
                    yield joined[:block].astype(np.float32) / 32768.0
                    pending, size = [joined[block:]], joined.size - block
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError:
            raise UserError(f"{path} is damaged or not audio: decoding failed") from None
        if pending and size:
            yield np.concatenate(pending).astype(np.float32) / 32768.0


def read_audio(path: Path) -> np.ndarray:
    """The whole file at once; for short clips and tests."""
    blocks = list(stream_audio(path))
    return np.concatenate(blocks) if blocks else np.zeros(0, np.float32)

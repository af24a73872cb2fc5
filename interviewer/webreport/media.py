"""Where the report's <audio> elements get their sound: a relative link, or an embedded Opus file.

Relative links keep report.html small and let the folder move as a whole.
--standalone embeds each WAV as Opus in WebM (what Chromium, Firefox and Safari
all play) at a speech bitrate, so one file can be mailed: about 4.5 kB of page a
second of audio (24 kbit/s plus base64's third) against 32 kB a second for a 16 kHz WAV.
"""
from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from urllib.parse import quote

OPUS_BITRATE = 24000  # clear speech; Opus is transparent for voice well below this


def relative_url(wav: Path, html: Path) -> str:
    """The WAV's path as seen from the HTML file's folder, URL-quoted, with forward slashes."""
    rel = os.path.relpath(wav.resolve(), html.resolve().parent)
    return quote(Path(rel).as_posix())


def opus_bytes(wav: Path, bitrate: int = OPUS_BITRATE) -> bytes:
    """The recording re-encoded as mono Opus in WebM (PyAV, imported lazily: it is heavy)."""
    import av

    out = io.BytesIO()
    with av.open(str(wav)) as src, av.open(out, mode="w", format="webm") as dst:
        stream = dst.add_stream("libopus", rate=48000)
        stream.bit_rate = bitrate
        stream.layout = "mono"
        # Opus only takes 48 kHz (and a few lower rates); resample whatever the WAV holds.
        resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=48000)
        for frame in src.decode(audio=0):
            frame.pts = None
            for f in resampler.resample(frame):
                for packet in stream.encode(f):
                    dst.mux(packet)
        for f in resampler.resample(None):
            for packet in stream.encode(f):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out.getvalue()


def audio_src(wav: Path, html: Path, standalone: bool) -> str | None:
    """The src for an <audio>, or None when the recording is missing (the page then says so)."""
    if not wav.is_file() or wav.stat().st_size <= 44:  # a bare WAV header holds no sound
        return None
    if not standalone:
        return relative_url(wav, html)
    try:
        data = opus_bytes(wav)
    except Exception:  # noqa: BLE001 - a damaged WAV must not sink the whole report
        return None
    return "data:audio/webm;codecs=opus;base64," + base64.b64encode(data).decode("ascii")

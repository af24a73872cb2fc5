"""A shorter audio window for Whisper's encoder on short clips.

faster-whisper pads every clip's features to 30 s (3000 frames) before the encoder, so a 1.5 s
"That's my answer." costs base as much encoder time as 30 s of speech: about 0.9 s of 1.3 s on
2 cores. CTranslate2's encoder takes fewer frames (the positional table is simply cut short,
as whisper.cpp's `audio_ctx` does), and on a short clip that is 3 to 4 times faster. Whisper
was trained on 30 s windows, so a short window can cost accuracy: it is used where speed decides
and a slip is cheap (the live closing-phrase check), never for the transcript that is saved.

faster-whisper calls `pad_or_trim` from its module namespace, so the window is set there, per
thread: a call inside `short_window()` gets the clip's own length plus a margin; every other
call, in any thread, keeps the 30 s window.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

FULL_FRAMES = 3000        # 30 s at 100 frames per second
MARGIN_FRAMES = 100       # 1 s of padding after the clip, as Whisper always saw some
MIN_FRAMES = 600          # below 6 s the decoder starts to run on (measured: 6 s and 10 s both read cleanly)

_local = threading.local()
_lock = threading.Lock()


def _install() -> None:
    import faster_whisper.transcribe as ft

    with _lock:
        if getattr(ft.pad_or_trim, "short_window", False):
            return
        full = ft.pad_or_trim

        def pad_or_trim(array, length: int = FULL_FRAMES, *, axis: int = -1):
            least = getattr(_local, "short", 0)
            if least:
                length = max(least, min(FULL_FRAMES, array.shape[axis] + MARGIN_FRAMES))
            return full(array, length, axis=axis)

        pad_or_trim.short_window = True
        ft.pad_or_trim = pad_or_trim


@contextmanager
def short_window(least_s: float = MIN_FRAMES / 100):
    """Within this block, this thread's Whisper calls encode only the clip plus a 1 s margin, and
    at least `least_s` seconds."""
    _install()
    _local.short = max(1, min(FULL_FRAMES, int(round(least_s * 100))))
    try:
        yield
    finally:
        _local.short = 0

"""Record one spoken answer: WAV on disk as it arrives, transcribed while it is spoken.

The answer ends on whichever comes first: `end_silence_s` of silence after speech
(VAD; never in rounds whose registry entry sets it to null), Enter (a set `stop` event),
`max_answer_s`, or no speech by `start_timeout_s`.
Ctrl-C keeps what was said: the WAV is valid up to the last second and marked partial.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .audio.wavwriter import WavWriter
from .rounds import Endpointing
from .speech.stream import AnswerTranscriber, Heard

Meter = Callable[[np.ndarray, float, bool], None]  # block, elapsed seconds, speaking now


@dataclass
class Recording:
    path: Path
    heard: Heard
    ended_by: str                 # silence | enter | max-length | no-speech | input-ended | interrupted
    spans: list = field(default_factory=list)
    duration_s: float = 0.0
    timings: dict = field(default_factory=dict)
    ended_at: float = 0.0         # perf_counter() at the endpoint
    warnings: list = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return self.ended_by == "interrupted"


def record_answer(source, path: Path, answer: AnswerTranscriber, rules: Endpointing,
                  stop: threading.Event | None = None, meter: Meter | None = None) -> Recording:
    ended_by = "input-ended"
    writer = WavWriter(path)
    try:
        with source:
            while True:
                block = source.read()
                if block is None:
                    break
                writer.write(block)
                answer.feed(block)
                vad, elapsed = answer.vad, writer.seconds
                if meter:
                    meter(block, elapsed, vad.in_speech)
                if (rules.end_silence_s is not None and vad.heard_speech
                        and vad.trailing_silence_s() >= rules.end_silence_s):
                    ended_by = "silence"
                elif not vad.heard_speech and elapsed >= rules.start_timeout_s:
                    ended_by = "no-speech"
                elif elapsed >= rules.max_answer_s:
                    ended_by = "max-length"
                elif stop is not None and stop.is_set():
                    ended_by = "enter"
                else:
                    continue
                break
    except KeyboardInterrupt:
        ended_by = "interrupted"
    finally:
        writer.close()
    endpoint_s = writer.seconds
    ended_at = time.perf_counter()
    heard = answer.finish()
    spans = answer.spans
    timings = {
        "speech_end_s": round(spans[-1].end, 2) if spans else None,
        "endpoint_s": round(endpoint_s, 2),
        "transcript_ready_s": round(endpoint_s + time.perf_counter() - ended_at, 3),
        "asr_busy_s": round(answer.busy_s, 2),
        "input_overflows": getattr(source, "overflows", 0),
    }
    warnings = []
    if timings["input_overflows"]:  # dropped blocks shift every later pause and word time
        warnings.append(f"the microphone dropped audio {timings['input_overflows']} time(s) (input overflow), so "
                        "pause timings may be off: close other programs using the CPU or the microphone")
    return Recording(path, heard, ended_by, spans, endpoint_s, timings, ended_at, warnings)

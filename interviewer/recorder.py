"""Record one spoken answer: WAV on disk as it arrives, transcribed while it is spoken.

The answer ends on whichever comes first (interviewer/turns.py decides): Enter (a set `stop`
event), a closing phrase at the end of the live transcript ("...that's my answer."), silence
(adaptive: settle_s once the answer is complete, end_silence_s while it is not; never in rounds
whose registry entry sets end_silence_s to null), `max_answer_s`, or no speech by
`start_timeout_s`. In the thought-aloud rounds the interviewer may speak while recording
(nudges, time checks): that audio stays in the WAV but VAD and Whisper hear silence instead,
from the moment it starts until TAIL_S after it ends.
Ctrl-C keeps what was said: the WAV is valid up to the last second and marked partial.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from .audio.wavwriter import WavWriter
from .rounds import Endpointing, Round
from .speech.stream import AnswerTranscriber, Heard
from .turns import NOT_READY, NudgeScheduler, PhaseClock, State, assess, decide

Meter = Callable[..., None]  # (block, elapsed seconds, speaking now[, status dict])
TAIL_S = 0.3                 # after the interviewer stops, its echo may still be arriving


@dataclass
class Recording:
    path: Path
    heard: Heard
    ended_by: str                 # said-done | silence | enter | max-length | no-speech | input-ended | interrupted
    spans: list = field(default_factory=list)
    duration_s: float = 0.0
    timings: dict = field(default_factory=dict)
    ended_at: float = 0.0         # perf_counter() at the endpoint
    warnings: list = field(default_factory=list)
    events: list = field(default_factory=list)   # nudge, time-check, phase, interviewer-speech

    @property
    def partial(self) -> bool:
        return self.ended_by == "interrupted"


@dataclass
class Live:
    """What happens while the candidate answers, beyond recording: all optional."""
    round: Optional[Round] = None              # judge the live transcript (closing phrase, complete answer)
    nudges: Optional[NudgeScheduler] = None
    clock: bool = False                        # the system-design phase clock
    voice: object = None                       # an Interjector: speaks nudges and time checks
    interrupt: bool = True                     # the candidate talking over the interviewer stops it
    after_question_s: float = 0.0              # the question's echo may still be arriving: kept out of VAD/ASR


def record_answer(source, path: Path, answer: AnswerTranscriber, rules: Endpointing,
                  stop: threading.Event | None = None, meter: Meter | None = None,
                  live: Live | None = None) -> Recording:
    live = live or Live()
    ended_by = "input-ended"
    writer = WavWriter(path)
    events: list[dict] = []
    clock = PhaseClock(live.round.phases, lambda: writer.seconds) if live.clock and live.round else None
    voice = _Interviewer(live, events)
    state = NOT_READY
    last_text: tuple | None = None
    try:
        with source:
            while True:
                block = source.read()
                if block is None:
                    break
                writer.write(block)
                t = writer.seconds
                t0 = t - block.size / 16000
                masked = voice.hears(block, t0, t)
                answer.feed(np.zeros_like(block) if masked else block)
                vad = answer.vad
                pieces = answer.new_pieces() if (live.round or clock) else []
                if clock is not None and pieces:
                    for at, phase in clock.add_words([w for p in pieces for w in p.words]):
                        events.append({"t": round(at, 2), "type": "phase", "phase": phase})
                if live.round is not None:
                    text, ready = answer.live_text()
                    tail = None if ready else answer.closing_tail()
                    if (text, ready, tail) != last_text:
                        last_text, state = (text, ready, tail), assess(live.round, text, ready, tail)
                silence = vad.trailing_silence_s() if vad.heard_speech else 0.0
                if meter:
                    status = {"silence_s": silence, "phase": clock.status() if clock else None}
                    meter(block, t, vad.in_speech, status)
                ended_by = decide(rules, State(t, vad.heard_speech, silence, bool(stop is not None and stop.is_set()),
                                               state)) or ""
                if ended_by:
                    break
                if voice.free and not masked:
                    check = clock.time_check() if clock else None
                    nudge = None if check else (live.nudges.due(t, silence, vad.heard_speech) if live.nudges else None)
                    if check or nudge:
                        voice.say("time-check" if check else "nudge", check or nudge, t)
            if not ended_by:
                ended_by = "input-ended"
    except KeyboardInterrupt:
        ended_by = "interrupted"
    finally:
        writer.close()
        voice.stop()
    endpoint_s = writer.seconds
    voice.close(endpoint_s)
    ended_at = time.perf_counter()
    heard = answer.finish()
    spans = answer.spans
    timings = {
        "speech_end_s": round(spans[-1].end, 2) if spans else None,
        "endpoint_s": round(endpoint_s, 2),
        "transcript_ready_s": round(endpoint_s + time.perf_counter() - ended_at, 3),
        "asr_busy_s": round(answer.busy_s, 2),
        "asr_calls": answer.calls,
        "asr_pieces": answer.pieces,
        "input_overflows": getattr(source, "overflows", 0),
    }
    warnings = []
    if timings["input_overflows"]:  # dropped blocks shift every later pause and word time
        warnings.append(f"the microphone dropped audio {timings['input_overflows']} time(s) (input overflow), so "
                        "pause timings may be off: close other programs using the CPU or the microphone")
    return Recording(path, heard, ended_by, spans, endpoint_s, timings, ended_at, warnings, events)


class _Interviewer:
    """The interviewer's voice during an answer (nudges, time checks): what it says, when the mic is
    hearing it rather than the candidate (from when it starts until TAIL_S after it stops, and the
    question's own echo at the start), the `interviewer-speech` windows, and barge-in."""

    def __init__(self, live: Live, events: list[dict]):
        self.live, self.events = live, events
        self.voice = live.voice
        self.mask_until = live.after_question_s or -1.0   # recording seconds up to which the mic is the interviewer's
        self.window: dict | None = None                    # the open interviewer-speech event
        self.said: str | None = None                       # the kind of the interjection being spoken
        self.barge = _BargeIn() if self.voice is not None and live.interrupt else None

    @property
    def free(self) -> bool:
        """Whether it may speak now."""
        return self.voice is not None and not self.voice.busy

    def say(self, kind: str, text: str, t: float) -> None:
        self.said = kind
        self.events.append({"t": round(t, 2), "type": kind, "text": text})
        self.voice.say(text)

    def hears(self, block: np.ndarray, t0: float, t: float) -> bool:
        """Note this block (t0 to t seconds); True when the mic is hearing the interviewer in it."""
        if self.voice is not None and self.voice.playing:
            self.mask_until = t + TAIL_S
            if self.window is None:
                self.window = {"t": round(t0, 2), "type": "interviewer-speech"}
                self.events.append(self.window)
            if self.barge is not None and self.barge.heard(block, self.voice):
                self.voice.stop(wait=False)
                self.window["interrupted"] = True
        elif self.window is not None and t >= self.mask_until:
            self.close(self.mask_until)
            if self.said == "nudge" and self.live.nudges:
                self.live.nudges.spoken(self.mask_until)
            self.said = None
            if self.barge is not None:
                self.barge.reset()
        return t0 < self.mask_until

    def close(self, at: float) -> None:
        """End the open window (at the endpoint, it ends there at the latest), with the echo gain the
        barge-in check learnt (why a talk-over was or was not heard)."""
        if self.window is not None:
            self.window["end"] = round(min(self.mask_until, at), 2)
            if self.barge is not None and self.barge.gain_db is not None:
                self.window["echo_gain_db"] = round(self.barge.gain_db, 1)
            self.window = None

    def stop(self) -> None:
        if self.voice is not None:
            self.voice.stop()


class _BargeIn:
    """The candidate talking over the interviewer. Without echo cancellation the mic also carries the
    interviewer's own voice (a laptop without headphones), so the mic has to be clearly louder than that
    echo can be: the echo path's gain (mic level minus the level being played) is learnt over the first
    LEARN_S of each interjection in which the interviewer is near its loudest (the candidate was silent:
    that is why it spoke); then the mic's level, smoothed over SMOOTH_S so the dips between syllables do
    not reset it, LOUDER_DB above the loudest recent reference plus that gain for HOLD_S stops it. With
    headphones the gain is very low and any speech counts.
    Only blocks within STEADY_DB of the interjection's peak teach the gain: while the reference is still
    rising from silence the mic holds only the room's noise, and noise over a faint reference read as a
    gain 7.5 dB too high (the talk-over device test's failure in CI, traced here: -51 dB of room over a
    -38 dB reference read as -13 dB against a real -20 dB, so a candidate at -17 dB never counted as
    louder than the echo)."""
    LEARN_S, LOUDER_DB, HOLD_S, AUDIBLE_DB, SMOOTH_S, STEADY_DB = 0.3, 8.0, 0.2, -40.0, 0.15, 12.0

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self._gain: float | None = None
        self._learnt_s = 0.0
        self._loud_s = 0.0
        self._power = 0.0

    @property
    def gain_db(self) -> float | None:
        return self._gain

    def heard(self, block: np.ndarray, voice) -> bool:
        power = float(np.mean(block * block)) if block.size else 0.0
        seconds = block.size / 16000
        ref = voice.reference_db() if hasattr(voice, "reference_db") else -120.0
        peak = voice.peak_db() if hasattr(voice, "peak_db") else ref
        if self._learnt_s < self.LEARN_S:
            if ref > max(self.AUDIBLE_DB, peak - self.STEADY_DB):
                db = 10 * np.log10(power + 1e-18)
                self._gain = db - ref if self._gain is None else max(self._gain, db - ref)
                self._learnt_s += seconds
            return False
        keep = float(np.exp(-seconds / self.SMOOTH_S))
        self._power = keep * self._power + (1 - keep) * power
        db = 10 * np.log10(self._power + 1e-18)
        loud = db > max(ref + (self._gain if self._gain is not None else 0.0), -50.0) + self.LOUDER_DB
        self._loud_s = self._loud_s + seconds if loud else 0.0
        return self._loud_s >= self.HOLD_S

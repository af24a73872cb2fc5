"""Transcribe an answer while it is spoken: cut at pauses, transcribe pieces in the background.

The same path serves a live microphone and a file: blocks go in as they arrive, VAD
closes speech spans, and a piece is sent to Whisper once a pause ends it. When the
answer ends only the last piece is left, so feedback is ready within about a second
whatever the answer's length. Only the audio of the open piece is held in memory.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ..audio.vad import RATE, StreamingVad
from ..model import Span, Transcript, Word
from . import guards
from .whisper import Piece, Transcriber

CUT_PAUSE_S = 0.6    # a pause this long ends a piece...
MIN_PIECE_S = 4.0    # ...once it holds this much (live: shorter pieces lose context, longer ones delay the end)
FILE_PIECE_S = 8.0   # the same from a file. Longer pieces cost a little less, but Whisper writes a piece as
                     # fluent text: over 20 s pieces base dropped the "uh"/"um" opening a phrase deep in the piece
                     # (7 of 39 on the degraded set of benchmarks/hearing.py, 3 with 8 s) and sometimes ended a
                     # piece early (RESUME_S); 8 s cost base about 15% more Whisper time than 20 s
LONG_PAUSE_S = 1.5   # a pause this long ends any piece: the answer's end is transcribed early, and
                     # Whisper never sees a long silence, where it drifts and invents words
MAX_PIECE_S = 24.0   # Whisper sees 30 s at most; cut earlier at a span boundary
MARGIN_S = 0.15      # audio kept around a piece so word edges are not clipped
MAX_QUEUED = 3       # pieces waiting for Whisper before feed() waits: bounds memory on long files
PEEK_PAUSE_S = 0.4   # live: a pause this long transcribes the open piece early, so the end of the answer
                     # ("...that's my answer.") is known within about a second; if the pause becomes a cut,
                     # that transcription is the piece's, so the peek costs Whisper nothing extra; if speech
                     # resumes first, a peek still waiting for Whisper is cancelled
TAIL_S = 3.0         # live: at that pause the last 3 s of speech are also read fast, in Whisper's short window
                     # (speech/context.py), only to hear a closing phrase: a 30 s window costs base about 1 s
                     # more, and "...that's my answer." should end the answer 0.7 s after it, not 2 s
RESUME_S = 1.0       # speech this long left after Whisper's last word is sent again: Whisper sometimes ends a
                     # piece early (its closing timestamp says "no more speech"), and faster-whisper then skips
                     # the rest of the window; base did so on 4 of 24 degraded answers, losing 6-16 s each
MAX_RESUMES = 2
FINAL_WINDOW_S = 10.0  # the piece left when the answer ends (at Enter, say), which the candidate waits
                       # for, gets a 10 s encoder window when it fits (speech/context.py): base reads a 7 s
                       # piece in about 0.6 s instead of 1.2 s. Only that piece: on live-sized pieces a 10 s
                       # window heard degraded speech as well as 30 s but clean speech a little worse (content
                       # recall 0.92 against 0.95, benchmarks/hearing.py --models base,base+short10 --piece 4)


@dataclass
class Heard:
    """What came out of an answer: the cleaned transcript and how sure Whisper was."""
    transcript: Transcript
    notes: list[str] = field(default_factory=list)
    avg_logprob: float | None = None
    mean_probability: float | None = None
    model: str | None = None                 # calibration key of the model that heard it
    english_probability: float | None = None  # multilingual models only: language ID says English

    @property
    def intelligible(self) -> bool:
        """False for foreign speech, noise and mumbling: Whisper turns them into confident-looking
        English, but with low word probabilities and log-probs. The cut-offs are measured per
        model (interviewer/data/calibration.json, benchmarks/calibrate.py)."""
        from .calibration import cutoffs

        return not cutoffs(self.model).refused(self.mean_probability, self.avg_logprob, self.english_probability)

    @property
    def low_confidence(self) -> bool:
        """English, but Whisper was unsure: analysed, and marked so."""
        from .calibration import cutoffs

        return self.intelligible and cutoffs(self.model).unsure(self.mean_probability, self.avg_logprob)


def unheard_start(pieces: list[Piece], spans: list[Span], offset: float) -> float | None:
    """Where the speech Whisper left untranscribed starts, if at least RESUME_S of the piece's speech
    lies after its last word; else None. Pieces with no words at all are left alone (noise, foreign
    speech: sending them again would only give Whisper a second chance to invent)."""
    ends = [w.end for p in pieces for w in p.words if w.end is not None]
    if not ends:
        return None
    last = max(ends)
    rest = [(max(s.start, last), s.end) for s in spans if s.end > last]
    if sum(b - a for a, b in rest) < RESUME_S:
        return None
    return max(rest[0][0], offset)


class AnswerTranscriber:
    def __init__(self, transcriber: Transcriber, vad: StreamingVad | None = None, background: bool = True,
                 min_piece_s: float = MIN_PIECE_S, peek: bool = False):
        self.transcriber = transcriber
        self.min_piece_s = min_piece_s
        if hasattr(transcriber, "start_answer"):
            transcriber.start_answer()
        self.peek = peek                          # live answers: transcribe the open piece at a short pause
        self._peek: tuple | None = None           # ((first span start, last span end), Future)
        self._tail: tuple | None = None           # (last span end, Future of the tail's quick text)
        self._read = 0                            # futures already handed out by new_pieces()
        self._live_text = ""
        self.vad = vad or StreamingVad()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="asr") if background else None
        self._futures: list[Future] = []
        self._buffer = np.zeros(0, np.float32)   # audio from _buffer_start onwards
        self._buffer_start = 0.0
        self._open: list[Span] = []              # closed spans not yet sent
        self.busy_s = 0.0                        # time spent inside Whisper
        self.unvoiced_fillers = 0                # fillers dropped for want of a voice under them
        self.calls = 0                           # Whisper calls, early transcriptions and tail checks included
        self._lock = threading.Lock()

    @property
    def pieces(self) -> int:
        """Pieces sent to Whisper (calls minus pieces: tail checks, and early transcriptions that speech
        made useless)."""
        return len(self._futures)

    @property
    def spans(self) -> list[Span]:
        return self.vad.spans

    def feed(self, block: np.ndarray) -> None:
        self._buffer = np.concatenate([self._buffer, block])
        self._open.extend(self.vad.feed(block))
        if self.vad.in_speech:  # speech resumed: what Whisper has not started on is no use now
            if self._peek is not None and self._peek[1].cancel():
                self._peek = None
            if self._tail is not None and self._tail[1].cancel():
                self._tail = None
        if not self._open:
            if not self.vad.in_speech:  # drop leading silence we will never need
                keep = int(MARGIN_S * RATE)
                if self._buffer.size > keep:
                    self._buffer_start += (self._buffer.size - keep) / RATE
                    self._buffer = self._buffer[-keep:]
            return
        piece_len = self._open[-1].end - self._open[0].start
        ongoing = self.vad.position_s - self._open[0].start
        silence = 0.0 if self.vad.in_speech else self.vad.trailing_silence_s()
        if (silence >= CUT_PAUSE_S and piece_len >= self.min_piece_s) or silence >= LONG_PAUSE_S or ongoing >= MAX_PIECE_S:
            self._send(self._open)
        elif self.peek and silence >= PEEK_PAUSE_S and not self.vad.in_speech:
            key = (self._open[0].start, self._open[-1].end)
            pending = sum(not f.done() for f in self._futures)
            if (self._peek is None or self._peek[0] != key) and pending < MAX_QUEUED - 1:
                audio, start = self._cut(self._open)
                self._check_tail(audio)  # first in the queue: it is the quick one
                self._peek = (key, self._future(audio, start, list(self._open)))

    def _check_tail(self, audio: np.ndarray) -> None:
        quick = getattr(self.transcriber, "quick_text", None)
        if quick is None or not self._pool:
            return
        tail = audio[-int((TAIL_S + MARGIN_S) * RATE):]
        self._tail = (self._open[-1].end, self._pool.submit(self._timed, quick, tail))

    def closing_tail(self) -> str | None:
        """The quick text of the last few seconds of speech, once read, while the candidate is still
        silent after them; None otherwise. Only for hearing a closing phrase early."""
        if self._tail is None or self.vad.in_speech or not self.vad.spans:
            return None
        end, future = self._tail
        if end != self.vad.spans[-1].end or not future.done() or future.cancelled():
            return None
        return future.result()

    def _cut(self, spans: list[Span]) -> tuple[np.ndarray, float]:
        start = max(self._buffer_start, spans[0].start - MARGIN_S)
        end = spans[-1].end + MARGIN_S
        a = int(round((start - self._buffer_start) * RATE))
        b = int(round((end - self._buffer_start) * RATE))
        return self._buffer[a:b].copy(), start

    def _send(self, spans: list[Span], final: bool = False) -> None:
        if final and self._peek is not None:
            done = self._peeked_prefix(spans)
            if done:  # read at a pause the candidate talked on after: only what follows it is left to read
                self._futures.append(self._peek[1])
                self._peek = None
                spans = spans[done:]
        audio, start = self._cut(spans)
        end = spans[-1].end + MARGIN_S
        b = int(round((end - self._buffer_start) * RATE))
        # keep only what a later piece may need
        cut = max(0, b - int(MARGIN_S * RATE))
        self._buffer = self._buffer[cut:]
        self._buffer_start += cut / RATE
        self._open = []
        key = (spans[0].start, spans[-1].end)
        if self._peek is not None and self._peek[0] == key:  # already transcribed at the pause
            self._futures.append(self._peek[1])
        else:
            self._submit(audio, start, list(spans), waited=final)
        self._peek = None

    def _peeked_prefix(self, spans: list[Span]) -> int:
        """How many of these spans an early transcription (done, or under way: the queue has one worker)
        covers, when it covers some but not all."""
        (first, last), future = self._peek
        if future.cancelled() or spans[0].start != first:
            return 0
        ends = [sp.end for sp in spans]
        return ends.index(last) + 1 if last in ends[:-1] else 0

    def _future(self, audio: np.ndarray, offset: float, spans: list[Span], waited: bool = False) -> Future:
        if self._pool:
            return self._pool.submit(self._run, audio, offset, spans, waited)
        f: Future = Future()
        f.set_result(self._run(audio, offset, spans, waited))
        return f

    def _submit(self, audio: np.ndarray, offset: float, spans: list[Span], waited: bool = False) -> None:
        if self._pool:
            pending = [f for f in self._futures if not f.done()]
            if len(pending) >= MAX_QUEUED:
                pending[0].result()
        self._futures.append(self._future(audio, offset, spans, waited))

    def new_pieces(self) -> list[Piece]:
        """Pieces transcribed since the last call, in order (stops at the first still running)."""
        out = []
        while self._read < len(self._futures) and self._futures[self._read].done():
            pieces = self._futures[self._read].result()
            out += pieces
            words = " ".join(w.word for w in self._heard(pieces))
            if words:
                self._live_text = f"{self._live_text} {words}" if self._live_text else words
            self._read += 1
        return out

    def live_text(self) -> tuple[str, bool]:
        """The transcript so far, and whether it covers all the speech heard (nothing still to transcribe).
        Call new_pieces() first; an early transcription of the open piece counts once it is done."""
        text = self._live_text
        if self._read < len(self._futures) or self.vad.in_speech:
            return text, False
        if not self._open:
            return text, True
        if self._peek is not None and self._peek[0] == (self._open[0].start, self._open[-1].end) \
                and self._peek[1].done():
            return " ".join([text] + [w.word for w in self._heard(self._peek[1].result())]).strip(), True
        return text, False

    def _heard(self, pieces: list[Piece]) -> list[Word]:
        """The live words worth judging: the guards' cheap checks (inside speech, no unsure stock ending
        such as "see you next time" after the last word), on the spans near these pieces only."""
        words = [w for p in pieces for w in p.words]
        if not words:
            return []
        lo, hi = words[0].start - 2.0, words[-1].end + 2.0
        near = [sp for sp in self.vad.spans[-50:] if sp.end >= lo and sp.start <= hi]
        kept = []
        for p in pieces:
            inside, _ = guards.place_in_speech(p.words, near)
            kept += guards.trim_unsure_tail(inside)
        return kept

    def _run(self, audio: np.ndarray, offset: float, spans: list[Span], waited: bool = False) -> list[Piece]:
        windowed = getattr(self.transcriber, "transcribe_windowed", None)
        if waited and windowed is not None and audio.size <= (FINAL_WINDOW_S - 1.0) * RATE:
            pieces = self._timed(windowed, audio, offset, FINAL_WINDOW_S)
        else:
            pieces = self._timed(self.transcriber.transcribe, audio, offset)
        for _ in range(MAX_RESUMES):
            rest = unheard_start(pieces, spans, offset)
            if rest is None:
                break
            start = max(offset, rest - MARGIN_S)
            more = self._timed(self.transcriber.transcribe, audio[int(round((start - offset) * RATE)):], start)
            if not any(p.words for p in more):
                break
            pieces += more
        self._drop_unvoiced_fillers(pieces, audio, offset)
        return pieces

    def _timed(self, call, *args):
        """A Whisper call, counted in `calls` and `busy_s`."""
        t = time.perf_counter()
        try:
            return call(*args)
        finally:
            with self._lock:
                self.calls += 1
                self.busy_s += time.perf_counter() - t

    def _drop_unvoiced_fillers(self, pieces: list[Piece], audio: np.ndarray, offset: float) -> None:
        from .fillercheck import drop_unvoiced_fillers

        dropped = drop_unvoiced_fillers(pieces, audio, offset, RATE)
        with self._lock:
            self.unvoiced_fillers += dropped

    def _retime_fillers(self, words) -> None:
        from .fillercheck import retime_fillers

        retime_fillers(words, self.vad.spans)

    def finish(self) -> Heard:
        """Close the answer: transcribe what is left, wait, and return the cleaned transcript."""
        self._open.extend(self.vad.finish())
        if self._open:
            self._send(self._open, final=True)
        pieces = [p for f in self._futures for p in f.result()]
        if self._pool:
            self._pool.shutdown(wait=True)
        from .calibration import cutoffs

        model = getattr(self.transcriber, "model_key", None)
        words, notes = guards.clean(pieces, self.vad.spans, cutoffs(model).tail_probability)
        self._retime_fillers(words)
        if self.unvoiced_fillers:
            notes.append(f"dropped {self.unvoiced_fillers} filler(s) with no voice under them")
        transcript = Transcript(text=" ".join(w.word for w in words), words=words, language="en")
        raw = [w for p in pieces for w in p.words]
        model = getattr(self.transcriber, "model_key", None)
        if not raw:
            return Heard(transcript, notes, model=model)
        weights = [max(1, len(p.words)) for p in pieces]
        logprob = sum(p.avg_logprob * n for p, n in zip(pieces, weights)) / sum(weights)
        mean_p = sum(w.probability for w in raw) / len(raw)
        checked = [(p.english_prob, max(1, len(p.words))) for p in pieces if p.english_prob is not None]
        english = round(sum(e * n for e, n in checked) / sum(n for _, n in checked), 3) if checked else None
        return Heard(transcript, notes, round(logprob, 3), round(mean_p, 3), model, english)

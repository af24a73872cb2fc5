"""The streaming parts on their own: Silero VAD fed in blocks, and AnswerTranscriber's cut rules
and back-pressure with a fake VAD and a fake transcriber (no Whisper)."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from interviewer.audio.decode import read_audio
from interviewer.audio.vad import StreamingVad, pauses_between
from interviewer.model import Span
from interviewer.speech import stream
from interviewer.speech.stream import AnswerTranscriber

RATE = 16000


def spans_of(audio, block):
    vad = StreamingVad()
    for i in range(0, audio.size, block):
        vad.feed(audio[i:i + block])
    vad.finish()
    return vad.spans


def test_vad_spans_do_not_depend_on_block_size(jfk):
    audio = read_audio(jfk)
    reference = spans_of(audio, 512)
    assert len(reference) >= 3  # JFK pauses between phrases
    for block in (160, 1000, 7919):
        assert spans_of(audio, block) == reference


def test_silence_alone_is_no_speech_and_its_length_is_the_trailing_silence():
    vad = StreamingVad()
    vad.feed(np.zeros(3 * RATE, np.float32))
    assert not vad.heard_speech and vad.finish() == []
    assert vad.trailing_silence_s() == pytest.approx(3.0, abs=0.04)


class ScriptedVad:
    """Speech where `speech` says so; spans close min_silence after they end, like Silero."""

    def __init__(self, speech: list[tuple[float, float]], min_silence=0.25):
        self.script, self.min_silence = speech, min_silence
        self.spans: list[Span] = []
        self.position_s = 0.0

    def _speaking(self, t):
        return any(a <= t < b for a, b in self.script)

    @property
    def in_speech(self):
        return self._speaking(self.position_s) or any(
            b <= self.position_s < b + self.min_silence for a, b in self.script)

    def trailing_silence_s(self):
        ended = [b for a, b in self.script if b <= self.position_s]
        return 0.0 if self._speaking(self.position_s) or not ended else self.position_s - max(ended)

    def feed(self, block):
        self.position_s += block.size / RATE
        closed = [Span(a, b) for a, b in self.script
                  if b + self.min_silence <= self.position_s and Span(a, b) not in self.spans]
        self.spans.extend(closed)
        return closed

    def finish(self):
        rest = [Span(a, min(b, self.position_s)) for a, b in self.script
                if a < self.position_s and Span(a, min(b, self.position_s)) not in self.spans]
        self.spans.extend(rest)
        return rest


class RecordingTranscriber:
    def __init__(self, delay=0.0):
        self.delay, self.pieces, self.pending_max, self._active = delay, [], 0, 0
        self.lock = threading.Lock()

    def transcribe(self, audio, offset):
        self.pieces.append((round(offset, 3), round(offset + audio.size / RATE, 3)))
        time.sleep(self.delay)
        return []


def feed(answer, seconds):
    block = np.full(512, 0.01, np.float32)
    cuts = []
    for _ in range(int(seconds * RATE / 512)):
        answer.feed(block)
        cuts.append(len(answer._futures))
    return cuts


def test_a_short_pause_cuts_only_a_piece_long_enough_and_a_long_pause_cuts_any():
    # 0-3 s speech, 0.7 s pause (piece too short to cut), 3.7-6 s speech, 0.7 s pause (piece 6 s: cut),
    # 6.7-7.5 s speech, then a 1.6 s pause: a long pause cuts even a short piece.
    vad = ScriptedVad([(0.0, 3.0), (3.7, 6.0), (6.7, 7.5)])
    t = RecordingTranscriber()
    answer = AnswerTranscriber(t, vad=vad, background=False)
    feed(answer, 9.5)
    margin = stream.MARGIN_S
    assert t.pieces == [(0.0, 6.0 + margin), (6.7 - margin, 7.5 + margin)]


def test_a_piece_is_cut_at_a_span_boundary_before_whisper_window_is_full():
    # 2.7 s phrases with 0.3 s breaths (too short to cut): the piece is cut once it runs MAX_PIECE_S
    vad = ScriptedVad([(i * 3.0, i * 3.0 + 2.7) for i in range(20)])
    t = RecordingTranscriber()
    answer = AnswerTranscriber(t, vad=vad, background=False)
    feed(answer, 40.0)
    answer.finish()
    first = t.pieces[0]
    assert first[0] == 0.0 and stream.MAX_PIECE_S - 3.0 <= first[1] - first[0] <= stream.MAX_PIECE_S
    assert t.pieces[1][0] == pytest.approx(first[1] - 2 * stream.MARGIN_S + 0.3, abs=0.01)


def test_feeding_waits_when_whisper_falls_behind(monkeypatch):
    """Back-pressure: never more than MAX_QUEUED pieces wait, so memory stays bounded on long files."""
    speech = [(i * 3.0, i * 3.0 + 1.2) for i in range(12)]  # 12 pieces, each ended by a long pause
    vad = ScriptedVad(speech)
    t = RecordingTranscriber(delay=0.2)
    answer = AnswerTranscriber(t, vad=vad)
    longest_queue = 0
    block = np.full(512, 0.01, np.float32)
    for _ in range(int(36.5 * RATE / 512)):
        answer.feed(block)
        longest_queue = max(longest_queue, sum(not f.done() for f in answer._futures))
    answer.finish()
    assert len(t.pieces) == 12
    assert longest_queue == stream.MAX_QUEUED


def test_the_short_encoder_window_is_only_for_the_calling_thread_inside_the_block():
    import faster_whisper.transcribe as ft

    from interviewer.speech import context

    feats = np.zeros((80, 300), np.float32)    # a 3 s clip's features
    seen = {}
    inside, other = threading.Event(), threading.Event()

    def elsewhere():
        inside.wait(5)
        seen["other thread"] = ft.pad_or_trim(feats).shape[-1]
        other.set()

    t = threading.Thread(target=elsewhere)
    t.start()
    with context.short_window():
        seen["inside"] = ft.pad_or_trim(feats).shape[-1]
        seen["long clip inside"] = ft.pad_or_trim(np.zeros((80, 2950), np.float32)).shape[-1]
        inside.set()
        other.wait(5)
    t.join()
    seen["after"] = ft.pad_or_trim(feats).shape[-1]
    assert seen == {"inside": 600, "long clip inside": 3000, "other thread": 3000, "after": 3000}


def test_a_quick_reading_hears_a_closing_phrase(whisper, voice):
    from interviewer.synth import compose

    clip = compose(["so it runs in linear time. That's my answer."], voice, lead_s=0.2, tail_s=0.3, room_db=-50.0)
    tail = clip.audio[-int(3.15 * 16000):]      # the last 3 s, cut mid-sentence as the live check cuts it
    from interviewer.turns import said_done

    text = whisper.quick_text(tail)
    assert said_done(text), text


class EarlyStoppingTranscriber:
    """Whisper that ends its first piece after 2 s (its closing timestamp says "no more speech")
    and hears the rest when sent it again; `heard` is what it writes each call, as (word, start, end)."""

    def __init__(self, heard):
        self.heard, self.calls = list(heard), []

    def transcribe(self, audio, offset):
        from interviewer.model import Word
        from interviewer.speech.whisper import Piece

        self.calls.append((round(offset, 3), round(offset + audio.size / RATE, 3)))
        words = self.heard.pop(0) if self.heard else []
        return [Piece([Word(w, s, e, 0.9) for w, s, e in words], -0.3, 0.01, 1.2)] if words else []


def test_speech_whisper_left_untranscribed_is_sent_again_from_where_it_stopped():
    # speech 0-3 s and 3.7-6 s in one piece; Whisper's words stop at 2.0 s, leaving 3.3 s of speech
    vad = ScriptedVad([(0.0, 3.0), (3.7, 6.0)])
    t = EarlyStoppingTranscriber([[("We", 0.1, 0.4), ("shipped", 0.5, 2.0)],
                                  [("it", 2.1, 2.9), ("late.", 3.8, 5.9)]])
    answer = AnswerTranscriber(t, vad=vad, background=False)
    feed(answer, 8.0)
    heard = answer.finish()
    margin = stream.MARGIN_S
    assert t.calls == [(0.0, 6.0 + margin), (2.0 - margin, 6.0 + margin)]
    assert heard.transcript.text == "We shipped it late." and answer.calls == 2


def test_a_piece_heard_to_its_end_or_not_at_all_is_not_sent_again():
    # the last word ends 0.5 s before the speech does (under RESUME_S): done
    vad = ScriptedVad([(0.0, 3.0)])
    t = EarlyStoppingTranscriber([[("We", 0.1, 0.4), ("shipped", 0.5, 2.5)]])
    answer = AnswerTranscriber(t, vad=vad, background=False)
    feed(answer, 5.0)
    answer.finish()
    assert len(t.calls) == 1
    # nothing heard at all (noise, foreign speech): no second chance to invent
    t = EarlyStoppingTranscriber([])
    answer = AnswerTranscriber(t, vad=ScriptedVad([(0.0, 3.0)]), background=False)
    feed(answer, 5.0)
    answer.finish()
    assert len(t.calls) == 1
    # a resend that hears nothing more ends the resending
    t = EarlyStoppingTranscriber([[("We", 0.1, 0.4)]])
    answer = AnswerTranscriber(t, vad=ScriptedVad([(0.0, 3.0)]), background=False)
    feed(answer, 5.0)
    answer.finish()
    assert len(t.calls) == 2


class WindowedTranscriber(RecordingTranscriber):
    """Also records the pieces read through the shorter encoder window, and with which least length."""
    def __init__(self):
        super().__init__()
        self.windowed = []

    def transcribe_windowed(self, audio, offset, least_s):
        self.windowed.append((round(offset, 3), round(offset + audio.size / RATE, 3), least_s))
        return []


def test_at_the_end_an_early_reading_is_kept_and_only_the_rest_is_read_in_the_short_window():
    # 0-2.5 s speech, 0.8 s pause (read early at 0.4 s, too short to cut), 3.3-5.5 s speech, then Enter
    vad = ScriptedVad([(0.0, 2.5), (3.3, 5.5)])
    t = WindowedTranscriber()
    answer = AnswerTranscriber(t, vad=vad, background=False, peek=True)
    feed(answer, 5.5)
    answer.finish()
    margin, fed = stream.MARGIN_S, round(int(5.5 * RATE / 512) * 512 / RATE, 3)  # Enter: the audio ends there
    assert t.pieces == [(0.0, 2.5 + margin)]                                # the early reading, once
    assert t.windowed == [(3.3 - margin, fed, stream.FINAL_WINDOW_S)]       # only the rest, windowed
    assert len(answer._futures) == 2


def test_a_last_piece_longer_than_the_short_window_gets_the_full_one():
    vad = ScriptedVad([(0.0, 12.0)])
    t = WindowedTranscriber()
    answer = AnswerTranscriber(t, vad=vad, background=False, peek=True)
    feed(answer, 12.0)
    answer.finish()
    assert t.windowed == [] and t.pieces == [(0.0, 12.0)]

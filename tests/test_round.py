"""The practice loop with fake parts: no Whisper, no Piper, no PulseAudio.

The answer audio is the real JFK recording (so the real VAD hears real speech) followed by
silence; a fake transcriber says what each answer "contains", so the tests choose the content.
"""
from __future__ import annotations

import json
import threading

import numpy as np
import pytest

from interviewer.audio.decode import read_audio
from interviewer.model import Question, Word
from interviewer.rounds import Endpointing
from interviewer.session import Parts, Round
from interviewer.speech.whisper import Piece
from interviewer.store import SessionStore
from conftest import FakeInput

BLOCK = 512
NO_RESULT = ("Last year our deploys took two hours. I was asked to fix it. "
             "I profiled the pipeline and I cached the dependencies.")


class FakeVoice:
    def synthesize(self, text):
        return np.zeros(1600, np.float32), 16000


class FakeSpeaker:
    def __init__(self):
        self.played = 0

    def play(self, samples, rate):
        self.played += 1


class FakeSource(FakeInput):
    """Blocks of `audio`; after `stop_after` blocks it sets `event` or raises `error`."""

    def __init__(self, audio, stop_after=None, event=None, error=None):
        self.audio, self.stop_after, self.event, self.error = audio, stop_after, event, error
        self.i = 0

    def read(self):
        if self.stop_after is not None and self.i >= self.stop_after:
            if self.error:
                raise self.error
            self.event.set()
        block = self.audio[self.i * BLOCK:(self.i + 1) * BLOCK]
        self.i += 1
        return None if block.size < BLOCK else block


class ScriptedTranscriber:
    """Says the scripted text of the current answer: its words are spread over the JFK speech
    (0.5 to 10 s), and each piece returns those that fall inside it, as Whisper would."""

    def __init__(self):
        self.text, self.calls = "", 0

    def transcribe(self, audio, offset):
        self.calls += 1
        words = self.text.split()
        step = 9.5 / max(1, len(words))
        timed = [(0.5 + i * step, w) for i, w in enumerate(words)]
        end = offset + audio.size / 16000
        inside = [Word(w, round(t, 2), round(t + 0.8 * step, 2), 0.9) for t, w in timed if offset <= t < end]
        return [Piece(inside, -0.2, 0.01, 1.3)] if inside else []


class FakeUI:
    def __init__(self, enter=None):
        self.enter, self.ended, self.said = enter, [], []

    def say(self, text): self.said.append(text)
    def question(self, label, text): self.said.append(text)
    def recording(self, rules): pass
    def enter_event(self): return self.enter
    def meter(self, block, elapsed, speaking, status=None): pass
    def recording_done(self, ended_by, seconds): self.ended.append((ended_by, seconds))
    def feedback(self, analysis): pass
    def summary(self, text, path): self.said.append(text)


@pytest.fixture(scope="module")
def speech(jfk):
    return read_audio(jfk)


def run_round(tmp_path, answers, texts, rules=Endpointing(end_silence_s=2.0, max_answer_s=60, start_timeout_s=5),
              ui=None, follow_ups=True, questions=None):
    """answers[n-1]: a FakeSource factory for answer n; texts[n-1]: what that answer 'says'."""
    transcriber = ScriptedTranscriber()

    def listen(n, q):
        transcriber.text = texts[n - 1]
        return answers[n - 1]()

    store = SessionStore.create("behavioural", root=tmp_path)
    ui = ui or FakeUI()
    q = questions or [Question("b1", "behavioural", "Tell me about a slow pipeline you fixed.")]
    # the phrase rules judge here: these tests are about the loop, tests/test_judge.py about the judge
    finished = Round(Parts(FakeVoice(), FakeSpeaker(), listen, transcriber), store, ui, rules,
                     follow_ups=follow_ups, judge="rules").run(q)
    return finished, json.loads((store.path / "session.json").read_text()), ui, store


def with_silence(speech, seconds):
    return np.concatenate([speech, np.zeros(int(seconds * 16000), np.float32)])


def test_silence_ends_the_answer_once_it_lasts_end_silence(tmp_path, speech):
    finished, data, ui, _ = run_round(tmp_path, [lambda: FakeSource(with_silence(speech, 8))], [NO_RESULT],
                                      follow_ups=False)
    answer = data["answers"][0]
    assert finished and answer["ended_by"] == "silence"
    # the endpoint comes end_silence_s after the last speech, not at the end of the 8 s of silence
    assert answer["timings"]["endpoint_s"] - answer["timings"]["speech_end_s"] == pytest.approx(2.0, abs=0.15)


def test_enter_ends_the_answer_at_once(tmp_path, speech):
    enter = threading.Event()
    blocks = int(4.0 * 16000 / BLOCK)
    finished, data, _, _ = run_round(tmp_path, [lambda: FakeSource(with_silence(speech, 8), blocks, enter)],
                                     [NO_RESULT], ui=FakeUI(enter), follow_ups=False)
    answer = data["answers"][0]
    assert answer["ended_by"] == "enter"
    assert answer["timings"]["endpoint_s"] == pytest.approx(blocks * BLOCK / 16000, abs=0.05)


def test_max_length_stops_a_long_answer(tmp_path, speech):
    rules = Endpointing(end_silence_s=None, max_answer_s=6.0, start_timeout_s=5)  # silence never ends it
    finished, data, _, _ = run_round(tmp_path, [lambda: FakeSource(with_silence(speech, 8))], [NO_RESULT],
                                     rules=rules, follow_ups=False)
    answer = data["answers"][0]
    assert answer["ended_by"] == "max-length" and answer["timings"]["endpoint_s"] == pytest.approx(6.0, abs=0.05)


def test_ctrl_c_keeps_the_partial_answer_on_disk(tmp_path, speech):
    blocks = int(5.0 * 16000 / BLOCK)
    finished, data, _, store = run_round(
        tmp_path, [lambda: FakeSource(with_silence(speech, 8), blocks, error=KeyboardInterrupt())], [NO_RESULT])
    answer = data["answers"][0]
    assert finished is False and answer["partial"] is True and answer["ended_by"] == "interrupted"
    assert data["summary"]["interrupted"] is True
    kept = read_audio(store.path / answer["audio"])
    assert kept.size == pytest.approx(blocks * BLOCK, abs=BLOCK)


@pytest.mark.parametrize("reply, verdict", [
    ("As a result the deploys took twenty minutes instead of two hours.", "follow_up.result.covered"),
    ("I would measure the deploy latency.", "follow_up.result.missing"),
    ("Honestly I don't remember.", "follow_up.result.missing"),
])
def test_a_follow_up_is_judged_by_the_part_it_asked_for(tmp_path, speech, reply, verdict):
    finished, data, ui, _ = run_round(tmp_path, [lambda: FakeSource(with_silence(speech, 4))] * 2,
                                      [NO_RESULT, reply])
    first, follow = data["answers"]
    assert first["analysis"]["gaps"][0] == "result"
    assert follow["follow_up_of"] == "b1" and follow["question"]["text"] == "What was the measurable outcome?"
    assert follow["analysis"]["follow_up_gap"] == "result"
    assert follow["analysis"]["feedback"][0]["code"] == verdict


def test_a_silent_follow_up_is_not_credited_and_not_counted(tmp_path, speech):
    silent = np.zeros(16000 * 7, np.float32)
    finished, data, ui, _ = run_round(tmp_path, [lambda: FakeSource(with_silence(speech, 4)),
                                                 lambda: FakeSource(silent)], [NO_RESULT, ""])
    follow = data["answers"][1]["analysis"]
    assert follow["credited"] is False and follow["credit"]["reason"] == "no-speech"
    assert not any(f["code"].startswith("follow_up.") for f in follow["feedback"])
    assert data["summary"]["answered"] == 1 and "and 1 follow-up" not in data["summary"]["summary"]


def test_a_gap_its_follow_up_gave_is_not_in_the_round_summary(tmp_path, speech):
    def summary_after(reply, folder):
        _, data, _, _ = run_round(folder, [lambda: FakeSource(with_silence(speech, 4))] * 2, [NO_RESULT, reply])
        return data["summary"]["summary"]
    gave = summary_after("As a result the deploys took twenty minutes instead of two hours.", tmp_path / "gave")
    missed = summary_after("Honestly I don't remember.", tmp_path / "missed")
    assert "your follow-up gave the outcome" in gave and "no result" not in gave.split("to change")[-1], gave
    assert "the story has no result" in missed.split("to change")[-1], missed

"""Turn-taking: the pure decisions, the nudge scheduler, the phase clock on a fake clock, and whole
rounds on fake parts (voice, speaker, transcriber, input): said-done, Enter, max length, settle."""
from __future__ import annotations

import argparse
import json
import threading
from dataclasses import replace

import numpy as np
import pytest

from interviewer.errors import UserError
from interviewer.model import Question, Word
from interviewer.rounds import Endpointing, get_round
from interviewer.turns import (Live, NudgeScheduler, PhaseClock, State, assess, decide, has_what_it_needs,
                               said_done, silence_to_end, trails_off)

BEHAVIOURAL = get_round("behavioural")
CODING = get_round("coding")
DESIGN = get_round("system-design")
STORY = ("Last year our checkout service kept timing out during sales. I was asked to fix it before the next launch. "
         "I profiled the service, found a slow database query, and I added an index and a cache.")
RESULT = " As a result, the error rate fell from five percent to under one percent."


# --- closing phrases and trailing sentences -------------------------------------------------------

@pytest.mark.parametrize("text", ["So that's my answer.", "I'm done.", "and I think that's it, thanks.",
                                  "That is my solution", "OK, I'm finished.", "Let's stop here.",
                                  "it runs in O of n. I\u2019m done."])
def test_a_closing_phrase_at_the_end_of_the_last_sentence_ends(text):
    assert said_done(text)


@pytest.mark.parametrize("text", ["I'm done with the first part, now let me think about the second",
                                  "I'm done with the first part.", "That's it for the parser, and then the cache",
                                  "So that's my answer to the first question, but the second", ""])
def test_a_closing_phrase_mid_sentence_does_not(text):
    assert not said_done(text)


@pytest.mark.parametrize("text,trailing", [("and...", True), ("so um", True), ("we added a cache and", True),
                                           ("the error rate fell to one percent.", False), ("I decided to\u2014", True),
                                           ("It worked.", False)])
def test_trailing_off(text, trailing):
    assert trails_off(text) is trailing


def test_what_a_round_needs_is_judged_by_the_analysis():
    assert not has_what_it_needs(BEHAVIOURAL, STORY)
    assert has_what_it_needs(BEHAVIOURAL, STORY + RESULT)
    pitch = get_round("phone-screen")
    assert not has_what_it_needs(pitch, "I'm a backend engineer at Acme, and I focus on payments infrastructure.")
    assert has_what_it_needs(pitch, "I'm a backend engineer at Acme, and I focus on payments infrastructure. "
                                    "Next, I'm looking to lead a platform team.")
    assert has_what_it_needs(CODING, "anything")  # nothing required: the thought-aloud rounds never settle on silence


@pytest.mark.xfail(strict=True, reason="a known miss of the twelfth to fourteenth rounds' judges (143, 167 and 206 "
                   "authors): the answer scores 0.40, 0.33, then 0.22 for focus, "
                   "under its 0.50 threshold; few written training pitch sentences say 'focus on' (20: 12 a focus, 4 "
                   "none, 4 what comes next) and 'where I ...' pieces are mostly what the candidate wants next. "
                   "Strict: it fails once the judge credits it.")
def test_a_focus_said_in_a_where_clause_is_credited():
    pitch = get_round("phone-screen")
    assert has_what_it_needs(pitch, "I'm a backend engineer at Acme, where I focus on payments infrastructure. "
                                    "Next, I'm looking to lead a platform team.")


def test_the_actions_before_a_result_do_not_settle_a_behavioural_answer_however_they_are_punctuated():
    """The CI failure this guards: heard as "I profiled the service, I found a slow database query, and I
    added an index and a cache." the learned judge alone scored a result at 0.5002 (threshold 0.5), and
    the answer ended 2 s into the pause before the result sentence. The registry asks the rules too."""
    assert BEHAVIOURAL.complete_judged_by == ("rules", "learned")
    actions = ["I profiled the service, I found a slow database query, and I added an index and a cache.",
               "I profiled the service. I found a slow database query, and I added an index and a cache.",
               "i profiled the service i found a slow database query and i added an index and a cache"]
    for a in actions:
        story = STORY.rsplit(". ", 1)[0] + ". " + a
        assert not has_what_it_needs(BEHAVIOURAL, story), a
        assert has_what_it_needs(BEHAVIOURAL, story + RESULT), a


# --- the end-of-answer decision ---------------------------------------------------------------------

RULES = BEHAVIOURAL.endpointing          # end_silence 5, settle 2
THINK = CODING.endpointing               # silence never ends it


def st(silence, live=Live(), elapsed=30.0, heard=True, enter=False):
    return State(elapsed, heard, silence, enter, live)


def test_adaptive_silence_waits_for_an_incomplete_answer_and_settles_on_a_complete_one():
    incomplete = assess(BEHAVIOURAL, STORY, ready=True)
    complete = assess(BEHAVIOURAL, STORY + RESULT, ready=True)
    trailing = assess(BEHAVIOURAL, STORY + RESULT + " and", ready=True)
    assert not incomplete.complete and complete.complete and not trailing.complete
    assert silence_to_end(RULES, incomplete) == 5.0 and silence_to_end(RULES, complete) == 2.0
    for pause in (1.0, 3.0, 4.0, 4.9):  # thinking pauses before the result never end it
        assert decide(RULES, st(pause, incomplete)) is None
    assert decide(RULES, st(5.0, incomplete)) == "silence"
    assert decide(RULES, st(1.9, complete)) is None and decide(RULES, st(2.0, complete)) == "silence"
    assert decide(RULES, st(4.0, trailing)) is None
    # a complete answer whose last piece is still being transcribed is not yet known to be complete
    assert decide(RULES, st(2.5, replace(complete, ready=False))) is None


def test_silence_never_ends_a_thought_aloud_answer():
    live = assess(CODING, "So I'd sort the array first and then scan it.", ready=True)
    assert decide(THINK, st(600.0, live)) is None
    assert decide(THINK, st(600.0, live, elapsed=THINK.max_answer_s)) == "max-length"


def test_closing_phrase_enter_and_no_speech():
    done = assess(CODING, "It runs in linear time. That's my answer.", ready=True)
    mid = assess(CODING, "I'm done with the first part, now the second", ready=True)
    assert decide(THINK, st(0.3, done)) is None and decide(THINK, st(0.7, done)) == "said-done"
    assert decide(THINK, st(60.0, mid)) is None
    assert decide(RULES, st(0.7, assess(BEHAVIOURAL, "I'm done.", ready=True))) == "said-done"
    # a transcript still waiting for Whisper cannot end it; a quick reading of the tail that closes can
    waiting = assess(CODING, "It runs in linear time.", ready=False)
    assert decide(THINK, st(5.0, waiting)) is None
    assert decide(THINK, st(0.7, assess(CODING, "It runs in linear time.", False, "time. That's my answer."))) == "said-done"
    assert decide(THINK, st(5.0, assess(CODING, "It runs", False, "I'm done with the first part, now"))) is None
    assert decide(THINK, st(0.0, enter=True)) == "enter"
    assert decide(THINK, st(29.0, heard=False, elapsed=29.0)) is None
    assert decide(THINK, st(30.0, heard=False, elapsed=30.0)) == "no-speech"


# --- nudges ----------------------------------------------------------------------------------------

def test_nudges_rotate_after_a_silence_with_a_cooldown():
    n = NudgeScheduler(10.0, 30.0, ["one?", "two?"])
    assert n.due(5.0, 5.0, True) is None
    assert n.due(20.0, 9.9, True) is None
    assert n.due(20.0, 10.0, False) is None           # nothing said yet: --start-timeout's job
    assert n.due(20.0, 10.0, True) == "one?"
    assert n.due(21.0, 11.0, True) is None            # being spoken
    n.spoken(22.0)
    assert n.due(40.0, 30.0, True) is None            # cooldown: 30 s from the end of the nudge
    assert n.due(52.0, 42.0, True) == "two?"
    n.spoken(53.0)
    assert n.due(90.0, 10.0, True) == "one?"
    assert NudgeScheduler(None, 30.0, ["x"]).due(100.0, 100.0, True) is None


def test_the_nudges_are_data():
    from interviewer.turns import spoken_lines

    lines = spoken_lines()
    assert "What are you thinking right now?" in lines["nudges"] and len(lines["nudges"]) >= 3
    assert all(DESIGN.endpointing.nudge_after_s <= 10 for _ in [0])


# --- the phase clock -------------------------------------------------------------------------------

def words_at(text: str, start: float, step: float = 0.4) -> list[Word]:
    return [Word(w, start + i * step, start + i * step + 0.3) for i, w in enumerate(text.split())]


def test_phase_clock_follows_the_transcript_and_checks_the_time_once_per_phase():
    now = [0.0]
    clock = PhaseClock(DESIGN.phases, lambda: now[0])
    changes = clock.add_words(words_at("First let me clarify the requirements: users can upload photos.", 2.0))
    assert [p for _, p in changes] == ["requirements"] and clock.status()[0] == "requirements"
    now[0] = 7.4 * 60                                 # 7.4 minutes: within half again over 5
    assert clock.time_check() is None
    now[0] = 7.6 * 60
    check = clock.time_check()
    assert check == "We're at 8 minutes on requirements; let's move to the estimate."
    now[0] = 9 * 60
    assert clock.time_check() is None                 # once per phase
    changes = clock.add_words(words_at("The high level design has a load balancer in front of the api servers.", 9 * 60))
    assert [p for _, p in changes] == ["high_level"]
    phase, spent, budget = clock.status()
    assert phase == "high_level" and spent == pytest.approx(0.0) and budget == 600
    now[0] = 9 * 60 + 15.1 * 60
    assert "high-level design" in clock.time_check()


def test_phase_clock_agrees_with_the_analysis():
    from interviewer.analysis.content.design import _phase_times
    from interviewer.analysis.content.text import clauses_of
    from interviewer.model import Transcript

    text = ("Let me clarify the requirements first. Users can shorten links. Let's say 100 million links a day. "
            "The high level design is an api behind a load balancer with a database. "
            "Let me deep dive into the key generation with base 62 encoding. "
            "The tradeoff is consistency versus availability.")
    words = words_at(text, 0.0, 1.0)
    clock = PhaseClock(DESIGN.phases, lambda: 0.0)
    clock.add_words(words)
    times = _phase_times(clauses_of(Transcript(text, words)))
    seen = [p for _, p in clock.changes]
    assert seen == [p for p in times if times[p] > 0]


# --- bad flags --------------------------------------------------------------------------------------

def args(**kw):
    base = dict(end_silence=None, max_answer=None, start_timeout=None, nudge_after=None, no_nudges=False)
    return argparse.Namespace(**{**base, **kw})


def test_flags_over_the_registry_and_bad_values():
    from interviewer.commands.practice import endpointing

    assert endpointing("coding", args()).end_silence_s is None
    assert endpointing("coding", args(nudge_after=4)).nudge_after_s == 4
    assert endpointing("coding", args(no_nudges=True)).nudge_after_s is None
    assert endpointing("behavioural", args(max_answer=30)).max_answer_s == 30
    with pytest.raises(UserError, match="--nudge-after must be more than 0"):
        endpointing("coding", args(nudge_after=0))
    with pytest.raises(UserError, match="--nudge-after must be more than 0"):
        endpointing("system-design", args(nudge_after=-3))
    with pytest.raises(UserError, match="--max-answer must be at least 60 seconds"):
        endpointing("system-design", args(max_answer=45))
    with pytest.raises(UserError, match="--max-answer must be at least 60 seconds"):
        endpointing("coding", args(max_answer=59))


# --- whole rounds on fake parts ---------------------------------------------------------------------

BLOCK = 512
RATE = 16000
SPEED = 40.0   # the fake microphone and speaker run this much faster than real time


class FakeVoice:
    name = "fake"

    def synthesize(self, text):
        return np.full(int(1.5 * 16000), 0.1, np.float32), 16000


class FakeSpeaker:
    def __init__(self):
        self.played = []

    def play(self, samples, rate):
        import time

        self.played.append(len(samples) / rate)
        time.sleep(len(samples) / rate / SPEED)

    def stop(self):
        pass


class Script:
    """A fake microphone: a list of (seconds, text or None). Speech is a tone the fake VAD hears;
    each spoken stretch's text is what the fake transcriber returns for audio that covers it."""

    def __init__(self, parts, stop_at=None, stop_event=None):
        self.parts, self.stop_at, self.stop_event = parts, stop_at, stop_event
        self.timeline = []
        t = 0.0
        for secs, text in parts:
            if text:
                self.timeline.append((t, t + secs, text))
            t += secs
        self.total = t
        self._n = 0

    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass

    def read(self):
        t = self._n * BLOCK / RATE
        if t >= self.total:
            return None
        self._n += 1
        import time

        time.sleep(BLOCK / RATE / SPEED)
        if self.stop_at is not None and t >= self.stop_at:
            self.stop_event.set()
        speaking = any(a <= t < b for a, b, _ in self.timeline)
        return np.full(BLOCK, 0.5 if speaking else 0.0, np.float32)


class FakeVad:
    """Speech where the block is loud; the same API the recorder and AnswerTranscriber use."""

    def __init__(self):
        from interviewer.model import Span

        self.Span, self.spans, self._start, self._pos, self.last_speech_end = Span, [], None, 0, 0.0
        self._quiet = 0

    position_s = property(lambda self: self._pos / RATE)
    in_speech = property(lambda self: self._start is not None)
    heard_speech = property(lambda self: bool(self.spans) or self._start is not None)

    def trailing_silence_s(self):
        if self._start is not None:
            return self._quiet / RATE
        return self.position_s - self.last_speech_end if self.heard_speech else self.position_s

    def feed(self, block):
        t = self.position_s
        self._pos += block.size
        closed = []
        if np.abs(block).max() > 0.25:
            self._quiet = 0
            if self._start is None:
                self._start = t
        elif self._start is not None:
            self._quiet += block.size
            if self._quiet >= 0.25 * RATE:
                span = self.Span(self._start, self.position_s - self._quiet / RATE)
                self.spans.append(span)
                self.last_speech_end, self._start, self._quiet = span.end, None, 0
                closed.append(span)
        return closed

    def finish(self):
        return []


class FakeTranscriber:
    def __init__(self, script: Script):
        self.script = script

    def transcribe(self, audio, offset):
        from interviewer.speech.whisper import Piece

        end = offset + audio.size / RATE
        words = []
        for a, b, text in self.script.timeline:
            if a >= offset - 0.01 and b <= end + 0.01:
                step = (b - a) / len(text.split())
                words += [Word(w, a + i * step, a + (i + 1) * step, 0.9) for i, w in enumerate(text.split())]
        return [Piece(words, -0.2, 0.01, 1.2)] if words else []


class FakeUI:
    def __init__(self, enter=None):
        self.enter, self.lines = enter, []

    def say(self, text): self.lines.append(text)
    def question(self, label, text): self.lines.append(text)
    def recording(self, rules): pass
    def enter_event(self): return self.enter
    def meter(self, *a): pass
    def recording_done(self, ended_by, seconds): self.lines.append(ended_by)
    def feedback(self, analysis): pass
    def summary(self, text, path): pass


def run_round(monkeypatch, tmp_path, round_name, parts, rules=None, stop_at=None, nudges=False,
              transcriber=lambda script: FakeTranscriber(script)):
    from interviewer import session as session_mod
    from interviewer.speech import stream
    from interviewer.store import SessionStore

    monkeypatch.setattr(stream, "StreamingVad", FakeVad)
    enter = threading.Event()
    script = Script(parts, stop_at, enter)
    speaker = FakeSpeaker()
    rnd = get_round(round_name)
    rules = rules or rnd.endpointing
    store = SessionStore.create(round_name, {}, tmp_path)
    q = Question(id="q1", round=round_name, text="Tell me.", target_s=(1.0, 600.0))
    session_mod.Round(session_mod.Parts(FakeVoice(), speaker, lambda n, q: script, transcriber(script)),
                      store, FakeUI(enter), rules, follow_ups=False, nudges=nudges).run([q])
    return json.loads((store.path / "session.json").read_text())["answers"][0], speaker


def test_round_ends_on_a_closing_phrase(monkeypatch, tmp_path):
    a, _ = run_round(monkeypatch, tmp_path, "coding", [
        (1.0, None), (3.0, "I would sort both arrays first and merge them."), (20.0, None),
        (3.0, "It runs in linear time. That's my answer."), (30.0, None)])
    assert a["ended_by"] == "said-done"
    t = a["timings"]
    assert 0.65 <= t["endpoint_s"] - t["speech_end_s"] <= 1.5, t
    assert "feedback_spoken_s" in t and t["feedback_spoken_s"] >= t["endpoint_s"]


class SlowTranscriber(FakeTranscriber):
    """Whisper on a loaded machine: each piece takes SLOW_S of wall time (SLOW_S x SPEED seconds of
    answer); with `quick`, the tail is read at once, as the short window reads it."""
    SLOW_S = 0.5

    def __init__(self, script, quick):
        super().__init__(script)
        if quick:
            self.quick_text = lambda audio: "That's my answer."

    def transcribe(self, audio, offset):
        import time

        time.sleep(self.SLOW_S)
        return super().transcribe(audio, offset)


@pytest.mark.parametrize("quick", [True, False])
def test_a_quick_tail_reading_hears_the_closing_phrase_before_the_slow_transcript(monkeypatch, tmp_path, quick):
    a, _ = run_round(monkeypatch, tmp_path, "coding", [
        (1.0, None), (3.0, "It runs in linear time. That's my answer."), (30.0, None)],
        transcriber=lambda script: SlowTranscriber(script, quick))
    waited = a["timings"]["endpoint_s"] - a["timings"]["speech_end_s"]
    assert a["ended_by"] == "said-done"
    if quick:
        assert 0.65 <= waited <= 1.0, a["timings"]
    else:  # it waits for the slow transcript of the open piece (SLOW_S x SPEED = 20 s of answer at full pace)
        assert waited > 1.5, a["timings"]


def test_mid_sentence_closing_phrase_does_not_end_the_answer(monkeypatch, tmp_path):
    a, _ = run_round(monkeypatch, tmp_path, "coding", [
        (1.0, None), (3.0, "I'm done with the first part, now the second part is"), (12.0, None),
        (2.0, "the merge step")], rules=replace(CODING.endpointing, max_answer_s=60.0, nudge_after_s=None))
    assert a["ended_by"] == "input-ended"   # not said-done, and silence never ended it


def test_round_ends_on_enter(monkeypatch, tmp_path):
    a, _ = run_round(monkeypatch, tmp_path, "system-design", [(1.0, None), (3.0, "Let me clarify the requirements."),
                                                              (30.0, None)], stop_at=8.0)
    assert a["ended_by"] == "enter" and 8.0 <= a["timings"]["endpoint_s"] <= 8.2


def test_round_ends_at_max_length(monkeypatch, tmp_path):
    a, _ = run_round(monkeypatch, tmp_path, "coding", [(1.0, None), (3.0, "Let me think about it."), (80.0, None)],
                     rules=replace(CODING.endpointing, max_answer_s=60.0))
    assert a["ended_by"] == "max-length" and a["timings"]["endpoint_s"] == pytest.approx(60.0, abs=0.1)


def test_behavioural_thinking_pauses_do_not_cut_and_a_complete_answer_settles(monkeypatch, tmp_path):
    a, _ = run_round(monkeypatch, tmp_path, "behavioural", [
        (1.0, None), (4.0, "Last year our checkout service kept timing out during sales."), (4.0, None),
        (3.0, "I was asked to fix it before the next launch."), (4.0, None),
        (5.0, "I profiled the service, found a slow database query, and I added an index and a cache."), (4.0, None),
        (4.0, "As a result, the error rate fell from five percent to under one percent."), (10.0, None)])
    assert a["ended_by"] == "silence"
    assert "one percent" in a["transcript"]["text"]
    t = a["timings"]
    assert 1.9 <= t["endpoint_s"] - t["speech_end_s"] <= 2.6, t   # settle_s, not end_silence_s


def test_an_answer_with_no_result_waits_the_full_end_silence(monkeypatch, tmp_path):
    a, _ = run_round(monkeypatch, tmp_path, "behavioural", [
        (1.0, None), (4.0, "Last year our checkout service kept timing out during sales."), (10.0, None)])
    t = a["timings"]
    assert a["ended_by"] == "silence" and 4.9 <= t["endpoint_s"] - t["speech_end_s"] <= 5.3, t


def test_nudges_are_spoken_into_a_silence_and_logged(monkeypatch, tmp_path):
    a, speaker = run_round(monkeypatch, tmp_path, "coding", [
        (1.0, None), (3.0, "I would use a heap here."), (16.0, None), (3.0, "That's my answer."), (5.0, None)],
        rules=replace(CODING.endpointing, nudge_after_s=5.0), nudges=True)
    nudges = [e for e in a["events"] if e["type"] == "nudge"]
    assert len(nudges) == 1 and 9.0 <= nudges[0]["t"] <= 9.5 and nudges[0]["text"]
    assert any(e["type"] == "interviewer-speech" and e["end"] > e["t"] for e in a["events"])
    assert a["analysis"]["delivery"]["nudges"] == 1
    assert any(f["code"] == "nudges.needed" for f in a["analysis"]["feedback"])
    assert a["ended_by"] == "said-done"


def test_system_design_round_logs_phases_and_one_time_check_per_phase(monkeypatch, tmp_path):
    """The phase clock in a round, on a registry whose budgets are scaled down to seconds."""
    from interviewer import session as session_mod

    tiny = replace(DESIGN, phases={"requirements": 0.1, "estimation": 0.1, "high_level": 0.2, "deep_dive": 0.3,
                                   "tradeoffs": 0.1})   # minutes: requirements 6 s, so a check after 9 s
    monkeypatch.setattr(session_mod, "get_round", lambda name: tiny)
    a, speaker = run_round(monkeypatch, tmp_path, "system-design", [
        (1.0, None), (3.0, "Let me clarify the requirements first."), (2.0, None),
        (3.0, "Users can upload photos and share them."), (8.0, None),
        (3.0, "The high level design has a load balancer and api servers."), (3.0, None),
        (2.0, "That's my answer."), (4.0, None)], rules=replace(DESIGN.endpointing, nudge_after_s=None))
    events = a["events"]
    phases = [e["phase"] for e in events if e["type"] == "phase"]
    checks = [e for e in events if e["type"] == "time-check"]
    assert phases == ["requirements", "high_level"], events
    assert len(checks) == 1 and "requirements" in checks[0]["text"] and 9.0 <= checks[0]["t"] <= 16.0, checks
    assert any(e["type"] == "interviewer-speech" for e in events)
    assert a["ended_by"] == "said-done"


class FakePlaying:
    def __init__(self, ref_db, peak_db=None):
        self.ref_db, self.peak = ref_db, peak_db

    def reference_db(self):
        return self.ref_db

    def peak_db(self):
        return self.ref_db if self.peak is None else self.peak


def tone(db, n=512):
    return np.full(n, 10 ** (db / 20), np.float32)


def test_barge_in_needs_the_mic_clearly_louder_than_the_interviewers_echo():
    from interviewer.recorder import _BargeIn

    voice = FakePlaying(-12.0)
    b = _BargeIn()
    for _ in range(20):                       # 0.64 s of echo at the played level: learnt, not a barge-in
        assert not b.heard(tone(-13.0), voice)
    assert not any(b.heard(tone(-11.0), voice) for _ in range(30))   # the echo alone never stops it
    assert any(b.heard(tone(-2.0), voice) for _ in range(10))        # the candidate talking over it does
    b.reset()
    quiet = [b.heard(tone(-70.0), voice) for _ in range(20)]         # headphones: no echo at all
    assert not any(quiet) and any(b.heard(tone(-30.0), voice) for _ in range(10))


def test_barge_in_does_not_learn_the_echo_gain_from_room_noise_while_the_interviewer_is_still_faint():
    """The talk-over device test's CI failure, reproduced here with a trace: the first block counted as audible had a -38 dB reference (the nudge's onset) over
    -51 dB of room noise, read as a -13 dB echo gain; the real echo was 20 dB below the reference, and the
    candidate at -17 dB then never counted as louder."""
    from interviewer.recorder import _BargeIn

    b = _BargeIn()
    voice = FakePlaying(-38.4, peak_db=-10.9)
    assert not b.heard(tone(-51.0), voice)               # onset: faint reference, only the room in the mic
    voice.ref_db = -10.9
    for _ in range(12):                                  # the echo, 20 dB under what is played
        assert not b.heard(tone(-31.0), voice)
    assert b.gain_db == pytest.approx(-20.1, abs=0.2)
    assert not any(b.heard(tone(-30.0), voice) for _ in range(30))   # the echo alone still never stops it
    assert any(b.heard(tone(-17.0), voice) for _ in range(10))       # the candidate at -17 dB does

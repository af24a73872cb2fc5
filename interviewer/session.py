"""The practice loop: ask, record, transcribe while talking, analyse, give feedback, save.

It knows only small protocols (a voice, a speaker, an input source, a transcriber,
a store, a UI), so the same loop runs on a microphone, on PulseAudio's virtual
devices and on files fed at real-time pace.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from .analyse import first_minute, judged
from .audio.wavwriter import write_wav
from .coach.follow_up import judge_follow_up
from .coach.llm import with_llm_feedback
from .credit import NO_SPEECH_MIC, credit_heard
from .model import Finding, Question
from .recorder import TAIL_S, Live, Recording, record_answer
from .result import Analysis
from .rounds import Endpointing, get_round, round_names
from .speech.stream import AnswerTranscriber
from .turns import NudgeScheduler, spoken_lines
from .voice.speak import Interjector, speak_streaming

INTRO = ("Hi, I'm your practice interviewer. I'll ask {n} question{s}. Take your time, think aloud, "
         "and I'll give you short feedback after each answer.")


@dataclass
class Parts:
    voice: object                      # .synthesize(text) -> (samples, rate)
    speaker: object                    # .play(samples, rate)
    listen: Callable[[int, Question], object]  # (answer number, question) -> a fresh AudioIn
    transcriber: object                # .transcribe(audio, offset) -> [Piece]


class Round:
    def __init__(self, parts: Parts, store, ui, rules: Endpointing, follow_ups: bool = True, coach=None,
                 judge="learned", nudges: bool = True, interrupt: bool = True):
        self.parts, self.store, self.ui, self.rules, self.follow_ups = parts, store, ui, rules, follow_ups
        self.coach = coach  # None: the offline summary is spoken
        self.judge = judge  # a judge's name, or an LLMJudge (--judge llm)
        self.nudges = nudges and rules.nudge_after_s is not None
        self.interrupt = interrupt
        self.interjector = Interjector(parts.voice, parts.speaker)
        self.findings: list[Finding] = []
        self._answer_from = 0     # where the last main answer's findings start in self.findings
        self.answered = 0         # questions with a usable answer
        self.followed_up = 0      # follow-ups with a usable answer
        self._n = 0

    def speak(self, text: str, kind: str | None = None) -> float | None:
        """Speak `text`, the first sentence while the rest is synthesised; the perf_counter() at which
        its first sample reached the speaker."""
        samples, rate, first = speak_streaming(self.parts.voice, self.parts.speaker, text)
        if kind:
            write_wav(self.store.wav_path(kind, self._n), samples, rate)
        return first

    def run(self, questions: list[Question]) -> bool:
        """Run the round; False if the candidate stopped it with Ctrl-C (the partial answer is saved)."""
        try:
            if self.nudges:
                self.interjector.prepare(spoken_lines()["nudges"])
            intro = INTRO.format(n=len(questions), s="" if len(questions) == 1 else "s")
            self.ui.say(intro)
            self.speak(intro)
            for i, q in enumerate(questions, 1):
                answer = self.ask(q, f"Question {i} of {len(questions)}")
                if answer is None:
                    return self._close(interrupted=True)
                if self.follow_ups and answer.follow_up and answer.credited:
                    fq = Question(id=f"{q.id}/follow-up", round=q.round, text=answer.follow_up, tags=q.tags,
                                  target_s=(15.0, 90.0))
                    if self.ask(fq, "Follow-up", follow_up_of=q.id, gap=answer.gaps[0]) is None:
                        return self._close(interrupted=True)
            return self._close(interrupted=False)
        except KeyboardInterrupt:
            return self._close(interrupted=True)

    def ask(self, q: Question, label: str, follow_up_of: str | None = None, gap: str | None = None) -> Analysis | None:
        """Ask, record, analyse, save and give feedback; None when the candidate stopped the round."""
        self._n += 1
        self.ui.question(label, q.text)
        self.speak(q.text, "question")
        self.ui.recording(self.rules)
        rnd = get_round(q.round) if q.round in round_names() else None
        clock = bool(rnd is not None and rnd.phases and follow_up_of is None)
        nudges = NudgeScheduler(self.rules.nudge_after_s, self.rules.nudge_cooldown_s) if self.nudges else None
        live = Live(round=rnd, nudges=nudges, clock=clock,
                    voice=self.interjector if (nudges or clock) else None, interrupt=self.interrupt,
                    after_question_s=TAIL_S)
        rec = record_answer(self.parts.listen(self._n, q), self.store.wav_path("answer", self._n),
                            AnswerTranscriber(self.parts.transcriber, peek=True), self.rules,
                            self.ui.enter_event(), self.ui.meter, live)
        self.ui.recording_done(rec.ended_by, rec.duration_s)
        analysis = self._analyse(q, rec, gap)
        record = {"n": self._n, "question": q.to_dict(), "follow_up_of": follow_up_of,
                  "audio": rec.path.name, "question_audio": self.store.wav_path("question", self._n).name,
                  "ended_by": rec.ended_by, "partial": rec.partial, "events": rec.events,
                  "transcript": analysis.transcript.to_dict(), "analysis": analysis.to_dict(), "timings": rec.timings}
        self.store.append_answer(record)
        if rec.partial:
            return None
        self.ui.feedback(record["analysis"])
        first = self.speak(self._spoken_feedback(analysis), "feedback")
        if first is not None:  # when the candidate heard the interviewer start: the wait they actually had
            rec.timings["feedback_spoken_s"] = round(rec.timings["endpoint_s"] + first - rec.ended_at, 3)
        record["feedback_audio"] = self.store.wav_path("feedback", self._n).name
        self.store.save()
        return analysis

    def _analyse(self, q: Question, rec: Recording, gap: str | None) -> Analysis:
        # an unsure hearing is credited with a reason the candidate can act on, which needs the room's
        # sound: read back only then (the WAV is complete on disk)
        audio = first_minute(rec.path) if rec.heard.low_confidence else None
        credit = credit_heard(rec.spans, rec.heard, NO_SPEECH_MIC, audio)
        analysis = judged(q.round, rec.heard.transcript, rec.spans, rec.duration_s, q,
                          rec.heard.notes + rec.warnings, credit, self.judge, events=rec.events)
        if gap:
            analysis = judge_follow_up(analysis, gap)
        analysis = with_llm_feedback(analysis, self.coach)
        rec.timings["feedback_ready_s"] = round(rec.timings["endpoint_s"] + time.perf_counter() - rec.ended_at, 3)
        if analysis.credited:
            if gap:
                self.followed_up += 1
                if any(f.code == f"follow_up.{gap}.covered" for f in analysis.findings):
                    self._settle_gap(q.round, gap)
            else:
                self.answered += 1
                self._answer_from = len(self.findings)
            self.findings += analysis.findings
        return analysis

    def _settle_gap(self, round_name: str, gap: str) -> None:
        """The follow-up gave what its answer lacked: the round summary no longer asks for it."""
        rnd = get_round(round_name)

        def about_gap(f: Finding) -> bool:
            part = rnd.part_for_code(f.code)
            return f.severity != "strength" and part is not None and part.key == gap
        head, answer = self.findings[:self._answer_from], self.findings[self._answer_from:]
        self.findings = head + [f for f in answer if not about_gap(f)]

    @staticmethod
    def _spoken_feedback(analysis: Analysis) -> str:
        reason = analysis.credit.reason
        if reason == "no-speech":
            return "I didn't hear an answer. Check your microphone with interviewer devices, then try again."
        if reason == "too-short":
            return "That answer was too short for me to judge. Try saying a full sentence or two."
        if not analysis.credited:
            return "I couldn't make out that answer in English, so I can't give feedback on it."
        return analysis.feedback_summary or "Thanks, that's noted."

    def _close(self, interrupted: bool) -> bool:
        from .coach.summary import feedback_summary

        done = f"That's the end of the round. You answered {_count(self.answered, 'question')}"
        done += f" and {_count(self.followed_up, 'follow-up')}." if self.followed_up else "."
        summary = f"{done} {feedback_summary(self.findings)}".strip() if self.findings else done
        self.store.finish({"summary": summary, "answered": self.answered, "interrupted": interrupted})
        self.ui.summary(summary, self.store.path)
        if not interrupted:
            try:
                self.speak(summary)
            except KeyboardInterrupt:
                pass
        return not interrupted


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"

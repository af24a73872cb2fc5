"""One answer in, one analysis out: the object `interviewer analyse --json` prints.

`analyse_file` streams audio through VAD and Whisper; `build_analysis` is pure and
is shared by files, typed answers and the live practice session.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import math

from .analysis.delivery import measure
from .analysis.delivery_feedback import delivery_findings, nudge_findings
from .audio.levels import LevelMeter
from .credit import NO_SPEECH_FILE, credit_heard, credit_text
from .errors import UserError
from .model import Question, Span, Transcript
from .result import Analysis, Credit
from .rounds import get_round

Progress = Callable[[float, float], None]  # (seconds done, seconds total)


def build_analysis(kind: str, transcript: Transcript, spans: list[Span] | None, duration_s: float | None,
                   question: Question | None = None, warnings: list[str] | None = None,
                   credit: Credit | None = None, judge: str | None = None, verdicts: dict | None = None,
                   events: list[dict] | None = None) -> Analysis:
    """Delivery, structure and feedback for a transcript. Pure: no I/O.
    `credit` comes from credit.py; a typed answer (no spans) is judged there too.
    `judge`: "learned", "rules" or "llm" (analysis.content.JUDGES); None: the default (learned).
    `verdicts`: with "llm", the model's checked verdicts (coach.llm_judge.consult asks for them).
    `events`: what happened while a live answer was recorded (nudges, ...); None for files."""
    from .analysis.content import analyse_content
    from .coach.summary import feedback_summary

    rnd = get_round(kind)
    credit = credit or credit_text(transcript)
    warnings = list(warnings or [])
    delivery = measure(transcript, spans, duration_s)
    if events is not None:
        delivery.nudges = sum(e.get("type") == "nudge" for e in events)
    analysis = Analysis(kind=kind, transcript=transcript, delivery=delivery, credit=credit,
                        question=question.text if question else None, warnings=warnings)
    if not credit.credited:  # delivery findings on noise or foreign speech would mislead
        analysis.warnings.insert(0, credit.message)
        return analysis
    if credit.low_confidence:
        analysis.warnings.insert(0, credit.message)
    findings = delivery_findings(rnd, delivery, transcript.words, question.target_s if question else None)
    findings += nudge_findings(delivery, events or [], transcript.words)
    content = analyse_content(rnd, transcript, delivery, question, judge, verdicts)
    findings += content.findings
    return analysis.but(structure=content.structure, findings=findings, follow_up=content.follow_up,
                        gaps=content.gaps, feedback_summary=feedback_summary(findings, rnd), judge=content.judge)


def level_warnings(stats: dict) -> list[str]:
    if stats["verdict"] in ("clipping", "too quiet"):
        return [f"{stats['verdict']}: {stats['advice']} (peak {stats['peak_dbfs']:.0f} dBFS)"]
    return []


def analyse_text_file(path: Path, kind: str, question: Question | None = None, judge=None) -> Analysis:
    from .audio.decode import check_readable

    check_readable(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text") from None
    if not text.strip():
        raise UserError(f"{path} holds no text")
    return judged(kind, Transcript.from_text(text), None, None, question, [], None, judge)


def judged(kind: str, transcript: Transcript, spans, duration_s, question: Question | None, warnings: list[str],
           credit: Credit | None, judge, events: list[dict] | None = None) -> Analysis:
    """build_analysis, with the LLM judge consulted first when `judge` is one (the only I/O here)."""
    from .coach.llm_judge import consult

    credit = credit or credit_text(transcript)
    name, verdicts, call, more = consult(judge, kind, transcript, question.text if question else None) \
        if credit.credited else (judge if isinstance(judge, str) else "learned", None, None, [])
    result = build_analysis(kind, transcript, spans, duration_s, question, warnings + more, credit, name, verdicts,
                            events)
    result.judge_call = call
    return result


def analyse_file(path: Path, kind: str, question: Question | None = None, transcriber=None,
                 progress: Progress | None = None, judge=None) -> Analysis:
    """Analyse a recording of any length; memory stays flat beyond the decoder's buffers."""
    from .audio.decode import stream_audio
    from .speech.stream import FILE_PIECE_S, AnswerTranscriber
    from .speech.whisper import WhisperTranscriber

    get_round(kind)
    if path.suffix.lower() in (".txt", ".md"):
        return analyse_text_file(path, kind, question, judge)
    meter = LevelMeter()  # first pass: levels decide the gain, and give the length for progress
    head = _Head()        # and the first minute is kept for the room diagnosis
    for block in stream_audio(path):
        meter.add(block)
        head.add(block)
    if meter.samples == 0:
        raise UserError(f"{path} holds no audio samples")
    stats = meter.stats()
    total = meter.samples / 16000
    # Silero misses speech quieter than about -45 dBFS; lift quiet files up to -6 dBFS peak (at most 30 dB).
    gain = min(10 ** (30 / 20), 0.5 / meter.peak) if 0 < meter.peak < 0.1 else 1.0
    answer = AnswerTranscriber(transcriber or WhisperTranscriber(), min_piece_s=FILE_PIECE_S)
    done = 0.0
    for block in stream_audio(path):
        answer.feed(block * gain if gain != 1.0 else block)
        done += block.size / 16000
        if progress:
            progress(done, total)
    heard = answer.finish()
    credit = credit_heard(answer.spans, heard, NO_SPEECH_FILE, head.audio())
    result = judged(kind, heard.transcript, answer.spans, total, question,
                    heard.notes + level_warnings(stats), credit, judge)
    result.audio = {"path": str(path), "levels": stats, "gain_db": round(20 * math.log10(gain), 1),
                    "recognition": recognition(heard, credit)}
    return result


def first_minute(path: Path):
    """The first minute of a recording on disk, for the room diagnosis of a live answer."""
    from .audio.decode import stream_audio

    head = _Head()
    for block in stream_audio(path):
        head.add(block)
        if head.size >= head.limit:
            break
    return head.audio()


class _Head:
    """The first minute of a recording, for the room diagnosis."""

    def __init__(self):
        from .speech.confidence import HEAD_S

        self.limit, self.blocks, self.size = int(HEAD_S * 16000), [], 0

    def add(self, block) -> None:
        if self.size < self.limit:
            self.blocks.append(block[: self.limit - self.size])
            self.size += self.blocks[-1].size

    def audio(self):
        import numpy as np

        return np.concatenate(self.blocks) if self.blocks else np.zeros(0, np.float32)


def recognition(heard, credit: Credit) -> dict:
    """How sure the recogniser was, for the `audio.recognition` field of the contract."""
    return {"avg_logprob": heard.avg_logprob, "mean_word_probability": heard.mean_probability,
            "english_probability": heard.english_probability, "low_confidence": credit.low_confidence,
            "reason": credit.message if credit.low_confidence else None, "room": list(credit.room)}

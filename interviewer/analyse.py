"""One answer in, one analysis out: the object `interviewer analyse --json` prints.

`analyse_file` streams audio through VAD and Whisper; `build_analysis` is pure and
is shared by files, typed answers and the live practice session.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import math

from .analysis.delivery import measure
from .analysis.delivery_feedback import delivery_findings
from .audio.levels import LevelMeter
from .errors import UserError
from .model import KINDS, Finding, Question, Span, Transcript

Progress = Callable[[float, float], None]  # (seconds done, seconds total)


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UserError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS)}")
    return kind


def build_analysis(kind: str, transcript: Transcript, spans: list[Span] | None, duration_s: float | None,
                   question: Question | None = None, warnings: list[str] | None = None,
                   credit_content: bool = True) -> dict:
    """Delivery, structure and feedback for a transcript. Pure: no I/O."""
    from .analysis.content import analyse_content
    from .coach.summary import feedback_summary

    warnings = list(warnings or [])
    delivery = measure(transcript, spans, duration_s)
    findings: list[Finding] = delivery_findings(kind, delivery, transcript.words,
                                                question.target_s if question else None)
    structure, follow_up, gaps = {}, None, []
    if credit_content and transcript.words:
        content = analyse_content(kind, transcript, delivery, question)
        structure, follow_up, gaps = content.structure, content.follow_up, content.gaps
        findings += content.findings
    elif not transcript.words:
        warnings.append("no words were recognised, so there is nothing to give feedback on")
    if not credit_content:
        findings = []  # delivery figures of noise or foreign speech would mislead
    return {
        "kind": kind,
        "question": question.text if question else None,
        "transcript": transcript.to_dict(),
        "delivery": delivery,
        "structure": structure,
        "feedback": [f.to_dict() for f in findings],
        "feedback_summary": feedback_summary(findings) if findings else "",
        "follow_up": follow_up,
        "gaps": gaps,
        "warnings": warnings,
        "credited": bool(credit_content and transcript.words),
    }


NOT_ENGLISH = ("the speech could not be understood as English (another language, noise or mumbling); "
               "no credit is given for content")


def judge_heard(spans: list[Span], heard, no_speech: str) -> tuple[bool, list[str]]:
    """Whether what was heard earns content credit, and the warnings that say why not."""
    if not spans:
        return False, [no_speech] + heard.notes
    if not heard.intelligible:
        return False, [NOT_ENGLISH] + heard.notes
    return True, list(heard.notes)


def level_warnings(stats: dict) -> list[str]:
    if stats["verdict"] in ("clipping", "too quiet"):
        return [f"{stats['verdict']}: {stats['advice']} (peak {stats['peak_dbfs']:.0f} dBFS)"]
    return []


def analyse_text_file(path: Path, kind: str, question: Question | None = None) -> dict:
    from .audio.decode import check_readable

    check_readable(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text") from None
    if not text.strip():
        raise UserError(f"{path} holds no text")
    return build_analysis(kind, Transcript.from_text(text), None, None, question)


def analyse_file(path: Path, kind: str, question: Question | None = None, transcriber=None,
                 progress: Progress | None = None) -> dict:
    """Analyse a recording of any length; memory stays flat beyond the decoder's buffers."""
    from .audio.decode import stream_audio
    from .speech.stream import FILE_PIECE_S, AnswerTranscriber
    from .speech.whisper import WhisperTranscriber

    check_kind(kind)
    if path.suffix.lower() in (".txt", ".md"):
        return analyse_text_file(path, kind, question)
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
    credit, warnings = judge_heard(answer.spans, heard, "no speech detected: the recording is silent or holds only noise")
    unsure = _low_confidence(heard, head, answer.spans) if credit else None
    if unsure:
        warnings.append(unsure["warning"])
    result = build_analysis(kind, heard.transcript, answer.spans, total, question,
                            warnings + level_warnings(stats), credit)
    result["audio"] = {"path": str(path), "levels": stats, "gain_db": round(20 * math.log10(gain), 1),
                       "recognition": {"avg_logprob": heard.avg_logprob, "mean_word_probability": heard.mean_probability}}
    result["audio"]["recognition"].update(english_probability=heard.english_probability,
                                          low_confidence=bool(unsure), reason=unsure["reason"] if unsure else None,
                                          room=unsure["room"] if unsure else [])
    return result


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


def _low_confidence(heard, head: _Head, spans) -> dict | None:
    from .speech.confidence import low_confidence_report

    return low_confidence_report(heard, head.audio(), spans)

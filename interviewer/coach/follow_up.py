"""Judge a follow-up answer by the one part it was asked to fill. Pure.

A follow-up answer is short and not a whole answer, so holding it to the full
frame (STAR, What/When/Why/Tradeoff...) would flag parts nobody asked for. It is
judged by whether its own analysis carries the asked part, not by the gap list,
which stops early for hypothetical or vague answers.
"""
from __future__ import annotations

from ..analysis.delivery_feedback import is_delivery
from ..model import Finding
from ..result import Analysis
from ..rounds import get_round
from .summary import feedback_summary


def judge_follow_up(analysis: Analysis, gap: str) -> Analysis:
    """`analysis` with its content verdicts replaced by one: did it give the part `gap` names?"""
    rnd = get_round(analysis.kind)
    part = rnd.part(gap)
    words = analysis.transcript.words
    # a follow-up is meant to be short, so its length is not judged
    delivery = [f for f in analysis.findings if is_delivery(f.code) and not f.code.startswith("length.")]
    quote = " ".join(w.word for w in words[:12])
    start = words[0].start if words else None
    if not analysis.credited:
        verdict = []
    elif part.present(analysis.structure):
        verdict = [Finding(f"follow_up.{gap}.covered", "strength", f"Your follow-up gave {part.name}.", start, quote)]
    else:
        verdict = [Finding(f"follow_up.{gap}.missing", "warning", f"The follow-up still did not give {part.name}.",
                           start, quote)]
    findings = verdict + delivery
    return analysis.but(findings=findings, follow_up=None, follow_up_gap=gap,
                        feedback_summary=feedback_summary(findings, rnd) if findings else "")

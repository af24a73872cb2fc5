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


def _rules_find(analysis: Analysis, part) -> bool:
    """The phrase rules' verdict on the asked part. A follow-up answers one direct question, so
    an explicit phrase for that part ("it costs you latency") is enough, even where the learned
    judge, trained on whole answers where such phrases also appear without the part, is unsure."""
    from ..analysis.content import analyse_content

    if analysis.judge in (None, "rules"):
        return False
    return part.present(analyse_content(analysis.kind, analysis.transcript, analysis.delivery, judge="rules").structure)


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
    elif part.present(analysis.structure) or _rules_find(analysis, part):
        verdict = [Finding(f"follow_up.{gap}.covered", "strength", f"Your follow-up gave {part.name}.", start, quote)]
    else:
        verdict = [Finding(f"follow_up.{gap}.missing", "warning", f"The follow-up still did not give {part.name}.",
                           start, quote)]
    findings = verdict + delivery
    return analysis.but(findings=findings, follow_up=None, follow_up_gap=gap,
                        feedback_summary=feedback_summary(findings, rnd) if findings else "")

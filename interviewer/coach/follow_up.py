"""Judge a follow-up answer by the one gap it was asked to fill. Pure.

A follow-up answer is short and not a whole answer, so holding it to the full
frame (STAR, What/When/Why/Tradeoff...) would flag parts nobody asked for.
"""
from __future__ import annotations

from ..analysis.delivery_feedback import is_delivery
from ..model import Finding
from .summary import feedback_summary

GAP_NAMES = {"result": "the measurable outcome", "quantified": "numbers for the result",
             "tradeoff": "the tradeoff", "tradeoffs": "the tradeoffs", "estimation": "the scale estimate",
             "failure_modes": "what happens on failure", "complexity": "the complexity", "testing": "the tests",
             "anchor": "an anchored number", "levers": "other levers", "time": "asking for time"}


def judge_follow_up(analysis: dict, gap: str) -> dict:
    """Replace the content verdicts of `analysis` with one: was `gap` filled?"""
    words = analysis["transcript"]["words"]
    # a follow-up is meant to be short, so its length is not judged
    delivery = [f for f in analysis["feedback"] if is_delivery(f["code"]) and not f["code"].startswith("length.")]
    name = GAP_NAMES.get(gap, gap.replace("_", " "))
    quote = " ".join(w["word"] for w in words[:12])
    start = words[0]["start"] if words else None
    if not analysis["credited"]:
        verdict = []
    elif gap not in analysis.get("gaps", []):
        verdict = [Finding(f"follow_up.{gap}.covered", "strength", f"Your follow-up gave {name}.", start, quote).to_dict()]
    else:
        verdict = [Finding(f"follow_up.{gap}.missing", "warning", f"The follow-up still did not give {name}.",
                           start, quote).to_dict()]
    analysis = dict(analysis, feedback=verdict + delivery, follow_up=None, follow_up_gap=gap)
    findings = [Finding(**f) for f in analysis["feedback"]]
    analysis["feedback_summary"] = feedback_summary(findings) if findings else ""
    return analysis

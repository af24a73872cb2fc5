"""The one follow-up question that probes the biggest gap in an answer."""
from __future__ import annotations

from typing import Optional

from ...model import Question

DEFAULT = {
    "example": "Can you tell me about a specific time that actually happened?",
    "result": "What was the measurable outcome?",
    "quantified": "How did you measure that result, in numbers?",
    "action": "What did you personally do, step by step?",
    "ownership": "Which parts of that did you do yourself?",
    "situation": "Can you set the scene? Where were you and what was going on?",
    "task": "What exactly were you responsible for?",
    "tradeoff": "What does that cost you?",
    "what": "In one sentence, what is it?",
    "when": "When would you reach for it, and when would you not?",
    "why": "Why does it help? What problem does it solve?",
    "requirements": "What would you want to clarify about the requirements first?",
    "estimation": "Roughly how much traffic and storage are we talking about?",
    "high_level": "What are the main components, and how does a request flow through them?",
    "deep_dive": "Pick the hardest part. How does it work in detail?",
    "tradeoffs": "What alternative did you consider, and what does your choice cost?",
    "failure_modes": "What happens when one of those components fails?",
    "clarifying_questions": "What would you ask before you start coding?",
    "complexity": "What is the time and space complexity?",
    "testing": "How would you test it? Walk me through an example.",
    "brute_force": "What is the simplest solution, before any optimisation?",
    "current_role": "What do you do today?",
    "focus": "What do you focus on, day to day?",
    "next": "What are you looking for in your next role?",
    "time": "Before you say yes, what would you want to review?",
    "anchor": "What number did you have in mind, and what is it based on?",
    "levers": "Apart from base salary, what else matters to you in the offer?",
    "substance": "Can you give me a concrete example of that?",
}


def gaps(kind: str, s: dict) -> list[str]:
    """Missing parts of the answer, biggest first."""
    if s.get("vague_claims", {}).get("present"):
        return ["substance"]
    if kind == "behavioural":
        if s["hypothetical"]:
            return ["example"]
        star = s["star"]
        gaps = [p for p in ("result", "action", "situation", "task") if not star[p]["present"]]
        if star["result"]["present"] and not s["quantified_result"]:
            gaps.append("quantified")
        if s["ownership"]["we_over_i"]:
            gaps.insert(1 if gaps[:1] == ["result"] else 0, "ownership")
        return gaps
    if kind == "technical":
        return [p for p in ("tradeoff", "why", "when", "what") if not s["framework"][p]["present"]]
    if kind == "system-design":
        d = s["design"]
        gaps = [p for p in ("requirements", "tradeoffs", "estimation", "high_level", "deep_dive") if not d[p]["present"]]
        return gaps + ([] if s["failure_modes"]["present"] else ["failure_modes"])
    if kind == "coding":
        ta = s["think_aloud"]
        gaps = [p for p in ("complexity", "testing", "clarifying_questions") if not ta[p]["present"]]
        return gaps + ([] if s["brute_force_first"]["present"] else ["brute_force"])
    if kind == "phone-screen":
        return [p for p in ("current_role", "next", "focus") if not s["pitch"][p]["present"]]
    if kind == "negotiation":
        n = s["negotiation"]
        gaps = ["time"] if n["accepted_on_spot"]["present"] else []
        if not n["anchor_researched"]["present"]:
            gaps.append("anchor")
        return gaps + ([] if len(n["levers"]) > 1 else ["levers"])
    return []


def follow_up(kind: str, structure: dict, question: Optional[Question] = None) -> Optional[str]:
    missing = gaps(kind, structure)
    if not missing:
        return None
    gap = missing[0]
    own = question.follow_ups if question else {}
    if gap in own:
        return own[gap]
    if gap == "quantified" and "result" in own:
        return own["result"]
    return DEFAULT[gap]

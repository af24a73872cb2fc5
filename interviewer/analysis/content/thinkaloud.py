"""Coding rounds: thinking aloud. Clarifying questions, complexity, testing,
starting simple before optimising, and silences from the delivery figures."""
from __future__ import annotations

from ...model import Finding
from .lexicon import evidence, find, first_hit
from ...analysis.delivery import DEAD_AIR_S
from ...result import Delivery
from .mindset import asked_early
from .text import Clause

COMPLEXITY = [
    "o of", "oh of", "o(*", "big o", "order n|h|k|of|log|one|1", "linear", "quadratic", "cubic",
    "logarithmic", "exponential", "n squared", "n log n", "log n|k|m", "constant time|space", "complexity",
    "runtime", "single pass", "one pass", "v plus e", "n times m", "amortized|amortised", "o n", "on squared",
    "n square", "n cubed", "two to the n", "factorial",
]
TESTING = [
    "test*", "walk through", "walkthrough", "trace", "dry run", "edge case*", "run it on|with|through",
    "try it on|with", "try {num}", "then try", "for example", "an example", "the example", "let me check",
    "make sure it handles|works", "check with", "step through", "sanity check", "corner case*", "verify",
]
BRUTE = ["brute force", "naive*", "simplest", "the simple way", "straightforward", "nested loop*",
         "every pair", "try all", "try every", "first pass", "recompute", "obvious", "first approach",
         "first idea|thought|attempt", "initial idea|approach", "compare every|each", "every other", "check all|every",
         # any naive-first framing: "the dumb way", "the obvious version", "just try every", "one at a time"
         "dumb|naive|obvious|simple|easy|easiest|lazy|basic|slow|direct|trivial way|version|approach|solution|option|thing",
         "try|trying|check|checking|test|testing * each|every|all", "all pairs|combinations|subsets|substrings|permutations",
         "one at a time", "every possible", "each possible", "two|nested|double loops|loop", "loop over * every|each",
         "works but", "too slow", "slow for", "inefficient", "won't|doesn't scale", "start simple", "to start with"]
OPTIMISE = ["better", "improve*", "optimi*", "faster", "more efficient", "speed it up", "instead", "but we can",
            "reduce", "bring it down", "get it down", "can do better", "a smarter", "cleverer", "cheaper",
            "to get|reach|hit|make constant|linear|logarithmic|log|o",
            "get|make|bring it|this|that linear|constant|logarithmic|faster|down|to", "get it to", "down to", "drop it to", "avoid"]


def analyse_think_aloud(clauses: list[Clause], delivery: Delivery, asked: dict) -> dict:
    """`asked`: the clarifying questions found once for the whole answer (mindset.clarifying)."""
    brute = first_hit(BRUTE, clauses)
    first = evidence(None)
    if brute is not None:
        later = [w for c in clauses[brute[0].index:] for w in c.words][brute[1] + 1:]
        if find(OPTIMISE, later) is not None:
            first = evidence(brute)
    # The silences are the delivery's own facts; the finding about them is made there, once.
    pauses = [p for p in delivery.pauses if p["duration"] >= DEAD_AIR_S]
    return {
        "think_aloud": {
            "clarifying_questions": dict(asked, present=asked_early(asked, len(clauses))),
            "complexity": evidence(first_hit(COMPLEXITY, clauses)),
            "testing": evidence(first_hit(TESTING, clauses)),
        },
        "brute_force_first": first,
        "dead_air": {"count": len(pauses), "total_s": round(sum(p["duration"] for p in pauses), 1),
                     "pauses": pauses} if delivery.duration_s is not None else {"count": None, "total_s": None, "pauses": []},
    }


MISSING = {
    "clarifying_questions": "Ask a clarifying question or two before coding: input size, duplicates, empty input.",
    "complexity": "State the time and space complexity out loud.",
    "testing": "Test your code out loud: walk one example and an edge case through it.",
}


def think_aloud_findings(s: dict) -> list[Finding]:
    out, ta = [], s["think_aloud"]
    for part, rec in ta.items():
        if not rec["present"]:
            severity = "warning" if part == "complexity" else "suggestion"
            out.append(Finding(f"think_aloud.{part}.missing", severity, MISSING[part], None, ""))
    if ta["testing"]["present"]:
        out.append(Finding("think_aloud.testing", "strength", "You tested your solution out loud.",
                           ta["testing"]["start"], ta["testing"]["evidence"]))
    bf = s["brute_force_first"]
    if bf["present"]:
        out.append(Finding("think_aloud.brute_force_first", "strength",
                           "You started with a simple solution and then improved it.", bf["start"], bf["evidence"]))
    return out

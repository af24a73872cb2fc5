"""Technical deep dives: What it is, When to use it, Why it helps, and the
Tradeoff it costs you."""
from __future__ import annotations

from ...model import Finding
from .lexicon import evidence, find, first_hit
from .text import Clause

PARTS = ("what", "when", "why", "tradeoff")
_ADVERB = "basically|essentially|just|really|simply|actually|like"
_DEFINES = "a|an|the|when|where|how|what|storing|using|keeping|having|one|any|two"
WHAT = [
    f"is|are|'s|it's|its {_DEFINES}", f"is|are|it's|its {_ADVERB} {_DEFINES}",
    "means", "refers to", "stands for", "is defined as", "the idea is", "the idea behind",
    "works by", "at its core", "is a way",
]
# What it does rather than what it is: a definition only when the answer is not buzzwords.
CAPABILITY = [
    "lets|let|allows|allow|enables|enable you",
    "package|packages|wraps|wrap|stores|store|maps|map|holds|hold|sits|tracks|track|describes|represents|keep|keeps|send|sends|run|runs|turn|turns|split|splits the|a|an|each|your",
]
_NOT_DEFINITION = ["a lot", "a little",  # "a bit" only as a degree: "a bit slow", not "a bit array"
                   "a bit more|less|of|like|too|slow|slower|faster|different|tricky|complex|complicated|hard|harder|"
                   "easier|better|worse|weird|odd|annoying|overkill|heavy|old", "a pain", "a problem", "the catch", "the downside",
                   "the cost", "the reason", "the big", "the main", "the best", "the right", "a good", "a great"]
# A verdict is not a definition: "microservices are basically the modern best practice".
_VERDICT = ["best", "the future", "the standard", "the way to go", "legacy", "overrated", "underrated",
            "hype*", "amazing", "awesome", "terrible", "the answer", "a must", "the go to", "dead"]
# A definition introduced by a hedge can come anywhere, e.g. after an honest gap.
DEFINE_INTRO = ["my understanding is", "as i understand it", "from what i know|understand|gather", "as far as i know",
                "i believe|think it's|its|it", "i think of it as", "in short|essence", "in a nutshell", "simply put"]
WHEN = [
    "when|whenever you|you've|you're|you'd|the|there|there's|it|your|we|we've|we're|a|an|data|reads|writes|traffic|teams",
    "shines|excels|wins|fits|helps when|if|for", "works well|best when|if|for", "comes in handy", "is|are ideal|handy when|for",
    "whenever", "in cases|situations|scenarios where", "cases where", "use it|them|one|this for|when|if",
    "useful when|for|in|if", "good|great|ideal|best|perfect|suited for", "makes|make sense when|for|if",
    "pay|pays off", "reach for", "if you need|have|want|just|only", "if your", "you want one|it|them",
    "you need it|one|them", "for things like", "use case*", "typically used", "pick|choose|use * for",
    "pick|choose|use * * for", "pick|choose|use * * * for", "i'd use", "go for it",
    # a use told as a threshold, a scope or a past job: "once you have two consumers", "for anything under a
    # few thousand rows", "worth it for survey mapping", "we used it for the case-law search"
    "worth it for|if|when|once", "want it|one|them for|when|if", "once you have|hit|need|get", "for anything",
    "we used it|them|one for|in|on|to",
]
WHY = [
    "because", "since", "the reason", "so that", "so you", "so it", "so the", "which means", "that means",
    "benefit*", "advantage*", "the win", "big win", "the point", "it gives you", "you get", "lets you",
    "makes it easier|faster|simpler|cheaper", "make it easier|faster|simpler|cheaper", "easier", "help*",
    "without it", "avoid*", "decoupl*", "faster", "cheaper", "less", "reduc*", "saves", "otherwise",
    "pay|pays off", "takes load", "protects", "prevents", "the upside",
]
# Amid buzzwords a bare benefit ("lets you innovate faster") is a claim, not a reason: only a causal link counts.
WHY_CAUSAL = ["because", "since", "the reason", "so that", "which means", "that means", "without it",
              "otherwise", "prevents", "protects"]
TRADEOFF = [
    "trade off*", "tradeoff*", "downside*", "drawback*", "the catch", "the cost", "at the cost", "the price",
    "you pay", "give up", "flip side", "on the other hand", "however", "disadvantage*", "cons", "the con",
    "limitation*", "overkill", "overhead", "complexity", "bite you", "the problem is", "the risk",
    "gets|get hard|harder|slower|expensive|complicated|messy", "harder", "slower", "can't", "cannot",
    "false positive*", "kills", "deadlock", "more|too|very expensive", "expensive to", "more disk|memory|storage|latency|work",
    "though", "a lot to operate", "awkward", "not great", "wouldn't use", "don't use", "stale",
    "eventual consistency", "costs", "penalty", "worse", "lose", "lost", "waste*", "pay for",
]


def _defines(words: list[str], at: int) -> bool:
    return find(_NOT_DEFINITION, words[at + 1:at + 4]) is None and find(_VERDICT, words[at + 1:at + 6]) is None


def _what_hit(clauses: list[Clause], vague: bool):
    for c in clauses[:2]:
        at = find(WHAT if vague else WHAT + CAPABILITY, c.words)
        if at is not None and _defines(c.words, at):
            if c.words[at] in {"it's", "its"} and c.index > 0:
                continue
            if c.words[0] in {"i", "i'd", "we", "i've", "we've", "yeah"}:
                continue
            return c, at
    for c in clauses:
        intro = find(DEFINE_INTRO, c.words)
        if intro is not None:
            at = find(WHAT, c.words[intro:intro + 8])
            if at is not None and _defines(c.words, intro + at):
                return c, intro
    return None


def analyse_framework(clauses: list[Clause], vague: bool = False) -> dict:
    what_hit = _what_hit(clauses, vague)
    when_hit = None
    for c in clauses:
        at = find(WHEN, c.words)
        if at is not None and not (c.words[at] in {"when", "whenever"} and at > 0 and c.words[at - 1] in {"is", "are", "it's"}):
            when_hit = (c, at)
            break
    return {"framework": {
        "what": evidence(what_hit),
        "when": evidence(when_hit),
        "why": evidence(first_hit(WHY if not vague else WHY_CAUSAL, clauses)),
        "tradeoff": evidence(first_hit(TRADEOFF, clauses)),
    }}


MISSING = {
    "what": "Open with a one sentence definition of what it is.",
    "when": "Say when you would use it, with a concrete case.",
    "why": "Explain why it helps: the problem it solves.",
    "tradeoff": "You gave no tradeoff. Say what it costs and when you would not use it.",
}


def framework_findings(s: dict) -> list[Finding]:
    fw, out = s["framework"], []
    for part in PARTS:
        if not fw[part]["present"]:
            severity = "warning" if part == "tradeoff" else "suggestion"
            out.append(Finding(f"framework.{part}.missing", severity, MISSING[part], None, ""))
    if fw["tradeoff"]["present"]:
        out.append(Finding("framework.tradeoff", "strength", "You named the tradeoff, not just the benefits.",
                           fw["tradeoff"]["start"], fw["tradeoff"]["evidence"]))
    if all(fw[p]["present"] for p in PARTS):
        out.append(Finding("framework.complete", "strength", "You covered what, when, why and the tradeoff.",
                           fw["what"]["start"], fw["what"]["evidence"]))
    return out

"""Checks that apply to every kind of answer: taking a position, admitting a gap
honestly, empty buzzword claims, and asking clarifying questions."""
from __future__ import annotations

from ...model import Finding
from ...result import Delivery
from .lexicon import count, evidence, find, first_hit, is_number
from .text import Clause

OPINION = [
    "i'd pick|choose|go|lean|recommend|prefer|rather|suggest|advocate", "i suggest",
    "i would pick|choose|go|lean|recommend|prefer|rather|suggest",
    "i'd definitely|strongly *", "i would definitely *",
    "i recommend", "i strongly", "my recommendation", "my pick", "my choice", "my vote",
    "i prefer", "in my view", "in my opinion", "my take", "i'm confident", "i am confident",
    "the right choice", "the best option", "the better option", "i believe we should",
    "i'd|i use * because", "i'd|i use * * because", "i'd|i use * * * because",
    "we should * because", "i'd|i would go with", "i'd|i would start with", "i'd|i would use * since",
    "i'd|i would use * * since",
    # the same verdicts with an adverb in between: "I'd always go microservices", "I'd honestly stick with REST"
    "i'd|would always|definitely|honestly|probably|personally|still|strongly|usually|happily|just "
    "pick|choose|go|lean|recommend|prefer|rather|suggest|stick|use|reach|default",
    "i'd|would stick with|to", "i'd|would default to", "i always go|pick|choose|reach|default",
]
HONEST_GAP = [
    "i haven't|havent used|worked|touched|done|built|run", "i have not used|worked|touched|done",
    "i've|i've never|not used|worked|touched|done|built", "i have never used|worked|touched",
    "never worked with", "never used", "not familiar with", "not something i've",
    "i don't|dont have * experience", "i don't|dont have * * experience", "i don't|dont have experience",
    "no hands on experience", "haven't|not had a|the chance", "i haven't personally", "i'm not an expert",
    "no experience with|in", "new to me",
]
GAP_BRIDGE = ["but", "though", "however", "so i'd", "so i would", "i'd approach", "i would approach",
              "from what i know", "my approach", "i'd start", "i would start", "what i'd do", "i'd", "i've used"]
BUZZ = [
    "expert", "inside out", "best practice*", "best in class", "cutting edge", "bleeding edge", "synerg*",
    "leverag*", "world class", "robust", "scalable solution*", "seamless*", "done it all", "all of that",
    "very familiar with all", "standard stuff", "know everything", "ninja", "rockstar", "guru",
    "state of the art", "next level", "game changer", "drive * outcomes", "end to end solution*",
    "super scalable", "really powerful", "everyone uses it", "i know it all", "any technology",
    # hype about a technology
    "infinitely|massively|hugely|endlessly *", "super agile|fast|easy|flexible|powerful", "agile", "innovat*",
    "every serious|modern|good|real company|team|engineer", "everyone|everybody uses|does", "the future",
    "modern best|standard|way", "just legacy", "game chang*", "disrupt*", "revolutionary", "next gen*", "bulletproof",
    # self-descriptions with nothing behind them
    "results driven|oriented|focused", "drive|drives|driving|deliver|delivers|delivering results|impact|value|success",
    "high impact", "move the needle", "data driven", "passionate", "strategic mindset|thinker|vision",
    "growth mindset|mentality", "excellence", "impact", "empower*", "self starter", "team player", "go getter",
    "thought leader*", "visionary", "dynamic", "proactive", "value add", "at scale", "cross functional",
    "think outside the box", "hit the ground running", "wear many hats", "hard working", "detail oriented",
]
CONCRETE = ["for example", "for instance", "when i", "at my", "we had", "because", "such as"]
# Phrases that announce a question wherever they fall in a clause.
ASKING = [
    "just to clarify", "to clarify", "can|could|should i assume", "can|could i ask",
    "before we|i go|dive|jump|begin|draw|code|write|start|design|sketch|touch|pick|commit",
    "make sure i understand", "to confirm", "do you want me to", "before i start", "quick question",
    "am i right that|in", "just to check|confirm|double|clarify|understand", "just to be sure|clear", "just to make sure", "can|could i check|confirm",
    "i want|wanted|need to check|confirm|clarify|understand", "a couple|few|couple of questions",
    "one|first|a question|thing to check", "pin down",
]
CLARIFY_CUES = ASKING + [
    "do we care", "what's the", "what are the", "are there", "how big|large|many|much|long",
    "what should|does|do|if|about|happens", "what's", "do|does we|you|it|the|nodes|they|this|case",
    "is|are the|it|there|this|that|input|numbers|nodes|edges|this|data", "can|could|will|should|would the|it|there|we|nodes|input|i",
]
_AUX_OPENERS = {"can", "could", "is", "are", "do", "does", "should", "will", "would", "what", "what's",
                "how", "which", "may", "am", "just", "to", "before", "quick"}


def clarifying(clauses: list[Clause]) -> dict:
    """Questions the candidate asked: clauses ending in '?' or opening like a question."""
    hits = []
    for c in clauses:
        words = c.words
        if not words:
            continue
        lead = 1 if words[0] in {"and", "so", "okay", "ok", "um", "uh", "also", "first", "then"} else 0
        opener = words[lead] if lead < len(words) else ""
        asked = c.tokens[-1].raw.endswith("?") or (
            opener in _AUX_OPENERS and find(CLARIFY_CUES, words[lead:lead + 6]) == 0)
        if asked or find(ASKING, words) is not None:
            hits.append(c)
    record = evidence((hits[0], 0) if hits else None)
    record["count"] = len(hits)
    record["clause"] = hits[0].index if hits else None  # how early the first question came
    return record


def mindset(clauses: list[Clause]) -> dict:
    all_words = [w for c in clauses for w in c.words]
    gap = first_hit(HONEST_GAP, clauses)
    honest = evidence(gap)
    if gap is not None:
        after = [w for c in clauses[gap[0].index:] for w in c.words]
        honest["present"] = find(GAP_BRIDGE, after[gap[1] + 2:]) is not None
    buzz = count(BUZZ, all_words)
    concrete = find(CONCRETE, all_words) is not None or any(is_number(w) for w in all_words)
    vague = evidence(first_hit(BUZZ, clauses))
    vague["present"] = buzz >= 2 and not (concrete and buzz < 3)
    return {
        "opinion": evidence(first_hit(OPINION, clauses)),
        "honest_gap": honest,
        "vague_claims": vague,
        "clarifying_questions": clarifying(clauses),
    }


def asked_early(asked: dict, clauses: int) -> bool:
    """Questions count as clarifying when the first comes in the first half of the answer."""
    return bool(asked["present"]) and asked["clause"] < max(2, (clauses + 1) // 2)


def mindset_findings(structure: dict, delivery: Delivery, clauses: int) -> list[Finding]:
    out = []
    op, gap, vague = structure["opinion"], structure["honest_gap"], structure["vague_claims"]
    if op["present"]:
        out.append(Finding("mindset.opinion", "strength", "You took a clear position and gave a reason.",
                           op["start"], op["evidence"]))
    elif len(delivery.hedges) >= 2:
        out.append(Finding("mindset.no_opinion", "suggestion",
                           "Commit to a view: say which option you would pick and why.", None, ""))
    if gap["present"]:
        out.append(Finding("mindset.honest_gap", "strength",
                           "You were honest about a gap and said how you would approach it.",
                           gap["start"], gap["evidence"]))
    if vague["present"]:
        out.append(Finding("mindset.vague_claims", "warning",
                           "Buzzwords without substance: back each claim with a concrete example.",
                           vague["start"], vague["evidence"]))
    cq = structure["clarifying_questions"]
    if asked_early(cq, clauses):
        out.append(Finding("clarify.asked", "strength", "You asked clarifying questions before diving in.",
                           cq["start"], cq["evidence"]))
    return out

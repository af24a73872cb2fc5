"""Phone screens: the sixty-second story. Current role, focus, what next, and
whether it lands near a minute."""
from __future__ import annotations

from ...model import Finding
from ...result import Delivery
from ..delivery import spoken_length
from .lexicon import evidence, find
from .text import Clause

ROLE_OPENERS = [
    "i'm a|an|the", "i am a|an|the", "currently", "right now", "at the moment", "i work as|at|for",
    "my current role|job|position", "i've been a|an", "i have been a|an", "i lead", "i run", "i manage",
    "i'm working as|at", "in my current", "these days i", "today i",
]
ROLE_NOUNS = [
    "engineer*", "developer*", "dev", "manager*", "designer*", "analyst*", "scientist*", "lead", "architect*",
    "consultant*", "administrator*", "admin", "sre", "programmer*", "researcher*", "intern", "student",
    "tester*", "qa", "director*", "head", "founder*", "cto", "vp", "owner", "specialist*",
    "technician*", "writer*", "teacher*", "marketer*", "recruiter*",
]
FOCUS = [
    "focus*", "speciali*", "specialty", "my niche", "mostly", "mainly", "primarily", "most of my", "my work is", "i work on",
    "working on", "day to day", "my area", "expertise", "background is|in", "i build", "building",
    "i've built", "i have built", "i spend", "i own", "my strength", "experience in|with",
]
NEXT = [
    "looking for|to", "next", "want to|next", "i'd like", "i would like", "hoping to", "hope to", "excited about|to|by",
    "interested in", "drew|draws me", "drawn to", "caught my eye", "why i applied", "ready for|to", "move into|closer|to",
    "grow into", "i'm after", "aiming", "i want", "keen to", "eager to", "that's why",
]


def _role_hit(clauses: list[Clause]):
    for c in clauses:
        at = find(ROLE_OPENERS, c.words)
        leads = at is not None and c.words[at] == "i" and c.words[at + 1] in {"lead", "run", "manage"}
        if at is not None and (leads or find(ROLE_NOUNS, c.words[at:at + 9]) is not None):
            return c, at
    return None


def _first(phrases: list[str], clauses: list[Clause]):
    for c in clauses:
        at = find(phrases, c.words)
        if at is not None:
            return c, at
    return None


def analyse_pitch(clauses: list[Clause], delivery: Delivery) -> dict:
    # The length is a delivery fact, judged against the round's target there; here it is only reported.
    seconds, estimated = spoken_length(delivery)
    return {"pitch": {
        "duration_s": round(seconds, 1), "estimated": estimated, "about_60s": 40 <= seconds <= 90,
        "current_role": evidence(_role_hit(clauses)),
        "focus": evidence(_first(FOCUS, clauses)),
        "next": evidence(_first(NEXT, clauses)),
    }}


MISSING = {
    "current_role": "Open with what you do now: your role and where.",
    "focus": "Say what you focus on, the kind of work you are best at.",
    "next": "Close with what you want next and why this role fits.",
}


def pitch_findings(s: dict) -> list[Finding]:
    p, out = s["pitch"], []
    for part in ("current_role", "focus", "next"):
        if not p[part]["present"]:
            severity = "warning" if part != "focus" else "suggestion"
            out.append(Finding(f"pitch.{part}.missing", severity, MISSING[part], None, ""))
    if all(p[x]["present"] for x in ("current_role", "focus", "next")):
        out.append(Finding("pitch.complete", "strength", "Your story covered now, your focus, and what you want next.",
                           p["current_role"]["start"], p["current_role"]["evidence"]))
    return out

"""The spoken feedback: two strengths and the two changes that matter most,
at most sixty words, with nothing a text-to-speech voice would trip over."""
from __future__ import annotations

import re

from ..analysis.delivery_feedback import is_delivery
from ..model import Finding

MAX_WORDS = 60
SEVERITY_RANK = {"warning": 0, "suggestion": 1, "strength": 2}
# Short spoken phrasings for codes whose messages carry figures or jargon.
SPOKEN = {
    "pace.fast": "slow down a little, you were speaking fast",
    "pace.slow": "pick up the pace a little",
    "fillers.many": "cut the filler words like um and like",
    "start.slow": "start answering sooner",
    "dead_air": "fill long silences by thinking out loud",
    "think_aloud.dead_air": "fill long silences by thinking out loud",
    "hedges.many": "hedge less and commit to your answer",
    "length.short": "give a fuller answer",
    "length.long": "keep it shorter",
    "star.hypothetical": "tell a real story, not what you would do",
    "star.result.missing": "end with the result",
    "star.result.unquantified": "put a number on the result",
    "star.action.missing": "say what you did yourself",
    "ownership.we": "say I, not we, for your own actions",
    "framework.tradeoff.missing": "name the tradeoff",
    "negotiation.accepted_on_spot": "ask for time instead of accepting on the spot",
    "mindset.vague_claims": "back up claims with a concrete example",
}
_UNITS = {"%": " percent", "wpm": " words a minute", "s": " seconds", "min": " minutes", "k": " thousand"}
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + number_words(n % 100))
    if n < 1_000_000:
        return number_words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + number_words(n % 1000))
    return str(n)


def speakable(text: str) -> str:
    """Numbers and units as words; markdown and symbols dropped."""
    def say(m: re.Match) -> str:
        whole, frac, unit = m.group(1), m.group(2), m.group(3) or ""
        words = number_words(int(whole))
        if frac:
            words += " point " + " ".join(_ONES[int(d)] for d in frac)
        return words + _UNITS.get(unit.lower(), (" " + unit) if unit else "")
    text = re.sub(r"(\d+)(?:\.(\d+))?(?:\s?(%|wpm|min|s\b|k\b))?", say, text)
    text = re.sub(r"[*_`#>|\[\]{}<>~^=+\\/]", " ", text).replace("&", " and ").replace("→", " to ")
    return " ".join(text.split())


def _phrase(f: Finding) -> str:
    text = SPOKEN.get(f.code) or f.message
    text = re.split(r"(?<=[.;:!?])\s", text.strip())[0].rstrip(".;:!? ")  # first sentence only
    text = speakable(text)
    return text[0].lower() + text[1:] if text else text


def _pick(findings: list[Finding], severities: tuple[str, ...]) -> list[str]:
    chosen, seen = [], set()
    ranked = sorted((f for f in findings if f.severity in severities), key=lambda f: SEVERITY_RANK[f.severity])
    for f in ranked:
        family = f.code.split(".")[-1] if f.code.endswith("dead_air") else f.code
        phrase = _phrase(f)
        if family not in seen and phrase and phrase not in chosen:
            seen.add(family)
            chosen.append(phrase)
    return chosen


def feedback_summary(findings: list[Finding]) -> str:
    # What the answer said is the praise worth hearing; how it was said comes second.
    by_substance = sorted(findings, key=lambda f: is_delivery(f.code))
    strengths = _pick(by_substance, ("strength",))
    changes = _pick(findings, ("warning", "suggestion"))
    for n_strong, n_change in ((2, 2), (1, 2), (1, 1), (0, 1)):
        text = _compose(strengths[:n_strong], changes[:n_change])
        if len(text.split()) <= MAX_WORDS:
            return text
    return " ".join(text.split()[:MAX_WORDS - 1]) + "."


def _compose(strengths: list[str], changes: list[str]) -> str:
    parts = []
    if strengths:
        parts.append("What went well: " + " and ".join(strengths) + ".")
    if len(changes) == 2:
        parts.append(f"Two things to change. First, {changes[0]}. Second, {changes[1]}.")
    elif changes:
        parts.append(f"One thing to change: {changes[0]}.")
    if not parts:
        return "Thanks. Nothing stood out either way; try a longer answer so I can give you feedback."
    if not changes:
        parts.append("Keep doing that.")
    return " ".join(parts)

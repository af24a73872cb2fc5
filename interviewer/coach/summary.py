"""The spoken feedback: two strengths and the two changes that matter most,
at most sixty words, with nothing a text-to-speech voice would trip over."""
from __future__ import annotations

import re

from ..analysis.delivery_feedback import is_delivery
from ..model import Finding
from ..rounds import Round

MAX_WORDS = 60
SEVERITY_RANK = {"warning": 0, "suggestion": 1, "strength": 2}
# Short spoken advice for delivery findings, whose messages carry figures. A round's parts
# have their spoken advice in the round registry (prompts/rounds.yaml).
SPOKEN = {
    "pace.fast": "slow down a little, you were speaking fast",
    "pace.slow": "pick up the pace a little",
    "fillers.many": "cut the filler words like um and like",
    "start.slow": "start answering sooner",
    "dead_air": "fill long silences by thinking out loud",
    "hedges.many": "hedge less and commit to your answer",
    "length.short": "give a fuller answer",
    "length.long": "keep it shorter",
}
_UNITS = {  # unit -> (singular, plural)
    "%": ("percent", "percent"), "percent": ("percent", "percent"), "wpm": ("word a minute", "words a minute"),
    "ms": ("millisecond", "milliseconds"), "s": ("second", "seconds"), "sec": ("second", "seconds"),
    "min": ("minute", "minutes"), "mins": ("minute", "minutes"), "h": ("hour", "hours"),
    "k": ("thousand", "thousand"), "m": ("million", "million"), "x": ("times", "times"),
}
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_BIG = ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"))


def number_words(n: int) -> str:
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + number_words(rest))
    for size, name in _BIG:
        if n >= size:
            rest = n % size
            joint = "" if rest == 0 else (" and " if rest < 100 else " ") + number_words(rest)
            return number_words(n // size) + " " + name + joint
    return str(n)


# A number: digits with optional thousands commas and decimals, then an optional unit that
# stands alone as a word ("5 minutes" keeps "minutes"; "5 min" becomes "five minutes").
_NUMBER = re.compile(r"(?<![\w.])(-?\d{1,3}(?:,\d{3})+|-?\d+)(?:\.(\d+))?(?:\s?(%|(?:percent|wpm|ms|sec|mins|min|s|h|k|m|x)\b))?")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")


def _say_number(m: re.Match) -> str:
    whole, frac, unit = m.group(1).replace(",", ""), m.group(2), m.group(3)
    words = number_words(int(whole))
    if frac and int(frac):  # "3.0 s" is said "three seconds"
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    if not unit:
        return words
    one, many = _UNITS[unit.lower()]
    return f"{words} {one if whole in ('1', '-1') and not frac else many}"


def _say_clock(m: re.Match) -> str:
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes == 0:
        return f"{number_words(hours)} o'clock"
    return f"{number_words(hours)} {'oh ' if minutes < 10 else ''}{number_words(minutes)}"


def speakable(text: str) -> str:
    """Numbers, times and units as words; markdown and symbols dropped."""
    text = _CLOCK.sub(_say_clock, text)
    text = _NUMBER.sub(_say_number, text)
    text = re.sub(r"[*_`#>|\[\]{}<>~^=+\\/]", " ", text).replace("&", " and ").replace("→", " to ")
    return " ".join(text.split())


def _phrase(f: Finding, rnd: Round | None) -> str:
    part = rnd.part_for_code(f.code) if rnd and f.severity != "strength" else None
    text = SPOKEN.get(f.code) or (part.spoken if part and part.spoken else None) or f.message
    text = re.split(r"(?<=[.;:!?])\s", text.strip())[0].rstrip(".;:!? ")  # first sentence only
    text = speakable(text)
    return text[0].lower() + text[1:] if text else text


def _pick(findings: list[Finding], severities: tuple[str, ...], rnd: Round | None) -> list[str]:
    chosen = []
    ranked = sorted((f for f in findings if f.severity in severities), key=lambda f: SEVERITY_RANK[f.severity])
    for f in ranked:
        phrase = _phrase(f, rnd)
        if phrase and phrase not in chosen:
            chosen.append(phrase)
    return chosen


def feedback_summary(findings: list[Finding], rnd: Round | None = None) -> str:
    """Spoken feedback for `findings`; `rnd` words the missing parts of that round."""
    # What the answer said is the praise worth hearing; how it was said comes second.
    by_substance = sorted(findings, key=lambda f: is_delivery(f.code))
    strengths = _pick(by_substance, ("strength",), rnd)
    changes = _pick(findings, ("warning", "suggestion"), rnd)
    for n_strong, n_change in ((2, 2), (1, 2), (1, 1), (0, 1)):
        text = _compose(strengths[:n_strong], changes[:n_change])
        if len(text.split()) <= MAX_WORDS:
            return text
    return " ".join(text.split()[:MAX_WORDS - 1]) + "."


def _compose(strengths: list[str], changes: list[str]) -> str:
    parts = []
    if strengths:
        # Each strength is a clause of its own ("you started promptly"), so they join with commas.
        parts.append("What went well: " + ", and ".join(strengths) + ".")
    if len(changes) == 2:
        parts.append(f"Two things to change. First, {changes[0]}. Second, {changes[1]}.")
    elif changes:
        parts.append(f"One thing to change: {changes[0]}.")
    if not parts:
        return "Thanks. Nothing stood out either way; try a longer answer so I can give you feedback."
    if not changes:
        parts.append("Keep doing that.")
    return " ".join(parts)

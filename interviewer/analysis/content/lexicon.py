"""A tiny phrase-pattern matcher and the number vocabulary.

Pattern syntax, one phrase per string, tokens separated by spaces:
  word      exact token          reduc*   any token with that prefix
  a|b       either token         *        any one token
  ...       up to four tokens    {num}    a number, digits or words
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from .text import Clause

NUMBER_WORDS = {
    "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions",
    "half", "third", "quarter", "dozen", "twice", "thrice",
}
_DIGITS = re.compile(r"^\d+(\.\d+)?(k|m|bn|x|s|ms|h|gb|tb|pb|mb|th|st|nd|rd)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")


def is_number(token: str, allow_one: bool = False) -> bool:
    if _DIGITS.match(token):
        return True
    return token in NUMBER_WORDS or (allow_one and token == "one")


def is_year(token: str) -> bool:
    return bool(_YEAR.match(token))


@lru_cache(maxsize=None)
def _compile(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


def _token_ok(pat: str, tok: str) -> bool:
    if pat == "*":
        return True
    if pat == "{num}":
        return is_number(tok, allow_one=True) and not is_year(tok)
    for alt in pat.split("|"):
        if alt.endswith("*") and len(alt) > 1:
            if tok.startswith(alt[:-1]):
                return True
        elif tok == alt:
            return True
    return False


def _match_from(pats: tuple[str, ...], words: list[str], i: int) -> Optional[int]:
    """Index just past the match of pats at words[i], or None."""
    if not pats:
        return i
    head, rest = pats[0], pats[1:]
    if head == "...":
        for skip in range(0, 5):
            end = _match_from(rest, words, i + skip)
            if end is not None:
                return end
        return None
    if i < len(words) and _token_ok(head, words[i]):
        return _match_from(rest, words, i + 1)
    return None


def find(phrases: Iterable[str], words: list[str]) -> Optional[int]:
    """Position of the earliest match of any phrase in words, or None."""
    best = None
    for phrase in phrases:
        pats = _compile(phrase)
        for i in range(len(words)):
            if best is not None and i >= best:
                break
            if _match_from(pats, words, i) is not None:
                best = i
                break
    return best


def count(phrases: Iterable[str], words: list[str]) -> int:
    hits = 0
    for phrase in phrases:
        pats = _compile(phrase)
        hits += sum(1 for i in range(len(words)) if _match_from(pats, words, i) is not None)
    return hits


def first_hit(phrases: Iterable[str], clauses: list[Clause]) -> Optional[tuple[Clause, int]]:
    """The first clause containing any phrase, with the match position."""
    phrases = list(phrases)
    for clause in clauses:
        at = find(phrases, clause.words)
        if at is not None:
            return clause, at
    return None


def evidence(hit: Optional[tuple[Clause, int]]) -> dict:
    """The {present, evidence, start} record every structure part uses."""
    if hit is None:
        return {"present": False, "evidence": "", "start": None}
    clause, at = hit
    return {"present": True, "evidence": clause.quote(at), "start": clause.start_at(at)}

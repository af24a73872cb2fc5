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


_ANY, _NUM, _ALTS, _SKIP = 0, 1, 2, 3


@lru_cache(maxsize=None)
def _token(pat: str) -> tuple:
    """One token pattern compiled once: (kind, exact words, prefixes)."""
    if pat == "*":
        return (_ANY, frozenset(), ())
    if pat == "{num}":
        return (_NUM, frozenset(), ())
    if pat == "...":
        return (_SKIP, frozenset(), ())
    exact, prefixes = set(), []
    for alt in pat.split("|"):
        if alt.endswith("*") and len(alt) > 1:
            prefixes.append(alt[:-1])
        else:
            exact.add(alt)
    return (_ALTS, frozenset(exact), tuple(prefixes))


def _ok(tok_pat: tuple, tok: str) -> bool:
    kind, exact, prefixes = tok_pat
    if kind == _ALTS:
        return tok in exact or (bool(prefixes) and tok.startswith(prefixes))
    if kind == _ANY:
        return True
    return is_number(tok, allow_one=True) and not is_year(tok)


def _token_ok(pat: str, tok: str) -> bool:
    return _ok(_token(pat), tok)


@lru_cache(maxsize=None)
def _compiled(phrase: str) -> tuple[tuple, ...]:
    return tuple(_token(p) for p in _compile(phrase))


def _match_c(pats: tuple, words: list[str], i: int) -> Optional[int]:
    n = len(words)
    for k, tp in enumerate(pats):
        if tp[0] == _SKIP:
            rest = pats[k + 1:]
            for skip in range(0, 5):
                end = _match_c(rest, words, i + skip)
                if end is not None:
                    return end
            return None
        if i >= n or not _ok(tp, words[i]):
            return None
        i += 1
    return i


def _match_from(pats: tuple[str, ...], words: list[str], i: int) -> Optional[int]:
    """Index just past the match of pats (a compiled phrase) at words[i], or None."""
    return _match_c(tuple(_token(p) for p in pats), words, i)


class Index:
    """A phrase list indexed by its first token, so a word list is scanned once whatever the list's length.
    Same matches as trying every phrase at every position."""

    def __init__(self, phrases: tuple[str, ...]):
        self.phrases = phrases
        self.by_word: dict[str, list] = {}
        self.by_prefix: list[tuple[str, int, tuple]] = []
        self.anywhere: list[tuple[int, tuple]] = []
        for n, phrase in enumerate(phrases):
            pats = _compiled(phrase)
            if not pats:
                self.anywhere.append((n, pats))
                continue
            kind, exact, prefixes = pats[0]
            if kind != _ALTS:
                self.anywhere.append((n, pats))
                continue
            for alt in exact:
                self.by_word.setdefault(alt, []).append((n, pats))
            for prefix in prefixes:
                self.by_prefix.append((prefix, n, pats))

        self._cands: dict[str, list] = {}

    def candidates(self, w: str) -> list:
        """The (phrase number, compiled phrase) pairs that may match at a word, memoised per word."""
        got = self._cands.get(w)
        if got is None:
            got = list(self.by_word.get(w, ()))
            got += [(n, pats) for prefix, n, pats in self.by_prefix if w.startswith(prefix)]
            got += self.anywhere
            if len(self._cands) > 20000:
                self._cands.clear()
            self._cands[w] = got
        return got

    def find(self, words: list[str]) -> Optional[int]:
        for i, w in enumerate(words):
            for _, pats in self.candidates(w):
                if _match_c(pats, words, i) is not None:
                    return i
        return None

    def count(self, words: list[str]) -> int:
        hits = 0
        for i, w in enumerate(words):
            hits += len({n for n, pats in self.candidates(w) if _match_c(pats, words, i) is not None})
        return hits

    def matches_at(self, words: list[str], i: int) -> list[str]:
        """The phrases (in list order) that match at words[i]."""
        got = sorted({n for n, pats in self.candidates(words[i]) if _match_c(pats, words, i) is not None})
        return [self.phrases[n] for n in got]


@lru_cache(maxsize=512)
def index(phrases: tuple[str, ...]) -> Index:
    return Index(phrases)


def find(phrases: Iterable[str], words: list[str]) -> Optional[int]:
    """Position of the earliest match of any phrase in words, or None."""
    return index(tuple(phrases)).find(words)


def count(phrases: Iterable[str], words: list[str]) -> int:
    return index(tuple(phrases)).count(words)


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

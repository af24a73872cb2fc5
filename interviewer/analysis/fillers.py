"""Fillers and hedges found in a word sequence. Pure; the lexicons are deliberately small.

"like", "so" and "you know" are often meaningful, so they count only where their
position marks them as filler: between pauses or commas, or starting a clause.
"""
from __future__ import annotations

import re

from ..model import Word

FILLER_SOUNDS = {"um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "mm", "mhm", "eh"}
FILLER_PHRASES = (("you", "know"), ("i", "mean"))
HEDGES = (
    ("i", "guess"), ("sort", "of"), ("kind", "of"), ("kinda",), ("maybe",), ("perhaps",),
    ("i", "think", "maybe"), ("probably",), ("i'm", "not", "sure"), ("not", "sure"), ("i", "suppose"),
    ("somewhat",), ("more", "or", "less"), ("possibly",), ("might", "be"), ("could", "be"),
)


def norm(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower().replace("’", "'"))


def _punct_after(word: Word) -> bool:
    return word.word.rstrip()[-1:] in {",", ".", "?", "!", ";", ":", "…"}


def _match(keys: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(keys[i:i + len(phrase)]) == phrase


def find_fillers(words: list[Word]) -> list[dict]:
    keys = [norm(w.word) for w in words]
    found = []
    i = 0
    while i < len(words):
        k = keys[i]
        if k in FILLER_SOUNDS:
            found.append({"word": k, "start": words[i].start})
        elif k == "like" and (_punct_after(words[i]) or (i and _punct_after(words[i - 1]))):
            found.append({"word": "like", "start": words[i].start})
        else:
            for phrase in FILLER_PHRASES:
                # "you know," / "I mean," as asides, not "you know the answer"
                if _match(keys, i, phrase) and _punct_after(words[i + len(phrase) - 1]):
                    found.append({"word": " ".join(phrase), "start": words[i].start})
                    i += len(phrase) - 1
                    break
        i += 1
    return found


def find_hedges(words: list[Word]) -> list[dict]:
    keys = [norm(w.word) for w in words]
    found = []
    i = 0
    while i < len(words):
        for phrase in sorted(HEDGES, key=len, reverse=True):
            if _match(keys, i, phrase):
                found.append({"phrase": " ".join(phrase), "start": words[i].start})
                i += len(phrase) - 1
                break
        i += 1
    return found

"""The pieces of an answer the learned judge scores: the rules' clauses, with run-on ones cut shorter.

The clause splitter (analysis/content/text.py) cuts at full stops and at a few markers, which is what the
phrase rules need: their phrases may span a comma or a subject ("is that the best | you can do").
Unpunctuated speech-recogniser text gives it little to cut at, and whole answers came out as one clause
of a hundred words. For the judge that is two faults. Its embedding is an average, so one clause that
holds the requirements, the estimate and the components looks like none of them. And in training a
clause takes the parts of the authored sentences that give it at least a third of its words, so a
clause spanning five sentences took none. The judge therefore scores pieces of at most UNIT_WORDS
tokens, cut at a comma or before a word that opens a clause, nearest the middle; the rules keep
their clauses. The evidence quoted for a part is then the piece that carries it.
"""
from __future__ import annotations

from ..analysis.content.text import Clause

UNIT_WORDS = 16  # see the README ("Judge units") for the lengths measured
MIN_PIECE = 4    # no piece shorter than this is cut off
# Words before which a new clause can start in run-on speech (subjects, joiners, relative words).
OPENERS = frozenset(
    "i i'm i'd i've i'll we we're we'd we've we'll you you're you'd you'll it it's they they're there "
    "there's that's this and or but so then which because when where while if since once though "
    "first second third next also plus".split())


def units_of(clauses: list[Clause]) -> list[Clause]:
    """Every clause of at most UNIT_WORDS tokens as it is; a longer one cut into pieces that are not."""
    out: list[Clause] = []
    for clause in clauses:
        for piece in _cut(clause.tokens):
            out.append(Clause(piece, len(out)))
    return out


def _cut(tokens: list) -> list[list]:
    if len(tokens) <= UNIT_WORDS:
        return [tokens]
    middle = len(tokens) / 2
    cuts = [i for i in range(MIN_PIECE, len(tokens) - MIN_PIECE + 1) if _boundary(tokens, i)]
    at = min(cuts, key=lambda i: (abs(i - middle), i)) if cuts else _nearest_word_start(tokens, int(middle))
    return _cut(tokens[:at]) + _cut(tokens[at:])


def _boundary(tokens: list, i: int) -> bool:
    """A cut before tokens[i] keeps words whole and falls after a comma or before an opener."""
    if tokens[i].word_index == tokens[i - 1].word_index:  # "roll-out" is two tokens of one word
        return False
    return tokens[i - 1].raw.endswith(",") or tokens[i].norm in OPENERS


def _nearest_word_start(tokens: list, at: int) -> int:
    """The middle, moved to where a word begins (a hyphenated word is several tokens)."""
    for i in sorted(range(1, len(tokens)), key=lambda i: (abs(i - at), i)):
        if tokens[i].word_index != tokens[i - 1].word_index:
            return i
    return at

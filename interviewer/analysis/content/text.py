"""Tokens and clauses from speech-recognition output.

ASR text is often lower-case with no punctuation, so clauses are cut at
sentence punctuation *and* at discourse markers ("so", "and then", "in the
end") and before a new first-person subject ("... behind schedule we split").
Every token keeps the index of the Word it came from, so evidence gets a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ...model import Transcript, Word

_SENTENCE_END = re.compile(r"[.!?;:]+[\"')\]]*$")
_STRIP = "\"'()[]{}.,!?;:…“”‘’*_`"

# Markers that begin a new clause. Longest first so "and then" wins over "and".
MARKERS = sorted([
    ("so",), ("and", "then"), ("then",), ("in", "the", "end"), ("eventually",), ("finally",),
    ("as", "a", "result"), ("after", "that"), ("afterwards",), ("which", "meant"), ("that", "meant"),
    ("but",), ("because",), ("since", "then"), ("ultimately",), ("the", "result"), ("the", "outcome"),
    ("okay",), ("ok",), ("alright",), ("also",), ("however",), ("though",), ("if",), ("whereas",),
    ("and", "i"), ("and", "we"), ("and", "i'm"), ("and", "i'd"), ("and", "the"), ("and", "it"),
    ("and", "they"), ("and", "what"), ("and", "that"), ("and", "then"), ("which", "took"),
    ("what", "i"), ("just", "to"), ("my", "job"), ("my", "goal"), ("my", "task"), ("my", "role"),
    ("the", "goal"), ("there", "was"), ("there", "were"), ("let", "me"), ("let's",), ("before", "i"), ("at", "the", "moment"),
], key=len, reverse=True)

SUBJECTS = {"i", "i'm", "i'd", "i've", "i'll", "we", "we're", "we'd", "we've", "we'll"}
# Words after which a subject pronoun does not start a new clause ("I found we cached ...").
_GLUE = {
    "and", "but", "so", "that", "because", "when", "if", "then", "as", "until", "before", "after",
    "while", "where", "what", "how", "why", "which", "who", "once", "since", "than", "or", "like",
    "let", "um", "uh", "yeah", "well", "honestly", "think", "guess", "said", "say", "know", "mean",
    "told", "hope", "believe", "feel", "found", "realised", "realized", "noticed", "saw", "showed",
    "decided", "sure", "whether", "can", "could", "should", "would", "did", "do", "does",
    "is", "are", "was", "were", "thing", "way", "means", "assume", "ensure",
    "hopefully", "basically", "actually", "really", "maybe", "probably", "okay", "ok", "right",
    "also", "first", "now", "until", "unless", "though", "although", "thought", "knew", "felt",
}


@dataclass
class Token:
    norm: str            # lower-case, punctuation stripped, "%" -> "percent"
    raw: str             # the Word as recognised
    word_index: int      # index into transcript.words
    start: Optional[float]
    end: Optional[float]


@dataclass
class Clause:
    tokens: list[Token]
    index: int

    @property
    def words(self) -> list[str]:
        return [t.norm for t in self.tokens]

    @property
    def start(self) -> Optional[float]:
        return self.tokens[0].start if self.tokens else None

    @property
    def end(self) -> Optional[float]:
        return self.tokens[-1].end if self.tokens else None

    def quote(self, at: int = 0, limit: int = 14) -> str:
        """A short verbatim quote, starting near token `at`."""
        begin = max(0, at - 3) if at > 6 else 0
        raws, seen = [], set()
        for t in self.tokens[begin:begin + limit * 2]:
            if t.word_index not in seen:  # hyphen-split tokens share one Word
                seen.add(t.word_index)
                raws.append(t.raw)
        return " ".join(raws[:limit]).strip(" ,;:")

    def start_at(self, at: int = 0) -> Optional[float]:
        begin = max(0, at - 3) if at > 6 else 0
        return self.tokens[begin].start if self.tokens else None


def normalise(raw: str) -> list[str]:
    """One recognised word -> zero or more normalised tokens."""
    w = raw.lower().replace("’", "'").replace("‘", "'").replace("$", "").replace("£", "").replace("€", "")
    w = re.sub(r"(?<=\d),(?=\d{3})", "", w)
    out = []
    for piece in re.split(r"[-/–—]+", w):
        percent = piece.rstrip(_STRIP).endswith("%")
        piece = piece.strip(_STRIP).replace("%", "")
        if piece:
            out.append(piece)
        if percent:
            out.append("percent")
    return out


def tokens_of(transcript: Transcript) -> list[Token]:
    words = transcript.words or [Word(w, None, None) for w in transcript.text.split()]
    tokens = []
    for i, w in enumerate(words):
        for norm in normalise(w.word):
            tokens.append(Token(norm, w.word.strip(), i, w.start, w.end))
    return tokens


_MARKERS_BY_HEAD: dict[str, list[tuple[str, ...]]] = {}
for _m in MARKERS:  # longest first within each head, as in MARKERS
    _MARKERS_BY_HEAD.setdefault(_m[0], []).append(_m)


def _marker_len(norms: list[str], i: int) -> int:
    """Length of the longest marker starting at norms[i], or 0."""
    for m in _MARKERS_BY_HEAD.get(norms[i], ()):
        if tuple(norms[i:i + len(m)]) == m:
            return len(m)
    return 0


def _marker_at(norms: list[str], i: int) -> bool:
    if i > 0 and norms[i - 1] in SUBJECTS:  # "we also brought" stays one clause
        return False
    if _marker_len(norms, i):
        return True
    return norms[i] in SUBJECTS and i > 0 and norms[i - 1] not in _GLUE and norms[i - 1] not in SUBJECTS


def clauses_of(transcript: Transcript) -> list[Clause]:
    tokens = tokens_of(transcript)
    norms = [t.norm for t in tokens]
    clauses, current, inside_marker_until = [], [], 0
    for i, tok in enumerate(tokens):
        if current and i >= inside_marker_until and _marker_at(norms, i):
            clauses.append(current)
            current = []
        if i >= inside_marker_until:  # "since then" must not split again at "then"
            inside_marker_until = i + max(_marker_len(norms, i), 1)
        current.append(tok)
        is_last_piece = i + 1 == len(tokens) or tokens[i + 1].word_index != tok.word_index
        if is_last_piece and _SENTENCE_END.search(tok.raw):
            clauses.append(current)
            current = []
    if current:
        clauses.append(current)
    return [Clause(c, n) for n, c in enumerate(clauses)]


def word_count(transcript: Transcript) -> int:
    return len(transcript.words) if transcript.words else len(transcript.text.split())

"""The few plain types every part of interviewer speaks.

Times are seconds from the start of the recording. Text-only input has no
timings, so `start`/`end` may be None there.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional



@dataclass
class Word:
    word: str
    start: Optional[float]
    end: Optional[float]
    probability: float = 1.0


@dataclass
class Transcript:
    text: str
    words: list[Word] = field(default_factory=list)
    language: str = "en"

    @classmethod
    def from_text(cls, text: str) -> "Transcript":
        """A typed or pasted answer: words without timings."""
        return cls(text=" ".join(text.split()), words=[Word(w, None, None) for w in text.split()])

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "language": self.language, "words": [asdict(w) for w in self.words]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Transcript":
        return cls(d["text"], [Word(**w) for w in d.get("words", [])], d.get("language", "en"))


@dataclass(frozen=True)
class Span:
    """A stretch of speech found by VAD."""
    start: float
    end: float


@dataclass
class Finding:
    code: str          # stable id, e.g. "pace.fast", "star.result.missing"
    severity: str      # strength, suggestion or warning (matters most)
    message: str
    start: Optional[float] = None
    evidence: str = ""  # the quote the finding rests on

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Question:
    id: str
    round: str
    text: str
    tags: list[str] = field(default_factory=list)
    target_s: tuple[float, float] = (60.0, 120.0)  # a strong answer's length, low and high
    points: list[str] = field(default_factory=list)  # what a strong answer covers
    follow_ups: dict[str, str] = field(default_factory=dict)  # missing part -> question

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["target_s"] = list(self.target_s)
        return d

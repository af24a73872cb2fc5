"""The typed analysis of one answer, built once; `to_dict` is the only place the JSON contract is made.

The contract (README, "The analyse --json contract") only ever gains fields: readers of
older sessions and of `analyse --json` keep working.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Optional

from .model import Finding, Transcript


@dataclass
class Delivery:
    """How the answer was spoken. Audio-based figures are None for a typed answer."""
    duration_s: Optional[float] = None
    speech_s: Optional[float] = None
    time_to_first_word_s: Optional[float] = None
    words_per_minute: Optional[float] = None
    pauses: list[dict] = field(default_factory=list)      # {start, end, duration}, from the VAD
    longest_pause_s: Optional[float] = None
    fillers: list[dict] = field(default_factory=list)     # {word, start}
    fillers_per_minute: Optional[float] = None
    hedges: list[dict] = field(default_factory=list)      # {phrase, start}
    word_count: int = 0
    nudges: Optional[int] = None                          # prompts the interviewer spoke into silences (live)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Delivery":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Credit:
    """Whether what was heard earns content feedback, and why not. Decided in credit.py only."""
    credited: bool
    reason: str = "ok"            # ok | low-confidence | no-speech | no-words | too-short | not-english
    message: Optional[str] = None  # the one line the candidate reads when not credited, or unsure
    room: tuple = ()              # what the room diagnosis found, when recognition was unsure

    @property
    def low_confidence(self) -> bool:
        """Credited, but the recogniser was unsure: the findings rest on a shaky transcript."""
        return self.credited and self.reason == "low-confidence"

    def to_dict(self) -> dict[str, Any]:
        return {"credited": self.credited, "reason": self.reason, "message": self.message,
                "low_confidence": self.low_confidence, "room": list(self.room)}


@dataclass
class Analysis:
    kind: str
    transcript: Transcript
    delivery: Delivery
    credit: Credit
    question: Optional[str] = None
    structure: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    feedback_summary: str = ""
    follow_up: Optional[str] = None
    gaps: list[str] = field(default_factory=list)        # missing parts, biggest first
    warnings: list[str] = field(default_factory=list)
    audio: Optional[dict] = None                          # path, levels, gain, recognition
    coach: Optional[dict] = None                          # the logged LLM call, when one wrote the summary
    follow_up_gap: Optional[str] = None                   # set when this answers a follow-up
    judge: Optional[str] = None                           # which content judge decided the parts
    judge_call: Optional[dict] = None                     # the logged LLM judge call, with --judge llm

    @property
    def credited(self) -> bool:
        return self.credit.credited

    def but(self, **changes) -> "Analysis":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind, "question": self.question, "transcript": self.transcript.to_dict(),
            "delivery": self.delivery.to_dict(), "structure": self.structure,
            "feedback": [f.to_dict() for f in self.findings], "feedback_summary": self.feedback_summary,
            "follow_up": self.follow_up, "gaps": list(self.gaps), "warnings": list(self.warnings),
            "credited": self.credited, "credit": self.credit.to_dict(),
        }
        for key in ("audio", "coach", "follow_up_gap", "judge", "judge_call"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Analysis":
        credit = {k: v for k, v in (d.get("credit") or {"credited": d.get("credited", False)}).items()
                  if k in ("credited", "reason", "message", "room")}
        credit["room"] = tuple(credit.get("room", ()))
        return cls(kind=d["kind"], transcript=Transcript.from_dict(d["transcript"]),
                   delivery=Delivery.from_dict(d.get("delivery") or {}), credit=Credit(**credit),
                   question=d.get("question"), structure=d.get("structure") or {},
                   findings=[Finding(**f) for f in d.get("feedback", [])],
                   feedback_summary=d.get("feedback_summary", ""), follow_up=d.get("follow_up"),
                   gaps=list(d.get("gaps", [])), warnings=list(d.get("warnings", [])), audio=d.get("audio"),
                   coach=d.get("coach"), follow_up_gap=d.get("follow_up_gap"), judge=d.get("judge"),
                   judge_call=d.get("judge_call"))

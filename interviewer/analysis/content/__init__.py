"""Content coach: what an answer says, judged by the shape a strong answer of
its kind has. Pure functions on a Transcript; no I/O, milliseconds per answer.

    analyse_content(kind, transcript, delivery=None, question=None) -> ContentResult
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ...errors import UserError
from ...model import KINDS, Finding, Question, Transcript
from .design import analyse_design, design_findings
from .followup import follow_up, gaps
from .framework import analyse_framework, framework_findings
from .mindset import mindset, mindset_findings
from .negotiation import analyse_negotiation, negotiation_findings
from .pitch import analyse_pitch, pitch_findings
from .star import analyse_star, star_findings
from .text import clauses_of, word_count
from .thinkaloud import analyse_think_aloud, think_aloud_findings

__all__ = ["ContentResult", "analyse_content"]


@dataclass
class ContentResult:
    structure: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    follow_up: Optional[str] = None
    gaps: list[str] = field(default_factory=list)  # missing parts, biggest first

    def to_dict(self) -> dict[str, Any]:
        return {"structure": self.structure, "findings": [f.to_dict() for f in self.findings],
                "follow_up": self.follow_up, "gaps": self.gaps}


def analyse_content(kind: str, transcript: Transcript, delivery: Optional[dict] = None,
                    question: Optional[Question] = None) -> ContentResult:
    if kind not in KINDS:
        raise UserError(f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
    clauses = clauses_of(transcript)
    shared = mindset(clauses)
    if kind == "behavioural":
        structure = analyse_star(clauses)
        findings = star_findings(structure, clauses[0] if clauses else None)
    elif kind == "technical":
        structure = analyse_framework(clauses, vague=shared["vague_claims"]["present"])
        findings = framework_findings(structure)
    elif kind == "system-design":
        structure = analyse_design(clauses)
        findings = design_findings(structure)
    elif kind == "coding":
        structure = analyse_think_aloud(clauses, delivery)
        findings = think_aloud_findings(structure)
    elif kind == "phone-screen":
        structure = analyse_pitch(clauses, word_count(transcript), delivery)
        findings = pitch_findings(structure)
    else:
        structure = analyse_negotiation(clauses)
        findings = negotiation_findings(structure)
    structure.update(shared)
    # Coding reports clarifying questions under think_aloud already.
    findings += [f for f in mindset_findings(shared, delivery) if not (kind == "coding" and f.code == "clarify.asked")]
    for f in findings:
        if not f.evidence and clauses:
            _point_at_answer(f, clauses)
    return ContentResult(structure, findings, follow_up(kind, structure, question), gaps(kind, structure))


_ENDINGS = ("result", "tradeoff", "testing", "next", "failure", "levers", "anchor", "complexity")


def _point_at_answer(f: Finding, clauses: list) -> None:
    """A missing part has no quote of its own: point at where it belonged, the end or the start."""
    if f.start is not None:  # already timed (e.g. a silence): quote what was said just before
        timed = [c for c in clauses if c.start is not None and c.start <= f.start]
        f.evidence = (timed[-1] if timed else clauses[0]).quote()
        return
    clause = clauses[-1] if any(word in f.code for word in _ENDINGS) else clauses[0]
    f.evidence, f.start = clause.quote(), clause.start

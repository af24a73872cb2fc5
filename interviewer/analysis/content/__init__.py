"""Content coach: what an answer says, judged by the shape a strong answer of
its round has. Pure functions on a Transcript; no I/O, milliseconds per answer.

    analyse_content(round, transcript, delivery, question) -> ContentResult

Each round's analyser is looked up by name; what its parts are called, which
follow-up probes them and where a missing one belongs come from the round registry.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from ...errors import UserError
from ...model import Finding, Question, Transcript
from ...result import Delivery
from ...rounds import Round, get_round
from .design import analyse_design, design_findings
from .framework import analyse_framework, framework_findings
from .mindset import mindset, mindset_findings
from .negotiation import analyse_negotiation, negotiation_findings
from .pitch import analyse_pitch, pitch_findings
from .star import analyse_star, star_findings
from .text import Clause, clauses_of
from .thinkaloud import analyse_think_aloud, think_aloud_findings

__all__ = ["ContentResult", "JUDGES", "analyse_content"]


@dataclass
class Facts:
    """What every round's analyser may read: the clauses, the delivery figures, the shared mindset parts."""
    clauses: list[Clause]
    delivery: Delivery
    shared: dict
    round: Round


Analyser = tuple[Callable[[Facts], dict], Callable[[dict, Facts], list[Finding]]]
ANALYSERS: dict[str, Analyser] = {
    "behavioural": (lambda f: analyse_star(f.clauses),
                    lambda s, f: star_findings(s, f.clauses[0] if f.clauses else None)),
    "technical": (lambda f: analyse_framework(f.clauses, vague=f.shared["vague_claims"]["present"]),
                  lambda s, f: framework_findings(s)),
    "system-design": (lambda f: analyse_design(f.clauses, f.shared["clarifying_questions"], f.round.phases),
                      lambda s, f: design_findings(s)),
    "coding": (lambda f: analyse_think_aloud(f.clauses, f.delivery, f.shared["clarifying_questions"]),
               lambda s, f: think_aloud_findings(s)),
    "phone-screen": (lambda f: analyse_pitch(f.clauses, f.delivery), lambda s, f: pitch_findings(s)),
    "negotiation": (lambda f: analyse_negotiation(f.clauses), lambda s, f: negotiation_findings(s)),
}


@dataclass
class ContentResult:
    structure: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    follow_up: Optional[str] = None
    gaps: list[str] = field(default_factory=list)  # missing parts, biggest first
    judge: str = "rules"                            # which judge decided the parts


JUDGES = ("learned", "rules", "llm")
DEFAULT_JUDGE = "learned"
Verdicts = dict  # part path -> (present, quote, start): a language model's verdicts, already checked


def analyse_content(rnd: Round | str, transcript: Transcript, delivery: Optional[Delivery] = None,
                    question: Optional[Question] = None, judge: Optional[str] = None,
                    verdicts: Optional[Verdicts] = None) -> ContentResult:
    """`rnd`: a Round or its name; `delivery`: None for a typed answer with no timings.
    `judge`: "learned" (default: the trained judge decides each part, interviewer/judge), "rules" (the
    phrase rules) or "llm" (`verdicts` from a language model decide the parts it was asked about, on
    top of the learned judge). The rules always build the structure; a judge then overrides
    `present`, `evidence` and `start` of the parts it decides."""
    rnd = get_round(rnd) if isinstance(rnd, str) else rnd
    delivery = delivery or Delivery(word_count=len(transcript.words))
    clauses = clauses_of(transcript)
    facts = Facts(clauses, delivery, mindset(clauses), rnd)
    build, find_in = ANALYSERS[rnd.name]
    structure = build(facts)
    structure.update(facts.shared)  # the same dicts: a verdict written into one is seen by both
    judge = judge or DEFAULT_JUDGE
    if judge not in JUDGES:
        raise UserError(f"unknown judge {judge!r}: choose one of {', '.join(JUDGES)}")
    if judge in ("learned", "llm") and clauses:
        from ...judge import apply
        apply(rnd.name, clauses, structure)
    if judge == "llm" and verdicts:
        _write_llm(structure, verdicts)
    findings = find_in(structure, facts)  # findings come from the decided structure
    findings += mindset_findings(facts.shared, delivery, len(clauses))
    for f in findings:
        if not f.evidence and clauses:
            _point_at_answer(f, clauses, rnd)
    gaps = rnd.gaps(structure)
    return ContentResult(structure, findings, follow_up_for(rnd, gaps, question), gaps, judge)


def _write_llm(structure: dict, verdicts: Verdicts) -> None:
    """The model's verdicts, kept consistent as the other judges are (no STAR credit for a hypothetical)."""
    from ...judge import gate, write_verdict

    gated = gate({path: v[0] for path, v in verdicts.items()})
    for path, (present, quote, start) in verdicts.items():
        keep = present and gated[path]
        write_verdict(structure, path, keep, quote if keep else "", start if keep else None)


def follow_up_for(rnd: Round, gaps: list[str], question: Optional[Question] = None) -> Optional[str]:
    """The one question that probes the biggest gap: the question's own wording, else the registry's."""
    if not gaps:
        return None
    own = question.follow_ups if question else {}
    gap = gaps[0]
    if gap == "quantified" and gap not in own:
        gap = "result" if "result" in own else gap
    return own.get(gap) or rnd.part(gaps[0]).follow_up


def _point_at_answer(f: Finding, clauses: list[Clause], rnd: Round) -> None:
    """A missing part has no quote of its own: point at where it belonged, the end or the start."""
    if f.start is not None:  # already timed (e.g. a silence): quote what was said just before
        timed = [c for c in clauses if c.start is not None and c.start <= f.start]
        f.evidence = (timed[-1] if timed else clauses[0]).quote()
        return
    part = rnd.part_for_code(f.code)
    clause = clauses[-1] if part is not None and part.at_end else clauses[0]
    f.evidence, f.start = clause.quote(), clause.start

"""What the learned judge decides: each label, the rounds it is judged in, and where its verdict
sits in the analysis structure. Pure data; no heavy imports."""
from __future__ import annotations

from dataclasses import dataclass

from ..analysis.content.negotiation import LEVERS

DESIGN_ROUNDS = ("technical", "system-design", "coding")


@dataclass(frozen=True)
class Label:
    name: str                 # as the sentence corpus names it (tests/corpus/sentences/LABELS.md)
    kinds: tuple[str, ...]    # the rounds it is judged in
    path: str                 # where the rules' verdict sits in the structure ("star.result")
    answer: bool = False      # an answer-level label: every sentence carries the answer's value
    learnable: bool = True    # False: only the rules judge it (a list, or a count the rules make exactly)
    lever: str = ""           # a lever head: is this one lever among the answer's levers (see LEVER_HEADS)

    @property
    def agg(self) -> str:
        """How clause probabilities pool to the answer: the mean for an answer-level flag, else the best clause."""
        return "mean" if self.answer else "max"


LABELS: tuple[Label, ...] = (
    Label("star.situation", ("behavioural",), "star.situation"),
    Label("star.task", ("behavioural",), "star.task"),
    Label("star.action", ("behavioural",), "star.action"),
    Label("star.result", ("behavioural",), "star.result"),
    Label("quantified_result", ("behavioural",), "quantified_result"),
    Label("hypothetical", ("behavioural",), "hypothetical", answer=True),
    Label("ownership_we_over_i", ("behavioural",), "ownership.we_over_i", answer=True),
    Label("framework.what", ("technical",), "framework.what"),
    Label("framework.when", ("technical",), "framework.when"),
    Label("framework.why", ("technical",), "framework.why"),
    Label("framework.tradeoff", ("technical",), "framework.tradeoff"),
    Label("design.requirements", ("system-design",), "design.requirements"),
    Label("design.estimation", ("system-design",), "design.estimation"),
    Label("design.high_level", ("system-design",), "design.high_level"),
    Label("design.deep_dive", ("system-design",), "design.deep_dive"),
    Label("design.tradeoffs", ("system-design",), "design.tradeoffs"),
    Label("failure_modes", ("system-design",), "failure_modes"),
    Label("over_design", ("system-design",), "over_design"),
    Label("think_aloud.clarifying_questions", ("coding",), "think_aloud.clarifying_questions"),
    Label("think_aloud.complexity", ("coding",), "think_aloud.complexity"),
    Label("think_aloud.testing", ("coding",), "think_aloud.testing"),
    Label("brute_force_first", ("coding",), "brute_force_first"),
    Label("opinion", DESIGN_ROUNDS, "opinion"),
    Label("honest_gap", DESIGN_ROUNDS, "honest_gap"),
    Label("vague_claim", ("technical", "system-design"), "vague_claims"),
    Label("pitch.current_role", ("phone-screen",), "pitch.current_role"),
    Label("pitch.focus", ("phone-screen",), "pitch.focus"),
    Label("pitch.next", ("phone-screen",), "pitch.next"),
    Label("negotiation.accepted_on_spot", ("negotiation",), "negotiation.accepted_on_spot"),
    Label("negotiation.asked_for_time", ("negotiation",), "negotiation.asked_for_time"),
    Label("negotiation.anchored", ("negotiation",), "negotiation.anchored"),
    Label("negotiation.anchor_researched", ("negotiation",), "negotiation.anchor_researched"),
    Label("negotiation.weak_ask", ("negotiation",), "negotiation.weak_ask"),
    Label("levers", ("negotiation",), "negotiation.levers", answer=True, learnable=False),
)
BY_NAME = {lab.name: lab for lab in LABELS}

# The levers a negotiation answer can raise: the rules' (analysis/content/negotiation.py), in their order.
# The `levers` label is a list, so the learned judge decides it one lever at a time: a head per lever,
# trained on the answers whose levers list holds it (its clause targets: train.prepare), and the list is
# the heads that fire. The heads are not scored on their own: accuracy counts the list, right only when
# every lever in it is.
LEVER_NAMES = tuple(LEVERS)
LEVER_HEADS: tuple[Label, ...] = tuple(Label(f"levers.{name}", ("negotiation",), "negotiation.levers", lever=name)
                                       for name in LEVER_NAMES)


def labels_for(kind: str) -> list[Label]:
    return [lab for lab in LABELS if kind in lab.kinds]


def heads_for(kind: str) -> list[Label]:
    """What the learned judge decides in this round: the learnable labels and the lever heads."""
    return [lab for lab in LABELS + LEVER_HEADS if kind in lab.kinds and lab.learnable]


def rule_verdict(structure: dict, label: Label):
    """The rules' verdict for a label from an analysis structure (a bool, or the levers list)."""
    node = structure
    for key in label.path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if label.lever:
        return label.lever in node
    if label.name == "levers":
        return sorted(node)
    return bool(node["present"]) if isinstance(node, dict) else bool(node)

"""The learned content judge: decides which parts an answer carries, sentence (clause) by sentence.

    decide(kind, clauses, structure) -> {label: verdict}; apply(...) writes them into the structure

Features: interviewer/judge/features.py; weights: interviewer/data/judge.npz (`make train`,
interviewer/judge/train.py); inference is numpy only. Which labels it decides, and which stay
with the phrase rules, is stored in the weights file (picked by leave-one-author-out).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

__all__ = ["Verdict", "apply", "decide", "gate", "label_verdict", "write_verdict"]


@dataclass
class Verdict:
    present: bool
    score: float          # the answer-level probability the threshold was applied to
    clause: int           # index of the clause with the highest probability (the evidence)
    threshold: float


def gate(verdicts: dict) -> dict:
    """Consistency the rules keep too: a hypothetical answer tells no STAR story; a quantified result needs
    a result; a researched anchor needs an anchor. `verdicts`: label -> bool."""
    v = dict(verdicts)
    if v.get("hypothetical"):
        for k in ("star.situation", "star.task", "star.action", "star.result", "quantified_result"):
            if k in v:
                v[k] = False
    if "quantified_result" in v and v.get("star.result") is False:
        v["quantified_result"] = False
    if "negotiation.anchor_researched" in v and v.get("negotiation.anchored") is False:
        v["negotiation.anchor_researched"] = False
    return v


def needs_action_first(name: str, present: bool, rule, best_after: bool) -> bool:
    """A result is how the story turned out: when the rules found none and the learned judge's best clause
    comes before the first action ("our deploys took two hours" as scene-setting), no result credit."""
    if name == "star.result" and present and not rule and not best_after:
        return False
    return present


def label_verdict(m, probs, rule, after) -> tuple[bool, float, int]:
    """One label's verdict from its clause probabilities, before the gate: (present, answer-level score, best
    clause). The run time (`decide`) and the cross-validation (`train.predict`) both call it, so the measured
    figures are those of the shipped rule."""
    score = m.score(probs, rule, after)
    best = int(probs.argmax())
    return needs_action_first(m.name, score >= m.threshold, rule, bool(after[best])), score, best


def decide(kind: str, clauses: list, structure: dict, model=None) -> dict[str, Verdict]:
    """The learned verdicts for the labels the model decides in this round; `structure` holds the rules'."""
    from .features import after_action, featurise, grams
    from .labels import heads_for, labels_for, rule_verdict
    from .model import load_model

    model = model or load_model()
    if not clauses:
        return {}
    X = featurise(clauses, kind, structure)
    G = grams([c.words for c in clauses])
    after = after_action(X)
    out: dict[str, Verdict] = {}
    for lab in heads_for(kind):
        m = model.labels.get(lab.name)
        if m is None or m.use != "learned":
            continue
        present, score, best = label_verdict(m, m.clause_probs(X, G), rule_verdict(structure, lab), after)
        out[lab.name] = Verdict(present, round(score, 3), best, round(m.threshold, 3))
    every = {lab.name: rule_verdict(structure, lab) for lab in labels_for(kind) if lab.learnable}
    every.update({k: v.present for k, v in out.items()})
    gated = gate(every)
    for k, v in out.items():
        v.present = bool(gated[k])
    for k in gated:  # a rule-decided part the gate turns off (e.g. quantified without a learned result)
        if k not in out and every[k] and not gated[k]:
            out[k] = Verdict(False, 0.0, 0, 0.0)
    return out


def apply(kind: str, clauses: list, structure: dict, model=None) -> dict[str, Verdict]:
    """Write the learned verdicts into the structure at each part's path: `present`, `evidence`, `start`
    (the highest-probability clause) and a new `score`; the shape is otherwise unchanged. The lever
    heads rewrite the levers list."""
    from .labels import BY_NAME, LEVER_HEADS
    from .units import units_of

    clauses = units_of(clauses)  # the pieces the judge scores and quotes (run-on clauses cut shorter)
    verdicts = decide(kind, clauses, structure, model)
    heads = [(lab.lever, verdicts[lab.name]) for lab in LEVER_HEADS if lab.name in verdicts]
    if heads:
        write_levers(structure, clauses, heads)
    for name, v in verdicts.items():
        if name not in BY_NAME:  # a lever head: written above
            continue
        clause = clauses[v.clause] if clauses else None
        quote = clause.quote() if (v.present and clause is not None) else ""
        start = clause.start if (v.present and clause is not None) else None
        write_verdict(structure, BY_NAME[name].path, v.present, quote, start, v.score)
    return verdicts


def write_levers(structure: dict, clauses: list, heads: list) -> None:
    """The levers the heads found, in the rules' order; each keeps the rules' evidence when the rules
    found it too (the exact words), else the clause the head scored highest."""
    node = structure["negotiation"]
    old = node.get("lever_evidence", {})
    node["levers"] = [lever for lever, v in heads if v.present]
    node["lever_evidence"] = {
        lever: old[lever] if lever in old else
        {"present": True, "evidence": clauses[v.clause].quote(), "start": clauses[v.clause].start}
        for lever, v in heads if v.present}


def write_verdict(structure: dict, path: str, present: bool, quote: str, start: Optional[float],
                  score: Optional[float] = None) -> None:
    """One judge's verdict on one part, at its path: a part node gets `present`, `evidence`, `start`
    (and `score`); a plain flag such as `hypothetical` is set, with the quote kept beside it."""
    keys = path.split(".")
    parent = structure
    for key in keys[:-1]:
        parent = parent.setdefault(key, {})
    node = parent.get(keys[-1])
    if isinstance(node, dict):
        node.update(present=present, evidence=quote, start=start)
        if score is not None:
            node["score"] = score
    else:
        parent[keys[-1]] = present
        if path == "quantified_result":
            structure["quantified_evidence"] = quote


def quote_of(clauses: list, index: int) -> Optional[str]:
    return clauses[index].quote() if 0 <= index < len(clauses) else None

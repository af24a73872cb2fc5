"""The round registry: every round's parts, targets and turn-taking, read from prompts/rounds.yaml.

This is the one place a round is defined and the one place an unknown round is refused,
so `analyse --kind`, `practice --round`, the banks and the coach all agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from .errors import UserError
from .resources import prompts_dir


@dataclass(frozen=True)
class Part:
    """One part a strong answer has; its gap is open when the part is missing."""
    key: str
    path: str                  # where its verdict sits in the analysis structure
    name: str                  # as feedback names it
    follow_up: str             # the default question that probes it
    absent: bool = False       # the gap is the verdict being true (e.g. a hypothetical answer)
    only: bool = False         # when open, the only gap worth reporting
    needs: Optional[str] = None
    at_end: bool = False       # missing, it belongs at the end of the answer
    spoken: Optional[str] = None
    min_items: int = 1         # for list verdicts
    codes: tuple = ()          # finding codes about this part that do not name its key

    def verdict(self, structure: dict) -> Any:
        node: Any = structure
        for key in self.path.split("."):
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        if isinstance(node, dict):
            node = node.get("present", node.get("we_over_i"))
        return node

    def present(self, structure: dict) -> bool:
        """Whether the answer itself carries this part (for `absent` parts: whether it avoided the fault)."""
        v = self.verdict(structure)
        has = len(v) >= self.min_items if isinstance(v, list) else bool(v)
        return not has if self.absent else has


@dataclass(frozen=True)
class Endpointing:
    """When an answer ends. end_silence_s None: silence never ends it (thinking-aloud rounds)."""
    end_silence_s: Optional[float] = 5.0
    settle_s: float = 2.0            # silence that ends an answer that is complete
    max_answer_s: float = 300.0
    start_timeout_s: float = 20.0
    nudge_after_s: Optional[float] = None
    nudge_cooldown_s: float = 30.0


@dataclass(frozen=True)
class Round:
    name: str
    title: str
    target_s: tuple[float, float]
    parts: tuple[Part, ...]
    endpointing: Endpointing
    phases: dict = field(default_factory=dict)   # phase -> budget in minutes (system design)
    bank_only: bool = False
    complete_when: tuple = ()  # parts the live transcript needs before a short silence ends the answer
    complete_judged_by: tuple = ("learned",)  # every judge named must find them (turns.has_what_it_needs)

    def part(self, key: str) -> Part:
        for p in self.parts + _common():
            if p.key == key:
                return p
        raise KeyError(key)

    def part_for_code(self, code: str) -> Optional[Part]:
        """The part a finding is about: named in a part's `codes`, or its key is a segment of the code."""
        everyone = self.parts + _common()
        named = next((p for p in everyone if code in p.codes), None)
        segments = code.split(".")[1:]
        return named or next((p for p in everyone if p.key in segments), None)

    def gaps(self, structure: dict) -> list[str]:
        """Missing parts, biggest first."""
        open_ = []
        for p in _common() + self.parts:
            if p.needs and not self.part(p.needs).present(structure):
                continue
            if p.verdict(structure) is not None and not p.present(structure):
                if p.only:
                    return [p.key]
                open_.append(p.key)
        return open_


def _part(key: str, d: dict) -> Part:
    return Part(key=key, **{**d, "codes": tuple(d.get("codes", ()))})


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Round], tuple[Part, ...]]:
    import yaml

    data = yaml.safe_load((prompts_dir() / "rounds.yaml").read_text(encoding="utf-8"))
    common = tuple(_part(k, v) for k, v in (data.get("common_parts") or {}).items())
    rounds = {}
    for name, r in data["rounds"].items():
        rounds[name] = Round(name=name, title=r["title"], target_s=tuple(float(x) for x in r["target_s"]),
                             parts=tuple(_part(k, v) for k, v in (r.get("parts") or {}).items()),
                             endpointing=Endpointing(**r.get("endpointing", {})),
                             phases=dict(r.get("phases") or {}), bank_only=bool(r.get("bank_only")),
                             complete_when=tuple(r.get("complete_when") or ()),
                             complete_judged_by=tuple(r.get("complete_judged_by") or ("learned",)))
    return rounds, common


def _common() -> tuple[Part, ...]:
    return _load()[1]


def round_names(analysed: bool = True) -> list[str]:
    """The rounds an answer can be analysed as; with analysed=False also the bank-only ones."""
    return [n for n, r in _load()[0].items() if not (analysed and r.bank_only)]


def get_round(name: str, analysed: bool = True) -> Round:
    """The round called `name`, or one message, the same everywhere, listing the valid ones."""
    rounds = _load()[0]
    if name not in round_names(analysed):
        raise UserError(f"unknown round {name!r}: choose one of {', '.join(round_names(analysed))}")
    return rounds[name]

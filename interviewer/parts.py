"""The named parts of an answer's structure (STAR, framework, design phases, ...), read from the JSON.

Every kind's analysis.structure holds one group of part nodes, each with `present`
and usually `evidence` and `start`. The report colours them and progress counts
them, so both read them here, from the JSON contract alone.
"""
from __future__ import annotations

# Nodes that are present when the answer went wrong: not parts to cover.
NEGATIVE = {"accepted_on_spot", "weak_ask"}


def part_nodes(structure: dict | None) -> list[tuple[str, str, dict]]:
    """(group, part, node) for each part node, in the analysis's order."""
    out = []
    for group, value in (structure or {}).items():
        if not isinstance(value, dict):
            continue
        nodes = [(k, v) for k, v in value.items() if isinstance(v, dict) and "present" in v and k not in NEGATIVE]
        # A group is a dict of part nodes; single nodes such as "opinion" hold plain values instead.
        out += [(group, k, v) for k, v in nodes]
    return out


def parts_covered(kind: str | None, structure: dict | None) -> float | None:
    """Fraction of the round's parts (from the registry) the answer carries; None when it has none."""
    from .errors import UserError
    from .rounds import get_round

    try:
        parts = [p for p in get_round(kind or "").parts if p.verdict(structure or {}) is not None]
    except UserError:  # a round this version no longer knows: no figure rather than a wrong one
        return None
    return round(sum(p.present(structure) for p in parts) / len(parts), 3) if parts else None


def label(part: str) -> str:
    return part.replace("_", " ").replace("-", " ").capitalize()

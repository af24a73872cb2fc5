"""Question banks: the built-in YAML files in prompts/ plus any the user adds
with --bank. A malformed file is reported by name, line and problem."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml

from .errors import UserError
from .model import Question
from .resources import prompts_dir
from .rounds import get_round, round_names

REGISTRY = "rounds.yaml"  # lives beside the banks but is not one
NOT_BANKS = {REGISTRY, "nudges.yaml"}  # the registry and what the interviewer says live
FIELDS = {"id", "round", "text", "tags", "target_s", "points", "follow_ups"}


def load_bank(extra_files: Optional[list[Path]] = None) -> list[Question]:
    """Every built-in question, then the user's; a user question replaces a built-in with its id."""
    by_id: dict[str, Question] = {}
    builtin = sorted(p for p in prompts_dir().glob("*.yaml") if p.name not in NOT_BANKS)
    if not builtin:
        raise UserError(f"no question banks found in {prompts_dir()}: the installation is incomplete; reinstall interviewer")
    for path in builtin + [Path(p) for p in extra_files or []]:
        for q in load_file(path):
            by_id[q.id] = q
    return list(by_id.values())


def questions_for(round: Optional[str] = None, tags: Optional[list[str]] = None,
                  extra_files: Optional[list[Path]] = None) -> list[Question]:
    """The questions of one round (None: every round), optionally with one of `tags`; never empty."""
    if round is not None:
        get_round(round, analysed=False)
    wanted = set(tags or [])
    found = [q for q in load_bank(extra_files)
             if (round is None or q.round == round) and (not wanted or wanted & set(q.tags))]
    if not found:
        which = " ".join(x for x in (f"round {round!r}" if round else "", f"tag(s) {', '.join(sorted(wanted))}"
                                     if wanted else "") if x)
        raise UserError(f"no questions found for {which or 'any round'}: check `interviewer questions`")
    return found


def load_file(path: Path) -> list[Question]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise UserError(f"{path}: cannot read question bank ({e.strerror})") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "unknown line"
        raise UserError(f"{path}: {where}: {getattr(e, 'problem', None) or e}") from None
    if data is None:
        return []
    default_round, default_target = None, None
    items, nodes = data, root
    if isinstance(data, dict):
        unknown = set(data) - {"round", "target_s", "questions"}
        if unknown or "questions" not in data:
            problem = f"unknown key {sorted(unknown)[0]!r}" if unknown else "no 'questions' list"
            raise UserError(f"{path}: line 1: {problem}")
        default_round, default_target = data.get("round"), data.get("target_s")
        items = data["questions"]
        nodes = next(v for k, v in root.value if k.value == "questions")
    if not isinstance(items, list):
        raise UserError(f"{path}: line {nodes.start_mark.line + 1}: 'questions' must be a list")
    seen: set[str] = set()
    out = []
    for item, node in zip(items, nodes.value):
        line = node.start_mark.line + 1
        q = _question(item, default_round, default_target, f"{path}: line {line}")
        if q.id in seen:
            raise UserError(f"{path}: line {line}: duplicate question id {q.id!r}")
        seen.add(q.id)
        out.append(q)
    return out


def _question(item: Any, default_round: Any, default_target: Any, where: str) -> Question:
    if not isinstance(item, dict):
        raise UserError(f"{where}: each question must be a mapping with id and text")
    unknown = set(item) - FIELDS
    if unknown:
        raise UserError(f"{where}: unknown field {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(FIELDS))})")
    for key in ("id", "text"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise UserError(f"{where}: question is missing '{key}'")
    round_ = item.get("round", default_round)
    if round_ not in round_names(analysed=False):
        raise UserError(f"{where}: question {item['id']!r} has round {round_!r}; "
                        f"choose one of {', '.join(round_names(analysed=False))}")
    target = item.get("target_s", default_target) or get_round(round_, analysed=False).target_s
    if (not isinstance(target, (list, tuple)) or len(target) != 2
            or not all(isinstance(x, (int, float)) for x in target) or target[0] > target[1]):
        raise UserError(f"{where}: target_s must be [low, high] in seconds")
    tags, points, follow_ups = item.get("tags", []), item.get("points", []), item.get("follow_ups", {}) or {}
    for name, value in (("tags", tags), ("points", points)):
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise UserError(f"{where}: {name} must be a list of strings")
    if not isinstance(follow_ups, dict) or not all(isinstance(v, str) for v in follow_ups.values()):
        raise UserError(f"{where}: follow_ups must map a missing part (e.g. result) to a question")
    return Question(item["id"], round_, " ".join(item["text"].split()), list(tags),
                    (float(target[0]), float(target[1])), list(points), {str(k): v for k, v in follow_ups.items()})

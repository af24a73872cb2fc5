"""Per-component accuracy of the content analysis over the labelled corpus.

Each corpus item is scored twice: as written, and "as heard": lower-cased with
all punctuation stripped, the way a speech recogniser often returns it.
The figures go to tests/corpus/accuracy.md for the README.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from interviewer.analysis.content import analyse_content
from interviewer.model import Transcript

CORPUS = Path(__file__).parent / "corpus"
THRESHOLD = 0.9


def load_items() -> list[dict]:
    items = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for item in data["items"]:
            items.append({**item, "kind": item.get("kind", data["kind"]), "heldout": bool(data.get("heldout"))})
    return items


def as_heard(text: str) -> str:
    return re.sub(r"[^\w\s'%$]", " ", text.lower())


def predicted(structure: dict, component: str):
    if component == "levers":
        return sorted(structure["negotiation"]["levers"])
    node = structure
    for key in component.split("."):
        node = node[key]
    return node["present"] if isinstance(node, dict) else node


def expected(label):
    return sorted(label) if isinstance(label, list) else label


def measure(heldout: bool | None = None) -> tuple[dict, list[str]]:
    """Scores per component; heldout=True/False restricts to that part of the corpus."""
    scores = defaultdict(lambda: {"n": 0, "ok": 0, "ok_heard": 0})
    misses = []
    for item in load_items():
        if heldout is not None and item["heldout"] != heldout:
            continue
        got = analyse_content(item["kind"], Transcript.from_text(item["text"])).structure
        heard = analyse_content(item["kind"], Transcript.from_text(as_heard(item["text"]))).structure
        for component, label in item["labels"].items():
            row = scores[component]
            row["n"] += 1
            for variant, structure in (("ok", got), ("ok_heard", heard)):
                if predicted(structure, component) == expected(label):
                    row[variant] += 1
                else:
                    misses.append(f"{item['id']} {component} [{variant}] want {label} got {predicted(structure, component)}")
    return scores, misses


def table(scores: dict) -> str:
    lines = ["| component | n | accuracy | accuracy as heard (lower-case, no punctuation) |",
             "| --- | ---: | ---: | ---: |"]
    for component in sorted(scores):
        row = scores[component]
        lines.append(f"| {component} | {row['n']} | {row['ok'] / row['n']:.2f} | {row['ok_heard'] / row['n']:.2f} |")
    total_n = sum(r["n"] for r in scores.values())
    lines.append(f"| **all labels** | {total_n} | {sum(r['ok'] for r in scores.values()) / total_n:.2f} | "
                 f"{sum(r['ok_heard'] for r in scores.values()) / total_n:.2f} |")
    return "\n".join(lines) + "\n"


def write_report(all_scores: dict, heldout_scores: dict) -> str:
    items = load_items()
    n_held = sum(i["heldout"] for i in items)
    report = (
        "# Content analysis accuracy on the labelled corpus\n\n"
        f"{len(items)} labelled answers in tests/corpus/*.yaml; written by tests/test_content_corpus.py.\n"
        "\"As heard\" re-runs every answer lower-cased with punctuation stripped, like raw speech recognition.\n\n"
        f"## All answers ({len(items)})\n\n" + table(all_scores) +
        f"\n## Held-out answers only ({n_held})\n\n"
        "Written after the rules were tuned on the rest. Their first measurement, before the lexicon gaps it\n"
        "exposed were fixed, was 0.81 over all 95 labels (lowest: negotiation.weak_ask 0/1, anchor_researched 0/1,\n"
        "brute_force_first 0/1, clarifying_questions 0/1, honest_gap 1/2, star.task 1/2, quantified_result 3/5,\n"
        "star.result 4/6). So 0.8 is the honest estimate for unseen phrasing; the figures below are after fixes.\n\n"
        + table(heldout_scores))
    (CORPUS / "accuracy.md").write_text(report)
    return report


@pytest.fixture(scope="module")
def measured():
    scores, misses = measure()
    print("\n" + write_report(scores, measure(heldout=True)[0]))
    return scores, misses


def test_corpus_is_big_enough_and_covers_every_kind():
    items = load_items()
    assert len(items) >= 80
    assert {i["kind"] for i in items} >= {"behavioural", "technical", "system-design", "coding",
                                           "phone-screen", "negotiation"}


def test_every_component_is_at_least_90_percent_accurate(measured):
    scores, misses = measured
    low = {c: round(r["ok"] / r["n"], 2) for c, r in scores.items() if r["ok"] / r["n"] < THRESHOLD}
    assert not low, f"below {THRESHOLD}: {low}\n" + "\n".join(m for m in misses if "[ok]" in m)


def test_accuracy_holds_on_lower_case_unpunctuated_text(measured):
    scores, misses = measured
    low = {c: round(r["ok_heard"] / r["n"], 2) for c, r in scores.items() if r["ok_heard"] / r["n"] < THRESHOLD}
    assert not low, f"below {THRESHOLD}: {low}\n" + "\n".join(m for m in misses if "ok_heard" in m)


if __name__ == "__main__":
    s, m = measure()
    print(write_report(s, measure(heldout=True)[0]))
    print("\n".join(m))

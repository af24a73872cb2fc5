"""Per-component accuracy of the content analysis over the labelled corpus.

Each corpus item is scored twice: as written, and "as heard": lower-cased with
all punctuation stripped, the way a speech recogniser often returns it.
`make accuracy` writes the figures to tests/corpus/accuracy.md for the README; a test run writes nothing.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from interviewer.analysis.content import analyse_content
from interviewer.judge.report import value_at
from interviewer.model import Transcript

CORPUS = Path(__file__).parent / "corpus"
THRESHOLD = 0.9


def load_items() -> list[dict]:
    items = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for item in data["items"]:
            items.append({**item, "kind": item.get("kind", data.get("kind")), "heldout": bool(data.get("heldout")),
                          "blind": bool(data.get("blind"))})
    return items


def as_heard(text: str) -> str:
    return re.sub(r"[^\w\s'%$]", " ", text.lower())


predicted = value_at  # the verdict at a component's path, read the way the judge's report reads it


def expected(label):
    return sorted(label) if isinstance(label, list) else label


def measure(part: str = "tuned") -> tuple[dict, list[str]]:
    """Scores per component over the development set ("tuned"), or only its "heldout" answers
    (written after tuning, then used to fix gaps). The blind files are scored by measure_file."""
    scores = defaultdict(lambda: {"n": 0, "ok": 0, "ok_heard": 0})
    misses = []
    for item in load_items():
        if item["blind"] or (part == "heldout" and not item["heldout"]):
            continue
        got = analyse_content(item["kind"], Transcript.from_text(item["text"]), judge="rules").structure
        heard = analyse_content(item["kind"], Transcript.from_text(as_heard(item["text"])), judge="rules").structure
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


BLIND_NOTES = {
    "blind.yaml": "Written by a separate author who never saw the rules. Measured once as written (0.87 over 226 labels, "
                  "0.86 as heard); its misses then guided general rule fixes, so it is no longer blind.",
    "blind2.yaml": "A second set by a separate author who saw neither the rules nor the other sets, measured only "
                   "after those fixes and never used for tuning: the honest figure for unseen phrasing.",
}


def measure_file(name: str) -> dict:
    """Scores over one blind file."""
    scores = defaultdict(lambda: {"n": 0, "ok": 0, "ok_heard": 0})
    data = yaml.safe_load((CORPUS / name).read_text())
    for item in data["items"]:
        got = analyse_content(item["kind"], Transcript.from_text(item["text"]), judge="rules").structure
        heard = analyse_content(item["kind"], Transcript.from_text(as_heard(item["text"])), judge="rules").structure
        for component, label in item["labels"].items():
            row = scores[component]
            row["n"] += 1
            row["ok"] += predicted(got, component) == expected(label)
            row["ok_heard"] += predicted(heard, component) == expected(label)
    return scores


def write_report(all_scores: dict, heldout_scores: dict) -> str:
    items = [i for i in load_items() if not i["blind"]]
    n_held = sum(i["heldout"] for i in items)
    report = (
        "# Content analysis accuracy on the labelled corpus\n\n"
        "Written by tests/test_content_corpus.py. \"As heard\" re-runs every answer lower-cased with punctuation\n"
        "stripped, like raw speech recognition.\n\n"
        f"## Development set: {len(items)} answers the rules were tuned on\n\n" + table(all_scores) +
        f"\n## Held-out answers inside it ({n_held})\n\n"
        "Written after the rules were tuned on the rest. Their first measurement, before the lexicon gaps it\n"
        "exposed were fixed, was 0.81 over all 95 labels; the figures below are after those fixes.\n\n"
        + table(heldout_scores))
    for name, note in BLIND_NOTES.items():
        if (CORPUS / name).exists():
            n = len(yaml.safe_load((CORPUS / name).read_text())["items"])
            report += f"\n## {name}: {n} answers\n\n{note}\n\n" + table(measure_file(name))
    return report


@pytest.fixture(scope="module")
def measured():
    return measure()


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




def test_unseen_phrasing_stays_above_90_percent_overall():
    """blind2.yaml was never used for tuning: its overall figure is the honest one (0.92 when first measured)."""
    scores = measure_file("blind2.yaml")
    n = sum(r["n"] for r in scores.values())
    assert sum(r["ok"] for r in scores.values()) / n >= THRESHOLD
    assert sum(r["ok_heard"] for r in scores.values()) / n >= THRESHOLD


if __name__ == "__main__":  # `make accuracy`
    s, m = measure()
    (CORPUS / "accuracy.md").write_text(write_report(s, measure("heldout")[0]))
    print("\n".join(m))

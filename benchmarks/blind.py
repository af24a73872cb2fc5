"""Score a sentence-labelled answer file through the product's own path (analyse_content), once.

    python benchmarks/blind.py tests/corpus/sentences/blind-final.yaml

For a blind set written after the judge was trained: every answer is analysed as written and
"as heard" (lower-case, punctuation stripped), by the learned judge and by the phrase rules, and
each label's answer-level verdict is compared with the one its author's sentence labels give.
Nothing here trains or tunes; the figure it prints is the one to report.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.analysis.content import analyse_content  # noqa: E402
from interviewer.judge.labels import labels_for, rule_verdict  # noqa: E402
from interviewer.judge.train import truth_of  # noqa: E402
from interviewer.judge.features import as_heard  # noqa: E402
from interviewer.model import Transcript  # noqa: E402

JUDGES = ("learned", "rules")
FORMS = ("written", "heard")


def score(path: Path) -> dict:
    """{(judge, form): {label: [n, right]}} over every answer in `path`."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    out: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for item in items:
        truth = truth_of(item)
        text = " ".join(s["text"] for s in item["sentences"])
        for form in FORMS:
            transcript = Transcript.from_text(as_heard(text) if form == "heard" else text)
            for judge in JUDGES:
                structure = analyse_content(item["kind"], transcript, judge=judge).structure
                for lab in labels_for(item["kind"]):
                    row = out[(judge, form)][lab.name]
                    row[0] += 1
                    row[1] += rule_verdict(structure, lab) == truth[lab.name]
    return out


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    results = score(path)
    labels = sorted({lab for r in results.values() for lab in r})
    print(f"{path.name}: {len(yaml.safe_load(path.read_text())['items'])} answers\n")
    print("| label | n | " + " | ".join(f"{j} {f}" for j in JUDGES for f in FORMS) + " |")
    print("|---|---:|" + "---:|" * len(JUDGES) * len(FORMS))
    for lab in labels:
        n = results[("learned", "written")][lab][0]
        cells = [f"{results[(j, f)][lab][1] / n:.2f}" for j in JUDGES for f in FORMS]
        print(f"| {lab} | {n} | " + " | ".join(cells) + " |")
    totals = []
    for j in JUDGES:
        for f in FORMS:
            rows = results[(j, f)].values()
            totals.append(f"{sum(r[1] for r in rows) / sum(r[0] for r in rows):.3f}")
    print(f"| **all labels** | {sum(r[0] for r in results[('learned', 'written')].values())} | " + " | ".join(totals) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How often a second reader gives an answer the same parts as its author did.

    python benchmarks/agreement.py        # tests/corpus/second-reader/*.yaml against the authors' files

Each second-reader file holds answers from the corpus, labelled again sentence by sentence by a
helper that saw only the labelling guide's definitions and the text (not the author's labels, not
the judge). An answer-level part agrees when both say it is there, or both say it is not. This is
a ceiling of sorts for any judge: where two careful readers part ways, no judge can please both.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.judge.labels import labels_for  # noqa: E402
from interviewer.judge.train import SENTENCES, truth_of  # noqa: E402

READERS = ROOT / "tests" / "corpus" / "second-reader"


def authors_items() -> dict[str, dict]:
    out = {}
    for path in SENTENCES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("items") or []:
            out[item["id"]] = item
    return out


def agreement(readers: list[Path]) -> dict[str, list[int]]:
    """{label: [answers, agreed, reader only, author only]} over every answer the readers labelled, for
    the labels that follow from sentence parts (answer-level ones, such as levers, were not relabelled)."""
    by_id = authors_items()
    table: dict[str, list[int]] = {}
    for path in readers:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            author = by_id[item["id"]]
            if [s["text"] for s in author["sentences"]] != [s["text"] for s in item["sentences"]]:
                raise SystemExit(f"{path.name}: {item['id']} is not the author's text")
            theirs, ours = truth_of(author), truth_of({**author, "sentences": item["sentences"]})
            for lab in labels_for(author["kind"]):
                if lab.answer or lab.name == "levers":
                    continue
                a, b = theirs[lab.name], ours[lab.name]
                row = table.setdefault(lab.name, [0, 0, 0, 0])
                row[0] += 1
                row[1] += a == b
                row[2] += b and not a
                row[3] += a and not b
    return table


def main(argv: list[str]) -> int:
    readers = [Path(a) for a in argv] or sorted(READERS.glob("*.yaml"))
    table = agreement(readers)
    print(f"{', '.join(p.name for p in readers)}\n")
    print("| label | answers | agree | reader only | author only |")
    print("|---|---:|---:|---:|---:|")
    for label, (n, ok, rd, au) in table.items():
        print(f"| {label} | {n} | {ok / n:.2f} | {rd} | {au} |")
    n = sum(r[0] for r in table.values())
    print(f"| **all labels** | {n} | {sum(r[1] for r in table.values()) / n:.3f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How well the levers list of an offer call is found: the rules, and the learned lever heads.

    python benchmarks/levers.py          # the rules' exact lever lists over every training author's offer calls
    python benchmarks/levers.py --cv     # and the lever heads in three author-group folds (about 5 minutes)

An answer counts as right only when its whole list is (the `levers` label of `make accuracy` and
`benchmarks/blind.py`). Per lever, the answers that raised it without the list saying so (missed)
and the other way round (extra), as written. The rules' figure is over the answers their cue lists
were written from, so it is a development figure; the folds keep each author on one side.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.analysis.content import analyse_content  # noqa: E402
from interviewer.judge import train  # noqa: E402
from interviewer.judge.features import as_heard  # noqa: E402
from interviewer.judge.labels import LEVER_HEADS  # noqa: E402
from interviewer.model import Transcript  # noqa: E402


def rules() -> None:
    items = [item for item in train.load_answers()
             if item["kind"] == "negotiation" and item["form"] == "written" and item["author"] in train.AUTHORS]
    right, extra, missed = Counter(), Counter(), Counter()
    for item in items:
        truth = set(train.truth_of(item)["levers"])
        text = " ".join(s["text"] for s in item["sentences"])
        for form in ("written", "heard"):
            transcript = Transcript.from_text(as_heard(text) if form == "heard" else text)
            got = set(analyse_content("negotiation", transcript, judge="rules").structure["negotiation"]["levers"])
            right[form] += got == truth
            if form == "written":
                extra.update(got - truth)
                missed.update(truth - got)
    n = len(items)
    print(f"rules, {n} offer calls: exact lever lists {right['written'] / n:.3f} as written, "
          f"{right['heard'] / n:.3f} as heard")
    for lever in sorted(set(extra) | set(missed)):
        print(f"  {lever:16s} extra {extra[lever]:4d}  missed {missed[lever]:4d}")


def folds() -> None:
    data = train.prepare_all(log=lambda *a: None, kinds=("negotiation",))
    train.LEARNED = list(LEVER_HEADS)  # only the lever heads are fitted: they make the levers list
    results = train.leave_one_author_out(data, ["rules", "learned"], log=lambda *a: None, folds=3)
    for form, by_variant in results.items():
        cells = []
        for variant in ("rules", "learned"):
            pred, truth = by_variant[variant]["levers"]
            cells.append(f"{variant} {sum(a == b for a, b in zip(pred, truth)) / len(truth):.3f}")
        print(f"three author-group folds, {form} ({len(truth)} offer calls): " + ", ".join(cells))
        pred, truth = by_variant["learned"]["levers"]
        extra = Counter(lever for p, t in zip(pred, truth) for lever in set(p) - set(t))
        missed = Counter(lever for p, t in zip(pred, truth) for lever in set(t) - set(p))
        for lever in sorted(set(extra) | set(missed)):
            print(f"  learned {lever:16s} extra {extra[lever]:4d}  missed {missed[lever]:4d}")


if __name__ == "__main__":
    rules()
    if "--cv" in sys.argv[1:]:
        folds()

"""How often the live endpoint would end an answer too early, measured on the labelled corpus.

The live endpoint (interviewer/turns.py) lets a short silence (settle_s) end an answer once the round's
`complete_when` parts are there. Every sentence boundary of a corpus answer is a point where the
candidate might pause: the answer so far is judged as the endpoint judges it, against the truth of
whether its sentences so far carry those parts (their labels). Judging complete too early ends the
answer while the candidate is still going (what they say next is never recorded); judging it not
complete when it is only costs end_silence_s instead of settle_s.

    python -m interviewer.judge.endpoint            # all corpus files -> tests/corpus/ENDPOINT.md
    python -m interviewer.judge.endpoint FILE...     # just these files, printed
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

import yaml

from ..rounds import Round, get_round, round_names
from ..turns import judged_complete
from .labels import LABELS

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = ROOT / "tests" / "corpus" / "sentences"
REPORT = ROOT / "tests" / "corpus" / "ENDPOINT.md"
VARIANTS = ("rules", "learned", "configured")   # configured: the round's complete_judged_by
# The held-out files are the blind sets (`*-blind.yaml`): written after this judge and the choice, never
# trained on (tests/test_judge.py checks), measured once; a scored set is renamed when it joins training.
BLIND_SUFFIX = "-blind"


def prefixes(item: dict, rnd: Round) -> Iterator[tuple[str, bool]]:
    """(the answer up to and including sentence k, whether those sentences carry every needed part)."""
    names = {p.path: [lab.name for lab in LABELS if lab.path == p.path]
             for p in (rnd.part(k) for k in rnd.complete_when)}
    have: set = set()
    texts: list[str] = []
    for s in item["sentences"]:
        texts.append(s["text"])
        have.update(s.get("parts") or [])
        yield " ".join(texts), all(any(n in have for n in ns) for ns in names.values())


def measure(items: list[dict], variants=VARIANTS) -> dict:
    """round -> variant -> Counter of (truth, judged complete) over every sentence prefix. Hypothetical
    answers are left out: no prefix of them is ever complete, so they only test the hypothetical label."""
    out: dict = defaultdict(lambda: defaultdict(Counter))
    for item in items:
        if item["kind"] not in round_names() or (item.get("answer") or {}).get("hypothetical"):
            continue
        rnd = get_round(item["kind"])
        if not rnd.complete_when:
            continue
        for text, truth in prefixes(item, rnd):
            verdicts = {j: judged_complete(rnd, text, (j,)) for j in ("rules", "learned")}
            for v in variants:
                judges = rnd.complete_judged_by if v == "configured" else (v,)
                out[rnd.name][v][(truth, all(verdicts[j] for j in judges))] += 1
    return out


def rates(c: Counter) -> tuple[float, float, int, int]:
    """(too early: share of incomplete prefixes judged complete, found: share of complete ones judged
    complete, incomplete count, complete count)."""
    neg, pos = c[(False, True)] + c[(False, False)], c[(True, True)] + c[(True, False)]
    return c[(False, True)] / max(neg, 1), c[(True, True)] / max(pos, 1), neg, pos


def table(results: dict) -> str:
    lines = ["| round | judged by | prefixes not yet complete | ended too early | complete prefixes | "
             "settled after settle_s |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for name in sorted(results):
        rnd = get_round(name)
        for v in VARIANTS:
            early, found, neg, pos = rates(results[name][v])
            label = f"configured ({' + '.join(rnd.complete_judged_by)})" if v == "configured" else v
            lines.append(f"| {name} | {label} | {neg} | {early:.3f} | {pos} | {found:.3f} |")
    return "\n".join(lines)


def load(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["items"]) if isinstance(data, dict) and "items" in data else []


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        items = [it for f in argv for it in load(Path(f))]
        print(table(measure(items)))
        return 0
    files = sorted(SENTENCES.glob("*.yaml"))
    held = [f for f in files if f.stem.endswith(BLIND_SUFFIX)]
    dev = [f for f in files if f not in held]
    parts = ["# When a short silence may end an answer: the live endpoint on corpus prefixes",
             "", (__doc__ or "").split("\n\n")[1].strip(), "",
             "Written by `python -m interviewer.judge.endpoint`. The learned judge was trained on the "
             "development files (whole answers), which include B3 to B110: each round's `complete_judged_by` "
             "(prompts/rounds.yaml) was chosen after B3 to B5 had been seen and checked on B6 and B7 (the "
             "phone screen's in the fifth round, on B3 to B12), so the first table is a regression check. The "
             "blind files' authors wrote after both the choices and this judge, and they were measured once: "
             "the held-out figure.", ""]
    for title, group in (("development files", dev),
                         ("held out: blind files (" + ", ".join(f.stem for f in held) + ")", held)):
        items = [it for f in group for it in load(f)]
        parts += [f"## {title}", "", table(measure(items)), ""]
        print(parts[-2])
    REPORT.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

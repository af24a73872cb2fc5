"""Measure `--judge llm` on a sentence-labelled answer file, with replies written elsewhere.

    python benchmarks/llm_judge.py prompts FILE OUTDIR   # the exact prompt --judge llm sends, per answer
    python benchmarks/llm_judge.py score FILE REPLIES    # replay the replies, score them beside the learned judge
    python benchmarks/llm_judge.py pack REPLYDIR OUT.jsonl  # a folder of replies as one file

`prompts` writes OUTDIR/<answer id>.txt: what `LLMJudge.prompt` builds from the round, the question and
the answer as written. Nothing else is in it: no labels, no other answer. Whoever plays the model (any
OpenAI-compatible server, or a person) writes REPLYDIR/<answer id>.json with the reply exactly as the
model would return it. REPLIES is that folder, or a .jsonl file of {"id", "reply"} lines (`pack`).

`score` puts each stored reply through what `--judge llm` does with a server's reply: `parse` (strict
JSON, every part present, every quote checked against the transcript) and `analyse_content(judge="llm")`,
which leaves to the learned judge what the model is not asked (levers, "we" over "I", a named figure,
time asked for, a vague ask). The server call itself is tested against a fake server on loopback
(tests/test_llm_judge.py). Each label's answer-level verdict is compared with the author's, as
`benchmarks/blind.py` does. A missing or unusable reply counts as the offline judge's verdict, as it
would at run time, and is reported.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.analysis.content import analyse_content  # noqa: E402
from interviewer.coach.llm_judge import JudgeFailed, LLMJudge, parse  # noqa: E402
from interviewer.judge.labels import labels_for, rule_verdict  # noqa: E402
from interviewer.judge.train import truth_of  # noqa: E402
from interviewer.model import Transcript  # noqa: E402
from interviewer.rounds import get_round  # noqa: E402

MODEL = "replayed"


def _items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def _text(item: dict) -> str:
    return " ".join(s["text"] for s in item["sentences"])


def _prompter() -> LLMJudge:
    """The judge's prompt, labels and definitions, with a client that is never called (replies are stored)."""
    return LLMJudge(MODEL, base_url="http://127.0.0.1:9/v1", api_key="none")


def write_prompts(path: Path, out: Path) -> int:
    judge = _prompter()
    out.mkdir(parents=True, exist_ok=True)
    items = _items(path)
    for item in items:
        prompt = judge.prompt(get_round(item["kind"]), Transcript.from_text(_text(item)), item.get("question"))
        (out / f"{item['id']}.txt").write_text(prompt, encoding="utf-8")
    return len(items)


def read_replies(where: Path) -> dict[str, str]:
    """{answer id: reply text} from a folder of <id>.json files, or a .jsonl file of {"id", "reply"} lines."""
    if where.suffix == ".jsonl":
        rows = [json.loads(line) for line in where.read_text(encoding="utf-8").splitlines() if line.strip()]
        return {row["id"]: row["reply"] for row in rows}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(where.glob("*.json"))}


def pack_replies(folder: Path, out: Path) -> int:
    """A folder of <id>.json replies as one .jsonl file (kept in the repository beside the blind set)."""
    rows = read_replies(folder)
    out.write_text("".join(json.dumps({"id": k, "reply": v}) + "\n" for k, v in rows.items()), encoding="utf-8")
    return len(rows)


def score(path: Path, replies: Path) -> tuple[dict, list[str]]:
    """({judge: {label: [n, right]}}, notes on replies that could not be used) for the answers as written."""
    items = _items(path)
    stored = read_replies(replies)
    judge = _prompter()
    out: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    notes = []
    for item in items:
        truth = truth_of(item)
        transcript = Transcript.from_text(_text(item))
        rnd = get_round(item["kind"])
        learned = analyse_content(rnd, transcript, judge="learned").structure
        try:
            if item["id"] not in stored:
                raise JudgeFailed("no stored reply")
            verdicts, rejected = parse(stored[item["id"]], judge.labels(rnd), transcript)
            if rejected:
                notes.append(f"{item['id']}: quote not in the answer for {', '.join(rejected)}")
            found = {k: (v.present, v.quote, v.start) for k, v in verdicts.items()}
            llm = analyse_content(rnd, transcript, judge="llm", verdicts=found).structure
        except JudgeFailed as e:
            notes.append(f"{item['id']}: {e} (the offline judge decided)")
            llm = learned
        for lab in labels_for(item["kind"]):
            for name, structure in (("llm", llm), ("learned", learned)):
                row = out[name][lab.name]
                row[0] += 1
                row[1] += rule_verdict(structure, lab) == truth[lab.name]
    return out, notes


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("prompts", "score", "pack"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    path, folder = Path(argv[1]), Path(argv[2])
    if argv[0] == "prompts":
        print(f"{write_prompts(path, folder)} prompts in {folder}")
        return 0
    if argv[0] == "pack":
        print(f"{pack_replies(path, folder)} replies in {folder}")
        return 0
    results, notes = score(path, folder)
    judges = ("llm", "learned")
    print(f"{path.name}: {len(_items(path))} answers as written, replies from {folder}\n")
    print("| label | n | " + " | ".join(judges) + " |")
    print("|---|---:|" + "---:|" * len(judges))
    for lab in sorted(results["llm"]):
        n = results["llm"][lab][0]
        print(f"| {lab} | {n} | " + " | ".join(f"{results[j][lab][1] / n:.2f}" for j in judges) + " |")
    totals = [sum(r[1] for r in results[j].values()) / sum(r[0] for r in results[j].values()) for j in judges]
    print(f"| **all labels** | {sum(r[0] for r in results['llm'].values())} | "
          + " | ".join(f"{t:.3f}" for t in totals) + " |")
    if notes:
        print(f"\n{len(notes)} replies not used as given:\n" + "\n".join(f"- {n}" for n in notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

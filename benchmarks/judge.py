"""Speed and memory of the learned content judge (`make bench`); figures, not timed tests.

Targets: a typical answer under 50 ms; a 45-minute, 6,000-word transcript under 0.5 s; the model
adds under 100 MB of memory.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    from interviewer.analysis.content import analyse_content
    from interviewer.model import Transcript

    items = yaml.safe_load((ROOT / "tests/corpus/sentences/A6.yaml").read_text())["items"]
    texts = [(i["kind"], " ".join(s["text"] for s in i["sentences"])) for i in items]
    analyse_content("behavioural", Transcript.from_text("warm up the rules only"), judge="rules")
    before = rss_mb()
    t = time.perf_counter()
    analyse_content(texts[0][0], Transcript.from_text(texts[0][1]), judge="learned")
    load_s = time.perf_counter() - t
    after = rss_mb()
    rows = []
    for judge in ("rules", "learned"):
        t = time.perf_counter()
        for kind, text in texts:
            analyse_content(kind, Transcript.from_text(text), judge=judge)
        rows.append((judge, (time.perf_counter() - t) / len(texts) * 1000))
    words = " ".join(text for kind, text in texts if kind == "system-design").split()
    long_text = " ".join((words * (6000 // len(words) + 1))[:6000])
    long = {}
    for judge in ("rules", "learned"):
        t = time.perf_counter()
        analyse_content("system-design", Transcript.from_text(long_text), judge=judge)
        long[judge] = time.perf_counter() - t
    print(f"first learned answer (loads the embedding table, tokenizer and weights): {load_s * 1000:.0f} ms; "
          f"memory added {after - before:.0f} MB (target < 100)")
    for judge, ms in rows:
        print(f"typical answer ({len(texts)} answers, mean words {sum(len(t.split()) for _, t in texts) // len(texts)}),"
              f" judge={judge}: {ms:.1f} ms (target < 50)")
    for judge, s in long.items():
        print(f"6,000-word transcript, judge={judge}: {s:.2f} s (learned target < 0.5; the rules alone take "
              f"{long['rules']:.2f} s of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

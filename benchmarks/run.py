"""Speed figures for the README, measured in one run on this machine.

    make bench        (or: .venv/bin/python benchmarks/run.py)

1. `interviewer --help` start-up time (median of 5).
2. Whole-process time of `interviewer analyse` on a synthesised 3-minute answer,
   at beam 5 (default) and beam 1, as a ratio of the audio's length.
3. Peak memory of that process.
"""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHRASES = [
    "In my last role I led the payments team through a migration to a new ledger service.",
    "Um, the old system was a single database that everyone wrote to, and it was slowing releases down.",
    "I mapped every consumer, I wrote the migration plan, and I ran weekly reviews with the owners.",
    "We moved traffic in stages behind a feature flag, starting with one percent.",
    "Uh, the hardest part was reconciling balances while both systems were live.",
    "In the end deployments went from two hours to ten minutes, and incidents dropped by half.",
]


def make_answer(path: Path, seconds: float = 180.0) -> float:
    from interviewer.audio.wavwriter import write_wav
    from interviewer.synth import compose
    from interviewer.voice import get_voice

    voice = get_voice("piper")
    script: list = []
    composed = compose(PHRASES, voice)
    per_round = composed.duration_s
    rounds = int(seconds // (per_round + 6)) + 1
    for i in range(rounds):
        for p in PHRASES:
            script += [p, 0.4 + (i + len(script)) % 5 * 0.3]
    composed = compose(script, voice, room_db=-40.0)
    audio = composed.audio[: int(seconds * 16000)]
    write_wav(path, audio, 16000)
    return audio.size / 16000


def timed(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def main() -> None:
    exe = str(Path(sys.executable).parent / "interviewer")
    helps = [timed([exe, "--help"])[0] for _ in range(5)]
    print(f"interviewer --help: median {statistics.median(helps):.3f} s over 5 runs")
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "answer-3min.wav"
        length = make_answer(wav)
        for beam in (5, 1):
            elapsed, rss = timed([exe, "analyse", str(wav), "--json", "--beam", str(beam)])
            print(f"analyse {length:.0f} s answer, beam {beam}: {elapsed:.1f} s wall "
                  f"({elapsed / length:.3f} x real time), peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()

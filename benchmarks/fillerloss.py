"""Where fillers are lost: each true filler of the degraded set followed through the pipeline.

    PYTHONPATH=. .venv/bin/python benchmarks/fillerloss.py [--models base] [--answers 8]
                                                           [--conditions reverb,phone,far] [--replay]

Every answer goes through `analyse_file` as in benchmarks/hearing.py, with probes on the
stages a filler passes: Whisper's raw words (did it write one?), the voiced-filler check
(speech/fillercheck.py), the guards (speech/guards.py) and the final delivery figures (is it
there, and within the scorer's 0.5 s?). Each true filler gets the first stage it is missing
after, and each filler Whisper wrote with no true one near gets the stage that removed it.
For the voiced check it prints, per filler, the voiced time it measured, so a threshold can
be read off true and invented fillers alike.

Whisper's pieces are cached per model next to the audio (`--replay` re-uses them), so the
checks after Whisper can be tried again in seconds; the cache is keyed by the prompt and beam.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import degrade  # noqa: E402

NEAR_S = 1.0   # a raw filler this close to a true one is Whisper's version of it
TOL_S = 0.5    # the scorer's tolerance (degrade.score)


class Cached:
    """A Transcriber that stores Whisper's pieces per (file, offset, length) and can replay them."""

    def __init__(self, inner, folder: Path, replay: bool):
        self.inner, self.folder, self.replay = inner, folder, replay
        self.model_key = getattr(inner, "model_key", None)
        self.current = ""
        self.raw: list = []   # (offset, [Word]) of this answer, before any check
        self.compute_s = 0.0

    def start_answer(self):
        if hasattr(self.inner, "start_answer"):
            self.inner.start_answer()

    def transcribe(self, audio, offset):
        import copy

        key = hashlib.sha1(f"{self.current}|{offset:.3f}|{audio.size}".encode()).hexdigest()[:16]
        path = self.folder / f"{key}.pkl"
        if self.replay and path.exists():
            pieces = pickle.loads(path.read_bytes())
        else:
            t = time.perf_counter()
            pieces = self.inner.transcribe(audio, offset)
            self.compute_s += time.perf_counter() - t
            path.write_bytes(pickle.dumps(pieces))
        self.raw.append((offset, audio.size / 16000, [w for p in pieces for w in p.words]))
        return copy.deepcopy(pieces)


def is_filler(word: str) -> bool:
    from interviewer.analysis.fillers import norm
    from interviewer.speech.fillercheck import CHECKED

    return norm(word) in CHECKED


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="base")
    ap.add_argument("--answers", type=int, default=len(degrade.ANSWERS))
    ap.add_argument("--conditions", default="reverb,phone,far")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--replay", action="store_true", help="re-use Whisper's cached pieces")
    ap.add_argument("--prompt", help="try another prompt than speech/whisper.py's FILLER_PROMPT")
    ap.add_argument("--beam", type=int, help="try another beam size than hearing.py's 5")
    ap.add_argument("--piece", type=float, help="try another file piece length than stream.FILE_PIECE_S (live: 4)")
    ap.add_argument("--verbose", action="store_true", help="one line per filler")
    args = ap.parse_args()

    from interviewer.analyse import analyse_file
    from interviewer.audio.voicing import HOP_S, is_voiced, noise_floor_db, voiced_frames
    from interviewer.speech import fillercheck, guards, whisper as whisper_mod
    from hearing import transcriber_for

    if args.piece:
        from interviewer.speech import stream
        stream.FILE_PIECE_S = args.piece
    if args.prompt is not None:
        whisper_mod.FILLER_PROMPT = args.prompt
    conditions = args.conditions.split(",")
    items = degrade.build_set(conditions=conditions, indices=range(args.answers))

    # probes ------------------------------------------------------------------
    log: dict = {}
    original_drop, original_clean = fillercheck.drop_unvoiced_fillers, guards.clean

    def probe_drop(pieces, audio, offset, rate=16000):
        before = [w for p in pieces for w in p.words if is_filler(w.word)]
        floor = noise_floor_db(audio, rate, percentile=5.0)
        for w in before:  # what the check measures, for reading off a threshold
            a = w.start - offset - fillercheck.PAD_S
            b = w.end - offset + fillercheck.PAD_S
            seg = audio[max(0, int(a * rate)): max(0, int(b * rate))]
            log.setdefault("measured", {})[(w.word, w.start)] = float(voiced_frames(seg, rate, floor).sum() * HOP_S)
        n = original_drop(pieces, audio, offset, rate)
        after = {(w.word, w.start) for p in pieces for w in p.words if is_filler(w.word)}
        log.setdefault("voiced_dropped", []).extend(w for w in before if (w.word, w.start) not in after)
        return n

    def probe_clean(pieces, spans, tail_prob=guards.TAIL_PROB):
        words, notes = original_clean(pieces, spans, tail_prob)
        log["to_guards"] = [w for p in pieces for w in p.words if is_filler(w.word)]
        log["after_guards"] = [w for w in words if is_filler(w.word)]
        return words, notes

    fillercheck.drop_unvoiced_fillers, guards.clean = probe_drop, probe_clean

    for model in args.models.split(","):
        name, _, frontend = model.partition("+")
        inner = transcriber_for(name, args.threads, frontend)
        if args.beam:
            inner.beam_size = args.beam
        tag = hashlib.sha1(f"{model}|{whisper_mod.FILLER_PROMPT}|{inner.beam_size}".encode()).hexdigest()[:8]
        folder = degrade.cache_dir() / f"pieces-{name}-{tag}"
        folder.mkdir(parents=True, exist_ok=True)
        t = Cached(inner, folder, args.replay)
        fate = Counter()           # (condition, stage) for true fillers
        invented = Counter()       # (condition, stage) for raw fillers with no true one near
        measured_true, measured_false = [], []
        scores, audio_s, wall = [], 0.0, 0.0
        for it in items:
            log.clear()
            t.current, t.raw = it.name, []
            t0 = time.perf_counter()
            result = analyse_file(it.path, "behavioural", transcriber=t).to_dict()
            wall += time.perf_counter() - t0
            audio_s += result["delivery"]["duration_s"]
            s = degrade.score(it.truth, result)
            s["condition"] = it.condition
            scores.append(s)
            raw = [w for _, _, ws in t.raw for w in ws if is_filler(w.word)]
            dropped_v = log.get("voiced_dropped", [])
            after_g = log.get("after_guards", [])
            final = [(f["word"], f["start"]) for f in result["delivery"]["fillers"] if f["word"] in degrade.FILLER_WORDS]
            truths = [tt for _, tt in it.truth.fillers]

            def near(w, dist=NEAR_S):
                return any(abs(w.start - tt) <= dist for tt in truths)

            for word, tt in it.truth.fillers:
                close = [w for w in raw if abs(w.start - tt) <= NEAR_S]
                if not close:
                    stage = "whisper never wrote it"
                elif all(w in dropped_v for w in close):
                    stage = "voiced check dropped it"
                    for w in close:
                        measured_true.append((it.name, w.word, round(w.start - tt, 2), log["measured"][(w.word, w.start)]))
                elif not any(abs(w.start - tt) <= NEAR_S for w in after_g):
                    stage = "guards dropped it"
                elif any(abs(s_ - tt) <= TOL_S for _, s_ in final):
                    stage = "found"
                else:
                    stage = "placed > 0.5 s off"
                if stage != "voiced check dropped it":
                    for w in close:
                        if (w.word, w.start) in log.get("measured", {}):
                            measured_true.append((it.name, w.word, round(w.start - tt, 2), log["measured"][(w.word, w.start)]))
                fate[(it.condition, stage)] += 1
                if args.verbose:
                    print(f"{it.name:9} true {word:3} {tt:6.2f}  raw {[(w.word, w.start, w.probability) for w in close]}  -> {stage}")
            for w in raw:
                if near(w):
                    continue
                m = log.get("measured", {}).get((w.word, w.start))
                measured_false.append((it.name, w.word, w.start, m))
                stage = ("voiced check" if w in dropped_v else
                         "guards" if not any(x.start == w.start for x in after_g) else "kept")
                invented[(it.condition, stage)] += 1
                if args.verbose:
                    print(f"{it.name:9} invented {w.word} {w.start:.2f} p={w.probability:.2f} voiced {m} -> {stage}")

        print(f"\n== {model}: fate of the true fillers")
        stages = sorted({s for _, s in fate})
        for c in conditions:
            print(f"  {c:7}", ", ".join(f"{s}: {fate[(c, s)]}" for s in stages if fate[(c, s)]))
        print("  all    ", ", ".join(f"{s}: {sum(v for (_, s2), v in fate.items() if s2 == s)}" for s in stages))
        print(f"== {model}: fillers Whisper wrote with no true filler within {NEAR_S} s, and what removed them")
        for c in conditions:
            print(f"  {c:7}", ", ".join(f"{s}: {invented[(c, s)]}" for s in ("voiced check", "guards", "kept") if invented[(c, s)]))
        print("== voiced time the check measured (s; it keeps >= 0.03)")
        print("  true    ", sorted(round(m, 2) for *_, m in measured_true))
        print("  invented", sorted(round(m, 2) for *_, m in measured_false if m is not None))
        total = degrade.summarise([s for s in scores if s["condition"] != "clean"])
        print("== scores (non-clean):", {k: round(v, 3) if isinstance(v, float) else v for k, v in total.items()})
        for c in conditions:
            sc = degrade.summarise([s for s in scores if s["condition"] == c])
            print(f"   {c:7} fill R {sc['filler_recall']:.2f} P {sc['filler_precision']:.2f} content {sc['content_recall']:.3f}")
        if not args.replay or t.compute_s:
            print(f"== Whisper compute {t.compute_s:.1f} s over {audio_s:.1f} s audio; batch RTF {wall / audio_s:.3f}")


if __name__ == "__main__":
    main()

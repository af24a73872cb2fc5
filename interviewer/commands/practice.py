"""`interviewer practice`: a spoken mock interview round on the microphone."""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path


def add_parser(sub, name: str, help_text: str) -> None:
    from ..coach.llm import add_coach_arguments

    p = sub.add_parser(name, help=help_text, description="Questions are spoken, your answers recorded, "
                       "transcribed while you talk and analysed; feedback is spoken and the session saved.")
    p.add_argument("--round", default="behavioural", help="behavioural, technical, system-design, coding, "
                   "phone-screen or negotiation (default behavioural)")
    p.add_argument("--count", type=int, default=3, help="questions in the round (default 3)")
    p.add_argument("--bank", action="append", type=Path, default=[], metavar="FILE", help="extra question bank (YAML)")
    p.add_argument("--voice", default="piper", choices=["piper", "system", "none"], help="interviewer voice")
    p.add_argument("--input-device", metavar="D", help="microphone: index or part of its name")
    p.add_argument("--output-device", metavar="D", help="speaker: index or part of its name")
    p.add_argument("--input-file", action="append", type=Path, default=[], metavar="AUDIO",
                   help="answer from this recording instead of the microphone, fed at real-time pace (repeatable)")
    p.add_argument("--end-silence", type=float, metavar="S", help="seconds of silence that end an answer "
                   "(default from the round: 5; coding and system design: silence never ends an answer)")
    p.add_argument("--max-answer", type=float, metavar="S", help="longest answer in seconds (default from the "
                   "round: 300; coding 2700, system design 3000)")
    p.add_argument("--start-timeout", type=float, metavar="S", help="give up if no speech starts (default from the round)")
    p.add_argument("--nudge-after", type=float, metavar="S", help="coding and system design: seconds of silence "
                   "before the interviewer prompts you to think aloud (default from the round: 10)")
    p.add_argument("--no-nudges", action="store_true", help="never prompt during a silence")
    p.add_argument("--interrupt", action=argparse.BooleanOptionalAction, default=True,
                   help="talking over a nudge or time check stops it (default: on)")
    p.add_argument("--no-follow-ups", action="store_true", help="do not ask a follow-up question")
    p.add_argument("--recordings", metavar="DIR", help="where sessions are saved (default ./recordings, "
                   "or $INTERVIEWER_RECORDINGS)")
    p.add_argument("--model", default=None, metavar="NAME|DIR", help="speech model: base (default) or tiny.en, both packaged; or a model folder")
    p.add_argument("--seed", type=int, default=None, help="pick the same questions again")
    p.add_argument("--retry", metavar="SESSION:N", help="ask answer N of SESSION again and compare (e.g. latest:1)")
    p.add_argument("--yes", action="store_true", help="no key presses anywhere: run unattended")
    from .analyse import add_judge_argument

    add_judge_argument(p)
    add_coach_arguments(p)


def pick_questions(round_name: str, count: int, banks: list[Path], seed: int | None):
    from ..bank import questions_for
    from ..errors import UserError
    from ..rounds import get_round

    get_round(round_name)
    if count < 1:
        raise UserError("--count must be at least 1")
    pool = questions_for(round_name, extra_files=banks or None)
    return random.Random(seed).sample(pool, min(count, len(pool)))


def endpointing(round_name: str, args):
    """The round's turn-taking from the registry, with any flags given on top."""
    from dataclasses import replace

    from ..errors import UserError
    from ..rounds import get_round

    rules = get_round(round_name).endpointing
    given = {k: v for k, v in (("end_silence_s", args.end_silence), ("max_answer_s", args.max_answer),
                               ("start_timeout_s", args.start_timeout),
                               ("nudge_after_s", getattr(args, "nudge_after", None))) if v is not None}
    for key, value in given.items():
        if value <= 0:
            raise UserError(f"--{key[:-2].replace('_', '-')} must be more than 0 seconds, not {value:g}")
    if rules.end_silence_s is None and given.get("max_answer_s", 60) < 60:
        raise UserError(f"--max-answer must be at least 60 seconds in a {round_name} round, where you think aloud "
                        f"(not {given['max_answer_s']:g})")
    if getattr(args, "no_nudges", False):
        given["nudge_after_s"] = None
    return replace(rules, **given)


def run(args) -> int:
    from ..audio.decode import check_readable
    from ..audio.devices import find_device
    from ..audio.io import FileIn, MicIn, NullOut, SpeakerOut
    from ..coach.llm import coach_from_args
    from ..coach.llm_judge import judge_from_args
    from ..session import Parts, Round
    from ..speech.whisper import WhisperTranscriber
    from ..store import SessionStore, recordings_dir
    from ..ui import TerminalUI
    from ..voice import get_voice

    from ..retry_practice import prepare

    retry = prepare(args.retry, recordings_dir(args.recordings)) if args.retry else None
    questions = [retry.question] if retry else pick_questions(args.round, args.count, args.bank, args.seed)
    rules = endpointing(questions[0].round, args)
    coach = coach_from_args(args)
    if args.input_file:
        for f in args.input_file:
            check_readable(f)  # missing, empty or a folder: say so before the first question
        files = args.input_file
        listen = lambda n, q: FileIn(files[min(n, len(files)) - 1], realtime=True)  # noqa: E731
    else:
        find_device(args.input_device, "input")  # fail before the first question, not after it
        listen = lambda n, q: MicIn(args.input_device)  # noqa: E731
    voice = get_voice(args.voice)
    speaker = NullOut() if args.voice == "none" else SpeakerOut(args.output_device)
    transcriber = WhisperTranscriber(args.model)
    transcriber.load()
    ui = TerminalUI(interactive=not args.yes)
    if not args.yes and sys.stdin.isatty():
        input(f"{len(questions)} {args.round} question(s). Press Enter to start.")
    store = SessionStore.create(questions[0].round if retry else args.round, {"voice": args.voice, "model": transcriber.model_name,
                                             "coach": coach.model if coach else "offline"},
                                recordings_dir(args.recordings))
    if retry:
        retry.attach(store, ui)  # tags the answer with retry_of and shows the comparison
    finished = Round(Parts(voice, speaker, listen, transcriber), store, ui, rules,
                     follow_ups=not args.no_follow_ups, coach=coach, judge=judge_from_args(args),
                     nudges=not args.no_nudges, interrupt=args.interrupt).run(questions)
    return 0 if finished else 130

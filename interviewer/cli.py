"""The `interviewer` command: a thin layer that parses flags and calls the library.

Each subcommand lives in interviewer/commands/<name>.py with `add_parser(subparsers)`
and `run(args) -> int`. Only the chosen one is imported, so `--help` stays fast.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import UserError

COMMANDS = {
    "analyse": "analyse a recorded or typed answer",
    "questions": "list the question banks",
    "resume": "check a resume for quantified impact and job keywords",
    "practice": "run a spoken mock interview round",
    "demo": "run a short round answered by a simulated candidate",
    "replay": "read back a saved session, or list them",
    "report": "write an offline HTML page to replay a session word by word",
    "progress": "trends across sessions, and the parts most often missing",
    "export": "a session's transcript as WebVTT, SRT, Markdown or JSON",
    "reanalyse": "run the current analysis again on a session's recordings",
    "devices": "list audio inputs and outputs",
    "check-audio": "record 3 s and report level, clipping and noise floor",
}


def _module(name: str):
    return importlib.import_module(f"interviewer.commands.{name.replace('-', '_')}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interviewer", description="Local, private, voice-driven mock interviews.")
    parser.add_argument("--version", action="version", version=f"interviewer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        if only == name:
            _module(name).add_parser(sub, name, help_text)
        else:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        return _module(args.command).run(args) or 0
    except UserError as e:
        print(f"interviewer: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("interviewer: interrupted", file=sys.stderr)
        return 130
    except OSError as e:  # disk full, a folder removed mid-round, a device gone: what was recorded stays on disk
        where = f": {e.filename}" if e.filename else ""
        print(f"interviewer: error: {e.strerror or e}{where} (anything recorded so far is kept)", file=sys.stderr)
        return UserError.exit_code
    except Exception as e:  # a fault in the speech model or a library: one line, never a traceback
        print(f"interviewer: error: {e.__class__.__name__}: {str(e).splitlines()[0] if str(e) else 'unexpected failure'}"
              " (anything recorded so far is kept; please report this)", file=sys.stderr)
        return UserError.exit_code


if __name__ == "__main__":
    sys.exit(main())

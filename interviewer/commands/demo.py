"""`interviewer demo`: a short round answered by a simulated candidate (no microphone needed)."""
from __future__ import annotations


def add_parser(sub, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text)
    p.add_argument("--recordings", metavar="DIR", help="where the session is saved (default ./recordings)")
    p.add_argument("--voice", default="piper", choices=["piper", "system", "none"], help="interviewer voice")
    p.add_argument("--fast", action="store_true", help="feed the answers faster than real time (for tests)")


def run(args) -> int:
    from ..demo import run_demo
    from ..store import recordings_dir

    run_demo(recordings_dir(args.recordings), args.voice, realtime=not args.fast)
    return 0

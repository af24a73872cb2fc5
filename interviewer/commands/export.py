"""`interviewer export SESSION --format vtt|srt|md|json`: a session's words for other tools."""
from __future__ import annotations

from pathlib import Path

SUFFIX = {"vtt": ".vtt", "srt": ".srt", "md": ".md", "json": ".json"}


def add_parser(sub, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description="Subtitles (one answer: cues sentence by sentence, "
                       "timed to that answer's recording) or the whole session as Markdown or JSON.")
    p.add_argument("session", metavar="SESSION", help="a session id (or its start), its folder, or 'latest'")
    p.add_argument("--format", required=True, choices=sorted(SUFFIX), help="vtt, srt (one answer), md, json (all)")
    p.add_argument("--answer", type=int, default=1, metavar="N", help="which answer to subtitle (default 1)")
    p.add_argument("--out", type=Path, metavar="PATH", help="write here instead of standard output")
    p.add_argument("--recordings", metavar="DIR", help="where sessions are saved (default ./recordings, "
                   "or $INTERVIEWER_RECORDINGS)")


def run(args) -> int:
    import sys

    from ..atomic import write_atomic
    from ..errors import UserError
    from ..export import to_json, to_markdown, to_srt, to_vtt
    from ..store import find_session, load_session, recordings_dir

    session = load_session(find_session(args.session, recordings_dir(args.recordings)))
    if args.format in ("vtt", "srt"):
        # Each answer has its own recording and clock, so subtitles are per answer.
        answer = next((a for a in session.get("answers", []) if a.get("n") == args.answer), None)
        if answer is None:
            raise UserError(f"session {session.get('id')} has no answer {args.answer} "
                            f"(it has {len(session.get('answers', []))})")
        text = (to_vtt if args.format == "vtt" else to_srt)(answer)
    else:
        text = (to_markdown if args.format == "md" else to_json)(session)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.out, text.encode("utf-8"))
        args.out.chmod(0o644)
    except OSError as e:
        raise UserError(f"cannot write {args.out} ({e.strerror or e})") from None
    print(f"wrote {args.out}", file=sys.stderr)
    return 0

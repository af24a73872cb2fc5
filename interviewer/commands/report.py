"""`interviewer report [SESSION]`: an offline HTML page to replay a session word by word."""
from __future__ import annotations

from pathlib import Path


def add_parser(sub, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description="Write report.html into the session folder: each "
                       "answer's audio with its transcript word by word, pauses, fillers, structure parts, "
                       "findings and a timeline. It works offline and makes no network requests.")
    p.add_argument("session", nargs="?", default="latest", metavar="SESSION",
                   help="a session id (or its start), its folder, or 'latest' (default)")
    p.add_argument("--recordings", metavar="DIR", help="where sessions are saved (default ./recordings, "
                   "or $INTERVIEWER_RECORDINGS)")
    p.add_argument("--out", type=Path, metavar="PATH", help="where to write the page (default SESSION/report.html)")
    p.add_argument("--standalone", action="store_true",
                   help="embed the audio (Opus) in the page, so the one file can be shared")
    p.add_argument("--open", action="store_true", help="open the page in the default browser")


def run(args) -> int:
    from ..atomic import write_atomic
    from ..errors import UserError
    from ..retry import comparisons
    from ..store import find_session, iter_sessions, load_session, recordings_dir
    from ..webreport import build_report

    root = recordings_dir(args.recordings)
    folder = find_session(args.session, root)
    session = load_session(folder)
    out = args.out or folder / "report.html"
    if out.is_dir():
        out = out / "report.html"
    if not out.parent.is_dir():
        raise UserError(f"cannot write {out}: the folder {out.parent} does not exist")
    html = build_report(session, folder, out, args.standalone, comparisons(iter_sessions(folder.parent), session))
    try:
        write_atomic(out, html.encode("utf-8"))
        out.chmod(0o644)  # the temp file was private; a report is meant to be opened and shared
    except OSError as e:
        raise UserError(f"cannot write {out} ({e.strerror})") from None
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} kB)")
    if args.open:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())
    return 0

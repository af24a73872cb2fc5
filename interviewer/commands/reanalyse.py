"""`interviewer reanalyse SESSION`: the current analysis on a saved session's recordings."""
from __future__ import annotations


def add_parser(sub, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description="Transcribe and analyse each stored answer WAV again "
                       "with this version's rules. The earlier analysis is kept in the answer's history.")
    p.add_argument("session", metavar="SESSION", help="a session id (or its start), its folder, or 'latest'")
    p.add_argument("--recordings", metavar="DIR", help="where sessions are saved (default ./recordings, "
                   "or $INTERVIEWER_RECORDINGS)")
    p.add_argument("--model", default=None, metavar="NAME|DIR", help="speech model (default: bundled tiny.en)")


def run(args) -> int:
    import sys

    from ..reanalyse import reanalyse_session
    from ..speech.whisper import WhisperTranscriber
    from ..store import find_session, load_session, recordings_dir

    folder = find_session(args.session, recordings_dir(args.recordings))
    session = load_session(folder)
    transcriber = WhisperTranscriber(args.model)  # loaded once for every answer
    lines = reanalyse_session(folder, session, transcriber,
                              lambda a: print(f"analysing answer {a.get('n')}...", file=sys.stderr))
    for line in lines:
        print(line)
    print(f"saved {folder / 'session.json'}")
    return 0

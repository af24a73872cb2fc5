"""`interviewer replay [SESSION]`: read back a saved session, answer by answer, with its evidence."""
from __future__ import annotations


def add_parser(sub, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description="Show a saved session: each question, the transcript "
                       "marked with pauses, fillers and hedges, and the feedback. With no SESSION, list them.")
    p.add_argument("session", nargs="?", metavar="SESSION",
                   help="a session id, its folder, or 'latest'; omit to list the saved sessions")
    p.add_argument("--answer", type=int, metavar="N", help="only answer N")
    p.add_argument("--play", action="store_true", help="also play each answer's recording")
    p.add_argument("--output-device", metavar="D", help="speaker for --play")
    p.add_argument("--recordings", metavar="DIR", help="where sessions are saved (default ./recordings)")


def run(args) -> int:
    from rich.console import Console

    from ..report import print_analysis
    from ..store import find_session, list_sessions, load_session, recordings_dir

    console = Console(highlight=False)
    root = recordings_dir(args.recordings)
    if not args.session:
        sessions = list_sessions(root)
        for s in sessions:
            console.print(f"{s['id']}  {s['round'] or '':<14} {s['answers']} answer(s)  {s['started']}")
        if not sessions:
            console.print(f"no saved sessions in {root}")
        return 0
    folder = find_session(args.session, root)
    session = load_session(folder)
    speaker = None
    if args.play:
        from ..audio.io import SpeakerOut

        speaker = SpeakerOut(args.output_device)
    console.rule(f"{session['id']}  ({session['round']})")
    for a in session["answers"]:
        if args.answer and a["n"] != args.answer:
            continue
        label = "Follow-up" if a.get("follow_up_of") else "Question"
        console.rule(f"{label} {a['n']}" + ("  [partial]" if a.get("partial") else ""))
        print_analysis(a["analysis"], console)
        t = a.get("timings", {})
        if t:
            line = (f"answer ended by {a.get('ended_by')}; feedback ready "
                    f"{t.get('feedback_ready_s', 0) - t.get('endpoint_s', 0):.2f} s after the end")
            if t.get("feedback_spoken_s") is not None and t.get("speech_end_s") is not None:
                line += (f"; you waited {t['feedback_spoken_s'] - t['speech_end_s']:.2f} s from your last word "
                         "to the interviewer's voice")
            console.print(f"[dim]{line}[/]")
        for e in a.get("events") or []:
            if e.get("type") in ("nudge", "time-check"):
                console.print(f"[dim]{e['t']:7.1f} s  interviewer ({e['type']}): {e.get('text', '')}[/]")
            elif e.get("type") == "phase":
                console.print(f"[dim]{e['t']:7.1f} s  phase: {e['phase'].replace('_', ' ')}[/]")
        if speaker:
            from ..audio.decode import read_audio

            speaker.play(read_audio(folder / a["audio"]), 16000)
    summary = session.get("summary") or {}
    if summary.get("summary"):
        console.rule("Round summary")
        console.print(summary["summary"])
    return 0

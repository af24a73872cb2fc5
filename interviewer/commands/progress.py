"""`interviewer progress`: how your answers change across sessions, and what you most often leave out."""
from __future__ import annotations

import json
from pathlib import Path

# Short headers: the table must fit an 80-column terminal.
LABELS = (("fillers_per_minute", "fillers"), ("longest_pause_s", "max pause"),
          ("time_to_first_word_s", "1st word"), ("words_per_minute", "wpm"), ("parts_covered", "parts"),
          ("nudges", "nudges"), ("length_off_target_s", "off tgt"))


def add_parser(sub, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description="Per session: fillers a minute, longest pause, time "
                       "to first word, pace, parts covered, nudges and length against the target; then the "
                       "parts most often missing.")
    p.add_argument("--round", metavar="R", help="only this round (behavioural, technical, ...)")
    p.add_argument("--recordings", metavar="DIR", help="where sessions are saved (default ./recordings, "
                   "or $INTERVIEWER_RECORDINGS)")
    p.add_argument("--plot", type=Path, metavar="PATH", help="also draw the trends as a PNG")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--last", type=int, default=10, metavar="N", help="weak areas over the last N answers (10)")


def run(args) -> int:
    import sys

    from .. import index
    from ..errors import UserError
    from ..rounds import get_round
    from ..plot import plot_trends
    from ..progress import summary
    from ..store import recordings_dir

    if args.round:
        get_round(args.round)
    if args.last < 1:
        raise UserError("--last must be at least 1")
    root = recordings_dir(args.recordings)
    state = index.sync(root)
    for line in state["skipped"]:
        print(f"interviewer: skipped {line}", file=sys.stderr)  # the other sessions still count
    result = summary(index.answers(root, args.round), args.last, args.round)
    if args.plot:
        if not result["sessions"]:
            raise UserError("nothing to plot: no answered sessions" + (f" in round {args.round}" if args.round else ""))
        plot_trends(result["sessions"], result["weak_areas"], args.plot)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    _print(result, args.plot)
    return 0


def _print(result: dict, plot) -> None:
    from rich.console import Console
    from rich.table import Table

    c = Console(highlight=False)
    if not result["sessions"]:
        c.print("no answered sessions yet: run `interviewer practice`")
        return
    from rich import box

    t = Table(title="Progress by session (means over each session's answers)", box=box.SIMPLE, padding=(0, 1))
    t.add_column("session", no_wrap=True)
    t.add_column("n", justify="right")
    for _, label in LABELS:
        t.add_column(label, justify="right")
    for r in result["sessions"]:
        cells = ["-" if r.get(k) is None else f"{r[k]:.0%}" if k == "parts_covered" else f"{r[k]:.1f}" for k, _ in LABELS]
        t.add_row(f"{(r['started'] or '')[:10]} {r['session'][-4:]}", str(r["answers"]), *cells)
    c.print(t)
    weak = result["weak_areas"]
    c.print(f"[bold]Most often missing[/] over the last {weak['answers']} answer(s):")
    for p in weak["parts"][:5] or [{"part": "nothing", "missing": 0, "share": 0}]:
        c.print(f"  {p['part'].replace('_', ' ')}: missing in {p['missing']} ({p['share']:.0%})")
    if plot:
        c.print(f"plot written to {plot}")

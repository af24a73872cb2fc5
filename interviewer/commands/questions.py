"""`interviewer questions`: list the question banks, built-in and your own."""
from __future__ import annotations

import json
from pathlib import Path


def add_parser(subparsers, name: str, help_text: str) -> None:
    p = subparsers.add_parser(name, help=help_text)
    p.add_argument("--round", help="only this round (behavioural, technical, system-design, coding, "
                                   "phone-screen, negotiation, closing)")
    p.add_argument("--tag", action="append", help="only questions with this tag (repeatable)")
    p.add_argument("--bank", action="append", type=Path, metavar="FILE",
                   help="also load questions from this YAML file (repeatable)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args) -> int:
    from ..bank import questions_for

    questions = questions_for(args.round, args.tag, args.bank)
    if args.json:
        print(json.dumps([q.to_dict() for q in questions], indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(questions)} questions", show_lines=False)
    for col in ("id", "round", "question", "target"):
        table.add_column(col)
    for q in questions:
        table.add_row(q.id, q.round, q.text, f"{q.target_s[0]:.0f}-{q.target_s[1]:.0f} s")
    Console().print(table)
    return 0

"""`interviewer resume FILE [--job JOB.txt]`: flag weak bullets and missing job keywords."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UserError


def add_parser(subparsers, name: str, help_text: str) -> None:
    p = subparsers.add_parser(name, help=help_text)
    p.add_argument("file", type=Path, help="the resume as plain text or markdown")
    p.add_argument("--job", type=Path, metavar="JOB.txt", help="a job description to compare keywords against")
    p.add_argument("--json", action="store_true", help="print JSON instead of a report")


def _read(path: Path) -> str:
    if path.suffix.lower() in {".pdf", ".docx", ".doc", ".odt", ".rtf"}:
        raise UserError(f"{path}: save the resume as plain text (.txt or .md) first")
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise UserError(f"{path}: cannot read ({e.strerror})") from None


def run(args) -> int:
    from ..resume import check_resume

    findings = check_resume(_read(args.file), _read(args.job) if args.job else None)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], indent=2))
        return 0
    from rich.console import Console

    console = Console()
    if not findings:
        console.print("[green]No issues found.[/green]")
    colour = {"warning": "red", "suggestion": "yellow", "strength": "green"}
    for f in findings:
        console.print(f"[{colour[f.severity]}]{f.severity:>10}[/] {f.message}")
        if f.code != "resume.missing_keyword":
            console.print(f"{'':>11}[dim]{f.evidence}[/dim]", highlight=False)
    return 0

"""Terminal rendering of an analysis with rich. Reads only the analysis dict."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

STYLE = {"strength": "green", "suggestion": "yellow", "warning": "bold red"}
MARK = {"strength": "+", "suggestion": "~", "warning": "!"}


def _t(t) -> str:
    if t is None:
        return "  -  "
    return f"{int(t // 60)}:{t % 60:04.1f}"


def _num(v, unit: str = "") -> str:
    return "n/a" if v is None else f"{v}{unit}"


SHOWN_PAUSE_S = 1.0  # shorter pauses are ordinary phrasing


def marked_transcript(result: dict) -> Text:
    """The transcript with long pauses shown where they fell, fillers and hedges highlighted."""
    words, d = result["transcript"]["words"], result["delivery"]
    if not words or words[0]["start"] is None:
        return Text(result["transcript"]["text"])
    fillers = {f["start"] for f in d["fillers"]}
    hedges = {h["start"] for h in d["hedges"]}
    pauses = sorted((p for p in d["pauses"] if p["duration"] >= SHOWN_PAUSE_S), key=lambda p: p["end"])
    out = Text()
    for w in words:
        while pauses and pauses[0]["end"] <= w["start"] + 0.3:
            out.append(f"[{pauses.pop(0)['duration']:.1f} s] ", style="bold red")
        style = "bold yellow" if w["start"] in fillers else "magenta" if w["start"] in hedges else ""
        out.append(w["word"], style=style)
        out.append(" ")
    return out


def print_analysis(result: dict, console: Console | None = None) -> None:
    c = console or Console()
    for w in result["warnings"]:
        c.print(f"[bold yellow]warning:[/] {w}", highlight=False)
    if result.get("question"):
        c.print(f"[bold]Question:[/] {result['question']}", highlight=False)
    c.print(Text("Transcript: ", style="bold") + (marked_transcript(result) if result["transcript"]["text"]
                                                   else Text("(nothing recognised)")))
    d = result["delivery"]
    table = Table(title="Delivery", show_header=False, box=None, padding=(0, 2))
    for label, value in (
        ("length", _num(d["duration_s"], " s")), ("speaking", _num(d["speech_s"], " s")),
        ("first word after", _num(d["time_to_first_word_s"], " s")), ("pace", _num(d["words_per_minute"], " wpm")),
        ("pauses >= 0.25 s", str(len(d["pauses"]))), ("longest pause", _num(d["longest_pause_s"], " s")),
        ("fillers", f"{len(d['fillers'])} ({_num(d['fillers_per_minute'], '/min')})"), ("hedges", str(len(d["hedges"]))),
    ):
        table.add_row(label, value)
    c.print(table)
    if result["feedback"]:
        c.print("[bold]Feedback[/]")
        order = {"warning": 0, "suggestion": 1, "strength": 2}
        for f in sorted(result["feedback"], key=lambda f: order.get(f["severity"], 3)):
            style = STYLE.get(f["severity"], "")
            c.print(f"[{style}]{MARK.get(f['severity'], '-')}[/] [dim]{_t(f['start'])}[/] {f['message']}", highlight=False)
            if f.get("evidence"):
                c.print(f"        [dim]\"{f['evidence']}\"[/]", highlight=False)
    if result.get("feedback_summary"):
        c.print(f"[bold]Summary:[/] {result['feedback_summary']}", highlight=False)
    if result.get("follow_up"):
        c.print(f"[bold]Follow-up:[/] {result['follow_up']}", highlight=False)

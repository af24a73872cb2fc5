"""What the candidate sees during a round: questions, a live level meter, feedback, summary."""
from __future__ import annotations

import sys
import threading
import time

import numpy as np
from rich.console import Console
from rich.live import Live
from rich.text import Text

from .audio.levels import to_db


class TerminalUI:
    def __init__(self, interactive: bool, console: Console | None = None):
        self.console = console or Console(highlight=False)
        self.interactive = interactive and sys.stdin.isatty()
        self._live: Live | None = None
        self._last_draw = 0.0
        self._enter = threading.Event()
        self._reader: threading.Thread | None = None

    def say(self, text: str) -> None:
        self.console.print(f"[bold cyan]Interviewer:[/] {text}")

    def question(self, label: str, text: str) -> None:
        self.console.rule(label)
        self.say(text)

    def recording(self, rules) -> None:
        """`rules`: the round's Endpointing, so the candidate knows how this answer ends."""
        enter = "press Enter when you are done" if self.interactive else ""
        if rules.end_silence_s is None:
            how = " or ".join(x for x in (enter, "say \"I'm done\"") if x)
            self.console.print(f"[bold red]Recording:[/] take your time and think aloud; {how} to finish.")
        else:
            how = f"{enter}, say \"I'm done\", or stay silent" if enter else "say \"I'm done\" or stay silent"
            self.console.print(f"[bold red]Recording:[/] {how} for a few seconds to finish.")
        self._enter.clear()
        if self.console.is_terminal:
            self._live = Live(Text(""), console=self.console, transient=True, refresh_per_second=10)
            self._live.start()

    def enter_event(self) -> threading.Event | None:
        if not self.interactive:
            return None
        if self._reader is None:  # one reader for the whole round, so no Enter is swallowed twice
            self._reader = threading.Thread(target=self._read_enter, daemon=True)
            self._reader.start()
        return self._enter

    def _read_enter(self) -> None:
        while sys.stdin.readline():
            self._enter.set()

    def meter(self, block: np.ndarray, elapsed: float, speaking: bool, status: dict | None = None) -> None:
        """The live line: elapsed time, level, speaking or the current silence, and in system design
        the current phase against its budget."""
        now = time.monotonic()
        if self._live is None or now - self._last_draw < 0.1:
            return
        self._last_draw = now
        db = max(-60.0, to_db(float(np.sqrt(np.mean(block * block))) if block.size else 0.0))
        line = Text("● REC", style="red")
        line.append(f" {elapsed:5.1f} s  ")
        line.append("█" * int((db + 60) / 2), style="green" if db < -6 else "red")
        line.append("·" * (30 - int((db + 60) / 2)), style="dim")
        line.append(f" {db:5.0f} dBFS  ")
        silence = (status or {}).get("silence_s") or 0.0
        line.append("speaking" if speaking else f"silent {silence:4.1f} s", style="green" if speaking else "dim")
        phase = (status or {}).get("phase")
        if phase and phase[0]:
            name, spent, budget = phase
            over = budget and spent > budget
            line.append(f"  {name.replace('_', ' ')} {spent / 60:4.1f}/{budget / 60:.0f} min",
                        style="red" if over else "cyan")
        self._live.update(line)

    def recording_done(self, ended_by: str, seconds: float) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
        reasons = {"silence": "you went quiet", "said-done": "you said you were done", "enter": "you pressed Enter", "max-length": "the time limit was reached",
                   "no-speech": "no speech was heard", "input-ended": "the input ended", "interrupted": "interrupted"}
        self.console.print(f"[dim]Recorded {seconds:.1f} s; stopped because {reasons.get(ended_by, ended_by)}.[/]")

    def feedback(self, analysis: dict) -> None:
        from .report import print_analysis

        print_analysis(analysis, self.console)

    def summary(self, text: str, path) -> None:
        self.console.rule("Round summary")
        self.say(text)
        self.console.print(f"Session saved to [bold]{path}[/]")

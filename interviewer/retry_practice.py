"""`practice --retry SESSION:N`: ask a saved question again and show each figure against earlier attempts.

It hooks the round from outside (tags the stored answer, adds to the feedback
shown) so the practice loop itself needs no retry logic.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .model import Question
from .retry import compare, earlier_attempts, parse_spec
from .store import find_session, iter_sessions, load_session


@dataclass
class Retry:
    question: Question
    retry_of: dict  # {"session": id, "n": N}, stored on the new answer
    root: Path

    def attach(self, store, ui) -> None:
        append, feedback = store.append_answer, ui.feedback
        tagged: list[dict] = []

        def append_answer(answer: dict) -> None:
            if not answer.get("follow_up_of") and not tagged:  # the retried question, not its follow-ups
                answer["retry_of"] = dict(self.retry_of)
                tagged.append(answer)
            append(answer)

        def show(analysis: dict) -> None:
            feedback(analysis)
            if tagged and tagged[0].get("analysis") is analysis:
                rows = compare(tagged[0], earlier_attempts(iter_sessions(self.root), store.id, tagged[0]))
                print_comparison(rows, getattr(ui, "console", None))

        store.append_answer, ui.feedback = append_answer, show


def prepare(spec: str, root: Path) -> Retry:
    session_spec, n = parse_spec(spec)
    folder = find_session(session_spec, root)
    data = load_session(folder)
    answer = next((a for a in data.get("answers", []) if a.get("n") == n), None)
    if answer is None:
        raise UserError(f"session {data.get('id')} has no answer {n} (it has {len(data.get('answers', []))})")
    q = dict(answer.get("question") or {})
    try:
        q["target_s"] = tuple(q.get("target_s") or (60.0, 120.0))
        question = Question(**{k: v for k, v in q.items() if k in Question.__dataclass_fields__})
    except TypeError:
        raise UserError(f"answer {n} of session {data.get('id')} has no usable question to ask again") from None
    return Retry(question, {"session": data.get("id"), "n": n}, folder.parent)


def print_comparison(rows: list[dict], console) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console(highlight=False)
    if not rows:
        return
    t = Table(title="Against your earlier attempts", show_header=True, box=None, padding=(0, 2))
    for col in ("figure", "earlier", "now", "change"):
        t.add_column(col)
    for r in rows:
        style = "green" if r["better"] else "red" if r["better"] is False else ""
        t.add_row(r["label"], " → ".join(r["earlier_text"]), r["now_text"], f"[{style}]{r['change_text']}[/]" if style else r["change_text"])
    console.print(t)

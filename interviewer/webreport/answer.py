"""One answer's section of the report: question, players, marked transcript, timeline, findings."""
from __future__ import annotations

from html import escape

from .timeline import timeline_html
from .transcript import part_legend, words_html

ORDER = {"warning": 0, "suggestion": 1, "strength": 2}


def clock(t) -> str:
    return "-" if t is None else f"{int(t // 60)}:{t % 60:04.1f}"


def seek_button(t, what: str) -> str:
    if t is None:
        return '<span class="at">-</span>'
    return f'<button class="seek" data-seek="{t:.2f}" aria-label="play {escape(what)} from {clock(t)}">&#9654; {clock(t)}</button>'


def player(src: str | None, name: str, cls: str, label: str) -> str:
    if src is None:
        return (f'<p class="missing" role="alert">&#9888; The recording {escape(name or "(none)")} is missing, '
                "so only the text is shown.</p>")
    return f'<audio class="{cls}" controls preload="metadata" src="{escape(src)}" aria-label="{escape(label)}"></audio>'


def _figures(d: dict) -> str:
    def num(v, unit=""):
        return "n/a" if v is None else f"{v}{unit}"
    rows = [("length", num(d.get("duration_s"), " s")), ("speaking", num(d.get("speech_s"), " s")),
            ("first word after", num(d.get("time_to_first_word_s"), " s")),
            ("pace", num(d.get("words_per_minute"), " wpm")), ("words", num(d.get("word_count"))),
            ("pauses of 0.25 s or more", str(len(d.get("pauses", [])))),
            ("longest pause", num(d.get("longest_pause_s"), " s")),
            ("fillers", f"{len(d.get('fillers', []))} ({num(d.get('fillers_per_minute'), ' a minute')})"),
            ("hedges", str(len(d.get("hedges", []))))]
    return '<table class="figures">' + "".join(f"<tr><th>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"


def _section(items: list, render, wrap: str) -> str:
    """`wrap` around the rendered items, or nothing when there are none."""
    return wrap.replace("{}", "".join(render(x) for x in items)) if items else ""


def _legend(legend: list[dict]) -> str:
    return _section(legend, lambda x: (
        f'<li class="{"" if x["present"] else "absent"}"><span class="sw {x["cls"]}"></span>'
        f'{escape(x["group"])}: {escape(x["part"].replace("_", " "))}'
        f'{"" if x["present"] else " <em>(missing)</em>"}</li>'), '<ul class="legend" aria-label="structure parts">{}</ul>')


def _quote(f: dict) -> str:
    return f'<q>{escape(f["evidence"])}</q>' if f.get("evidence") else ""


def _findings(feedback: list[dict]) -> str:
    ordered = sorted(feedback, key=lambda f: ORDER.get(f.get("severity"), 3))
    return _section(ordered, lambda f: (
        f'<li class="sev-{escape(str(f.get("severity")))}"><span class="badge">{escape(str(f.get("severity")))}</span> '
        f'{seek_button(f.get("start"), "the evidence")} {escape(f.get("message", ""))} '
        f'{_quote(f)}'
        f' <code>{escape(f.get("code", ""))}</code></li>'), '<ul class="findings">{}</ul>') or "<p>No findings.</p>"


def _events(events: list[dict]) -> str:
    return _section(events, lambda e: (
        f'<li>{seek_button(e.get("t"), "the event")} <span class="badge ev-{escape(str(e.get("type")))}">'
        f'{escape(str(e.get("type")))}</span> {escape(str(e.get("text", "")))}</li>'),
        '<h4>Interviewer events</h4><ul class="events">{}</ul>')


def _comparison(rows: list[dict]) -> str:
    return _section(rows, lambda r: (
        f'<tr class="{"better" if r["better"] else "worse" if r["better"] is False else ""}">'
        f'<th>{escape(r["label"])}</th><td>{escape(" → ".join(r["earlier_text"]))}</td>'
        f'<td>{escape(r["now_text"])}</td><td>{escape(r["change_text"])}</td></tr>'),
        '<h4>Against earlier attempts</h4><table class="compare"><tr><th>figure</th><th>earlier</th>'
        '<th>now</th><th>change</th></tr>{}</table>')


def answer_html(a: dict, srcs: dict, duration: float, comparison: list[dict]) -> str:
    analysis = a.get("analysis") or {}
    q = a.get("question") or {}
    legend = part_legend(analysis.get("structure") or {})
    events = sorted(a.get("events") or [], key=lambda e: e.get("t") or 0)
    label = "Follow-up" if a.get("follow_up_of") else "Question"
    retry = a.get("retry_of")
    note = f' <span class="tag">retry of {escape(str(retry.get("session")))} #{retry.get("n")}</span>' if retry else ""
    partial = ' <span class="tag warn">partial</span>' if a.get("partial") else ""
    warnings = "".join(f'<p class="missing">&#9888; {escape(w)}</p>' for w in analysis.get("warnings", []))
    spoken = "".join(f"<p><b>{k}:</b> {escape(analysis[f])}</p>" for k, f in
                     (("Spoken feedback", "feedback_summary"), ("Follow-up", "follow_up")) if analysis.get(f))
    return f"""<section class="answer" id="answer-{a.get('n')}" aria-label="{label} {a.get('n')}">
<h2>{label} {a.get('n')}{note}{partial}</h2>
<div class="question"><p>{escape(q.get('text') or analysis.get('question') or '')}</p>
{player(srcs.get('question'), a.get('question_audio'), 'q-audio', 'the question as spoken')}</div>
<h3>Your answer</h3>
{player(srcs.get('answer'), a.get('audio'), 'answer-audio', f'answer {a.get("n")}')}
{warnings}
{timeline_html(analysis, events, duration)}
{_legend(legend)}
{words_html(analysis, legend)}
<div class="cols"><div><h4>Findings</h4>{_findings(analysis.get('feedback', []))}{_events(events)}</div>
<div><h4>Delivery</h4>{_figures(analysis.get('delivery') or {})}{_comparison(comparison)}</div></div>
<div class="spoken">{spoken}</div>
</section>"""

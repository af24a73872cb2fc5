"""A session as subtitles (WebVTT, SRT), a readable Markdown transcript, or its JSON. Pure text out.

Cues follow sentences: words are grouped until sentence-ending punctuation, a pause
of CUE_PAUSE_S or more, or MAX_CUE_S of speech, so captions read as the answer was said.
"""
from __future__ import annotations

import json
from html import escape

from .errors import UserError

CUE_PAUSE_S = 0.7
MAX_CUE_S = 12.0
SHOWN_PAUSE_S = 1.0


def cues(words: list[dict], pause_s: float = CUE_PAUSE_S, max_s: float = MAX_CUE_S) -> list[tuple[float, float, str]]:
    out, cur = [], []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if cur and w["end"] - cur[0]["start"] > max_s:  # this word would make the cue too long
            out.append(cur)
            cur = []
        cur.append(w)
        if nxt is None or w["word"].rstrip("\"')").endswith((".", "?", "!")) or nxt["start"] - w["end"] >= pause_s:
            out.append(cur)
            cur = []
    return [(c[0]["start"], c[-1]["end"], " ".join(x["word"] for x in c)) for c in out]


def answer_cues(answer: dict) -> list[tuple[float, float, str]]:
    """The question (before the first word), then the answer's sentences, within the recording."""
    analysis = answer.get("analysis") or {}
    words = [w for w in (analysis.get("transcript") or answer.get("transcript") or {}).get("words", [])
             if w.get("start") is not None and w.get("end") is not None]
    if not words:
        raise UserError(f"answer {answer.get('n')} has no timed words, so it cannot be subtitled: "
                        "export it with --format md or json")
    length = (analysis.get("delivery") or {}).get("duration_s") or words[-1]["end"]
    body = [(max(0.0, s), min(e, length), t) for s, e, t in cues(words)]
    q = ((answer.get("question") or {}).get("text") or "").strip()
    first = body[0][0]
    return ([(0.0, first, f"Question: {q}")] if q and first > 0 else []) + body


def _stamp(t: float, sep: str) -> str:
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def to_vtt(answer: dict) -> str:
    lines = ["WEBVTT", ""]
    for i, (s, e, text) in enumerate(answer_cues(answer), 1):
        lines += [str(i), f"{_stamp(s, '.')} --> {_stamp(e, '.')}", text.replace("-->", "->"), ""]
    return "\n".join(lines)


def to_srt(answer: dict) -> str:
    lines = []
    for i, (s, e, text) in enumerate(answer_cues(answer), 1):
        lines += [str(i), f"{_stamp(s, ',')} --> {_stamp(e, ',')}", text, ""]
    return "\n".join(lines)


def _clock(t) -> str:
    return "-" if t is None else f"{int(t // 60)}:{t % 60:04.1f}"


def _md(text) -> str:
    """Spoken text as Markdown text: no raw HTML, no accidental emphasis."""
    return escape(str(text or ""), quote=False).replace("*", "\\*").replace("_", "\\_")


def _marked(analysis: dict) -> str:
    """The transcript with fillers in bold and long pauses in brackets, as the terminal replay shows it."""
    words = (analysis.get("transcript") or {}).get("words") or []
    d = analysis.get("delivery") or {}
    if not words or words[0].get("start") is None:
        return (analysis.get("transcript") or {}).get("text") or "(nothing recognised)"
    fillers = {round(f["start"], 2) for f in d.get("fillers", []) if f.get("start") is not None}
    pauses = sorted((p for p in d.get("pauses", []) if p["duration"] >= SHOWN_PAUSE_S), key=lambda p: p["end"])
    out = []
    for w in words:
        while pauses and w.get("start") is not None and pauses[0]["end"] <= w["start"] + 0.3:
            out.append(f"*[{pauses.pop(0)['duration']:.1f} s]*")
        text = _md(w["word"])
        out.append(f"**{text}**" if w.get("start") is not None and round(w["start"], 2) in fillers else text)
    return " ".join(out)


def to_markdown(session: dict) -> str:
    out = [f"# Interview practice {session.get('id')} ({session.get('round')})", "",
           f"Started {session.get('started')}. Fillers are in **bold**; pauses of {SHOWN_PAUSE_S:.0f} s or more in *[brackets]*.", ""]
    for a in session.get("answers", []):
        an = a.get("analysis") or {}
        d = an.get("delivery") or {}
        label = "Follow-up" if a.get("follow_up_of") else "Question"
        out += [f"## {label} {a.get('n')}: {_md((a.get('question') or {}).get('text', ''))}", "",
                f"Length {d.get('duration_s')} s, {d.get('words_per_minute')} words a minute, "
                f"{len(d.get('fillers', []))} fillers, longest pause {d.get('longest_pause_s')} s.", "",
                _marked(an), ""]
        for e in a.get("events") or []:
            out.append(f"- *{_clock(e.get('t'))}* ({e.get('type')}) {_md(e.get('text', ''))}")
        if an.get("feedback"):
            out += ["", "### Feedback", ""]
            for f in an["feedback"]:
                ev = f" — \"{_md(f['evidence'])}\"" if f.get("evidence") else ""
                out.append(f"- **{f.get('severity')}** ({_clock(f.get('start'))}) {_md(f.get('message'))}{ev}")
        for k, key in (("Spoken feedback", "feedback_summary"), ("Follow-up", "follow_up")):
            if an.get(key):
                out += ["", f"*{k}:* {_md(an[key])}"]
        out.append("")
    summary = (session.get("summary") or {}).get("summary")
    return "\n".join(out + ([f"## Round summary", "", summary, ""] if summary else []))


def to_json(session: dict) -> str:
    return json.dumps(session, indent=2, ensure_ascii=False) + "\n"

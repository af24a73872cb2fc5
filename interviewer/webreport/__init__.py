"""report.html for a saved session: one offline page, from the session.json contract alone.

No CDN, no web fonts, no requests: the CSS and script are inlined, the audio is
linked by relative path or embedded (--standalone).
"""
from __future__ import annotations

import wave
from html import escape
from importlib import resources
from pathlib import Path

from .answer import answer_html
from .media import audio_src


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _duration(a: dict, wav: Path) -> float:
    """The answer's length: the analysis's figure, else the WAV header, else the last word."""
    d = ((a.get("analysis") or {}).get("delivery") or {}).get("duration_s")
    if d:
        return float(d)
    try:
        with wave.open(str(wav)) as w:
            return w.getnframes() / w.getframerate()
    except (OSError, wave.Error, EOFError):
        words = ((a.get("analysis") or {}).get("transcript") or {}).get("words") or []
        return max((w.get("end") or 0 for w in words), default=1.0) or 1.0


def build_report(session: dict, folder: Path, out: Path, standalone: bool = False,
                 comparisons: dict[int, list[dict]] | None = None) -> str:
    sections = []
    for a in session.get("answers", []):
        wav = folder / (a.get("audio") or "")
        srcs = {"answer": audio_src(wav, out, standalone) if a.get("audio") else None,
                "question": audio_src(folder / a["question_audio"], out, standalone) if a.get("question_audio") else None}
        sections.append(answer_html(a, srcs, _duration(a, wav), (comparisons or {}).get(a.get("n"), [])))
    summary = (session.get("summary") or {}).get("summary")
    title = f"Interview practice {session.get('id', '')} ({session.get('round', '')})"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; media-src 'self' file: data:; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{escape(title)}</title><style>{_asset('report.css')}</style></head>
<body><header><h1>{escape(title)}</h1>
<p class="meta">started {escape(str(session.get('started') or '-'))} &middot; {len(session.get('answers', []))} answer(s)
&middot; keys: <kbd>space</kbd> play/pause, <kbd>&larr;</kbd>/<kbd>&rarr;</kbd> 5 s back/forward;
click a word to play from it</p>
{f'<p class="round-summary"><b>Round summary:</b> {escape(summary)}</p>' if summary else ''}</header>
<main>{''.join(sections) or '<p>This session has no answers.</p>'}</main>
<script>{_asset('report.js')}</script></body></html>
"""

"""A clickable bar of one answer: speech, pauses, fillers and interviewer events, by time.

Plain absolutely-positioned <div>s: no SVG library, and a click anywhere on the
bar seeks the answer to that point (report.js reads data-duration).
"""
from __future__ import annotations

from html import escape


def _pct(t: float, total: float) -> str:
    return f"{max(0.0, min(100.0, 100 * t / total)):.3f}%"


def speech_segments(words: list[dict], pauses: list[dict]) -> list[tuple[float, float]]:
    """Stretches from the first word to the last, cut at the measured pauses."""
    timed = [w for w in words if w.get("start") is not None]
    if not timed:
        return []
    segs, cur = [], timed[0]["start"]
    for p in sorted(pauses, key=lambda p: p["start"]):
        if p["start"] > cur:
            segs.append((cur, p["start"]))
        cur = max(cur, p["end"])
    end = max(w.get("end") or w["start"] for w in timed)
    if end > cur:
        segs.append((cur, end))
    return segs


def timeline_html(analysis: dict, events: list[dict], duration: float) -> str:
    d = analysis.get("delivery") or {}
    words = (analysis.get("transcript") or {}).get("words") or []
    total = max(duration, 0.1)
    bits = []
    for s, e in speech_segments(words, d.get("pauses", [])):
        bits.append(f'<div class="tl-speech" style="left:{_pct(s, total)};width:{_pct(e - s, total)}"></div>')
    for p in d.get("pauses", []):
        long_ = " long" if p["duration"] >= 1.0 else ""
        bits.append(f'<div class="tl-pause{long_}" style="left:{_pct(p["start"], total)};width:{_pct(p["duration"], total)}"'
                    f' title="pause {p["duration"]:.1f} s"></div>')
    for f in d.get("fillers", []):
        if f.get("start") is not None:
            bits.append(f'<div class="tl-filler" style="left:{_pct(f["start"], total)}" '
                        f'title="filler &quot;{escape(f.get("word", ""))}&quot;"></div>')
    for ev in events:
        if ev.get("t") is not None:
            bits.append(f'<div class="tl-event ev-{escape(str(ev.get("type", "")))}" style="left:{_pct(ev["t"], total)}" '
                        f'title="{escape(str(ev.get("type", "")))}: {escape(str(ev.get("text", "")))}"></div>')
    bits.append('<div class="tl-head" style="left:0%"></div>')
    return (f'<div class="timeline" role="button" tabindex="0" data-duration="{total:.2f}" '
            f'aria-label="timeline of the answer, {total:.0f} seconds: click to play from that point">'
            + "".join(bits) + "</div>"
            '<div class="tl-legend"><span class="k tl-speech"></span>speech <span class="k tl-pause long"></span>pause '
            '<span class="k tl-filler"></span>filler <span class="k tl-event"></span>interviewer event</div>')

"""The transcript as clickable word <span>s: fillers, hedges, long pauses and structure parts marked.

Marks are matched to words by start time, as the analysis records them; a part
whose evidence has no start is found by its quote instead.
"""
from __future__ import annotations

from html import escape

from ..parts import part_nodes

SHOWN_PAUSE_S = 1.0  # shorter pauses are ordinary phrasing, as in the terminal replay


def _norm(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalnum())


def _index_at(words: list[dict], start: float | None, quote: str) -> int | None:
    """The word where a mark begins: by time when known, else by the quote's first words."""
    if start is not None:
        for i, w in enumerate(words):
            if w.get("start") is not None and w["start"] >= start - 0.05:
                return i
        return None
    want = [_norm(w) for w in quote.split()][:4]
    have = [_norm(w["word"]) for w in words]
    for i in range(len(have) - len(want) + 1):
        if want and have[i:i + len(want)] == want:
            return i
    return None


def part_legend(structure: dict) -> list[dict]:
    """[{"group", "part", "present", "cls"}] in order; cls p0..p7 picks the colour."""
    return [{"group": g, "part": p, "present": bool(n["present"]), "node": n, "cls": f"p{i % 8}"}
            for i, (g, p, n) in enumerate(part_nodes(structure))]


def words_html(analysis: dict, legend: list[dict]) -> str:
    words = analysis.get("transcript", {}).get("words") or []
    d = analysis.get("delivery") or {}
    if not words:
        return f'<p class="plain">{escape(analysis.get("transcript", {}).get("text") or "(nothing recognised)")}</p>'
    classes: list[list[str]] = [[] for _ in words]
    titles: list[list[str]] = [[] for _ in words]
    fillers = {round(f["start"], 2) for f in d.get("fillers", []) if f.get("start") is not None}
    for i, w in enumerate(words):
        if w.get("start") is not None and round(w["start"], 2) in fillers:
            classes[i].append("filler")
            titles[i].append("filler")
    for h in d.get("hedges", []):
        i = _index_at(words, h.get("start"), h.get("phrase", ""))
        for j in range(i, min(len(words), i + len(h.get("phrase", "x").split()))) if i is not None else ():
            classes[j].append("hedge")
            titles[j].append(f"hedge: {h.get('phrase', '')}")
    for item in legend:
        node = item["node"]
        if not item["present"] or not (node.get("evidence") or node.get("start") is not None):
            continue
        i = _index_at(words, node.get("start"), node.get("evidence") or "")
        n = max(1, len((node.get("evidence") or "x").split()))
        for j in range(i, min(len(words), i + n)) if i is not None else ():
            classes[j] = [c for c in classes[j] if not c.startswith("p")] + ["part", item["cls"]]
            titles[j].append(f"{item['group']}: {item['part']}")
    pauses = sorted((p for p in d.get("pauses", []) if p["duration"] >= SHOWN_PAUSE_S), key=lambda p: p["end"])
    out = []
    for i, w in enumerate(words):
        while pauses and w.get("start") is not None and pauses[0]["end"] <= w["start"] + 0.3:
            p = pauses.pop(0)
            out.append(f'<button class="pause" data-seek="{p["start"]:.2f}" aria-label="pause of '
                       f'{p["duration"]:.1f} seconds, play from here">{p["duration"]:.1f} s</button>')
        attrs = f' class="{" ".join(["w"] + classes[i])}"'
        if w.get("start") is not None:
            attrs += f' data-start="{w["start"]:.2f}" data-end="{(w.get("end") or w["start"]):.2f}"'
        if titles[i]:
            attrs += f' title="{escape(", ".join(titles[i]))}"'
        out.append(f"<span{attrs}>{escape(w['word'])}</span>")
    return '<p class="words">' + " ".join(out) + "</p>"

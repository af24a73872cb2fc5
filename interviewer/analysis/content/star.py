"""Behavioural answers: Situation, Task, Action, Result, found without the
candidate ever saying those words. Each clause gets one label from cues,
tense and position (context comes before actions, outcomes after)."""
from __future__ import annotations

from ...model import Finding
from .lexicon import find, is_number, is_year
from .text import Clause
from .verbs import STATIVE, hypothetical_at, is_past, narrated_at, past_after

PARTS = ("situation", "task", "action", "result")
FIRST_PERSON = {"i", "we", "i've", "we've", "i'd", "we'd"}
SITUATION = [
    "at|in my last|previous|old|first|current|former", "when|while i was", "when we were", "back in",
    "last year|month|quarter|summer|spring|winter|autumn|fall", "years|months|weeks ago", "at a|an *",
    "there was|were", "we had", "we were", "our * was|were|had|kept|took", "our * * was|were|had|kept|took",
    "the team was|were|had", "situation", "i was on|leading|working|the|a|an|at|in|part", "i joined",
    "during", "i disagreed", "disagreed", "ago", "this was at|in|when", "it was at|in|when",
]
TASK = [
    "my job|task|goal|role|responsibility|mission|brief was", "the goal|task|ask|challenge|brief was",
    "i was asked|tasked|told|expected|supposed|responsible|assigned|given", "asked me to", "tasked with",
    "i had to", "i needed to", "we needed to", "needed me to", "wanted me to", "it was my job|call|responsibility",
    "it was on me", "fell to me", "it fell on", "i was in charge", "i owned", "wanted to know", "my goal",
    "i had to figure", "in charge of", "as the owner", "the on call engineer", "was my project|job|task|call",
    "up to me", "the|my team|manager|boss|director|ceo|client|customer|lead wanted|needed|asked",
    # responsibility or ownership, however it is phrased
    "responsible|accountable for", "my responsibility", "the owner of", "ownership of", "i took ownership",
    "on my plate|desk", "landed on me|my", "handed|gave|assigned me", "i was handed|given|put", "i got asked|tasked|handed|put",
    "the|our|my objective|aim|target|mandate|mission|requirement|priority was|is|were",
]
# Obligation and deadline cues that name the task only while the scene is being set:
# once actions have started, "we had to roll back" is an action, not the brief.
TASK_EARLY = [
    "had|needed to", "had to be|get|make", "it had|needed to", "the deadline", "deadline", "hard stop",
    "before the|our|a ... went|goes|launched|launch|deadline|audit|peak|rush|release|renewal|end",
    "by the end of", "was|were expected to", "were asked|told|tasked", "we wanted to", "i wanted to",
    # an assignment reported as speech: "my manager basically said you own this"
    "manager|boss|lead|director|head|cto|ceo|vp|client|customer|stakeholder*|team ... said|told|asked|gave|wanted|made",
    "you own|owned|need|needed|have|had|must", "said|told * to", "told us|me", "asked us",
    # a goal or target
    "the point was", "i was trying to", "we were trying to", "the deadline|target|aim|objective",
]
RESULT_MARKERS = [
    "as a result", "in the end", "eventually", "ultimately", "the result", "the outcome", "which|that meant",
    "which led", "led to", "ended up", "since then", "so now", "never happened again", "never had to",
    "from then on", "by the end", "after that * was|were", "and now", "from {num} ... to {num}",
    "it's|is|are|was|were now", "now used|has|have|runs|serves",
    # a before -> after change: "from about four minutes down to forty seconds"
    "from ... {num} ... to ... {num}", "down|up from {num}", "down to {num}", "by the time|peak|launch|deadline",
    # negative outcomes count as results
    "it|that|this didn't|never work*|pan|land|happen", "it|that|this did not work", "it failed", "didn't pay off",
]
OUTCOME = [
    "dropped", "went down|up|from", "increased", "decreased", "reduced", "improved", "saved", "halved",
    "doubled", "tripled", "quadrupled", "grew", "rose", "fell", "stopped", "disappeared", "renewed",
    "launched", "landed", "delivered", "came round|around", "agreed", "adopted", "back up", "trusted",
    "on time", "promoted", "exceeded", "stayed", "stable", "zero", "resolved", "got their", "happy",
    "thanked", "praised", "shipped", "success*", "paid off", "take|takes|took {num}", "now take*",
    "cut * in half", "cut", "won", "hit", "beat", "passed",
    "taken|brought|got|cut * down|up", "taken|brought|got|cut * * down|up", "taken|brought * from",
    # negative outcomes
    "missed", "failed", "lost", "shelved", "scrapped", "cancel*", "abandoned", "killed", "canned", "fell through|apart",
    "didn't|never work|ship|land|launch|happen|recover|make", "got * shelved|scrapped|cancelled|killed|canned",
]
QUANT_WORDS = {"halved", "doubled", "tripled", "quadrupled", "zero", "percent", "half", "third", "x"}


def _action_at(words: list[str]) -> int | None:
    for i, w in enumerate(words):
        if w in FIRST_PERSON:
            j = past_after(words, i)
            if j is not None and words[j] not in STATIVE:
                return i
    return None


def _label(c: Clause, seen_action: bool) -> list[tuple[str, int]]:
    """(part, from_token) pieces for one clause; run-on ASR clauses may hold several."""
    w = c.words
    task = find(TASK, w)
    if task is None and not seen_action:
        task = find(TASK_EARLY, w)
    if task is not None:
        pieces = [("task", task)]
        if task > 3 and (find(SITUATION, w[:task]) is not None or not seen_action):
            pieces.insert(0, ("situation", 0))
        act = _action_at(w[task + 3:])
        if act is not None:
            pieces.append(("action", task + 3 + act))
        pieces[0] = (pieces[0][0], 0)
        return pieces
    marker = find(RESULT_MARKERS, w)
    if marker is not None and marker <= 2:
        return [("result", 0)]
    act = _action_at(w)
    outcome = find(OUTCOME, w)
    if act is not None:
        if seen_action and outcome is not None and outcome <= act + 3:
            return [("result", 0)]  # "we shipped it on time", "we saved forty thousand"
        later = [p for p in (marker, outcome) if p is not None and p > act + 2]
        return [("action", 0)] + ([("result", max(act + 3, min(later) - 4))] if later else [])
    if marker is not None or (outcome is not None and seen_action):
        return [("result", 0)]
    if find(SITUATION, w) is not None or (not seen_action and len(w) >= 3):
        return [("situation", 0)]
    return []


def clause_labels(clauses: list[Clause]) -> list[set[str]]:
    """The STAR parts the rules give each clause, in order (as analyse_star labels them, before the
    hypothetical and generic-answer gates), plus "quantified" on result pieces that carry a number.
    Read by the learned judge as features; analyse_star's own verdicts do not depend on it."""
    out, seen_action = [], False
    for c in clauses:
        pieces, got = _label(c, seen_action), set()
        for n, (part, at) in enumerate(pieces):
            upto = pieces[n + 1][1] if n + 1 < len(pieces) else len(c.tokens)
            got.add(part)
            if part == "action":
                seen_action = True
            if part == "result" and _quantified(c.words[at:upto]):
                got.add("quantified")
        out.append(got)
    return out


def _quantified(words: list[str]) -> bool:
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in QUANT_WORDS or (is_number(w, allow_one=nxt not in {"of", "more", "thing"}) and not is_year(w)):
            return True
    return False


def analyse_star(clauses: list[Clause]) -> dict:
    total = sum(len(c.tokens) for c in clauses) or 1
    hyp = sum(1 for c in clauses if hypothetical_at(c.words) is not None)
    story = sum(1 for c in clauses if any(is_past(x) for x in c.words) and hypothetical_at(c.words) is None)
    hypothetical = hyp > 0 and hyp >= story
    # No event told in the simple past ("I've always delivered results"): a self-description, not a story.
    generic = story > 0 and not any(narrated_at(c.words) is not None for c in clauses)
    parts = {p: {"present": False, "share": 0.0, "evidence": "", "start": None} for p in PARTS}
    quantified, quant_evidence, i_count, we_count = False, "", 0, 0
    seen_action = False
    for c in ([] if hypothetical or generic else clauses):
        pieces = _label(c, seen_action)
        for n, (part, at) in enumerate(pieces):
            upto = pieces[n + 1][1] if n + 1 < len(pieces) else len(c.tokens)
            rec = parts[part]
            rec["share"] += (upto - at) / total
            if not rec["present"]:
                rec.update(present=True, evidence=c.quote(at), start=c.start_at(at))
            words = c.words[at:upto]
            if part == "action":
                seen_action = True
                i_count += sum(1 for x in words if x in {"i", "i've", "i'd"})
                we_count += sum(1 for x in words if x in {"we", "we've", "we'd"})
            if part == "result" and not quantified and _quantified(words):
                quantified, quant_evidence = True, c.quote(at)
    for rec in parts.values():
        rec["share"] = round(rec["share"], 2)
    return {
        "star": parts,
        "hypothetical": hypothetical,
        "quantified_result": quantified,
        "quantified_evidence": quant_evidence,
        "ownership": {"i": i_count, "we": we_count, "we_over_i": we_count > i_count},
    }


def star_findings(s: dict, first_clause: Clause | None) -> list[Finding]:
    if s["hypothetical"]:
        ev = first_clause.quote() if first_clause else ""
        return [Finding("star.hypothetical", "warning",
                        "That was what you would do, not a story. Tell one real time it happened.",
                        first_clause.start if first_clause else None, ev)]
    out, star = [], s["star"]
    missing = [p for p in PARTS if not star[p]["present"]]
    for part in missing:
        severity = "warning" if part in ("action", "result") else "suggestion"
        out.append(Finding(f"star.{part}.missing", severity, MISSING[part], None, ""))
    if not missing:
        out.append(Finding("star.complete", "strength", "Your story had a clear setting, task, action and result.",
                           star["situation"]["start"], star["situation"]["evidence"]))
    res = star["result"]
    if res["present"] and s["quantified_result"]:
        out.append(Finding("star.result.quantified", "strength", "You gave a measurable result.",
                           res["start"], s["quantified_evidence"]))
    elif res["present"]:
        out.append(Finding("star.result.unquantified", "suggestion",
                           "Put a number on the result: how much faster, cheaper or bigger.", res["start"], res["evidence"]))
    if s["ownership"]["we_over_i"]:
        act = star["action"]
        out.append(Finding("ownership.we", "suggestion",
                           "You said we more than I. Say what you did yourself.", act["start"], act["evidence"]))
    return out


MISSING = {
    "situation": "Set the scene in one sentence: where you were and what was going on.",
    "task": "Say what you were responsible for, so the stakes are clear.",
    "action": "Describe the steps you took yourself.",
    "result": "The story has no result. End with the outcome, ideally in numbers.",
}

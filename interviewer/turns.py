"""Turn-taking: when an answer ends, when to nudge, and the system-design phase clock. Pure.

Nothing here reads audio or a clock of its own: the recorder hands in what it measured
(silence, elapsed seconds, the live transcript so far) and acts on what comes back, so
every decision is unit-tested with made-up numbers and a fake clock.

    assess(round, text, ready) -> Live          what the live transcript says about the end
    decide(rules, state)       -> str | None    ended_by, or None to keep listening
    NudgeScheduler                             one spoken prompt per silence, then a cooldown
    PhaseClock                                 the current design phase against its budget
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

from .rounds import Endpointing, Round

# Spoken closing phrases: they end the answer when they close its last sentence.
CLOSING_PHRASES = ("i'm done", "i am done", "that's my answer", "that is my answer", "that's my solution",
                   "that is my solution", "that's it", "that is it", "i'm finished", "i am finished",
                   "let's stop here", "let us stop here")
# Words that may follow a closing phrase and still leave it at the end: "I'm done, thanks."
_POLITE = {"thanks", "thank", "you", "yeah", "so", "okay", "ok", "really", "for", "now", "um", "uh"}
# A last word that leaves the sentence hanging: "and...", "so um...".
TRAILING = {"and", "so", "but", "because", "or", "um", "uh", "erm", "hmm", "then", "like", "which", "that",
            "the", "a", "an", "to", "with", "if", "when", "of", "also", "plus", "until", "while", "where",
            "i", "we", "my", "our", "is", "was", "were", "are", "for", "in", "on", "at", "as", "by", "from",
            "since", "whereas", "although", "though", "basically", "mean", "know", "let", "gonna", "just"}
SAID_DONE_SILENCE_S = 0.7   # a closing phrase ends the answer once this much silence follows it
SAID_DONE_LATEST_S = 1.5    # ...and, with the transcript ready, never later than this


def _norm(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [w for w in (re.sub(r"[^\w']+", "", t) for t in text.split()) if w]


def last_sentence(text: str) -> str:
    """The last sentence of a live transcript (Whisper punctuates; a piece end also ends one)."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if _norm(p)]
    return parts[-1] if parts else ""


def said_done(text: str) -> bool:
    """True when a closing phrase ends the transcript: "...and that's my answer." counts,
    "I'm done with the first part, now I'll..." does not."""
    words = _norm(text)
    while words and words[-1] in _POLITE and not _closes(words):
        words = words[:-1]
    return _closes(words)


def _closes(words: list[str]) -> bool:
    tail = " ".join(words[-4:])
    return any(tail == p or tail.endswith(" " + p) for p in CLOSING_PHRASES)


def trails_off(text: str) -> bool:
    """The answer's last sentence hangs: it ends on "and", "so um", a dash or an ellipsis."""
    stripped = text.rstrip()
    if not stripped:
        return False
    if stripped.endswith(("...", "\u2026", "-", "\u2014", ",")):
        return True
    words = _norm(stripped)
    return bool(words) and words[-1] in TRAILING


def has_what_it_needs(rnd: Round, text: str) -> bool:
    """Whether the answer so far carries the parts its round needs before a short silence may end it,
    judged by the same pure analysis the feedback uses (behavioural: a result; phone screen: role,
    focus and what next), with every judge the round's `complete_judged_by` names agreeing.
    Ending too early loses what the candidate says next, while ending late costs end_silence_s
    instead of settle_s, so rounds whose learned judge often finds a part before it is said (an
    action taken for a result) also ask the phrase rules: tests/corpus/ENDPOINT.md."""
    if not rnd.complete_when:
        return True
    return _needs_met(rnd.name, " ".join(text.split()))


@lru_cache(maxsize=64)
def _needs_met(round_name: str, text: str) -> bool:
    from .rounds import get_round

    rnd = get_round(round_name)
    return judged_complete(rnd, text, rnd.complete_judged_by)


def judged_complete(rnd: Round, text: str, judges: tuple) -> bool:
    """Whether every judge in `judges` finds all the round's `complete_when` parts in `text` (also what
    interviewer/judge/endpoint.py measures, with one judge at a time)."""
    from .analysis.content import analyse_content
    from .model import Transcript

    transcript = Transcript.from_text(text)
    for judge in judges:
        structure = analyse_content(rnd, transcript, judge=judge).structure
        if not all(rnd.part(key).present(structure) for key in rnd.complete_when):
            return False
    return True


@dataclass(frozen=True)
class Live:
    """What the live transcript says about ending the answer."""
    ready: bool = False          # the transcript covers all speech so far
    said_done: bool = False      # a closing phrase ends what has been heard: the transcript, or the quick tail
    complete: bool = False       # the last sentence is finished and the round's parts are there
    text: str = ""


NOT_READY = Live()


def assess(rnd: Round, text: str, ready: bool, quick_tail: str | None = None) -> Live:
    """Judge the live transcript once per change (the analysis runs only when the round needs it).
    `quick_tail` is a fast reading of the last seconds of speech, there while the transcript is not
    ready yet: it may hear the closing phrase a second before the transcript does."""
    text = " ".join(text.split())
    tail = text[-300:]  # the end is all the phrase checks read: a 45-minute transcript costs the same
    done = (ready and said_done(tail)) or bool(quick_tail and said_done(quick_tail))
    if not text:
        return Live(ready=ready, said_done=done)
    complete = (rnd.endpointing.end_silence_s is not None and not trails_off(tail)
                and has_what_it_needs(rnd, text))
    return Live(ready=ready, said_done=done, complete=complete, text=text)


def silence_to_end(rules: Endpointing, live: Live) -> Optional[float]:
    """Seconds of silence that end the answer now; None when silence cannot end it.
    A complete answer settles after settle_s; an unfinished or trailing one waits end_silence_s."""
    if rules.end_silence_s is None:
        return None
    if live.ready and live.complete:
        return min(rules.settle_s, rules.end_silence_s)
    return rules.end_silence_s


@dataclass(frozen=True)
class State:
    elapsed_s: float             # seconds of answer recorded
    heard_speech: bool
    silence_s: float             # since the last speech (0 while speaking)
    enter: bool = False
    live: Live = NOT_READY


def decide(rules: Endpointing, s: State) -> Optional[str]:
    """Why the answer ends now (the `ended_by` value), or None to keep listening."""
    if s.enter:
        return "enter"
    if s.heard_speech and s.live.said_done and s.silence_s >= SAID_DONE_SILENCE_S:
        return "said-done"
    if s.heard_speech:
        wait = silence_to_end(rules, s.live)
        if wait is not None and s.silence_s >= wait:
            return "silence"
    elif s.elapsed_s >= rules.start_timeout_s:
        return "no-speech"
    if s.elapsed_s >= rules.max_answer_s:
        return "max-length"
    return None


# --- nudges ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def spoken_lines() -> dict:
    """prompts/nudges.yaml: the nudges and the time-check wording."""
    import yaml

    from .resources import prompts_dir

    return yaml.safe_load((prompts_dir() / "nudges.yaml").read_text(encoding="utf-8"))


class NudgeScheduler:
    """After `after_s` of the candidate's silence, one prompt from the list in turn; then nothing
    for `cooldown_s` from the end of that prompt. Silence is the candidate's: the interviewer's
    own voice is kept out of the VAD, so it neither resets nor fills a silence."""

    def __init__(self, after_s: Optional[float], cooldown_s: float, prompts: Optional[list[str]] = None):
        self.after_s, self.cooldown_s = after_s, cooldown_s
        self.prompts = list(prompts if prompts is not None else spoken_lines()["nudges"])
        self.given = 0
        self._quiet_until = float("-inf")

    def due(self, now_s: float, silence_s: float, heard_speech: bool, speaking: bool = False) -> Optional[str]:
        """The prompt to speak now, or None. Call `spoken(end_s)` once it has been said."""
        if self.after_s is None or not self.prompts or speaking or not heard_speech:
            return None
        if silence_s < self.after_s or now_s < self._quiet_until:
            return None
        text = self.prompts[self.given % len(self.prompts)]
        self.given += 1
        self._quiet_until = float("inf")  # until spoken() says when it ended
        return text

    def spoken(self, end_s: float) -> None:
        self._quiet_until = end_s + self.cooldown_s


# --- the system-design phase clock ---------------------------------------------------------------

@dataclass
class PhaseClock:
    """The current system-design phase, tracked from the transcript as pieces arrive, with the same
    judge as the analysis (design.phase_at). `now` is the time source in seconds from the start of
    the answer (the recorder passes its sample clock; tests pass a fake one)."""
    budgets_min: dict
    now: Callable[[], float]
    over: float = 1.5                     # a time check once a phase runs half again over budget
    phase: Optional[str] = None
    since_s: float = 0.0                  # when the current phase began
    changes: list = field(default_factory=list)   # (t, phase)
    checked: set = field(default_factory=set)

    def add_words(self, words) -> list[tuple[float, str]]:
        """Feed newly transcribed Words (with times); returns the phase changes they hold."""
        from .analysis.content.design import PHASES, phase_at
        from .analysis.content.text import clauses_of
        from .model import Transcript

        if not words:
            return []
        found = []
        current = self.phase or PHASES[0]
        for c in clauses_of(Transcript(" ".join(w.word for w in words), list(words))):
            for i, tok in enumerate(c.tokens):
                nxt = phase_at(c, i, current)
                if self.phase is None or nxt != current:
                    t = tok.start if tok.start is not None else self.now()
                    current = self.phase = nxt
                    self.since_s = t
                    self.changes.append((t, nxt))
                    found.append((t, nxt))
        return found

    def status(self) -> tuple[Optional[str], float, float]:
        """(phase, seconds in it, its budget in seconds)."""
        if self.phase is None:
            return None, 0.0, 0.0
        return self.phase, max(0.0, self.now() - self.since_s), float(self.budgets_min.get(self.phase, 0)) * 60

    def time_check(self) -> Optional[str]:
        """One spoken time check per phase once it runs more than `over` times its budget."""
        phase, spent, budget = self.status()
        if phase is None or not budget or phase in self.checked or spent <= budget * self.over:
            return None
        self.checked.add(phase)
        lines = spoken_lines()
        names = lines.get("phase_names", {})
        order = list(self.budgets_min)
        later = order[order.index(phase) + 1:] if phase in order else []
        words = {"minutes": round(spent / 60), "phase": names.get(phase, phase.replace("_", " "))}
        if later:
            return lines["time_check"].format(next=names.get(later[0], later[0].replace("_", " ")), **words)
        return lines["last_phase_check"].format(**words)

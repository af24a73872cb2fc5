"""Features of each clause of an answer, for the learned judge. numpy only (wordllama's table for the embedding).

Per clause: a wordllama sentence embedding of the clause and of the clause with its neighbours,
which phrase lists of the rules hit inside it, the rules' STAR label for it, the rules'
answer-level verdicts, its relative position, tense and person, question form, and numbers.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
import numpy as np

import importlib

from ..analysis.content import design, framework, negotiation, pitch, star, thinkaloud
from ..analysis.content.lexicon import _match_c, index, is_number, is_year
from ..analysis.content.text import Clause
from ..analysis.content.verbs import hypothetical_at, is_past, narrated_at
from .embedding import EMBED_DIM, Embedder
from .labels import LABELS, LEVER_HEADS, LEVER_NAMES, rule_verdict
from .model import NGRAM_BITS

mindset = importlib.import_module("interviewer.analysis.content.mindset")  # the package re-exports a function of that name

KINDS = ("behavioural", "technical", "system-design", "coding", "phone-screen", "negotiation")


class Phrases:
    """The rules' phrase list, indexed by first token so a clause is scanned once (same matches as lexicon.find)."""

    def __init__(self, phrases):
        self.idx = index(tuple(phrases))

    def hit(self, words: list[str]) -> bool:
        return self.idx.find(words) is not None


PHRASE_LISTS = {
    "situation": star.SITUATION, "task": star.TASK, "task_early": star.TASK_EARLY,
    "result_marker": star.RESULT_MARKERS, "outcome": star.OUTCOME,
    "what": framework.WHAT, "capability": framework.CAPABILITY, "define_intro": framework.DEFINE_INTRO,
    "when": framework.WHEN, "why": framework.WHY, "why_causal": framework.WHY_CAUSAL, "tradeoff": framework.TRADEOFF,
    "not_definition": framework._NOT_DEFINITION, "verdict": framework._VERDICT,
    "requirements": design.REQUIREMENTS, "estimation": design.ESTIMATION, "rate": design._RATE,
    "suppose": design._SUPPOSE, "scale": design._SCALE, "components": design.COMPONENTS, "high_level": design.HIGH_LEVEL,
    "deep_dive": design.DEEP_DIVE, "tradeoffs": design.TRADEOFFS, "failure": design.FAILURE, "heavy": design.HEAVY,
    "small": design.SMALL,
    "complexity": thinkaloud.COMPLEXITY, "testing": thinkaloud.TESTING, "brute": thinkaloud.BRUTE,
    "optimise": thinkaloud.OPTIMISE,
    "role_openers": pitch.ROLE_OPENERS, "role_nouns": pitch.ROLE_NOUNS, "focus": pitch.FOCUS, "next": pitch.NEXT,
    "opinion": mindset.OPINION, "honest_gap": mindset.HONEST_GAP, "gap_bridge": mindset.GAP_BRIDGE,
    "buzz": mindset.BUZZ, "concrete": mindset.CONCRETE, "asking": mindset.ASKING,
    "accept": negotiation.ACCEPT, "not_yet": negotiation.NOT_YET, "time": negotiation.TIME, "weak": negotiation.WEAK,
    "want": negotiation.WANT, "research": negotiation.RESEARCH, "firm_accept": negotiation.FIRM_ACCEPT,
    "levers": [p for cues in negotiation.LEVERS.values() for p in cues],
}


# Cues for what a part DOES, beyond the rules' own lists (judge features only; the rules do not read them).
CUES = {
    # a cost or a rejected alternative
    "cue.cost": [
        "you pay", "pay for|in", "the catch", "the downside|cost|price|risk|problem|drawback|issue|trouble|con",
        "downside*", "drawback*", "at the cost of", "costs|cost you", "the big|main|real|biggest|only cost|risk|catch|problem|issue",
        "slower", "more expensive", "extra memory|disk|latency|complexity|cost|work|hops|overhead|storage",
        "overhead", "complexity", "harder to|when", "hard to", "painful", "pain", "can kill|hurt|bite|blow",
        "you lose", "we lost", "you give up", "gave up", "not free", "isn't free", "expensive", "stale",
        "only guaranteed", "doesn't|don't|can't|cannot|won't scale|handle|help|work|guarantee",
        "limitation*", "limited", "the flip side", "on the other hand", "worse", "more memory|disk|storage|cpu",
    ],
    "cue.alternative": [
        "instead of", "rather than", "we rejected|considered|looked at|ruled out", "we chose|picked|went with",
        "over a|an|the", "versus", "vs", "compared to|with", "the alternative", "alternatively", "or we could",
        "we could have", "would have meant", "looked at * but", "considered * but", "chose * over", "instead",
    ],
    "cue.but": ["but", "though", "although", "however", "except", "unless", "whereas", "the trade off", "tradeoff*", "trade off*"],
    # where it fits: a condition or a use case
    "cue.condition": [
        "if you|your|the|it's|its|there's|you're|you've|data|traffic|reads|writes", "when you|your|the|there's|it's|data|reads|writes|traffic|lots|many",
        "whenever", "for workloads|cases|things|services|systems|data|apps|teams|anything|example",
        "use it|them|one for|when|if|on|in", "i use|used it|them|one for|on|in", "not for", "avoid it|them|one",
        "don't use|need", "wouldn't use", "overkill for|when|if", "makes|make sense", "is|are good|great|ideal|best|useful|handy for|when",
        "like a|an|the", "such as", "e g", "for example", "for instance", "for a|an|the|small|big|large|high|low|read|write|heavy",
        "heavy", "read heavy", "write heavy", "lots of", "many", "high traffic|volume|read|write", "at scale",
        "you'd want", "you want", "you need", "only if|when", "as long as", "in cases|situations",
    ],
    # how it turned out: an outcome verb, a change, a figure
    "cue.outcome": [
        "dropped", "went from|down|up|to", "ended up|with", "cut", "saved", "shipped", "was|were|got adopted|approved|promoted|accepted|merged|rolled",
        "fell", "rose", "grew", "halved", "doubled", "improved", "reduced", "now", "since then", "after that", "in the end",
        "the result", "result*", "outcome", "turned out", "worked", "it paid off", "we hit", "we met|beat|made", "on time", "from {num}", "to {num}",
        "by {num}", "{num} percent", "down to", "no longer", "never again", "stopped", "went away", "finished", "completed", "launched",
        "learned", "learnt", "feedback", "the team * happier|faster|better", "got better|faster|worse", "became",
    ],
    "cue.plan": [
        "i'd|i will|i'll|we'll|we'd|would|going to|gonna|plan|planned|planning|hope|hoping|want|wanted|trying|tried to|aim",
        "next step*", "not sure", "don't know", "we'll see", "still", "yet",
    ],
    "cue.action_verb": [
        "i|we profiled|cached|rewrote|built|added|wrote|moved|migrated|set|ran|split|fixed|changed|introduced|created|designed|talked|met|started|pulled|traced|found|dug|read|asked|proposed|paired|automated",
    ],
    # the candidate's own stance
    "cue.stance": [
        "i'd pick|go|choose|prefer|recommend|use|start|reach|lean|rather|say|argue|avoid|stick",
        "i would pick|go|choose|prefer|recommend|use|start|reach|lean|rather|say|argue|avoid|stick",
        "honestly", "frankly", "to be honest", "personally", "my default", "my go to", "my preference|view|take|opinion|bet|rule",
        "i think|believe|feel * is|are|should|overused|overrated|underrated|better|worse|wrong|right",
        "i prefer", "i like", "i love", "i hate", "i don't like", "i'm not a fan", "i'm a fan", "i'm a big fan",
        "in my opinion|view|experience", "i'm convinced", "i always", "i never", "i'd never", "should be|use|just",
        "most teams|people * should|don't|shouldn't", "overkill", "overrated", "overused", "underrated", "not worth", "worth it",
    ],
    "cue.hedge": ["it depends", "depends on", "both are|have", "either", "all have", "pros and cons", "no right answer", "case by case"],
    # what the candidate focuses on or is strong at
    "cue.focus": [
        "focus*", "speciali*", "mostly", "mainly", "primarily", "strong|good at", "best at", "my strength*", "i love|enjoy",
        "i'm known for", "known for", "passion*", "i care about", "i work on|with|in", "i build|built|design|designed|own|owned|led|lead|run|ran",
        "i've built|led|owned|shipped|worked|spent|done", "experience in|with", "years of|in", "a lot of", "deep in", "expert*", "background in|is",
        "highlight", "proud", "biggest win", "most recently", "recently", "day to day", "my area", "my work",
    ],
    # asking for more without a number
    "cue.vague_ask": [
        "any flexibility|room|chance|way|wiggle", "flexib*", "a bit|little more|higher|better", "bit more|higher", "more|higher|better",
        "could|can you|we do|go|move|bump|improve|stretch|sweeten|look", "is there", "negotiable", "wiggle", "budge", "stretch",
        "what can you do", "do anything", "something more", "a little", "somewhat", "is that the best", "best you",
    ],
}


@lru_cache(maxsize=1)
def _phrase_sets() -> dict[str, Phrases]:
    return {name: Phrases(phrases) for name, phrases in PHRASE_LISTS.items()}


class Lists:
    """Every phrase list in one first-token index: which lists hit a clause, in one scan of its words."""

    def __init__(self, lists: dict[str, list[str]]):
        phrases, self.owner = [], []
        for k, (name, ps) in enumerate(lists.items()):
            phrases += list(ps)
            self.owner += [k] * len(ps)
        self.idx = index(tuple(phrases))
        self.n = len(lists)

    def hits(self, words: list[str]) -> list[float]:
        out = [0.0] * self.n
        for i, w in enumerate(words):
            for n, pats in self.idx.candidates(w):
                k = self.owner[n]
                if not out[k] and _match_c(pats, words, i) is not None:
                    out[k] = 1.0
        return out


@lru_cache(maxsize=1)
def _lists() -> Lists:
    """The phrase lists, the cue lists and the lever cues in one index, so a clause's words are scanned
    once for all three (`_hand` splits the row: PHRASE_LISTS, then CUES, then the levers)."""
    return Lists({**{("hit", k): v for k, v in PHRASE_LISTS.items()}, **{("cue", k): v for k, v in CUES.items()},
                  **{("lever", k): v for k, v in negotiation.LEVERS.items()}})


_FIRST_SING = {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"}
_FIRST_PLUR = {"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours"}
_SECOND = {"you", "you're", "you've", "you'd", "you'll", "your"}
_MODAL = {"would", "i'd", "we'd", "you'd", "will", "i'll", "we'll", "could", "should", "might", "gonna"}
_QUESTION_OPENERS = {"can", "could", "is", "are", "do", "does", "should", "will", "would", "what", "what's",
                     "how", "which", "who", "when", "where", "why", "am", "any"}
_RESULT_VERBS = Phrases(star.OUTCOME + ["from {num}", "to {num}", "by {num}", "down|up|under|over|within|in"])
_HEDGE_LEAD = {"so", "and", "um", "uh", "okay", "ok", "yeah", "well", "like", "also", "then", "but"}

HAND_NAMES = (
    [f"hit.{n}" for n in PHRASE_LISTS]
    + ["star.situation", "star.task", "star.action", "star.result", "star.quantified"]
    + ["rule.action_at", "rule.quantified", "rule.what_hit", "rule.estimation_hit", "rule.role_hit",
       "rule.anchor_hit", "rule.clarifying", "rule.hypothetical_at", "rule.narrated_at", "components.n"]
    + ["pos.rel", "pos.first", "pos.last", "pos.second", "len.log", "answer.len_log"]
    + ["person.i", "person.we", "person.you", "past.share", "modal.n", "modal.any", "q.mark", "q.opener"]
    + ["num.any", "num.n", "num.year", "num.percent", "num.by_result_verb"]
    + [f"kind.{k}" for k in KINDS]
    + [f"answer.rule.{lab.name}" for lab in LABELS if lab.learnable]
    + [f"lever.{name}" for name in LEVER_NAMES]                 # the clause names this lever (the rules' cues)
    + [f"answer.rule.{lab.name}" for lab in LEVER_HEADS]        # the rules count it among the answer's levers
)
CONTEXT = ("cost", "alternative", "but", "condition", "outcome", "plan", "action_verb", "stance", "hedge", "focus",
           "vague_ask")
CUE_NAMES = (
    [f"{n}" for n in CUES]
    + [f"prev.{n}" for n in CUES] + [f"next.{n}" for n in CUES]
    + ["prev.hit.tradeoff", "next.hit.tradeoff", "prev.hit.when", "next.hit.when", "prev.star.action", "next.star.result",
       "prev.past", "next.past", "pos.bin0", "pos.bin1", "pos.bin2", "pos.bin3", "pos.last2", "after_action",
       "past_outcome", "present_only", "stance_modal", "num.anchor_like"]
)
HAND_NAMES = HAND_NAMES + CUE_NAMES


def _cue_rows(clauses: list[Clause], base: np.ndarray, cue_hits: list[list[float]]) -> np.ndarray:
    """What a clause does (cost, condition, outcome, stance, ...), and the same cues in the clauses beside it.
    `cue_hits`: each clause's CUES hits."""
    n = len(clauses)
    own = np.asarray(cue_hits, dtype=np.float32).reshape(n, len(CUES))
    zero = np.zeros((1, own.shape[1]), dtype=np.float32)
    prev = np.vstack([zero, own[:-1]]) if n else own
    nxt = np.vstack([own[1:], zero]) if n else own
    col = {name: k for k, name in enumerate(HAND_NAMES[:len(HAND_NAMES) - len(CUE_NAMES)])}

    def shift(v, d):
        out = np.zeros_like(v)
        if d > 0:
            out[1:] = v[:-1]
        else:
            out[:-1] = v[1:]
        return out

    rel = base[:, col["pos.rel"]]
    action = base[:, col["star.action"]]
    result = base[:, col["star.result"]]
    past = base[:, col["past.share"]]
    seen_action = np.concatenate([[0.0], np.maximum.accumulate(action)[:-1]]) if n else action
    oc, pl = own[:, list(CUES).index("cue.outcome")], own[:, list(CUES).index("cue.plan")]
    st = own[:, list(CUES).index("cue.stance")]
    extra = np.stack([
        shift(base[:, col["hit.tradeoff"]], 1), shift(base[:, col["hit.tradeoff"]], -1),
        shift(base[:, col["hit.when"]], 1), shift(base[:, col["hit.when"]], -1),
        shift(action, 1), shift(result, -1), shift(past, 1), shift(past, -1),
        (rel < 0.25).astype(np.float32), ((rel >= 0.25) & (rel < 0.5)).astype(np.float32),
        ((rel >= 0.5) & (rel < 0.75)).astype(np.float32), (rel >= 0.75).astype(np.float32),
        (np.arange(n) >= n - 2).astype(np.float32), seen_action,
        oc * (past > 0) * (1 - pl), (past == 0).astype(np.float32) * (1 - pl), st * base[:, col["modal.any"]],
        base[:, col["num.any"]] * (1 - base[:, col["num.by_result_verb"]]),
    ], axis=1).astype(np.float32) if n else np.zeros((0, 18), dtype=np.float32)
    return np.hstack([own, prev, nxt, extra]).astype(np.float32)



def _hand(clauses: list[Clause], kind: str, structure: dict) -> np.ndarray:
    sets = _phrase_sets()
    lists = _lists()
    star_labels = star.clause_labels(clauses)
    n = len(clauses)
    total = sum(len(c.tokens) for c in clauses) or 1
    answer_rules = [float(bool(rule_verdict(structure, lab))) for lab in LABELS if lab.learnable]
    lever_rules = [float(bool(rule_verdict(structure, lab))) for lab in LEVER_HEADS]
    kind_hot = [float(kind == k) for k in KINDS]
    rows, cue_rows = [], []
    for idx, c in enumerate(clauses):
        w = c.words
        L = max(len(w), 1)
        every = lists.hits(w)
        hits, cue_hits = every[:len(PHRASE_LISTS)], every[len(PHRASE_LISTS):len(PHRASE_LISTS) + len(CUES)]
        lever_hits = every[len(PHRASE_LISTS) + len(CUES):]
        cue_rows.append(cue_hits)
        sl = star_labels[idx]
        star_row = [float(p in sl) for p in ("situation", "task", "action", "result", "quantified")]
        comps = sum(1 for x in w if sets["components"].hit([x]))
        rule_row = [
            float(star._action_at(w) is not None), float(star._quantified(w)),
            float(framework._what_hit([c], False) is not None), float(design._estimation_hit([c]) is not None),
            float(pitch._role_hit([c]) is not None), float(negotiation._anchor_hit([c]) is not None),
            float(mindset.clarifying([c])["present"]), float(hypothetical_at(w) is not None),
            float(narrated_at(w) is not None), min(comps, 4) / 4,
        ]
        pos = [idx / max(n - 1, 1), float(idx == 0), float(idx == n - 1), float(idx == 1),
               np.log1p(L) / 4, np.log1p(total) / 8]
        lead = 1 if w and w[0] in _HEDGE_LEAD else 0
        modal = sum(1 for x in w if x in _MODAL)
        person = [sum(x in _FIRST_SING for x in w) / L, sum(x in _FIRST_PLUR for x in w) / L,
                  sum(x in _SECOND for x in w) / L, sum(is_past(x) for x in w) / L, min(modal, 3) / 3,
                  float(modal > 0), float(bool(c.tokens) and c.tokens[-1].raw.endswith("?")),
                  float(lead < len(w) and w[lead] in _QUESTION_OPENERS)]
        nums = [i for i, x in enumerate(w) if is_number(x) and not is_year(x)]
        by_verb = any(_RESULT_VERBS.hit(w[max(0, i - 4):i + 1]) for i in nums)
        num_row = [float(bool(nums)), min(len(nums), 4) / 4, float(any(is_year(x) for x in w)),
                   float("percent" in w), float(by_verb)]
        rows.append(hits + star_row + rule_row + pos + person + num_row + kind_hot + answer_rules
                    + lever_hits + lever_rules)
    base = np.asarray(rows, dtype=np.float32).reshape(n, len(HAND_NAMES) - len(CUE_NAMES))
    return np.hstack([base, _cue_rows(clauses, base, cue_rows)])


def clause_text(c: Clause) -> str:
    seen, raws = set(), []
    for t in c.tokens:
        if t.word_index not in seen:
            seen.add(t.word_index)
            raws.append(t.raw)
    return " ".join(raws)


def featurise(clauses: list[Clause], kind: str, structure: dict, embed: bool = True) -> np.ndarray:
    """One row per clause: [embedding of the clause, embedding of the clause with its neighbours, hand features]."""
    hand = _hand(clauses, kind, structure)
    if not embed:
        return hand
    texts = [clause_text(c) for c in clauses]
    windows = [" ".join(texts[max(0, i - 1):i + 2]) for i in range(len(texts))]
    emb = Embedder.embed(texts + windows)
    return np.hstack([emb[:len(texts)], emb[len(texts):], hand]).astype(np.float32)


@dataclass(frozen=True)
class Grams:
    """Each clause's hashed word unigrams and bigrams, as (clause, bucket) pairs: a sparse 0/1 matrix of
    n clauses by 2**NGRAM_BITS buckets. The wordllama embedding averages a clause's tokens, so it cannot
    tell "you'd use it when" from "when we used it"; word pairs can (measured: `--accuracy`)."""
    rows: np.ndarray   # int32: the clause of each pair
    cols: np.ndarray   # int32: the bucket of each pair
    n: int

    def dot(self, w: np.ndarray) -> np.ndarray:
        """Per clause, the sum of `w` over its buckets."""
        return np.bincount(self.rows, weights=w[self.cols], minlength=self.n)


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & ((1 << NGRAM_BITS) - 1)  # crc32: the same on every run and machine


def grams(word_lists: list[list[str]]) -> Grams:
    """Hashed grams of each clause's normalised words (`Clause.words`), with start and end marks."""
    rows, cols = [], []
    for i, words in enumerate(word_lists):
        words = list(words)
        got = {_bucket("u:" + w) for w in words}
        got |= {_bucket(f"b:{a} {b}") for a, b in zip(["<s>"] + words, words + ["</s>"])}
        rows += [i] * len(got)
        cols += sorted(got)
    return Grams(np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int32), len(word_lists))


def feature_names() -> list[str]:
    return [f"emb.{i}" for i in range(EMBED_DIM)] + [f"win.{i}" for i in range(EMBED_DIM)] + HAND_NAMES


_WORD = re.compile(r"[^\w\s'%$]")


def as_heard(text: str) -> str:
    """Lower-cased, punctuation stripped: how a speech recogniser often returns an answer."""
    return " ".join(_WORD.sub(" ", text.lower()).split())


def hand_column(X: np.ndarray, name: str) -> np.ndarray:
    """One named hand feature of every clause, from a full feature matrix (the hand columns come last)."""
    return X[:, X.shape[1] - len(HAND_NAMES) + HAND_NAMES.index(name)]


def after_action(X: np.ndarray) -> np.ndarray:
    """Per clause: at or after the first clause the rules label an action (from the hand feature columns)."""
    act = hand_column(X, "star.action") > 0
    return np.maximum.accumulate(act) if len(act) else act

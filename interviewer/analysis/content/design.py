"""System-design answers: the five phases (requirements, estimation, high
level, deep dive, tradeoffs), failure modes, time per phase, over-design."""
from __future__ import annotations

from ...model import Finding
from .framework import TRADEOFF
from .lexicon import evidence, find, first_hit, is_number
from .text import Clause

PHASES = ("requirements", "estimation", "high_level", "deep_dive", "tradeoffs")  # budgets: the round registry
REQUIREMENTS = [
    "requirement*", "clarify", "scope", "functional", "use case*", "do we need", "should it|uploads|we",
    "is this for", "what are we building", "what's the read", "users can|should|need|want|paste|upload|set|must",
    "needs to", "need to support", "must", "assume", "we don't need", "out of scope", "feature*",
    "the system should", "it should", "nail down", "what are the", "how many|much users|requests|data|traffic",
]
_RATE = ["per second|minute|day|month|hour|user", "a second|minute|day|month|year|hour", "qps", "rps",
         "daily|monthly active", "dau", "mau", "gigabyte*|terabyte*|petabyte*|megabyte*|bytes|gb|tb|pb|mb|kb"]
ESTIMATION = ["estimate*", "back of the envelope", "capacity", "rough numbers"]
# "say five meg chunks" is a design parameter; "say fifty million users" is an estimate.
_SUPPOSE = ["let's|lets say", "say", "assume", "assuming", "suppose", "call it"]
_SCALE = ["user|users|requests|reads|writes|messages|posts|links|urls|events|records|rows|files|photos|videos|uploads|"
          "notifications|orders|transactions|customers|devices|connections|followers|queries|calls|tweets|objects|"
          "visitors|sessions|clicks|searches|rides|drivers|listings|signups"]
COMPONENTS = [
    "load balancer*", "api", "gateway*", "service", "services", "server", "servers", "database*", "db",
    "cache", "caches", "queue*", "cdn", "object storage", "blob", "worker*", "client*", "websocket*",
    "microservice*", "front end", "backend", "key value", "store", "broker", "pub sub", "redis",
    "postgres", "cassandra", "kafka", "s3", "replica", "search index", "scheduler",
]
HIGH_LEVEL = ["high level", "architecture", "components", "the flow", "flow is", "boxes", "diagram"]
# "I'll skip the boxes", "before I draw the diagram": a phase named only to be skipped or put off.
_PUT_OFF = {"skip", "skipping", "skipped", "no", "not", "without", "won't", "don't", "never", "before", "later", "instead"}
DEEP_DIVE = [
    "deep dive", "dig|digging into", "zoom in", "in more detail", "in detail", "the interesting part",
    "the tricky bit|part", "the hard part", "the main question", "schema", "data model", "partition*", "shard*",
    "consistent hashing", "index*", "sequence number*", "algorithm", "sliding window", "token bucket",
    "fan out", "hot key*", "hotspot*", "idempoten*", "base {num}", "encod*", "lua", "atomic*", "ordering",
    "dedup*", "leader", "lock*", "key generation", "counter per",
]
# A constraint ("a reset can't wait behind a campaign") is not a tradeoff between options.
TRADEOFFS = [t for t in TRADEOFF if t not in {"can't", "cannot"}] + [
    "versus", "vs", "over postgres|mysql|mongo|cassandra|kafka|redis|sql|nosql", "instead", "rather than",
    "alternative*", "no benefit", "chose * over",
    # weighing options: "I did consider a fixed window, which is simpler and cheaper, but ..."
    "simpler|cheaper|faster|easier|exact|accurate|safer but|though", "simpler|cheaper|faster|easier|exact|accurate ... but",
    "i considered", "did|also consider", "the other option|approach|choice", "middle ground", "compromise", "sweet spot",
    "a lot of memory|storage|disk|space|bandwidth", "lots of memory|storage|disk|space|bandwidth",
    "more memory|storage|disk|space|bandwidth",
]
FAILURE = [
    "fail*", "goes|go|went down", "dies", "die", "crash*", "outage*", "single point of failure", "fall back",
    "fallback", "retr*", "backoff", "time out", "timeout*", "circuit breaker", "redundan*", "replicated",
    "unavailable", "dead letter", "what happens if|when", "reconnect*", "resync*", "promote", "disaster",
    "data loss", "degrad*", "leader election",
]
HEAVY = ["kubernetes", "kafka", "microservice*", "cassandra", "elasticsearch", "service mesh", "multi region",
         "spark", "hadoop", "shard*", "active active", "event sourcing", "graphql federation"]
SMALL = ["internal tool", "small team", "a few hundred", "employees", "prototype", "mvp", "a few users"]


def _estimation_hit(clauses: list[Clause]):
    for c in clauses:
        w = c.words
        for i, tok in enumerate(w):
            if is_number(tok) and find(_RATE, w[i + 1:i + 7]) is not None:
                return c, i
        at = find(ESTIMATION, w)
        if at is not None:
            return c, at
        at = find(_SUPPOSE, w)
        if at is not None and any(is_number(x) for x in w[at + 1:at + 5]) and (
                find(_SCALE + _RATE, w[at + 1:at + 9]) is not None):
            return c, at
    return None


def _high_level_hit(clauses: list[Clause]):
    named = {}
    for c in clauses:
        for i, w in enumerate(c.words):
            if find(COMPONENTS, [w]) == 0:
                named.setdefault(w.rstrip("s"), (c, i))
    explicit = next(((c, at) for c in clauses for at in [find(HIGH_LEVEL, c.words)]
                     if at is not None and not _PUT_OFF.intersection(c.words[max(0, at - 4):at])), None)
    if explicit or len(named) >= 2:
        return explicit or sorted(named.values(), key=lambda h: (h[0].index, h[1]))[0]
    return None


def analyse_design(clauses: list[Clause], asked: dict, budget_min: dict) -> dict:
    """`asked`: the clarifying questions found once for the whole answer; `budget_min`: the phase budgets."""
    req = first_hit(REQUIREMENTS, clauses)
    early = asked["present"] and asked["clause"] < max(2, len(clauses) // 3)
    if req is None and early:  # a question about scope, unless it is about failure
        req = next(((c, 0) for c in clauses if c.quote() == asked["evidence"] and find(FAILURE, c.words) is None), None)
    hits = {"requirements": req, "estimation": _estimation_hit(clauses), "high_level": _high_level_hit(clauses),
            "deep_dive": first_hit(DEEP_DIVE, clauses), "tradeoffs": first_hit(TRADEOFFS, clauses)}
    design = {p: evidence(h) for p, h in hits.items()}
    for phase, secs in _phase_times(clauses).items():
        design[phase]["time_s"] = secs
        design[phase]["budget_s"] = budget_min[phase] * 60
    all_words = [w for c in clauses for w in c.words]
    heavy = sorted({h for h in HEAVY if find([h], all_words) is not None})
    over = len(heavy) >= 3 and find(SMALL, all_words) is not None
    return {"design": design, "failure_modes": evidence(first_hit(FAILURE, clauses)),
            "over_design": {"present": over, "components": heavy, **_quote(first_hit(HEAVY, clauses) if over else None)}}


def _quote(hit) -> dict:
    rec = evidence(hit)
    return {"evidence": rec["evidence"], "start": rec["start"]}


PHASE_CUES = {"requirements": REQUIREMENTS, "estimation": ESTIMATION + [f"{s} {{num}}" for s in _SUPPOSE] +
              [f"{{num}} {r}" for r in _RATE],
              "high_level": HIGH_LEVEL + COMPONENTS, "deep_dive": DEEP_DIVE, "tradeoffs": TRADEOFFS}


def phase_at(clause: Clause, i: int, current: str) -> str:
    """The phase from token `i` of `clause` on: a cue starting there switches to its phase, else `current`.
    The one judge of phases, shared by the analysis (_phase_times) and the live phase clock (turns.py)."""
    return next((p for p in PHASES if find(PHASE_CUES[p], clause.words[i:i + 8]) == 0), current)


def _phase_times(clauses: list[Clause]) -> dict:
    """Seconds spent in each phase, word by word: a cue switches phase, other words stay in it."""
    if not clauses or clauses[0].start is None:
        return {p: None for p in PHASES}
    times, phase = {p: 0.0 for p in PHASES}, PHASES[0]
    flat = [(c, i) for c in clauses for i in range(len(c.tokens))]
    for n, (c, i) in enumerate(flat):
        tok = c.tokens[i]
        phase = phase_at(c, i, phase)
        following = flat[n + 1][0].tokens[flat[n + 1][1]].start if n + 1 < len(flat) else tok.end
        if tok.start is not None and following is not None:
            times[phase] += following - tok.start  # includes the pause after the word
    return {p: round(t, 1) for p, t in times.items()}


MISSING = {
    "requirements": "Start by pinning down requirements and scope before drawing boxes.",
    "estimation": "Do a quick estimate: requests per second and storage.",
    "high_level": "Sketch the main components and how a request flows.",
    "deep_dive": "Go deep on one hard component: data model, partitioning or the algorithm.",
    "tradeoffs": "Name the alternatives you rejected and what your choice costs.",
}


def design_findings(s: dict) -> list[Finding]:
    out, d = [], s["design"]
    for phase in PHASES:
        rec = d[phase]
        if not rec["present"]:
            severity = "warning" if phase in ("requirements", "tradeoffs") else "suggestion"
            out.append(Finding(f"design.{phase}.missing", severity, MISSING[phase], None, ""))
        elif rec.get("time_s") and rec["time_s"] > rec["budget_s"] * 1.5:
            out.append(Finding(f"design.{phase}.over_budget", "suggestion",
                               f"You spent {round(rec['time_s'] / 60)} minutes on {phase.replace('_', ' ')}; "
                               f"the budget is about {rec['budget_s'] // 60}.", rec["start"], rec["evidence"]))
    fm = s["failure_modes"]
    out.append(Finding("design.failure_modes", "strength", "You covered what happens when parts fail.",
                       fm["start"], fm["evidence"]) if fm["present"] else
               Finding("design.failure_modes.missing", "suggestion",
                       "Say what happens when a component fails.", None, ""))
    if s["over_design"]["present"]:
        out.append(Finding("design.over_design", "warning",
                           "That is a lot of heavy machinery for a small system. Start simpler.",
                           s["over_design"]["start"], s["over_design"]["evidence"]))
    return out

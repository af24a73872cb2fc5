"""Offer calls: accepting on the spot, asking for time, weak asks, anchoring on
a researched number, and the levers beyond base salary."""
from __future__ import annotations

from ...model import Finding
from .lexicon import count, evidence, find, first_hit, is_number, is_year
from .text import Clause

ACCEPT = [
    "i accept", "accept it|the|your", "i'll take it", "i will take it", "sign me up", "where do i sign",
    "let's|lets do it", "works for me", "that works", "i'm in", "i am in", "count me in", "deal",
    "happy to accept", "love to accept", "i'll|i|we|we'll accept", "i can accept", "i will accept", "sounds great|good|perfect|amazing", "we have a deal",
]
NOT_YET = ["before i|we can accept|accept|sign|commit", "can't accept", "cannot accept", "not ready",
           "accept yet", "don't accept", "not accept", "before accepting"]
TIME = [
    "few|couple days|weeks", "of days", "a day|week", "some time", "time to", "think about|over|through it",
    "think it over|through", "sleep on it", "get back to you", "talk it over", "talk to|with my",
    "discuss * with my", "discuss with", "review the|it|everything", "in writing", "look at everything",
    "by|until|on monday|tuesday|wednesday|thursday|friday", "speak again", "the weekend", "consider",
    "mull", "reflect", "need to think", "let you know", "go over", "next week", "with my family|partner|wife|husband",
]
WEAK = [
    "any flexibility", "any room", "wiggle room", "is that|it negotiable", "anything you can do",
    "best you can do", "go a bit higher", "go higher", "do better", "could you maybe", "a little more",
    "any chance", "bump it", "little bit more", "a bit more", "any way you could", "move on that|the", "could you move",
]
WANT = [
    "looking for", "expecting", "expected", "targeting", "target", "i'd want", "want to be", "be at",
    "closer to", "in the range|region", "range of", "i need", "would need", "asking for", "ask for",
    "aiming for", "hoping for", "more like", "somewhere around", "i'd be comfortable at",
]
RESEARCH = [
    "research*", "market", "data", "levels", "comparable", "offers i'm|i've seeing|seen", "glassdoor",
    "band", "benchmark*", "similar roles", "industry", "competing", "other offer*", "peers", "survey*", "looked at",
    # where the number came from: sites, people, the going rate
    "glass door", "levels fyi", "pay scale", "payscale", "blind", "going|market|typical|standard rate*",
    "similar|comparable companies|roles|positions|teams|level", "friends|people|contacts|colleagues at",
    "seen on|online", "what i've seen|found|heard", "what i have seen|found|heard", "for this|that level|band|title",
    "salary|comp|compensation data|reports|surveys", "another offer",
]
# A firm yes. Pleasantries like "sounds great" do not count once the candidate has asked for something.
FIRM_ACCEPT = ["i accept", "i'll|will take it", "i can accept", "happy|glad|love to accept", "sign me up",
               "where do i sign", "we have a deal", "deal", "yes|yeah let's|lets do it"]
LEVERS = {
    "base": ["base", "salary", "base pay", "annual pay", "the pay", "hourly rate", "day rate", "an|per hour"],
    "sign-on bonus": ["sign on", "sign-on", "signing bonus", "joining bonus", "welcome bonus", "make me whole"],
    "bonus": ["bonus*", "13th month", "thirteenth month"],
    "equity": ["equity", "stock", "rsu*", "options", "shares", "stock grant"],
    "vesting": ["vest*", "cliff", "refresher*"],
    "start date": ["start date", "start later", "start in", "starting date", "joining date", "push * start",
                   "push the date", "later start", "start until|on|from"],
    "remote work": ["remote*", "work from home", "wfh", "hybrid", "office days", "days in the office",
                    "in the office", "from home", "fully remote"],
    "vacation": ["vacation", "pto", "holiday*", "time off", "annual leave", "days off", "paid days", "leave days"],
    "relocation": ["relocat*", "moving costs|expenses|allowance|package|support", "the move"],
    "title": ["title", "bring|bringing me in at|as", "come|coming in at|as", "promotion"],
    "learning budget": ["learning budget", "training budget", "conference*", "education budget"],
}
# A lever named as what the candidate would lose, or as settled, is not asked for:
# "I'd be leaving my bonus on the table", "the base works for me".
CONTEXT = ["leaving", "leave behind", "forfeit*", "on the table", "unvested", "walk away from", "give up",
           "lose", "losing"]
CONTENT = ["is|are|seems|sounds fine|good|great|perfect|okay|ok|amazing|generous|fair|solid|nice", "works|work for me",
           "happy|fine|okay|ok|comfortable with", "no problem", "looks good|great|fine"]
# More of the offer itself: "go a little higher", "do any better".
MORE = ["go|come|move|bump higher|up", "a little|bit|tad higher|more|better", "do better", "do any better",
        "increase it|the offer|that|this", "a higher|better number|offer|figure"]
# Any sign of asking at all; an answer without one (a plain yes) raises no lever.
ASK = ["i'd|we'd like|want|need|ask|prefer|hope|love", "i|we would like|want|need|ask|prefer|hope|love", "i want",
       "i need", "i'm|i've been looking|hoping|asking", "i am|was looking|hoping|asking", "looking for",
       "could|can|would you|we|it|that|the|there", "if you|we could|can", "you could", "is|are there",
       "is it possible", "possible to", "open to", "any chance", "how about", "what about", "instead of", "match",
       "to cover", "push", "bump", "increase", "go up|higher", "higher", "more", "better", "negotiat*", "expect*"]


def _anchor_hit(clauses: list[Clause]):
    for c in clauses:
        at = find(WANT, c.words)
        if at is not None and any(is_number(w, allow_one=True) for w in c.words[at:at + 10]):
            return c, at
    return None


def _asks(clause: Clause) -> bool:
    return find(ASK, clause.words) is not None or any(t.raw.endswith("?") for t in clause.tokens)


def raised_levers(clauses: list[Clause], anchor_hit, weak_hit) -> dict[str, tuple[Clause, int]]:
    """The levers the candidate raises, in LEVERS order, each with where it is first raised: named
    outside context ("I'd be leaving my bonus on the table") or settled terms ("the base works for me"),
    in an answer that asks for something. A counter figure, or a vague ask about nothing else, is an
    ask about base. "sign-on bonus" is not also "bonus"."""
    if not any(_asks(c) for c in clauses) and anchor_hit is None and weak_hit is None:
        return {}
    raised: dict[str, tuple[Clause, int]] = {}
    for c in clauses:
        for name, at in _named(c.words, asked_only=True).items():
            raised.setdefault(name, (c, at))
    for hit in (anchor_hit, weak_hit):
        if hit is not None and not (set(_named(hit[0].words)) - {"base"}):
            raised.setdefault("base", hit)  # "I'd be looking for 140", "is there any scope to increase": the salary
    for c in clauses:  # "I'd like 95 an hour", "could you go a little higher": a figure or more, of nothing else
        figure = any(is_number(w) and not is_year(w) for w in c.words) or find(MORE, c.words) is not None
        if _asks(c) and figure and not (set(_named(c.words)) - {"base"}) and find(CONTEXT, c.words) is None:
            raised.setdefault("base", (c, 0))
    return {name: raised[name] for name in LEVERS if name in raised}


def _named(words: list[str], asked_only: bool = False) -> dict[str, int]:
    """The levers named in these words, with the first position; with `asked_only`, not those named
    with context or content up to seven words before or five after ("I'm happy with the base and the
    bonus", "the number works for me, the two things I'd want...")."""
    named = {}
    for name, cues in LEVERS.items():
        for i in range(len(words)):
            if find(cues, words[i:i + 4]) != 0:
                continue
            near = words[max(0, i - 7):i + 6]
            if not asked_only or (find(CONTEXT, near) is None and find(CONTENT, near) is None):
                named[name] = i
                break
    if "sign-on bonus" in named and count(["bonus*"], words) <= count(["sign on|signing|joining|welcome bonus*"], words):
        named.pop("bonus", None)  # every "bonus" here is the sign-on one
    return named


def _last_hit(phrases: list[str], clauses: list[Clause]):
    for c in reversed(clauses):
        at = find(phrases, c.words)
        if at is not None:
            return c, at
    return None


def analyse_negotiation(clauses: list[Clause]) -> dict:
    words = [w for c in clauses for w in c.words]
    time_hit, weak_hit, anchor_hit = first_hit(TIME, clauses), first_hit(WEAK, clauses), _anchor_hit(clauses)
    levers = raised_levers(clauses, anchor_hit, weak_hit)
    accept_hit = first_hit(ACCEPT, clauses)
    opening_yes = clauses and clauses[0].words[:1] in (["yes"], ["yeah"], ["okay"], ["ok"], ["sure"])
    if accept_hit is None and opening_yes and not levers:
        accept_hit = (clauses[0], 0)
    asks = [h for h in (time_hit, weak_hit) if h is not None]
    if asks and not anchor_hit:  # asked, was told no, then said yes anyway: that is still accepting on the spot
        caved = _last_hit(FIRM_ACCEPT, clauses)
        if caved is not None and caved[0].index > max(h[0].index for h in asks):
            accept_hit, asks = caved, []
    accepted = (accept_hit is not None and find(NOT_YET, words) is None
                and not (asks or anchor_hit))
    researched = anchor_hit is not None and find(RESEARCH, words) is not None
    return {"negotiation": {
        "accepted_on_spot": evidence(accept_hit if accepted else None),
        "asked_for_time": evidence(time_hit),
        "weak_ask": evidence(weak_hit if not anchor_hit else None),
        "anchored": evidence(anchor_hit),
        "anchor_researched": evidence(anchor_hit if researched else None),
        "levers": list(levers),
        "lever_evidence": {name: evidence(hit) for name, hit in levers.items()},
    }}


def negotiation_findings(s: dict) -> list[Finding]:
    n, out = s["negotiation"], []
    def add(code, severity, message, key):
        out.append(Finding(code, severity, message, n[key]["start"], n[key]["evidence"]))
    if n["accepted_on_spot"]["present"]:
        add("negotiation.accepted_on_spot", "warning",
            "You accepted on the spot. Thank them, then ask for time to review the offer in writing.", "accepted_on_spot")
    if n["asked_for_time"]["present"]:
        add("negotiation.asked_for_time", "strength", "You asked for time to consider the offer.", "asked_for_time")
    if n["weak_ask"]["present"]:
        add("negotiation.weak_ask", "suggestion",
            "Asking if there is flexibility invites a no. Name the number you want and why.", "weak_ask")
    if n["anchor_researched"]["present"]:
        add("negotiation.anchored", "strength", "You anchored on a number backed by research.", "anchored")
    elif n["anchored"]["present"]:
        add("negotiation.anchored", "strength", "You named a specific number.", "anchored")
        out.append(Finding("negotiation.anchor.unresearched", "suggestion",
                           "Say what your number is based on, such as market data for the role.", None, ""))
    elif not n["accepted_on_spot"]["present"]:
        out.append(Finding("negotiation.anchor.missing", "suggestion",
                           "Name a researched range, for example: based on market data I am looking for a specific figure.",
                           None, ""))
    others = [x for x in n["levers"] if x != "base"]
    if others:
        first = min((n["lever_evidence"][x] for x in others),  # the first one raised
                    key=lambda e: float("inf") if e["start"] is None else e["start"])
        out.append(Finding("negotiation.levers", "strength", "You used levers beyond base: " + ", ".join(others) + ".",
                           first["start"], first["evidence"]))
    return out

"""Offer calls: accepting on the spot, asking for time, weak asks, anchoring on
a researched number, and the levers beyond base salary."""
from __future__ import annotations

from ...model import Finding
from .lexicon import evidence, find, first_hit, is_number, is_year
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
    "any flexibility", "any room", "any scope", "wiggle room", "is that|it negotiable", "anything you can do",
    "best you can do", "go a bit higher", "go higher", "do better", "could you maybe", "a little more",
    "any chance", "bump it", "little bit more", "a bit more", "any way you could", "move on that|the", "could you move",
]
WANT = [
    "looking for", "expecting", "expected", "targeting", "target", "i'd want", "want to be", "be at",
    "closer to", "in the range|region", "range of", "i need", "would need", "asking for", "ask for",
    "aiming for", "hoping for", "more like", "somewhere around", "i'd be comfortable at", "be comfortable with",
    "i was|i'm|am hoping", "get|come|go up to", "get to", "i want",
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
# Dates in a start-date ask ("the first of May", "the 1st is a bit soon"): the months, and the days of one
# in digits ("1st" to "31st") plus the ordinal words that are rarely anything but a date.
_MONTH_ALTS = "january|february|march|april|may|june|july|august|september|october|november|december"
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_ORDINAL_ALTS = "|".join(f"{n}{'th' if 10 < n < 14 else _SUFFIX.get(n % 10, 'th')}" for n in range(1, 32)) \
    + "|fifth|tenth|fifteenth|seventeenth|twentieth"
LEVERS = {
    "base": ["base", "salary", "base pay", "annual pay", "the pay", "hourly rate", "day rate", "per hour",
             "{num} an hour", "the|my|your fixed", "fixed pay|component|salary|part|portion|comp", "ctc", "c t c",
             "cost to company", "per month|annum"],
    "sign-on bonus": ["sign on", "sign-on", "signing bonus", "joining bonus", "welcome bonus", "make me whole",
                      "buyout", "buy out|outs", "buy me out", "cash up front", "upfront|up-front cash|payment|bonus"],
    "bonus": ["bonus*", "13th month", "thirteenth month", "the variable", "variable pay|component|part|portion",
              "aguinaldo", "profit share*", "profit sharing"],
    "equity": ["equity", "stock", "rsu*", "r s u*", "options", "shares", "stock grant", "esop*", "e s o p*",
               "tokens", "token grant|allocation|package", "the|my|bigger|larger|option grant", "grant of|to|size"],
    "vesting": ["vest*", "cliff", "refresher*", "acceleration", "double|single trigger"],
    "start date": ["start date", "start later", "start in", "starting date", "joining date", "push * start",
                   "push the date", "later start", "start until|on|from", "push|move|delay|shift the start",
                   "the start would|could|should|be", "starting on|mid|in|the", "start mid|first|early|late|after",
                   "start a bit|little|few|couple later|earlier|weeks|days",
                   # a start told through the notice to serve or a date: "I'm on three months' notice", "could I
                   # start in May", "the 1st is a bit soon", "make it the first of April"
                   "notice period", "my|month's|months|weeks|days|month|week|weeks'|months' notice", "on * notice",
                   "give|serve|giving|serving notice", "could|can't|cannot|couldn't start|join",
                   "start|join|starting|joining only|before|after|later|earlier|sooner|around|by|" + _MONTH_ALTS,
                   "start|join|starting|joining at the",
                   "join|joining in|on|from|after|mid", "of next month", "of the month", "of " + _MONTH_ALTS,
                   "mid|early|late " + _MONTH_ALTS, _MONTH_ALTS + " is|isn't|would|won't|works|not|instead",
                   "the " + _ORDINAL_ALTS + " is|isn't|would|won't|works|doesn't|instead|not"],
    "remote work": ["remote*", "work from home", "wfh", "hybrid", "office days", "days in the office",
                    "in the office", "from home", "fully remote", "from|at the office", "office attendance",
                    "on site|onsite|on-site days", "work from anywhere"],
    "vacation": ["vacation", "pto", "holiday*", "time off", "annual leave", "days off", "paid days", "leave days",
                 "extra|more|additional leave", "weeks off", "days|weeks of leave",
                 "day|days|week|weeks leave", "week|day off", "week|day of leave", "the|my|paid|unpaid|accrued leave",
                 "leave balance|policy|allowance|entitlement", "flexibility|flexible on|with leave"],
    "relocation": ["relocat*", "moving costs|expenses|allowance|package|support", "the move",
                   "help|support with|for the move|moving", "help * move|moving", "the moving",
                   "temporary housing|accommodation"],
    "title": ["title", "bring|bringing me in at|as", "come|coming in at|as", "promotion",
              # the level asked for: "I'd want to keep that level", "mid-level sounds low", "make it Senior Staff"
              "designation", "the level is|i'd|should|would|could|we|you", "keep that|the|my level", "staff scope",
              "mid level|mid-level sounds|is|feels|seems", "as staff|principal|lead|senior", "be senior|staff|principal|lead",
              "the junior", "sde|engineer|developer two|ii|2|three|iii|3", "more senior",
              "hoping|asking|pushing for staff|principal|senior|lead|director"],
    "learning budget": ["learning budget", "training budget|allowance", "conference*", "education budget",
                        "certification*", "courses", "course fees", "a|the course", "for training",
                        "learning|training|education stipend|fund|allowance", "conference|conferences budget"],
}
# A lever named as what the candidate would lose, or as settled, is not asked for:
# "I'd be leaving my bonus on the table", "the base works for me".
CONTEXT = ["leaving", "leave behind", "forfeit*", "on the table", "unvested", "walk away from", "give up",
           "lose", "losing", "walking away", "not push*", "won't push*"]
# A lever named as settled: "I'm happy with the base", "the base works for me", "equity as is".
SETTLED_BEFORE = ["happy|fine|okay|ok|comfortable|good with", "good|fine|great|fair on", "no problem|issue|issues with",
                  "thanks for", "thank you for"]
SETTLED_AFTER = [
    "is|are|seems|sounds|looks|feels fine|good|great|perfect|okay|ok|amazing|generous|fair|solid|nice|right",
    "is|are|seems|sounds|looks within", "is|are|seems|sounds|looks in line", "works|work for me", "no problem",
    "looks good|great|fine|right",
    "is|are * fine|good|okay|ok|right", "is|are fine|good|okay|ok by|with me", "not an|a issue|problem",
    "that's|that is fine|okay|ok|great|good", "is|are in the|my|your range", "comfortable there",
    "comfortable with it|that", "is|are acceptable", "is|are where|what i expected",
    "is|are * where|what i expected",
    "i'm fine|happy|okay|ok with", "i am fine|happy|okay|ok with", "fine|good|okay|ok for|by|with me",
    "and * work|works|stay|stays", "stays|stay the same",
]
# Another offer, or the job the candidate has now: levers named after these are what they compare
# with, not what they ask for ("another offer at 195 base with 160 in equity", "my current bonus").
ELSEWHERE = ["another|competing|outside|second|written|existing|other offer*", "offer* from", "current|currently",
             "right now", "at the moment", "i'm on|making|earning", "i am on|making|earning", "i make|earn",
             "i have|get|make now|today", "what i have|get|make"]
# A lever given as the reason for an ask, or as what it replaces: "any room on the sign-on, given I'm
# relocating", "a sign-on to cover the bonus I'd lose".
BECAUSE = ["given", "since", "because", "to cover the|my|what|that", "make up for the|my|what|that", "offset the|my",
           "compensate for the|my", "replace the|my"]
SCALE = {"k", "grand", "thousand", "hundred", "lakh", "lakhs", "million", "point"}
JOINS = {"and", "but", "or", "plus", "also", "then", "so"}
SMALL = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "half", "twice"}
ORDINAL = ("th", "st", "nd", "rd")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
UNITS = {"percent", "%", "per", "people", "engineers", "times", "of"}
UNIT_PREFIXES = ("minute", "hour", "day", "week", "month", "year", "person", "percent")
RATE = {"a", "an", "per"}
PAY_PERIODS = ("hour", "day", "week", "month", "year", "annum")
# More of the offer itself: "go a little higher", "do any better".
MORE = ["go|come|move|bump higher|up", "a little|bit|tad higher|more|better", "do better", "do any better",
        "increase it|the offer|that|this", "a higher|better number|offer|figure"]
# Any sign of asking at all; an answer without one (a plain yes) raises no lever.
ASK = ["i'd|we'd like|want|need|ask|prefer|hope|love", "i|we would like|want|need|ask|prefer|hope|love", "i want",
       "i|we|i'd|we'd also|really|just|still|definitely|then need|want|like|ask|prefer",
       "i need", "i'm|i've been looking|hoping|asking", "i am|was looking|hoping|asking", "looking for",
       "could|can|would you|we|it|that|the|there", "if you|we could|can", "you could", "is|are there",
       "is it possible", "possible to", "open to", "any chance", "how about", "what about", "instead of", "match",
       "to cover", "push", "bump", "increase", "go up|higher", "higher", "more", "better", "negotiat*", "expect*"]


def _figure(words: list[str], i: int) -> bool:
    """words[i] is a sum: a number, not a year, and not a duration, a share or a count of people
    ("six weeks", "ten percent", "a team of five"). "one" only starts a spoken sum ("one forty"),
    never "this one"."""
    w, nxt = words[i], words[i + 1] if i + 1 < len(words) else ""
    if not is_number(w, allow_one=True) or is_year(w) or w.endswith(ORDINAL) or (i and words[i - 1] in MONTHS):
        return False
    if w in SMALL or (w.isdigit() and len(w) == 1):  # "those two", "one forty": a digit alone is no sum
        return is_number(nxt) or nxt in SCALE
    if nxt in RATE and i + 2 < len(words) and words[i + 2].startswith(PAY_PERIODS):
        return True  # "5,000 a month", "95 an hour", "70k per year": a rate of pay, not a duration
    return not any(x in UNITS or x.startswith(UNIT_PREFIXES) for x in words[i + 1:i + 3] if not is_number(x))


# A figure named and then called the right one: "so I think sixty thousand would be fair".
FAIR_AFTER = ["would|'d|should be fair|reasonable|ideal|right", "is|seems fair|reasonable"]


def _anchor_hit(clauses: list[Clause]):
    """The first clause that names a figure the candidate wants: after a WANT phrase (within ten words,
    running on into the next clause when the cut fell between them: "so I was hoping | we could get to
    70,000"), or before a FAIR_AFTER one."""
    for n, c in enumerate(clauses):
        at = find(WANT, c.words)
        if at is not None:
            words = c.words + (clauses[n + 1].words if n + 1 < len(clauses) else [])
            if any(_figure(words, i) for i in range(at, min(at + 10, len(words)))):
                return c, at
        for i in range(len(c.words)):
            if _figure(c.words, i) and find(FAIR_AFTER, c.words[i + 1:i + 5]) is not None:
                return c, i
    return None


def _asks(clause: Clause) -> bool:
    return find(ASK, clause.words) is not None or any(t.raw.endswith("?") for t in clause.tokens)


def raised_levers(clauses: list[Clause], anchor_hit, weak_hit) -> dict[str, tuple[Clause, int]]:
    """The levers the candidate raises, in LEVERS order, each with where it is first raised: named
    outside context ("I'd be leaving my bonus on the table", "another offer at 195 base") or settled
    terms ("the base works for me"), in an answer that asks for something. A counter figure, or a
    vague ask about nothing else, is an ask about base. "sign-on bonus" is not also "bonus"."""
    if not any(_asks(c) for c in clauses) and anchor_hit is None and weak_hit is None:
        return {}
    raised: dict[str, tuple[Clause, int]] = {}
    for n, c in enumerate(clauses):
        later = clauses[n + 1].words if n + 1 < len(clauses) else []  # "the base is | ok but the bonus"
        for name, at in _named(c.words, asked_only=True, later=later).items():
            raised.setdefault(name, (c, at))
    if "base" not in raised and _base_settled(clauses):
        return {name: raised[name] for name in LEVERS if name in raised}  # the counter is about something else
    for hit in (anchor_hit, weak_hit):
        if hit is not None and not _about_other_lever(clauses, hit[0]):
            raised.setdefault("base", hit)  # "I'd be looking for 140", "is there any scope to increase": the salary
    for c in clauses:  # "I'd like 95 an hour", "match 120 and make the title senior": a figure of nothing else
        if not _asks(c) or find(CONTEXT, c.words) is not None:
            continue
        if _follows_other_lever(clauses, c):
            continue
        if any(_figure(c.words, i) and not _near_other_lever(c.words, i) and not _replaced(c.words, i)
               for i in range(len(c.words))) \
                or (find(MORE, c.words) is not None and not _about_other_lever(clauses, c)):
            raised.setdefault("base", (c, 0))
    return {name: raised[name] for name in LEVERS if name in raised}


# Words for the salary in a verdict on it: "the money's fine", "the number works for me", "comp I'm happy with".
SALARY_WORDS = LEVERS["base"] + ["money", "number", "comp", "compensation", "pay", "the cash", "money's", "number's",
                                 "salary's", "base's", "pay's"]


def _base_settled(clauses: list[Clause]) -> bool:
    """The candidate calls the salary settled somewhere ("base works", "the salary is good for me, no
    problem"): a figure or a vague ask in the same answer is then not an ask about base."""
    for n, c in enumerate(clauses):
        later = clauses[n + 1].words if n + 1 < len(clauses) else []
        for i in range(len(c.words)):
            if find(SALARY_WORDS, c.words[i:i + 4]) == 0 and _settled(c.words, i, list(later)):
                return True
    return False


def _settled(words: list[str], i: int, later: list[str], name: str = "base") -> bool:
    """The lever named at words[i] is called settled ("the base works", "equity as is", "happy with
    the bonus"); "remote works" is an ask, not a verdict."""
    before, after = words[max(0, i - 7):i], (words[i + 1:i + 6] + later)[:5]
    return after[:2] == ["as", "is"] or (after[:1] in (["works"], ["work"], ["stays"]) and name != "remote work") \
        or _settled_before(before) or find(SETTLED_AFTER, after) is not None


def _settled_before(before: list[str]) -> bool:
    """A SETTLED_BEFORE verdict with no figure after it: "I'd be comfortable with 130 on the base" names
    the figure wanted, a counter, not a verdict."""
    at = find(SETTLED_BEFORE, before)
    return at is not None and not any(_figure(before, k) for k in range(at, len(before)))


def _about_other_lever(clauses: list[Clause], c: Clause) -> bool:
    """The clause names a lever other than base, or follows one that asks about one ("the 5 percent
    bonus target is low. I'd want 10.")."""
    return bool(set(_named(c.words, asked_only=True)) - {"base"}) or _follows_other_lever(clauses, c)


def _follows_other_lever(clauses: list[Clause], c: Clause) -> bool:
    """The clause names no lever, and the one before it asks about one other than base."""
    before = [p for p in clauses if p.index == c.index - 1]
    return bool(before) and bool(set(_named(before[0].words, asked_only=True)) - {"base"}) \
        and not _named(c.words, asked_only=True)


def _named(words: list[str], asked_only: bool = False, later: list[str] = ()) -> dict[str, int]:
    """The levers named in these words, with the first position; with `asked_only`, not those named
    as context (what the candidate would lose, another offer, the job they have now, the reason for
    an ask) or as settled ("I'm happy with the base and the bonus", "the base is fine"); `later`, the
    words of the next clause, only for a verdict that follows ("the base is | fine")."""
    named = {}
    for name, cues in LEVERS.items():
        for i in range(len(words)):
            if find(cues, words[i:i + 4]) != 0:
                continue
            if name == "bonus" and _sign_on_word(words, i):
                continue  # the "bonus" of "signing bonus" is the sign-on
            if not asked_only or not _context(words, i, list(later), name):
                named[name] = i
                break
    return named


def _context(words: list[str], i: int, later: list[str], name: str) -> bool:
    """The lever named at words[i] is context or settled, not asked for (see the lists above)."""
    before, after = words[max(0, i - 7):i], (words[i + 1:i + 6] + later)[:5]
    if before[-1:] == ["not"] or _settled(words, i, later, name):
        return True  # "I'm not relocating", "equity as is", "base works, equity..."
    return any(find(phrases, span) is not None for phrases, span in (
        (CONTEXT, before + [words[i]] + after), (ELSEWHERE, words[max(0, i - 10):i]),
        (BECAUSE, words[max(0, i - 4):i])))


def _near_other_lever(words: list[str], i: int) -> bool:
    """A lever other than base named just before the figure or right after it, within its phrase ("a
    sign-on of 30k", "the bonus target at 15 instead of 10", "fifteen hundred a year for conferences";
    not "match 120 and make the title senior")."""
    lo = i
    while lo > max(0, i - 7) and words[lo - 1] not in JOINS:
        lo -= 1
    hi = i + 1
    while hi < min(len(words), i + 7) and words[hi] not in JOINS:
        hi += 1
    return bool(set(_named(words[lo:hi])) - {"base"})


def _replaced(words: list[str], i: int) -> bool:
    """The figure is what the ask replaces, not the ask: "fifteen percent instead of ten"."""
    return words[max(0, i - 2):i] in (["instead", "of"], ["rather", "than"])


def _sign_on_word(words: list[str], i: int) -> bool:
    before = words[max(0, i - 2):i]
    return bool(before) and (before[-1] in {"signing", "joining", "welcome", "sign-on", "signon"}
                             or before == ["sign", "on"])


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

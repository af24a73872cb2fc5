import pytest

from interviewer.analysis.content import analyse_content
from interviewer.coach.summary import feedback_summary, number_words, speakable
from interviewer.errors import UserError
from interviewer.model import Finding, Question, Transcript, Word
from interviewer.result import Delivery

STORY = ("at my last job our deploys took an hour i was asked to speed them up "
         "i cached the docker layers and i split the test suite in the end deploys took ten minutes")



@pytest.fixture(autouse=True)
def _rules_judge():
    """These tests pin the phrase rules' own behaviour; the learned judge has tests/test_judge.py."""
    from interviewer.analysis import content

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(content, "DEFAULT_JUDGE", "rules")
        yield


def timed(text: str, step: float = 0.4) -> Transcript:
    words = [Word(w, i * step, i * step + 0.3) for i, w in enumerate(text.split())]
    return Transcript(text, words)


def test_evidence_carries_the_time_of_its_first_word():
    r = analyse_content("behavioural", timed(STORY))
    result = r.structure["star"]["result"]
    assert result["present"] and result["evidence"].startswith("in the end")
    assert result["start"] == pytest.approx(STORY.split().index("in") * 0.4)
    assert all(f.start is not None for f in r.findings if f.evidence and f.code.startswith("star."))


def test_text_only_input_has_no_times():
    r = analyse_content("behavioural", Transcript.from_text(STORY))
    assert r.structure["star"]["action"]["start"] is None


def test_hypothetical_answer_gets_no_star_credit_and_a_warning():
    r = analyse_content("behavioural", Transcript.from_text(
        "i'd probably sit down with them and i would try to understand the problem then i'll fix it"))
    assert r.structure["hypothetical"] is True
    assert not any(p["present"] for p in r.structure["star"].values())
    assert r.findings[0].code == "star.hypothetical" and r.findings[0].severity == "warning"


def test_follow_up_prefers_the_questions_own_wording():
    answer = Transcript.from_text("at my last job the build was slow so i rewrote the cache layer")
    q = Question("q", "behavioural", "Tell me", follow_ups={"result": "And how much faster was it?"})
    assert analyse_content("behavioural", answer, question=q).follow_up == "And how much faster was it?"
    assert analyse_content("behavioural", answer).follow_up == "What was the measurable outcome?"


def test_missing_tradeoff_asks_what_it_costs():
    r = analyse_content("technical", Transcript.from_text(
        "a cache is a fast store in front of the database you use it when reads dominate because it cuts latency"))
    assert r.structure["framework"]["tradeoff"]["present"] is False
    assert r.follow_up == "What does that cost you?"


@pytest.mark.parametrize("text,when", [
    # a use told as a scope, a threshold, a past job or what it is worth it for
    ("A B-tree index is a sorted tree of keys. For anything under a few thousand rows a scan is fine.", True),
    ("Kafka is a durable log. Once you have more than one consumer of the same events it starts to earn its keep.",
     True),
    ("Elasticsearch keeps an inverted index. We used it for searching case law at my last job.", True),
    ("rtk gets you to two centimetres. worth it for survey mapping and precision landing.", True),
    # how it works, with no situation in which to use it
    ("A CDN is a set of servers near the users that keep copies of your files.", False),
])
def test_a_use_case_is_found_in_its_everyday_forms(text, when):
    r = analyse_content("technical", Transcript.from_text(text), judge="rules")
    assert r.structure["framework"]["when"]["present"] is when


def test_coding_dead_air_is_read_from_delivery_pauses_and_reported_once():
    delivery = Delivery(duration_s=30.0, pauses=[{"start": 4.0, "end": 9.0, "duration": 5.0},
                                                 {"start": 20, "end": 21, "duration": 1.0}], word_count=5)
    r = analyse_content("coding", Transcript.from_text("i'll use a hash map"), delivery)
    assert r.structure["dead_air"]["count"] == 1 and r.structure["dead_air"]["total_s"] == 5.0
    assert not any("dead_air" in f.code for f in r.findings)  # the delivery finding is the one finding
    assert analyse_content("coding", Transcript.from_text("x")).structure["dead_air"]["count"] is None


def test_pitch_length_uses_delivery_or_estimates_from_words():
    text = " ".join(["word"] * 150)
    assert analyse_content("phone-screen", Transcript.from_text(text)).structure["pitch"]["duration_s"] == 60
    r = analyse_content("phone-screen", Transcript.from_text(text), Delivery(duration_s=130.0, word_count=150))
    assert r.structure["pitch"]["about_60s"] is False
    assert not any(f.code.startswith("pitch.long") for f in r.findings)  # length is judged once, in delivery


def test_design_phase_times_come_from_word_timings():
    text = ("first let me clarify the requirements do we need analytics "
            "at a high level there is a load balancer and an api service and a cache")
    d = analyse_content("system-design", timed(text, 2.0)).structure["design"]
    assert d["requirements"]["time_s"] > 0 and d["high_level"]["time_s"] > 0
    assert d["deep_dive"]["budget_s"] == 1200


def test_unknown_kind_is_a_user_error_listing_the_rounds():
    with pytest.raises(UserError, match="unknown round 'poetry': choose one of behavioural, technical, "
                                        "system-design, coding, phone-screen, negotiation$"):
        analyse_content("poetry", Transcript.from_text("hello"))


def test_summary_is_at_most_60_words_spoken_and_ranks_warnings_first():
    findings = [
        Finding("pace.fast", "warning", "Pace 182 wpm; aim for 140 to 160."),
        Finding("fillers.many", "suggestion", "9.5 fillers per minute."),
        Finding("star.result.missing", "warning", "The story has no result. End with the outcome."),
        Finding("star.task.missing", "suggestion", "Say what you were responsible for."),
        Finding("mindset.opinion", "strength", "You took a clear position and gave a reason."),
        Finding("clarify.asked", "strength", "You asked clarifying questions before diving in."),
        Finding("design.failure_modes", "strength", "You covered what happens when parts fail."),
    ] * 3
    from interviewer.rounds import get_round

    text = feedback_summary(findings, get_round("behavioural"))
    assert len(text.split()) <= 60
    assert "slow down" in text and "end with the result" in text
    assert "fillers" not in text and "task" not in text  # suggestions lose to the two warnings
    assert not any(ch in text for ch in "*#_`%0123456789")


def test_summary_handles_no_findings_and_long_messages():
    assert feedback_summary([]) == ("Thanks. Nothing stood out either way; "
                                    "try a longer answer so I can give you feedback.")
    long = Finding("x", "warning", " ".join(["word"] * 80))
    assert len(feedback_summary([long, long]).split()) <= 60


def test_numbers_are_spoken():
    assert number_words(182) == "one hundred and eighty two"
    assert speakable("3.5 s and 40%") == "three point five seconds and forty percent"


@pytest.mark.parametrize("text, spoken", [
    ("5 minutes", "five minutes"),                      # the unit word is left whole, not "minutesutes"
    ("about 12 min on requirements", "about twelve minutes on requirements"),
    ("1,000 users", "one thousand users"),               # not "one,zero"
    ("2,500,000 rows", "two million five hundred thousand rows"),
    ("from 2.4 percent to 0.3%", "from two point four percent to zero point three percent"),
    ("1 s", "one second"),
    ("3.0 s of dead air", "three seconds of dead air"),
    ("160 wpm", "one hundred and sixty words a minute"),
    ("at 9:05", "at nine oh five"),
    ("p99 of 250 ms", "p99 of two hundred and fifty milliseconds"),
])
def test_spoken_numbers_units_and_times(text, spoken):
    assert speakable(text) == spoken


def test_strengths_are_spoken_as_whole_clauses():
    findings = [Finding("start.prompt", "strength", "You started promptly."),
                Finding("pace.good", "strength", "You kept a conversational pace of 160 words a minute.")]
    assert feedback_summary(findings) == ("What went well: you started promptly, and you kept a conversational "
                                          "pace of one hundred and sixty words a minute. Keep doing that.")


def test_missing_parts_are_spoken_in_the_registry_wording():
    from interviewer.rounds import get_round

    f = [Finding("framework.tradeoff.missing", "warning", "You gave no tradeoff. Say what it costs.")]
    assert feedback_summary(f, get_round("technical")) == "One thing to change: name the tradeoff."


@pytest.mark.parametrize("text, levers", [
    ("i'd be leaving my annual bonus on the table so i'd want a 20000 sign on to cover that", ["sign-on bonus"]),
    ("The base works for me. Could you do a bit better on the sign-on bonus?", ["sign-on bonus"]),
    ("yes i accept the salary is fine for me and the remote is perfect", []),
    ("Thanks. I'd like 95 an hour for the contract, and I can't start until June.", ["base", "start date"]),
    ("Is there really no way to go a little higher? Okay, then I'll accept.", ["base"]),
    ("Before I can accept I'd like to talk about the start date and working remotely two days a week.",
     ["start date", "remote work"]),
    # a signing bonus is not also the bonus, and a bonus it replaces is context
    ("I'd like a 15,000 joining bonus to make up for the bonus I'm walking away from.", ["sign-on bonus"]),
    # another offer's terms are what the candidate compares with; the counter figure is the ask
    ("I have another offer at 185,000 base with 300,000 in RSUs. Could you get to 180,000?", ["base"]),
    # durations, dates, ordinals and "those two" are no sums (no base), but a notice period is about the start
    ("Six weeks is tight with my notice period, could we make it ten weeks? If we can sort those two out I'll sign.",
     ["start date"]),
    ("Could I push the start date to June 10th, because my finals run until June 7th?", ["start date"]),
    # but a figure "a month" or "per year" is a rate of pay, not a duration
    ("Thank you. I'd be looking for 5,000 a month. Also, I'd like to start on the fifteenth.", ["base", "start date"]),
    # a figure belongs to the lever named beside it, within its phrase
    ("I'd ask for fifteen hundred a year for conferences.", ["learning budget"]),
    ("If you can match 120 and make the title senior, I'll sign.", ["base", "title"]),
    # a verdict can sit in the next clause; "fixed" is the base in Indian English
    ("The base is, okay, fine. Could the fixed go to 62 lakh?", ["base"]),
    ("the base is ok but could the bonus be guaranteed", ["bonus"]),
    # asking someone to cover a lever is an ask; thanking them for one, or "as is", settles it
    ("Since I'd be moving from Brazil, would you be able to cover relocation?", ["relocation"]),
    ("Thanks for covering the move. Could I get 20 days of PTO instead of 15?", ["vacation"]),
    ("I'd need 280 on base, equity as is, fully remote, I'm not relocating.", ["base", "remote work"]),
    # a figure right after an ask about another lever is that lever's
    ("The 5 percent bonus target is low. I'd want 10.", ["bonus"]),
    # once the salary is called settled, a later figure or vague ask is about something else
    ("Base I'm fine with. On equity the benchmarks for this level are higher, I'd be looking at 0.5 percent.",
     ["equity"]),
    ("The base is within what I expected. Where I'd push is the equity, I'd want 0.3 percent.", ["equity"]),
    ("the money's fine for me. i'd need to be fully remote, i live like an hour and a half out. and could i start "
     "a bit later, i've got a trip booked", ["start date", "remote work"]),
    # the words people use for a lever: CTC, the variable, a grant, certifications, the start
    ("if you can do something better on the c t c it would be very helpful", ["base"]),
    ("one thing on the variable, could you make it fifteen percent instead of ten", ["bonus"]),
    ("could we bump the grant to 10,000 units", ["equity"]),
    ("also is there budget for certifications like the ccnp", ["learning budget"]),
    ("I need to give notice, so the start would be more towards the middle of next month.", ["start date"]),
    # "vesting from the start" is about vesting, not the start date
    ("Could we do quarterly vesting from the start?", ["vesting"]),
    # a lever said without its usual name: the notice and a date, the level, the moving, days of leave, a buyout
    ("I'm on three months' notice, so could we make it the first of May?", ["start date"]),
    ("Thanks. Mid-level sounds a bit low for seven years of work, could we make it senior?", ["title"]),
    ("is there any help with the moving, i'm coming from manila", ["relocation"]),
    ("could we do twenty days leave instead of fourteen", ["vacation"]),
    ("I'd need a buyout of seventy for the deferred stock I'd lose.", ["sign-on bonus"]),
    # but "this level" in where a number came from names no title
    ("Levels puts this level at 140 to 150 in Berlin, so I'd be looking for 145.", ["base"]),
    # a base called settled as "good on the base" or "base-wise I'm comfortable with that" is not asked for
    ("That sounds good on the base, thanks. What I'd want is fifteen hundred a year for training.",
     ["learning budget"]),
    ("Base-wise I'm comfortable with that. Could the title be senior?", ["title"]),
    # office days and a course asked for without the usual words
    ("Is there any flexibility on the salary? And how many days per week are from the office?",
     ["base", "remote work"]),
    ("Could the company pay for a course I want to take next spring?", ["learning budget"]),
    # an ask with a word between "I" and "need" still asks: before, nothing here was raised at all
    ("i'm moving with family so i also need relocation support and i cannot start before september",
     ["start date", "relocation"]),
    # ESOPs are equity, acceleration is about vesting, "more senior" is the title
    ("Could the ESOPs go up to 30 lakh? And I'd want double trigger acceleration.", ["equity", "vesting"]),
    ("Is there any way to make the role a bit more senior?", ["title"]),
    # "comfortable with" a figure is the figure wanted, not a verdict on the base
    ("I'd be comfortable with 130 on the base, based on what I'm seeing in the market.", ["base"]),
    ("I'm comfortable with the base. Could the sign-on be 20k?", ["sign-on bonus"]),
    # a profit share is the bonus; leave asked about as "flexibility on leave"; a title as "hoping for staff"
    ("Could the profit share have a guaranteed floor?", ["bonus"]),
    ("Is there any flexibility on leave?", ["vacation"]),
    ("Honestly I was hoping for staff, given the scope.", ["title"]),
    ("Is there any scope to improve the package a little?", ["base"]),
    # a base called acceptable, fair, or what was expected is settled
    ("The base is acceptable. Could the sign-on be 20k?", ["sign-on bonus"]),
    ("Thanks, the salary is about what I expected. Could I work from home three days?", ["remote work"]),
    ("That sounds fair on the base. Could I get 25 days of holiday?", ["vacation"]),
    # starting at an hour is the working day, not the start date; starting at the end of a month is
    ("I do school pickup at three, so I would want to start at seven and finish at three. Could we do 115?",
     ["base"]),
    ("Could I start at the end of May?", ["start date"]),
    # a token grant is the equity; saying you will not push on the salary does not raise it
    ("is there any flexibility on the tokens", ["equity"]),
    ("I know the budget is fixed so I will not push on the salary. Could there be support for a course?",
     ["learning budget"]),
])
def test_a_lever_counts_where_it_is_asked_for_not_where_it_is_named(text, levers):
    structure = analyse_content("negotiation", Transcript.from_text(text), judge="rules").structure
    assert structure["negotiation"]["levers"] == levers


def test_the_levers_finding_quotes_where_the_first_one_was_asked_for():
    text = "The base is fine. Could the vesting be monthly, and could you add a sign-on bonus?"
    words = [Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate(text.split())]
    result = analyse_content("negotiation", Transcript(text, words), judge="rules")
    f = next(f for f in result.findings if f.code == "negotiation.levers")
    assert "sign-on bonus" in f.message and "vesting" in f.message
    assert f.evidence.startswith("Could the vesting") and f.start == 2.0, (f.evidence, f.start)


@pytest.mark.parametrize("text,anchored", [
    # the figure after the cut that fell between "hoping" and it
    ("So I was hoping we could get to 70,000. Sorry, I hope that's not out of line.", True),
    # a figure called fair
    ("my friends at similar labs are at fifty eight to sixty two thousand, so i think sixty thousand would be fair",
     True),
    # a figure that is only what the candidate has now, or a hope with no figure, names no anchor
    ("I was hoping to hear more about the team. I'm on 60,000 now.", False),
])
def test_a_figure_the_candidate_wants_is_an_anchor(text, anchored):
    structure = analyse_content("negotiation", Transcript.from_text(text), judge="rules").structure
    assert structure["negotiation"]["anchored"]["present"] is anchored

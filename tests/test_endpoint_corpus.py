"""The live endpoint on sentence prefixes of the blind corpus files (interviewer/judge/endpoint.py):
how often a short silence would end an answer before its round's needed parts were said.
Measured with `python -m interviewer.judge.endpoint` (tests/corpus/ENDPOINT.md) on B3 to B7: the round
settings were chosen after seeing B3 to B5 (B6 and B7, written after, gave the held-out figures), so the
bounds are regression checks."""
from pathlib import Path

import pytest

from interviewer.judge.endpoint import load, measure, prefixes, rates
from interviewer.rounds import get_round

BLIND = sorted((Path(__file__).parent / "corpus" / "sentences").glob("B*-blind.yaml"))


@pytest.fixture(scope="module")
def blind():
    return measure([it for f in BLIND for it in load(f)])


def test_prefix_truth_follows_the_sentence_labels():
    item = {"kind": "behavioural", "sentences": [
        {"text": "Our checkout kept timing out.", "parts": ["star.situation"]},
        {"text": "I added an index.", "parts": ["star.action"]},
        {"text": "Errors fell to one percent.", "parts": ["star.result"]}]}
    got = list(prefixes(item, get_round("behavioural")))
    assert [t for _, t in got] == [False, False, True]
    assert got[1][0] == "Our checkout kept timing out. I added an index."


@pytest.mark.parametrize("name,bound", [("behavioural", 0.09), ("technical", 0.06)])
def test_asking_the_rules_too_halves_the_answers_ended_too_early(blind, name, bound):
    # blind B3-B7 measured: behavioural 0.080 (learned alone 0.419), technical 0.047 (learned alone 0.155)
    configured, _, neg, _ = rates(blind[name]["configured"])
    learned, _, _, _ = rates(blind[name]["learned"])
    assert neg >= 290
    assert configured <= bound and configured <= learned / 2, (configured, learned)


@pytest.mark.parametrize("name", ["phone-screen", "negotiation"])
def test_rounds_judged_by_learned_alone_rarely_end_early_and_mostly_settle(blind, name):
    # blind B3-B7 measured: phone-screen 0.056 too early, 0.905 settled; negotiation 0.009, 0.783
    early, found, _, _ = rates(blind[name]["configured"])
    assert early <= 0.06 and found >= 0.75, (early, found)

"""The optional LLM judge against a fake OpenAI-compatible server on loopback."""
from __future__ import annotations

import json

import pytest

from interviewer.coach.llm_judge import JudgeFailed, LLMJudge, locate
from interviewer.model import Transcript, Word
from interviewer.rounds import get_round
from test_llm_coach import FakeServer, analyse_text

TEXT = ("So at my last job the nightly export kept failing. My lead handed it to me. "
        "I rewrote it as an incremental job and, in the end, it finished in 20 minutes instead of 3 hours.")


def timed(text):
    return Transcript(text, [Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate(text.split())])


BEHAVIOURAL = ["hypothetical", "star.result", "star.action", "star.situation", "star.task", "quantified_result",
               "opinion", "honest_gap", "vague_claims"]


def reply(**parts):
    """The model's JSON: every behavioural part, absent unless given."""
    return json.dumps({"parts": {label: parts.get(label, {"present": False, "quote": ""}) for label in BEHAVIOURAL}})


def judge_with(server_reply, status=200):
    server = FakeServer(reply=server_reply, status=status)
    try:
        judge = LLMJudge("judge-model", base_url=server.url)
        return judge.judge(get_round("behavioural"), timed(TEXT), "Tell me about a failing job."), server.calls
    finally:
        server.close()


def test_the_model_sees_only_definitions_and_text_and_quotes_are_placed_in_time():
    present = {"present": True, "quote": "it finished in 20 minutes instead of 3 hours"}
    (verdicts, log), calls = judge_with(reply(**{"star.result": present, "quantified_result": present,
                                                 "star.task": {"present": True, "quote": "My lead handed it to me"}}))
    prompt = calls[0]["body"]["messages"][0]["content"]
    assert TEXT in prompt and "star.task: the candidate's own goal" in prompt and "- honest_gap: admits" in prompt
    assert "ownership.we_over_i" not in prompt  # counted from pronouns by rule, not asked of the model
    result = verdicts["star.result"]
    assert result.present and result.start == TEXT.split().index("it", 25) * 0.5
    assert verdicts["star.task"].start == TEXT.split().index("My") * 0.5
    assert not verdicts["star.action"].present
    assert log["model"] == "judge-model" and log["rejected_quotes"] == []


def test_a_quote_that_is_not_in_the_transcript_is_rejected():
    (verdicts, log), _ = judge_with(reply(**{"star.result": {"present": True, "quote": "revenue grew by half"}}))
    assert not verdicts["star.result"].present and log["rejected_quotes"] == ["star.result"]


@pytest.mark.parametrize("server_reply, status, why", [
    ("I think the answer is good.", 200, "not the JSON asked for"),
    (json.dumps({"parts": {"star.result": {"present": False, "quote": ""}}}), 200, "left out parts"),
    ("", 500, "InternalServerError"),
])
def test_an_unusable_reply_or_a_failing_server_is_reported(server_reply, status, why):
    with pytest.raises(JudgeFailed, match=why):
        judge_with(server_reply, status)


def test_quotes_match_word_for_word_ignoring_case_and_punctuation():
    t = timed("Errors fell from 2.4% to 0.3%, after the roll-out.")
    assert locate("errors fell from 2.4% to 0.3%", t) == 0
    assert locate("After the Roll-out", t) == 6
    assert locate("after the rollout", t) is None


def test_analyse_with_the_llm_judge_uses_its_checked_verdicts_and_logs_the_call(tmp_path, capsys):
    present = {"present": True, "quote": "it finished in 20 minutes instead of 3 hours"}
    server = FakeServer(reply=reply(**{"star.result": present, "quantified_result": present,
                                       "star.action": {"present": True, "quote": "I rewrote it as a batch job"}}))
    result = analyse_text(tmp_path, capsys, TEXT, server, "--judge", "llm", "--llm-model", "judge-model")
    assert result["judge"] == "llm" and result["judge_call"]["rejected_quotes"] == ["star.action"]
    assert result["structure"]["star"]["result"]["evidence"] == present["quote"]
    assert result["structure"]["star"]["action"]["present"] is False  # its quote was never said


def test_a_failing_llm_judge_falls_back_to_the_offline_judge_with_a_warning(tmp_path, capsys):
    result = analyse_text(tmp_path, capsys, TEXT, FakeServer(status=500), "--judge", "llm")
    assert result["judge"] == "learned" and "error" in result["judge_call"]
    assert any(w.startswith("LLM judge unavailable (InternalServerError") for w in result["warnings"])

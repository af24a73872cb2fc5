"""The two measuring scripts beside the judge: a second reader's agreement with the authors, and the
`--judge llm` replay (benchmarks/agreement.py, benchmarks/llm_judge.py)."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_second_readers_agree_with_the_authors_as_the_readme_says(benchmark):
    """Technical and design answers of B45 to B50, labelled again by helpers who saw only the definitions
    and the text (tests/corpus/second-reader): [answers, agreed, reader only, author only]."""
    table = benchmark("agreement").agreement(sorted((ROOT / "tests" / "corpus" / "second-reader").glob("*.yaml")))
    assert table["framework.when"] == [84, 80, 3, 1]
    assert table["framework.why"] == [84, 80, 3, 1]
    assert table["design.requirements"] == [84, 83, 1, 0]
    agreed = sum(r[1] for r in table.values()) / sum(r[0] for r in table.values())
    assert round(agreed, 3) == 0.971


def test_replayed_llm_replies_go_through_the_quote_check_and_the_analysis(tmp_path, benchmark):
    answer = tmp_path / "one.yaml"
    answer.write_text(json.dumps({"items": [
        {"id": "T-tech-01", "kind": "technical", "question": "What is a bloom filter?", "sentences": [
            {"text": "A bloom filter is a bit array with a few hash functions.", "parts": ["framework.what"]},
            {"text": "You use it when a miss is expensive, like a disk lookup.", "parts": ["framework.when"]}]}]}),
        encoding="utf-8")
    parts = {p: {"present": False, "quote": ""} for p in ("framework.what", "framework.when", "framework.why",
                                                          "framework.tradeoff", "opinion", "honest_gap", "vague_claims")}
    parts["framework.what"] = {"present": True, "quote": "a bit array with a few hash functions"}
    parts["framework.when"] = {"present": True, "quote": "use it whenever misses cost a lot"}  # not in the answer
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"id": "T-tech-01", "reply": json.dumps({"parts": parts})}) + "\n", encoding="utf-8")
    llm_judge = benchmark("llm_judge")
    results, notes = llm_judge.score(answer, replies)
    llm = results["llm"]
    assert llm["framework.what"] == [1, 1] and llm["framework.why"] == [1, 1] and llm["opinion"] == [1, 1]
    assert llm["framework.when"] == [1, 0]  # the made-up quote is rejected, so the part the author gave is missed
    assert notes == ["T-tech-01: quote not in the answer for framework.when"]
    results, notes = llm_judge.score(answer, tmp_path)  # a folder without replies: the offline judge decides
    assert notes[0].startswith("T-tech-01:") and notes[0].endswith("(the offline judge decided)")
    assert results["llm"] == results["learned"]

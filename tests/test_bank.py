import json

import pytest

from interviewer.bank import load_bank, load_file, questions_for
from interviewer.rounds import round_names
from interviewer.cli import main
from interviewer.errors import UserError


def test_every_round_has_at_least_12_questions_with_points_and_targets():
    bank = load_bank()
    for round_ in round_names(analysed=False):
        qs = [q for q in bank if q.round == round_]
        assert len(qs) >= 12, round_
        for q in qs:
            assert q.text and q.target_s[0] <= q.target_s[1]
            if round_ != "closing":
                assert q.points and q.follow_ups, q.id


def test_follow_up_keys_name_parts_the_analysis_reports():
    known = {"situation", "task", "action", "result", "ownership", "example", "what", "when", "why", "tradeoff",
             "requirements", "estimation", "high_level", "deep_dive", "tradeoffs", "failure_modes",
             "clarifying_questions", "complexity", "testing", "brute_force", "current_role", "focus", "next",
             "time", "anchor", "levers"}
    for q in load_bank():
        assert set(q.follow_ups) <= known, (q.id, set(q.follow_ups) - known)


def test_negotiation_questions_make_an_offer():
    assert all(q.text for q in questions_for("negotiation"))
    assert any("offer" in q.text.lower() for q in questions_for("negotiation"))


def test_user_bank_adds_questions(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("round: behavioural\nquestions:\n  - id: my-q\n    text: Tell me about a launch.\n    tags: [backend]\n")
    qs = questions_for("behavioural", ["backend"], [f])
    assert "my-q" in [q.id for q in qs]


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text("questions:\n  - id: a\n    text: [unclosed\n  - id: b\n")
    with pytest.raises(UserError) as e:
        load_file(f)
    assert "broken.yaml" in str(e.value) and "line " in str(e.value)


def test_missing_field_names_the_line_of_the_entry(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("round: coding\nquestions:\n  - id: ok\n    text: fine\n  - id: no-text\n    tags: [x]\n")
    with pytest.raises(UserError, match=r"bad\.yaml: line 5: question is missing 'text'"):
        load_file(f)


def test_unknown_round_and_bad_target_are_reported(tmp_path):
    f = tmp_path / "r.yaml"
    f.write_text("- id: a\n  text: hi\n  round: poetry\n")
    with pytest.raises(UserError, match="line 1: .*round 'poetry'"):
        load_file(f)
    f.write_text("- id: a\n  text: hi\n  round: coding\n  target_s: [90, 30]\n")
    with pytest.raises(UserError, match="target_s"):
        load_file(f)


def test_questions_json_via_cli(capsys):
    assert main(["questions", "--round", "technical", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) >= 12
    assert set(data[0]) == {"id", "round", "text", "tags", "target_s", "points", "follow_ups"}
    assert {d["round"] for d in data} == {"technical"}


def test_questions_cli_reports_bad_bank_without_traceback(tmp_path, capsys):
    f = tmp_path / "x.yaml"
    f.write_text("questions:\n  - text: no id\n")
    assert main(["questions", "--bank", str(f)]) == 2
    err = capsys.readouterr().err
    assert "x.yaml: line 2" in err and "Traceback" not in err

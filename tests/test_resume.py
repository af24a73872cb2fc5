import json

from interviewer.cli import main
from interviewer.resume import check_resume, job_keywords

RESUME = """Jane Doe
Experience
- Worked on the billing service in Python and Postgres
- Cut checkout latency by 40% by rewriting the slowest queries
- Responsible for the on call rotation
- Led migration of 3 services to Kubernetes, halving deploy time
"""
JOB = """Senior backend engineer. You will build distributed systems in Python and Go on AWS.
Experience with Kafka and Kubernetes. Kafka experience is a must. PostgreSQL a plus."""


def codes(findings, code):
    return [f for f in findings if f.code == code]


def test_duty_phrases_are_flagged_with_line_numbers():
    found = codes(check_resume(RESUME), "resume.duty_phrase")
    assert [f.evidence.split(":")[0] for f in found] == ["line 3", "line 5"]
    assert all(f.severity == "warning" for f in found)


def test_bullets_without_numbers_are_flagged_and_quantified_ones_are_not():
    found = codes(check_resume(RESUME), "resume.no_impact")
    assert [f.evidence.split(":")[0] for f in found] == ["line 3", "line 5"]


def test_missing_job_keywords_are_listed_and_synonyms_count_as_present():
    missing = {f.evidence for f in codes(check_resume(RESUME, JOB), "resume.missing_keyword")}
    assert {"kafka", "aws", "go", "distributed systems"} <= missing
    assert not {"python", "kubernetes", "postgresql"} & missing  # Postgres counts as PostgreSQL


def test_job_keywords_skip_stop_words():
    kws = job_keywords(JOB)
    assert "kafka" in kws and "python" in kws
    assert not {"with", "will", "experience", "must"} & set(kws)


def test_resume_cli_json(tmp_path, capsys):
    r, j = tmp_path / "cv.txt", tmp_path / "job.txt"
    r.write_text(RESUME)
    j.write_text(JOB)
    assert main(["resume", str(r), "--job", str(j), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["code"] for d in data} == {"resume.duty_phrase", "resume.no_impact", "resume.missing_keyword"}


def test_resume_cli_rejects_pdf(tmp_path, capsys):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF")
    assert main(["resume", str(pdf)]) == 2
    assert "plain text" in capsys.readouterr().err

"""The demo round: a simulated candidate through the whole pipeline, follow-ups included."""
import json
import subprocess
import sys


def test_demo_round_runs_end_to_end_and_follow_ups_fill_the_gaps(tmp_path):
    out = subprocess.run([sys.executable, "-m", "interviewer.cli", "demo", "--fast", "--voice", "none",
                          "--recordings", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    session = json.loads(next(tmp_path.glob("*/session.json")).read_text())
    ids = [a["question"]["id"] for a in session["answers"]]
    assert ids == ["demo-conflict", "demo-conflict/follow-up", "demo-queue", "demo-queue/follow-up"]
    first, follow, second, follow2 = session["answers"]
    # the story had no measurable outcome and the explanation no tradeoff: those are the gaps asked about
    assert first["analysis"]["gaps"][0] == "quantified" and first["analysis"]["follow_up"] == "What was the measurable outcome?"
    assert second["analysis"]["gaps"][0] == "tradeoff"
    assert [f["code"] for f in follow["analysis"]["feedback"] if f["code"].startswith("follow_up")] == ["follow_up.quantified.covered"]
    assert [f["code"] for f in follow2["analysis"]["feedback"] if f["code"].startswith("follow_up")] == ["follow_up.tradeoff.covered"]
    assert "payments" in first["transcript"]["text"].lower() and "duplicate" in follow2["transcript"]["text"].lower()
    assert session["summary"]["answered"] == 2 and "2 questions and 2 follow-ups" in session["summary"]["summary"]
    for a in session["answers"]:
        assert len(a["analysis"]["feedback_summary"].split()) <= 60

"""The optional LLM coach, against a fake OpenAI-compatible server on loopback that records its calls."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from interviewer.analyse import build_analysis
from interviewer.coach.llm import LLMCoach, with_llm_feedback
from interviewer.model import Question, Span, Transcript, Word

REPLY = ("You told a clear story and put a number on the result, forty percent. "
         "Next time, say what you personally did before the team did it.")


def analyse_text(tmp_path, capsys, text: str, server: "FakeServer", *flags: str) -> dict:
    """`interviewer analyse answer.txt --json FLAGS` against `server`; the printed JSON."""
    from interviewer.cli import main

    answer = tmp_path / "answer.txt"
    answer.write_text(text)
    try:
        assert main(["analyse", str(answer), "--json", "--llm-base-url", server.url, *flags]) == 0
    finally:
        server.close()
    return json.loads(capsys.readouterr().out)


class FakeServer:
    def __init__(self, reply: str = REPLY, status: int = 200):
        calls = self.calls = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                calls.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                payload = {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": reply}}]}
                data = json.dumps(payload if status == 200 else {"error": {"message": "boom"}}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *a):
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture
def analysis():
    text = "Last year our deploys took two hours so I rewrote the pipeline and we cut it by forty percent"
    words = [Word(w, i * 0.4, i * 0.4 + 0.3, 0.9) for i, w in enumerate(text.split())]
    return build_analysis("behavioural", Transcript(text, words), [Span(0.0, words[-1].end)], 8.0,
                          Question("q", "behavioural", "Tell me about a time you improved something."))


def test_the_model_gets_the_transcript_and_the_evidence_and_its_reply_is_spoken(analysis):
    server = FakeServer()
    try:
        coached = with_llm_feedback(analysis, LLMCoach("tiny-local", base_url=server.url))
    finally:
        server.close()
    assert len(server.calls) == 1
    call = server.calls[0]
    assert call["path"] == "/v1/chat/completions" and call["body"]["model"] == "tiny-local"
    prompt = call["body"]["messages"][0]["content"]
    assert analysis.transcript.text in prompt
    for f in analysis.findings:
        assert f.evidence in prompt
    assert coached.feedback_summary == REPLY
    assert coached.coach["response"] == REPLY and coached.coach["prompt"] == prompt
    assert analysis.feedback_summary != REPLY  # the offline summary is left as it was


def test_a_long_reply_is_cut_to_sixty_spoken_words(analysis):
    server = FakeServer(reply="Great answer with 3 numbers. " * 30)
    try:
        coached = with_llm_feedback(analysis, LLMCoach("m", base_url=server.url))
    finally:
        server.close()
    words = coached.feedback_summary.split()
    assert len(words) == 60 and "three" in words and "3" not in words


def test_a_failing_server_falls_back_to_the_offline_summary(analysis):
    server = FakeServer(status=500)
    try:
        coached = with_llm_feedback(analysis, LLMCoach("m", base_url=server.url))
    finally:
        server.close()
    assert coached.feedback_summary == analysis.feedback_summary
    assert "LLM coach unavailable" in coached.warnings[-1] and "error" in coached.coach


def test_analyse_cli_with_a_local_llm(tmp_path, capsys):
    result = analyse_text(tmp_path, capsys, "I led the migration and I cut costs by forty percent.", FakeServer(),
                          "--coach", "llm", "--llm-model", "llama3.2")
    assert result["feedback_summary"] == REPLY and result["coach"]["model"] == "llama3.2"

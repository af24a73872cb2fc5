"""Spoken feedback written by a language model on an OpenAI-compatible server (optional).

Works with OpenAI or any compatible server (Ollama, llama.cpp, vLLM) through the
`openai` client. The model only rephrases: the measured findings, each with its
evidence, are the facts it is given. Every call is kept for the session record,
and any failure falls back to the offline summary with a warning.
"""
from __future__ import annotations

import os
import time

from ..resources import prompts_dir
from ..result import Analysis
from .server import openai_client, reply_text
from .summary import MAX_WORDS, speakable


class LLMCoach:
    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None, timeout: float = 30.0):
        self.model = model
        self.client = openai_client(base_url, api_key, timeout, "LLM coach")
        self.base_url = str(self.client.base_url)
        self.template = (prompts_dir() / "coach.txt").read_text(encoding="utf-8")

    def prompt(self, analysis: Analysis) -> str:
        findings = "\n".join(f"- {f.severity}: {f.message} (\"{f.evidence}\")" for f in analysis.findings)
        return self.template.format(kind=analysis.kind, question=analysis.question or "(not given)",
                                    transcript=analysis.transcript.text or "(nothing recognised)",
                                    findings=findings or "- none")

    def feedback(self, analysis: Analysis) -> tuple[str, dict]:
        """(spoken feedback, the logged interaction). Raises nothing: failures fall back."""
        prompt = self.prompt(analysis)
        log = {"coach": "llm", "model": self.model, "base_url": self.base_url, "prompt": prompt}
        started = time.perf_counter()
        try:
            text = reply_text(self.client, self.model, prompt, max_tokens=160)
        except Exception as e:  # network, auth, server: the round must go on
            log.update(error=f"{e.__class__.__name__}: {str(e).splitlines()[0] if str(e) else ''}",
                       seconds=round(time.perf_counter() - started, 3))
            return analysis.feedback_summary, log
        log.update(response=text, seconds=round(time.perf_counter() - started, 3))
        words = speakable(text).split()
        if not words:
            return analysis.feedback_summary, log
        spoken = " ".join(words[:MAX_WORDS])
        return spoken if len(words) <= MAX_WORDS else spoken.rstrip(",;:") + ".", log


def with_llm_feedback(analysis: Analysis, coach: LLMCoach | None) -> Analysis:
    """The analysis with its spoken summary written by `coach`, and the call logged under "coach"."""
    if coach is None or not analysis.credited:
        return analysis
    text, log = coach.feedback(analysis)
    warnings = analysis.warnings + ([f"LLM coach unavailable ({log['error']}); offline feedback used"]
                                    if "error" in log else [])
    return analysis.but(feedback_summary=text, coach=log, warnings=warnings)


def add_coach_arguments(parser) -> None:
    parser.add_argument("--coach", choices=["offline", "llm"], default="offline",
                        help="who writes the spoken feedback: offline rules (default) or an LLM")
    parser.add_argument("--llm-model", default=os.environ.get("INTERVIEWER_LLM_MODEL", "gpt-4o-mini"), metavar="NAME",
                        help="model for --coach llm (default gpt-4o-mini, or $INTERVIEWER_LLM_MODEL)")
    parser.add_argument("--llm-base-url", metavar="URL", help="an OpenAI-compatible server, e.g. "
                        "http://localhost:11434/v1 for Ollama (or $INTERVIEWER_LLM_BASE_URL)")


def coach_from_args(args) -> LLMCoach | None:
    return LLMCoach(args.llm_model, args.llm_base_url) if args.coach == "llm" else None

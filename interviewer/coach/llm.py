"""Spoken feedback written by a language model on an OpenAI-compatible server (optional).

Works with OpenAI or any compatible server (Ollama, llama.cpp, vLLM) through the
`openai` client. The model only rephrases: the measured findings, each with its
evidence, are the facts it is given. Every call is kept for the session record,
and any failure falls back to the offline summary with a warning.
"""
from __future__ import annotations

import os
import time

from ..errors import UserError
from ..resources import prompts_dir
from ..result import Analysis
from .summary import MAX_WORDS, speakable


class LLMCoach:
    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None, timeout: float = 30.0):
        try:
            from openai import OpenAI
        except ImportError:
            raise UserError("the LLM coach needs the openai package: run `pip install 'interviewer[llm]'`") from None
        self.model = model
        base_url = base_url or os.environ.get("INTERVIEWER_LLM_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
        # Local servers (Ollama, llama.cpp) accept any key; the client insists on one.
        key = api_key or os.environ.get("OPENAI_API_KEY") or ("local" if base_url else None)
        if not key:
            raise UserError("the LLM coach needs OPENAI_API_KEY, or --llm-base-url for a local server")
        self.client = OpenAI(base_url=base_url, api_key=key, timeout=timeout, max_retries=0)
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
            reply = self.client.chat.completions.create(
                model=self.model, messages=[{"role": "user", "content": prompt}], temperature=0.3, max_tokens=160)
            text = (reply.choices[0].message.content or "").strip()
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

"""Which parts an answer carries, decided by a language model (`--judge llm`, optional).

The model gets only the part definitions (prompts/judge.yaml) and the transcript, and must
answer in strict JSON with a verbatim quote for every part it finds. A quote that is not in
the transcript is rejected, so the model cannot credit what was never said; any failure
(server, timeout, malformed reply) is reported so the caller falls back to the offline judge.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Optional

import yaml

from ..model import Transcript
from ..resources import prompts_dir
from ..rounds import Round
from .server import openai_client, reply_text

SHARED = ("opinion", "honest_gap", "vague_claims")


@dataclass(frozen=True)
class Verdict:
    present: bool
    quote: str = ""
    start: Optional[float] = None   # where the quote begins in the recording


class JudgeFailed(Exception):
    """The server or its reply could not be used; the message says why, in one line."""


def _norm(text: str) -> list[str]:
    """Words without case or the punctuation around them: "Latency," and "latency" match; "2.4%" stays."""
    return [t for t in (w.strip(".,!?;:\"'()[]…“”‘’").lower() for w in text.split()) if t]


def locate(quote: str, transcript: Transcript) -> Optional[int]:
    """Index of the transcript word where `quote` begins verbatim (case and punctuation aside), or None."""
    want = _norm(quote)
    have = [" ".join(_norm(w.word)) for w in transcript.words]
    if not want:
        return None
    for i in range(len(have) - len(want) + 1):
        if " ".join(have[i:i + len(want)]).split() == want:
            return i
    return None


class LLMJudge:
    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None, timeout: float = 60.0):
        self.model = model
        self.client = openai_client(base_url, api_key, timeout, "LLM judge")
        self.base_url = str(self.client.base_url)
        self.definitions = yaml.safe_load((prompts_dir() / "judge.yaml").read_text(encoding="utf-8"))
        self.template = (prompts_dir() / "judge.txt").read_text(encoding="utf-8")

    def labels(self, rnd: Round) -> list[str]:
        paths = [p.path for p in rnd.parts] + [p for p in SHARED]
        return [p for p in dict.fromkeys(paths) if p in self.definitions]

    def prompt(self, rnd: Round, transcript: Transcript, question: str | None) -> str:
        parts = "\n".join(f"- {label}: {self.definitions[label]}" for label in self.labels(rnd))
        return self.template.format(round=rnd.name, question=question or "(not given)",
                                    transcript=transcript.text, parts=parts)

    def judge(self, rnd: Round, transcript: Transcript, question: str | None = None) -> tuple[dict[str, Verdict], dict]:
        """(verdicts by part path, the logged call). Raises JudgeFailed when the reply cannot be used."""
        prompt = self.prompt(rnd, transcript, question)
        log: dict = {"judge": "llm", "model": self.model, "base_url": self.base_url, "prompt": prompt}
        started = time.perf_counter()
        try:
            text = reply_text(self.client, self.model, prompt, max_tokens=900, temperature=0.0)
        except Exception as e:  # network, auth, server: the caller falls back to the offline judge
            raise JudgeFailed(f"{e.__class__.__name__}: {str(e).splitlines()[0] if str(e) else 'no reply'}") from None
        finally:
            log["seconds"] = round(time.perf_counter() - started, 3)
        log["response"] = text
        verdicts, rejected = parse(text, self.labels(rnd), transcript)
        log["rejected_quotes"] = rejected
        return verdicts, log


def parse(text: str, labels: list[str], transcript: Transcript) -> tuple[dict[str, Verdict], list[str]]:
    """Strict JSON with every label; a present part whose quote is not in the transcript counts as absent."""
    match = re.search(r"\{.*\}", text, re.S)  # some servers wrap JSON in a code fence
    try:
        parts = json.loads(match.group(0) if match else text)["parts"]
    except (ValueError, KeyError, TypeError):
        raise JudgeFailed("the reply was not the JSON asked for") from None
    if not isinstance(parts, dict) or not set(labels) <= set(parts):
        raise JudgeFailed(f"the reply left out parts: {', '.join(sorted(set(labels) - set(parts or {})))}")
    verdicts, rejected = {}, []
    for label in labels:
        item = parts[label] if isinstance(parts[label], dict) else {}
        quote = str(item.get("quote") or "").strip()
        if item.get("present") is not True:
            verdicts[label] = Verdict(False)
            continue
        at = locate(quote, transcript)
        if at is None:
            rejected.append(label)
            verdicts[label] = Verdict(False)
        else:
            verdicts[label] = Verdict(True, quote, transcript.words[at].start)
    return verdicts, rejected


def consult(judge, kind: str, transcript: Transcript, question: str | None) -> tuple[str, dict | None, dict | None, list[str]]:
    """Resolve `judge` (a name, or an LLMJudge) for one answer before it is analysed:
    (judge name for the analysis, the model's verdicts by path, the logged call, warnings).
    A failing server falls back to the offline learned judge, with a warning that says why."""
    if not isinstance(judge, LLMJudge):
        return judge or "learned", None, None, []
    from ..rounds import get_round

    try:
        verdicts, log = judge.judge(get_round(kind), transcript, question)
    except JudgeFailed as e:
        return "learned", None, {"judge": "llm", "model": judge.model, "error": str(e)}, [
            f"LLM judge unavailable ({e}); the offline judge decided the parts"]
    return "llm", {k: (v.present, v.quote, v.start) for k, v in verdicts.items()}, log, []


def judge_from_args(args):
    """`--judge llm`: an LLMJudge on the same server options as `--coach llm`; otherwise the judge's name."""
    if getattr(args, "judge", "learned") != "llm":
        return getattr(args, "judge", "learned")
    return LLMJudge(args.llm_model, args.llm_base_url)

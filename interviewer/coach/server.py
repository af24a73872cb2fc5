"""The one way to reach an OpenAI-compatible server: OpenAI itself, or Ollama, llama.cpp, vLLM...

Used by the LLM coach (spoken feedback) and the LLM judge (which parts an answer has).
"""
from __future__ import annotations

import os

from ..errors import UserError


def openai_client(base_url: str | None, api_key: str | None, timeout: float, who: str):
    """An `openai.OpenAI` client, or a one-line error naming what is missing for `who`."""
    try:
        from openai import OpenAI
    except ImportError:
        raise UserError(f"the {who} needs the openai package: run `pip install 'interviewer[llm]'`") from None
    base_url = base_url or os.environ.get("INTERVIEWER_LLM_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
    # Local servers (Ollama, llama.cpp) accept any key; the client insists on one.
    key = api_key or os.environ.get("OPENAI_API_KEY") or ("local" if base_url else None)
    if not key:
        raise UserError(f"the {who} needs OPENAI_API_KEY, or --llm-base-url for a local server")
    return OpenAI(base_url=base_url, api_key=key, timeout=timeout, max_retries=0)


def reply_text(client, model: str, prompt: str, max_tokens: int, temperature: float = 0.3) -> str:
    reply = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}],
                                           temperature=temperature, max_tokens=max_tokens)
    return (reply.choices[0].message.content or "").strip()

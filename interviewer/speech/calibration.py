"""Per-model cut-offs for "was this English?", read from interviewer/data/calibration.json.

Whisper turns foreign speech and noise into confident-looking English, but with low word
probabilities and log-probs; how low depends on the model, so the cut-offs are measured
per model (benchmarks/calibrate.py) and kept as data. Three verdicts:

* refused: mean word probability AND average log-prob both under the refuse cut-offs
  (foreign speech, noise, mumbling), or, for a multilingual model, its language ID gives
  English a probability under `refuse_english`: no content credit;
* low confidence: English, analysed and credited, but either figure under the "unsure"
  cut-offs: the result says so and why (from the room diagnosis);
* sure.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from ..resources import data_dir


@dataclass(frozen=True)
class Cutoffs:
    refuse_probability: float = 0.6
    refuse_logprob: float = -0.8
    unsure_probability: float = 0.75
    unsure_logprob: float = -0.45
    refuse_english: float = 0.0      # multilingual models: language ID's English probability under this
    tail_probability: float = 0.25   # an answer's last words this unsure are taken as invented (guards)

    def refused(self, mean_probability: float | None, avg_logprob: float | None,
                english_probability: float | None = None) -> bool:
        if mean_probability is None:
            return True
        if english_probability is not None and english_probability < self.refuse_english:
            return True
        return mean_probability < self.refuse_probability and (avg_logprob or 0.0) < self.refuse_logprob

    def unsure(self, mean_probability: float | None, avg_logprob: float | None) -> bool:
        if mean_probability is None:
            return False
        return mean_probability < self.unsure_probability or (avg_logprob or 0.0) < self.unsure_logprob


@lru_cache(maxsize=None)
def _table() -> dict:
    try:
        return json.loads((data_dir() / "calibration.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def cutoffs(model: str | None) -> Cutoffs:
    """The cut-offs measured for `model`, or the neutral fallback for a model never measured."""
    table = _table()
    entry = table.get("models", {}).get(model or "") or table.get("fallback") or {}
    fields = Cutoffs.__dataclass_fields__
    return Cutoffs(**{k: float(v) for k, v in entry.items() if k in fields and not k.startswith("_")})

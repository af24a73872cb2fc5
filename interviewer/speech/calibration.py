"""Recognition thresholds per speech model, kept as data (interviewer/data/calibration.json).

The cut-offs that tell English from foreign speech or noise, and how unsure a trailing
word must be to count as invented, depend on the model: tiny.en's figures do not hold
for another model, which gets the neutral fallback until it is measured.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from ..resources import data_dir


@dataclass(frozen=True)
class Calibration:
    model: str
    min_mean_word_probability: float
    min_avg_logprob: float
    tail_probability: float


@lru_cache(maxsize=None)
def calibration_for(model: str) -> Calibration:
    table = json.loads((data_dir() / "calibration.json").read_text(encoding="utf-8"))
    row = table.get(model) or table["default"]
    return Calibration(model if model in table else "default", row["min_mean_word_probability"],
                       row["min_avg_logprob"], row["tail_probability"])

"""The learned judge at run time: numpy only. Weights in interviewer/data/judge.npz (`make train`).

Each label has a linear classifier over clause features (the scaler is folded into the weights) and the
clause's hashed word unigrams and bigrams;
a part is present when an answer-level score passes the label's threshold: a small logistic
"stacker" over the highest clause probability (for answer-level labels, the mean), the mean of
the top two, the mean, the rules' verdict and the best clause's position, fitted on scores the clause model gave authors it
was not trained on (inner leave-one-author-out).
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from ..errors import UserError

NGRAM_BITS = 14  # hashed word unigrams and bigrams of a clause (features.grams): 2**14 gram weights per label

VERSION = 8
WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "judge.npz"


@dataclass
class LabelModel:
    name: str
    coef: np.ndarray        # (features,) float32, on raw features
    intercept: float
    threshold: float
    agg: str                # "max" over clauses, or "mean" for answer-level labels
    use: str                # "learned" or "rules": which decides at run time (picked by leave-one-author-out)
    stack: Optional[np.ndarray] = None  # (8,): answer-level weights on AGG_NAMES and a bias; None: plain max/mean
    ngram: Optional[np.ndarray] = None  # (2**NGRAM_BITS,) float32: the weight of each hashed gram bucket

    def clause_probs(self, X: np.ndarray, grams=None) -> np.ndarray:
        """`grams`: the clauses' features.Grams, required when the model has `ngram` weights."""
        z = X @ self.coef + self.intercept
        if self.ngram is not None:
            if grams is None:  # the fit used them: leaving them out would shift every clause's odds silently
                raise ValueError(f"{self.name}: this model has gram weights; pass the clauses' grams")
            z = z + grams.dot(self.ngram)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def pooled(self, probs: np.ndarray) -> float:
        if probs.size == 0:
            return 0.0
        return float(probs.mean() if self.agg == "mean" else probs.max())

    def score(self, probs: np.ndarray, rule: Optional[bool] = None, after: Optional[np.ndarray] = None) -> float:
        """The answer-level probability the threshold applies to: the pooled clause probability, or, with a
        stacker, a logistic over the pooled, top-two and mean clause log-odds, the rules' verdict, where
        the best clause sits, and the best log-odds at or after the first action."""
        if self.stack is None:
            return self.pooled(probs)
        if probs.size == 0:
            return 0.0
        z = float(agg_features(probs, self.agg, rule, after) @ self.stack[:-1] + self.stack[-1])
        return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


AGG_NAMES = ("logit.pooled", "logit.top2", "logit.mean", "rules", "top.position", "logit.after_action", "clauses.log")


def agg_features(probs: np.ndarray, agg: str, rule: Optional[bool], after: Optional[np.ndarray] = None) -> np.ndarray:
    """Answer-level inputs of the stacker, from one answer's clause probabilities, the rules' verdict, and
    `after`: which clauses come at or after the first the rules call an action (a result follows one).
    `clauses.log`, how long the answer is: a part is likelier in a long answer than in one sentence, so the
    stacker's prior need not be the training answers' average length ("I'm a backend engineer at Acme,
    where I focus on payments." alone had said what the candidate wants next)."""
    probs = np.asarray(probs, dtype=np.float64)
    p = np.clip(np.sort(probs)[::-1], 1e-4, 1 - 1e-4)
    logit = lambda x: float(np.log(x / (1 - x)))  # noqa: E731
    pooled = p.mean() if agg == "mean" else p[0]
    where = float(probs.argmax()) / max(len(probs) - 1, 1)  # where the best clause sits: 0 first .. 1 last
    late = probs[after] if after is not None and after.any() else np.zeros(1)
    return np.array([logit(pooled), logit(p[:2].mean()), logit(p.mean()), float(bool(rule)), where,
                     logit(float(np.clip(late.max(), 1e-4, 1 - 1e-4))), float(np.log1p(len(probs)))])


@dataclass
class JudgeModel:
    labels: dict[str, LabelModel]
    features: list[str]
    meta: dict

    def save(self, path: Path) -> None:
        """A deterministic .npz: same model -> same bytes (fixed zip timestamps, sorted keys)."""
        arrays = {"features": np.array(self.features), "meta": np.array(json.dumps(self.meta, sort_keys=True))}
        names = sorted(self.labels)
        arrays["label_names"] = np.array(names)
        arrays["coef"] = np.stack([self.labels[n].coef for n in names]).astype(np.float32)
        arrays["intercept"] = np.array([self.labels[n].intercept for n in names], dtype=np.float32)
        arrays["threshold"] = np.array([self.labels[n].threshold for n in names], dtype=np.float32)
        arrays["agg"] = np.array([self.labels[n].agg for n in names])
        arrays["use"] = np.array([self.labels[n].use for n in names])
        # float16: the gram weights are most of the file; `make train` prints how many verdicts that moves
        arrays["ngram"] = np.stack([self.labels[n].ngram if self.labels[n].ngram is not None
                                     else np.zeros(1 << NGRAM_BITS) for n in names]).astype(np.float16)
        arrays["stack"] = np.stack([self.labels[n].stack if self.labels[n].stack is not None
                                    else np.full(len(AGG_NAMES) + 1, np.nan) for n in names]).astype(np.float32)
        path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for key in sorted(arrays):
                info = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                out = io.BytesIO()
                np.lib.format.write_array(out, np.asarray(arrays[key]), allow_pickle=False)
                z.writestr(info, out.getvalue())
        path.write_bytes(buf.getvalue())

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> "JudgeModel":
        hint = f"the learned judge's weights {path} are {{}}: rebuild them with `make train` (or use --judge rules)"
        if not path.exists():
            raise UserError(hint.format("missing"))
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                names = [str(n) for n in z["label_names"]]
                coef, intercept = z["coef"], z["intercept"]
                threshold, agg, use, stack = z["threshold"], z["agg"], z["use"], z["stack"]
                ngram = z["ngram"]
                features = [str(f) for f in z["features"]]
            if meta.get("version") != VERSION or coef.shape != (len(names), len(features)) \
                    or ngram.shape != (len(names), 1 << NGRAM_BITS):
                raise ValueError("version or shape")
            labels = {n: LabelModel(n, coef[i].astype(np.float32), float(intercept[i]), float(threshold[i]),
                                    str(agg[i]), str(use[i]),
                                    None if np.isnan(stack[i]).any() else stack[i].astype(np.float64),
                                    ngram[i].astype(np.float32))
                      for i, n in enumerate(names)}
        except UserError:
            raise
        except Exception:
            raise UserError(hint.format("unreadable or from another version")) from None
        return cls(labels, features, meta)


@lru_cache(maxsize=2)
def load_model(path: Optional[str] = None) -> JudgeModel:
    return JudgeModel.load(Path(path) if path else WEIGHTS)

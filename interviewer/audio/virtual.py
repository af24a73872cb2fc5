"""The PulseAudio null-sink pair from scripts/virtual-audio.sh, for tests and the demo.

"mic" is a sink whose monitor ("mic.monitor") is the app's input: whatever
`play_into_mic` writes there, MicIn hears. "speaker" swallows what the app plays.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "virtual-audio.sh"
ENV = {"PULSE_SINK": "speaker", "PULSE_SOURCE": "mic.monitor"}


def _sinks() -> list[str]:
    if not shutil.which("pactl"):
        return []
    try:
        out = subprocess.run(["pactl", "list", "short", "sinks"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.split("\t")[1] for line in out.stdout.splitlines() if "\t" in line] if out.returncode == 0 else []


def virtual_devices_present() -> bool:
    """True when PulseAudio runs and has the `mic` (and `speaker`) null sinks."""
    sinks = _sinks()
    return "mic" in sinks and "speaker" in sinks


def start_virtual_devices() -> bool:
    """Run scripts/virtual-audio.sh start (idempotent); True if the pair is then present."""
    if SCRIPT.is_file():
        subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, timeout=30)
    return virtual_devices_present()


def use_virtual_devices() -> None:
    """Point this process's PulseAudio clients at the pair, even if the desktop
    has other defaults. Call before the first stream is opened."""
    os.environ.update(ENV)


def play_into_mic(wav_path: str | os.PathLike) -> subprocess.Popen:
    """Start "speaking" a WAV into the virtual mic; wait() on the result to finish."""
    if not shutil.which("paplay"):
        raise FileNotFoundError("paplay not found: install pulseaudio-utils")
    return subprocess.Popen(["paplay", "--device=mic", str(wav_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

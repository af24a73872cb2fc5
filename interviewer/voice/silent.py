"""No voice at all (`--voice none`): questions are only printed."""
from __future__ import annotations

import numpy as np


class SilentVoice:
    name = "none"
    samplerate = 16000

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        return np.zeros(0, dtype=np.float32), self.samplerate

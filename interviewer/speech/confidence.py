"""Say why a transcript is unsure: the room diagnosis supplies an actionable reason."""
from __future__ import annotations

import numpy as np

HEAD_S = 60.0  # the room is judged on the first minute: enough, and memory stays flat

GENERIC = "many words were hard to make out; try a headset or move closer to the microphone"


def low_confidence_report(heard, audio: np.ndarray | None, spans, rate: int = 16000) -> dict | None:
    """None when the transcript is sure (or refused); else {"warning", "reason", "room"}."""
    if not heard.low_confidence:
        return None
    from ..audio.room import diagnose, sounds_like

    findings = diagnose(audio, rate, [s for s in spans if s.start < len(audio) / rate]) \
        if audio is not None and len(audio) else []
    reason = sounds_like(findings) or GENERIC
    return {"warning": f"low confidence in the transcript: {reason}", "reason": reason,
            "room": [f["code"] for f in findings]}

"""Hand-written session folders for the report, export, progress and retry tests.

session.json follows the README contract field by field; the WAVs are synthesised:
a voiced buzz for each word and silence between, so their lengths are known.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from conftest import write_wav

RATE = 16000


def words_from(text: str, t0: float = 0.6, step: float = 0.4) -> list[dict]:
    """Words 0.3 s long every `step` s; a token like '|1.5|' inserts that much extra silence."""
    out, t = [], t0
    for tok in text.split():
        if tok.startswith("|"):
            t += float(tok.strip("|"))
            continue
        out.append({"word": tok, "start": round(t, 2), "end": round(t + 0.3, 2), "probability": 0.9})
        t += step
    return out


def speech_wav(path: Path, words: list[dict], duration: float) -> Path:
    audio = np.zeros(int(duration * RATE), dtype=np.float32)
    for i, w in enumerate(words):
        a, b = int(w["start"] * RATE), int(w["end"] * RATE)
        t = np.arange(b - a) / RATE
        f0 = 140 + 15 * (i % 5)
        audio[a:b] = 0.2 * np.sin(2 * np.pi * f0 * t) * np.hanning(b - a) + 0.05 * np.sin(2 * np.pi * 3 * f0 * t)
    return write_wav(path, audio)


def pauses_of(words: list[dict], min_s: float = 0.25) -> list[dict]:
    out = []
    for a, b in zip(words, words[1:]):
        if b["start"] - a["end"] >= min_s:
            out.append({"start": a["end"], "end": b["start"], "duration": round(b["start"] - a["end"], 2)})
    return out


def answer(n: int, qid: str, text: str, *, duration: float, fillers_pm: float, structure: dict, gaps: list[str],
           events: list | None = None, target=(60, 120), round_="behavioural", follow_up_of=None, retry_of=None,
           feedback: list | None = None) -> dict:
    words = words_from(text)
    pauses = pauses_of(words)
    fillers = [{"word": w["word"].strip(",.").lower(), "start": w["start"]} for w in words
               if w["word"].strip(",.").lower() in ("um", "uh")]
    hedges = [{"phrase": "sort of", "start": w["start"]} for w, nxt in zip(words, words[1:])
              if w["word"].lower() == "sort" and nxt["word"].lower().startswith("of")]
    delivery = {"duration_s": duration, "speech_s": round(words[-1]["end"] - words[0]["start"], 2),
                "time_to_first_word_s": words[0]["start"], "words_per_minute": 150.0, "pauses": pauses,
                "longest_pause_s": max((p["duration"] for p in pauses), default=0.0), "fillers": fillers,
                "fillers_per_minute": fillers_pm, "hedges": hedges, "word_count": len(words)}
    transcript = {"text": " ".join(w["word"] for w in words), "language": "en", "words": words}
    analysis = {"kind": round_, "question": f"Question {qid}?", "transcript": transcript, "delivery": delivery,
                "structure": structure, "gaps": gaps, "warnings": [], "credited": True,
                "feedback": feedback if feedback is not None else [
                    {"code": "pause.long", "severity": "warning", "message": "A long pause <here> & there.",
                     "start": pauses[0]["start"] if pauses else 0.6, "evidence": words[0]["word"]}],
                "feedback_summary": "Good story; add the result.", "follow_up": "What was the outcome?"}
    return {"n": n, "question": {"id": qid, "round": round_, "text": f"Question {qid}?", "tags": [],
                                 "target_s": list(target), "points": [], "follow_ups": {}},
            "follow_up_of": follow_up_of, "retry_of": retry_of, "audio": f"answer-{n:02d}.wav",
            "question_audio": f"question-{n:02d}.wav", "feedback_audio": f"feedback-{n:02d}.wav",
            "ended_by": "silence", "partial": False, "transcript": transcript, "analysis": analysis,
            "events": events or [], "timings": {"endpoint_s": duration}}


def star(*present: str, evidence: dict | None = None) -> dict:
    nodes = {}
    for p in ("situation", "task", "action", "result"):
        ev = (evidence or {}).get(p)
        nodes[p] = {"present": p in present, "share": 0.25, "evidence": ev[0] if ev else "", "start": ev[1] if ev else None}
    return {"star": nodes, "opinion": {"present": False, "evidence": "", "start": None}}


def write_session(root: Path, sid: str, answers: list[dict], round_="behavioural", wavs: bool = True) -> Path:
    folder = root / sid
    folder.mkdir(parents=True, exist_ok=True)
    for a in answers if wavs else []:
        speech_wav(folder / a["audio"], a["transcript"]["words"], a["analysis"]["delivery"]["duration_s"])
        speech_wav(folder / a["question_audio"], words_from("tell me about it"), 2.5)
    data = {"schema_version": 1, "id": sid, "round": round_, "started": f"{sid[:4]}-{sid[4:6]}-{sid[6:8]}T10:00:00",
            "finished": None, "meta": {"voice": "none"}, "answers": answers,
            "summary": {"summary": "That's the end of the round.", "answered": len(answers), "interrupted": False}}
    (folder / "session.json").write_text(json.dumps(data, indent=2))
    return folder


STORY = ("Um, so at my last job our deploys failed every week. |1.4| My task was to fix the pipeline. "
         "I sort of rewrote the tests and added canary releases. |1.2| uh As a result failures dropped by "
         "eighty percent in two months.")


def three_question_session(root: Path, sid: str = "20260101-100000-aaaa") -> Path:
    ev = {"situation": ("so at my last job our deploys failed every week.", 1.0),
          "task": ("My task was to fix the pipeline.", 6.4),
          "result": ("As a result failures dropped by eighty percent in two months.", 14.8)}
    answers = [answer(1, "b1", STORY, duration=20.0, fillers_pm=7.5, structure=star("situation", "task", "result", evidence=ev),
                      gaps=["action"], events=[{"t": 5.0, "type": "nudge", "text": "Take your time."},
                                               {"t": 13.5, "type": "time-check", "text": "About a minute left."}]),
               answer(2, "b2", "I led the team. |1.5| We shipped on time.", duration=6.0, fillers_pm=0.0,
                      structure=star("action"), gaps=["result", "situation", "task"]),
               answer(3, "b3", "Um I think uh it went fine.", duration=4.0, fillers_pm=20.0,
                      structure=star(), gaps=["result", "action", "situation", "task"],
                      events=[{"t": 0.2, "type": "interviewer-speech", "text": "Go on."}])]
    return write_session(root, sid, answers)


def progress_sessions(root: Path) -> list[Path]:
    """Four behavioural sessions that improve: fewer fillers, more STAR parts, fewer nudges."""
    folders = []
    plan = [  # (fillers_pm per answer, parts present per answer, nudges per answer, extra pause s)
        ([12.0, 9.0], [("situation",), ("action",)], [2, 1], 3.0),
        ([8.0, 6.0], [("situation", "action"), ("situation", "task")], [1, 1], 2.0),
        ([5.0, 4.0], [("situation", "task", "action"), ("situation", "action", "result")], [1, 0], 1.5),
        ([2.0, 1.0], [("situation", "task", "action", "result")] * 2, [0, 0], 1.0),
    ]
    for i, (fpm, parts, nudges, gap) in enumerate(plan):
        answers = []
        for n in (1, 2):
            present = parts[n - 1]
            missing = [p for p in ("result", "action", "task", "situation") if p not in present]
            events = [{"t": 1.0 + k, "type": "nudge", "text": "Keep going."} for k in range(nudges[n - 1])]
            answers.append(answer(n, f"b{n}", f"So I led it. |{gap}| It went well.", duration=30.0 + 20 * i,
                                  fillers_pm=fpm[n - 1], structure=star(*present), gaps=missing, events=events))
        folders.append(write_session(root, f"2026010{i + 1}-100000-000{i}", answers, wavs=False))
    return folders

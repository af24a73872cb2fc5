"""Speak corpus answers with the project's Piper voice and recognise them with Whisper (`make heard`).

10 answers per round, spread over the six authors, are synthesised sentence by sentence
(interviewer.synth.compose, so each sentence's time span is known) and recognised by the same
AnswerTranscriber the app uses. Each recognised word is given to the sentence whose span holds
its midpoint (or the nearest), so the sentence labels carry over to what Whisper heard.
Writes tests/corpus/sentences/heard.yaml.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.judge.train import AUTHORS, SENTENCES  # noqa: E402

PER_ROUND = int(sys.argv[1]) if len(sys.argv) > 1 else 10  # answers per round
KINDS = ("behavioural", "technical", "system-design", "coding", "phone-screen", "negotiation")


def pick() -> list[dict]:
    by_author = {a: yaml.safe_load((SENTENCES / f"{a}.yaml").read_text())["items"] for a in AUTHORS}
    chosen = []
    for n in range(PER_ROUND):
        for kind in KINDS:
            author = AUTHORS[(n + KINDS.index(kind)) % len(AUTHORS)]
            items = [i for i in by_author[author] if i["kind"] == kind]
            item = items[(n // len(AUTHORS)) * 3 % len(items)]  # a few answers apart for the second pass
            chosen.append({**item, "author": author})
    return chosen


def main() -> int:
    import numpy as np

    from interviewer.speech.stream import FILE_PIECE_S, AnswerTranscriber
    from interviewer.speech.whisper import WhisperTranscriber
    from interviewer.synth import RATE, compose
    from interviewer.voice.piper import PiperVoice

    voice, whisper = PiperVoice(variation=False), WhisperTranscriber()
    out = []
    t0 = time.time()
    for k, item in enumerate(pick()):
        texts = [s["text"] for s in item["sentences"]]
        keep = [n for n, t in enumerate(texts) if t.strip()]
        script = []
        for n in keep:
            script += [texts[n], 0.45]
        composed = compose(script[:-1], voice, seed=k)
        answer = AnswerTranscriber(whisper, background=False, min_piece_s=FILE_PIECE_S)
        for i in range(0, composed.audio.size, RATE // 2):
            answer.feed(composed.audio[i:i + RATE // 2])
        heard = answer.finish()
        spans = [(a, b) for _, a, b in composed.phrases]
        words: list[list[str]] = [[] for _ in keep]
        for w in heard.transcript.words:
            mid = ((w.start or 0) + (w.end or w.start or 0)) / 2
            dist = [0 if a - 0.2 <= mid <= b + 0.2 else min(abs(mid - a), abs(mid - b)) for a, b in spans]
            words[int(np.argmin(dist))].append(w.word.strip())
        sentences = [{"text": " ".join(words[j]), "parts": list(item["sentences"][n].get("parts") or []),
                      "written": texts[n]} for j, n in enumerate(keep)]
        out.append({"id": item["id"] + "-heard", "author": item["author"], "kind": item["kind"],
                    "question": item.get("question", ""), "sentences": sentences, "answer": item.get("answer") or {}})
        _write(out)
        print(f"{k + 1}/{PER_ROUND * len(KINDS)} {item['id']} {composed.duration_s:.0f}s audio, "
              f"{time.time() - t0:.0f}s so far", file=sys.stderr, flush=True)
    return 0


def _write(out: list) -> None:
    """Written after every answer, so an interrupted run keeps what it heard."""
    doc = {"author": "heard", "brief": "answers from the six authors' files, spoken by Piper (en_US-joe-medium, "
           "no variation) sentence by sentence with 0.45 s pauses, recognised by faster-whisper tiny.en through "
           "AnswerTranscriber; each word mapped back to its sentence by time; `written` is the source sentence",
           "items": out}
    (SENTENCES / "heard.yaml").write_text(yaml.safe_dump(doc, sort_keys=False, width=120, allow_unicode=True))


if __name__ == "__main__":
    sys.exit(main())

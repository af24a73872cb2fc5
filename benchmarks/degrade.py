"""Degraded recordings with exact truth, for tests and benchmarks/hearing.py. Pure numpy.

Answers are synthesised with the Piper test voice (no random variation) with inserted
pauses of known length and fillers only at phrase starts, so the truth is exact: the
words, the time of the first word, each filler's time and each pause. The degraders:

* reverb: convolution with exponentially decaying noise (RT60 0.6 s by default)
* phone:  band-pass 300-3400 Hz, stored at 8 kHz (the file is an 8 kHz WAV)
* far:    speech 20 dB further away plus fan noise (low-passed brown noise with a blade-rate hum)

and each is combined with a noisy room: pink noise at -40..-30 dBFS plus 50/60 Hz mains hum.
Audio is generated at run time and cached outside git (see `cache_dir`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

RATE = 16000
PHONE_RATE = 8000
VERSION = 5  # bump when generation changes, so caches are rebuilt

# Fillers only at phrase starts ("Um, ..."), so their time is the phrase's start: exact truth.
ANSWERS: list[list] = [
    ["In my last role I led the payments team of six engineers.", 1.2,
     "Um, our releases took two hours and often failed at night.", 0.9,
     "I rebuilt the deployment pipeline with automated checks.", 2.0,
     "Releases now take ten minutes, and failures dropped by half."],
    ["Uh, the hardest bug I fixed was a memory leak in our search service.", 1.0,
     "It only appeared under heavy traffic on Mondays.", 1.6,
     "Um, I added heap snapshots to the canary servers.", 0.7,
     "The cache kept every query forever, so I bounded it, and memory stayed flat."],
    ["I would design the feed with a write path and a read path.", 1.4,
     "Posts go into a queue, and workers fan them out to follower timelines.", 0.8,
     "Uh, celebrities are the exception, so their posts are merged when a timeline is read.", 2.4,
     "Timelines live in a cache, and the database keeps the durable copy."],
    ["Um, a hash map stores keys in buckets chosen by a hash function.", 1.1,
     "Lookups are constant time on average.", 0.9,
     "When two keys collide, the bucket keeps a short list or probes the next slot.", 1.8,
     "Uh, when the table fills up, it doubles and rehashes every key."],
    ["My manager asked me to ship a feature I thought was unsafe.", 1.3,
     "I wrote down the risks and proposed a smaller first release.", 0.7,
     "Um, we agreed to launch behind a flag for ten percent of users.", 1.5,
     "We found two crashes early, fixed them, and then rolled out to everyone."],
    ["I am looking for a salary of around one hundred and forty thousand.", 1.0,
     "Uh, that matches the market data for senior engineers in this city.", 2.2,
     "I am flexible on the split between base salary and equity.", 0.8,
     "Um, a signing bonus would also help me leave my current company."],
    ["To find the median of two sorted arrays I would use binary search.", 1.6,
     "Um, I partition both arrays so the left halves hold half the elements.", 0.9,
     "Then I check that every left element is smaller than every right element.", 1.2,
     "Uh, that runs in logarithmic time and uses constant memory."],
    ["Uh, I moved our team from weekly planning to a simple kanban board.", 0.8,
     "Work in progress was limited to three tickets per person.", 1.9,
     "Our cycle time fell from nine days to four days.", 1.0,
     "Um, people also said standups felt shorter and more useful."],
]

FILLER_WORDS = {"um", "uh", "er", "erm", "hmm", "umm", "uhh", "ah", "mm"}
STOPWORDS = set("""a an the and or but so of to in on at by for with from into than then that this these those
it its it's is are was were be been being am i i'm me my we our us you your he she they them their his her
as if when while do does did done have has had not no yes there here what which who whom how why would could
should will can may might also only every each some any all both half up out over under about after before""".split())
CONDITIONS = ("clean", "reverb", "phone", "far")


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> list[str]:
    """140000 -> one hundred forty thousand (the truth spells numbers; Whisper writes digits)."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        return [_ONES[n // 100], "hundred"] + (number_words(n % 100) if n % 100 else [])
    if n < 1_000_000:
        return number_words(n // 1000) + ["thousand"] + (number_words(n % 1000) if n % 1000 else [])
    return [str(n)]


def norm_words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("%", " percent").replace(" ,", ",")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)          # 140,000 -> 140000
    out = []
    for w in re.sub(r"[^a-z0-9' ]", " ", text).split():
        out.extend(number_words(int(w)) if w.isdigit() else [w])
    return out


def content_words(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS and w not in FILLER_WORDS]


@dataclass
class Truth:
    words: list[str]
    first_word_s: float
    fillers: list[tuple[str, float]] = field(default_factory=list)
    pauses: list[tuple[float, float]] = field(default_factory=list)
    duration_s: float = 0.0


# ---------------------------------------------------------------- degraders (pure)

def db(x: float) -> float:
    return 10 ** (x / 20)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if x.size else 0.0


def fft_convolve(x: np.ndarray, h: np.ndarray) -> np.ndarray:
    n = x.size + h.size - 1
    size = 1 << (n - 1).bit_length()
    return np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)[:n]


def fft_filter(x: np.ndarray, rate: int, low: float | None = None, high: float | None = None,
               edge_hz: float = 40.0) -> np.ndarray:
    """Zero-phase band-pass by spectral mask with raised-cosine edges `edge_hz` wide."""
    spec = np.fft.rfft(x)
    f = np.fft.rfftfreq(x.size, 1 / rate)
    gain = np.ones_like(f)
    if low:
        gain *= np.clip((f - (low - edge_hz / 2)) / edge_hz, 0, 1)
    if high:
        gain *= np.clip(((high + edge_hz / 2) - f) / edge_hz, 0, 1)
    gain = 0.5 - 0.5 * np.cos(np.pi * gain)
    return np.fft.irfft(spec * gain, x.size)


def reverb_ir(rt60: float = 0.6, rate: int = RATE, seed: int = 0, direct_to_reverb_db: float = -8.0) -> np.ndarray:
    """Direct path plus exponentially decaying noise (-60 dB after `rt60` s)."""
    rng = np.random.default_rng(seed)
    n = int(rt60 * 1.2 * rate)
    t = np.arange(n) / rate
    tail = rng.standard_normal(n) * np.exp(-6.9078 * t / rt60)
    tail[: int(0.005 * rate)] = 0.0  # first reflections arrive after ~5 ms
    tail *= db(-direct_to_reverb_db) / np.sqrt(np.sum(tail ** 2))
    tail[0] = 1.0
    return tail


def reverb(x: np.ndarray, rt60: float = 0.6, rate: int = RATE, seed: int = 0) -> np.ndarray:
    y = fft_convolve(np.asarray(x, np.float64), reverb_ir(rt60, rate, seed))[: x.size]
    return (y * (np.abs(x).max() / (np.abs(y).max() + 1e-12))).astype(np.float32)


def phone(x: np.ndarray, rate: int = RATE) -> np.ndarray:
    """Band-pass 300-3400 Hz and return the signal at 8 kHz (what a phone line delivers)."""
    y = fft_filter(np.asarray(x, np.float64), rate, 300.0, 3400.0, edge_hz=100.0)
    step = rate // PHONE_RATE
    y = y[::step]  # nothing above 3.45 kHz is left, so dropping samples does not alias
    return mulaw(y).astype(np.float32)


def mulaw(x: np.ndarray, mu: float = 255.0) -> np.ndarray:
    """G.711 mu-law companding: 8-bit quantisation, as on a digital phone line."""
    x = np.clip(x, -1, 1)
    q = np.round(np.sign(x) * np.log1p(mu * np.abs(x)) / np.log1p(mu) * 127) / 127
    return np.sign(q) * np.expm1(np.abs(q) * np.log1p(mu)) / mu


def pink(n: int, rng: np.random.Generator) -> np.ndarray:
    """Pink noise at unit RMS (the test voice's room tone uses the same generator)."""
    from interviewer.synth import pink_noise

    return pink_noise(n, rng).astype(np.float64)


def fan_noise(n: int, level_dbfs: float = -42.0, blade_hz: float = 37.0, rate: int = RATE, seed: int = 0) -> np.ndarray:
    """Low-passed brown noise plus a blade-rate hum with harmonics, at `level_dbfs` RMS."""
    rng = np.random.default_rng(seed)
    brown = np.cumsum(rng.standard_normal(n))
    brown = fft_filter(brown, rate, low=20.0, high=1500.0, edge_hz=30.0)
    brown /= rms(brown) + 1e-12
    t = np.arange(n) / rate
    wobble = 1 + 0.2 * np.sin(2 * np.pi * 0.3 * t)
    hum = sum(np.sin(2 * np.pi * blade_hz * k * t + k) / k for k in (1, 2, 3, 4)) * wobble
    hum /= rms(hum) + 1e-12
    return (db(level_dbfs) * (0.8 * brown + 0.6 * hum)).astype(np.float32)


def far(x: np.ndarray, distance_db: float = -20.0, fan_dbfs: float = -45.0, rate: int = RATE, seed: int = 0) -> np.ndarray:
    return (np.asarray(x, np.float32) * db(distance_db) + fan_noise(x.size, fan_dbfs, rate=rate, seed=seed)).astype(np.float32)


def noisy_room(n: int, level_dbfs: float = -35.0, hum_hz: float | None = 50.0, rate: int = RATE,
               seed: int = 0) -> np.ndarray:
    """Pink noise at `level_dbfs` RMS plus mains hum (fundamental and two harmonics)."""
    rng = np.random.default_rng(seed + 1000)
    tone = pink(n, rng) * db(level_dbfs)
    if hum_hz:
        t = np.arange(n) / rate
        hum = sum(np.sin(2 * np.pi * hum_hz * k * t) / k for k in (1, 2, 3))
        tone += hum * db(level_dbfs - 3)
    return tone.astype(np.float32)


def degrade(clean: np.ndarray, condition: str, seed: int = 0) -> tuple[np.ndarray, int]:
    """(audio, rate) of `clean` (16 kHz, quiet) under `condition`, with a noisy room for all but clean."""
    x = np.asarray(clean, np.float32)
    if condition == "clean":
        return x + noisy_room(x.size, -60.0, None, seed=seed), RATE
    room_db = -40.0 + 10.0 * ((seed * 37) % 11) / 10   # -40..-30 dBFS
    hum = 50.0 if seed % 2 == 0 else 60.0
    room = noisy_room(x.size, room_db, hum, seed=seed)
    if condition == "reverb":
        return np.clip(reverb(x, 0.6, seed=seed) + room, -1, 1), RATE
    if condition == "far":
        # the room's noise sits 6 dB lower than in the other conditions, so the speech-to-noise
        # ratio is a few dB above 0 rather than below it
        return np.clip(far(x, seed=seed) + room * db(-6.0), -1, 1), RATE
    if condition == "phone":  # the room is at the talker's end, so it goes down the line too; the
        # line adds its own hiss and arrives 10 dB quieter
        line = np.random.default_rng(seed + 7).standard_normal(x.size) * db(-50.0)
        return np.clip(phone((x + room) * db(-10.0) + line), -1, 1), PHONE_RATE
    raise ValueError(condition)


# ---------------------------------------------------------------- the answer set

def _truth(script: list, composed) -> Truth:
    words = [w for item in script if isinstance(item, str) for w in norm_words(item)]
    fillers = []
    for text, start, _ in composed.phrases:
        first = norm_words(text)[0]
        if first in FILLER_WORDS:
            fillers.append((first, round(start, 3)))
    return Truth(words, round(composed.phrases[0][1], 3), fillers,
                 [(round(a, 3), round(b, 3)) for a, b in composed.pauses], round(composed.duration_s, 3))


def compose_answer(voice, index: int):
    """(16 kHz audio with no noise, Truth) of ANSWERS[index]."""
    from interviewer.synth import compose

    script = ANSWERS[index]
    composed = compose(script, voice, lead_s=0.8 + 0.3 * (index % 4), tail_s=0.8, room_db=None, speech_dbfs=-3.0)
    return composed.audio, _truth(script, composed)


def cache_dir() -> Path:
    env = os.environ.get("INTERVIEWER_BENCH_CACHE")
    root = Path(env) if env else Path(tempfile.gettempdir()) / "interviewer-hearing"
    key = hashlib.sha1(json.dumps([VERSION, ANSWERS]).encode()).hexdigest()[:10]
    return root / key


def write_wav(path: Path, audio: np.ndarray, rate: int) -> Path:
    import wave

    data = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    tmp = path.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())
    os.replace(tmp, path)
    return path


@dataclass
class Item:
    index: int
    condition: str
    path: Path
    truth: Truth

    @property
    def name(self) -> str:
        return f"{self.condition}-{self.index}"


def build_set(voice=None, conditions=CONDITIONS, indices=None, folder: Path | None = None) -> list[Item]:
    """WAV files for every answer x condition, generated once and cached; with their truth."""
    folder = folder or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    indices = range(len(ANSWERS)) if indices is None else indices
    items = []
    for i in indices:
        truth_path = folder / f"truth-{i}.json"
        clean = None
        if truth_path.exists() and all((folder / f"{c}-{i}.wav").exists() for c in conditions):
            truth = Truth(**json.loads(truth_path.read_text()))
        else:
            if voice is None:
                from interviewer.voice.piper import PiperVoice
                voice = PiperVoice(variation=False)
            clean, truth = compose_answer(voice, i)
            for c in conditions:
                audio, rate = degrade(clean, c, seed=i)
                write_wav(folder / f"{c}-{i}.wav", audio, rate)
            tmp = truth_path.with_suffix(".tmp")
            tmp.write_text(json.dumps(asdict(truth)))
            os.replace(tmp, truth_path)
        truth.fillers = [tuple(f) for f in truth.fillers]
        truth.pauses = [tuple(p) for p in truth.pauses]
        items.extend(Item(i, c, folder / f"{c}-{i}.wav", truth) for c in conditions)
    return items


# ---------------------------------------------------------------- scoring against the truth

def _align(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    """(edit distance, matched words) by Levenshtein alignment."""
    n, m = len(ref), len(hyp)
    d = np.zeros((n + 1, m + 1), np.int32)
    d[:, 0] = np.arange(n + 1)
    d[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i, j] = min(d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]))
    i, j, hits = n, m, 0
    while i and j:
        if ref[i - 1] == hyp[j - 1] and d[i, j] == d[i - 1, j - 1]:
            hits += 1
            i, j = i - 1, j - 1
        elif d[i, j] == d[i - 1, j - 1] + 1:
            i, j = i - 1, j - 1
        elif d[i, j] == d[i - 1, j] + 1:
            i -= 1
        else:
            j -= 1
    return int(d[n, m]), hits


def _stem(w: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)]
    return w


def _join_compounds(hyp: list[str], ref: set[str]) -> list[str]:
    """"stand ups" -> "standups" where the truth has the joined word (spelling, not hearing)."""
    out, i = [], 0
    while i < len(hyp):
        if i + 1 < len(hyp) and hyp[i] + hyp[i + 1] in ref and hyp[i] not in ref:
            out.append(hyp[i] + hyp[i + 1])
            i += 2
        else:
            out.append(hyp[i])
            i += 1
    return out


def score(truth: Truth, result: dict, filler_tol: float = 0.5, pause_tol: float = 0.25, min_pause: float = 0.45) -> dict:
    """Figures of one analysed answer (the analyse JSON) against its truth."""
    heard = _join_compounds(norm_words(result["transcript"]["text"]), set(truth.words))
    ref_all = [w for w in truth.words if w not in FILLER_WORDS]
    hyp_all = [w for w in heard if w not in FILLER_WORDS]
    errors, _ = _align(ref_all, hyp_all)
    ref_c = [_stem(w) for w in content_words(truth.words)]
    _, hits = _align(ref_c, [_stem(w) for w in content_words(heard)])
    d = result["delivery"]
    ttfw = d.get("time_to_first_word_s")
    found_f = [(f["word"], f["start"]) for f in d["fillers"] if f["word"] in FILLER_WORDS]
    f_hit = sum(any(abs(t - s) <= filler_tol for _, s in found_f) for _, t in truth.fillers)
    f_true = sum(any(abs(t - s) <= filler_tol for _, t in truth.fillers) for _, s in found_f)
    found_p = [(p["start"], p["end"]) for p in d["pauses"] if p["duration"] >= min_pause]
    near = lambda p, q: abs(p[0] - q[0]) <= pause_tol and abs(p[1] - q[1]) <= pause_tol
    p_hit = sum(any(near(t, p) for p in found_p) for t in truth.pauses)
    p_true = sum(any(near(t, p) for t in truth.pauses) for p in found_p)
    return {
        "refused": not result.get("credited", False),
        "content_ref": len(ref_c), "content_hit": hits,
        "wer_errors": errors, "wer_ref": len(ref_all),
        "ttfw_error": abs(ttfw - truth.first_word_s) if ttfw is not None else None,
        "fillers_true": len(truth.fillers), "fillers_found": len(found_f), "fillers_hit": f_hit, "fillers_correct": f_true,
        "pauses_true": len(truth.pauses), "pauses_found": len(found_p), "pauses_hit": p_hit, "pauses_correct": p_true,
    }


def summarise(scores: list[dict]) -> dict:
    def ratio(a, b):  # nothing to find, or nothing found, is perfect
        total = sum(s[b] for s in scores)
        return sum(s[a] for s in scores) / total if total else 1.0
    errs = [s["ttfw_error"] for s in scores if s["ttfw_error"] is not None]
    return {
        "n": len(scores), "refused": sum(s["refused"] for s in scores),
        "content_recall": ratio("content_hit", "content_ref"), "wer": ratio("wer_errors", "wer_ref"),
        "ttfw_mean_error": float(np.mean(errs)) if errs else None,
        "filler_recall": ratio("fillers_hit", "fillers_true"), "filler_precision": ratio("fillers_correct", "fillers_found"),
        "pause_recall": ratio("pauses_hit", "pauses_true"), "pause_precision": ratio("pauses_correct", "pauses_found"),
    }

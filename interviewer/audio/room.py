"""What is wrong with the room or the microphone, from a recording of someone talking. Pure numpy.

`diagnose(audio, rate)` returns findings, each with the figure it rests on and advice:

* band_limited:  nothing above 4 kHz rises with the speech (a phone line, a Bluetooth headset
                 in call mode, an 8 kHz recording)
* reverberant:   speech decays slowly after it stops (RT60 estimated from the fastest decays
                 after speech offsets: no decay in a room can be faster than the room's own)
* low_level:     the speech itself is quiet (far from the microphone, gain too low)
* hum:           narrow peaks at 50 or 60 Hz and their harmonics (mains hum, ground loop)
* noisy:         the noise floor is high. The floor is measured in the gaps of speech, not as a
                 plain percentile of frame levels, so continuous talking does not read as noise:
                 from the given non-speech spans when there are enough of them, otherwise by
                 minimum statistics (the quietest 10 ms in each half second, whose median is
                 the floor, since even fluent speech has a stop closure or gap that often;
                 the lower quartile of those minima, since a reverberant tail fills short gaps).
"""
from __future__ import annotations

import numpy as np

HOP_S = 0.01
BAND_LIMIT_HZ = 4000.0
BAND_LIMIT_RATIO_DB = -50.0   # energy above 4 kHz vs 300-3400 Hz in the loudest frames
REVERB_RT60_S = 0.4           # estimated RT60 above this: an echoing room
LOW_LEVEL_DB = -32.0          # speech level (95th percentile of 30 ms frames) below this
NOISY_FLOOR_DB = -50.0        # the same rule as audio/levels.py's verdict
HUM_PEAK_DB = 12.0            # hum line above the neighbouring spectrum
MIN_STATS_WINDOW_S = 0.5
MIN_STATS_BIAS_DB = 1.5       # the minimum of a window of noise frames sits below its mean

ADVICE = {
    "band_limited": "the microphone passes nothing above 4 kHz, like a phone line: use a wired or USB headset "
                    "rather than a phone or Bluetooth call mode",
    "reverberant": "the room echoes: move closer to the microphone, or to a smaller room with soft furnishing",
    "low_level": "your voice is quiet, as if far from the microphone: move closer or raise the input gain",
    "hum": "there is mains hum: unplug chargers near the microphone or use a USB microphone",
    "noisy": "background noise is high: find a quieter room, switch off fans, or use a headset microphone",
}
# Short spoken reasons for a low-confidence transcript, by finding.
SOUNDS_LIKE = {
    "band_limited": "a phone line",
    "reverberant": "an echoing room",
    "low_level": "far from the microphone",
    "noisy": "a noisy room",
    "hum": "a humming mains line",
}


def _db(x):
    return 10 * np.log10(np.asarray(x, np.float64) + 1e-12)


def _frames(x: np.ndarray, size: int, hop: int) -> np.ndarray:
    if x.size < size:
        return np.zeros((0, size))
    n = 1 + (x.size - size) // hop
    return x[np.arange(size)[None, :] + hop * np.arange(n)[:, None]]


def frame_levels(audio: np.ndarray, rate: int, frame_s: float = 0.02, hop_s: float = HOP_S) -> np.ndarray:
    f = _frames(np.asarray(audio, np.float64), max(1, int(frame_s * rate)), max(1, int(hop_s * rate)))
    return _db(np.mean(f * f, axis=1)) if len(f) else np.zeros(0)


def _speech_mask(n: int, spans, hop_s: float = HOP_S) -> np.ndarray | None:
    if spans is None:
        return None
    mask = np.zeros(n, bool)
    for s in spans:
        start, end = (s.start, s.end) if hasattr(s, "start") else s
        mask[max(0, int(start / hop_s)): max(0, int(end / hop_s) + 1)] = True
    return mask


def noise_floor(audio: np.ndarray, rate: int, spans=None) -> float:
    """Noise floor in dBFS (RMS of the quiet parts), robust to continuous speech."""
    levels = frame_levels(audio, rate, 0.01, HOP_S)
    if not levels.size:
        return -120.0
    mask = _speech_mask(levels.size, spans)
    if mask is not None and (~mask).sum() * HOP_S >= 0.3:
        return float(np.median(levels[~mask]))
    w = max(1, int(MIN_STATS_WINDOW_S / HOP_S))
    mins = [levels[i:i + w].min() for i in range(0, max(1, levels.size - w + 1), w // 2 or 1)]
    return float(np.percentile(mins, 25) + MIN_STATS_BIAS_DB)  # a quarter: reverberation fills the rest


def speech_level(audio: np.ndarray, rate: int) -> float:
    levels = frame_levels(audio, rate, 0.03, HOP_S)
    return float(np.percentile(levels, 95)) if levels.size else -120.0


def band_limit(audio: np.ndarray, rate: int) -> dict:
    """Energy above 4 kHz relative to the speech band, in loud frames, and how much it rises with speech."""
    if rate <= 2 * BAND_LIMIT_HZ + 200:
        return {"ratio_db": -120.0, "hf_rise_db": 0.0, "limited": True}
    size = int(0.032 * rate)
    f = _frames(np.asarray(audio, np.float64), size, size // 2)
    if len(f) < 4:
        return {"ratio_db": 0.0, "hf_rise_db": 0.0, "limited": False}
    spec = np.abs(np.fft.rfft(f * np.hanning(size), axis=1)) ** 2
    freqs = np.fft.rfftfreq(size, 1 / rate)
    mid = spec[:, (freqs >= 300) & (freqs <= 3400)].sum(axis=1)
    hf = spec[:, (freqs >= BAND_LIMIT_HZ + 300) & (freqs <= min(7500.0, rate / 2 - 200))].sum(axis=1)
    order = np.argsort(mid)
    loud, quiet = order[-max(1, len(order) // 5):], order[: max(1, len(order) // 5)]
    ratio = float(_db(hf[loud].sum()) - _db(mid[loud].sum()))
    hf_rise = float(_db(hf[loud].mean()) - _db(hf[quiet].mean()))
    mid_rise = float(_db(mid[loud].mean()) - _db(mid[quiet].mean()))
    # measured: a phone line resampled to 16 kHz about -74 dB; close, far or echoing speech -17..-35 dB
    limited = ratio < BAND_LIMIT_RATIO_DB
    return {"ratio_db": round(ratio, 1), "hf_rise_db": round(hf_rise, 1), "limited": bool(limited)}


def decay_rt60(audio: np.ndarray, rate: int, floor_db: float | None = None) -> float | None:
    """RT60 in seconds from the fastest 10 dB decays after speech offsets (x6); None if too few offsets.

    A 10 dB fall (not the usual 20 or 30) keeps the estimate usable at 20 dB of speech-to-noise."""
    levels = frame_levels(audio, rate, 0.02, HOP_S)
    if levels.size < 50:
        return None
    floor = noise_floor(audio, rate) if floor_db is None else floor_db
    drop = 10.0
    times = []
    i, n = 0, levels.size
    limit = int(1.0 / HOP_S)
    while i < n - 2:
        lv = levels[i]
        if lv < floor + drop + 6 or (i + 1 < n and levels[i + 1] > lv) or (i and levels[i - 1] > lv):
            i += 1
            continue
        # a local peak well above the floor: follow the fall
        j = i + 1
        while j < min(n, i + limit) and levels[j] > lv - drop and levels[j] <= lv + 1.0:
            j += 1
        if j < n and levels[j] <= lv - drop:
            times.append((j - i) * HOP_S)
            i = j
        else:
            i += 1
    if len(times) < 3:
        return None
    t10 = float(np.percentile(times, 20))
    return round(6.0 * t10, 2)


def hum(audio: np.ndarray, rate: int) -> dict | None:
    """{"hz": 50 or 60, "peak_db": ...} when mains hum stands out of the spectrum, else None."""
    x = np.asarray(audio, np.float64)
    size = min(x.size, rate // 2)   # 2 Hz bins
    if size < rate // 4:
        return None
    f = _frames(x, size, size // 2)
    # the quietest windows: speech harmonics (100-250 Hz) would hide the lines
    energy = np.mean(f * f, axis=1)
    quiet = f[np.argsort(energy)[: max(1, int(np.ceil(len(f) * 0.3)))]]
    spec = (np.abs(np.fft.rfft(quiet * np.hanning(size), axis=1)) ** 2).mean(axis=0)
    freqs = np.fft.rfftfreq(size, 1 / rate)
    best = None
    for mains in (50.0, 60.0):
        peaks = []
        for k in (1, 2, 3):
            hz = mains * k
            line = spec[np.abs(freqs - hz) <= 1.5].max()
            around = spec[(np.abs(freqs - hz) > 4) & (np.abs(freqs - hz) <= 15)]
            peaks.append(float(_db(line) - _db(np.median(around))))
        # the mains line itself, or two of its harmonics (a voice's pitch can hide one of them)
        if peaks[0] >= HUM_PEAK_DB or sum(p >= HUM_PEAK_DB for p in peaks[1:]) >= 2:
            if best is None or max(peaks) > best["peak_db"]:
                best = {"hz": int(mains), "peak_db": round(max(peaks), 1)}
    return best


def diagnose(audio: np.ndarray, rate: int, spans=None) -> list[dict]:
    """Findings about the room and microphone, most important first.

    `spans` (optional, objects with .start/.end or pairs, in seconds) are where speech is;
    without them the noise floor comes from minimum statistics.
    """
    x = np.asarray(audio, np.float64).ravel()
    if x.size < rate // 4 or np.abs(x).max() < 1e-4:
        return []
    floor = noise_floor(x, rate, spans)
    speech = speech_level(x, rate)
    findings = []

    def add(code: str, value, message: str):
        findings.append({"code": code, "value": value, "message": message, "advice": ADVICE[code]})

    if speech > floor + 10:  # only judge the speech when there is some
        bl = band_limit(x, rate)
        if bl["limited"]:
            add("band_limited", bl["ratio_db"], "the recording has nothing above 4 kHz")
        rt60 = decay_rt60(x, rate, floor)
        if rt60 is not None and rt60 > REVERB_RT60_S:
            add("reverberant", rt60, f"speech takes about {rt60:.1f} s to die away (RT60)")
    if speech < LOW_LEVEL_DB:
        add("low_level", round(speech, 1), f"speech peaks at only {speech:.0f} dBFS")
    h = hum(x, rate)
    if h:
        add("hum", h["hz"], f"mains hum at {h['hz']} Hz and its harmonics")
    if floor > NOISY_FLOOR_DB:
        add("noisy", round(floor, 1), f"the noise floor is {floor:.0f} dBFS, "
                                       f"{max(0.0, speech - floor):.0f} dB under the speech")
    return findings


def sounds_like(findings: list[dict]) -> str | None:
    """A short reason for an unsure transcript: "your recording sounds like a phone line; ..."."""
    parts = [SOUNDS_LIKE[f["code"]] for f in findings if f["code"] in SOUNDS_LIKE]
    if not parts:
        return None
    what = " and ".join(dict.fromkeys(parts))
    codes = {f["code"] for f in findings}
    fix = "try a headset" if codes & {"band_limited", "noisy", "hum"} else "move closer to the microphone"
    if codes & {"low_level", "reverberant"} and fix == "try a headset":
        fix += " or move closer"
    return f"your recording sounds like {what}; {fix}"

"""`interviewer check-audio`: record a few seconds and judge the levels."""
from __future__ import annotations

import json
import sys


def add_parser(subparsers, name: str, help_text: str):
    p = subparsers.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--input-device", metavar="D", help="input index or part of its name (see `interviewer devices`)")
    p.add_argument("--seconds", type=float, default=3.0, help="how long to record (default 3)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return p


def run(args) -> int:
    from ..audio.levels import levels
    from ..audio.mic import MicIn, record
    from ..errors import UserError

    if not 0.5 <= args.seconds <= 60:
        raise UserError("--seconds must be between 0.5 and 60")
    with MicIn(args.input_device) as mic:
        if not args.json:
            print(f"Recording {args.seconds:g} s from {mic.device['name']}: speak as you would in the interview...",
                  file=sys.stderr)
        samples = record(mic, args.seconds)
        device = mic.device
    stats = levels(samples)
    stats.update(room_report(samples))
    stats["device"] = {"index": device["index"], "name": device["name"]}
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    print(f"device       {device['index']}: {device['name']}")
    print(f"peak         {stats['peak_dbfs']:7.1f} dBFS")
    print(f"rms          {stats['rms_dbfs']:7.1f} dBFS")
    print(f"speech level {stats['speech_dbfs']:7.1f} dBFS")
    print(f"noise floor  {stats['noise_floor_dbfs']:7.1f} dBFS")
    print(f"clipping     {100 * stats['clip_fraction']:7.2f} %")
    print(f"verdict      {stats['verdict']}: {stats['advice']}")
    for f in stats["room"]:
        print(f"room         {f['message']}: {f['advice']}")
    return 0


def room_report(samples, rate: int = 16000) -> dict:
    """The room diagnosis, and a noise floor measured in the gaps of speech (VAD's non-speech
    frames, or minimum statistics), so that talking through the whole check is not read as noise."""
    from ..audio.levels import levels, verdict
    from ..audio.room import diagnose, noise_floor

    spans = None
    try:
        from ..audio.vad import StreamingVad

        vad = StreamingVad()
        vad.feed(samples)
        vad.finish()
        spans = vad.spans
    except Exception:  # no VAD model: minimum statistics alone
        pass
    stats = levels(samples, rate)
    floor = noise_floor(samples, rate, spans)
    stats["noise_floor_dbfs"] = round(floor, 2)
    stats["snr_db"] = round(stats["speech_dbfs"] - floor, 2)
    stats["verdict"], stats["advice"] = verdict(stats)
    out = {k: stats[k] for k in ("noise_floor_dbfs", "snr_db", "verdict", "advice")}
    out["room"] = diagnose(samples, rate, spans)
    return out

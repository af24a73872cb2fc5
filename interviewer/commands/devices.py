"""`interviewer devices`: list audio inputs and outputs."""
from __future__ import annotations

import json


def add_parser(subparsers, name: str, help_text: str):
    p = subparsers.add_parser(name, help=help_text, description=help_text)
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return p


def run(args) -> int:
    from ..audio.devices import list_devices

    devices = list_devices()
    if args.json:
        print(json.dumps({"inputs": [d for d in devices if d["max_input_channels"] > 0],
                          "outputs": [d for d in devices if d["max_output_channels"] > 0]}, indent=2))
        return 0
    if not devices:
        print("no audio devices found (headless machine? run `bash scripts/virtual-audio.sh start`)")
        return 0
    for title, kind in (("Inputs", "input"), ("Outputs", "output")):
        print(f"{title}:")
        rows = [d for d in devices if d[f"max_{kind}_channels"] > 0]
        for d in rows:
            mark = "*" if d[f"default_{kind}"] else " "
            print(f" {mark} {d['index']:>3}  {d['name']}  ({d['hostapi']}, "
                  f"{d[f'max_{kind}_channels']} ch, {d['default_samplerate']:g} Hz)")
        if not rows:
            print("     none")
    print("* = default; pass the index or part of the name to --input-device / --output-device")
    return 0

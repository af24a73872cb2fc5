"""PortAudio access: loading sounddevice, listing devices, choosing one by flag.

Everything the user can fix comes out as a one-line UserError.
"""
from __future__ import annotations

from ..errors import UserError

INSTALL_PORTAUDIO = "PortAudio is not installed: run `sudo apt-get install libportaudio2` (macOS: `brew install portaudio`)"
NO_DEVICES_HINT = "run `interviewer devices` to see what is available"


def load_sounddevice():
    """The sounddevice module, or a UserError when PortAudio itself is missing."""
    try:
        import sounddevice
    except OSError as e:  # raised by sounddevice when libportaudio cannot be found
        raise UserError(INSTALL_PORTAUDIO) from e
    return sounddevice


def list_devices() -> list[dict]:
    """Every PortAudio device with index, name, channels, default rate and default flags."""
    sd = load_sounddevice()
    default_in, default_out = _defaults(sd)
    out = []
    for d in sd.query_devices():
        out.append({
            "index": d["index"],
            "name": d["name"],
            "hostapi": sd.query_hostapis(d["hostapi"])["name"],
            "max_input_channels": d["max_input_channels"],
            "max_output_channels": d["max_output_channels"],
            "default_samplerate": d["default_samplerate"],
            "default_input": d["index"] == default_in,
            "default_output": d["index"] == default_out,
        })
    return out


def _defaults(sd) -> tuple[int, int]:
    try:
        dev_in, dev_out = sd.default.device
    except Exception:
        return -1, -1
    return (dev_in if dev_in is not None else -1), (dev_out if dev_out is not None else -1)


def find_device(spec: str | int | None, kind: str) -> dict:
    """Resolve --input-device/--output-device (None, an index, or part of a name).

    `kind` is "input" or "output". Returns the device dict from `list_devices()`.
    """
    channels = f"max_{kind}_channels"
    devices = [d for d in list_devices() if d[channels] > 0]
    what = "microphone" if kind == "input" else "audio output"
    if not devices:
        raise UserError(f"no {what} found: connect one, or on a headless machine run "
                        f"`bash scripts/virtual-audio.sh start`; then {NO_DEVICES_HINT}")
    if spec is None or str(spec).strip() == "":
        chosen = [d for d in devices if d[f"default_{kind}"]]
        return chosen[0] if chosen else devices[0]
    text = str(spec).strip()
    if text.lstrip("-").isdigit():
        match = [d for d in devices if d["index"] == int(text)]
        if not match:
            raise UserError(f"no {kind} device with index {text}: {NO_DEVICES_HINT}")
        return match[0]
    exact = [d for d in devices if d["name"].lower() == text.lower()]
    if exact:
        return exact[0]
    match = [d for d in devices if text.lower() in d["name"].lower()]
    if not match:
        raise UserError(f"no {kind} device matches '{text}': {NO_DEVICES_HINT}")
    if len(match) > 1:
        names = ", ".join(f"{d['index']}: {d['name']}" for d in match)
        raise UserError(f"'{text}' matches several {kind} devices ({names}): give the index instead")
    return match[0]


def portaudio_error(e: Exception, device: dict, kind: str) -> UserError:
    """Turn a PortAudioError on open/start into an actionable one-liner."""
    msg = str(e).splitlines()[0] if str(e) else type(e).__name__
    if "busy" in msg.lower() or "unavailable" in msg.lower():
        hint = "another program may be using it; close it or pick another device"
    elif "permission" in msg.lower() or "denied" in msg.lower():
        hint = "no permission: add yourself to the `audio` group or allow microphone access"
    else:
        hint = NO_DEVICES_HINT
    return UserError(f"cannot open {kind} device {device['index']} '{device['name']}' ({msg}): {hint}")

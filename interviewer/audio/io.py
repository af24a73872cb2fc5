"""One import for the audio inputs and outputs (see mic.py and speaker.py)."""
from .mic import BLOCK, RATE, AudioIn, FileIn, MicIn, load_audio, record
from .speaker import AudioOut, NullOut, SpeakerOut

__all__ = ["BLOCK", "RATE", "AudioIn", "AudioOut", "FileIn", "MicIn", "NullOut", "SpeakerOut", "load_audio", "record"]

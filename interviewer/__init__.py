"""interviewer: a local, voice-driven mock interviewer."""

__version__ = "0.1.0"

"""A short round answered by a simulated candidate, through the real pipeline.

The candidate's answers are synthesised speech with room tone and real pauses.
With PulseAudio's virtual devices present they are played into the virtual mic and
recorded through PortAudio; otherwise they are fed from files at real-time pace.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from .model import Question

QUESTIONS = [
    Question("demo-conflict", "behavioural", "Tell me about a time you disagreed with a teammate about a technical decision.",
             ["general"], (60.0, 150.0), follow_ups={"result": "What was the measurable outcome?"}),
    Question("demo-queue", "technical", "When would you put a message queue between two services?",
             ["backend"], (45.0, 120.0), follow_ups={"tradeoff": "What does that cost you?"}),
]

# Answer 1 tells a story without a measurable result, so the coach asks for one.
ANSWERS = {
    "demo-conflict": [
        "Last year I was on the payments team, and we had to decide how to roll out a new fraud check.", 0.6,
        "My teammate wanted to ship it to everyone at once.", 0.5,
        "Um, I was responsible for the rollout plan, so I had to make the call.", 1.2,
        "I set up a meeting, I walked through the risks, and I proposed a staged rollout behind a feature flag.", 0.8,
        "I wrote the dashboards myself, and uh, we agreed to start with a small slice of traffic.", 0.6,
        "It went well and the team was happy with it.",
    ],
    "demo-conflict/follow-up": [
        "The staged rollout caught a bug that would have blocked about two percent of good payments.", 0.5,
        "We fixed it in a day, and false declines dropped from three percent to under one percent.",
    ],
    "demo-queue": [
        "A message queue is a buffer that lets one service hand work to another without waiting for it.", 0.7,
        "I'd use one when the producer is bursty, or when the consumer is slow or sometimes down.", 3.5,
        "The reason is that it decouples them, so a spike in orders doesn't take down the email service.", 0.6,
    ],
    # Answer 2 leaves out the tradeoff; the follow-up asks for it.
    "demo-queue/follow-up": [
        "It costs you latency, and one more system to run and monitor.", 0.5,
        "You also have to make consumers handle duplicate messages, so I'd only add a queue when the decoupling pays for that.",
    ],
}


def candidate_answers(voice, folder: Path) -> dict[str, Path]:
    """Synthesise the candidate's answers to WAV files, once per demo."""
    from .audio.wavwriter import write_wav
    from .synth import compose

    paths = {}
    for key, script in ANSWERS.items():
        composed = compose(script, voice, lead_s=0.8, tail_s=0.3, room_db=-45.0, seed=len(paths))
        paths[key] = write_wav(folder / f"candidate-{key.replace('/', '-')}.wav", composed.audio, 16000)
    return paths


class SpokenIntoMic:
    """The virtual microphone, with the candidate's answer played into it once it is open."""

    def __init__(self, wav: Path, device=None):
        from .audio.io import MicIn

        self.mic, self.wav, self.proc = MicIn(device), wav, None

    def __enter__(self):
        return self.open()

    def __exit__(self, *exc):
        self.close()

    def open(self):
        from .audio.virtual import play_into_mic

        self.mic.open()
        self.proc = play_into_mic(self.wav)
        return self

    def read(self):
        return self.mic.read()

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
        self.mic.close()


def run_demo(recordings: Path, voice_name: str = "piper", realtime: bool = True, ui=None) -> Path:
    from .audio.io import FileIn, NullOut, SpeakerOut
    from .audio.virtual import use_virtual_devices, virtual_devices_present
    from .rounds import Endpointing
    from .session import Parts, Round
    from .speech.whisper import WhisperTranscriber
    from .store import SessionStore
    from .ui import TerminalUI
    from .voice import get_voice
    from .voice.piper import PiperVoice

    voice = get_voice(voice_name)
    candidate = PiperVoice(length_scale=1.45, variation=False)  # a calmer pace than the interviewer's
    with tempfile.TemporaryDirectory(prefix="interviewer-demo-") as workdir:
        answers = candidate_answers(candidate, Path(workdir))
        virtual = realtime and virtual_devices_present()
        if virtual:
            use_virtual_devices()
            listen = lambda n, q: SpokenIntoMic(answers[q.id])  # noqa: E731
            speaker = SpeakerOut()
        else:
            listen = lambda n, q: FileIn(answers[q.id], realtime=realtime)  # noqa: E731
            speaker = NullOut()
        transcriber = WhisperTranscriber()
        transcriber.load()
        store = SessionStore.create("demo", {"voice": voice_name, "input": "virtual-mic" if virtual else "file",
                                             "simulated_candidate": True}, recordings)
        ui = ui or TerminalUI(interactive=False)
        source = ("the virtual PulseAudio microphone" if virtual else
                  "a file-backed input at real-time pace" if realtime else "a file-backed input, as fast as it goes")
        ui.console.print(f"[dim]Demo: a simulated candidate answers through {source}.[/]")
        Round(Parts(voice, speaker, listen, transcriber), store, ui,
              Endpointing(end_silence_s=4.0, max_answer_s=120, start_timeout_s=15)).run(QUESTIONS)
    return store.path

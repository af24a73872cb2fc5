"""The one place that decides whether an answer earns content feedback, and says why not.

Spoken answers are refused when no speech was found or the recogniser could not hear
English in it; typed answers when they are empty, a word or two, or not English.
"""
from __future__ import annotations

import re

from .model import Span, Transcript
from .result import Credit

NO_SPEECH_FILE = "no speech detected: the recording is silent or holds only noise"
NO_SPEECH_MIC = "no speech was heard: check your microphone with `interviewer devices`"
NOT_ENGLISH = ("the speech could not be understood as English (another language, noise or mumbling); "
               "no credit is given for content")
NO_WORDS = "no words were recognised, so there is nothing to give feedback on"
TOO_SHORT = "the answer is too short to judge: say at least a sentence"
TEXT_NOT_ENGLISH = "the answer does not read as English, so no credit is given for content"
MIN_WORDS = 2  # "an empty or one-word answer gets no credit"

# The commonest English function words: about 40-50 % of any English sentence, under 10 % of
# French, German or Spanish text, which share few of them.
_FUNCTION = set("""the a an and or but so of to in on at for with from by as is are was were be been it its
this that these those i we you he she they me my our your their them us not no do did does have has had
would will can could should what when why how which who if then than there here just about into up out
because also very really all some more most one like""".split())
ENGLISH_SHARE = 0.2


def looks_english(words: list[str]) -> bool:
    tokens = [re.sub(r"[^\w']", "", w.lower()) for w in words]
    tokens = [t for t in tokens if t and not t.isdigit()]
    if not tokens:
        return False
    return sum(t in _FUNCTION for t in tokens) / len(tokens) >= ENGLISH_SHARE


def credit_text(transcript: Transcript) -> Credit:
    words = transcript.text.split()
    if len(words) < MIN_WORDS:
        return Credit(False, "too-short", TOO_SHORT)
    if not looks_english(words):
        return Credit(False, "not-english", TEXT_NOT_ENGLISH)
    return Credit(True)


def credit_heard(spans: list[Span], heard, no_speech: str = NO_SPEECH_FILE, audio=None) -> Credit:
    """A spoken answer: `heard` is the recogniser's output (speech.stream.Heard). A poor microphone
    is never refused: English the recogniser was unsure of is credited as low confidence, with the
    room diagnosis of `audio` (the answer's first minute, when given) saying what to change."""
    if not spans:
        return Credit(False, "no-speech", no_speech)
    if not heard.transcript.words:
        return Credit(False, "no-words", NO_WORDS)
    if not heard.intelligible:
        return Credit(False, "not-english", NOT_ENGLISH)
    if len(heard.transcript.words) < MIN_WORDS:
        return Credit(False, "too-short", TOO_SHORT)
    if heard.low_confidence:
        from .speech.confidence import low_confidence_report

        report = low_confidence_report(heard, audio, spans)
        return Credit(True, "low-confidence", report["warning"], tuple(report["room"]))
    return Credit(True)

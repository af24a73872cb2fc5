import time

import numpy as np
import pytest

from conftest import SENTENCE_HEARD
from interviewer.audio.resample import resample
from interviewer.errors import UserError
from interviewer.voice import get_voice
from interviewer.voice.system import GAP_S, SystemVoice, split_sentences

THREE = ("Tell me about a time you disagreed with your manager. "
         "What did you do about it? "
         "Looking back, what would you change?")


def test_piper_sentence_is_full_length_and_intelligible(piper_sentence, transcribe):
    audio, rate = piper_sentence
    assert rate == 22050 and audio.dtype == np.float32
    assert 2.5 < len(audio) / rate < 6.0           # ~12 words at a speaking pace
    assert 0.05 < np.max(np.abs(audio)) <= 1.0
    text = transcribe(resample(audio, rate, 16000))
    for words in SENTENCE_HEARD:
        assert words in text, text


def test_piper_is_fast_and_loaded_once():
    voice = get_voice("piper")
    start = time.monotonic()
    audio, rate = voice.synthesize("What was the result?")
    assert time.monotonic() - start < 2.0
    assert get_voice("piper").engine is voice.engine
    assert voice.synthesize("  ")[0].size == 0


def test_split_sentences():
    assert split_sentences(THREE) == ["Tell me about a time you disagreed with your manager.",
                                      "What did you do about it?", "Looking back, what would you change?"]
    assert split_sentences('Dr. Smith said "stop!" Then what') == ['Dr. Smith said "stop!"', "Then what"]


def test_system_voice_speaks_all_three_sentences(transcribe):
    voice = get_voice("system")
    parts = [voice.synthesize(s) for s in split_sentences(THREE)]
    rate = parts[0][1]
    each = [len(a) / r for a, r in parts]
    assert all(d > 0.8 for d in each), each
    whole, whole_rate = voice.synthesize(THREE)
    assert whole_rate == rate
    # Exactly the three sentences plus two pauses: nothing dropped, nothing doubled.
    assert len(whole) / rate == pytest.approx(sum(each) + 2 * GAP_S, abs=0.02)
    text = transcribe(resample(whole, rate, 16000))
    for word in ("manager", "do", "change"):
        assert word in text, text


def test_system_voice_is_repeatable_in_a_fresh_engine():
    a, _ = SystemVoice().synthesize(THREE)
    b, _ = SystemVoice().synthesize(THREE)
    assert abs(len(a) - len(b)) < 0.01 * 22050  # espeak varies by a few samples


def test_none_and_unknown():
    audio, rate = get_voice("none").synthesize("Hello there.")
    assert audio.size == 0 and rate > 0
    with pytest.raises(UserError, match="unknown voice 'klingon'"):
        get_voice("klingon")

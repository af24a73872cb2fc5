"""Hearing degraded answers: fillers need a voice, the first word comes from VAD, calibrated verdicts,
and one end-to-end run on degraded recordings against their exact truth."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import degrade  # noqa: E402

from interviewer.analysis.first_word import first_word_time
from interviewer.model import Span, Word
from interviewer.speech.calibration import Cutoffs, cutoffs
from interviewer.speech.fillercheck import drop_unvoiced_fillers
from interviewer.speech.stream import Heard
from interviewer.speech.whisper import Piece
from interviewer.model import Transcript
from test_voicing import vowel

R = 16000


def piece(*words):
    return Piece([Word(w, s, e, 0.9) for w, s, e in words], -0.3, 0.01, 1.2)


def test_a_filler_over_fan_noise_is_dropped_and_one_over_a_voice_kept():
    audio = degrade.fan_noise(6 * R, -40.0) + degrade.noisy_room(6 * R, -45.0, 50.0)
    audio[int(2.0 * R): int(2.35 * R)] += vowel(110.0, 0.35, 0.05)
    pieces = [piece(("um", 12.0, 12.3), ("so", 12.3, 12.5)),       # offset 10: 2.0 s into the audio: voiced
              piece(("uh", 14.5, 14.8), ("hmm", 15.2, 15.5), ("Mhm.", 15.6, 15.8))]  # 4.5-5.8 s: fan noise only
    assert drop_unvoiced_fillers(pieces, audio, 10.0) == 3
    assert [w.word for p in pieces for w in p.words] == ["um", "so"]


def test_a_filler_whisper_placed_late_still_finds_its_voice():
    audio = degrade.noisy_room(4 * R, -45.0, None)
    audio[int(1.0 * R): int(1.35 * R)] += vowel(110.0, 0.35, 0.05)
    pieces = [piece(("Um,", 1.45, 1.7))]           # 0.45 s late, as tiny.en does after a pause
    assert drop_unvoiced_fillers(pieces, audio, 0.0) == 0


def test_first_word_comes_from_the_span_holding_it_not_a_later_one():
    spans = [Span(1.0, 2.5), Span(4.0, 6.0)]
    # Whisper lost the opening and its first kept word is in the second span: still the first speech
    assert first_word_time([Word("deploy", 4.2, 4.5)], spans) == 1.0
    # Whisper put the first word before any speech (the piece margin): the speech holding it
    assert first_word_time([Word("so", 0.85, 1.1)], spans) == 1.0
    assert first_word_time([Word("so", 0.2, 0.4)], spans) == 1.0
    # a click before the answer is not its start
    assert first_word_time([Word("so", 1.05, 1.3)], [Span(0.3, 0.35), Span(1.0, 2.5)]) == 1.0
    assert first_word_time([], spans) is None and first_word_time([Word("x", 3.0, 3.2)], []) == 3.0


def test_calibration_is_per_model_with_a_neutral_fallback():
    assert cutoffs("no-such-model") == cutoffs(None)
    for name in ("tiny.en", "base"):
        c = cutoffs(name)
        assert c.refuse_probability < c.unsure_probability and c.refuse_logprob < c.unsure_logprob
    c = Cutoffs(0.5, -0.9, 0.75, -0.45, 0.5)
    assert c.refused(0.4, -1.2) and not c.refused(0.4, -0.5) and not c.refused(0.55, -1.2)
    assert c.refused(0.9, -0.2, english_probability=0.1) and not c.refused(0.9, -0.2, english_probability=0.9)
    assert c.refused(None, None) and c.unsure(0.7, -0.3) and c.unsure(0.8, -0.6) and not c.unsure(0.8, -0.3)


def test_heard_is_low_confidence_but_credited_when_unsure():
    t = Transcript("x", [Word("x", 0, 1)])
    unsure = Heard(t, [], -0.6, 0.7, "tiny.en")
    assert unsure.intelligible and unsure.low_confidence
    assert not Heard(t, [], -1.5, 0.3, "tiny.en").intelligible
    assert not Heard(t, [], -0.2, 0.9, "tiny.en").low_confidence


# ------------------------------------------------------------------ end to end, degraded, exact truth

@pytest.fixture(scope="module")
def degraded_results(voice, whisper, tmp_path_factory):
    from interviewer.analyse import analyse_file

    items = degrade.build_set(voice, conditions=("reverb", "phone", "far"), indices=[0, 3],
                              folder=tmp_path_factory.mktemp("degraded"))
    return [(it, analyse_file(it.path, "behavioural", transcriber=whisper).to_dict()) for it in items]


def test_degraded_english_is_heard_against_the_truth(degraded_results):
    scores = []
    for it, result in degraded_results:
        s = degrade.score(it.truth, result)
        scores.append(s)
        assert result["credited"], (it.name, result["warnings"])              # never refused
        assert s["ttfw_error"] <= 0.25, (it.name, result["delivery"]["time_to_first_word_s"], it.truth.first_word_s)
        assert s["pauses_hit"] == s["pauses_true"], (it.name, result["delivery"]["pauses"], it.truth.pauses)
        assert s["fillers_correct"] == s["fillers_found"], (it.name, result["delivery"]["fillers"], it.truth.fillers)
    total = degrade.summarise(scores)
    assert total["content_recall"] >= 0.6, total
    assert total["pause_precision"] >= 0.95 and total["filler_recall"] >= 0.6, total


def test_an_unsure_degraded_answer_says_why(degraded_results):
    for it, result in degraded_results:
        rec = result["audio"]["recognition"]
        if rec["low_confidence"]:
            assert rec["reason"] and any("low confidence" in w for w in result["warnings"])
            if it.condition == "phone":
                assert "phone line" in rec["reason"]


def test_a_filler_opening_speech_is_moved_to_where_the_speech_starts():
    from interviewer.speech.fillercheck import retime_fillers

    spans = [Span(1.0, 3.0), Span(5.28, 8.0)]
    words = [Word("We", 1.0, 1.2), Word("shipped.", 2.5, 2.9), Word("Um,", 5.84, 6.0), Word("our", 6.0, 6.2),
             Word("uh", 7.0, 7.2)]
    assert retime_fillers(words, spans) == 1
    assert [w.start for w in words] == [1.0, 2.5, 5.28, 6.0, 7.0]   # the mid-speech "uh" stays


def test_a_live_answer_heard_unsure_gets_the_room_diagnosis_as_its_reason(voice, tmp_path, monkeypatch):
    """Practice (the live path, fed from a file) on a phone-line answer: when Whisper is unsure, the
    reason comes from the recorded room, as it does for `analyse`, not a generic line."""
    import json

    import interviewer.audio.io as io
    from interviewer.cli import main
    from interviewer.speech import calibration

    item = degrade.build_set(voice, conditions=("phone",), indices=[0], folder=tmp_path / "set")[0]

    class FastFileIn(io.FileIn):
        def __init__(self, path, realtime=True):
            super().__init__(path, realtime=False)

    monkeypatch.setattr(io, "FileIn", FastFileIn)
    # this test is about the reason, so the hearing counts as unsure whatever Whisper's figures
    monkeypatch.setattr(calibration.Cutoffs, "unsure", lambda self, p, lp: True)
    root = tmp_path / "rec"
    assert main(["practice", "--round", "behavioural", "--count", "1", "--voice", "none", "--no-follow-ups",
                 "--input-file", str(item.path), "--yes", "--recordings", str(root), "--model", "tiny.en"]) == 0
    credit = json.loads(next(root.glob("*/session.json")).read_text())["answers"][0]["analysis"]["credit"]
    assert credit["credited"] and credit["reason"] == "low-confidence", credit
    assert "band_limited" in credit["room"] and "phone line" in credit["message"], credit


def test_a_filler_whisper_put_in_the_pause_before_its_speech_moves_to_that_speech():
    from interviewer.speech.fillercheck import retime_fillers

    # measured on base, reverberant answer 5: the VAD's span runs on into the echo to 4.64 s, Whisper
    # put "uh," at 4.69 s, and the truth is 5.49 s, where "uh, that matches..." begins (span 5.51 s)
    spans = [Span(1.12, 4.64), Span(5.51, 9.18)]
    words = [Word("40,000,", 3.75, 4.4), Word("uh,", 4.69, 4.9), Word("that", 5.85, 6.05)]
    assert retime_fillers(words, spans) == 1
    assert abs(words[1].start - 5.49) <= 0.05 and words[1].end > words[1].start
    # a filler ending the answer, with no word after it, stays where Whisper put it
    words = [Word("equity.", 13.4, 14.3), Word("uh.", 14.38, 14.5)]
    assert retime_fillers(words, [Span(11.23, 14.33)]) == 0 and words[1].start == 14.38
    # a clean "Um," is often a stretch of speech of its own: a late "um" after it stays with it
    # (tiny.en, clean answer 4: truth 8.68 s, Whisper 9.03 s)
    # (the VAD's spans as measured on that answer)
    words = [Word("release.", 7.5, 8.0), Word("Um,", 9.03, 9.2), Word("we", 9.3, 9.45)]
    assert retime_fillers(words, [Span(4.96, 8.06), Span(8.67, 8.99), Span(9.22, 12.29)]) == 1
    assert abs(words[1].start - 8.68) <= 0.05

"""Pure delivery analysis on hand-made transcripts with known timings."""
from interviewer.analysis.delivery import measure
from interviewer.analysis.delivery_feedback import delivery_findings
from interviewer.rounds import get_round
from interviewer.analysis.fillers import find_fillers, find_hedges
from interviewer.audio.vad import pauses_between
from interviewer.model import Span, Transcript, Word


def words(text: str, start: float = 0.0, step: float = 0.4) -> list[Word]:
    return [Word(w, round(start + i * step, 2), round(start + i * step + 0.3, 2), 0.9) for i, w in enumerate(text.split())]


def test_filler_sounds_always_count_and_like_only_as_an_aside():
    ws = words("Um, I like Python. It was, like, fast. Uh we, you know, shipped it. You know the answer.")
    found = [(f["word"], f["start"]) for f in find_fillers(ws)]
    assert found == [("um", 0.0), ("like", 2.4), ("uh", 3.2), ("you know", 4.0)]


def test_hedges_prefer_the_longest_phrase():
    ws = words("I think maybe we should sort of cache it, I guess. Kind of.")
    assert [h["phrase"] for h in find_hedges(ws)] == ["i think maybe", "sort of", "i guess", "kind of"]


def test_pauses_are_gaps_of_at_least_a_quarter_second_between_spans():
    spans = [Span(0.5, 2.0), Span(2.2, 3.0), Span(3.25, 5.0), Span(8.0, 9.0)]
    assert pauses_between(spans) == [{"start": 3.0, "end": 3.25, "duration": 0.25},
                                     {"start": 5.0, "end": 8.0, "duration": 3.0}]


def test_measure_uses_vad_for_first_word_and_word_span_for_pace():
    ws = words("so the plan was to shard by user id", start=8.0, step=0.5)  # Whisper ran 2 s late
    d = measure(Transcript("x", ws), [Span(6.0, 12.5)], 13.0)
    assert d.time_to_first_word_s == 6.0
    # 9 words over 8.0 .. 12.3 s
    assert d.words_per_minute == round(9 / 4.3 * 60, 1)
    assert d.speech_s == 6.5 and d.duration_s == 13.0


def test_text_only_input_has_null_audio_figures():
    d = measure(Transcript.from_text("Um, I led the team, you know, and we shipped."), None, None)
    assert d.duration_s is None and d.words_per_minute is None and d.pauses == []
    assert [f["word"] for f in d.fillers] == ["um", "you know"]


def test_dead_air_flagged_only_where_thinking_aloud_is_expected():
    ws = words("first I would scan the array", 0.5) + words("then sort it and use two pointers", 9.0)
    spans = [Span(0.5, 2.9), Span(9.0, 11.8)]
    d = measure(Transcript("x", ws), spans, 12.0)
    coding = [f for f in delivery_findings(get_round("coding"), d, ws) if f.code == "dead_air"]
    assert len(coding) == 1 and coding[0].start == 2.9 and "6.1 s" in coding[0].message
    assert "scan the array" in coding[0].evidence
    assert not [f for f in delivery_findings(get_round("behavioural"), d, ws) if f.code == "dead_air"]


def test_every_delivery_finding_carries_a_quote_and_a_time():
    ws = words("um so uh I like, um, think maybe we sort of did it I guess um", 5.5, 0.25)
    d = measure(Transcript("x", ws), [Span(5.5, 9.5)], 10.0)
    findings = delivery_findings(get_round("behavioural"), d, ws)
    codes = {f.code for f in findings}
    assert {"start.slow", "fillers.many", "hedges.many", "pace.fast", "length.short"} <= codes
    for f in findings:
        assert f.evidence and f.start is not None and f.evidence.split()[0] in " ".join(w.word for w in ws)

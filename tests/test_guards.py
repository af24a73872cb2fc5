"""Hallucination guards on hand-made Whisper output."""
from interviewer.model import Span, Word
from interviewer.speech.guards import clean, collapse_loops, place_in_speech
from interviewer.speech.whisper import Piece


def w(text, start, p=0.9):
    return Word(text, start, start + 0.3, p)


def test_a_phrase_repeated_in_a_loop_is_kept_once():
    ws = [w(x, i * 0.4) for i, x in enumerate("I'm going to the city, I'm going to the city, I'm going to the city. Fine".split())]
    kept, removed = collapse_loops(ws)
    assert " ".join(x.word for x in kept) == "I'm going to the city, Fine"
    assert removed == 10


def test_ordinary_repetition_survives():
    ws = [w(x, i * 0.4) for i, x in enumerate("very very good and then then we shipped".split())]
    kept, removed = collapse_loops(ws)
    assert removed == 0 and len(kept) == len(ws)


def test_words_outside_speech_and_unsure_tails_are_dropped_but_fillers_kept():
    spans = [Span(0.0, 3.0)]
    piece = Piece([w("We", 0.2), w("shipped", 0.6), w("it", 1.0), w("um", 1.4, 0.2), w("Yeah.", 5.0, 0.9)], -0.3, 0.01, 1.1)
    tail = Piece([w("We", 0.2), w("shipped", 0.6), w("Yeah.", 1.2, 0.12)], -0.3, 0.01, 1.1)
    words, notes = clean([piece], spans)
    assert [x.word for x in words] == ["We", "shipped", "it", "um"]
    assert notes == ["dropped 1 word(s) outside detected speech"]
    words, notes = clean([tail], spans)
    assert [x.word for x in words] == ["We", "shipped"] and "low-confidence tails" in notes[0]


def test_a_piece_whisper_judges_silent_is_dropped():
    words, notes = clean([Piece([w("Thank", 0.1), w("you.", 0.5)], -1.4, 0.8, 0.9)], [Span(0, 1)])
    assert words == [] and "judged silent" in notes[0]


def test_stock_endings_whisper_invents_are_dropped_only_when_unsure():
    spans = [Span(0.0, 3.0)]
    invented = Piece([w("releases", 1.0), w("doubled.", 1.4), w("Thank", 2.6, 0.08), w("you.", 2.8, 0.98)], -0.3, 0.0, 1.1)
    said = Piece([w("releases", 1.0), w("doubled.", 1.4), w("Thank", 2.6, 0.93), w("you.", 2.8, 0.98)], -0.3, 0.0, 1.1)
    assert [x.word for x in clean([invented], spans)[0]] == ["releases", "doubled."]
    assert [x.word for x in clean([said], spans)[0]] == ["releases", "doubled.", "Thank", "you."]


def test_a_mistimed_short_word_moves_onto_unclaimed_speech_nearby():
    spans = [Span(15.59, 15.90), Span(16.16, 19.04)]  # "um" alone, then the sentence
    words = [w("Um,", 16.03, 0.03), w("the", 16.31), w("team", 16.39)]
    words[0] = Word("Um,", 16.03, 16.05, 0.03)
    kept, dropped = place_in_speech(words, spans)
    assert dropped == 0 and kept[0].start == 15.59 and kept[0].end <= 15.90
    # with nothing unclaimed nearby, the same word is dropped
    kept, dropped = place_in_speech(words, [Span(16.16, 19.04)])
    assert dropped == 1 and [x.word for x in kept] == ["the", "team"]

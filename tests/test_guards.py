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


def test_numbers_and_hyphenated_words_stay_whole_as_whisper_wrote_them():
    from interviewer.speech.whisper import whole_words

    raw = [(" from", 0.0, 0.2, 0.9), (" 2", 0.2, 0.4, 0.8), (".4", 0.4, 0.5, 0.7), ("%", 0.5, 0.6, 0.9),
           (" to", 0.6, 0.7, 0.9), (" 3", 0.7, 0.8, 0.9), (".8", 0.8, 0.9, 0.9), (" stars,", 0.9, 1.2, 0.9),
           (" the", 1.2, 1.3, 0.9), (" roll", 1.3, 1.5, 0.9), ("-out.", 1.5, 1.8, 0.6)]
    words = whole_words(raw, offset=10.0)
    assert " ".join(w.word for w in words) == "from 2.4% to 3.8 stars, the roll-out."
    two_four = words[1]
    assert (two_four.start, two_four.end, two_four.probability) == (10.2, 10.6, 0.7)
    assert (words[-1].start, words[-1].end) == (11.3, 11.8)


def test_unsure_words_are_trimmed_only_at_the_end_of_the_answer():
    """Live pieces end at every pause: a name Whisper is unsure of mid-answer must survive."""
    first = Piece([Word("I", 0.0, 0.2, 0.9), Word("used", 0.2, 0.5, 0.9), Word("Kubernetes", 0.5, 1.0, 0.2)],
                  -0.3, 0.01, 1.2)
    last = Piece([Word("it", 2.0, 2.2, 0.9), Word("worked", 2.2, 2.6, 0.9), Word("blah", 2.6, 3.0, 0.1)],
                 -0.3, 0.01, 1.2)
    words, notes = clean([first, last], [Span(0.0, 1.0), Span(2.0, 3.0)])
    assert [w.word for w in words] == ["I", "used", "Kubernetes", "it", "worked"]
    assert notes == ["dropped 1 word(s) in low-confidence tails"]


def test_thresholds_are_the_models_own_with_a_neutral_fallback():
    from interviewer.speech.calibration import cutoffs
    from interviewer.speech.stream import Heard
    from interviewer.model import Transcript

    tiny, other = cutoffs("tiny.en"), cutoffs("some-other-model")
    assert (tiny.refuse_probability, tiny.tail_probability) == (0.43, 0.35)
    assert other.tail_probability < tiny.tail_probability and other.refuse_probability > tiny.refuse_probability
    unsure = dict(transcript=Transcript("x"), avg_logprob=-0.85, mean_probability=0.5)
    assert Heard(**unsure, model="tiny.en").intelligible          # measured: degraded English reaches this low
    assert not Heard(**unsure, model="some-other-model").intelligible
    assert Heard(**unsure, model="tiny.en").low_confidence

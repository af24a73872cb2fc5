"""Replay reads a saved session back, with the evidence marked in the transcript."""
from interviewer.analyse import build_analysis
from interviewer.cli import main
from interviewer.model import Question, Span, Transcript, Word
from interviewer.store import SessionStore


def saved_session(root):
    words = [Word(w, 0.5 + i * 0.4, 0.8 + i * 0.4, 0.9) for i, w in enumerate("Um, I led the migration".split())]
    words += [Word(w, 6.0 + i * 0.4, 6.3 + i * 0.4, 0.9) for i, w in enumerate("and we cut costs by forty percent.".split())]
    spans = [Span(0.5, 2.4), Span(6.0, 8.9)]
    q = Question("b1", "behavioural", "Tell me about a migration you led.")
    analysis = build_analysis("behavioural", Transcript(" ".join(w.word for w in words), words), spans, 9.5, q).to_dict()
    store = SessionStore.create("behavioural", root=root)
    store.append_answer({"n": 1, "question": q.to_dict(), "audio": "answer-01.wav", "transcript": analysis["transcript"],
                         "analysis": analysis, "timings": {"endpoint_s": 9.5, "feedback_ready_s": 9.6}, "ended_by": "silence"})
    store.finish({"summary": "That's the end of the round.", "answered": 1, "interrupted": False})
    return store


def test_replay_lists_and_shows_a_session(tmp_path, capsys):
    store = saved_session(tmp_path)
    assert main(["replay", "--recordings", str(tmp_path)]) == 0
    assert store.id in capsys.readouterr().out
    assert main(["replay", "latest", "--recordings", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Tell me about a migration you led." in out
    assert "migration [3.6 s] and we cut" in " ".join(out.split())
    assert "That's the end of the round." in out


def test_replay_of_an_unknown_session_is_one_line(tmp_path, capsys):
    store = saved_session(tmp_path)
    assert main(["replay", "nope", "--recordings", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no session nope; closest: {store.id}" in err


def test_replay_shows_the_wait_and_the_live_events(tmp_path, capsys):
    store = saved_session(tmp_path)
    a = store.data["answers"][0]
    a["timings"].update(speech_end_s=8.9, feedback_spoken_s=11.2)
    a["events"] = [{"t": 3.0, "type": "nudge", "text": "What are you thinking right now?"},
                   {"t": 3.0, "end": 4.6, "type": "interviewer-speech"}]
    store.save()
    assert main(["replay", "latest", "--recordings", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "you waited 2.30 s from your last word" in out
    assert "interviewer (nudge): What are you thinking right now?" in out

"""export: subtitles parsed back, Markdown and JSON of the whole session."""
from __future__ import annotations

import json
import re
import wave

from interviewer.cli import main
from interviewer.export import cues
from sessionkit import three_question_session, words_from

STAMP = r"(\d\d):(\d\d):(\d\d)[.,](\d\d\d)"


def parse(text: str) -> list[tuple[float, float, str]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            m = re.fullmatch(STAMP + " --> " + STAMP, line)
            if m:
                g = [int(x) for x in m.groups()]
                out.append((g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000, g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000,
                            " ".join(lines[i + 1:])))
    return out


def wav_length(path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def test_vtt_and_srt_cues_increase_and_lie_within_the_audio(tmp_path, capsys):
    folder = three_question_session(tmp_path / "rec")
    for fmt, head in (("vtt", "WEBVTT\n"), ("srt", "1\n")):
        for n in (1, 2):
            assert main(["export", "latest", "--format", fmt, "--answer", str(n), "--recordings", str(tmp_path / "rec")]) == 0
            text = capsys.readouterr().out
            assert text.startswith(head)
            got = parse(text)
            length = wav_length(folder / f"answer-{n:02d}.wav")
            assert got[0][2] == f"Question: Question b{n}?"
            for (s, e, _), (s2, _, _) in zip(got, got[1:]):
                assert s < e <= s2
            assert all(0 <= s < e <= length for s, e, _ in got)
    vtt = parse((lambda: (main(["export", "latest", "--format", "vtt", "--recordings", str(tmp_path / "rec")]),
                          capsys.readouterr().out)[1])())
    assert [t for _, _, t in vtt][1:3] == ["Um, so at my last job our deploys failed every week.", "My task was to fix the pipeline."]


def test_cues_split_at_pauses_and_at_twelve_seconds():
    words = words_from("one two |0.8| three " + " ".join(["word"] * 40))  # 40 words at 0.4 s: 16 s, no full stop
    got = cues(words)
    assert got[0][2] == "one two"  # a 0.7 s pause or more ends a cue
    assert all(e - s <= 12.0 for s, e, _ in got) and len(got) == 3


def test_markdown_and_json_cover_the_whole_session(tmp_path, capsys):
    three_question_session(tmp_path / "rec")
    out = tmp_path / "s.md"
    assert main(["export", "latest", "--format", "md", "--out", str(out), "--recordings", str(tmp_path / "rec")]) == 0
    md = out.read_text()
    assert md.count("## Question ") == 3 and "**Um,**" in md and "*[1.5 s]*" in md
    assert "&lt;here&gt;" in md and "(nudge) Take your time." in md
    assert main(["export", "latest", "--format", "json", "--recordings", str(tmp_path / "rec")]) == 0
    assert len(json.loads(capsys.readouterr().out)["answers"]) == 3


def test_export_of_a_missing_answer_or_untimed_words_is_one_line(tmp_path, capsys):
    three_question_session(tmp_path / "rec")
    assert main(["export", "latest", "--format", "srt", "--answer", "9", "--recordings", str(tmp_path / "rec")]) == 2
    assert "has no answer 9" in capsys.readouterr().err

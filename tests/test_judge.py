"""The learned content judge: loads, decides hand-written answers, fails loudly without its weights,
trains deterministically, and stays out of `--help`."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from interviewer.analysis.content import analyse_content
from interviewer.errors import UserError
from interviewer.judge.labels import LABELS, LEVER_HEADS
from interviewer.judge.model import WEIGHTS, JudgeModel
from interviewer.model import Transcript

ROOT = Path(__file__).resolve().parents[1]


def learned(kind: str, text: str) -> dict:
    return analyse_content(kind, Transcript.from_text(text), judge="learned").structure


def test_weights_ship_and_match_the_corpus():
    from interviewer.judge.train import AUTHORS, corpus_hash

    model = JudgeModel.load()
    assert model.meta["corpus_sha256"] == corpus_hash(), "the corpus changed: run `make train`"
    assert model.meta["authors"] == list(AUTHORS), "the training authors changed: run `make train`"
    sentences = ROOT / "tests" / "corpus" / "sentences"
    blind = sorted(f.name.removesuffix("-blind.yaml") for f in sentences.glob("*-blind.yaml"))
    assert blind and not set(blind) & set(model.meta["authors"])  # the blind sets were never trained on
    assert all(m.use == "learned" for m in model.labels.values())
    assert set(model.labels) == {lab.name for lab in LABELS + LEVER_HEADS if lab.learnable}
    assert WEIGHTS.stat().st_size < 2_000_000


def test_content_result_says_which_judge_decided():
    text = "I led the migration at my last company and we cut costs by a third."
    assert analyse_content("behavioural", Transcript.from_text(text), judge="rules").judge == "rules"
    assert analyse_content("behavioural", Transcript.from_text(text), judge="learned").judge == "learned"
    with pytest.raises(UserError):
        analyse_content("behavioural", Transcript.from_text(text), judge="oracle")


def test_a_full_story_gets_every_star_part_and_evidence_from_the_answer():
    text = ("Last year at a logistics company our nightly billing export kept failing. "
            "My manager handed the fix to me because I owned the pipeline. "
            "I profiled the job, found a slow query, and rewrote it as a batched join. "
            "As a result the export went from four hours to twenty minutes and has not failed since.")
    s = learned("behavioural", text)
    for part in ("situation", "task", "action", "result"):
        assert s["star"][part]["present"], part
        assert s["star"][part]["evidence"] and s["star"][part]["evidence"] in text
    assert s["quantified_result"] is True
    assert s["hypothetical"] is False


def test_actions_without_an_outcome_get_no_result_credit():
    text = ("Last year our deploys took two hours. I was asked to fix it. "
            "I profiled the pipeline and I cached the dependencies.")
    s = learned("behavioural", text)
    assert s["star"]["action"]["present"]
    assert not s["star"]["result"]["present"]
    assert s["quantified_result"] is False
    s = learned("behavioural", text + " As a result deploys went from two hours to twelve minutes.")
    assert s["star"]["result"]["present"] and s["quantified_result"] is True


def test_a_hypothetical_answer_gets_no_star_credit():
    text = ("In that situation I would first talk to both people separately. Then I'd set up a meeting "
            "so everyone feels heard, and I would make sure we agree on next steps. I always try to stay calm.")
    s = learned("behavioural", text)
    assert s["hypothetical"] is True
    assert not any(s["star"][p]["present"] for p in ("situation", "task", "action", "result"))


def test_structure_shape_is_kept_and_only_gains_fields():
    text = "A bloom filter answers maybe or definitely not for set membership using a bit array and a few hashes."
    rules = analyse_content("technical", Transcript.from_text(text), judge="rules").structure
    got = learned("technical", text)
    assert set(rules) <= set(got)
    for part in ("what", "when", "why", "tradeoff"):
        assert set(rules["framework"][part]) <= set(got["framework"][part])


def test_a_definition_without_is_a_counts_as_what():
    text = ("A bloom filter: a bit array plus a handful of hash functions that answers maybe-present or "
            "definitely-absent for set membership. We put one in front of our key lookups.")
    assert learned("technical", text)["framework"]["what"]["present"]


@pytest.mark.parametrize("text, levers", [
    ("Thank you. Based on the market data I've seen I'd be looking for 150,000 base. Could I also get a "
     "signing bonus of 20,000 to cover the bonus I'd leave behind? Can I come back to you on Friday?",
     ["base", "sign-on bonus"]),
    ("Thanks, the salary works for me. I'd like to work remotely three days a week, and could we push the "
     "start date to March?", ["start date", "remote work"]),
    ("That sounds great, I accept.", []),
])
def test_the_learned_judge_decides_the_levers_and_quotes_each(text, levers):
    t = Transcript.from_text(text)
    got = learned("negotiation", text)["negotiation"]
    assert got["levers"] == levers
    assert set(got["lever_evidence"]) == set(levers)
    for lever in levers:
        assert got["lever_evidence"][lever]["evidence"] in t.text


def test_empty_or_one_word_answers_get_no_credit():
    from interviewer.analyse import build_analysis

    for text in ("", "um"):
        a = build_analysis("behavioural", Transcript.from_text(text), None, None, judge="learned")
        assert not a.credited and not a.structure


def test_missing_or_corrupt_weights_are_one_line_naming_the_file_and_make_train(tmp_path):
    missing = tmp_path / "judge.npz"
    with pytest.raises(UserError) as e:
        JudgeModel.load(missing)
    assert str(missing) in str(e.value) and "make train" in str(e.value) and "\n" not in str(e.value)
    missing.write_bytes(b"not a zip file")
    with pytest.raises(UserError) as e:
        JudgeModel.load(missing)
    assert str(missing) in str(e.value) and "make train" in str(e.value)


def test_missing_weights_never_fall_back_to_rules(monkeypatch, tmp_path):
    from interviewer.judge import model as m

    m.load_model.cache_clear()
    monkeypatch.setattr(m, "WEIGHTS", tmp_path / "gone.npz")
    try:
        with pytest.raises(UserError, match="make train"):
            learned("behavioural", "I led the migration at my last company and we cut costs by a third.")
    finally:
        m.load_model.cache_clear()


def test_training_is_deterministic(tmp_path):
    pytest.importorskip("sklearn")
    outs = []
    for n in range(2):
        out = tmp_path / f"j{n}.npz"
        subprocess.run([sys.executable, "-m", "interviewer.judge.train", "--authors", "2", "--limit", "2",
                        "--out", str(out)], check=True, capture_output=True, cwd=ROOT, timeout=600)
        outs.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert outs[0] == outs[1]
    small = JudgeModel.load(tmp_path / "j0.npz")
    assert all(np.isfinite(m.coef).all() for m in small.labels.values())


def test_a_clause_of_filler_words_leaves_its_sentences_part_to_the_words_that_carry_it():
    """Training targets: "Okay, so" cut off before the clarifying question is not itself a requirement;
    a sentence that is only "Sure." keeps its label, as nothing else in it could carry the part."""
    from interviewer.judge.train import prepare

    item = {"id": "t1", "author": "T", "form": "written", "kind": "system-design", "sentences": [
        {"text": "okay so how many users do we expect per day", "parts": ["design.requirements"]},
        {"text": "i'd put a cache in front of the database", "parts": ["design.high_level"]}]}
    p = prepare(item)
    words = [" ".join(w) for w in p.words]
    assert words[:2] == ["okay", "so how many users do we expect per day"]
    assert list(p.Y["design.requirements"]) == [0.0, 1.0, 0.0]
    deal = {"id": "t2", "author": "T", "form": "written", "kind": "negotiation", "answer": {"levers": []},
            "sentences": [{"text": "Sure.", "parts": ["negotiation.accepted_on_spot"]},
                          {"text": "when do i start", "parts": []}]}
    q = prepare(deal)
    assert [" ".join(w) for w in q.words] == ["sure", "when do i start"]
    assert list(q.Y["negotiation.accepted_on_spot"]) == [1.0, 0.0]


def test_a_lever_asked_for_without_its_word_trains_on_the_ask_not_on_the_other_levers_clauses(monkeypatch):
    """Lever-head targets: a base counter with no word for the salary is carried by the sentence the
    author marked as the ask, not by the thanks or by the clause that names relocation; a lever no
    clause names is carried by the clauses that name no other lever (before: by every clause)."""
    from interviewer.judge import train

    item = {"id": "t3", "author": "T", "form": "written", "kind": "negotiation",
            "answer": {"levers": ["base", "relocation", "vacation"]}, "sentences": [
                {"text": "Thank you for the offer.", "parts": []},
                {"text": "I'd need 58,000 to make it work.", "parts": ["negotiation.anchored"]},
                {"text": "Could you cover my relocation?", "parts": []},
                {"text": "One thing that matters to me is a four day week.", "parts": []}]}
    p = train.prepare(item)
    assert [" ".join(w) for w in p.words] == ["thank you for the offer", "i'd need 58000 to make it work",
                                              "could you cover my relocation",
                                              "one thing that matters to me is a four day week"]
    assert list(p.Y["levers.base"]) == [0.0, 1.0, 0.0, 0.0]
    assert list(p.Y["levers.relocation"]) == [0.0, 0.0, 1.0, 0.0]
    assert list(p.Y["levers.vacation"]) == [1.0, 1.0, 0.0, 1.0]
    assert list(p.Y["levers.title"]) == [0.0, 0.0, 0.0, 0.0]
    monkeypatch.setattr(train, "LEVER_TARGETS", "all")
    assert list(train.prepare(item).Y["levers.base"]) == [1.0, 1.0, 1.0, 1.0]


RUN_ON = ("okay so scope first, one to one and small group chat, delivery receipts, no voice or video for now "
          "say five hundred million daily actives sending forty messages each that's twenty billion a day which "
          "is roughly two hundred and thirty thousand a second clients hold a persistent web-socket to a gateway "
          "tier and the gateway looks up the recipient in a presence service")


def test_the_judge_scores_run_on_clauses_in_pieces_cut_at_commas_and_clause_openers():
    from interviewer.analysis.content.text import clauses_of
    from interviewer.judge.units import OPENERS, UNIT_WORDS, units_of

    clauses = clauses_of(Transcript.from_text(RUN_ON))
    assert max(len(c.tokens) for c in clauses) > 2 * UNIT_WORDS  # the rules' splitter leaves a run-on clause
    units = units_of(clauses)
    assert [t for u in units for t in u.tokens] == [t for c in clauses for t in c.tokens]  # nothing lost or moved
    assert [u.index for u in units] == list(range(len(units)))
    assert all(len(u.tokens) <= UNIT_WORDS for u in units)
    starts = {c.tokens[0].word_index for c in clauses}
    for before, after in zip(units, units[1:]):
        if after.tokens[0].word_index in starts:
            continue  # the rules' own cut
        assert before.tokens[-1].word_index != after.tokens[0].word_index  # "web-socket" stays whole
        assert before.tokens[-1].raw.endswith(",") or after.tokens[0].norm in OPENERS
    short = clauses_of(Transcript.from_text("I added an index. Errors fell to one percent."))
    assert units_of(short) == short


def test_a_run_on_clause_takes_the_parts_of_the_sentences_in_each_of_its_pieces():
    """Training targets: an unpunctuated answer is one long clause to the rules' splitter, and a clause takes
    the parts of the sentences that give it a third of its words, so the merged clause had been a requirement
    and an estimate at once (or, across more sentences, neither); in pieces, each keeps its own sentence's."""
    from interviewer.judge.train import prepare

    item = {"id": "t3", "author": "T", "form": "written", "kind": "system-design", "sentences": [
        {"text": "okay so scope first one to one and small group chat delivery receipts no voice or video for now",
         "parts": ["design.requirements"]},
        {"text": "say five hundred million daily actives sending forty messages each", "parts": ["design.estimation"]},
        {"text": "that is twenty billion a day roughly two hundred thousand a second", "parts": ["design.estimation"]},
        {"text": "clients hold a persistent websocket to a gateway tier", "parts": ["design.high_level"]}]}
    p = prepare(item)
    words = [" ".join(w) for w in p.words]
    req = [w for w, y in zip(words, p.Y["design.requirements"]) if y]
    est = [w for w, y in zip(words, p.Y["design.estimation"]) if y]
    assert any("small group chat" in w for w in req) and not any("billion" in w for w in req)
    assert any("billion" in w for w in est) and not any("group chat" in w for w in est)


def test_help_does_not_import_the_judge():
    code = ("import sys\nfrom interviewer.cli import main\ntry:\n    main(['analyse', '--help'])\nexcept SystemExit:\n"
            "    pass\nprint('LOADED:' + ','.join(m for m in ('wordllama', 'sklearn', 'interviewer.judge') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "LOADED:"


@pytest.mark.parametrize("name,written,heard", [("B111", 0.958, 0.960), ("B112", 0.962, 0.962),
                                                ("B113", 0.973, 0.969), ("B114", 0.962, 0.956),
                                                ("B115", 0.936, 0.932), ("B116", 0.963, 0.963),
                                                ("B117", 0.973, 0.963), ("B118", 0.954, 0.949)])
def test_the_latest_blind_sets_keep_their_measured_once_figures(name, written, heard, benchmark):
    """A regression check, not an accuracy: B111 to B118 were each scored once with the shipped weights
    (tests/corpus/blind-B111.md to blind-B118.md; the rules scored 0.863/0.855, 0.828/0.828,
    0.864/0.864, 0.811/0.806, 0.815/0.806, 0.824/0.824, 0.828/0.819 and 0.837/0.826); this keeps
    later changes from slipping under them unnoticed."""
    results = benchmark("blind").score(ROOT / "tests" / "corpus" / "sentences" / f"{name}-blind.yaml")

    def overall(judge, form):
        rows = results[(judge, form)].values()
        return sum(r[1] for r in rows) / sum(r[0] for r in rows)
    assert round(overall("learned", "written"), 3) >= written and round(overall("learned", "heard"), 3) >= heard
    assert overall("learned", "written") > overall("rules", "written") + 0.05


def test_gram_buckets_do_not_depend_on_the_process():
    """The weights index word grams by bucket; Python's own str hash changes per process, crc32 does not."""
    from interviewer.judge.features import grams

    code = ("from interviewer.judge.features import grams\n"
            "g = grams([['you', \"i'd\", 'reach', 'for', 'it', 'when'], ['we', 'used', 'it']])\n"
            "print(list(zip(g.rows.tolist(), g.cols.tolist())))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed}, cwd=ROOT).stdout
            for seed in ("1", "2")}
    g = grams([["you", "i'd", "reach", "for", "it", "when"], ["we", "used", "it"]])
    assert outs == {str(list(zip(g.rows.tolist(), g.cols.tolist()))) + "\n"}
    assert g.n == 2 and (g.rows == 0).sum() == 6 + 7 and (g.rows == 1).sum() == 3 + 4  # unigrams + bigrams


def test_the_word_grams_carry_weight_in_the_shipped_judge():
    """The gram weights are loaded and used: dropping them changes the clause probabilities."""
    from interviewer.analysis.content.text import clauses_of
    from interviewer.judge.features import Grams, featurise, grams

    model = JudgeModel.load()
    text = "Honestly I'd reach for a queue when the writes are bursty, but you pay for it in latency."
    t = Transcript.from_text(text)
    clauses = clauses_of(t)
    structure = analyse_content("technical", t, judge="rules").structure
    X, G = featurise(clauses, "technical", structure), grams([c.words for c in clauses])
    m = model.labels["framework.when"]
    assert m.ngram is not None and np.abs(m.ngram).max() > 0.01
    none = Grams(np.zeros(0, np.int32), np.zeros(0, np.int32), len(clauses))
    assert not np.allclose(m.clause_probs(X, G), m.clause_probs(X, none))
    with pytest.raises(ValueError, match="grams"):  # never silently without them
        m.clause_probs(X)


def test_the_embedding_matches_wordllamas_own_loader_bit_for_bit():
    """We read wordllama's table and tokenizer ourselves (to stay in the memory budget); the vectors must be
    exactly the ones its own loader gives, or the shipped weights no longer fit their features."""
    import os

    wordllama = pytest.importorskip("wordllama")
    from interviewer.judge.embedding import Embedder

    theirs = wordllama.WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True, dim=256)
    texts = ["I led the migration and we cut costs by a third.", "", "um so basically", "é 東京 😀",
             "you'd reach for a queue when the writes are bursty but you pay for it in latency " * 20]
    expected = np.asarray(theirs.embed(texts, norm=False), dtype=np.float32)
    norms = np.linalg.norm(expected, axis=1, keepdims=True)
    expected = expected / np.where(norms > 0, norms, 1.0)
    ours = Embedder.embed(texts)
    assert ours.shape == (5, 256) and np.array_equal(ours, expected)
    assert np.abs(ours[0]).sum() > 0 and not ours[1].any()  # real vectors, and zero for no tokens


def test_judging_does_not_import_wordllamas_loader():
    """wordllama's package import pulls in requests and pydantic: about 35 MB the judge does not need."""
    code = ("import sys\nfrom interviewer.analysis.content import analyse_content\nfrom interviewer.model import Transcript\n"
            "r = analyse_content('behavioural', Transcript.from_text('I led the migration and we cut costs by a third.'),"
            " judge='learned')\nprint(r.judge, 'wordllama' in sys.modules, 'tokenizers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.stdout.split() == ["learned", "False", "True"], out.stderr


def test_a_corrupt_embedding_table_is_one_line_naming_the_file(tmp_path):
    from interviewer.judge.embedding import read_safetensor

    bad = tmp_path / "table.safetensors"
    bad.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all")
    with pytest.raises(UserError, match="table.safetensors") as e:
        read_safetensor(bad, "embedding.weight")
    assert "\n" not in str(e.value)

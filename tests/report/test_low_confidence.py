"""Precision first: flags below the report's confidence cut are folded away
(Markdown and HTML), ``review`` lists them only with ``--all`` (issue 14)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import attrs
from report_fixtures import build_report

from compare.core.models import Report
from compare.report import review as rv
from compare.report.output import read_report, write_report

CUT = 0.75  # f-wd01 (0.71), f-pt07 (0.5) and f-wd09 (0.62) fall below it


def cut_report() -> Report:
    return attrs.evolve(build_report(), min_confidence=CUT)


def written(tmp_path: Path) -> Path:
    out = tmp_path / "reports"
    write_report(cut_report(), out, ("md", "json", "html"))
    return out


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_markdown_folds_low_confidence_flags_per_event(tmp_path: Path) -> None:
    out = written(tmp_path)
    page = (out / "events" / "e-2021-11-15-call.md").read_text("utf-8")
    listed, low = page.split("<details>", 1)
    assert "f-nh02" in listed and "f-nd03" in listed and "f-om05" in listed
    assert "f-wd01" not in listed and "f-pt07" not in listed
    low = _section("<details>" + low, "<details>", "</details>")
    assert "<summary>Low confidence (2 flags below confidence 0.75)</summary>" in low
    assert "f-wd01" in low and "f-pt07" in low and "f-nh02" not in low
    assert "- Confidence 0.71 (probability that the flag is right)" in low
    # the event whose only flag is below the cut says so and still folds it
    meet = (out / "events" / "e-2021-11-18-meeting.md").read_text("utf-8")
    assert "No flags at or above confidence 0.75." in meet and "f-wd09" in meet
    assert meet.index("<details>") < meet.index("f-wd09")
    index = (out / "index.md").read_text("utf-8")
    assert r"\(+2 low confidence\)" in index and r"none \(+1 low confidence\)" in index


def test_html_folds_low_confidence_flags_in_details(tmp_path: Path) -> None:
    out = written(tmp_path)
    page = (out / "html" / "events" / "e-2021-11-15-call.html").read_text("utf-8")
    low = _section(page, '<details class="low-confidence">', "</details>")
    assert re.search(r"<summary>Low confidence \(2 flags below confidence 0\.75\)</summary>", low)
    assert "f-wd01" in low and "f-pt07" in low
    listed = page.replace(low, "")
    assert "f-nh02" in listed and "f-wd01" not in listed
    assert html.escape("Confidence 0.95 (probability that the flag is right)") in listed


def test_no_cut_lists_everything_without_a_section(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    write_report(build_report(), out, ("md", "html"))
    page = (out / "events" / "e-2021-11-15-call.md").read_text("utf-8")
    assert "<details>" not in page and "f-wd01" in page


def test_cut_survives_report_json(tmp_path: Path) -> None:
    out = written(tmp_path)
    assert read_report(out).min_confidence == CUT


def test_review_lists_low_confidence_flags_only_with_all(tmp_path: Path) -> None:
    out = written(tmp_path)
    table = rv.list_flags(out)
    assert "f-nh02" in table and "f-wd01" not in table and "f-pt07" not in table
    assert "3 open low-confidence flag(s) (below 0.75) not listed; --all lists them." in table
    every = rv.list_flags(out, show_all=True)
    assert "f-wd01" in every and "f-pt07" in every and "f-wd09" in every
    assert "not listed" not in every
    assert "(low confidence)" in rv.show_flag(out, "f-wd01")
    assert "(low confidence)" not in rv.show_flag(out, "f-nh02")

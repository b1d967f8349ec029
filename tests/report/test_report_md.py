"""The Markdown report: golden files, structure as rendered by markdown-it, escaping."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import attrs
import pytest
from markdown_it import MarkdownIt
from report_fixtures import HOSTILE_CLAIM, HOSTILE_TITLE, build_report

from compare.core.escape import clean_inline
from compare.core.models import Claim, DiffOp, Flag
from compare.report.output import write_report
from compare.report.view import (
    View,
    column_names,
    coverage,
    detail_text,
    flag_diff,
    reference_label,
    reference_text,
    relay_chain,
    source_line,
)

GOLDEN = Path(__file__).parent.parent / "data" / "reports"
MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
PAGES = ("index.md", "events/e-2021-11-15-call.md", "events/e-2021-11-18-meeting.md")


@pytest.fixture
def written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # document paths are relative: links depend on the cwd
    out = Path("reports")
    write_report(build_report(), out, ("md", "json"))
    return tmp_path / "reports"


@pytest.mark.parametrize("page", PAGES)
def test_golden_pages(written: Path, page: str) -> None:
    text = (written / page).read_text("utf-8")
    golden = GOLDEN / page.replace("events/", "")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8"), f"{page} differs from {golden} (UPDATE_GOLDEN=1 regenerates)"


def _tables(source: str) -> list[list[int]]:
    """Cells per row, for every table in the rendered Markdown."""
    tables: list[list[int]] = []
    for tok in MD.parse(source):
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            tables[-1].append(0)
        elif tok.type in ("td_open", "th_open"):
            tables[-1][-1] += 1
    return tables


@pytest.mark.parametrize("page", PAGES)
def test_rendered_structure_is_safe(written: Path, page: str) -> None:
    source = (written / page).read_text("utf-8")
    rendered = MD.render(source)
    for table in _tables(source):
        assert len(set(table)) == 1, table  # every row has the header's column count
    assert "<script" not in rendered and "<img" not in rendered
    assert "<!--" not in rendered
    assert not re.search(r'href="\s*javascript:', rendered)
    assert all(t.type != "html_inline" and t.type != "html_block" for t in MD.parse(source))


def test_event_page_content(written: Path) -> None:
    source = (written / "events" / "e-2021-11-15-call.md").read_text("utf-8")
    rendered = MD.render(source)
    # hostile article text is shown as text
    assert html.escape(clean_inline(HOSTILE_CLAIM), quote=False) in rendered
    assert [len(t) for t in _tables(source)] == [5, 7]  # 4 documents, 6 claim groups (+ headers)
    meeting = (written / "events" / "e-2021-11-18-meeting.md").read_text("utf-8")
    assert ("- Not compared: Bodensee Kurier \\(language de; install the embed extra with a "
            "multilingual model\\)") in meeting
    assert "| outlet, not compared \\(language de; " in meeting
    assert "*Also in republished copies: Coastal Echo*" in meeting
    assert "- What changed: 'agreed to resume' became 'discussed resuming'\n" in meeting
    assert "Harbor Gazette ← Northwind Wire ← Kremlin" in source
    assert "<s>two leaders agreed to continue contacts at the level of</s> " \
           "<strong>leaders reportedly agreed to keep in touch through their</strong>" in rendered
    # a text file's quote links to the line it came from (sentence 2 is on line 5);
    # an HTML page's to the file without a line (its text is extracted from markup)
    assert "([inputs/kremlin-2021-11-15.txt:5](../../inputs/kremlin-2021-11-15.txt#L5))" in source
    assert ("**Lakeside Notes** ([inputs/lakeside-notes-2021-11-16.html]"
            "(../../inputs/lakeside-notes-2021-11-16.html)):") in source
    assert "lakeside-notes-2021-11-16.html#L" not in source
    headings = [t.content for t in (MD.parse(source)) if t.type == "inline" and t.map and
                source.splitlines()[t.map[0]].startswith("### ")]
    assert headings == ["Number or date change (1)", "Attribution change (1)", "Negation or hedge (1)",
                        "Wording drift (1)", "Omission (1)", "Addition (2)", "Possibly truncated (1)"]
    flag_heads = [line for line in source.splitlines() if line.startswith("#### ")]
    # within a kind by outlet: Harbor Gazette's addition before Lakeside Notes'
    assert flag_heads.index("#### Harbor Gazette — f-ad06") < flag_heads.index("#### Lakeside Notes — f-ad08")
    # both sides of an attribution change, the relay chain, the exact review command
    assert ("- Credited to: reference — unattributed; Harbor Gazette — sources \\(anonymous source\\), "
            "as “According to sources”; hedged") in source
    assert "*Relay chain: Harbor Gazette ← Northwind Wire ← Kremlin*" in source
    codes = [t.content for tok in MD.parse(source) if tok.children for t in tok.children
             if t.type == "code_inline"]
    assert "outlet-compare review reports f-at04 --confirm" in codes
    assert "outlet-compare review reports f-om05 --reopen" in codes  # already confirmed
    assert "confirmed by ana at 2021-12-01T10:00:00Z" in source
    assert "Blog skips the gas topic \\| on purpose?" in source


def test_index_content(written: Path) -> None:
    source = (written / "index.md").read_text("utf-8")
    assert "[Putin–Macron call](events/e-2021-11-15-call.md)" in source
    assert "2/8 reviewed" in source and "0/1 reviewed" in source
    assert "lone-column-2021-11-20" in source
    assert "inputs/broken.html" in source and "not UTF-8" in source
    assert HOSTILE_TITLE not in source
    # single-document events are listed as documents, not as events with flags
    assert "Energy column" not in source and "9 flags (7 open)" in source
    assert not (written / "events" / "e-2021-11-20-statement.md").exists()
    assert re.search(r"\| Kremlin \\\(primary readout\\\) +\|", source)
    assert re.search(r"\| Quay Post \\\(earlier of two outlets; no primary source\\\) +\|", source)
    rules = source.split("## Rules files used", 1)[1].split("##", 1)[0]
    assert "1. `/usr/lib/outlet-compare/rules/outlets.yaml`" in rules
    assert "2. `my rules/lexicon.yaml`" in rules


def test_reference_text_for_every_basis() -> None:
    report = build_report()
    view = View.of(report)
    call, meeting, lone = report.events
    assert reference_text(view, call) == "Kremlin (primary readout)"
    # two independent outlets (the copy and the German report not compared do not count)
    assert reference_text(view, meeting) == "Quay Post (earlier of two outlets; no primary source)"
    assert reference_label(view, meeting, view.claims["quay-post-2021-11-18:c2"]) == \
        "Reference: Quay Post (earlier of two outlets)"
    # with the German report compared there are three: a majority, anchored on Quay Post
    compared = attrs.evolve(meeting, uncompared=())
    assert reference_text(view, compared) == "majority of 3 outlets (anchor: Quay Post)"
    assert reference_label(view, compared, view.claims["quay-post-2021-11-18:c2"]) == \
        "Majority wording (as in Quay Post)"
    assert reference_text(view, attrs.evolve(compared, reference=None)) == "majority of 3 outlets"
    assert reference_text(view, lone) == "—"  # one document: basis says majority, nothing to compare
    assert reference_text(view, attrs.evolve(meeting, reference_basis="none")) == "—"


def test_quotes_are_shortened_in_markdown_only(tmp_path: Path) -> None:
    report = build_report()
    long_text = "Ministers met. " + "word " * 200 + "END"
    claims = tuple(attrs.evolve(c, text=long_text) if c.id == "harbor-gazette-2021-11-16:c3" else c
                   for c in report.claims)
    report = attrs.evolve(report, claims=claims)
    write_report(report, tmp_path, ("md", "html"))
    md = (tmp_path / "events" / "e-2021-11-15-call.md").read_text("utf-8")
    html_page = (tmp_path / "html" / "events" / "e-2021-11-15-call.html").read_text("utf-8")
    assert "END" not in md and "word word…" in md
    assert "word END" in html_page

def test_coverage_symbols() -> None:
    report = build_report()
    view = View.of(report)
    docs, rows = coverage(view, report.events[0])
    assert docs[0].id == "kremlin-2021-11-15"
    assert [r.cells for r in rows] == [
        ("✓", "✓", "✓", "✓"), ("✓", "~", "~", "·"), ("✓", "✓", "·", "✗"), ("✓", "✓", "?", "~"),
        ("·", "·", "+", "·"), ("·", "·", "·", "+")]
    # the republished copy is "=" (its original's flags stand for it), the German report "–"
    docs2, rows2 = coverage(view, report.events[1])
    assert docs2[0].id == "quay-post-2021-11-18"  # the reference first
    assert [r.cells for r in rows2] == [("✓", "✓", "=", "–"), ("✓", "~", "=", "–")]
    assert column_names(docs2, report.events[1]) == [
        "Quay Post (ref)", "Northwind Wire", "Coastal Echo", "Bodensee Kurier (not compared)"]


def test_copies_share_their_originals_additions_and_only_copies_within_the_event() -> None:
    report = build_report()
    extra = Claim("northwind-2021-11-18:c9", "northwind-2021-11-18", "e-2021-11-18-meeting",
                  "The talks lasted three hours.", (0, 5))
    added = Flag("f-ad99", "e-2021-11-18-meeting", "addition", "northwind-2021-11-18", extra.id,
                 None, 0.9, "not in the reference: x (also in republished copies: coastal-echo-2021-11-19)")
    report = attrs.evolve(report, flags=(*report.flags, added), claims=(*report.claims, extra))
    view = View.of(report)
    _, rows = coverage(view, report.events[1])
    assert rows[-1].cells == ("·", "+", "=", "–")
    assert view.copies("e-2021-11-18-meeting", "northwind-2021-11-18") == ["coastal-echo-2021-11-19"]
    assert view.copies("e-2021-11-18-meeting", "quay-post-2021-11-18") == []
    # a copy of a document outside the event is compared like any other document
    meeting = attrs.evolve(report.events[1], documents=("quay-post-2021-11-18", "coastal-echo-2021-11-19"))
    assert view.original(meeting, "coastal-echo-2021-11-19") is None
    _, rows = coverage(view, meeting)
    assert [r.cells[1] for r in rows][:2] == ["·", "·"]
    # the detail's list of copy ids is not repeated on the page (the header names them by outlet)
    assert detail_text(added, ()) == "not in the reference: x"


def test_source_lines_come_from_the_segment_map_only() -> None:
    report = build_report()
    doc = report.documents[0]
    assert source_line(doc, 0) == 3  # after the title line and a blank line
    assert source_line(doc, doc.text.index("The sides")) == 7
    # a JSONL record is one line of its file, whatever the offset
    assert source_line(attrs.evolve(doc, source_line=10), doc.text.index("The sides")) == 10
    assert source_line(doc, None) is None
    # no file lines (HTML) or no map: no line rather than a line of the cleaned text
    html_doc = next(d for d in report.documents if d.path.endswith(".html"))
    assert source_line(html_doc, html_doc.text.index("Putin said")) is None
    assert source_line(attrs.evolve(doc, segments=(), segment_lines=()), 120) is None
    assert relay_chain(report.documents[2]) == "Harbor Gazette ← Northwind Wire ← Kremlin"


def test_diff_is_computed_when_the_flag_has_none() -> None:
    report = build_report()
    view = View.of(report)
    flag: Flag = next(f for f in report.flags if f.id == "f-nh02")
    ops = flag_diff(flag, view.claims[flag.reference_claim or ""], view.claims[flag.claim or ""])
    assert DiffOp("insert", "reportedly") in ops
    # words joined by single spaces (diff steps carry no whitespace)
    assert " ".join(o.text for o in ops if o.op != "delete") == view.claims[flag.claim or ""].text
    assert " ".join(o.text for o in ops if o.op != "insert") == view.claims[flag.reference_claim or ""].text


def test_rewriting_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(build_report(), Path("a"), ("md", "json", "html"))
    first = {p: p.read_bytes() for p in sorted(Path("a").rglob("*")) if p.is_file()}
    write_report(build_report(), Path("a"), ("md", "json", "html"))
    second = {p: p.read_bytes() for p in sorted(Path("a").rglob("*")) if p.is_file()}
    assert first == second


def test_labels_tell_unknown_outlets_and_same_outlet_copies_apart() -> None:
    report = build_report()
    docs = tuple(attrs.evolve(d, outlet="Northwind Wire") if d.id == "coastal-echo-2021-11-19" else d
                 for d in report.documents)
    view = View.of(attrs.evolve(report, documents=docs))
    assert view.label("coastal-echo-2021-11-19") == "Northwind Wire (copy: coastal-echo-2021-11-19)"
    assert view.label("northwind-2021-11-18") == "Northwind Wire"
    assert view.label("lone-column-2021-11-20") == "unknown: lone-column-2021-11-20"
    assert View.of(report).label("coastal-echo-2021-11-19") == "Coastal Echo"

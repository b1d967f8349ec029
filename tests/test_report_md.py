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

from compare.escape import clean_inline
from compare.models import DiffOp, Flag
from compare.output import write_report
from compare.report_md import View, coverage, flag_diff, reference_text, relay_chain, source_line

GOLDEN = Path(__file__).parent / "data" / "reports"
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
    assert "Harbor Gazette ← Northwind Wire ← Kremlin" in source
    assert "<s>two leaders agreed to continue contacts at the level of</s> " \
           "<strong>leaders reportedly agreed to keep in touch through their</strong>" in rendered
    assert "(../../inputs/kremlin-2021-11-15.txt#L2)" in source
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
    assert re.search(r"\| majority of 2 outlets +\|", source)
    rules = source.split("## Rules files used", 1)[1].split("##", 1)[0]
    assert "1. `/usr/lib/outlet-compare/rules/outlets.yaml`" in rules
    assert "2. `my rules/lexicon.yaml`" in rules


def test_reference_text_for_every_basis() -> None:
    report = build_report()
    view = View.of(report)
    call, meeting, lone = report.events
    assert reference_text(view, call) == "Kremlin (primary readout)"
    assert reference_text(view, meeting) == "majority of 2 outlets"  # the republished copy is not counted
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
    _, rows2 = coverage(view, report.events[1])
    assert [r.cells for r in rows2] == [("✓", "✓", "="), ("✓", "~", "=")]


def test_source_line_fallback_and_relays() -> None:
    doc = build_report().documents[0]
    assert source_line(doc, 0) == 1
    assert source_line(doc, doc.text.index("The sides")) == 3
    # a JSONL record is one line of its file, whatever the offset
    assert source_line(attrs.evolve(doc, source_line=10), doc.text.index("The sides")) == 10
    assert source_line(doc, None) is None
    assert relay_chain(build_report().documents[2]) == "Harbor Gazette ← Northwind Wire ← Kremlin"


def test_diff_is_computed_when_the_flag_has_none() -> None:
    report = build_report()
    view = View.of(report)
    flag: Flag = next(f for f in report.flags if f.id == "f-nh02")
    ops = flag_diff(flag, view.claims[flag.reference_claim or ""], view.claims[flag.claim or ""])
    assert DiffOp("insert", "reportedly ") in ops
    assert "".join(o.text for o in ops if o.op != "delete") == view.claims[flag.claim or ""].text


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

"""Escaping: hostile article text never becomes Markdown markup or breaks a table."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from compare.core.escape import clean_inline, html_text, md_cell, md_link, md_text, md_url, safe_filename

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
PIECES = [*"ab 1.-+=#>*_~`|[]()<>!&;:/\\\"'\n\t\r$@{}%", "<!--", "-->", "<script>",
          "javascript:", "&amp;", "&#x41;", "\u202e", "\x00", "\x1b[31m", "\u00a0", "é", "—"]
HOSTILE = st.one_of(st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
                    st.text(max_size=40))


def _inline_tokens(source: str) -> list[Any]:
    out = []
    for tok in MD.parse(source):
        if tok.type == "inline":
            out.extend(tok.children or [])
    return out


def _text_of(source: str) -> str:
    return "".join(t.content for t in _inline_tokens(source) if t.type == "text")


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_md_text_renders_as_exactly_the_text(raw: str) -> None:
    source = "Prefix: " + md_text(raw)
    kinds = {t.type for t in _inline_tokens(source)}
    assert kinds <= {"text"}, kinds
    assert _text_of(source) == ("Prefix: " + clean_inline(raw)).rstrip()


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_md_text_alone_is_one_plain_paragraph(raw: str) -> None:
    escaped = md_text(raw)
    if not escaped:
        return
    blocks = [t.type for t in MD.parse(escaped) if t.nesting != 0 or t.type == "inline"]
    assert blocks == ["paragraph_open", "inline", "paragraph_close"]
    assert _text_of(escaped) == clean_inline(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(HOSTILE, min_size=3, max_size=3), st.lists(HOSTILE, min_size=3, max_size=3))
def test_table_cells_keep_the_column_count(row1: list[str], row2: list[str]) -> None:
    lines = ["| a | b | c |", "|---|---|---|"]
    for row in (row1, row2):
        lines.append("| " + " | ".join(md_cell(c) for c in row) + " |")
    tokens = MD.parse("\n".join(lines))
    rows, cells = 0, 0
    for tok in tokens:
        if tok.type == "tr_open":
            rows += 1
        if tok.type in ("td_open", "th_open"):
            cells += 1
    assert (rows, cells) == (3, 9)
    html = MD.render("\n".join(lines))
    assert "<script" not in html and "<!--" not in html and "javascript:" not in html.split(">")[0]


def test_known_attacks_stay_text() -> None:
    attacks = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "<!-- c -->",
               "# heading", "1. list", "- item", "`code`", "**b** _i_ ~~s~~", "a | b",
               "line\nbreak", "&amp; &#60;", "![img](http://x.example/a.png)", "> quote"]
    for attack in attacks:
        html = MD.render(md_text(attack))
        assert html.startswith("<p>") and html.count("<") == 2, (attack, html)


def test_exact_escapes_are_pinned() -> None:
    assert md_text("a|b *c* [d](e) <f> & #g") == r"a\|b \*c\* \[d\]\(e\) \<f\> \& \#g"
    assert md_text("12. June") == r"12\. June"
    assert md_text("- x") == r"\- x"
    assert md_text("two\n\nlines\t here") == "two lines here"
    assert md_text("abcdefghij", limit=5) == "abcd…"


def test_urls_and_links_cannot_carry_a_scheme() -> None:
    assert md_url("javascript:alert(1)") == "javascript%3Aalert%281%29"
    assert md_url("../in puts/a#b.txt") == "../in%20puts/a%23b.txt"
    assert md_link("x", "../a.txt#L3") == "[x](../a.txt#L3)"
    assert md_link("x", "javascript:alert(1)") == "[x](javascript%3Aalert%281%29)"
    html = MD.render(md_link("[evil](javascript:x)", "javascript:alert(1)"))
    assert 'href="javascript:' not in html


def test_html_text_escapes_everything() -> None:
    assert html_text('<b a="1">&\'</b>') == "&lt;b a=&quot;1&quot;&gt;&amp;&#x27;&lt;/b&gt;"


def test_safe_filename() -> None:
    assert safe_filename("kremlin-2020-06-01") == "kremlin-2020-06-01"
    odd = safe_filename("../etc/passwd")
    assert "/" not in odd and not odd.startswith(".")
    assert safe_filename("a/b") != safe_filename("a_b")
    assert safe_filename(".hidden").startswith("_")


@pytest.mark.parametrize(("text", "expected"), [
    ("outlet-compare review reports f-1 --confirm", "`outlet-compare review reports f-1 --confirm`"),
    ("a `b` c", "``a `b` c``"),
    ("`x``", "``` `x`` ```"),
    ("two\nlines | pipe", "`two lines | pipe`"),
    ("", ""),
])
def test_md_code_spans_survive_backticks(text: str, expected: str) -> None:
    from compare.core.escape import md_code

    assert md_code(text) == expected
    if text.strip():
        tokens = MarkdownIt("commonmark").parseInline(md_code(text))[0].children or []
        assert [t.type for t in tokens] == ["code_inline"]
        assert tokens[0].content == clean_inline(text)

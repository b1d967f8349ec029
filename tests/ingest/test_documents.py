"""Documents: cleaning, title, language, hints, truncation, ids, source lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from compare.core.models import Document, SourceText
from compare.core.rulefiles import RuleFile, default_rules_dir
from compare.ingest.boilerplate import BoilerplateRules, parse_boilerplate_rules
from compare.ingest.documents import (
    assign_ids,
    build_document,
    clean_offset_to_line,
    detect_language,
    is_truncated,
    source_line,
)
from compare.ingest.outlets import OutletRules, parse_outlet_rules

DATA = Path(__file__).parent.parent / "data" / "ingest"


def _rf(name: str) -> RuleFile:
    path = default_rules_dir() / f"{name}.yaml"
    return RuleFile(name=name, sources=(str(path),), data=yaml.safe_load(path.read_text("utf-8")), lines={})


@pytest.fixture(scope="module")
def rules() -> tuple[BoilerplateRules, OutletRules]:
    return parse_boilerplate_rules(_rf("boilerplate")), parse_outlet_rules(_rf("outlets"))


def src(text: str, path: str = "in/story.txt", **kw: object) -> SourceText:
    kw.setdefault("fmt", "txt")
    return SourceText(path=path, text=text, sha256="ab" * 32, **kw)  # type: ignore[arg-type]


def test_build_document_from_fresh_page(rules: tuple[BoilerplateRules, OutletRules]) -> None:
    text = (DATA / "wire_story.txt").read_text()
    doc = build_document(src(text), *rules)
    assert doc.id == ""
    assert doc.title == "Harbour authority approves night ferry to the islands"
    assert (doc.outlet, doc.outlet_role, doc.relays) == ("Harbour Gazette", "outlet", ("Reuters",))
    assert doc.language == "en" and doc.truncated is False
    assert doc.published is None and doc.published_evidence is None
    line = source_line(doc, text, doc.text.index("Island councillors"))
    assert text.splitlines()[line - 1].startswith("Island councillors")


def test_hints_win(rules: tuple[BoilerplateRules, OutletRules]) -> None:
    s = src("Ferry crews voted on Tuesday to accept a new pay offer, their union said.", fmt="jsonl", line=4,
            outlet_hint="Coast Radio", published_hint=dt.date(2019, 6, 4), title_hint="Crews accept offer")
    doc = build_document(s, *rules)
    assert (doc.outlet, doc.outlet_evidence.rule if doc.outlet_evidence else None) == ("Coast Radio", "jsonl")
    assert doc.published == dt.date(2019, 6, 4)
    assert doc.published_evidence is not None and doc.published_evidence.rule == "jsonl"
    assert doc.title == "Crews accept offer"
    assert source_line(doc, s.text, 5) == 4


def test_truncation() -> None:
    full = "The council met on Monday and agreed a new budget for the harbour.\n\n"
    assert is_truncated(full + "Councillors also said that the ferry timetable would be reviewed before the")
    assert not is_truncated(full + "Councillors said the timetable would be reviewed.")
    assert not is_truncated(full + "\u201cWe will review it,\u201d the mayor said of the plan for "
                                   "\u201cthe new timetable\u201d")
    assert not is_truncated("Harbour budget agreed")  # headline only
    assert not is_truncated(full + "1. Storm closes coastal road for two days in the north of the county")
    assert not is_truncated(full + "More to follow")


def test_language() -> None:
    assert detect_language("Президент заявил, что переговоры продолжатся в следующем месяце.") == "ru"
    assert detect_language("The minister said that talks would continue in the spring.") == "en"
    assert detect_language("Der Minister sagte, die Gespräche mit den Partnern würden nicht enden.") == "de"


def _doc(path: str, sha: str, line: int | None = None) -> Document:
    return Document(id="", path=path, sha256=sha, text="x", source_line=line)


def test_assign_ids_stable_and_unique() -> None:
    docs = [_doc("a/Putin & Trump Talk.txt", "1" * 64), _doc("b/putin-trump-talk.txt", "2" * 64),
            _doc("feed.jsonl", "3" * 64, 1), _doc("feed.jsonl", "4" * 64, 7), _doc("c/other.md", "5" * 64)]
    ids = [d.id for d in assign_ids(docs)]
    assert ids == ["putin-trump-talk-11111111", "putin-trump-talk-22222222", "feed-l1", "feed-l7", "other"]
    assert [d.id for d in assign_ids(list(reversed(docs)))] == list(reversed(ids))
    twins = assign_ids([_doc("x/a.txt", "9" * 64), _doc("y/a.txt", "9" * 64)])
    assert [d.id for d in twins] == ["a-99999999-1", "a-99999999-2"]


def test_seed_truncation_flags(rules: tuple[BoilerplateRules, OutletRules]) -> None:
    seeds = Path(__file__).parent.parent.parent / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        doc = build_document(src(path.read_text("utf-8", errors="replace"), path=str(path)), *rules)
        assert doc.truncated == path.name.startswith("pacificherald_2020-07-24"), path.name


def test_clean_offset_to_line_needs_no_source(rules: tuple[BoilerplateRules, OutletRules]) -> None:
    text = ("Home | Weather | Ferries | Contact\r\n\r\nSubscribe\r\nShare this article\r\n"
            "Island councillors\u00a0 agreed on Thursday to keep the night ferry running all winter.\r\n\r\n"
            "Tags: ferries, islands\r\n"
            "The harbour master said the crossing would run twice nightly from November until March.\r\n")
    doc = build_document(src(text.replace("\r\n", "\n")), *rules)
    assert doc.text.startswith("Island councillors agreed")
    lines = text.split("\r\n")
    for needle in ("councillors", "winter", "harbour master", "March."):
        line = clean_offset_to_line(doc, doc.text.index(needle))
        assert line is not None and needle in lines[line - 1]
    # every offset maps exactly as the source-based mapping does
    for off in range(len(doc.text)):
        assert clean_offset_to_line(doc, off) == source_line(doc, text.replace("\r\n", "\n"), off)
    record = build_document(src("Crews voted to accept the pay offer.", fmt="jsonl", line=7), *rules)
    assert clean_offset_to_line(record, 3) == 7
    page = build_document(src("Crews voted to accept the pay offer.", fmt="html"), *rules)
    assert clean_offset_to_line(page, 3) is None


STORY = ("Harbour ferry crews accepted a new pay offer on Tuesday, ending a strike that had lasted nine days "
         "and stranded island residents.\n\nThe union said the deal would be put to a vote next week.\n")


@pytest.mark.parametrize("text, kw, title", [
    # site name with a tagline, then a stamp, then the headline
    ("Harbour Gazette — news from the coast\n\n12.05.2031 10:20\n\nFerry strike ends after pay deal\n\n" + STORY
     + "\n© 2031 Harbour Gazette\n", {}, "Ferry strike ends after pay deal"),
    # an official site: the body's masthead and the release label are not the title
    ("Ministry of Transport of Calvaria\n\nPress release 88/2031\n12.5.2031\n\n"
     "Minister welcomes end of the ferry strike\n\n" + STORY, {}, "Minister welcomes end of the ferry strike"),
    # a cookie banner that cleaning missed is not a title either
    ("Cookies keep this site running. [Accept] [Decline]\n\nFerry strike ends after pay deal\n\n" + STORY, {},
     "Ferry strike ends after pay deal"),
    # the HTML title loses its site part
    (STORY, {"fmt": "html", "html_title": "Ferry strike ends after pay deal | Harbour Gazette",
             "site_name": "Harbour Gazette"}, "Ferry strike ends after pay deal"),
    (STORY, {"fmt": "html", "html_title": "Harbour Gazette - Ferry strike ends after pay deal",
             "site_name": "Harbour Gazette"}, "Ferry strike ends after pay deal"),
    # an HTML title that is only the site name gives way to the first headline line
    ("Ferry strike ends after pay deal\n\n" + STORY, {"fmt": "html", "html_title": "Harbour Gazette",
                                                      "site_name": "Harbour Gazette"},
     "Ferry strike ends after pay deal"),
    # a navigation trail is not a headline
    ("Home / Press service / News\n\nMinister welcomes end of the ferry strike\n\n" + STORY, {},
     "Minister welcomes end of the ferry strike"),
    ("News > Regions > Coast\nFerry strike ends after pay deal\n\n" + STORY, {}, "Ferry strike ends after pay deal"),
    # ... but a headline with a slash is a headline
    ("Norway / Iceland ferry strike ends\n\n" + STORY, {}, "Norway / Iceland ferry strike ends"),
    # no headline at all: no title rather than the site name
    ("Harbour Gazette — news from the coast\n\n" + STORY + "\n© 2031 Harbour Gazette\n", {}, None),
])
def test_title_is_the_headline_not_the_site(rules: tuple[BoilerplateRules, OutletRules], text: str,
                                           kw: dict[str, object], title: str | None) -> None:
    assert build_document(src(text, **kw), *rules).title == title


def test_a_section_label_that_the_menu_repeats_is_not_the_title() -> None:
    """A government page names its section above the headline ("Prime Minister's news" in
    Thai), the same label as an item of its menu: the headline is the title.  Our own text."""
    from compare.core.models import SourceText
    from compare.ingest.documents import pick_title

    raw = ("ทำเนียบรัฐบาล\nหน้าหลัก | ข่าวทำเนียบรัฐบาล | ข่าวนายกรัฐมนตรี | ติดต่อเรา\n\nข่าวนายกรัฐมนตรี\n\n"
           "นายกรัฐมนตรีหารือทวิภาคีกับนายกรัฐมนตรีกัมพูชา ณ ทำเนียบรัฐบาล\n\n"
           "วันที่ ๓ ธ.ค. ๖๙ เวลา ๑๐.๓๐ น. ที่ทำเนียบรัฐบาล นายกรัฐมนตรี สมชาย ใจดี ให้การต้อนรับนายกรัฐมนตรีกัมพูชา "
           "ทั้งสองฝ่ายหารือเรื่องการค้าชายแดนและการท่องเที่ยว และเห็นพ้องที่จะเปิดจุดผ่านแดนเพิ่มอีกสองแห่งในปีหน้า\n")
    src = SourceText(path="t.txt", text=raw, fmt="txt", sha256="")
    clean = raw.split("\n", 2)[2]
    assert pick_title(src, clean) == "นายกรัฐมนตรีหารือทวิภาคีกับนายกรัฐมนตรีกัมพูชา ณ ทำเนียบรัฐบาล"
    # without the menu the label is what the page gives first
    plain = SourceText(path="t.txt", text=clean, fmt="txt", sha256="")
    assert pick_title(plain, clean) != pick_title(src, clean)

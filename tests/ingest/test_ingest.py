"""Reading inputs: formats, charsets, skip reasons, manifests."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from compare.core.errors import InputError
from compare.ingest.read import decode, html_to_text, read_inputs, read_manifest, site_name

DATA = Path(__file__).parent.parent / "data" / "ingest"
MAX = 20 * 1024 * 1024
RU_EN = ("Министр иностранных дел заявил в среду, что переговоры о рыболовных квотах продолжатся "
         "в следующем месяце. The fisheries minister said talks would resume next month; "
         "он назвал встречу полезной и деловой.\n")


def _one(path: Path, **kw: object) -> tuple[list, list]:  # type: ignore[type-arg]
    return read_inputs([path], manifest=None, max_bytes=int(kw.get("max_bytes", MAX)))  # type: ignore[call-overload]


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("cp1251", b""), ("koi8-r", b""),
])
def test_charsets_decode_russian_and_english(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = RU_EN * 6
    f = tmp_path / "article.txt"
    f.write_bytes(prefix + text.encode(encoding))
    sources, skipped = _one(f)
    assert skipped == []
    assert sources[0].text == text
    assert sources[0].sha256 == hashlib.sha256(f.read_bytes()).hexdigest()


def test_skip_reasons_are_exact(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02abc")
    (tmp_path / "big.txt").write_bytes(b"word " * 100)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "latin.txt").write_bytes(b"\xff\xfe")  # UTF-16 BOM with nothing valid after it
    cases = {
        "missing.txt": "file or folder not found",
        "empty.txt": "empty file",
        "binary.txt": "binary file (contains NUL bytes)",
        "big.txt": "file too large (500 bytes; the limit is 100)",
        "notes.pdf": "unsupported file type '.pdf' (expected .txt, .md, .html, .htm or .jsonl)",
    }
    for name, reason in cases.items():
        sources, skipped = read_inputs([tmp_path / name], manifest=None, max_bytes=100)
        assert sources == []
        assert [(s.path, s.reason) for s in skipped] == [(str(tmp_path / name), reason)]


def test_utf16_bom_with_odd_bytes_is_undecodable(tmp_path: Path) -> None:
    f = tmp_path / "odd.txt"
    f.write_bytes(b"\xff\xfe" + "Hello".encode("utf-16-le") + b"\x00")
    _, skipped = _one(f)
    assert skipped[0].reason == "cannot decode text (invalid UTF-16-LE after the byte-order mark)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("A perfectly good article that nobody may read.")
    f.chmod(0)
    try:
        _, skipped = _one(f)
    finally:
        f.chmod(0o644)
    assert skipped[0].reason == "cannot read file: permission denied"


def test_jsonl_bad_line_is_skipped_and_others_load() -> None:
    sources, skipped = _one(DATA / "feed.jsonl")
    assert [(s.path, s.reason[:18]) for s in skipped] == [(str(DATA / "feed.jsonl"), "bad JSON on line 2")]
    assert skipped[0].reason.startswith("bad JSON on line 2: ")
    assert [s.line for s in sources] == [1, 3]
    first, second = sources
    assert first.outlet_hint == "Coast Radio" and first.url == "https://news.example/ferry-pay"
    assert first.published_hint == dt.date(2019, 6, 4) and first.title_hint == "Ferry crews accept pay offer"
    raw_line = (DATA / "feed.jsonl").read_bytes().split(b"\n")[0]
    assert first.sha256 == hashlib.sha256(raw_line).hexdigest()
    assert "lighthouse on the north cape" in second.text
    assert second.html_title == "Lighthouse reopens"


def test_jsonl_record_without_text(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text('{"url": "https://x.example/a"}\n[1, 2]\n')
    _, skipped = _one(f)
    assert [s.reason for s in skipped] == ["line 1: no 'text' or 'html' field",
                                           "bad JSON on line 2: expected an object"]


def test_html_keeps_title_and_drops_markup() -> None:
    sources, skipped = _one(DATA / "page.html")
    assert skipped == []
    src = sources[0]
    assert src.fmt == "html"
    assert src.html_title is not None and "Valley orchard harvest breaks record" in src.html_title
    assert "bumper crop" in src.text and "<p>" not in src.text


def test_html_fallback_strips_markup_when_extraction_finds_nothing() -> None:
    text, title, _ = html_to_text("<html><head><title>T</title><script>var x=1;</script></head>"
                                  "<body><div>Short &amp; plain.</div></body></html>")
    assert "Short & plain." in text and "var x" not in text
    assert title == "T"


def test_folder_is_recursive_sorted_and_ignores_non_articles(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "second.md").write_text("# Second\n\nBody of the second article.")
    (tmp_path / "a.txt").write_text("First article body.")
    (tmp_path / "README.md").write_text("# How this folder was scraped")
    (tmp_path / "index.csv").write_text("path\n")
    (tmp_path / ".hidden.txt").write_text("hidden")
    sources, skipped = _one(tmp_path)
    assert skipped == []
    assert [Path(s.path).name for s in sources] == ["a.txt", "second.md"]
    assert sources[1].html_title == "Second"


def test_manifest_matches_by_relative_path_and_name(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    art = tmp_path / "in" / "story.txt"
    art.write_text("A story about the ferry that is long enough to be an article.")
    other = tmp_path / "in" / "other.txt"
    other.write_text("Another story, matched by its file name only.")
    man = tmp_path / "manifest.csv"
    man.write_text("path,outlet,url,published,title\n"
                   "in/story.txt,Harbour Gazette,https://hg.example/1,2019-03-14,Ferry story\n"
                   "elsewhere/other.txt,Coast Radio,,2019-03-15,\n")
    sources, _ = read_inputs([tmp_path / "in"], manifest=man, max_bytes=MAX)
    hints = {Path(s.path).name: (s.outlet_hint, s.published_hint, s.title_hint) for s in sources}
    assert hints["story.txt"] == ("Harbour Gazette", dt.date(2019, 3, 14), "Ferry story")
    assert hints["other.txt"] == ("Coast Radio", dt.date(2019, 3, 15), None)


def test_bad_manifest_names_file_and_line(tmp_path: Path) -> None:
    man = tmp_path / "m.csv"
    man.write_text("path,published\na.txt,2019-03-14\nb.txt,14 March\n")
    with pytest.raises(InputError) as err:
        read_manifest(man)
    assert str(err.value) == f"{man}:3: published: not an ISO date: '14 March'"
    bad = tmp_path / "m2.csv"
    bad.write_text("file,outlet\na.txt,X\n")
    with pytest.raises(InputError, match=r"m2\.csv:1: the manifest needs a 'path' column"):
        read_manifest(bad)
    js = tmp_path / "m.jsonl"
    js.write_text('{"path": "a.txt"}\n{oops\n')
    with pytest.raises(InputError, match=r"m\.jsonl:2: bad JSON"):
        read_manifest(js)


def test_decode_rejects_control_garbage() -> None:
    with pytest.raises(Exception, match="binary file"):
        decode(bytes(range(1, 32)) * 50)


def test_seed_folder_reads_every_article_but_not_readme() -> None:
    seeds = Path(__file__).parent.parent.parent / "seeds"
    sources, skipped = read_inputs([seeds], manifest=None, max_bytes=MAX)
    assert skipped == []
    names = {Path(s.path).name for s in sources}
    assert "README.md" not in names and "000_cb8a50212d55363e.txt" in names
    cp1251 = next(s for s in sources if "delovoyvestnik" in s.path)
    assert "Путин" in cp1251.text
    bom = next(s for s in sources if "steppenews" in s.path)
    assert not bom.text.startswith("\ufeff")


def test_site_name_from_metadata(tmp_path: Path) -> None:
    assert site_name('<head><meta content="Harbour &amp; Bay Gazette" property="og:site_name"></head>') \
        == "Harbour & Bay Gazette"
    assert site_name("<meta name='application-name' content='Fjord Times'>") == "Fjord Times"
    # og:site_name wins; a bare host name is not a site's name
    both = '<meta name="application-name" content="FT App"><meta property="og:site_name" content="Fjord Times">'
    assert site_name(both) == "Fjord Times"
    assert site_name('<meta property="og:site_name" content="www.fjordtimes.example">') is None
    assert site_name("<p>no metadata</p>") is None
    page = tmp_path / "ferry.html"
    page.write_text('<html><head><meta property="og:site_name" content="Fjord Times"><title>Ferry</title></head>'
                    "<body><article><p>" + "The night ferry will run all winter, the harbour office said. " * 5
                    + "</p></article></body></html>", encoding="utf-8")
    (source,), _ = read_inputs([page], manifest=None, max_bytes=1 << 20)
    assert source.site_name == "Fjord Times"


def test_jsonl_lone_surrogate_escape_is_replaced(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Harbour news \\ud800 today: the ferry runs all winter."}\n', encoding="utf-8")
    (source,), skipped = read_inputs([feed], manifest=None, max_bytes=1 << 20)
    assert skipped == [] and source.text == "Harbour news \ufffd today: the ferry runs all winter."
    source.text.encode("utf-8")

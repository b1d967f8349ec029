"""From a read article (:class:`SourceText`) to a :class:`Document`.

:func:`build_document` is pure: it cleans the text (:mod:`compare.ingest.boilerplate`),
picks the title, guesses the language, identifies the outlet
(:mod:`compare.ingest.outlets`), applies manifest/JSONL hints and notices excerpts
that stop mid-sentence.  :func:`assign_ids` gives every document a readable,
stable, unique id; :func:`source_line` maps a cleaned-text offset back to a
line of the source text for report links.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import PurePath

import attrs

from compare.core.models import Document, Evidence, SourceText
from compare.core.textnorm import (
    ends_sentence,
    ends_sentence_strict,
    is_breadcrumb,
    is_list_item,
    is_spaceless_char,
    slug,
    squash,
    tokens,
    word_count,
)
from compare.ingest.boilerplate import BoilerplateRules, clean_text_lines, segment_index, source_offset
from compare.ingest.language import FUNCTION_WORDS, detect_language
from compare.ingest.outlets import OutletRules, identify_outlet, masthead_name

__all__ = ["assign_ids", "at_cap", "build_document", "detect_language", "is_truncated", "length_caps",
           "pick_title"]

TITLE_MAX_WORDS = 30
TITLE_SEARCH_LINES = 12
TITLE_BODY_CHARS = 3000
STEM_CHARS = 5
TITLE_MIN_SHARED = 2
TITLE_MIN_SHARE = 0.6
TITLE_MIN_WORDS = 4
TITLE_MIN_LETTER_WORDS = 3
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
# A last line of this many word units without an end is a cut sentence.  Sweep
# (benchmarks/truncation_agreement.py --sweep, agreement multiling / realdev):
# 4: 0.917/0.941, 6: 0.944/0.941, 8: 1.000/0.941, 10: 1.000/0.929, 12: 1.000/0.918.
TRUNCATION_MIN_WORDS = 8


def build_document(src: SourceText, boilerplate: BoilerplateRules, outlets: OutletRules) -> Document:
    """Clean ``src`` and fill everything ingest knows (id is left empty: see :func:`assign_ids`)."""
    text, segments, lines = clean_text_lines(src.text, boilerplate)
    # txt/md texts are the file line for line (ingest only turns CR LF into LF)
    segment_lines = lines if src.fmt in ("txt", "md") else ()
    match = identify_outlet(src.text, src.url, src.outlet_hint, src.title_hint or src.html_title, outlets,
                            src.site_name)
    site_names = tuple(n for n in (match.name, src.site_name) if n and n != "unknown")
    title = pick_title(src, text, boilerplate, outlets, site_names)
    evidence = match.evidence
    if evidence.rule == "hint":
        evidence = attrs.evolve(evidence, rule="jsonl" if src.fmt == "jsonl" else "manifest")
    published_evidence = None
    if src.published_hint is not None:
        rule = {"jsonl": "jsonl", "html": "html-meta"}.get(src.fmt, "manifest")
        published_evidence = Evidence(quote=src.published_hint.isoformat(), rule=rule)
    return Document(
        id="", path=src.path, sha256=src.sha256, text=text, segments=segments, segment_lines=segment_lines,
        source_line=src.line, url=src.url, title=title, language=detect_language(text),
        outlet=match.name, outlet_role=match.role, outlet_evidence=evidence, relays=match.relays,
        published=src.published_hint, published_evidence=published_evidence,
        truncated=is_truncated(text))


def pick_title(src: SourceText, clean: str, rules: BoilerplateRules | None = None,
               outlets: OutletRules | None = None, site_names: Sequence[str] = ()) -> str | None:
    """Manifest/JSONL title, else the HTML/Markdown title, else the first headline-like line.

    A title is never the site's name, its masthead with a tagline ("Name — news
    in English"), a government body's name (an official site's masthead) or a
    line of a boilerplate class.  The HTML title loses its " | Site" part.
    Among the first lines of the cleaned text, date stamps, bylines,
    pipe-separated labels and lines of fewer than four words are passed over;
    the first prose sentence ends the search.
    """
    if src.title_hint and src.title_hint.strip():
        return squash(src.title_hint)[:300]
    names = {squash(n).casefold() for n in site_names if n.strip()}
    if src.html_title and src.html_title.strip():
        title = _strip_site(squash(src.html_title), names, outlets)
        if title and not _is_site_line(title, names, outlets):
            return title[:300]
    lines = [x.strip().lstrip("#").strip() for x in clean.split("\n", 4 * TITLE_SEARCH_LINES)[:4 * TITLE_SEARCH_LINES]
             if x.strip()][:TITLE_SEARCH_LINES]
    # date stamps are kept by cleaning (lines of the drop classes are gone already)
    stamps = rules.protect.matching(lines) if rules is not None and rules.protect is not None else set()
    menu = _menu_items(src.text)
    candidates: list[str] = []
    body_line: str | None = None
    for k, s in enumerate(lines):
        n = word_count(s)
        if n > TITLE_MAX_WORDS or (ends_sentence_strict(s) and n >= 8):
            body_line = s
            break
        if (n < TITLE_MIN_WORDS or s.endswith(":") or is_list_item(s) or "|" in s or is_breadcrumb(s)
                or s.lower().startswith("by ")
                or sum(1 for w in tokens(s) if not w.isdigit()) < TITLE_MIN_LETTER_WORDS
                or k in stamps or _is_site_line(s, names, outlets) or squash(s).casefold() in menu):
            continue
        candidates.append(s)
    if not candidates:
        return None
    if len(candidates) == 1 or body_line is None:
        return candidates[0][:300]
    # several headline-like lines before the body (a menu, a tagline, a skip link, the
    # headline, a standfirst): the headline is the first line most of whose words the
    # body repeats (a menu's or a tagline's it does not), else the one it repeats most
    at = clean.find(body_line)
    body = _stems(clean[at:at + TITLE_BODY_CHARS])
    stems = [_stems(c) for c in candidates]
    shared = [len(x & body) for x in stems]
    for c, x, n in zip(candidates, stems, shared, strict=True):
        if n >= TITLE_MIN_SHARED and n >= TITLE_MIN_SHARE * len(x):
            return c[:300]
    best = max(range(len(candidates)), key=lambda i: (shared[i], -i))
    return candidates[best if shared[best] >= TITLE_MIN_SHARED else 0][:300]


# Menu lines: items split by " | " in the head of the page as read.
MENU_LINES = 4 * TITLE_SEARCH_LINES
_MENU_SPLIT = re.compile(r"\s+\|\s+")


def _menu_items(raw: str) -> set[str]:
    """The items of the page's menu and breadcrumb lines ("Home | News | Prime Minister's
    news"): a line that repeats one is the section's label above the headline, not the title."""
    items: set[str] = set()
    for line in raw.split("\n", MENU_LINES)[:MENU_LINES]:
        parts = _MENU_SPLIT.split(line.strip())
        if len(parts) >= 3:
            items.update(squash(p).casefold() for p in parts if p.strip())
    return items


def _stems(text: str) -> set[str]:
    """Content-word stems of ``text`` for overlap: casefolded tokens split at hyphens, function
    words and numbers out, cut to STEM_CHARS (endings differ between headline and body)."""
    out: set[str] = set()
    for tok in tokens(text.casefold()):
        for part in tok.split("-"):
            if part.isdigit() or part in FUNCTION_WORDS or (len(part) < 3 and not is_spaceless_char(part[:1])):
                continue
            out.add(part[:STEM_CHARS])
    return out


def _is_site_line(line: str, names: set[str], outlets: OutletRules | None) -> bool:
    """The site's own name, alone or with a tagline, or a government body's name (a masthead)."""
    head = masthead_name(line).casefold()
    if line.casefold() in names or head in names or any(n.startswith(head + " ") for n in names):
        return True
    if outlets is None:
        return False
    if outlets.header_outlets(squash(line)):  # a listed outlet's masthead ("headers" in outlets.yaml)
        return True
    return any(outlets.by_name(x) is not None or outlets.role_of_name(x) == "primary" for x in (line, head))


def _strip_site(title: str, names: set[str], outlets: OutletRules | None) -> str:
    """An HTML title without its site part ("Headline | Site", "Site - Headline")."""
    parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    kept = [p for p in parts if not _is_site_line(p, names, outlets)]
    if len(kept) == len(parts) and " | " in title:  # an unnamed " | Section | Site" tail
        kept = [max(parts, key=word_count)]
    return " - ".join(kept) if len(kept) != len(parts) or " | " in title else title


# A batch's length limit: a byte length at least CAP_MIN_DOCS of its texts (and
# CAP_MIN_SHARE of them) end at, give or take CAP_SLACK bytes (a limit that falls inside
# a character of several bytes, or trailing space stripped).  A scraper that keeps the
# first 2,000 bytes of each page leaves many texts at 1,998-2,001 bytes: such a text is
# an excerpt even when its limit happens to fall after a full stop.  Sweep
# (benchmarks/truncation_agreement.py --sweep, agreement with realdev's "excerpt at the
# cap" and multiling's gold): no limit 0.941 / 1.000; every CAP_MIN_DOCS 3-12 with
# CAP_MIN_SHARE 0.05-0.2 gives 0.988 / 1.000 at CAP_SLACK 3-6, 0.976 at slack 0.
CAP_MIN_DOCS = 5
CAP_MIN_SHARE = 0.1
CAP_SLACK = 3
# No shorter length is a limit: short texts of one length (one-line notices, a feed's
# teasers) are whole.
CAP_MIN_BYTES = 300


def length_caps(lengths: Sequence[int]) -> list[int]:
    """The byte lengths that are a batch's length limits (see :data:`CAP_MIN_DOCS`),
    largest first."""
    counts = Counter(lengths)
    need = max(CAP_MIN_DOCS, CAP_MIN_SHARE * len(lengths))
    return sorted((n for n, k in counts.items() if n >= CAP_MIN_BYTES and k >= need), reverse=True)


def at_cap(length: int, caps: Sequence[int]) -> bool:
    """Whether a text of ``length`` bytes ends at one of ``caps`` (within CAP_SLACK)."""
    return any(cap - CAP_SLACK <= length <= cap for cap in caps)


def is_truncated(text: str) -> bool:
    """True when the body stops mid-sentence (or mid-word): the text is cut.

    The last line must be unfinished: no sentence-final punctuation of any script
    (. ! ? … 。 ！ ？ ؟ । ...), closing quote or bracket, colon or semicolon at its end.
    The rest of the text must be prose (an earlier line of prose length ends a
    sentence).  Then a last line of prose length is a cut sentence; a short last
    line only when something shows it is one: an opening quote or bracket left
    open, a comma inside, a last word that cannot end a sentence (a function word
    such as "the", "de", "und") or a lone letter ("... agreed t").  A headline-only
    text, a list item or a short label ("More to follow") at the end is not a cut.
    """
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if not paragraphs:
        return False
    last = paragraphs[-1]
    if is_list_item(last) or _finished(last):
        return False
    n = word_count(last)
    prose = any(ends_sentence_strict(p) and word_count(p) >= TRUNCATION_MIN_WORDS for p in paragraphs[:-1])
    if not prose:  # one long paragraph of several sentences (a headline has no inner sentence end)
        return n >= SINGLE_PARAGRAPH_MIN_WORDS and _INNER_END.search(last) is not None
    return n >= TRUNCATION_MIN_WORDS or _looks_cut(last)


# A text of one paragraph is prose (and can be cut) from this length on, when it has an
# inner sentence end.  The same sweep is flat from 12 to 48 on both sets; 24 keeps a long
# headline alone on a page (rarely over 20 words) from counting as a cut text.
SINGLE_PARAGRAPH_MIN_WORDS = 24
_INNER_END = re.compile(r"[.!?…。！？؟।]['\"”’»)）」』]*(?:\s+|(?=[^\W\d_]))\S")
# (opening, closing) pairs; "“" closes after a German „ and opens otherwise
_PAIRS = (("«", "»"), ("‹", "›"), ("(", ")"), ("（", "）"), ("[", "]"), ("「", "」"), ("『", "』"),
          ("《", "》"), ("〈", "〉"), ("【", "】"))
_MID_PUNCT = ",，、"
# one-letter words of the supported languages (a lone other letter at the end is a cut word)
_ONE_LETTER_WORDS = frozenset("aioyeuàèéòóùzwиявкуосаı")


def _finished(line: str) -> bool:
    s = line.rstrip()
    return ends_sentence(s) or s.endswith((":", "：", "»", "”", "」", "』"))


def _looks_cut(line: str) -> bool:
    """A short unfinished last line that is a sentence cut short, not a label."""
    pairs = (*_PAIRS, ("„", "“") if "„" in line else ("“", "”"))
    opened = any(line.count(a) > line.count(b) for a, b in pairs)
    if opened or line.count('"') % 2 == 1 or any(c in line for c in _MID_PUNCT):
        return True
    toks = tokens(line)
    if len(toks) < 2:
        return False
    tail = toks[-1]
    if tail.islower() and tail in FUNCTION_WORDS:
        return True
    return len(tail) == 1 and tail.isalpha() and not tail.isdigit() and tail.lower() not in _ONE_LETTER_WORDS \
        and not is_spaceless_char(tail)


def _base_id(doc: Document) -> str:
    stem = PurePath(doc.path).stem
    base = slug(stem)
    return f"{base}-l{doc.source_line}" if doc.source_line is not None else base


def assign_ids(docs: Sequence[Document]) -> list[Document]:
    """Readable ids from file stems (``<stem>-l<line>`` for JSONL records).

    Collisions (same stem in two folders) get a short sha256 prefix, then a
    counter in path order, so ids do not depend on the input order.
    """
    bases = [_base_id(d) for d in docs]
    count = Counter(bases)
    ids = [b if count[b] == 1 else f"{b}-{d.sha256[:8]}" for b, d in zip(bases, docs, strict=True)]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, x in enumerate(ids):
        groups[x].append(i)
    for x, idx in groups.items():
        if len(idx) > 1:
            for k, i in enumerate(sorted(idx, key=lambda i: (docs[i].path, docs[i].source_line or 0, i)), 1):
                ids[i] = f"{x}-{k}"
    return [attrs.evolve(d, id=i) for d, i in zip(docs, ids, strict=True)]


def source_line(doc: Document, source_text: str, offset: int) -> int | None:
    """The 1-based line of ``source_text`` (the SourceText's text) holding cleaned offset ``offset``.

    For a JSONL record the line is that of the record in its file.
    """
    if doc.source_line is not None:
        return doc.source_line
    src = source_offset(doc.segments, offset)
    if src is None:
        return None
    return source_text.count("\n", 0, src) + 1


def clean_offset_to_line(doc: Document, offset: int) -> int | None:
    """The 1-based line of the ORIGINAL input file holding cleaned-text ``offset``, without the file.

    A JSONL record gives its record's line; a .txt/.md document the line its
    segment was copied from (the nearest mapped character at or before
    ``offset``); None for HTML (the text is extracted, not the file's lines) or
    when the document carries no map.
    """
    if doc.source_line is not None:
        return doc.source_line
    if not doc.segment_lines or len(doc.segment_lines) != len(doc.segments):
        return None
    k = segment_index(doc.segments, max(0, offset))
    return doc.segment_lines[k] if k is not None else None

"""Lines, sentences and trimming for claim extraction (:mod:`compare.claims.extract`).

Which lines of a cleaned text state something (a title, the body) and which are site
furniture (stamps, bylines, captions, breadcrumbs); a line's sentences (sentencex with
its quirks repaired); and the trimming of a claim span past edge punctuation, unmatched
quotation marks and a leading connector.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sentencex import segment

from compare.claims.quotes import QUOTE_CHARS, STRIP_EDGE
from compare.core.textnorm import ends_sentence, is_breadcrumb, is_spaceless_char, word_count

MIN_CLAIM_WORDS = 3
MAX_STAMP_WORDS = 40

DATELINE = re.compile(
    r"^(?:[A-ZА-Я][A-ZА-Я.'’ -]{1,40}?(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?(?:\s*\([^()\n]{1,40}\))?"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s*\([^()\n]{1,40}\))\s*[-–—]{1,2}\s+")
_SKIP_LINE = re.compile(
    r"^\W*(?:by\s+[A-Z]|photo\b|фото\b|image\b|picture\b|file\s+photo\b|caption\b|\(?(?:reporting|editing|writing|"
    r"additional\s+reporting)\s+by\b|\(?c\)\s*\d{4}|©|copyright\b|read\s+(?:also|more)\b|see\s+also\b|"
    r"tags?:|теги:|читайте\s+также|related\b|share\b|advertisement\b)", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:am|pm|a\.m\.|p\.m\.|gmt|utc|msk|updated|published|ago|year|years|month|months|day|days|hours?|minutes?"
    r"|views?|comments?|года?|г\.)\b|\d+", re.I)
_TERMINAL = re.compile(r"[.!?…][\"”’»)]*\s*$")
_BULLET = re.compile(r"^\s*[*•·▪►–-]\s")


# --------------------------------------------------------------------------- lines


# Thai and Lao end a statement with a space or a line break, not a full stop: there a
# paragraph of at least this many words (about one per four letters, textnorm.word_count)
# is a sentence.  The boilerplate's prose_min_words (rules/boilerplate.yaml) for the same
# reason: shorter lines are labels, bylines and date lines ("วันพฤหัสบดีที่ 5 ...", 9).
UNPUNCTUATED_MIN_WORDS = 12
_UNPUNCTUATED = re.compile(r"[\u0e00-\u0eff]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def _unpunctuated(line: str) -> bool:
    """True when most letters of ``line`` are of a script without sentence punctuation."""
    return len(_UNPUNCTUATED.findall(line)) * 2 > len(_ANY_LETTER.findall(line))


_NON_WORD = re.compile(r"\W+")
_DIGIT = re.compile(r"\d")
_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")
# Letters of spaceless scripts a stamp may hold besides dates (a source: "来源：新华网").
MAX_STAMP_SPACELESS = 8
_WORD = re.compile(r"\w+")
_CONNECTOR = re.compile(r"(?:and|but|also|then|so)\s+", re.I)
# A list item's number or letter before its text: "(2) ", "2) ", "（2）", "②", "一、", and a
# bare "1 " only before a letter of a spaceless script (in English "2 leaders" is the claim's).
_ENUMERATOR = re.compile(r"(?:\(\d{1,2}\)|\d{1,2}\)|（\d{1,2}）|[\u2460-\u2473]|[一二三四五六七八九十]{1,3}、"
                         r"|\d{1,2}[ \t\u3000]+(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]))[ \t\u3000]*")


def norm_line(s: str) -> str:
    return _NON_WORD.sub(" ", s).strip().lower()


def _is_stamp(line: str) -> bool:
    """Date/time stamps, view counters and the like: hardly any words besides dates and numbers
    (a line of more than MAX_STAMP_WORDS words is a paragraph, not a stamp)."""
    if not _DIGIT.search(line) or line.count(" ") >= MAX_STAMP_WORDS:
        return False
    runs = _LETTER_RUN.findall(_DATE_WORDS.sub(" ", line))
    # A run of Han, kana or Thai letters is many words ("来源：新华网" is a stamp's
    # source, "両首脳は…一致しました" a numbered paragraph).
    return len(runs) <= 2 and sum(len(r) for r in runs if is_spaceless_char(r[0])) <= MAX_STAMP_SPACELESS


@lru_cache(maxsize=256)
def _title_norm(title: str) -> str:
    return norm_line(title)


def is_title(line: str, title: str | None) -> bool:
    t = _title_norm(title or "")
    if not t:
        return False
    n = norm_line(line)
    if n == t:
        return True
    at = n.find(t)
    if at < 0 or len(line) >= 2 * len(title or "") + 40:
        return False
    # A sentence that says more than the title around it is the lede ("Vladimir
    # Putin had a telephone conversation with <the title's words>."), not the
    # title with a site stamp.
    return not (len(n[:at].split()) >= 2 and line.rstrip().rstrip("\"”’»)").endswith("."))


_FUNCTION_WORD_LIST = ("a an the and or of in on at to for with by as after over amid about from into is are was were"
                       " be has have had will would says said say not no new")
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())


def _looks_like_headline(line: str) -> bool:
    """A title or deck rather than site furniture: several words, not a short all-caps site
    name, and sentence-like (a lower-case word, a function word or punctuation), which a
    row of section names ("Home Europe Politics Economy") is not."""
    words = re.findall(r"[^\W\d_][\w’'.-]*", line)
    if len(words) < 4:
        return False
    if not any(ch.islower() for ch in line) and len(words) < 8:
        return False
    return (any(w[:1].islower() for w in words) or any(w.lower() in _FUNCTION_WORDS for w in words)
            or bool(re.search(r"[,:;?!\"“”«»]", line)))


def line_kind(line: str, title: str | None, seen_title: bool, seen_body: bool,
               title_line: bool | None = None) -> str:
    """``skip``, ``headline`` or ``body``.

    Lines without a sentence end before the body are the title and its deck
    (when the title is known, such lines before it are site furniture); after
    the body starts, short ones are furniture and long ones truncated paragraphs.
    """
    words = word_count(line)
    if words < MIN_CLAIM_WORDS or _SKIP_LINE.match(line) or _is_stamp(line):
        return "skip"
    if is_title(line, title) if title_line is None else title_line:
        return "headline"
    terminal = bool(_TERMINAL.search(line)) or ends_sentence(line)
    if not terminal and (line.count("|") >= 1 or _BULLET.match(line) or is_breadcrumb(line)):
        return "skip"
    if not terminal and _unpunctuated(line):
        return "body" if words >= UNPUNCTUATED_MIN_WORDS else "skip"
    if not terminal:
        if words > 40:
            return "body"
        if not seen_body:
            return "headline" if (seen_title or not title) and _looks_like_headline(line) else "skip"
        return "body" if words >= 8 else "skip"
    return "body"


# --------------------------------------------------------------------------- sentences


def _caseless_initial_end(piece: str) -> bool:
    """A piece that ends in a lone letter of a script without case and a dot
    ("12 ม." of "12 ม.ค. 70", a Thai month abbreviation): an abbreviation,
    the sentence goes on (scripts with case keep the capital-letter rule)."""
    if len(piece) < 2 or piece[-1] != "." or (len(piece) > 2 and piece[-3].isalpha()):
        return False
    ch = piece[-2]
    return ch.isalpha() and not ch.isupper() and not ch.islower()


def sentence_spans(line: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans of one line, with sentencex quirks repaired."""
    try:
        parts = list(segment(language or "en", line))
    except Exception:  # an unsupported language code: fall back to English rules
        parts = list(segment("en", line))
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        if not part:
            continue
        at = line.find(part, pos)
        if at < 0:
            continue
        spans.append((at, at + len(part)))
        pos = at + len(part)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        piece = line[a:b].strip()
        if merged and (not piece.strip(QUOTE_CHARS + " .,;:!?)-–—")
                       or _caseless_initial_end(line[merged[-1][0]:merged[-1][1]].rstrip())
                       or piece[:1].islower() or re.match(r"^[,;:)\]]", piece)
                       or (re.search(r"[A-Z]\.$", line[merged[-1][0]:merged[-1][1]].rstrip())
                       and re.match(r"[A-Z]\.", piece))
                       or (re.search(r"\b(?:[a-z]\.){2,}\s*$", line[merged[-1][0]:merged[-1][1]])
                       and len(piece.split()) <= 3)):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [(a, b) for a, b in merged if line[a:b].strip()]


# --------------------------------------------------------------------------- trimming


def trim_span(text: str, a: int, b: int, *, connectors: bool = True) -> tuple[int, int]:
    """Shrink ``[a, b)`` past spaces, edge punctuation, unmatched quote marks and a leading "and"."""
    for _ in range(6):
        a0, b0 = a, b
        while a < b and text[a] in STRIP_EDGE:
            a += 1
        while b > a and text[b - 1] in STRIP_EDGE:
            b -= 1
        en = _ENUMERATOR.match(text, a, b)
        if en and en.end() < b:
            a = en.end()  # "(2) They discussed", "一、双方同意", "1 冒頭、": the list's number is no claim's
        if connectors:
            m = _CONNECTOR.match(text, a, b)
            if m and len(text[m.end():b].split()) >= MIN_CLAIM_WORDS:
                a = m.end()
        seg = text[a:b]
        if seg[:1] in QUOTE_CHARS and seg[-1:] in QUOTE_CHARS and len(seg) > 2 and not any(
                c in QUOTE_CHARS for c in seg[1:-1] if c not in "’'"):
            a, b = a + 1, b - 1
        seg = text[a:b]
        straight = seg.count('"')
        opens = sum(seg.count(c) for c in "“«„")
        closes = sum(seg.count(c) for c in "”»")
        if (seg[:1] in "“«„" and opens > closes) or (seg[:1] == '"' and straight % 2):
            a += 1
        elif (seg[-1:] in "”»" and closes > opens) or (seg[-1:] == '"' and straight % 2):
            b -= 1
        elif seg[:2] == "‘‘" and seg.count("’’") < seg.count("‘‘"):
            a += 2
        elif seg[-2:] == "’’" and seg.count("‘‘") < seg.count("’’"):
            b -= 2
        if (a, b) == (a0, b0):
            break
    return a, b


def count_words(s: str) -> int:
    """Words of ``s`` in any script (a run of Han or kana counts by characters)."""
    return word_count(s)

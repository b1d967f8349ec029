"""Small text helpers shared by the ingest modules: whitespace, lines, words.

Everything here is pure and works on ``str``.  The whitespace normaliser keeps a
map from the normalised text back to the source offsets (:class:`Segment`), so a
report can link a claim to a line of the original file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from compare.models import Segment

# Characters that are spaces in disguise: no-break, thin, figure, ideographic...
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
# Characters removed outright: zero-width spaces and joiners, soft hyphen, BOM.
INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
_SPACE_TABLE = {ord(c): " " for c in ODD_SPACES}
_WORD = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)
SENTENCE_END = ".!?…;\"'”»’)]*"
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


_SPACE_RUN = re.compile("[ " + ODD_SPACES + INVISIBLE + "]+")
_NEEDS_WORK = re.compile("[" + ODD_SPACES + INVISIBLE + "]|  |^ | $")


def normalise_line(line: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Normalise the spaces of one line.

    Odd spaces become a plain space, invisible characters go, runs of spaces
    collapse to one and the line is stripped.  Returns the new line and its
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
                first_space = next((k for k in range(prev_start, prev_end) if line[k] not in INVISIBLE), None)
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
            first_space = next((k for k in range(prev_start, prev_end) if line[k] not in INVISIBLE), None)
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


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def ends_sentence(line: str) -> bool:
    """True when the line ends like a finished sentence (or a closing quote/bracket)."""
    s = line.rstrip()
    return bool(s) and s[-1] in SENTENCE_END


def ends_sentence_strict(line: str) -> bool:
    """True when the line ends with sentence punctuation, possibly inside closing quotes."""
    s = line.rstrip().rstrip("\"'”’»)]*")
    return bool(s) and s[-1] in ".!?…;"


def is_list_item(line: str) -> bool:
    s = line.lstrip()
    if not s:
        return False
    if s[0] in BULLETS and (len(s) == 1 or s[1] == " "):
        return True
    return bool(_NUMBERED.match(s))


def strip_bullet(line: str) -> str:
    s = line.strip()
    if s and s[0] in BULLETS and (len(s) == 1 or s[1] == " "):
        return s[1:].strip()
    m = _NUMBERED.match(s)
    return s[m.end():].strip() if m else s


def script_share(text: str, sample: int = 20000) -> dict[str, float]:
    """Share of letters per script ('latin', 'cyrillic', 'other') in the first ``sample`` chars."""
    counts = {"latin": 0, "cyrillic": 0, "other": 0}
    for ch in text[:sample]:
        if not ch.isalpha():
            continue
        if "\u0400" <= ch <= "\u04ff":
            counts["cyrillic"] += 1
        elif ch < "\u0250":
            counts["latin"] += 1
        else:
            name = unicodedata.name(ch, "")
            counts["latin" if name.startswith("LATIN") else "other"] += 1
    total = sum(counts.values()) or 1
    return {k: v / total for k, v in counts.items()}


def slug(text: str, max_len: int = 60) -> str:
    """A lowercase ASCII-ish slug (letters, digits, dashes) for ids."""
    s = unicodedata.normalize("NFKD", text.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^\w]+", "-", s, flags=re.UNICODE).replace("_", "-")
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s[:max_len].strip("-") or "doc"


__all__ = [
    "BULLETS", "Segment", "ends_sentence", "is_list_item", "iter_lines", "normalise_line",
    "script_share", "slug", "squash", "strip_bullet", "word_count", "words",
]

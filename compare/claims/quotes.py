"""Quotations: where a line's quotations are, and which part of a sentence is quoted.

``quote_regions(line)`` finds the top-level quotations of a line (straight quotes,
“ ” « » „ “, ‘ ’ and doubled ‘‘ ’’ pairs); ``quoted_frame`` recognises a sentence
that is a quotation plus at most an attribution frame (``"The talks were good," the
Kremlin said``) and returns the quoted parts and the frame; ``split_quote_sentences``
cuts a quotation that the sentence splitter kept whole; ``has_quote`` tells whether
text holds a quote mark.  It also owns the quote-mark and edge-punctuation character
sets that :mod:`compare.claims.extract` trims claims with.
"""

from __future__ import annotations

import re

from compare.claims.attribution import Frame, quote_frame

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’"}
QUOTE_CHARS = "\"“”„«»‘’"
_QUOTE_MARK = re.compile("[\"“”„«»‘’]")
# Spaces and punctuation stripped from the edges of a quotation or a claim.
STRIP_EDGE = " \t,;:-–—.!?#*"
_QUOTE_IN = re.compile(r"[\"“”«»„]|‘‘|’’")


def quote_regions(line: str) -> list[tuple[int, int]]:
    """Top-level quotations of a line as (open, close) indexes of the quote marks.

    Handles straight quotes, “ ” « » „ “, ‘ ’ (apostrophes inside words are not
    quotes) and doubled ‘‘ ’’ pairs.  Unclosed quotations run to the end of the line.
    """
    regions: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    n = len(line)
    skip_to = 0
    for qm in _QUOTE_MARK.finditer(line):  # only quote marks change the state: jump between them
        i = qm.start()
        if i < skip_to:  # the second mark of a doubled ‘‘ or ’’
            continue
        ch = line[i]
        width = 2 if ch in "‘’" and line[i:i + 2] in ("‘‘", "’’") else 1
        token = line[i:i + width]
        prev = line[i - 1] if i else " "
        nxt = line[i + width] if i + width < n else " "
        closer = stack[-1][1] if stack else None
        if closer is not None and (token == closer or (width == 1 and ch == closer)) and not (
                ch == "’" and width == 1 and nxt.isalpha() and prev.isalpha()):
            start, _ = stack.pop()
            if not stack:
                regions.append((start, i + width - 1))
        elif ch == '"':
            if closer == '"':
                pass  # handled above
            elif prev.isspace() or prev in "([{—–-:" or i == 0 or not nxt.isspace():
                stack.append((i, '"'))
        elif token == "‘‘":
            stack.append((i, "’’"))
        elif ch in _OPEN_CLOSE and not (ch == "‘" and prev.isalpha()):
            stack.append((i, _OPEN_CLOSE[ch]))
        skip_to = i + width
    if stack:
        regions.append((stack[0][0], n - 1))
    return regions


def split_quote_sentences(line: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentence boundaries inside a quotation that sentencex kept as one sentence."""
    out, start = [], a
    for m in re.finditer(r"[.!?…](?=\s+[\"“«‘]?[A-ZА-Я])", line[a:b]):
        cut = a + m.end()
        if re.search(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|U\.S|U\.K|No|Gen|Sen)\.$", line[start:cut]):
            continue
        out.append((start, cut))
        start = cut
    out.append((start, b))
    return [(x, y) for x, y in out if line[x:y].strip(STRIP_EDGE + QUOTE_CHARS)]


def quoted_frame(line: str, a: int, b: int,
                 regions: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], Frame | None]:
    """If the sentence ``line[a:b]`` is a quotation plus (at most) a frame, the quoted
    parts and the frame; else ``([], None)``."""
    inside = [(max(a, qa + 1), min(b, qb)) for qa, qb in regions if qa < b and qb >= a]
    inside = [(x, y) for x, y in inside if line[x:y].strip(STRIP_EDGE + QUOTE_CHARS)]
    if not inside:
        return [], None
    outside_parts, pos = [], a
    for qa, qb in regions:
        if qb < a or qa >= b:
            continue
        outside_parts.append(line[pos:max(pos, qa)])
        pos = max(pos, qb + 1)
    outside_parts.append(line[pos:b])
    outside = " ".join(p.strip() for p in outside_parts if p.strip())
    frame = quote_frame(outside)
    if frame is None:
        return [], None
    return inside, frame


def has_quote(s: str) -> bool:
    """Whether ``s`` holds a quote mark (single ‘ and ’ do not count: they are mostly apostrophes)."""
    return bool(_QUOTE_IN.search(s))

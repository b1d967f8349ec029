"""Candidate pieces of a long claim for the graph alignment (pure).

A reporter often packs several facts into one sentence with no conjunction
and verb the clause splitter (:mod:`compare.claims.clauses`) can cut at: "the
ministers met in Bergen on Friday, their first meeting since the spring
summit", "agreed the quota talks had dragged on, saying both fleets need
certainty before the season".  The claim
stays one claim; :func:`clause_pieces` only proposes the stretches between
its commas, dashes, semicolons, colons and coordinating conjunctions (the
per-language table of :mod:`compare.claims.clauses`) as extra readings.  The
alignment (:func:`compare.align.alignment._groups`) lets a piece join a
group only where the evidence says so: it must be a clearly better partner
of the group's claims than the whole claim is (``alignment.split_margin``),
so a claim joins a second group only when one of its parts says what that
group says.  No phrase is named here: the cut points are punctuation and
the conjunction table.
"""

from __future__ import annotations

import re

from compare.claims.clauses import CONJUNCTION_ALT

# A cut: punctuation inside a sentence (Latin and CJK), a dash between spaces,
# or a coordinating conjunction between spaces (with the comma before it).
# A sentence end inside a claim (a quotation of two sentences the sentence
# splitter kept together): after a word of two letters or more ("U.S." does
# not cut), before a letter or an opening quote.
_CUT = re.compile(rf"(?<=\w\w[.!?])[\"'”’»]?\s+(?=[\"'“‘«„]?[^\W\d_])"
                  rf"|\s*[,;:]\s+|\s+[-–—]+\s+|\s*[，；：。]\s*|[,;]?\s+(?:{CONJUNCTION_ALT})\s+", re.I)
_WORD = re.compile(r"\w+")
_EDGE = " \t\"'“”‘’«»„()[].,;:!?-–—"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _size(text: str) -> int:
    """Words of ``text``; a run of CJK characters counts one word per two characters."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // 2


def clause_pieces(text: str, min_words: int, max_pieces: int = 6) -> list[str]:
    """The stretches of ``text`` between its cut points, each of at least
    ``min_words`` words (a shorter stretch is read on into the next one, the
    last into the one before), or ``[]`` when fewer than two such stretches
    remain or more than ``max_pieces`` (a list, not clauses).  Edge quotes and
    punctuation are stripped; the conjunction at a cut is dropped."""
    if min_words <= 0:
        return []
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _CUT.finditer(text):
        if m.start() > pos:
            bounds.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    merged: list[tuple[int, int]] = []
    start: int | None = None
    for a, b in bounds:
        start = a if start is None else start
        if _size(text[start:b]) >= min_words:
            merged.append((start, b))
            start = None
    if start is not None and merged:  # a short last stretch belongs to the one before
        merged[-1] = (merged[-1][0], bounds[-1][1])
    pieces = [text[a:b].strip(_EDGE) for a, b in merged]
    pieces = [p for p in pieces if _size(p) >= min_words]
    if len(pieces) < 2 or len(pieces) > max_pieces:
        return []
    return pieces

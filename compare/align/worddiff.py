"""Word-level display diff between a reference claim and a document's claim."""

from __future__ import annotations

import difflib
import re

from compare.core.models import DiffOp

_WORD = re.compile(r"\S+")
MAX_DIFF_WORDS = 400


def word_diff(reference: str, other: str) -> tuple[DiffOp, ...]:
    """``equal`` / ``delete`` (only in the reference) / ``insert`` runs of words,
    compared case-insensitively on whitespace-separated words."""
    a = _WORD.findall(reference)[:MAX_DIFF_WORDS]
    b = _WORD.findall(other)[:MAX_DIFF_WORDS]
    key_a = [w.lower().strip(".,;:!?\"'«»()") for w in a]
    key_b = [w.lower().strip(".,;:!?\"'«»()") for w in b]
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(DiffOp("equal", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(DiffOp("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(DiffOp("insert", " ".join(b[j1:j2])))
    return tuple(ops)

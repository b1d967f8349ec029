"""Hand-made Reports over tests/data/eval_tiny for the evaluation tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compare.core.models import Alignment, Claim, Document, Event, Flag, Report

TINY = Path(__file__).parent / "data" / "eval_tiny"
GOLD = TINY / "gold.yaml"
FILES = {
    "ref": "ministry_2024-01-10_call.txt",
    "wire": "quayside_2024-01-10_call.txt",
    "dup": "harbourdigest_2024-01-11_call.txt",
    "other": "quayside_2024-01-12_port-visit.txt",
}
D = dt.date


def text(key: str) -> str:
    # Cleaned text as the tool would produce it: NBSP -> space.
    return (TINY / "docs" / FILES[key]).read_text(encoding="utf-8").replace("\u00a0", " ")


def doc(key: str, **kw: object) -> Document:
    defaults: dict[str, object] = {
        "published": {"ref": D(2024, 1, 10), "wire": D(2024, 1, 10), "dup": D(2024, 1, 11),
                      "other": D(2024, 1, 12)}[key],
        "event_date": D(2024, 1, 12) if key == "other" else D(2024, 1, 10),
        "event_id": "e-visit" if key == "other" else "e-call",
        "duplicate_of": "wire" if key == "dup" else None,
    }
    defaults.update(kw)
    return Document(id=key, path=str(TINY / "docs" / FILES[key]), sha256="", text=text(key),
                    **defaults)  # type: ignore[arg-type]


def claim(key: str, n: int, sentence: str) -> Claim:
    body = text(key)
    start = body.index(sentence)
    return Claim(id=f"{key}:c{n}", document=key, event="e-call", text=sentence,
                 span=(start, start + len(sentence)))


SENTENCES = {
    "ref": ["The ministers spoke by telephone on 10 January 2024.", "They agreed to expand grain trade.",
            "They discussed river security.", "The talks were friendly."],
    "wire": ["The ministers spoke on Wednesday.", "They agreed to double grain trade.",
             "The talks were friendly.", "Officials also announced a new consulate."],
}


def claims() -> dict[str, Claim]:
    out = {}
    for key in ("ref", "wire", "dup"):
        for n, s in enumerate(SENTENCES["wire" if key == "dup" else key]):
            c = claim(key, n, s)
            out[c.id] = c
    return out


def flag(kind: str, document: str, claim_id: str | None, ref: str | None = None,
         score: float = 0.9) -> Flag:
    return Flag(id=f"{kind}:{document}:{claim_id}:{ref}", event="e-call", kind=kind,  # type: ignore[arg-type]
                document=document, claim=claim_id, reference_claim=ref, score=score, detail="")


def perfect_report() -> Report:
    """What a perfect tool would report on eval_tiny."""
    docs = tuple(doc(k) for k in ("ref", "wire", "dup", "other"))
    events = (Event("e-call", D(2024, 1, 10), "call", "call", (), ("ref", "wire", "dup"), "ref"),
              Event("e-visit", D(2024, 1, 12), "visit", "meeting", (), ("other",), "other"))
    alignments = (Alignment("a1", "e-call", ("ref:c1", "wire:c1"), "trade", "ref:c1"),
                  Alignment("a2", "e-call", ("ref:c3", "wire:c2"), "tone", "ref:c3"))
    flags = (flag("wording_drift", "wire", "wire:c1", "ref:c1"),
             flag("addition", "wire", "wire:c3"),
             flag("omission", "wire", None, "ref:c2"))
    return Report("test", docs, events, tuple(claims().values()), alignments, flags)

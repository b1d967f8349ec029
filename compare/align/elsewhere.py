"""How close a loose claim comes to a claim of another independent document
of its event, for every document of the event from one index (pure).

Flags used to score a document's loose claims against every claim of the
event's other independent documents, once per document (``said_elsewhere``,
now the reference in tests/align/test_flag_speed.py): that is quadratic in the size of the event (a 1,000-document
event rescored its 30,000 claims 1,000 times, normalising them and building
their stem matrix each time).  :class:`ElsewhereIndex` holds what those calls
share, once per event: the distinct normalised claim texts (their stem matrix)
and the distinct readings (their embeddings), each with the independent
documents (roots) that carry it.  A query scores its few loose claims against
the distinct texts only, in C (one rapidfuzz ``cdist``, one sparse product,
one matrix product), and keeps the texts some other root carries.

The result is the same number ``said_elsewhere`` gave: the maximum over
the other documents' claims of ``max(word score, cosine)`` is the larger of
the two maxima, each entry is computed by the same scorer, the same integer
stem counts and the same float32 division (tests/align/test_flag_speed.py
checks it against ``said_elsewhere`` on random events).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from rapidfuzz import process
from scipy.sparse import csr_matrix

from compare.align.amounts import Amount, in_gregorian, same_across
from compare.align.discrepancies import _numbers
from compare.align.languages import reading
from compare.align.lexicon import Lexicon
from compare.align.matching import SCORERS, MatchingConfig
from compare.align.normalize import NormText, normalize
from compare.align.scoring import claim_embeddings
from compare.core.models import Claim


def _owners(keys: Sequence[object], roots: Sequence[int]) -> tuple[list[object], np.ndarray]:
    """The distinct ``keys`` (first occurrence order) and, for each, the one
    root that carries it, or -1 when two or more roots do."""
    index: dict[object, int] = {}
    sole: list[int] = []
    for key, root in zip(keys, roots, strict=True):
        k = index.setdefault(key, len(index))
        if k == len(sole):
            sole.append(root)
        elif sole[k] != root:
            sole[k] = -1
    return list(index), np.array(sole, dtype=np.int64)


class ElsewhereIndex:
    """The claims of one event's documents (``root``: each document's
    independent original), scored on demand against loose claims
    (:meth:`closest`)."""

    def __init__(self, claims: Sequence[Claim], root: Mapping[str, str], lexicon: Lexicon,
                 config: MatchingConfig) -> None:
        self.config = config
        self.lexicon = lexicon
        body = [c for c in claims if c.document in root]
        self.codes = {r: k for k, r in enumerate(sorted(set(root.values())))}
        self.root = dict(root)
        owner = [self.codes[root[c.document]] for c in body]
        norms = [normalize(c.text, lexicon) for c in body]
        keys, self.lex_sole = _owners([(n.text, n.stems) for n in norms], owner)
        self.lex_texts = [str(k[0]) for k in keys]  # type: ignore[index]
        stems: list[frozenset[str]] = [k[1] for k in keys]  # type: ignore[index]
        self.readings, self.cos_sole = _owners([reading(c) for c in body], owner)
        self.vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for i, st in enumerate(stems):
            for s in st:
                rows.append(i)
                cols.append(self.vocab.setdefault(s, len(self.vocab)))
        self.stems_t = csr_matrix((np.ones(len(rows), dtype=np.float32), (cols, rows)),
                                  shape=(max(len(self.vocab), 1), len(stems)))
        self.sizes = np.array([len(st) for st in stems], dtype=np.float32)
        self._emb: np.ndarray | None = None
        self._embedded = False

    def _embeddings(self) -> np.ndarray | None:
        if not self._embedded:
            texts = [str(t) for t in self.readings]
            self._emb = claim_embeddings(texts, self.config) if texts else None
            self._embedded = True
        return self._emb

    def _jaccard(self, nl: Sequence[NormText]) -> np.ndarray:
        """Unweighted Jaccard of ``nl`` against the distinct texts (the numbers
        of :func:`compare.align.scoring.jaccard_matrix`: integer counts, float32 division)."""
        rows, cols = [], []
        for i, n in enumerate(nl):
            for s in n.stems:
                k = self.vocab.get(s)
                if k is not None:
                    rows.append(i)
                    cols.append(k)
        q = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                       shape=(len(nl), self.stems_t.shape[0]))
        inter = np.asarray((q @ self.stems_t).toarray(), dtype=np.float32)
        size_a = np.array([len(n.stems) for n in nl], dtype=np.float32)[:, None]
        union = size_a + self.sizes[None, :] - inter
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(union > 0, inter / union, 0.0)
        return out.astype(np.float32)

    def closest(self, loose: Sequence[Claim], nl: Sequence[NormText], doc_root: str) -> np.ndarray:
        """For each loose claim (``nl``: their normalised texts) of a document
        whose root is ``doc_root``: the highest word score or embedding cosine
        with a claim of another root (0 when no other root has a claim), as
        ``said_elsewhere`` computed it."""
        mine = self.codes.get(doc_root, -2)
        lex_out = self.lex_sole == mine
        if not loose or bool(lex_out.all()):
            return np.zeros(len(loose), dtype=np.float32)
        config = self.config
        jac = self._jaccard(nl)
        if config.scorer == "jaccard":
            lex = jac
        else:
            fz = process.cdist([n.text for n in nl], self.lex_texts,
                               scorer=SCORERS[config.scorer], dtype=np.float32) / 100.0
            w = config.fuzzy_weight
            lex = w * fz + (1.0 - w) * jac
        lex = np.asarray(lex, dtype=np.float32)
        lex[:, lex_out] = -np.inf
        best = lex.max(axis=1)
        emb = self._embeddings()
        q = claim_embeddings([reading(c) for c in loose], config) if emb is not None else None
        if emb is not None and q is not None:
            cos = np.asarray(np.clip(np.clip(q @ emb.T, -1.0, 1.0), 0.0, 1.0), dtype=np.float32)
            cos[:, self.cos_sole == mine] = -np.inf
            best = np.maximum(best, cos.max(axis=1))
        else:
            best = np.maximum(best, 0.0)
        return np.asarray(best, dtype=np.float32)


# Figures that say little on their own: a count up to a day of the month
# ("two", "3 ships", "the 12th") and a plain year (what other claims date too).
_LEAST_FIGURE = 31
_YEARS = (1800, 2200)


def _telling(amounts: Sequence[Amount]) -> list[Amount]:
    return [a for a in amounts if a.scaled or (
        a.value > _LEAST_FIGURE and not (a.step == 1.0 and _YEARS[0] <= a.value <= _YEARS[1]))]


def telling_figures(claim: Claim, language: str | None, lexicon: Lexicon) -> list[Amount]:
    """The telling figures of a claim written in ``language`` (years of its
    calendar read as Gregorian): more than a count or a day, not a plain year."""
    return _telling(in_gregorian(_numbers(claim.text, lexicon, digits_only=True)[0], language))


def figure_stated(ref: Claim, ref_language: str | None, mine: Sequence[Claim],
                  language: str | None, lexicon: Lexicon) -> frozenset[str]:
    """Whether one of a document's claims (``mine``, written in ``language``)
    carries a telling figure of the reference claim (more than a count or a
    day, not a plain year; the same value up to rounding, an unread scale word
    or another calendar, :func:`compare.align.amounts.same_across`): the
    document reports the claim in words alignment did not pair (a translation
    the embedding model reads poorly), so the claim is no omission, and the
    claims that carry it (the ids returned; empty when none) are no additions."""
    want = telling_figures(ref, ref_language, lexicon)
    if not want:
        return frozenset()
    return frozenset(c.id for c in mine if any(
        same_across(a, b) for a in want for b in telling_figures(c, language, lexicon)))

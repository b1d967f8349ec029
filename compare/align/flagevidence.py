"""Evidence of a flag read from the texts themselves, not only from the claims
the extractor took out of them (features of the confidence model of
:mod:`compare.align.flagmodel`, added to every flag by :func:`add_evidence`).

The flags stage compares claims; a flag that looks wrong to a reviewer is
often one where the claims hide the text:

* an omission of a claim the document does state, in a sentence the extractor
  merged with another one or cut differently (``om_text_*``: the best match of
  the omitted claim over every sentence and clause window of the document:
  the share of its content words in one window, the embedding cosine with
  each sentence);
* an omission of a claim that would follow the cut of a truncated excerpt
  (``om_later_reported``: the share of the reference claims the document
  reports that stand later in the reference; ``om_tail_cosine``: how close
  the claim is to the last sentences before the cut; ``om_after_cut``: how
  much of the document follows its last claim aligned with the reference;
  ``om_length_ratio``: the document's length against the reference's);
* an addition the reference or another outlet states in a sentence of its own
  (``ad_text_*``: the best match over the sentence and clause windows of the
  event's other independent documents, ``ad_ref_text_*`` over the reference's);
* a wording drift that is a surface difference (``pr_cosine``: embedding
  cosine of the pair; ``pr_diff_content`` / ``pr_diff_function``: the share of
  content and of function words that differ; ``pr_diff_number``: a number
  differs; ``pr_diff_words``: how many words the word diff changes).

Every feature is a general property of the texts; no phrase is a feature.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from compare.align.languages import _root
from compare.align.lexicon import Lexicon, tokenize
from compare.align.matching import MatchingConfig
from compare.align.normalize import normalize
from compare.align.scoring import cross_scores
from compare.core.models import Alignment, Claim, Document, Event, Flag

# Sentence ends (any script) and line breaks; then clause breaks inside a sentence.
_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+|(?<=[。！？])|\n+")
_CLAUSE = re.compile(r"\s*[,;:–—]\s+|\s+[-–—]\s+|[，；：、]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_OMISSIONS = ("omission", "possibly_truncated")
# Windows shorter than this many word tokens are no evidence (a dateline, a byline).
MIN_WINDOW_WORDS = 3
# The sentences before the cut of a truncated text that ``om_tail_cosine`` reads.
TAIL_SENTENCES = 2


def sentences(text: str) -> list[str]:
    """The sentences (and lines) of a text, stripped, with at least
    :data:`MIN_WINDOW_WORDS` words."""
    return [s.strip() for s in _SENTENCE.split(text)
            if len(tokenize(s)) >= MIN_WINDOW_WORDS]


def text_windows(text: str) -> tuple[list[str], list[str]]:
    """The sentences of a text and its clause windows: each sentence's pieces
    between commas, colons, semicolons and dashes, and every two adjacent
    pieces together (a claim the extractor split or merged differently)."""
    sents = sentences(text)
    clauses: list[str] = []
    for s in sents:
        parts = [p for p in _CLAUSE.split(s) if p.strip()]
        if len(parts) < 2:
            continue
        clauses += [p for p in parts if len(tokenize(p)) >= MIN_WINDOW_WORDS]
        clauses += [f"{a} {b}" for a, b in itertools.pairwise(parts)]
    return sents, list(dict.fromkeys(c for c in clauses if c not in sents))


class EventWindows:
    """The windows of an event's documents; the queries (the claims the flags
    name) against them: the embedding cosine with every sentence in one pass,
    the share of a query's content words in a window of one document on
    demand (normalised and memoised per document)."""

    def __init__(self, docs: Sequence[Document], queries: Sequence[str], lexicon: Lexicon,
                 config: MatchingConfig) -> None:
        self.lexicon = lexicon
        self.windows: dict[str, list[str]] = {}
        sent_of: list[str] = []
        sents_all: list[str] = []
        self.last: dict[str, list[int]] = {}
        for d in docs:
            sents, clauses = text_windows(d.text)
            self.windows[d.id] = sents + clauses
            first = len(sents_all)
            sents_all += sents
            sent_of += [d.id] * len(sents)
            self.last[d.id] = list(range(first, first + len(sents)))[-TAIL_SENTENCES:]
        self.row = {q: i for i, q in enumerate(dict.fromkeys(queries))}
        qs = list(self.row)
        self.cos = (cross_scores(qs, sents_all, config) if qs and sents_all
                    else np.zeros((len(qs), len(sents_all)), dtype=np.float32))
        # Per query, the best cosine in each document (-inf without sentences):
        # a set of documents is then a max over a few numbers, not a column mask
        # over every sentence of the event.
        self.doc_at = {d: k for k, d in enumerate(self.windows)}
        self.doc_cos = np.full((len(qs), len(self.doc_at)), -np.inf, dtype=np.float32)
        if len(sent_of) and len(qs):
            at = np.array([self.doc_at[d] for d in sent_of], dtype=np.int64)
            starts = np.nonzero(np.r_[True, at[1:] != at[:-1]])[0]
            self.doc_cos[:, at[starts]] = np.maximum.reduceat(self.cos, starts, axis=1)
        self._stems: dict[str, list[frozenset[str]]] = {}
        self._query: dict[str, frozenset[str]] = {}
        self._cover: dict[tuple[str, str], float] = {}
        self._counts: dict[str, np.ndarray] = {}
        self._matrix: tuple[csr_matrix, dict[str, int], np.ndarray] | None = None

    def _query_stems(self, query: str) -> frozenset[str]:
        if query not in self._query:
            self._query[query] = normalize(query, self.lexicon).stems
        return self._query[query]

    def _doc_stems(self, doc_id: str) -> list[frozenset[str]]:
        if doc_id not in self._stems:
            self._stems[doc_id] = [normalize(w, self.lexicon).stems
                                   for w in self.windows.get(doc_id, [])]
        return self._stems[doc_id]

    def doc_counts(self, query: str) -> np.ndarray:
        """The most content words of ``query`` one window of each document holds
        (0 for a document without windows): one sparse product over every
        window of the event, built on first use."""
        if query not in self._counts:
            if self._matrix is None:
                vocab: dict[str, int] = {}
                rows: list[int] = []
                cols: list[int] = []
                doc_of: list[int] = []
                for d, k in self.doc_at.items():
                    for w in self._doc_stems(d):
                        for st in w:
                            rows.append(len(doc_of))
                            cols.append(vocab.setdefault(st, len(vocab)))
                        doc_of.append(k)
                m = csr_matrix((np.ones(len(rows), dtype=np.int32), (cols, rows)),
                               shape=(max(1, len(vocab)), len(doc_of)))
                self._matrix = (m, vocab, np.array(doc_of, dtype=np.int64))
            m, vocab, owner = self._matrix
            hit = sorted({vocab[st] for st in self._query_stems(query) if st in vocab})
            counts = np.zeros(len(self.doc_at), dtype=np.int64)
            if hit and len(owner):
                per_window = np.asarray(m[hit].sum(axis=0)).ravel()
                np.maximum.at(counts, owner, per_window)
            self._counts[query] = counts
        return self._counts[query]

    def cover(self, query: str, doc_id: str) -> float:
        """The highest share of the query's content words in one window of the document."""
        key = (query, doc_id)
        if key not in self._cover:
            q = self._query_stems(query)
            self._cover[key] = (max((len(q & w) / len(q) for w in self._doc_stems(doc_id)),
                                    default=0.0) if q else 0.0)
        return self._cover[key]

    def best(self, query: str, doc_ids: set[str]) -> tuple[float, float]:
        """Best content-word share and sentence cosine of ``query`` over the
        windows of ``doc_ids`` (zeros when they have none).  The share is the
        most words one window holds over the query's words (the same float as
        the best window's share)."""
        at = [self.doc_at[d] for d in doc_ids if d in self.doc_at]
        if len(at) <= 1:
            cover = max((self.cover(query, d) for d in sorted(doc_ids)), default=0.0)
        else:
            q = self._query_stems(query)
            cover = int(self.doc_counts(query)[at].max()) / len(q) if q else 0.0
        best = (float(self.doc_cos[self.row[query], at].max())
                if query in self.row and at else -np.inf)
        return cover, (best if best > -np.inf else 0.0)

    def tail(self, query: str, doc_id: str) -> float:
        """Best cosine of ``query`` with the last sentences of the document."""
        cols = self.last.get(doc_id, [])
        return float(self.cos[self.row[query], cols].max()) if cols and query in self.row else 0.0


def _diff_features(ref: Claim, claim: Claim, lexicon: Lexicon,
                   config: MatchingConfig) -> dict[str, float]:
    """How two aligned claims differ: cosine, content vs function words, numbers."""
    a, b = normalize(ref.text, lexicon), normalize(claim.text, lexicon)
    content = a.stems | b.stems
    fa = {t for t in a.tokens if t in lexicon.stopwords}
    fb = {t for t in b.tokens if t in lexicon.stopwords}
    function = fa | fb
    wa, wb = tokenize(ref.text), tokenize(claim.text)
    changed = len(set(wa) ^ set(wb))
    return {
        "pr_cosine": float(cross_scores([ref.text], [claim.text], config)[0, 0]),
        "pr_diff_content": len(a.stems ^ b.stems) / max(1, len(content)),
        "pr_diff_function": len(fa ^ fb) / max(1, len(function)),
        "pr_diff_number": float(set(_NUMBER.findall(ref.text)) != set(_NUMBER.findall(claim.text))),
        "pr_diff_words": math.log1p(changed),
    }


def add_evidence(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                 alignments: Sequence[Alignment], flags: list[tuple[Flag, dict[str, float]]],
                 lexicon: Lexicon, config: MatchingConfig,
                 ) -> list[tuple[Flag, dict[str, float]]]:
    """``flags`` with the text evidence of each added to its features (in place).
    A ``possibly_truncated`` flag's family indicator becomes ``pt`` (the
    confidence model gives it its own intercept; ``om`` for omissions)."""
    if not flags:
        return flags
    by_doc = {d.id: d for d in docs}
    cl = {c.id: c for c in claims}
    queries = [cl[f.reference_claim or ""].text for f, _ in flags
               if f.kind in _OMISSIONS and f.reference_claim in cl]
    queries += [cl[f.claim or ""].text for f, _ in flags if f.kind == "addition" and f.claim in cl]
    windows = EventWindows(docs, queries, lexicon, config)
    # reference order of the groups, the groups each document reports and where
    # its last claim aligned with the reference ends
    order = {a.id: cl[a.reference_claim].span[0] for a in alignments if a.reference_claim in cl}
    reports: dict[str, list[str]] = {}
    last_end: dict[str, int] = {}
    for a in alignments:
        if a.id not in order:
            continue
        for cid in a.claims:
            if cid in cl:
                c = cl[cid]
                reports.setdefault(c.document, []).append(a.id)
                last_end[c.document] = max(last_end.get(c.document, 0), c.span[1])
    root = {d.id: _root(d, by_doc) for d in docs}
    ref_doc = event.reference if event.reference in by_doc else None
    for flag, feats in flags:
        doc = by_doc.get(flag.document)
        ref = cl.get(flag.reference_claim or "")
        claim = cl.get(flag.claim or "")
        if doc is None:
            continue
        if flag.kind in _OMISSIONS and ref is not None:
            if flag.kind == "possibly_truncated":
                feats.update(om=0.0, pt=1.0)
            cover, cosine = windows.best(ref.text, {doc.id})
            here = flag.alignment if flag.alignment in order else None
            mine = reports.get(doc.id, [])
            rdoc = by_doc.get(ref.document)
            feats.update(
                om_text_cover=cover, om_text_cosine=cosine,
                om_tail_cosine=windows.tail(ref.text, doc.id),
                om_later_reported=(sum(order[g] > order[here] for g in mine) / len(mine)
                                   if here is not None and mine else 0.0),
                om_after_cut=(1.0 - last_end[doc.id] / max(1, len(doc.text))
                              if doc.id in last_end else 1.0),
                om_length_ratio=(math.log(max(1, len(doc.text)) / max(1, len(rdoc.text)))
                                 if rdoc is not None else 0.0))
        elif flag.kind == "addition" and claim is not None:
            others = {d.id for d in docs if root[d.id] != root[doc.id] and d.id != ref_doc}
            cover, cosine = windows.best(claim.text, others)
            feats.update(ad_text_cover=cover, ad_text_cosine=cosine)
            if ref_doc is not None and root[ref_doc] != root[doc.id]:
                cover, cosine = windows.best(claim.text, {ref_doc})
                feats.update(ad_ref_text_cover=cover, ad_ref_text_cosine=cosine)
        elif ref is not None and claim is not None:
            feats.update(_diff_features(ref, claim, lexicon, config))
    return flags


def evidence_names() -> tuple[str, ...]:
    """The names of the features :func:`add_evidence` may add."""
    return ("om_text_cover", "om_text_cosine", "om_tail_cosine",
            "om_later_reported", "om_after_cut", "om_length_ratio",
            "ad_text_cover", "ad_text_cosine", "ad_ref_text_cover", "ad_ref_text_cosine",
            "pr_cosine", "pr_diff_content", "pr_diff_function", "pr_diff_number",
            "pr_diff_words")


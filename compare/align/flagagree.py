"""Agreement across outlets: how a flag's claim fares in the event's other
documents (features of the confidence model of :mod:`compare.align.flagmodel`,
added to every flag by :func:`add_agreement`).

A flag compares one document with the reference; whether it is right often
shows in the event's other outlets:

* an omission: do the other outlets state the omitted claim in their text
  (``om_peer_mean``: the mean over the other independent documents of the
  best sentence cosine with the claim, i.e. how widely the claim is reported;
  ``om_peer_rank``: the share of them whose best sentence comes less close
  than this document's best, a document that comes as close as the outlets
  that report the claim probably states it in other words;
  ``om_member_gap``: this document's best sentence cosine minus the median of
  the documents alignment put in the claim's group);
  is the omitted claim about the event at all (``om_ref_centre``: cosine of the
  reference claim with the centre of the event's other reference claims);
* an addition: how many other outlets say something like it
  (``ad_peer_mean``, ``ad_peer_second``: the mean and the second best of the
  other independent documents' best sentence cosines; one outlet close by
  chance is no agreement, two are) and whether it is about the event
  (``ad_ref_centre``: cosine with the centre of the reference claims);
* a wording drift: does this outlet's wording depart from the reference more
  than the other outlets' wordings of the same claim (``pr_peer_gap``: the
  pair's cosine minus the median cosine of the reference claim with the
  group's other members; ``pr_peer_cosine``: the claim's mean cosine with
  those members, i.e. whether the others word it like this outlet).

Every feature is a cosine of the multilingual embedding model between texts of
the event; no phrase is a feature.  Without the model every cosine is 0 and
the features carry no evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from compare.align.flagevidence import sentences
from compare.align.languages import _root
from compare.align.matching import MatchingConfig
from compare.align.scoring import claim_embeddings
from compare.core.models import Alignment, Claim, Document, Event, Flag

_OMISSIONS = ("omission", "possibly_truncated")
# Texts per matrix product of the per-document best cosines.
_BLOCK = 64


def _unit(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    return np.asarray(x / np.where(n < 1e-9, 1.0, n), dtype=np.float32)


class _Space:
    """Embeddings of the event's sentences (per document) and of the claims the
    flags name, each computed once."""

    def __init__(self, docs: Sequence[Document], texts: Sequence[str],
                 config: MatchingConfig) -> None:
        self.doc_rows: dict[str, np.ndarray] = {}
        sents: list[str] = []
        for d in docs:
            own = sentences(d.text)
            self.doc_rows[d.id] = np.arange(len(sents), len(sents) + len(own))
            sents += own
        self.index = {t: i for i, t in enumerate(dict.fromkeys(texts))}
        emb = claim_embeddings([*self.index, *sents], config)
        self.ok = emb is not None
        if emb is None:
            emb = np.zeros((len(self.index) + len(sents), 1), dtype=np.float32)
        self.claims = _unit(np.asarray(emb[:len(self.index)], dtype=np.float32))
        self.sents = _unit(np.asarray(emb[len(self.index):], dtype=np.float32))
        # Documents with sentences, their first rows (contiguous runs), and each
        # document's column in a text's per-document best cosines.
        self.col = {d: k for k, d in enumerate(self.doc_rows)}
        filled = [k for k, rows in enumerate(self.doc_rows.values()) if len(rows)]
        self.filled = np.asarray(filled, dtype=np.intp)
        self.starts = np.asarray([rows[0] for rows in self.doc_rows.values() if len(rows)], dtype=np.intp)
        self.per_doc: dict[str, np.ndarray] = {}

    def vec(self, text: str) -> np.ndarray:
        return np.asarray(self.claims[self.index[text]], dtype=np.float32)

    def prepare(self, texts: Sequence[str]) -> None:
        """Every document's best sentence cosine with each of ``texts`` (in [0, 1]), in
        blocks of texts (one matrix product per block instead of one per document and flag)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self.per_doc]
        for at in range(0, len(todo), _BLOCK):
            block = todo[at:at + _BLOCK]
            out = np.zeros((len(self.doc_rows), len(block)), dtype=np.float32)
            if len(self.starts):
                sims = self.sents @ self.claims[[self.index[t] for t in block]].T
                out[self.filled] = np.clip(np.maximum.reduceat(sims, self.starts, axis=0), 0.0, 1.0)
            for k, t in enumerate(block):
                self.per_doc[t] = out[:, k]

    def best(self, text: str, doc_ids: Sequence[str]) -> np.ndarray:
        """The best sentence cosine of ``text`` in each of ``doc_ids`` (0 for none)."""
        if text not in self.per_doc:
            self.prepare([text])
        row = self.per_doc[text]
        return np.asarray([row[self.col[d]] if d in self.col else 0.0 for d in doc_ids], dtype=np.float32)

    def cosines(self, text: str, others: Sequence[str]) -> np.ndarray:
        """Cosine of ``text`` with each of ``others`` (negative ones as 0; rounding above 1 as 1)."""
        rows = self.claims[[self.index[t] for t in others]]
        return np.asarray(np.clip(rows @ self.vec(text), 0.0, 1.0), dtype=np.float32)

    def cos(self, a: str, b: str) -> float:
        return max(0.0, float(self.vec(a) @ self.vec(b)))


def _centre(space: _Space, texts: Sequence[str], text: str) -> float:
    """Cosine of ``text`` with the mean of the other ``texts`` (0 without any)."""
    others = [t for t in dict.fromkeys(texts) if t != text]
    if not others:
        return 0.0
    c = _unit(np.mean([space.vec(t) for t in others], axis=0))
    return max(0.0, float(c @ space.vec(text)))


def add_agreement(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                  alignments: Sequence[Alignment],
                  flags: list[tuple[Flag, dict[str, float]]], config: MatchingConfig,
                  ) -> list[tuple[Flag, dict[str, float]]]:
    """``flags`` with the agreement features of each added (in place)."""
    if not flags:
        return flags
    by_doc = {d.id: d for d in docs}
    cl = {c.id: c for c in claims}
    groups = {a.id: a for a in alignments}
    refs = [cl[a.reference_claim].text for a in alignments if a.reference_claim in cl]
    texts = list(refs)
    for f, _ in flags:
        for cid in (f.claim, f.reference_claim):
            if cid in cl:
                texts.append(cl[cid or ""].text)
        a = groups.get(f.alignment or "")
        if a is not None:
            texts += [cl[c].text for c in a.claims if c in cl]
    space = _Space(docs, texts, config)
    if not space.ok:
        return flags
    root = {d.id: _root(d, by_doc) for d in docs}
    # one document per independent root (the original, else the first copy)
    firsts: dict[str, str] = {}
    for d in sorted(docs, key=lambda d: (d.duplicate_of is not None, d.id)):
        firsts.setdefault(root[d.id], d.id)
    space.prepare([cl[f.reference_claim or ""].text if f.kind in _OMISSIONS else cl[f.claim or ""].text
                   for f, _ in flags if f.kind in (*_OMISSIONS, "addition")
                   and (f.reference_claim if f.kind in _OMISSIONS else f.claim) in cl])
    ordered = sorted(firsts.items())
    for flag, feats in flags:
        doc = by_doc.get(flag.document)
        ref = cl.get(flag.reference_claim or "")
        claim = cl.get(flag.claim or "")
        if doc is None:
            continue
        group = groups.get(flag.alignment or "")
        if flag.kind in _OMISSIONS and ref is not None:
            skip = {root[doc.id], root.get(ref.document, ref.document)}
            peers = [d for r, d in ordered if r not in skip]
            mine = float(space.best(ref.text, [doc.id])[0])
            best = space.best(ref.text, peers)
            member_docs = sorted({cl[c].document for c in (group.claims if group else ())
                                  if c in cl} - {ref.document, doc.id})
            members = space.best(ref.text, member_docs)
            feats.update(
                om_peer_mean=float(best.mean()) if len(best) else 0.0,
                om_peer_rank=(float(((best < mine).sum() + 0.5 * (best == mine).sum())
                                    / len(best)) if len(best) else 0.5),
                om_member_gap=mine - float(np.median(members)) if len(members) else 0.0,
                om_ref_centre=_centre(space, refs, ref.text))
        elif flag.kind == "addition" and claim is not None:
            peers = [d for r, d in ordered if r != root[doc.id]]
            best = np.sort(space.best(claim.text, peers))[::-1]
            feats.update(
                ad_peer_mean=float(best.mean()) if len(best) else 0.0,
                ad_peer_second=float(best[1]) if len(best) > 1 else 0.0,
                ad_ref_centre=_centre(space, refs, claim.text))
        elif ref is not None and claim is not None and group is not None:
            others = [cl[c].text for c in group.claims
                      if c in cl and c != ref.id and c != claim.id
                      and root.get(cl[c].document) not in (root[doc.id],
                                                           root.get(ref.document))]
            here = space.cos(ref.text, claim.text)
            if others:
                feats.update(
                    pr_peer_gap=here - float(np.median(space.cosines(ref.text, others))),
                    pr_peer_cosine=float(np.mean(space.cosines(claim.text, others))))
            else:
                feats.update(pr_peer_gap=0.0, pr_peer_cosine=0.0)
    return flags


def agreement_names() -> tuple[str, ...]:
    """The names of the features :func:`add_agreement` may add."""
    return ("om_peer_mean", "om_peer_rank", "om_member_gap", "om_ref_centre",
            "ad_peer_mean", "ad_peer_second", "ad_ref_centre", "pr_peer_gap", "pr_peer_cosine")

"""The pivot alignment (``alignment.method: pivot`` in matching.yaml), the
method before the graph clustering of :mod:`compare.align.alignment`: each
document is matched one-to-one against a pivot document with
``scipy.optimize.linear_sum_assignment`` on the fuzzy score, then left-over
claims join groups by restatement, left-over, topic and claim-type passes, and
claims outside the pivot's groups pair across outlets in a pool.  Kept because
the discrepancy flags (flags.py) were fitted on its groups; see matching.yaml.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs
import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from compare.align.anchors import AnchorIndex, anchor_index, covers, pair_overlap
from compare.align.discrepancies import states_contact
from compare.align.languages import (
    _alignable,
    _group_type,
    _relays_official,
    cross_lingual,
    event_documents,
    known_language,
    languages_differ,
    reading,
    reference_basis,
    reference_language,
)
from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.align.monotone import order_pairs, path_mask
from compare.align.normalize import NormText, normalize
from compare.align.scoring import (
    best_index,
    column_passes,
    cross_scores,
    distinctive_stems,
    idf_weights,
    score_blocks,
    score_matrix,
    shared_guard,
)
from compare.core.models import Alignment, Claim, Document, Event


def _assign(score: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    if score.size == 0:
        return []
    # Pairs below the threshold cannot be chosen, so they must not steer the
    # assignment either (a weak pair would otherwise push a good one aside).
    rows, cols = linear_sum_assignment(-np.where(score >= threshold, score, 0.0))
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)
            if score[r, c] >= threshold]


def _pivot(doc_ids: Sequence[str], norm_by_doc: Mapping[str, list[NormText]]) -> str:
    """The most central document: highest summed cosine of stem bags with the others."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, d in enumerate(doc_ids):
        for n in norm_by_doc[d]:
            for s in n.stems:
                rows.append(i)
                cols.append(vocab.setdefault(s, len(vocab)))
    if not vocab:
        return doc_ids[0]
    m = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                   shape=(len(doc_ids), len(vocab)))
    m.data = np.minimum(m.data, 1.0)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel()) + 1e-9
    sim = (m @ m.T).toarray() / norms[:, None] / norms[None, :]
    np.fill_diagonal(sim, 0.0)
    centrality = sim.sum(axis=1)
    best = max(range(len(doc_ids)), key=lambda i: (centrality[i], -i))
    return doc_ids[best]


# --------------------------------------------------------------------------- alignment


def align_pivot(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                config: MatchingConfig, lexicon: Lexicon) -> tuple[Event, list[Alignment]]:
    """Group the claims of one event's documents that say the same thing (pure).

    A document in another language than the pivot is scored by embedding
    cosine alone (:func:`compare.align.scoring.cross_scores`,
    ``cross_language_threshold``) when a multilingual model is installed, else
    left out (:func:`other_language`)."""
    cross = cross_lingual(config)
    by_id, claims, order, doc_ids, roots = event_documents(event, docs, claims, config)
    per_doc: dict[str, list[Claim]] = {d: [] for d in doc_ids}
    for c in claims:
        if c.document in per_doc and _alignable(c, config):
            per_doc[c.document].append(c)
    for lst in per_doc.values():
        lst.sort(key=lambda c: (c.span[0], c.id))
    norm = {d: [normalize(reading(c), lexicon) for c in per_doc[d]] for d in doc_ids}

    if len({roots[d] for d in doc_ids}) < 2:
        # One independent document (and its copies): nothing to compare against.
        return attrs.evolve(event, reference_basis="none"), []
    event, reference, independent = reference_basis(event, by_id, doc_ids, roots)
    if reference is not None:
        pivot = reference
    else:
        # The pivot is written in the language most documents share.
        lang = reference_language(event, list(by_id.values()))
        same = [d for d in independent if known_language(by_id[d]) in (None, lang)]
        pivot = _pivot(same or independent, norm)
    weights = (idf_weights([n for d in doc_ids for n in norm[d]])
               if config.idf_weighting else None)

    piv_claims = per_doc.get(pivot, [])
    anchors = _event_anchors(per_doc, by_id, config) if cross else None
    topics = distinctive_stems(norm[pivot], lexicon)
    members: list[list[Claim]] = [[c] for c in piv_claims]
    head_p = np.array([c.headline for c in piv_claims], dtype=bool)
    ev_p = np.array([states_contact(c, lexicon) for c in piv_claims], dtype=bool)
    pool: list[Claim] = []
    # The pivot against every document of its language, scored in one pass
    # (score_blocks: the numbers of one score_matrix call per document).
    same_lang = [d for d in doc_ids if d != pivot and per_doc[d]
                 and not languages_differ(by_id[pivot], by_id[d])]
    scored = dict(zip(same_lang, score_blocks(
        norm[pivot], [norm[d] for d in same_lang], config, [reading(c) for c in piv_claims],
        [[reading(c) for c in per_doc[d]] for d in same_lang], weights), strict=True))
    guards = dict(zip(same_lang, _guards(norm[pivot], [norm[d] for d in same_lang],
                                         config.min_shared_words, topics), strict=True))
    for d in doc_ids:
        if d == pivot or not per_doc[d]:
            continue
        if languages_differ(by_id[pivot], by_id[d]):
            pool.extend(_align_across(piv_claims, per_doc[d], members, config, anchors))
            continue
        s = scored[d]
        # A headline pairs one-to-one only with a headline: a title summarises
        # the whole story, so it must not take a body claim's place.  It can
        # still join a body claim's group as a restatement (second pass).
        head_d = np.array([c.headline for c in per_doc[d]], dtype=bool)
        mixed = head_p[:, None] != head_d[None, :]
        # Event statements ("X and Y spoke by phone") say the same thing: the
        # event itself.
        ev_d = np.array([states_contact(c, lexicon) for c in per_doc[d]], dtype=bool)
        s = np.where(guards[d], s, 0.0)
        s = np.where(ev_p[:, None] & ev_d[None, :] & ~mixed, np.maximum(s, 1.0), s)
        # ... and only with each other: the reference's "X held a call with Y"
        # shares the names with every claim about the two, so a document whose
        # own event sentence the rules missed would give it an unrelated claim.
        s = np.where(ev_p[:, None] & ~ev_d[None, :] & ~head_d[None, :], 0.0, s)
        used: set[int] = set()
        # The groups holding a claim of ``d``: only this pass adds ``d``'s claims, so
        # they are the assigned ones (scanning every group was quadratic in documents).
        taken: set[int] = set()
        for i, j in _assign(np.where(mixed, 0.0, s), config.match_threshold):
            members[i].append(per_doc[d][j])
            used.add(j)
            taken.add(i)
        for j, c in enumerate(per_doc[d]):
            if j in used:
                continue
            by_type = _type_target(c, piv_claims, taken, per_doc[d], used, config)
            if by_type is not None:
                members[by_type].append(c)
                taken.add(by_type)
                continue
            # A body claim never restates the pivot's headline.
            col = s[:, j] if per_doc[d][j].headline else np.where(head_p, 0.0, s[:, j])
            target = _leftover_target(col, norm[pivot], norm[d][j], config, weights)
            if target is None:
                target = _topic_target(col, norm[pivot], norm[d][j], topics, taken, config)
                if target is not None:
                    taken.add(target)
            if target is not None:
                members[target].append(c)
            else:
                pool.append(c)

    extra = _pool_groups(pool, roots, by_id, config, lexicon, weights, cross, anchors)
    groups: list[tuple[list[Claim], Claim | None]] = []
    n_indep = len({roots[d] for d in doc_ids})
    main_lang = reference_language(event, list(by_id.values()))
    need = max(2, math.ceil(config.majority_share * n_indep - 1e-9))
    for grp in members:
        if reference is not None:
            groups.append((grp, grp[0]))
            continue
        support = len({roots[c.document] for c in grp})
        ref_claim = (_central(grp, by_id, config, lexicon, main_lang)
                     if support >= need else None)
        groups.append((grp, ref_claim))
    for grp in extra:
        support = len({roots[c.document] for c in grp})
        ref_claim = (_central(grp, by_id, config, lexicon, main_lang)
                     if reference is None and support >= need else None)
        groups.append((grp, ref_claim))

    pos = {c.id: (order.get(c.document, len(order)), c.span[0]) for c in claims}
    groups.sort(key=lambda g: (g[1] is None, pos[(g[1] or g[0][0]).id]))
    alignments = []
    for n, (grp, ref_claim) in enumerate(groups, start=1):
        ids = tuple(c.id for c in sorted(grp, key=lambda c: (pos[c.id], c.id)))
        alignments.append(Alignment(id=f"{event.id}:g{n}", event=event.id, claims=ids,
                                    type=_group_type(grp, ref_claim),
                                    reference_claim=ref_claim.id if ref_claim else None))
    return event, alignments


@attrs.frozen
class _Anchors:
    """The anchors of an event's claims (compare/align/anchors.py) for the pairs
    across languages the embedding model does not cover: the index, each
    claim's row in it, and the documents in such a language."""

    index: AnchorIndex
    row: dict[str, int]
    uncovered: frozenset[str]

    def lift(self, a: Sequence[Claim], b: Sequence[Claim], weight: float) -> np.ndarray:
        """``weight`` times the anchor overlap of every claim of ``a`` with every
        claim of ``b`` (zeros where neither claim's document is uncovered)."""
        out = weight * pair_overlap(self.index, [self.row[c.id] for c in a],
                                    [self.row[c.id] for c in b])
        beyond = (np.array([c.document in self.uncovered for c in a], dtype=bool)[:, None]
                  | np.array([c.document in self.uncovered for c in b], dtype=bool)[None, :])
        return np.asarray(np.where(beyond, out, 0.0), dtype=np.float32)


def _event_anchors(per_doc: Mapping[str, Sequence[Claim]], by_id: Mapping[str, Document],
                   config: MatchingConfig) -> _Anchors | None:
    """The :class:`_Anchors` of the event, None when ``alignment.anchor_weight``
    is 0 or every document is in a language the model covers (nothing to do)."""
    if config.align_anchor_weight <= 0:
        return None
    uncovered = frozenset(d for d in per_doc if known_language(by_id[d]) is not None
                          and not covers(config.embedding_model, by_id[d].language))
    if not uncovered:
        return None
    claims = [c for d in sorted(per_doc) for c in per_doc[d]]
    return _Anchors(anchor_index([reading(c) for c in claims]),
                    {c.id: i for i, c in enumerate(claims)}, uncovered)


def _align_across(piv_claims: Sequence[Claim], doc_claims: Sequence[Claim],
                  members: list[list[Claim]], config: MatchingConfig,
                  anchors: _Anchors | None = None) -> list[Claim]:
    """Pair a document in another language with the pivot by embedding cosine:
    one to one at ``cross_language_threshold`` (headlines with headlines), then
    a left-over body claim joins the body group it restates at
    ``cross_language_restatement``.  With ``anchors`` (a language the model
    does not cover) the cosine gains ``alignment.anchor_weight`` times the
    anchor overlap.  Returns the claims left for the pool."""
    s = cross_scores([reading(c) for c in piv_claims], [reading(c) for c in doc_claims], config)
    if anchors is not None:
        s = s + anchors.lift(piv_claims, doc_claims, config.align_anchor_weight)
        beyond = doc_claims[0].document in anchors.uncovered or (
            bool(piv_claims) and piv_claims[0].document in anchors.uncovered)
        if config.align_order_bonus > 0 and beyond and piv_claims:
            # A translation follows the readout's order: the pairs of the best
            # monotone path (compare/align/monotone.py) gain the order bonus.
            on = path_mask(s.shape, order_pairs(
                s, [len(reading(c)) for c in piv_claims], [len(reading(c)) for c in doc_claims],
                config.align_order_length))
            s = s + np.where(on, config.align_order_bonus, 0.0)
        s = np.minimum(1.0, s)
    head_p = np.array([c.headline for c in piv_claims], dtype=bool)
    head_d = np.array([c.headline for c in doc_claims], dtype=bool)
    mixed = head_p[:, None] != head_d[None, :]
    used: set[int] = set()
    for i, j in _assign(np.where(mixed, 0.0, s), config.cross_language_threshold):
        members[i].append(doc_claims[j])
        used.add(j)
    left: list[Claim] = []
    for j, c in enumerate(doc_claims):
        if j in used:
            continue
        col = s[:, j] if c.headline else np.where(head_p, 0.0, s[:, j])
        if col.size and float(col.max()) >= config.cross_language_restatement:
            members[int(col.argmax())].append(c)
        else:
            left.append(c)
    return left


def _guards(pivot: Sequence[NormText], docs: Sequence[Sequence[NormText]], need: int,
            topics: frozenset[str], limit: int = 65536) -> list[np.ndarray]:
    """``[shared_guard(pivot, d, need, topics) for d in docs]`` in passes of at
    most ``limit`` columns (integer stem counts: the same booleans)."""
    out: list[np.ndarray] = []
    for start, stop in column_passes([len(d) for d in docs], limit):
        ok = shared_guard(pivot, [n for d in docs[start:stop] for n in d], need, topics)
        at = 0
        for d in docs[start:stop]:
            out.append(ok[:, at:at + len(d)])
            at += len(d)
    return out


def _leftover_target(column: np.ndarray, pivot_norms: Sequence[NormText], norm: NormText,
                     config: MatchingConfig, weights: Mapping[str, float] | None) -> int | None:
    """The pivot claim a left-over claim restates, if any: the best-scoring one
    when it scores at least the restatement threshold, or at least the
    (lower) left-over threshold while sharing enough weighted content words."""
    if not column.size:
        return None
    i = int(column.argmax())
    score = float(column[i])
    if score >= max(config.match_threshold, config.restatement_threshold):
        return i
    if score < config.leftover_threshold:
        return None
    shared = norm.stems & pivot_norms[i].stems
    weight = sum(weights.get(t, 1.0) for t in shared) if weights else float(len(shared))
    return i if weight >= config.leftover_min_shared else None


def _topic_target(column: np.ndarray, pivot_norms: Sequence[NormText], norm: NormText,
                  topics: frozenset[str], taken: set[int], config: MatchingConfig) -> int | None:
    """A left-over claim naming a lexicon topic that only one pivot claim names
    ("agreed to extend New START" / "consultations ... including on New
    START") joins that claim's group when it scores at least the left-over
    threshold there and the document has no claim in that group yet."""
    mine = norm.stems & topics
    if not mine:
        return None
    hits = [i for i, p in enumerate(pivot_norms) if p.stems & mine]
    if len(hits) != 1 or hits[0] in taken:
        return None
    i = hits[0]
    return i if float(column[i]) >= config.leftover_threshold else None


def _type_target(claim: Claim, pivot_claims: Sequence[Claim], taken: set[int],
                 doc_claims: Sequence[Claim], used: set[int],
                 config: MatchingConfig) -> int | None:
    """Second pass by type: the pivot's only body claim of a ``type_pass`` type,
    for the document's only left-over claim of that type, when the document has
    no claim in that group yet."""
    allowed = claim.type in config.type_pass or ("*" in config.type_pass
                                                 and claim.type != "other")
    if not allowed or claim.headline:
        return None
    same = [i for i, p in enumerate(pivot_claims) if p.type == claim.type and not p.headline]
    if len(same) != 1 or same[0] in taken:
        return None
    rivals = [j for j, c in enumerate(doc_claims)
              if c.type == claim.type and not c.headline and j not in used]
    return same[0] if len(rivals) == 1 else None


def _central(grp: Sequence[Claim], by_id: Mapping[str, Document], config: MatchingConfig,
             lexicon: Lexicon, language: str | None = None) -> Claim:
    """The group's most central claim (highest summed similarity to the others);
    a claim in the event's main ``language`` is preferred, then a quoted claim
    of a document relaying an official source."""
    if len(grp) == 1:
        return grp[0]
    norms = [normalize(reading(c), lexicon) for c in grp]
    s = score_matrix(norms, norms, config)
    total = s.sum(axis=1) - np.diag(s)

    def first(i: int) -> tuple[bool, bool]:
        c = grp[i]
        relayed = c.quoted and _relays_official(by_id[c.document], lexicon)
        main = known_language(by_id[c.document]) in (None, language)
        return (main, relayed)

    return grp[best_index(len(grp), first, lambda i: float(total[i]), lambda i: grp[i].id)]


def _pool_groups(pool: Sequence[Claim], roots: Mapping[str, str],
                 by_id: Mapping[str, Document], config: MatchingConfig,
                 lexicon: Lexicon, weights: Mapping[str, float] | None = None,
                 cross: bool = False, anchors: _Anchors | None = None) -> list[list[Claim]]:
    """Groups of claims outside the reference groups carried by >= 2 independent outlets
    (claims in different languages pair by embedding cosine when ``cross``).

    Blocking: when the pool's pair count exceeds ``blocking_max_pairs``, claims
    are only compared within the same claim type."""
    if len(pool) < 2:
        return []
    blocks: list[list[int]]
    if len(pool) ** 2 > config.blocking_max_pairs and config.blocking_by_type:
        by_type: dict[str, list[int]] = {}
        for i, c in enumerate(pool):
            by_type.setdefault(c.type, []).append(i)
        blocks = list(by_type.values())
    else:
        blocks = [list(range(len(pool)))]
    # Pairs of claims of different independent documents that match, joined into
    # connected components in C (a Python union per pair was the hot spot of large
    # events: hundreds of thousands of pairs).
    root_ids = {r: k for k, r in enumerate(sorted(set(roots.values())))}
    pool_root = np.array([root_ids[roots[c.document]] for c in pool], dtype=np.int64)
    edges_a: list[np.ndarray] = []
    edges_b: list[np.ndarray] = []
    for block in blocks:
        if len(block) < 2:
            continue
        norms = [normalize(reading(pool[i]), lexicon) for i in block]
        hit = score_matrix(norms, norms, config, weights=weights) >= config.match_threshold
        langs = [known_language(by_id[pool[i].document]) for i in block]
        if cross and len({x for x in langs if x}) > 1:
            differ = np.array([[a is not None and b is not None and a != b for b in langs]
                               for a in langs], dtype=bool)
            texts = [reading(pool[i]) for i in block]
            cos = cross_scores(texts, texts, config)
            if anchors is not None:
                mine = [pool[i] for i in block]
                cos = np.minimum(1.0, cos + anchors.lift(mine, mine, config.align_anchor_weight))
            hit = np.where(differ, cos >= config.cross_language_threshold, hit)
        a_idx, b_idx = np.nonzero(np.triu(hit, k=1))
        index = np.asarray(block, dtype=np.int64)
        ga, gb = index[a_idx], index[b_idx]
        keep = pool_root[ga] != pool_root[gb]
        edges_a.append(ga[keep])
        edges_b.append(gb[keep])
    n = len(pool)
    ea = np.concatenate(edges_a) if edges_a else np.zeros(0, dtype=np.int64)
    eb = np.concatenate(edges_b) if edges_b else np.zeros(0, dtype=np.int64)
    graph = csr_matrix((np.ones(len(ea), dtype=np.int8), (ea, eb)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    comps: dict[int, list[Claim]] = {}
    for i, c in enumerate(pool):
        comps.setdefault(int(labels[i]), []).append(c)
    out = []
    for comp in comps.values():
        outlets = {by_id[roots[c.document]].outlet if by_id[roots[c.document]].outlet != "unknown"
                   else roots[c.document] for c in comp}
        if len(outlets) >= 2:
            out.append(comp)
    return out

"""Claim alignment within one event: the choice of reference, the language
helpers and the claim groups (:func:`align_event`).

All documents of an event are aligned at once, not one by one against a pivot:
the distinct claim texts are scored pairwise with one similarity in any
language (:func:`compare.align.scoring.similarity_edges`: the multilingual
embedding cosine fused with rapidfuzz's lexical score) and clustered under the
constraint that a document contributes one claim per group
(:mod:`compare.align.grouping`); a claim below ``alignment.threshold`` with
every group stays alone.  Claim types (claim_types.yaml) only label groups.

Reference: the event's primary document (``event.reference``, else a document
whose ``outlet_role`` is ``primary``; ``reference_basis = "primary"``): its
claims are the groups' reference claims, and each of its claims has a group.
With two primary readouts (the pages of both governments) the graph method
takes the one whose claims the other outlets support most
(:func:`compare.align.languages.best_supported_primary`).
With two independent documents and no primary source a majority means
nothing: the earlier published (then the longer) document is the reference
(``reference_basis = "majority"`` with ``event.reference`` set).  Otherwise the
groups carried by a majority of independent outlets become the reference
(``event.reference_basis = "majority"``); a group's reference claim is its most
central claim, preferring a body claim in the main language and a quoted claim
of a document that relays an official source.

Documents in another language are compared when the embedding model is
installed and multilingual (:func:`cross_lingual`); otherwise they are left
out (:func:`other_language`; the flags list them as not compared).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Container, Mapping, Sequence

import attrs
import numpy as np

from compare.align.amounts import same_across
from compare.align.anchors import covers
from compare.align.elsewhere import telling_figures
from compare.align.grouping import BODY, HEADLINE, PART, cluster
from compare.align.languages import (
    UNKNOWN_LANGUAGES,
    _alignable,
    _group_type,
    _relays_official,
    best_supported_primary,
    choose_pair_reference,
    cross_lingual,
    event_documents,
    find_reference,
    known_language,
    languages_differ,
    other_language,
    pivot_applies,
    reading,
    reference_basis,
    reference_language,
)
from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.align.normalize import normalize
from compare.align.pieces import clause_pieces
from compare.align.scoring import best_index, similarity_edges
from compare.core.models import Alignment, Claim, Document, Event

__all__ = ["UNKNOWN_LANGUAGES", "align_event", "choose_pair_reference", "cross_lingual",
           "find_reference", "known_language", "languages_differ", "other_language",
           "reference_language"]

# --------------------------------------------------------------------------- helpers


# --------------------------------------------------------------------------- alignment


def align_event(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                config: MatchingConfig, lexicon: Lexicon) -> tuple[Event, list[Alignment]]:
    """Group the claims of one event's documents that say the same thing (pure).

    Every alignable claim of every document is a candidate, in any language:
    the distinct claim texts are scored pairwise with one similarity
    (:func:`compare.align.scoring.similarity_edges`: embedding cosine fused with
    the rapidfuzz score) and clustered across all documents at once
    (:func:`compare.align.grouping.cluster`: average linkage, one claim per
    document and group, ``alignment.threshold``).  A claim that says nothing
    the others say stays alone (an addition candidate), never pushed into the
    nearest group.  The groups carried by at least two independent outlets are
    alignments; with a reference document every reference claim has a group
    (alone when no one else reports it, so its omission can be flagged).
    Claim types play no part.  ``alignment.method: pivot`` runs the previous
    method instead (:func:`compare.align.pivot.align_pivot`); ``auto`` runs it for
    an event with a primary readout (the readout is the natural pivot) told
    mostly in the readout's language (:func:`compare.align.languages.pivot_applies`)."""
    if pivot_applies(event, list(docs), config):
        from compare.align.pivot import align_pivot

        return align_pivot(event, docs, claims, config, lexicon)
    by_id, claims, order, doc_ids, roots = event_documents(event, docs, claims, config)
    items = sorted((c for c in claims if c.document in by_id and _alignable(c, config)),
                   key=lambda c: (c.text, c.document, c.span[0], c.id))

    if len({roots[d] for d in doc_ids}) < 2:
        # One independent document (and its copies): nothing to compare against.
        return attrs.evolve(event, reference_basis="none"), []
    lang_of = {d: known_language(by_id[d]) or "und" for d in by_id}
    groups, emb_of, attached = _groups(items, config, lexicon, lang_of)
    # The groups do not depend on the reference: with two primary readouts
    # (both governments' pages) the one the other pages support most is it.
    event = attrs.evolve(event, reference=best_supported_primary(
        event, by_id, roots, items, [[c for c in g if c.id not in second]
                                     for g, second in zip(groups, attached, strict=True)]))
    event, reference, _ = reference_basis(event, by_id, doc_ids, roots)
    n_indep = len({roots[d] for d in doc_ids})
    main_lang = reference_language(event, list(by_id.values()))
    need = max(2, math.ceil(config.majority_share * n_indep - 1e-9))
    pos = {c.id: (order.get(c.document, len(order)), c.span[0]) for c in claims}
    chosen: list[tuple[list[Claim], Claim | None]] = []
    for grp, second in zip(groups, attached, strict=True):
        outlets = {_outlet(by_id, roots[c.document]) for c in grp}
        mine = sorted((c for c in grp if c.document == reference),
                      key=lambda c: (c.headline, pos[c.id]))
        if reference is not None:
            if mine:
                chosen.append((grp, mine[0]))
            elif len(outlets) >= 2:
                chosen.append((grp, None))
            continue
        if len(outlets) < 2:
            continue
        # Without a reference, a group is part of the reference when enough
        # outlets carry it; a claim that is a member only as a whole claim's
        # second group (_attach_claims) neither counts towards that support nor
        # becomes the group's reference claim: its outlet's wording was
        # clustered elsewhere.  (Counting them: realdev addition F1 0.372 ->
        # 0.308, below its floor; clause pieces counted as they were.)
        first = [c for c in grp if c.id not in second]
        support = len({roots[c.document] for c in first})
        ref_claim = (_central(first, by_id, emb_of, lexicon, main_lang)
                     if first and support >= need else None)
        chosen.append((grp, ref_claim))

    chosen.sort(key=lambda g: (g[1] is None, pos[(g[1] or min(g[0], key=lambda c: pos[c.id])).id]))
    alignments = []
    for n, (grp, ref_claim) in enumerate(chosen, start=1):
        ids = tuple(c.id for c in sorted(grp, key=lambda c: (pos[c.id], c.id)))
        alignments.append(Alignment(id=f"{event.id}:g{n}", event=event.id, claims=ids,
                                    type=_group_type(grp, ref_claim),
                                    reference_claim=ref_claim.id if ref_claim else None))
    return event, alignments


def _outlet(by_id: Mapping[str, Document], doc_id: str) -> str:
    outlet = by_id[doc_id].outlet
    return doc_id if outlet == "unknown" else outlet


_LIST_AND = re.compile(r",?\s+(?:and|or|as\s+well\s+as)\s+")
_ITEM_STOP = frozenset((
    "about", "on", "upon", "discussed", "discuss", "discusses", "talked", "talk", "spoke",
    "touched", "covered", "including", "such", "as", "of", "with", "to", "at", "in", "over",
    "like", "regarding", "concerning", "for", "from", "by", "during", "between", "that",
    "which", "who", "whom", "whose", "he", "she", "they", "it", "we", "this", "these", "those"))
_WORD = re.compile(r"\w+")
_PAST = re.compile(r"^[a-z]{3,}ed$")  # "reviewed", "agreed": the verb before a list
_EDGE = ".,;:!?\"'”’»)"
_MAX_ITEM_WORDS = 4


def list_parts(text: str, min_items: int = 3) -> list[str]:
    """The claim read once per item of a topic list it names ("... discussed
    trade, fisheries and tourism in Riga" -> "... discussed trade in Riga",
    "... discussed fisheries in Riga", ...), or ``[]`` without such a list.

    A list is at least ``min_items`` items, "A, B(,) and C" (or "A and B"
    when ``min_items`` is 2, with A bounded by a verb or preposition), whose
    middle items have at most four words; the first item is the end of the words before the
    first comma and the last item the start of the words after "and", each
    cut at a preposition, verb or pronoun of :data:`_ITEM_STOP` (or, for the
    first item, a past-tense verb).  Every part
    keeps the claim's subject, verb and the rest of the sentence."""
    matches = list(_LIST_AND.finditer(text))
    for m in reversed(matches):
        head = text[:m.start()]
        pieces = head.split(", ")
        middle: list[str] = []
        while len(pieces) > 1 and 1 <= len(_WORD.findall(pieces[-1])) <= _MAX_ITEM_WORDS:
            middle.insert(0, pieces.pop())
        if len(middle) + 2 < min_items:
            continue
        width = max(len(x.split()) for x in middle) + 1 if middle else _MAX_ITEM_WORDS
        before = ", ".join(pieces).split()
        first: list[str] = []
        while (before and len(first) < width and before[-1].lower() not in _ITEM_STOP
               and not _PAST.match(before[-1])):
            first.insert(0, before.pop())
        if not middle and (not before or len(first) >= width):
            continue  # "A and B" counts only after a verb or preposition that bounds A
        after = text[m.end():].split()
        last: list[str] = []
        tail = ""
        for w in after:
            bare = w.rstrip(_EDGE)
            if len(last) >= _MAX_ITEM_WORDS + 2 or not bare or bare.lower() in _ITEM_STOP:
                break
            last.append(bare)
            if bare != w:
                tail = w[len(bare):]
                break
        if not first or not last:
            continue
        prefix = " ".join(before)
        rest = " ".join(after[len(last):])
        items = [" ".join(first), *middle, " ".join(last)]
        return [" ".join(x for x in (prefix, item + tail, rest) if x) for item in items]
    return []


# Pairs scoring under this share of the lower threshold are no edges (they count
# 0 in a cluster's average).  benchmarks/fit_align.py at the shipped graph
# settings, realdev gold events / realdev pipeline / devset alignment F1:
# 0.5 -> 0.680/0.464/0.845, 0.75 -> 0.683/0.466/0.846, 0.9 -> 0.655/0.451/0.834;
# bench_align_sizes.py 1,000 documents: 30.4 s (0.5) -> 17.0 s (0.75) CPU.
EDGE_FLOOR = 0.75


# The most documents one document is aligned with in order (_orders).
ORDER_PARTNERS = 24


def _orders(keys: Sequence[tuple[str, int]], items: Sequence[Claim],
            lang_of: Mapping[str, str], config: MatchingConfig
            ) -> list[tuple[list[int], list[int]]]:
    """The pairs of documents to align monotonely
    (:func:`compare.align.scoring.similarity_edges`): two documents in
    different known languages, one of them outside the embedding model's
    (:func:`compare.align.anchors.covers`), each document with at most
    :data:`ORDER_PARTNERS` such others; each pair as the node indices of the
    two documents' whole claims, in text order.  Not only against the
    reference (the groups do not depend on it, see :func:`align_event`; an
    event may have none): outlets that follow the readout follow each other,
    and the clustering averages a claim's similarity over its group's members
    (xlfit, order_bonus 0.2, order_length 0.05: alignment F1 0.748 against the
    reference alone,
    0.762 every pair)."""
    if config.align_order_bonus <= 0 or config.align_anchor_weight <= 0:
        return []
    index = {k: i for i, k in enumerate(keys)}
    seqs: dict[str, list[tuple[tuple[int, str], int]]] = {}
    for c in items:
        k = index.get((reading(c), HEADLINE if c.headline else BODY))
        if k is not None:
            seqs.setdefault(c.document, []).append(((c.span[0], c.id), k))
    order = {d: [k for _, k in sorted(v)] for d, v in seqs.items()}
    docs = sorted(order)
    lang = {d: lang_of.get(d, "und") for d in docs}
    known = {d: covers(config.embedding_model, lang[d]) for d in docs}

    def paired(a: str, b: str) -> bool:
        return ("und" not in (lang[a], lang[b]) and lang[a] != lang[b]
                and not (known[a] and known[b]))

    # Each document meets at most ORDER_PARTNERS others (those with the most
    # claims first), so a large event in many languages stays linear in its
    # documents; events of the written sets have fewer documents than that.
    partners: dict[str, list[str]] = {}
    by_size = sorted(docs, key=lambda d: (-len(order[d]), d))
    for a in docs:
        partners[a] = [b for b in by_size if b != a and paired(a, b)][:ORDER_PARTNERS]
    pairs = sorted({tuple(sorted((a, b))) for a in docs for b in partners[a]})
    return [(order[a], order[b]) for a, b in pairs]


def _groups(items: Sequence[Claim], config: MatchingConfig, lexicon: Lexicon,
            lang_of: Mapping[str, str] | None = None
            ) -> tuple[list[list[Claim]], dict[str, np.ndarray], list[frozenset[str]]]:
    """The clusters of ``items`` (sorted canonically), each claim's embedding
    and, per cluster, the claims that are members only as a whole claim's
    second group (:func:`_attach_claims`).

    One node per distinct (text, headline) pair: a sentence repeated by many
    documents is scored once.  A claim that lists several facts or topics
    (:func:`list_parts`) also stands as one node per part, so it can join the
    group of each (a lede "discussed A, B and C" is in the groups of A, B and
    C); its document still gives one claim per group."""
    nodes: dict[tuple[str, int], dict[str, Claim]] = {}
    for c in items:
        nodes.setdefault((reading(c), HEADLINE if c.headline else BODY), {})[c.id] = c
    if config.align_list_items:
        for c in items:
            for part in list_parts(reading(c), config.align_list_items):
                nodes.setdefault((part, PART), {})[c.id] = c
    # Clause pieces (compare/align/pieces.py): the node of each piece of a long
    # body claim, and the whole claims (node keys) it is a piece of.
    piece_of: dict[tuple[str, int], set[tuple[str, int]]] = {}
    if config.align_split_words:
        for c in items:
            if c.headline:
                continue
            whole = (reading(c), BODY)
            for piece in clause_pieces(reading(c), config.align_split_words,
                                       language=(lang_of or {}).get(c.document)):
                nodes.setdefault((piece, PART), {})[c.id] = c
                piece_of.setdefault((piece, PART), set()).add(whole)
    if not nodes:
        return [], {}, []
    keys = sorted(nodes)  # canonical: the groups do not depend on the input order
    node_claims = [sorted(nodes[k].values(), key=lambda c: c.id) for k in keys]
    texts = [t for t, _ in keys]
    heads = [h for _, h in keys]
    lexical = [normalize(t, lexicon).text for t in texts]
    floor = EDGE_FLOOR * min(config.align_threshold, config.align_restatement)
    langs = [(lang_of or {}).get(cs[0].document, "und") for cs in node_claims]
    orders = _orders(keys, items, lang_of or {}, config)
    rows, cols, sims, emb = similarity_edges(texts, lexical, config, floor, groups=langs,
                                             orders=orders)
    # Pieces stay out of the clustering; afterwards each may attach its claim
    # to a second group (_attach_pieces).
    wholes: dict[int, frozenset[int]] = {}
    piece_edges = (rows, cols, sims)
    if piece_of and len(sims):
        index = {k: i for i, k in enumerate(keys)}
        wholes = {index[k]: frozenset(index[w] for w in ws if w in index)
                  for k, ws in piece_of.items()}
        is_piece = np.zeros(len(keys), dtype=bool)
        is_piece[list(wholes)] = True
        out_e = ~(is_piece[rows] | is_piece[cols])
        rows, cols, sims = rows[out_e], cols[out_e], sims[out_e]
    if config.align_part_discount < 1.0 and len(sims):
        # A topic of a list claim is a reading of the claim: it scores its
        # discount.  The piece nodes have lost all their edges above, so the
        # only PART nodes left on an edge are list parts.
        is_part = np.array([h == PART for h in heads])
        sims = np.where(is_part[rows] | is_part[cols], sims * config.align_part_discount, sims
                        ).astype(np.float32)
    sizes = [len(cs) for cs in node_claims]
    node_docs = [frozenset(c.document for c in cs) for cs in node_claims]
    clusters = cluster(sizes, node_docs, heads,
                       rows, cols, sims, config.align_threshold, config.align_restatement,
                       config.align_mutual, config.align_mutual_margin)
    emb_of: dict[str, np.ndarray] = {}
    if emb is not None:
        for k, cs in enumerate(node_claims):
            for c in cs:
                if texts[k] == reading(c):
                    emb_of[c.id] = emb[k]
    seconds: dict[int, list[int]] = {}
    if (config.align_attach > 0 or config.align_headline_attach > 0) and len(sims):
        body_bar = config.align_attach if config.align_attach > 0 else math.inf
        seconds = _attach_claims(clusters, sizes, node_docs, heads,
                                 rows, cols, sims, body_bar, config.align_attach_margin,
                                 config.align_headline_attach, config.align_headline_attach_margin)
    if wholes:
        clusters = _attach_pieces(clusters, wholes, sizes, node_docs,
                                  heads, *piece_edges, config.align_split_attach,
                                  config.align_split_margin)
    clustered = clusters  # before the second groups of whole claims
    if seconds:
        clusters = [sorted({*members, *seconds.get(k, [])}) for k, members in enumerate(clusters)]
    out: list[list[Claim]] = []
    attached: list[frozenset[str]] = []
    for members, first in zip(clusters, clustered, strict=True):
        if all(heads[m] == PART for m in members):
            continue  # a topic of a list claim that joined no group: the claim has its own
        seen: dict[str, Claim] = {}
        for m in members:
            for c in node_claims[m]:
                seen.setdefault(c.id, c)
        out.append(list(seen.values()))
        own = {c.id for m in first for c in node_claims[m]}
        attached.append(frozenset(seen) - own)
    return out, emb_of, attached


@attrs.frozen
class _Groups:
    """What both second-group steps read of the clustering as it stands."""

    where: dict[int, int]  # node -> its cluster
    doc_sets: list[frozenset[str]]  # cluster -> its documents
    eligible: list[bool]  # cluster of at least two documents, holding a body claim
    averages: Callable[[int], dict[int, float]]  # node -> cluster -> average similarity


def _groups_of(clusters: list[list[int]], sizes: Sequence[int], docs: Sequence[frozenset[str]],
               kinds: Sequence[int], rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
               skip: Container[int] = ()) -> _Groups:
    """The tables of :func:`_attach_claims` and :func:`_attach_pieces`: each
    node's cluster, each cluster's documents and whether it may take a second
    member, and a node's average similarity over each cluster's claims
    (weighted by claim count; the nodes in ``skip`` count in no average). Only the
    eligible clusters get averages: no caller reads another's."""
    where = {m: k for k, members in enumerate(clusters) for m in members}
    doc_sets = [frozenset().union(*(docs[m] for m in members)) for members in clusters]
    weight = [sum(sizes[m] for m in members if m not in skip) or 1 for members in clusters]
    eligible = [len(doc_sets[k]) >= 2 and any(kinds[m] == BODY for m in members)
                for k, members in enumerate(clusters)]
    nodes, groups, values = _average_table(len(sizes), where, weight, sizes, rows, cols, sims, skip,
                                           eligible)
    first = np.searchsorted(nodes, np.arange(len(sizes) + 1))

    def averages(node: int) -> dict[int, float]:
        lo, hi = int(first[node]), int(first[node + 1])
        return dict(zip(groups[lo:hi].tolist(), values[lo:hi].tolist(), strict=True))

    return _Groups(where, doc_sets, eligible, averages)


# Entries (an edge read from one end) per np.unique call of _average_table.
AVERAGE_BLOCK = 500_000


def _average_table(n: int, where: Mapping[int, int], weight: Sequence[int], sizes: Sequence[int],
                   rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, skip: Container[int],
                   eligible: Sequence[bool] | None = None,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every node's average similarity over each cluster it has an edge into,
    as three aligned arrays sorted by (node, cluster): node, cluster, average.

    The average over cluster ``k`` of node ``a`` is the sum, over the edges
    (``a``, ``x``) with ``x`` in ``k`` and not in ``skip`` (``a != x``), of
    ``similarity * sizes[x]``, over ``weight[k]``.  The sums are taken in
    double precision in the order of the edge list (``np.bincount`` adds its
    weights in input order), as a loop over the edges adds them, so every
    average is the same float.  The edges are distinct pairs (as
    :func:`similarity_edges` gives them).  With ``eligible`` (per cluster) the
    clusters marked False get no average (their edges are dropped first)."""
    where_of = np.full(n, -1, dtype=np.int64)
    if where:
        where_of[np.fromiter(where.keys(), dtype=np.int64, count=len(where))] = np.fromiter(
            where.values(), dtype=np.int64, count=len(where))
    if eligible is not None and len(eligible):
        # a node in a cluster nobody reads counts as in none
        where_of = np.where(where_of >= 0, np.where(
            np.asarray(eligible, dtype=bool)[np.maximum(where_of, 0)], where_of, -1), -1)
    skipped = np.fromiter((i in skip for i in range(n)), dtype=bool, count=n)
    m = len(rows)
    # Node indices fit 32 bits, and the similarities are widened only once the
    # edges are filtered: the doubled edge list of a large event (millions of
    # edges) is its largest table.
    index = np.int32 if n < 2**31 else np.int64
    src = np.empty(2 * m, dtype=index)
    dst = np.empty(2 * m, dtype=index)
    src[0::2], src[1::2] = rows, cols  # each edge read from both ends, edge by edge
    dst[0::2], dst[1::2] = cols, rows
    keep = (src != dst) & (where_of[dst] >= 0) & ~skipped[dst]
    val = np.repeat(np.asarray(sims), 2)[keep].astype(np.float64)
    src, dst = src[keep], dst[keep]
    val *= np.asarray(sizes, dtype=np.float64)[dst]
    k = where_of[dst]
    del dst, keep
    n_groups = max(1, len(weight))
    # By ranges of source nodes (about AVERAGE_BLOCK entries each): np.unique's
    # sort and inverse over every entry at once were a large event's peak.
    # Each range's keys are sorted and the ranges follow each other, so the
    # concatenation is sorted by (node, cluster) as one np.unique would give.
    parts = max(1, -(-len(src) // AVERAGE_BLOCK))
    bounds = np.linspace(0, n, parts + 1).astype(np.int64)
    keys: list[np.ndarray] = []
    sums: list[np.ndarray] = []
    for lo, hi in itertools.pairwise(bounds):
        sel = np.flatnonzero((src >= lo) & (src < hi)) if parts > 1 else slice(None)
        key, inv = np.unique(src[sel].astype(np.int64) * n_groups + k[sel], return_inverse=True)
        keys.append(key)
        sums.append(np.bincount(inv.ravel(), weights=val[sel], minlength=len(key)))
    key = np.concatenate(keys)
    totals = np.concatenate(sums)
    groups = key % n_groups
    return key // n_groups, groups, totals / np.asarray(weight, dtype=np.float64)[groups]


def _attach_claims(clusters: list[list[int]], sizes: Sequence[int], docs: Sequence[frozenset[str]],
                   kinds: Sequence[int], rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                   bar: float, margin: float, head_bar: float = 0.0,
                   head_margin: float = 0.0) -> dict[int, list[int]]:
    """Second groups of whole claims: cluster index -> the nodes that join it.

    The clustering gives each claim one group (one claim per document and
    group), but a compound claim ("agreed X, and discussed Y") says what two
    groups say.  A body node joins another group (of at least two documents,
    none of them its own, holding a body claim) when its average similarity
    over that group's claims reaches ``bar`` and beats its next best such
    group by ``margin``: the documents of that group, not a phrase list,
    decide.  A headline node does the same at ``head_bar`` and
    ``head_margin`` when ``head_bar`` > 0: titles form groups of their own,
    and a title that says what one body group says joins it.  Averages are
    read from the clustering as it stands (a claim added here counts in no
    other average), so the result does not depend on the order of the nodes."""
    g = _groups_of(clusters, sizes, docs, kinds, rows, cols, sims)
    bars = {BODY: (bar, margin)}
    if head_bar > 0:
        bars[HEADLINE] = (head_bar, head_margin)
    added: dict[int, list[int]] = {}
    for node in range(len(sizes)):
        if kinds[node] not in bars or node not in g.where:
            continue
        least, lead = bars[kinds[node]]
        ranked = sorted(((v, k) for k, v in g.averages(node).items()
                         if k != g.where[node] and g.eligible[k]
                         and not g.doc_sets[k] & docs[node]), reverse=True)
        if not ranked or ranked[0][0] < least:
            continue
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        if ranked[0][0] - second >= lead:
            added.setdefault(ranked[0][1], []).append(node)
    return added


def _attach_pieces(clusters: list[list[int]], wholes: Mapping[int, frozenset[int]],
                   sizes: Sequence[int], docs: Sequence[frozenset[str]], kinds: Sequence[int],
                   rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                   bar: float, margin: float) -> list[list[int]]:
    """The clusters with each clause piece added to the group it says, if any.

    A piece joins the body group (of at least two documents, none of them the
    piece's) where its average similarity over the group's claims reaches
    ``bar``, beats its whole claim's average there by ``margin``, and beats
    its own next best group by ``margin``: the claim is then a member of a
    second group because one of its parts says what that group says."""
    # Only the edges of the pieces and of their whole claims are read; the
    # pieces themselves count in no group's average.
    ends = np.zeros(len(sizes), dtype=bool)
    ends[list(wholes)] = True
    ends[[w for ws in wholes.values() for w in ws]] = True
    touching = ends[rows] | ends[cols]
    g = _groups_of(clusters, sizes, docs, kinds,
                   rows[touching], cols[touching], sims[touching], skip=wholes)
    added: dict[int, list[int]] = {}
    for p in sorted(wholes):
        piece_docs = docs[p]
        own = {g.where[w] for w in wholes[p] if w in g.where}
        ranked = sorted(((v, k) for k, v in g.averages(p).items()
                         if g.eligible[k] and k not in own and not g.doc_sets[k] & piece_docs),
                        reverse=True)
        if not ranked or ranked[0][0] < bar:
            continue
        best, k = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        whole = max((g.averages(w).get(k, 0.0) for w in wholes[p]), default=0.0)
        if best - second >= margin and best - whole >= margin:
            added.setdefault(k, []).append(p)
    return [sorted([*members, *added.get(k, [])]) for k, members in enumerate(clusters)]


def _central(grp: Sequence[Claim], by_id: Mapping[str, Document],
             emb_of: Mapping[str, np.ndarray], lexicon: Lexicon,
             language: str | None = None) -> Claim:
    """The group's reference claim: a body claim in the event's main
    ``language`` first, then a quoted claim of a document relaying an official
    source, then the most central one (highest cosine with the group's mean
    embedding; without the model the longest)."""
    if len(grp) == 1:
        return grp[0]
    vecs = [emb_of.get(c.id) for c in grp]
    if all(v is not None for v in vecs):
        m = np.vstack([v for v in vecs if v is not None])
        central = m @ m.sum(axis=0)
    else:
        central = np.array([len(c.text) for c in grp], dtype=np.float32)

    odd = _figure_outliers(grp, by_id, lexicon)

    def first(i: int) -> tuple[bool, bool, bool, bool]:
        c = grp[i]
        relayed = c.quoted and _relays_official(by_id[c.document], lexicon)
        main = known_language(by_id[c.document]) in (None, language)
        return (not c.headline, c.id not in odd, main, relayed)

    return grp[best_index(len(grp), first, lambda i: float(central[i]), lambda i: grp[i].id)]


def _figure_outliers(grp: Sequence[Claim], by_id: Mapping[str, Document],
                     lexicon: Lexicon) -> frozenset[str]:
    """The members whose telling figures (:func:`compare.align.elsewhere.telling_figures`)
    fewer other members share than the best-supported member's: a member
    that changed the figure the others report is no reference claim, however
    central its wording."""
    figs = {c.id: telling_figures(c, by_id[c.document].language, lexicon) for c in grp}
    with_figs = [c for c in grp if figs[c.id]]
    if len(with_figs) < 3:
        return frozenset()
    support = {c.id: sum(1 for o in with_figs if o.document != c.document and any(
        same_across(a, b) for a in figs[c.id] for b in figs[o.id])) for c in with_figs}
    best = max(support.values())
    return frozenset(c for c, n in support.items() if n < best)

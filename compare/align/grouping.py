"""Claim groups of one event by constrained average-linkage clustering (pure).

The input is a sparse similarity graph over *nodes*: the distinct claim texts
of an event (a text repeated by several documents is one node that carries all
of them).  :func:`cluster` merges the two clusters with the highest average
similarity (over all claim pairs, a pair without an edge counting 0) while that
average reaches ``threshold`` and the two clusters share no document: a
document contributes one claim per group.  Clusters of different kinds
(headline, body) never merge: a title summarises the story and must not pull
the body claims of other documents together.  Afterwards clusters keep merging
at the (higher) ``restatement`` average without those two constraints: a lede
and the paragraph that repeats it, a headline and the claim it sums up, two
groups that a document's compound claim and its restatement split.  Between
the two phases, optionally, two clusters that are each other's clearly best
neighbour merge at a lower average (:func:`_mutual_pairs`): one fact in two
wordings, kept apart because some documents say it in both.

The order of the nodes only breaks exact ties, so callers pass them in a
canonical order (sorted texts) and the groups do not depend on the order of
the documents.  Cost: O(E log E) for E edges plus the merges.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence

import numpy as np

HEADLINE, BODY, PART = 0, 1, 2


def _compatible(a: int, b: int) -> bool:
    """Clusters of equal kinds merge, except parts of list claims, which only
    join body claims (they never make a group of their own)."""
    return (a == b != PART) or {a, b} == {BODY, PART}


# Up to this many nodes the clustering keeps its sums in dense numpy matrices
# (72 MB at 3,000) and scans a cluster's neighbours in C; larger events use
# the sparse dictionaries.  Both make the same merges in the same order.
DENSE_NODES = 3000


def cluster(sizes: Sequence[int], docs: Sequence[frozenset[str]], kinds: Sequence[int],
            rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
            threshold: float, restatement: float, mutual: float = 0.0,
            margin: float = 0.0) -> list[list[int]]:
    """Clusters of node indices (each sorted; clusters in order of their first node).

    ``sizes[i]`` is the number of claims node ``i`` stands for, ``docs[i]``
    their documents and ``kinds[i]`` the node's kind (:data:`HEADLINE`,
    :data:`BODY` or :data:`PART`, see :func:`_compatible`);
    ``rows``, ``cols``, ``sims`` are the edges ``i < j`` with their similarity
    (0..1).  With ``mutual`` > 0, after the constrained merges two clusters
    that are each other's best neighbour merge (whatever their documents and
    kinds) when their average reaches ``mutual`` and beats the next best
    neighbour of each by ``margin`` (:func:`_mutual_pairs`), before the
    restatements."""
    impl = _cluster_dense if len(sizes) <= DENSE_NODES else _cluster_sparse
    return impl(sizes, docs, kinds, rows, cols, sims, threshold, restatement, mutual, margin)


def _cluster_sparse(sizes: Sequence[int], docs: Sequence[frozenset[str]], kinds: Sequence[int],
                    rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                    threshold: float, restatement: float, mutual: float = 0.0,
                    margin: float = 0.0) -> list[list[int]]:
    n = len(sizes)
    size = [float(s) for s in sizes]
    members: list[list[int]] = [[i] for i in range(n)]
    doc_sets: list[frozenset[str]] = list(docs)
    alive = [True] * n
    kind = list(kinds)
    # nb[a][b]: sum over claim pairs of the two clusters of their similarity.
    nb: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(rows.tolist(), cols.tolist(), sims.tolist(), strict=True):
        if i == j:
            continue
        w = size[i] * size[j] * s
        nb[i][j] = nb[i].get(j, 0.0) + w
        nb[j][i] = nb[j].get(i, 0.0) + w

    def join(a: int, b: int) -> int:
        """Merge clusters ``a`` and ``b``; returns the one kept."""
        keep, gone = (a, b) if (len(members[a]), -a) >= (len(members[b]), -b) else (b, a)
        alive[gone] = False
        members[keep].extend(members[gone])
        members[gone] = []
        doc_sets[keep] = doc_sets[keep] | doc_sets[gone]
        kind[keep] = min(kind[keep], kind[gone]) if PART in (kind[keep], kind[gone]) \
            else kind[keep]
        size[keep] += size[gone]
        del nb[keep][gone]
        for x, w in nb[gone].items():
            if x == keep:
                continue
            nb[x].pop(gone, None)
            total = nb[keep].get(x, 0.0) + w
            nb[keep][x] = total
            nb[x][keep] = total
        nb[gone] = {}
        return keep

    def merge_all(bar: float, constrained: bool) -> None:
        """Merge the best pair while its average reaches ``bar`` (phase 1:
        compatible kinds, no shared document; phase 2, restatements: any pair)."""
        def allowed(a: int, b: int) -> bool:
            return not constrained or (_compatible(kind[a], kind[b])
                                       and not doc_sets[a] & doc_sets[b])

        def best(a: int) -> tuple[float, int, int] | None:
            """The heap entry of cluster ``a``: its best allowed neighbour."""
            top: tuple[float, int] | None = None
            for x, w in nb[a].items():
                avg = w / (size[a] * size[x])
                if avg >= bar and (top is None or (avg, -x) > (top[0], -top[1])) \
                        and allowed(a, x):
                    top = (avg, x)
            return None if top is None else (-top[0], a, top[1])

        def current(a: int, b: int, neg: float) -> bool:
            return (alive[b] and b in nb[a] and allowed(a, b)
                    and abs(nb[a][b] / (size[a] * size[b]) + neg) <= 1e-9)

        _best_first(range(n), alive, best, current, join)

    merge_all(threshold, True)
    if mutual > 0:
        # Mutual best neighbours: one fact told in two wordings that formed two
        # groups (documents that say it twice, in a lede and a quotation, sit in
        # both, so the one-claim-per-document rule kept them apart).  Neither
        # documents nor kinds bar this merge; the margin does: each group must
        # prefer the other clearly to every other group.
        _mutual_merges(lambda: {a: {x: w / (size[a] * size[x]) for x, w in nb[a].items()}
                                for a in range(n) if alive[a]}, mutual, margin, join,
                       lambda a: kind[a] == PART)
    # Restatements: a claim (or group) that repeats another within a document
    # (a lede and its paragraph, a headline and the body) joins it.
    merge_all(restatement, False)
    roots = [i for i in range(n) if alive[i]]
    out = [sorted(members[i]) for i in roots if members[i]]
    out.sort(key=lambda m: m[0])
    return out


def _cluster_dense(sizes: Sequence[int], docs: Sequence[frozenset[str]], kinds: Sequence[int],
                   rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                   threshold: float, restatement: float, mutual: float = 0.0,
                   margin: float = 0.0) -> list[list[int]]:
    """:func:`cluster` with the sums in an n x n matrix (same float64
    operations as the dictionaries, so the same averages and merges)."""
    n = len(sizes)
    size = np.array([float(s) for s in sizes], dtype=np.float64)
    members: list[list[int]] = [[i] for i in range(n)]
    names = sorted({d for ds in docs for d in ds})
    col = {d: k for k, d in enumerate(names)}
    doc_of = np.zeros((n, max(1, len(names))), dtype=bool)
    for i, ds in enumerate(docs):
        doc_of[i, [col[d] for d in ds]] = True
    alive = np.ones(n, dtype=bool)
    kind = np.array(list(kinds), dtype=np.int64)
    # total[a, b]: sum over claim pairs of the two clusters of their similarity;
    # edge[a, b]: the two clusters have a pair with an edge.
    total = np.zeros((n, n), dtype=np.float64)
    edge = np.zeros((n, n), dtype=bool)
    keep_edges = rows != cols
    r, c = rows[keep_edges].astype(np.int64), cols[keep_edges].astype(np.int64)
    w = size[r] * size[c] * np.asarray(sims)[keep_edges].astype(np.float64)
    np.add.at(total, (r, c), w)  # in edge order, as the dictionaries add them
    np.add.at(total, (c, r), w)
    edge[r, c] = True
    edge[c, r] = True

    def join(a: int, b: int) -> int:
        """Merge clusters ``a`` and ``b``; returns the one kept."""
        keep, gone = (a, b) if (len(members[a]), -a) >= (len(members[b]), -b) else (b, a)
        alive[gone] = False
        members[keep].extend(members[gone])
        members[gone] = []
        doc_of[keep] |= doc_of[gone]
        if PART in (kind[keep], kind[gone]):
            kind[keep] = min(kind[keep], kind[gone])
        size[keep] += size[gone]
        edge[keep, gone] = edge[gone, keep] = False
        total[keep, gone] = total[gone, keep] = 0.0
        moved = np.flatnonzero(edge[gone])
        moved = moved[moved != keep]
        summed = total[keep, moved] + total[gone, moved]
        total[keep, moved] = summed
        total[moved, keep] = summed
        edge[keep, moved] = True
        edge[moved, keep] = True
        edge[gone, :] = False
        edge[:, gone] = False
        total[gone, :] = 0.0
        total[:, gone] = 0.0
        return keep

    def merge_all(bar: float, constrained: bool) -> None:
        def allowed_among(a: int, cand: np.ndarray) -> np.ndarray:
            """Which of the clusters ``cand`` may merge with ``a`` (only those
            are computed: the whole row was quadratic in a large event)."""
            if not constrained:
                return np.asarray(alive[cand], dtype=bool)
            ka, kc = kind[a], kind[cand]
            ok = ((kc == ka) & (ka != PART)) | ((ka == BODY) & (kc == PART)) \
                | ((ka == PART) & (kc == BODY))
            return np.asarray(ok & alive[cand] & ~(doc_of[cand] @ doc_of[a]), dtype=bool)

        def allowed(a: int, b: int) -> bool:
            return not constrained or (_compatible(int(kind[a]), int(kind[b]))
                                       and not bool((doc_of[a] & doc_of[b]).any()))

        def best(a: int) -> tuple[float, int, int] | None:
            cand = np.flatnonzero(edge[a])
            if not len(cand):
                return None
            avg = total[a, cand] / (size[a] * size[cand])
            ok = avg >= bar
            cand, avg = cand[ok], avg[ok]
            if not len(cand):
                return None
            ok = allowed_among(a, cand)
            cand, avg = cand[ok], avg[ok]
            if not len(cand):
                return None
            top = avg.max()
            x = int(cand[avg == top][0])
            return (-float(top), a, x)

        def current(a: int, b: int, neg: float) -> bool:
            return bool(alive[b] and edge[a, b] and allowed(a, b)
                        and abs(float(total[a, b]) / (float(size[a]) * float(size[b])) + neg) <= 1e-9)

        _best_first(range(n), alive, best, current, join)

    merge_all(threshold, True)
    if mutual > 0:  # as in _cluster_sparse
        _mutual_merges(lambda: {a: {x: float(total[a, x]) / (float(size[a]) * float(size[x]))
                                    for x in np.flatnonzero(edge[a]).tolist()}
                                for a in np.flatnonzero(alive).tolist()}, mutual, margin, join,
                       lambda a: bool(kind[a] == PART))
    merge_all(restatement, False)
    out = [sorted(members[i]) for i in range(n) if alive[i] and members[i]]
    out.sort(key=lambda m: m[0])
    return out


_Entry = tuple[float, int, int]  # (-average, cluster, its best allowed neighbour)


def _best_first(nodes: Iterable[int], alive: Sequence[bool] | np.ndarray,
                best: Callable[[int], _Entry | None], current: Callable[[int, int, float], bool],
                join: Callable[[int, int], int]) -> None:
    """Merge the best pair first while any is left (both clusterings).

    One heap entry per cluster (its best neighbour, :func:`best`), refreshed when
    popped stale (``current`` is false: the neighbour merged, was ruled out or its
    average changed): average linkage never rises above the better of the two
    merged clusters, so an entry is an upper bound of its cluster's pairs."""
    heap = [e for e in (best(a) for a in nodes if alive[a]) if e is not None]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not alive[a]:
            continue
        fresh = best(join(a, b)) if current(a, b, neg) else best(a)
        if fresh is not None:
            heapq.heappush(heap, fresh)


def _mutual_merges(averages: Callable[[], dict[int, dict[int, float]]], bar: float, margin: float,
                   join: Callable[[int, int], int], parts_only: Callable[[int], bool]) -> None:
    """Join the pairs of :func:`_mutual_pairs` of the current averages until none is left.

    A cluster of list parts alone (``parts_only``: topics of list claims that
    joined no group) is no group: :func:`compare.align.alignment._groups`
    drops it, so here it neither merges nor counts as a rival that takes a
    group's margin.  It used to: such a topic, read by itself, scores close to
    the group its whole claim is in, and two groups of one fact stayed apart
    (benchmarks/fit_align.py --grid mutual: realdev alignment P/R/F1
    0.872/0.756/0.810 -> 0.879/0.770/0.821 at the shipped mutual 0.45 and
    margin 0.04; see matching.yaml)."""
    def avg() -> dict[int, dict[int, float]]:
        return {a: {x: v for x, v in row.items() if not parts_only(x)}
                for a, row in averages().items() if not parts_only(a)}

    while pairs := _mutual_pairs(avg(), bar, margin):
        for a, b in pairs:
            join(a, b)


def _mutual_pairs(avg: dict[int, dict[int, float]], bar: float, margin: float
                  ) -> list[tuple[int, int]]:
    """The pairs ``(a, b)``, ``a < b``, of clusters that are each other's best
    neighbour in ``avg`` (cluster -> allowed neighbour -> average similarity),
    whose average reaches ``bar`` and exceeds the second best average of each
    of the two by at least ``margin`` (a cluster without a second neighbour
    counts 0).  The pairs are disjoint."""
    top: dict[int, tuple[float, int, float]] = {}
    for a, row in avg.items():
        if not row:
            continue
        # the first two of the row sorted by (-average, neighbour), without the sort
        best = max(row.values())
        tied = [x for x, v in row.items() if v == best]
        if len(tied) > 1:
            second = best
        elif len(row) > 1:
            second = max(v for x, v in row.items() if x != tied[0])
        else:
            second = 0.0
        top[a] = (best, min(tied), second)
    out = []
    for a, (s, b, second) in sorted(top.items()):
        if a < b and b in top and top[b][1] == a and s >= bar \
                and s - second >= margin and s - top[b][2] >= margin:
            out.append((a, b))
    return out

"""The array form of the second-group averages (alignment._groups_of) pinned to
the loop over the edges it replaced: every average is the same float."""

from __future__ import annotations

from collections.abc import Container, Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import alignment
from compare.align.alignment import _groups_of
from compare.align.grouping import BODY, HEADLINE


def _loop_averages(clusters: list[list[int]], sizes: Sequence[int], rows: np.ndarray,
                   cols: np.ndarray, sims: np.ndarray, skip: Container[int]
                   ) -> dict[int, dict[int, float]]:
    """The averages as the loop over the edges computed them (main d12fe91)."""
    look: dict[int, dict[int, float]] = {}
    for a, b, v in zip(rows.tolist(), cols.tolist(), sims.tolist(), strict=True):
        if a != b:
            look.setdefault(a, {})[b] = v
            look.setdefault(b, {})[a] = v
    where = {m: k for k, members in enumerate(clusters) for m in members}
    weight = [sum(sizes[m] for m in members if m not in skip) or 1 for members in clusters]
    out: dict[int, dict[int, float]] = {}
    for node in range(len(sizes)):
        totals: dict[int, float] = {}
        for x, v in look.get(node, {}).items():
            k = where.get(x)
            if k is not None and x not in skip:
                totals[k] = totals.get(k, 0.0) + v * sizes[x]
        out[node] = {k: t / weight[k] for k, t in totals.items()}
    return out


@st.composite
def _graphs(draw: st.DrawFn) -> tuple[list[list[int]], list[int], np.ndarray, np.ndarray,
                                      np.ndarray, frozenset[int]]:
    n = draw(st.integers(1, 14))
    sizes = draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
                          .filter(lambda p: p[0] < p[1]), unique=True, max_size=40))
    sims = draw(st.lists(st.floats(0.0, 1.0, width=32), min_size=len(pairs),
                         max_size=len(pairs)))
    label = draw(st.lists(st.integers(-1, 4), min_size=n, max_size=n))  # -1: in no cluster
    clusters = [[i for i in range(n) if label[i] == k] for k in range(5)]
    clusters = [c for c in clusters if c]
    skip = frozenset(draw(st.lists(st.integers(0, n - 1), max_size=4)))
    rows = np.array([a for a, _ in pairs], dtype=np.int64)
    cols = np.array([b for _, b in pairs], dtype=np.int64)
    if draw(st.booleans()):  # the edges may come in any order, either end first
        rows, cols = cols, rows
    return clusters, sizes, rows, cols, np.array(sims, dtype=np.float32), skip


@settings(max_examples=400, deadline=None)
@given(graph=_graphs(), kinds_seed=st.lists(st.integers(0, 1), min_size=14, max_size=14),
       block=st.sampled_from([1, 3, 500_000]))
def test_averages_are_the_loops_floats(graph: tuple[list[list[int]], list[int], np.ndarray,
                                                    np.ndarray, np.ndarray, frozenset[int]],
                                       kinds_seed: list[int], block: int) -> None:
    clusters, sizes, rows, cols, sims, skip = graph
    docs = [frozenset({f"d{i % 3}"}) for i in range(len(sizes))]
    kinds = [HEADLINE if k == 0 else BODY for k in kinds_seed[:len(sizes)]]
    saved = alignment.AVERAGE_BLOCK
    alignment.AVERAGE_BLOCK = block  # the table by ranges of nodes gives the same floats
    try:
        g = _groups_of(clusters, sizes, docs, kinds, rows, cols, sims, skip=skip)
    finally:
        alignment.AVERAGE_BLOCK = saved
    want = _loop_averages(clusters, sizes, rows, cols, sims, skip)
    for node in range(len(sizes)):
        got = g.averages(node)
        # only the clusters that may take a second member get averages (no caller
        # reads another's)
        assert got == {k: v for k, v in want[node].items() if g.eligible[k]}
        assert all(type(v) is float and type(k) is int for k, v in got.items())


def test_no_edges_and_no_clusters() -> None:
    empty = np.zeros(0, dtype=np.int64)
    g = _groups_of([], [1, 2], [frozenset({"a"}), frozenset({"b"})], [0, 0], empty, empty,
                   np.zeros(0, dtype=np.float32))
    assert g.averages(0) == {} and g.averages(1) == {}


def _sorted_mutual_pairs(avg: dict[int, dict[int, float]], bar: float, margin: float
                         ) -> list[tuple[int, int]]:
    """grouping._mutual_pairs as it was (main d12fe91): each row sorted."""
    top: dict[int, tuple[float, int, float]] = {}
    for a, row in avg.items():
        if not row:
            continue
        ranked = sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        top[a] = (ranked[0][1], ranked[0][0], second)
    out = []
    for a, (s, b, second) in sorted(top.items()):
        if a < b and b in top and top[b][1] == a and s >= bar \
                and s - second >= margin and s - top[b][2] >= margin:
            out.append((a, b))
    return out


_AVERAGES = st.sampled_from([0.0, 0.25, 0.5, 0.5, 0.7, 1.0]) | st.floats(0.0, 1.0)


@settings(max_examples=400, deadline=None)
@given(rows=st.dictionaries(st.integers(0, 9), st.dictionaries(st.integers(0, 9), _AVERAGES,
                                                               max_size=6), max_size=10),
       bar=st.sampled_from([0.0, 0.3, 0.5, 0.7]), margin=st.sampled_from([0.0, 0.05, 0.2]))
def test_mutual_pairs_without_sorting_are_the_sorted_ones(
        rows: dict[int, dict[int, float]], bar: float, margin: float) -> None:
    from compare.align.grouping import _mutual_pairs

    avg = {a: {x: v for x, v in row.items() if x != a} for a, row in rows.items()}
    assert _mutual_pairs(avg, bar, margin) == _sorted_mutual_pairs(avg, bar, margin)


@settings(max_examples=300, deadline=None)
@given(tokens=st.lists(st.sampled_from(["the", "talks", "in", "the_gulf", "region", "wider",
                                        "asia", "и", "регион"]), max_size=12),
       phrase=st.lists(st.sampled_from(["the", "talks", "region", "wider", "asia", "регион"]),
                       min_size=1, max_size=3).map(tuple))
def test_a_phrase_is_found_only_when_all_its_words_are_there(tokens: list[str],
                                                             phrase: tuple[str, ...]) -> None:
    # discrepancies._drift checks the words before scanning for the phrase
    from compare.align.persons import has_phrase

    present = set(tokens)
    assert (all(w in present for w in phrase) and has_phrase(tokens, phrase)) == has_phrase(tokens, phrase)

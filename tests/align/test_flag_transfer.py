"""The transfer study of the flag confidence model (benchmarks/flag_transfer.py)
and the target sets of benchmarks/fitting.py's logistic fit, on made-up rows."""

from __future__ import annotations

import numpy as np
import pytest
from bench_helpers import benchmark
from hypothesis import given, settings
from hypothesis import strategies as st


def _rows(seed: int, n: int, base: float) -> tuple[list[dict[str, float]], list[int]]:
    """Omission rows whose feature x raises the odds of being right; ``base``
    sets the share of right flags of the set (its intercept)."""
    rng = np.random.default_rng(seed)
    rows, y = [], []
    for _ in range(n):
        x = float(rng.normal())
        rows.append({"om": 1.0, "x": x})
        y.append(int(rng.random() < 1 / (1 + np.exp(-(base + 1.5 * x)))))
    return rows, y


def test_several_target_sets_keep_the_mean_of_their_intercepts() -> None:
    mod = benchmark("fitting")
    a, ya = _rows(1, 300, 1.5)
    b, yb = _rows(2, 300, -1.5)
    strata = ["setA:om"] * 300 + ["setB:om"] * 300
    only_a = dict(mod.fit_logistic(a + b, ya + yb, 1.0, strata, ("setA",)).weights)
    only_b = dict(mod.fit_logistic(a + b, ya + yb, 1.0, strata, ("setB",)).weights)
    both = dict(mod.fit_logistic(a + b, ya + yb, 1.0, strata, ("setA", "setB")).weights)
    assert only_a["om"] > 1.0 > -1.0 > only_b["om"]
    assert both["om"] == pytest.approx((only_a["om"] + only_b["om"]) / 2, abs=2e-4)
    # the shared weight is the same whichever intercept the model keeps
    assert only_a["x"] == pytest.approx(only_b["x"]) == pytest.approx(both["x"])
    # the default target is realdev: a set named so keeps its own intercept
    real = ["realdev:om"] * 300 + ["setB:om"] * 300
    assert dict(mod.fit_logistic(a + b, ya + yb, 1.0, real).weights)["om"] == pytest.approx(
        only_a["om"], abs=2e-4)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 1)), min_size=1, max_size=60))
def test_brier_and_reliability_gap_are_bounded(pairs: list[tuple[float, int]]) -> None:
    mod = benchmark("flag_transfer")
    p = [a for a, _ in pairs]
    y = [b for _, b in pairs]
    brier, gap = mod.brier_gap(p, y)
    assert 0.0 <= brier <= 1.0 and 0.0 <= gap <= 1.0
    # a perfectly sure and right model has neither error nor gap
    assert mod.brier_gap(y, y) == (0.0, 0.0)


def test_reliability_gap_reads_bins_of_five_flags_or_more() -> None:
    mod = benchmark("flag_transfer")
    # five flags said 0.75 of which one is right: a gap of 0.55; four flags said
    # 0.05 all right are too few to count
    p = [0.75] * 5 + [0.05] * 4
    y = [1, 0, 0, 0, 0, 1, 1, 1, 1]
    _, gap = mod.brier_gap(p, y)
    assert gap == pytest.approx(0.55)

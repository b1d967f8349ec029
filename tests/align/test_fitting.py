"""The fitting helpers of benchmarks/fitting.py (out-of-fold predictions over
repeated draws of grouped folds, the cut choice), on made-up flags."""

from __future__ import annotations

import numpy as np
from bench_helpers import benchmark
from hypothesis import given, settings
from hypothesis import strategies as st

fitting = benchmark("fitting")


def flags(n: int, seed: int = 3) -> tuple[list[dict[str, float]], list[int], list[str]]:
    """Rows whose one feature predicts the label with noise, in groups of three."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = [int(v + rng.normal(scale=0.8) > 0) for v in x]
    rows = [{"om": 1.0, "signal": float(v)} for v in x]
    return rows, y, [f"g{i // 3}" for i in range(n)]


def test_one_draw_is_the_mean_of_itself_and_repeats_average_the_logits() -> None:
    rows, y, groups = flags(60)
    one = fitting.out_of_fold(rows, y, groups, l2=1.0, logits=True, repeats=1, seed=14)
    other = fitting.out_of_fold(rows, y, groups, l2=1.0, logits=True, repeats=1, seed=15)
    both = fitting.out_of_fold(rows, y, groups, l2=1.0, logits=True, repeats=2, seed=14)
    np.testing.assert_allclose(both, (one + other) / 2, atol=1e-9)
    # the probabilities are the logistic function of the averaged logits
    prob = fitting.out_of_fold(rows, y, groups, l2=1.0, repeats=2, seed=14)
    np.testing.assert_allclose(prob, 1 / (1 + np.exp(-both)), atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=12, max_value=40), st.integers(min_value=0, max_value=1000))
def test_the_averaged_logits_lie_within_the_draws(n: int, seed: int) -> None:
    rows, y, groups = flags(n, seed % 7)
    if len(set(y)) < 2:
        return
    draws = [fitting.out_of_fold(rows, y, groups, l2=3.0, logits=True, seed=seed + r)
             for r in range(3)]
    mean = fitting.out_of_fold(rows, y, groups, l2=3.0, logits=True, repeats=3, seed=seed)
    lo, hi = np.min(draws, axis=0), np.max(draws, axis=0)
    assert np.all(mean >= lo - 1e-9) and np.all(mean <= hi + 1e-9)


def test_the_cut_is_the_most_recall_at_the_target_precision() -> None:
    curve = [(0.5, 0.70, 0.50, 80), (0.6, 0.81, 0.40, 60), (0.7, 0.85, 0.30, 40),
             (0.8, 1.00, 0.05, 5)]
    assert fitting.choose_cut(curve) == (0.6, True)
    # none reaches the target: the surest precision over at least MIN_CUT_FLAGS flags
    low = [(0.5, 0.70, 0.50, 80), (0.6, 0.75, 0.40, 60), (0.8, 1.00, 0.05, 5)]
    assert fitting.choose_cut(low) == (0.6, False)

"""The fitting helpers of benchmarks/fit_flags.py (not a test): a logistic
regression with one intercept per stratum, grouped out-of-fold predictions,
the choice of the L2 strength and of the default cut, and the figures that
judge a fit (AUC, Wilson bound, reliability).  Pure functions of their
arguments; fit_flags.py runs the pipeline and writes the model."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
from scipy.optimize import minimize

from compare.align.flagmodel import Logistic

TARGET_PRECISION = 0.8  # issue 14: realdev precision >= 0.8 at the default cut
# A cut is judged on at least this many realdev flags (fewer: precision is noise).
MIN_CUT_FLAGS = 10
# L2 strengths tried; the one with the lowest out-of-fold Brier score is used.
# The grid reaches past the chosen strength: on 2026-12-07 (main 788468d) 300
# was its top; extended, the confidence model's out-of-fold Brier on realdev
# (folds by claim group) was 0.2389 at 100, 0.2366 at 300, 0.2382 at 1000,
# 0.2395 at 3000, 0.2400 at 10000 (AUC 0.637/0.633/0.625/0.618/0.615, by event
# 0.624/0.624/0.612/0.611/0.610): 300 is an interior minimum, a stronger prior
# ranks worse.
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)
# The flag families (omission ``om``, possibly_truncated ``pt``, pair ``pr``,
# addition ``ad``): each family's indicator is its intercept, one per set
# (:func:`fit_logistic`).
FAMILIES = ("om", "pt", "pr", "ad")
# The set whose family intercepts the written model keeps (real pages).
TARGET_SET = "realdev"
# The seed of the first draw of grouped folds (later draws take the next seeds).
FOLD_SEED = 14


# --------------------------------------------------------------------------- logistic regression


def fit_logistic(rows: Sequence[Mapping[str, float]], y: Sequence[int],
                 l2: float = 1.0, strata: Sequence[str] | None = None,
                 target: Sequence[str] = (TARGET_SET,)) -> Logistic:
    """L2-penalised logistic regression on standardised features (folded back
    into the weights).

    With ``strata`` (``"set:family"`` per row, see :func:`stratum`) each
    stratum has its own unpenalised intercept and the features share their
    weights: the weights must explain which flags are right *within* a set,
    not that the hand-written devset's flags are nearly all right (one pooled
    intercept let the devset's share of right flags drive the weights, and
    the fit ranked realdev's flags backwards in sample: AUC 0.33).  The
    returned model keeps the intercepts of the ``target`` sets (default
    :data:`TARGET_SET`; several: the mean of theirs) as the weights of the
    family indicators (``FAMILIES``)."""
    names = sorted({k for r in rows for k in r if strata is None or k not in FAMILIES})
    x = np.array([[r.get(k, 0.0) for k in names] for r in rows], dtype=float).reshape(
        len(rows), len(names))
    t = np.asarray(y, dtype=float)
    keys = sorted(set(strata)) if strata is not None else ["*"]
    of = np.array([keys.index(g) for g in (strata if strata is not None else ["*"] * len(rows))])
    # features centred within each stratum (fixed effects: the strata's
    # differences are their intercepts' alone), scaled by the pooled spread
    means = np.array([x[of == k].mean(axis=0) for k in range(len(keys))]).reshape(
        len(keys), len(names))
    centred = x - means[of]
    std = centred.std(axis=0)
    std[std < 1e-9] = 1.0
    z = centred / std
    k = len(keys)
    s_of = np.zeros((len(rows), k))
    s_of[np.arange(len(rows)), of] = 1.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        logit = z @ w[k:] + s_of @ w[:k]
        p = 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
        eps = 1e-12
        nll = -np.sum(t * np.log(p + eps) + (1 - t) * np.log(1 - p + eps))
        # a faint penalty on the intercepts keeps a stratum of one class finite
        nll += 0.5 * l2 * float(w[k:] @ w[k:]) + 0.5e-3 * float(w[:k] @ w[:k])
        g = p - t
        grad = np.concatenate([s_of.T @ g + 1e-3 * w[:k], z.T @ g + l2 * w[k:]])
        return float(nll), grad

    res = minimize(loss, np.zeros(len(names) + k), jac=True, method="L-BFGS-B",
                   options={"maxiter": 5000, "ftol": 1e-13, "gtol": 1e-9})
    w = res.x[k:] / std
    # each stratum's intercept on the raw features
    inter = {key: float(res.x[i] - np.sum(w * means[i])) for i, key in enumerate(keys)}
    weights = [(n, round(float(v), 4)) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-4]
    if strata is None:
        return Logistic(round(inter["*"], 4), tuple(weights))
    for fam in FAMILIES:
        own = [v for key, v in inter.items() if key in {f"{t}:{fam}" for t in target}]
        # a family the target set lacks: the mean of its intercepts elsewhere
        any_set = [v for key, v in inter.items() if key.endswith(f":{fam}")]
        if own or any_set:
            weights.append((fam, round(float(np.mean(own or any_set)), 4)))
    return Logistic(0.0, tuple(sorted(weights)))


def stratum(set_name: str, features: Mapping[str, float]) -> str:
    """The intercept stratum of a flag: its set and family."""
    fam = next((f for f in FAMILIES if features.get(f, 0.0) > 0.5), "other")
    return f"{set_name}:{fam}"


def grouped_folds(groups: Sequence[str], folds: int, repeats: int, seed: int
                  ) -> Iterator[tuple[list[int], list[int]]]:
    """(train, test) row indices of ``folds`` folds keeping each group's rows
    together, drawn ``repeats`` times (seeds ``seed``, ``seed + 1``, ...); folds
    that leave an empty side are skipped."""
    keys = sorted(set(groups))
    for r in range(repeats):
        rng = np.random.default_rng(seed + r)
        fold_of = {k: int(i) % folds
                   for i, k in zip(rng.permutation(len(keys)), keys, strict=True)}
        for k in range(folds):
            train = [i for i, g in enumerate(groups) if fold_of[g] != k]
            test = [i for i, g in enumerate(groups) if fold_of[g] == k]
            if train and test:
                yield train, test


def out_of_fold(rows: Sequence[Mapping[str, float]], y: Sequence[int], groups: Sequence[str],
                l2: float = 1.0, folds: int = 5, logits: bool = False,
                strata: Sequence[str] | None = None,
                target: Sequence[str] = (TARGET_SET,), repeats: int = 1,
                seed: int = FOLD_SEED) -> np.ndarray:
    """Predictions (or logits) of models fitted without the row's group.

    With ``repeats`` > 1 the grouped folds are drawn ``repeats`` times (seeds
    ``seed``, ``seed + 1``, ...) and each row gets the mean of its out-of-fold
    logits (the probability of that mean): one draw of five folds over two
    claim-gold events decides which flags share a fold, and the cut chosen
    from one draw moved between seeds (fit_flags.REPEATS has the sweep)."""
    total = np.zeros(len(rows))
    for train, test in grouped_folds(groups, folds, repeats, seed):
        if len({y[i] for i in train}) < 2:
            continue
        m = fit_logistic([rows[i] for i in train], [y[i] for i in train], l2,
                         None if strata is None else [strata[i] for i in train], target)
        for i in test:
            total[i] += m.logit(rows[i])
    mean = total / max(1, repeats)
    if logits:
        return mean
    return 1.0 / (1.0 + np.exp(-np.clip(mean, -30.0, 30.0)))


# L2 strengths tried for the offsets of :func:`fit_offsets` (raw 0/1 features,
# a few dozen flags: the grid reaches down to a weak prior).
OFFSET_L2_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


def fit_offsets(rows: Sequence[Mapping[str, float]], y: Sequence[int],
                base: Sequence[float], l2: float) -> Logistic:
    """Weights (no intercept) of a logistic regression of ``y`` on ``rows`` with
    ``base`` (another model's logits) as a fixed offset, L2-penalised on the raw
    features: what the features add to, or take from, that model's logit."""
    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(k, 0.0) for k in names] for r in rows], dtype=float).reshape(
        len(rows), len(names))
    t = np.asarray(y, dtype=float)
    z0 = np.asarray(base, dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-np.clip(z0 + x @ w, -30, 30)))
        eps = 1e-12
        nll = -np.sum(t * np.log(p + eps) + (1 - t) * np.log(1 - p + eps)) + 0.5 * l2 * float(w @ w)
        return float(nll), x.T @ (p - t) + l2 * w

    res = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B",
                   options={"maxiter": 5000, "ftol": 1e-13, "gtol": 1e-9})
    return Logistic(0.0, tuple((n, round(float(v), 4)) for n, v in zip(names, res.x, strict=True)
                               if abs(v) >= 1e-4))


def offsets_out_of_fold(rows: Sequence[Mapping[str, float]], y: Sequence[int],
                        base: Sequence[float], groups: Sequence[str], l2: float,
                        folds: int = 5, repeats: int = 1, seed: int = FOLD_SEED) -> np.ndarray:
    """Out-of-fold probabilities of :func:`fit_offsets` (grouped folds drawn
    ``repeats`` times, logits averaged, as :func:`out_of_fold`)."""
    total = np.zeros(len(rows))
    for train, test in grouped_folds(groups, folds, repeats, seed):
        m = fit_offsets([rows[i] for i in train], [y[i] for i in train],
                        [base[i] for i in train], l2)
        for i in test:
            total[i] += base[i] + m.logit(rows[i])
    mean = total / max(1, repeats)
    return 1.0 / (1.0 + np.exp(-np.clip(mean, -30.0, 30.0)))


def rescale(model: Logistic, platt: Logistic) -> Logistic:
    """``model`` with its logit mapped through ``platt`` (a * logit + b), folded
    into the weights."""
    a = dict(platt.weights).get("logit", 0.0)
    return Logistic(round(a * model.intercept + platt.intercept, 4),
                    tuple((n, round(a * w, 4)) for n, w in model.weights))


def choose_l2(rows: Sequence[Mapping[str, float]], y: Sequence[int], groups: Sequence[str],
              what: str, strata: Sequence[str] | None = None,
              target: Sequence[str] = (TARGET_SET,), quiet: bool = False,
              repeats: int = 1, seed: int = FOLD_SEED,
              ) -> tuple[float, np.ndarray]:
    """The L2 strength of :data:`L2_GRID` with the lowest out-of-fold Brier score
    (with ``strata``: on the ``target`` sets' rows)."""
    best: tuple[float, float, np.ndarray] | None = None
    t = np.asarray(y, dtype=float)
    for l2 in L2_GRID:
        pred = out_of_fold(rows, y, groups, l2, strata=strata, target=target,
                           repeats=repeats, seed=seed)
        # with strata the model predicts for the target sets: judge it there
        on = (np.array([g.split(":")[0] in target for g in strata]) if strata is not None
              else np.ones(len(t), dtype=bool))
        brier = float(np.mean((pred[on] - t[on]) ** 2))
        if not quiet:
            print(f"  {what}: L2 {l2:g}: out-of-fold Brier {brier:.4f}")
        if best is None or brier < best[1] - 1e-9:
            best = (l2, brier, pred)
    assert best is not None
    return best[0], best[2]


def choose_cut(curve: Sequence[tuple[float, ...]]) -> tuple[float, bool]:
    """The default cut from the out-of-fold sweep (cut, micro P, micro R, flags,
    and optionally the omissions on gold truncated pairs at or above the cut):
    the one with the highest recall among those with at least
    :data:`MIN_CUT_FLAGS` flags and precision >= :data:`TARGET_PRECISION` (ties:
    the lower cut).  An omission on a gold truncated pair already counts as a
    false flag in that precision; it is printed, not a further condition: on
    realdev every such omission sits on one excerpt the tool cannot see as cut,
    so a condition on them fitted the cut to that one file (see the closing
    note of issue 14).  When none reaches the target, the cut whose precision
    is surest: the highest Wilson lower bound (95 %) of its precision over its
    flags (the most precise cut alone jumped between refits: 10 flags at 0.9 beat
    40 at 0.85).  Second value: whether the target was reached."""
    enough = [c for c in curve if int(c[3]) >= MIN_CUT_FLAGS] or list(curve)
    ok = [c for c in enough if c[1] >= TARGET_PRECISION]
    if ok:
        return max(ok, key=lambda c: (c[2], -c[0]))[0], True
    return max(enough, key=lambda c: (wilson_low(c[1], int(c[3])), -c[0]))[0], False


def wilson_low(p: float, n: int, z: float = 1.96) -> float:
    """The lower end of the Wilson score interval of a proportion ``p`` over ``n``."""
    if n <= 0:
        return 0.0
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def auc(score: Sequence[float], y: Sequence[int]) -> float:
    """Probability that a right flag scores above a wrong one (ties count half)."""
    s = np.asarray(score, dtype=float)
    t = np.asarray(y, dtype=bool)
    pos, neg = s[t], s[~t]
    if not len(pos) or not len(neg):
        return float("nan")
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))


def reliability_lines(pred: Sequence[float], y: Sequence[int]) -> list[str]:
    lines = []
    for b in range(10):
        lo, hi = b / 10, (b + 1) / 10
        idx = [i for i, p in enumerate(pred) if lo <= p < hi or (b == 9 and p >= 1.0)]
        if idx:
            mp = float(np.mean([pred[i] for i in idx]))
            ob = float(np.mean([y[i] for i in idx]))
            mark = "" if len(idx) < 10 or abs(mp - ob) <= 0.1 else "  <- off by > 0.1"
            lines.append(f"  [{lo:.1f},{hi:.1f})  n={len(idx):4d}  predicted {mp:.3f}  "
                         f"observed {ob:.3f}{mark}")
    return lines

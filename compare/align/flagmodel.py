"""The fitted models of the flags stage (``rules/flag_model.yaml``).

Two logistic models, both fitted on gold by ``benchmarks/fit_flags.py`` (which
prints the sweeps and writes the file; never edit the numbers by hand):

* ``scope``: the probability that a claim is about the event itself (what was
  said or agreed, who called, how long) and not background, a reaction, a
  later event, page furniture or a caption.  A claim below
  ``scope.threshold`` cannot be an addition.
* ``addition.said_elsewhere``: not a model but a fitted threshold: a claim
  whose closest claim in another independent document of the event (embedding
  cosine of what alignment reads, or the word score, whichever is higher)
  reaches it is news the outlets share that alignment did not group, not an
  addition of one outlet.
* ``omission.unrelayed_share``: a fitted threshold too: in an event without
  the primary readout, a claim group that no outlet credits to an official
  source or quotes needs this share of the outlets before the others are
  blamed for leaving it out (an outlet's own lead or background, picked up
  by a few, is no claim of the event the others omit).
* ``confidence``: the probability that a flag is right.  It becomes the flag's
  ``score``; the report lists flags at or above ``default_cut`` and folds the
  rest into a "low confidence" section.  Each flag family (``om`` omission,
  ``pt`` possibly_truncated, ``pr`` pair, ``ad`` addition) has its own
  intercept, the weight of its indicator feature; the fit gives every set
  (realdev, devset) its own intercepts and keeps realdev's.

Features are named floats (:mod:`compare.align.flagfeatures`); a feature the
model does not know weighs nothing, a weight without a feature is ignored, so
an old model file keeps working after features are added.  Weights apply to the
raw feature values (the fitting script folds its standardisation into them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from attrs import frozen

from compare.core.errors import RuleError, RuleProblem
from compare.core.rulefiles import RuleFile, default_rules_dir, load_rule_file


@frozen
class Logistic:
    """p = 1 / (1 + exp(-(intercept + sum(weight * feature))))."""

    intercept: float = 0.0
    weights: tuple[tuple[str, float], ...] = ()

    def logit(self, features: Mapping[str, float]) -> float:
        return self.intercept + sum(w * features.get(name, 0.0) for name, w in self.weights)

    def predict(self, features: Mapping[str, float]) -> float:
        z = max(-30.0, min(30.0, self.logit(features)))
        return 1.0 / (1.0 + math.exp(-z))


@frozen
class FlagModel:
    # None: every claim counts as about the event (no scope gate).
    scope: Logistic | None = None
    scope_threshold: float = 0.5
    # None: a flag's score stays its rule score (uncalibrated).
    confidence: Logistic | None = None
    default_cut: float = 0.0
    # None: any claim outside the reference groups may be an addition.
    said_elsewhere: float | None = None
    # None: any reference claim group may give omissions.
    unrelayed_share: float | None = None

    def carried(self, primary: bool, relayed: bool, share: float) -> bool:
        """Whether a claim group may give omissions: the primary readout's, relayed
        by an outlet (credited to an official source or quoted), or carried by at
        least ``unrelayed_share`` of the outlets."""
        return (primary or relayed or self.unrelayed_share is None
                or share >= self.unrelayed_share - 1e-9)

    def said_elsewhere_by(self, similarity: float) -> bool:
        """Whether a claim this close to another document's claim is shared news."""
        return self.said_elsewhere is not None and similarity >= self.said_elsewhere

    def in_scope(self, features: Mapping[str, float]) -> bool:
        return self.scope is None or self.scope.predict(features) >= self.scope_threshold

    def scope_probability(self, features: Mapping[str, float]) -> float:
        return 1.0 if self.scope is None else self.scope.predict(features)


def _logistic(rf: RuleFile, key: str, problems: list[RuleProblem]) -> Logistic | None:
    raw = rf.data.get(key)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(rf.problem((key,), "must be a mapping with intercept and weights"))
        return None
    intercept = raw.get("intercept", 0.0)
    weights = raw.get("weights") or {}
    if isinstance(intercept, bool) or not isinstance(intercept, int | float):
        problems.append(rf.problem((key, "intercept"), "expected a number"))
        return None
    if not isinstance(weights, dict):
        problems.append(rf.problem((key, "weights"), "must map feature names to numbers"))
        return None
    out: list[tuple[str, float]] = []
    for name, w in weights.items():
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w):
            problems.append(rf.problem((key, "weights", str(name)), "expected a number"))
            continue
        out.append((str(name), float(w)))
    return Logistic(float(intercept), tuple(sorted(out)))


def _unit(rf: RuleFile, path: tuple[str, ...], default: float,
          problems: list[RuleProblem]) -> float:
    node: Any = rf.data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if node is None:
        return default
    if isinstance(node, bool) or not isinstance(node, int | float) or not 0 <= node <= 1:
        problems.append(rf.problem(path, "expected a number between 0 and 1"))
        return default
    return float(node)


def parse_flag_model(rf: RuleFile) -> FlagModel:
    """Parse ``flag_model.yaml``; raises :class:`RuleError` naming file, line and path."""
    problems: list[RuleProblem] = []
    scope = _logistic(rf, "scope", problems)
    confidence = _logistic(rf, "confidence", problems)
    threshold = _unit(rf, ("scope", "threshold"), 0.5, problems)
    cut = _unit(rf, ("default_cut",), 0.0, problems)
    elsewhere = _unit(rf, ("addition", "said_elsewhere"), -1.0, problems)
    unrelayed = _unit(rf, ("omission", "unrelayed_share"), -1.0, problems)
    if problems:
        raise RuleError(problems)
    return FlagModel(scope, threshold, confidence, cut,
                     said_elsewhere=None if elsewhere < 0 else elsewhere,
                     unrelayed_share=None if unrelayed < 0 else unrelayed)


@cache
def default_flag_model() -> FlagModel:
    """The shipped model (``compare/default_rules/flag_model.yaml``)."""
    return parse_flag_model(load_rule_file("flag_model", [default_rules_dir()]))


def default_cut() -> float:
    """The shipped default confidence cut of the report."""
    return default_flag_model().default_cut

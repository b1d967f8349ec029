"""Fit the alignment settings of matching.yaml (``alignment:``) on claim gold (a
script, not a test): prints the sweep that chose them.

Both gold sets are read as a user runs them (realdev with its manifest, the
devset with the seeds), documents are prepared and claims extracted once by the
pipeline's own stages, and then every setting of the sweep aligns each event
and is scored with the ``eval`` metrics (alignment pair P/R/F1 over gold
mentions, :func:`compare.evaluation.metrics.score_report`).

Two clusterings of documents into events are scored:

* ``gold``: the gold events (isolates the alignment from the clustering,
  whose misses cap alignment recall: a gold pair split over two predicted
  events cannot be found);
* ``pipeline``: the events ``outlet-compare run`` forms.

    .venv/bin/python benchmarks/fit_align.py [--realdev ../shared/realdev]
        [--devset ../shared/devset] [--quick] [--grid center]

The multilingual set of the repository (tests/data/multiling, read with its
manifest) is scored beside them; the settings are ranked by the mean
alignment F1 (gold events) of the three sets.  ``--grid center`` sweeps the
common-component removal (``alignment.center``) with the thresholds around it.

Nothing of the gold sets is stored in the repository: they are read from
``../shared`` and the script stops when they are absent.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from compare.align.alignment import align_event
from compare.align.matching import MatchingConfig
from compare.claims.extract import extract_claims
from compare.core.models import Alignment, Claim, Document, Event, Report
from compare.evaluation.evaluate import gold_inputs
from compare.evaluation.gold import Gold, load_gold
from compare.evaluation.metrics import match_documents, score_report
from compare.events.cluster import cluster_documents
from compare.ingest.read import read_inputs
from compare.pipeline import DEFAULT_MAX_BYTES, prepare_documents
from compare.rules import Rules, compile_rules

ROOT = Path(__file__).resolve().parent.parent
MULTILING = ROOT / "tests" / "data" / "multiling"


@attrs.frozen
class Prepared:
    name: str
    gold: Gold
    docs: tuple[Document, ...]
    # clustering name -> events with their documents and claims
    events: dict[str, list[tuple[Event, list[Document], list[Claim]]]]


def prepare(name: str, gold_path: Path, rules: Rules, manifest: Path | None,
            seeds: Path | None) -> Prepared:
    gold = load_gold(gold_path, seeds)
    paths = [gold_path.parent / "docs"] if manifest is not None else gold_inputs(gold)
    sources, _ = read_inputs(paths, manifest=manifest, max_bytes=DEFAULT_MAX_BYTES)
    docs = prepare_documents(sources, rules)
    claims_of = {d.id: extract_claims(d, rules.claim_types) for d in docs}
    out: dict[str, list[tuple[Event, list[Document], list[Claim]]]] = {}
    # pipeline clustering
    events, pdocs = cluster_documents(docs)
    by_id = {d.id: d for d in pdocs}
    out["pipeline"] = [(ev, [by_id[i] for i in ev.documents],
                        [attrs.evolve(c, event=ev.id) for i in ev.documents
                         for c in claims_of[i]]) for ev in events]
    # gold clustering (events with claim gold only)
    matched = match_documents(docs, gold)
    members: dict[str, list[Document]] = defaultdict(list)
    for gd in gold.documents:
        ev_id = gd.event
        if ev_id and gold.event(ev_id).claims and gd.file in matched:
            members[ev_id].append(attrs.evolve(matched[gd.file], event_id=ev_id))
    gev = []
    for ev_id, ds in sorted(members.items()):
        ev = Event(id=ev_id, date=gold.event(ev_id).date, label=ev_id, kind="call",
                   participants=(), documents=tuple(d.id for d in ds))
        gev.append((ev, ds, [attrs.evolve(c, event=ev_id) for d in ds for c in claims_of[d.id]]))
    out["gold"] = gev
    return Prepared(name, gold, tuple(docs), out)


def score(p: Prepared, clustering: str, config: MatchingConfig, rules: Rules
          ) -> tuple[float, float, float]:
    events: list[Event] = []
    claims: list[Claim] = []
    aligns: list[Alignment] = []
    docs_by_id = {d.id: d for d in p.docs}
    for ev, ds, cs in p.events[clustering]:
        ev2, al = align_event(ev, ds, cs, config, rules.lexicon)
        events.append(ev2)
        claims.extend(cs)
        aligns.extend(al)
        for d in ds:
            docs_by_id[d.id] = d
    report = Report(tool_version="fit", documents=tuple(docs_by_id.values()),
                    events=tuple(events), claims=tuple(claims), alignments=tuple(aligns))
    s = score_report(report, p.gold)
    m = s.metrics
    return m["alignment.p"], m["alignment.r"], m["alignment.f1"]


def load_sets(args: argparse.Namespace, rules: Rules) -> list[Prepared] | None:
    """realdev (with its manifest), the devset (with the seeds) and multiling,
    prepared; None (and one line on stderr) when a gold set is absent."""
    if not (args.realdev / "gold.yaml").exists() or not (args.devset / "gold.yaml").exists():
        print("gold sets not found (../shared/realdev, ../shared/devset)", file=sys.stderr)
        return None
    return [prepare("realdev", args.realdev / "gold.yaml", rules,
                    args.realdev / "manifest.csv", None),
            prepare("devset", args.devset / "gold.yaml", rules, None, args.seeds),
            prepare("multiling", MULTILING / "gold.yaml", rules, MULTILING / "manifest.csv", None)]


# The axes of the sweep, in the order of a row.
AXES = ("scorers", "weights", "thresholds", "restatements", "splits", "centers", "bonuses",
        "discounts", "mutuals", "shares", "pieces", "attaches", "heads")


def shipped_axes(base: MatchingConfig) -> dict[str, list[Any]]:
    """Every axis of the sweep (:data:`AXES`) held at its shipped value."""
    return {"scorers": [base.align_scorer], "weights": [base.align_lexical_weight],
            "thresholds": [base.align_threshold], "restatements": [base.align_restatement],
            "splits": [base.align_list_items], "centers": [base.align_center],
            "bonuses": [base.align_cross_language_bonus],
            "discounts": [base.align_part_discount],
            "mutuals": [(base.align_mutual, base.align_mutual_margin)],
            "shares": [base.align_pivot_language_share],
            "pieces": [(base.align_split_words, base.align_split_attach, base.align_split_margin)],
            "attaches": [(base.align_attach, base.align_attach_margin)],
            "heads": [(base.align_headline_attach, base.align_headline_attach_margin)]}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--quick", action="store_true", help="a coarser grid")
    ap.add_argument("--grid", choices=("full", "center", "parts", "clauses", "mutual", "method", "split",
                                       "attach", "headline", "around"),
                    default="full",
                    help="center: alignment.center x threshold x cross_language_bonus; "
                         "parts: list_part_discount at the settings of matching.yaml; "
                         "clauses: threshold x restatement x list_items with the shipped method "
                         "(auto) on the clause-level claims; mutual: the mutual-best pass "
                         "(alignment.mutual x mutual_margin) at the shipped settings; method: "
                         "alignment.pivot_language_share (auto: pivot or graph per event); "
                         "split: clause pieces (split_words x split_attach x split_margin); "
                         "attach: second groups of whole claims (attach x attach_margin); "
                         "headline: second groups of headline claims (headline_attach x "
                         "headline_attach_margin); "
                         "around: each shipped setting moved one step either way, one at a time "
                         "(how flat the optimum is)")
    ap.add_argument("--method", choices=("auto", "graph", "pivot"), default=None,
                    help="with --grid mutual/clauses: this method instead of the shipped one "
                         "(graph: every event of the three sets clustered, a check of the "
                         "graph settings on the sets whose events have a readout)")
    args = ap.parse_args(argv)
    if args.grid == "around":
        return around(args)
    rules = compile_rules([])
    t0 = time.perf_counter()
    sets = load_sets(args, rules)
    if sets is None:
        return 1
    print(f"prepared in {time.perf_counter() - t0:.1f}s")
    base = rules.matching
    ax = shipped_axes(base)
    ax.update(scorers=["ratio", "token_set_ratio"],
              weights=[0.0, 0.25, 0.5, 0.75] if not args.quick else [0.0, 0.5],
              thresholds=[0.4, 0.45, 0.5] if not args.quick else [0.45],
              restatements=[0.6, 0.7], splits=[0, 2, 3] if not args.quick else [3],
              centers=[0.0], bonuses=[0.0])
    method = "graph"
    if args.grid == "center":
        ax.update(scorers=["token_set_ratio"], weights=[0.75], restatements=[0.7], splits=[2],
                  thresholds=[0.35, 0.4, 0.45, 0.5], centers=[0.0, 0.6, 0.8],
                  bonuses=[0.0, 0.05, 0.1, 0.15, 0.2])
    if args.grid in ("parts", "clauses", "mutual", "method", "split", "attach", "headline"):
        ax = shipped_axes(base)
        method = "auto" if args.grid == "method" else base.align_method
    if args.grid == "parts":
        method = "graph"
        ax["discounts"] = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]
    if args.grid == "clauses":
        ax.update(thresholds=[0.35, 0.4, 0.45, 0.5], restatements=[0.6, 0.7], splits=[0, 2])
    if args.grid == "mutual":
        ax["mutuals"] = [(0.0, 0.0)] + [(m, g) for m in (0.3, 0.45, 0.55)
                                        for g in (0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.1)]
    if args.grid == "method":
        ax["shares"] = [0.0, 0.25, 0.34, 0.5, 0.67, 0.8, 1.0]
    if args.grid == "split":
        ax["pieces"] = [(0, 0.6, 0.0)] + [(k, a, g) for k in (4, 5, 6)
                                          for a in (0.5, 0.55, 0.6, 0.65) for g in (0.0, 0.05, 0.1)]
    if args.grid == "attach":
        ax["attaches"] = [(0.0, 0.0)] + [(a, g) for a in (0.5, 0.55, 0.6, 0.65, 0.7)
                                         for g in (0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2)]
    if args.grid == "headline":
        ax["heads"] = [(0.0, 0.0)] + [(a, g) for a in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
                                      for g in (0.0, 0.02, 0.04, 0.06, 0.1)]
    if args.method is not None and args.grid in ("mutual", "clauses", "split", "attach",
                                                 "headline"):
        method = args.method
    print(f"method {method}")
    print("scorer            w     t     r  list  c    x    part mutual/margin"
          " | realdev(gold ev) P/R/F1 | realdev(pipeline) P/R/F1 | devset(gold ev) P/R/F1"
          " | devset(pipeline) F1 | multiling(gold ev) P/R/F1"
          " | multiling(pipeline) F1 | mean F1 (gold ev) | pivot share | pieces words/attach/margin"
          " | attach/margin | headline attach/margin")
    rows = []
    for scorer, w, t, r, split, c, x, pd, (mu, mm), share, (pw, pa, pm), (at, ag), (ha, hg) in \
            itertools.product(*(ax[k] for k in AXES)):
        if w == 0.0 and scorer != ax["scorers"][0]:
            continue  # the scorer plays no part without lexical weight
        cfg = attrs.evolve(base, align_method=method, align_scorer=scorer, align_lexical_weight=w,
                           align_threshold=t, align_restatement=r, align_list_items=split,
                           align_center=c, align_center_by_language=True,
                           align_cross_language_bonus=x, align_part_discount=pd,
                           align_mutual=mu, align_mutual_margin=mm,
                           align_pivot_language_share=share, align_split_words=pw,
                           align_split_attach=pa, align_split_margin=pm,
                           align_attach=at, align_attach_margin=ag,
                           align_headline_attach=ha, align_headline_attach_margin=hg)
        rg = score(sets[0], "gold", cfg, rules)
        rp = score(sets[0], "pipeline", cfg, rules)
        dg = score(sets[1], "gold", cfg, rules)
        dp = score(sets[1], "pipeline", cfg, rules)
        mg = score(sets[2], "gold", cfg, rules)
        mp = score(sets[2], "pipeline", cfg, rules)
        mean = (rg[2] + dg[2] + mg[2]) / 3
        rows.append((mean, scorer, w, t, r, split, c, x, pd, mu, mm, share, pw, pa, pm, at, ag,
                     ha, hg))
        print(f"{scorer:16} {w:4.2f} {t:5.2f} {r:5.2f} {split:5d} {c:4.2f} {x:4.2f} {pd:4.2f}"
              f" {mu:4.2f}/{mm:4.2f} | {rg[0]:.3f}/{rg[1]:.3f}"
              f"/{rg[2]:.3f}     | {rp[0]:.3f}/{rp[1]:.3f}/{rp[2]:.3f}       | {dg[0]:.3f}/{dg[1]:.3f}"
              f"/{dg[2]:.3f}    | {dp[2]:.3f}              | {mg[0]:.3f}/{mg[1]:.3f}/{mg[2]:.3f}"
              f"      | {mp[2]:.3f}                  | {mean:.3f}             | {share:.2f}"
              f"        | {pw}/{pa:.2f}/{pm:.2f}                | {at:.2f}/{ag:.2f}"
              f" | {ha:.2f}/{hg:.2f}", flush=True)
    pivot = attrs.evolve(base, align_method="pivot")
    print("pivot method (before): " + " | ".join(
        "{}/{}: {:.3f}/{:.3f}/{:.3f}".format(p.name, c, *score(p, c, pivot, rules))
        for p in sets for c in ("gold", "pipeline")))
    rows.sort(reverse=True)
    print("best (mean of realdev, devset and multiling alignment F1, gold events):")
    for mean, scorer, w, t, r, split, c, x, pd, mu, mm, share, pw, pa, pm, at, ag, ha, hg \
            in rows[:5]:
        print(f"  {scorer} w={w} t={t} r={r} list_items={split} center={c}"
              f" cross_language_bonus={x} list_part_discount={pd} mutual={mu}"
              f" mutual_margin={mm} pivot_language_share={share} split_words={pw}"
              f" split_attach={pa} split_margin={pm} attach={at} attach_margin={ag}"
              f" headline_attach={ha} headline_attach_margin={hg}: {mean:.3f}")
    return 0


# One step either way of each shipped alignment setting (--grid around).
STEPS: dict[str, float] = {
    "align_threshold": 0.05, "align_restatement": 0.05, "align_lexical_weight": 0.05,
    "align_center": 0.1, "align_mutual": 0.05, "align_mutual_margin": 0.01,
    "align_split_attach": 0.05, "align_attach": 0.05, "align_attach_margin": 0.05,
    "align_headline_attach": 0.05, "align_headline_attach_margin": 0.02,
}


def around(args: argparse.Namespace) -> int:
    """Print the shipped settings' figures and those with one setting moved one
    step (:data:`STEPS`) down and up: alignment P/R/F1 of pipeline events."""
    rules = compile_rules([])
    sets = load_sets(args, rules)
    if sets is None:
        return 1
    base = rules.matching

    def line(label: str, cfg: MatchingConfig) -> float:
        out = [score(p, "pipeline", cfg, rules) for p in sets]
        print(f"{label:32} " + " | ".join(f"{p.name} {r[0]:.3f}/{r[1]:.3f}/{r[2]:.3f}"
                                           for p, r in zip(sets, out, strict=True)), flush=True)
        return out[0][2]

    shipped = line("shipped", base)
    worst = shipped
    for name, step in STEPS.items():
        for sign in (-1, 1):
            value = round(getattr(base, name) + sign * step, 4)
            if not 0.0 <= value <= 1.0:
                continue
            f1 = line(f"{name} {value:g}", attrs.evolve(base, **{name: value}))
            worst = min(worst, f1)
    print(f"realdev F1: shipped {shipped:.3f}, lowest one step away {worst:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

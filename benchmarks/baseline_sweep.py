"""Sweep the embed baseline's ``same`` cosine (faithful vs wording_drift) on the devset and,
when it is beside the project, realdev run with its manifest (not a test).

The ``match`` threshold is fixed at 0.5 (issue 13's plain embedding baseline); ``same``
only moves pairs between faithful and wording_drift, so the sweep prints the flag
scores that depend on it.  The tool is run once per set; each cut re-runs the baseline
(embeddings are cached).

    .venv/bin/python benchmarks/baseline_sweep.py [--devset DIR] [--realdev DIR] [--seeds DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from compare.evaluation.baselines import DEFAULT_THRESHOLDS, Thresholds, check_baseline, run_baseline
from compare.evaluation.evaluate import analyse_paths, gold_inputs
from compare.evaluation.gold import load_gold
from compare.evaluation.metrics import score_report

ROOT = Path(__file__).resolve().parent.parent
CUTS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
SHOWN = ("flags.wording_drift.p", "flags.wording_drift.r", "flags.wording_drift.f1",
         "flags.micro.p", "flags.micro.r", "flags.micro.f1")


def sweep(name: str, gold_path: Path, seeds: Path | None, manifest: Path | None) -> None:
    gold = load_gold(gold_path, seeds)
    report = analyse_paths(gold_inputs(gold), (), manifest)
    match = DEFAULT_THRESHOLDS["embed"].match
    print(f"\n{name}: embed baseline, match {match}")
    print("same  " + "  ".join(f"{m[6:]:>18}" for m in SHOWN))
    for same in CUTS:
        m = score_report(run_baseline(report, "embed", Thresholds(match=match, same=same)), gold).metrics
        print(f"{same:<5} " + "  ".join(f"{m[k]:>18.3f}" for k in SHOWN))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = ap.parse_args()
    check_baseline("embed")
    if (args.devset / "gold.yaml").is_file():
        sweep("devset", args.devset / "gold.yaml", args.seeds, None)
    if (args.realdev / "gold.yaml").is_file():
        manifest = args.realdev / "manifest.csv"
        sweep("realdev (--manifest)", args.realdev / "gold.yaml", None,
              manifest if manifest.is_file() else None)


if __name__ == "__main__":
    main()

"""Sweep ``majority_share`` of matching.yaml (not a test): without a primary readout, a
claim group is part of the reference (has a reference claim, so its absence in a
document is an omission and a claim outside every such group an addition candidate)
when at least this share of the event's independent outlets carries it.

Each value is layered over the shipped rules (a temporary rules folder holding only
``majority_share``) and scored with ``eval`` as a user runs it: realdev with its
manifest, the devset with ./seeds, the multilingual set of the repository with its
manifest, and the evalset.  Alignment pairs do not depend on the value (only which
groups have a reference claim), so the sweep prints the flag scores.

    .venv/bin/python benchmarks/sweep_majority.py [--values 0.3,0.4,0.5]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from compare.evaluation.evaluate import EvalOptions, run_eval

ROOT = Path(__file__).resolve().parent.parent
SHOWN = ("alignment.f1", "flags.omission.f1", "flags.addition.p", "flags.addition.r", "flags.addition.f1",
         "flags.micro.p", "flags.micro.r", "flags.micro.f1")


def sets(realdev: Path, devset: Path) -> list[tuple[str, Path, Path | None, Path | None]]:
    """(name, gold, manifest, seeds) of the sets that are present."""
    out: list[tuple[str, Path, Path | None, Path | None]] = []
    if (realdev / "gold.yaml").is_file():
        out.append(("realdev", realdev / "gold.yaml", realdev / "manifest.csv", None))
    if (devset / "gold.yaml").is_file():
        out.append(("devset", devset / "gold.yaml", None, ROOT / "seeds"))
    ml = ROOT / "tests" / "data" / "multiling"
    out.append(("multiling", ml / "gold.yaml", ml / "manifest.csv", None))
    out.append(("evalset", ROOT / "tests" / "data" / "evalset" / "gold.yaml", None, None))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--values", default="0.3,0.35,0.4,0.45,0.5,0.6")
    args = ap.parse_args()
    values = [float(v) for v in args.values.split(",")]
    sweep(sets(args.realdev, args.devset), "majority_share", [str(v) for v in values], SHOWN)


def sweep(all_sets: list[tuple[str, Path, Path | None, Path | None]], key: str, values: list[str],
          shown: tuple[str, ...]) -> None:
    """Print ``shown`` for each set and each value of the matching.yaml ``key``, every value
    layered over the shipped rules (a temporary rules folder holding only that key)."""
    print(f"set        {key:>14}  " + "  ".join(f"{m.replace('flags.', ''):>14}" for m in shown))
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold, manifest, seeds in all_sets:
            for v in values:
                rules = Path(tmp) / f"r{v}"
                rules.mkdir(exist_ok=True)
                (rules / "matching.yaml").write_text(f"{key}: {v}\n", encoding="utf-8")
                res = run_eval(EvalOptions(gold=gold, manifest=manifest, seeds_dir=seeds,
                                           rules_dirs=(rules,), out=Path(tmp) / "eval.json"))
                m = res.metrics["tool"]
                print(f"{name:10} {v:>14}  " + "  ".join(f"{m[k]:>14.3f}" for k in shown), flush=True)

if __name__ == "__main__":
    main()

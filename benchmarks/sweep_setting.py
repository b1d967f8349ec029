"""Sweep one setting of matching.yaml (not a test) on every claim-gold set and
print the flag figures the issue-14 rule of keeping a change looks at: micro
P/R at no cut and at the shipped cut, omission P/R and alignment F1.

Each value is layered over the shipped rules (a temporary rules folder holding
only that key) and scored with ``eval`` as a user runs it: realdev with its
manifest, the devset with ./seeds, the multilingual set and the worldset of
the repository with their manifests, and the evalset.

    .venv/bin/python benchmarks/sweep_setting.py --key omission_cover --values 0.4,0.5,0.6,0.7
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sweep_majority import ROOT, sets, sweep

SHOWN = ("alignment.f1", "flags.omission.p", "flags.omission.r", "flags.micro.p",
         "flags.micro.r", "flags.micro.f1", "flags.at_cut.micro.p", "flags.at_cut.micro.r")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--key", required=True, help="a top-level key of matching.yaml")
    ap.add_argument("--values", required=True, help="comma-separated values")
    args = ap.parse_args()
    values = args.values.split(",")
    ws = ROOT / "tests" / "data" / "worldset"
    all_sets = [*sets(args.realdev, args.devset),
                ("worldset", ws / "gold.yaml", ws / "manifest.csv", None)]
    sweep(all_sets, args.key, values, SHOWN)


if __name__ == "__main__":
    main()

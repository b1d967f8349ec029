"""Sweep the lead-embedding join of clustering (``cluster.LEAD_JOIN``, ``LEAD_MARGIN``).

Documents in different languages that name nobody share no topic words, so clustering
joins them on the cosine of their leads' embeddings (title and start of the text).
Our sets name the principals of almost every document, so the join never fires on
them as they are; to see what it does where titles go unrecognised (a language whose
titles the tool does not know), each set is also scored with the participants of
every document outside its commonest language blanked ("foreign nobody"), and with
the participants of every document blanked ("all nobody", the hardest case: only
dates, topic words and leads are left).

Prints B-cubed F1 per set and variant for the join off and each value:

    .venv/bin/python benchmarks/lead_join_sweep.py [--realdev ../shared/realdev] [--devset ../shared/devset]

The shipped value is the middle of the flat best stretch over all rows, not a peak.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare import __version__  # noqa: E402
from compare.core.models import Document, Report  # noqa: E402
from compare.evaluation.evaluate import gold_inputs  # noqa: E402
from compare.evaluation.gold import Gold, find_seeds_dir, load_gold  # noqa: E402
from compare.evaluation.metrics import score_report  # noqa: E402
from compare.events import cluster  # noqa: E402
from compare.events.cluster import cluster_documents  # noqa: E402
from compare.ingest.read import read_inputs  # noqa: E402
from compare.pipeline import DEFAULT_MAX_BYTES, lead_encoder, prepare_documents  # noqa: E402
from compare.rules import compile_rules  # noqa: E402

JOINS = (None, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
MARGINS = (0.0, 0.05, 0.1, 0.2)


def blanked(docs: Sequence[Document], which: str) -> list[Document]:
    """``docs`` with the participants of the foreign (or all) documents removed."""
    if which == "as is":
        return list(docs)
    top = Counter(d.language for d in docs).most_common(1)[0][0]
    return [attrs.evolve(d, participants=()) if which == "all nobody" or d.language != top else d for d in docs]


class Set:
    def __init__(self, gold_path: Path, manifest: Path | None) -> None:
        seeds = find_seeds_dir(gold_path, ROOT / "seeds")
        self.gold: Gold = load_gold(gold_path, seeds)
        sources, _ = read_inputs(gold_inputs(self.gold), manifest=manifest, max_bytes=DEFAULT_MAX_BYTES)
        self.docs = prepare_documents(sources, compile_rules([]))

    def f1(self, docs: Sequence[Document], encode: cluster.Encoder | None) -> float:
        events, out = cluster_documents(docs, encode)
        report = Report(tool_version=__version__, documents=tuple(out), events=tuple(events))
        return float(score_report(report, self.gold).metrics["cluster.bcubed_f1"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    args = ap.parse_args()
    sets: dict[str, Set] = {}
    if (args.realdev / "gold.yaml").is_file():
        sets["realdev"] = Set(args.realdev / "gold.yaml", args.realdev / "manifest.csv")
    if (args.devset / "gold.yaml").is_file():
        sets["devset"] = Set(args.devset / "gold.yaml", None)
    ml = ROOT / "tests" / "data" / "multiling"
    sets["multiling"] = Set(ml / "gold.yaml", ml / "manifest.csv")
    encode = lead_encoder(compile_rules([]))
    if encode is None:
        sys.exit("lead_join_sweep: needs the multilingual embedding model")
    rows = [(name, which) for name in sets for which in ("as is", "foreign nobody", "all nobody")]
    print(f"{'set':>10} {'variant':>15} {'off':>6} " + " ".join(f"{j!s:>6}" for j in JOINS[1:])
          + f"   (margin {cluster.LEAD_MARGIN})")
    for name, which in rows:
        docs = blanked(sets[name].docs, which)
        cells = []
        for join in JOINS:
            old = cluster.LEAD_JOIN
            cluster.LEAD_JOIN = join if join is not None else old
            try:
                cells.append(sets[name].f1(docs, encode if join is not None else None))
            finally:
                cluster.LEAD_JOIN = old
        print(f"{name:>10} {which:>15} " + " ".join(f"{c:6.3f}" for c in cells), flush=True)
    print(f"\nmargin sweep at LEAD_JOIN {cluster.LEAD_JOIN}:")
    print(f"{'set':>10} {'variant':>15} " + " ".join(f"{m:>6}" for m in MARGINS))
    for name, which in rows:
        docs = blanked(sets[name].docs, which)
        cells = []
        for margin in MARGINS:
            old_m = cluster.LEAD_MARGIN
            cluster.LEAD_MARGIN = margin
            try:
                cells.append(sets[name].f1(docs, encode))
            finally:
                cluster.LEAD_MARGIN = old_m
        print(f"{name:>10} {which:>15} " + " ".join(f"{c:6.3f}" for c in cells), flush=True)


if __name__ == "__main__":
    main()

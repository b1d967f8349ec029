"""Sweep the join of documents without date evidence (cluster.UNDATED_JOIN / UNDATED_MARGIN).

A document with no date evidence at all joins the event whose principals are
compatible and whose closest member shares most of its topic words, when that
share is at least a threshold and ahead of the next compatible event by a margin.
Few documents are undated, so every dated document is held out in turn, as if it
had no date evidence: the other documents are clustered without it, and the join
either picks the group of its gold event (right), another group (wrong) or none
(abstains).  Sets: realdev with the manifest (with the shipped rules and with the
lists emptied), the devset, tests/data/multiling (with its manifest) and
tests/data/evalset.

    .venv/bin/python benchmarks/undated_join_sweep.py [--realdev ../shared/realdev]
        [--devset ../shared/devset]

Each row: threshold, margin, then right / wrong / abstained per set.  The chosen
values make no wrong join on any set and keep most right ones (see cluster.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from events_sweep import Set, no_lists_rules  # noqa: E402

from compare.events import cluster  # noqa: E402
from compare.pipeline import prepare_documents  # noqa: E402
from compare.rules import Rules, compile_rules  # noqa: E402

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
MARGINS = (0.0, 0.05, 0.1, 0.15, 0.2)


def held_out(data: Set, rules: Rules) -> list[tuple[float, float, bool]]:
    """(best score, second score, best group is the gold event) for each held-out document."""
    docs = prepare_documents(data.sources, rules)
    gold_event = {}
    for gd, src in zip(data.gold.documents, data.sources, strict=True):
        gold_event[src.path] = gd.event
    items = cluster._with_countries([cluster._item(d) for d in docs if d.duplicate_of is None])
    out = []
    for k, item in enumerate(items):
        if item.lo is None and item.day_month is None and item.weekday is None:
            continue  # really undated: the run itself shows it
        want = gold_event.get(item.doc.path)
        groups, _ = cluster._group(items[:k] + items[k + 1:])
        scored = cluster.content_scores(item, groups)
        if not scored or want is None:
            continue
        votes = Counter(gold_event.get(d.path) for d in groups[scored[0][1]].members)
        right = votes.most_common(1)[0][0] == want
        out.append((scored[0][0], scored[1][0] if len(scored) > 1 else 0.0, right))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    args = ap.parse_args()
    ml = ROOT / "tests" / "data" / "multiling"
    sets = {"multiling": (Set(ml / "gold.yaml", ml / "manifest.csv"), compile_rules([])),
            "evalset": (Set(ROOT / "tests" / "data" / "evalset" / "gold.yaml", None), compile_rules([]))}
    with tempfile.TemporaryDirectory() as tmp:
        if (args.realdev / "gold.yaml").is_file():
            real = Set(args.realdev / "gold.yaml", args.realdev / "manifest.csv")
            no_lists_rules(Path(tmp))
            sets["realdev"] = (real, compile_rules([]))
            sets["realdev-no-lists"] = (real, compile_rules([Path(tmp)]))
        if (args.devset / "gold.yaml").is_file():
            sets["devset"] = (Set(args.devset / "gold.yaml", None), compile_rules([]))
        results = {name: held_out(data, rules) for name, (data, rules) in sets.items()}
    print(f"{'join':>5} {'margin':>6}  " + "  ".join(f"{n:>18}" for n in results))
    print(f"{'':>5} {'':>6}  " + "  ".join(f"{'right wrong abst':>18}" for _ in results))
    for t in THRESHOLDS:
        for m in MARGINS:
            cells = []
            for rows in results.values():
                joined = [r for best, second, r in rows if best >= t and best - second >= m]
                right = sum(joined)
                cells.append(f"{right:5d} {len(joined) - right:5d} {len(rows) - len(joined):5d}")
            mark = "*" if (t, m) == (cluster.UNDATED_JOIN, cluster.UNDATED_MARGIN) else " "
            print(f"{t:5.2f} {m:6.2f}{mark} " + "  ".join(f"{c:>18}" for c in cells), flush=True)


if __name__ == "__main__":
    main()

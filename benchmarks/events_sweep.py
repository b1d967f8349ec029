"""Sweep the event-date and clustering thresholds on realdev and the devset.

Runs only the event stages (ingest, dates, duplicates, clustering; no claims, no
alignment), so one configuration takes a second or two.  Each threshold is varied
alone around its chosen value; every row prints event date exact / within a day /
B-cubed F1 on

* realdev with the manifest (as a user runs it), with the shipped rules;
* realdev with the calendar of known contacts emptied and the ``names:`` lexicon
  emptied (a user rules folder with ``replace: true``, written to a temp folder);
* the devset (no manifest, as ``eval --seeds seeds`` runs it).

    .venv/bin/python benchmarks/events_sweep.py [--realdev ../shared/realdev]
        [--devset ../shared/devset] [--only NAME]

The chosen values (cited in the comments beside each constant) are the ones in
the middle of the flat, best region on both sets, not the single best row.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare import __version__  # noqa: E402
from compare.core.models import Report  # noqa: E402
from compare.evaluation.evaluate import gold_inputs  # noqa: E402
from compare.evaluation.gold import Gold, find_seeds_dir, load_gold  # noqa: E402
from compare.evaluation.metrics import score_report  # noqa: E402
from compare.events import cluster, dates, members  # noqa: E402
from compare.events.cluster import cluster_documents  # noqa: E402
from compare.ingest.read import read_inputs  # noqa: E402
from compare.pipeline import DEFAULT_MAX_BYTES, prepare_documents  # noqa: E402
from compare.rules import Rules, compile_rules  # noqa: E402

# (module, constant, values to try); the current value is marked in the output.
SWEEPS: list[tuple[Any, str, Sequence[float]]] = [
    (dates, "CONTACT_GAP", (20, 30, 40, 60, 80)),
    (dates, "PLAN_BEFORE", (25, 35, 45, 60, 80)),
    (dates, "HISTORY_DAYS", (30, 60, 90, 180, 365)),
    (dates, "RECALLED", (0, 0.75, 1.5, 3, 5)),
    (members, "STAMP_LAG_DAYS", (0, 1, 2, 3)),
    (cluster, "PARTIAL_JOIN", (0.2, 0.25, 0.35, 0.45, 0.55)),
    (members, "SURNAME_RATIO", (70, 75, 80, 85, 90, 101)),
]
KEYS = ("dates.event_exact", "dates.event_within1", "cluster.bcubed_f1")


def no_lists_rules(folder: Path) -> None:
    """A user rules folder that empties the calendar and the lexicon's names."""
    lexicon = yaml.safe_load((ROOT / "rules" / "lexicon.yaml").read_text("utf-8"))
    lexicon["names"] = []
    (folder / "lexicon.yaml").write_text(yaml.safe_dump({"replace": True, **lexicon}, allow_unicode=True),
                                         "utf-8")
    (folder / "events.yaml").write_text("replace: true\nevents: []\n", "utf-8")


class Set:
    """One evaluation set: its sources read once, scored with some rules."""

    def __init__(self, gold_path: Path, manifest: Path | None) -> None:
        seeds = find_seeds_dir(gold_path, ROOT / "seeds")
        self.gold: Gold = load_gold(gold_path, seeds)
        self.sources, _ = read_inputs(gold_inputs(self.gold), manifest=manifest, max_bytes=DEFAULT_MAX_BYTES)

    def score(self, rules: Rules) -> tuple[float, ...]:
        docs = prepare_documents(self.sources, rules)
        events, docs = cluster_documents(docs)
        report = Report(tool_version=__version__, documents=tuple(docs), events=tuple(events))
        metrics = score_report(report, self.gold).metrics
        return tuple(metrics[k] for k in KEYS)


@contextmanager
def patched(module: Any, name: str, value: float) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, type(old)(value))
    try:
        yield
    finally:
        setattr(module, name, old)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--only", help="sweep only this constant")
    args = ap.parse_args()
    if not (args.realdev / "gold.yaml").is_file() or not (args.devset / "gold.yaml").is_file():
        sys.exit("events_sweep: needs ../shared/realdev and ../shared/devset (or --realdev/--devset)")
    real = Set(args.realdev / "gold.yaml", args.realdev / "manifest.csv")
    dev = Set(args.devset / "gold.yaml", None)
    with tempfile.TemporaryDirectory() as tmp:
        no_lists_rules(Path(tmp))
        configs = {"realdev": (real, compile_rules([])), "realdev-no-lists": (real, compile_rules([Path(tmp)])),
                   "devset": (dev, compile_rules([]))}
        head = "  ".join(f"{name:>22}" for name in configs)
        print(f"{'constant':>16} {'value':>7}  {head}")
        print(f"{'':>16} {'':>7}  " + "  ".join(f"{'exact  within1 B3F1':>22}" for _ in configs))
        for module, name, values in SWEEPS:
            if args.only and name != args.only:
                continue
            current = getattr(module, name)
            for value in values:
                with patched(module, name, value):
                    cells = []
                    for data, rules in configs.values():
                        exact, within, f1 = data.score(rules)
                        cells.append(f"{exact:6.3f} {within:6.3f} {f1:6.3f}")
                mark = "*" if value == current else " "
                print(f"{name:>16} {value:>6}{mark}  " + "  ".join(f"{c:>22}" for c in cells), flush=True)


if __name__ == "__main__":
    main()

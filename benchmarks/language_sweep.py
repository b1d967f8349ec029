"""Sweep the thresholds of the other-language dates and names on the language probe and the sets.

Each constant is varied alone around its chosen value; every row prints the probe's dates and
both-leaders counts (benchmarks/language_probe.py, 76 texts of our own in 37 languages) and
event date exact / B-cubed F1 of the event stages (ingest, dates, duplicates, clustering, as
benchmarks/events_sweep.py runs them) on realdev (with its manifest), the devset, and the
multilingual set, worldset and worldset2 of the repository (with their manifests).

    .venv/bin/python benchmarks/language_sweep.py [--only NAME]

The chosen values (cited beside each constant) are inside the flat, best region on every
set, not the single best row.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import language_probe
from events_sweep import ROOT, Set, patched

from compare.events import capnames, dates, locale_dates
from compare.rules import compile_rules

SWEEPS: list[tuple[Any, str, Sequence[float]]] = [
    (dates, "LONELY_LEAD", (0.5, 1.0, 1.5, 2.0, 3.0)),
    (dates, "LEAD_MIN_WORDS", (3, 4, 6, 8, 12)),
    (capnames, "LEAD_NAME_CHARS", (300, 450, 600, 900, 1200)),
    (capnames, "MIN_STEM", (4, 5, 6, 7)),
    (capnames, "STEM_SLACK", (1, 2, 3, 4)),
    (capnames, "COUNTRY_ENDING_CHARS", (2, 3, 4, 5)),
    (locale_dates, "MONTH_STEM_SLACK", (1, 2, 3)),
    (locale_dates, "MONTH_ENDING_CHARS", (2, 3, 4)),
]


def _probe() -> tuple[int, int]:
    out = [language_probe.run(c) for c in language_probe.CASES]
    return sum(o.date_ok for o in out), sum(o.people_ok for o in out)


def _clear_caches() -> None:
    for fn in (capnames.territory_names, capnames.calendar_names, locale_dates.locale_dates):
        fn.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--only", help="sweep only this constant")
    args = ap.parse_args()
    if not (args.realdev / "gold.yaml").is_file() or not (args.devset / "gold.yaml").is_file():
        sys.exit("language_sweep: needs ../shared/realdev and ../shared/devset (or --realdev/--devset)")
    data = ROOT / "tests" / "data"
    sets = {"realdev": Set(args.realdev / "gold.yaml", args.realdev / "manifest.csv"),
            "devset": Set(args.devset / "gold.yaml", None)}
    for name in ("multiling", "worldset", "worldset2"):
        sets[name] = Set(data / name / "gold.yaml", data / name / "manifest.csv")
    rules = compile_rules([])
    print(f"{'constant':>22} {'value':>7}  {'probe d/p':>9}  " + "  ".join(f"{n + ' exact B3':>18}" for n in sets))
    for module, name, values in SWEEPS:
        if args.only and name != args.only:
            continue
        current = getattr(module, name)
        for value in values:
            with patched(module, name, value):
                _clear_caches()
                probe_dates, probe_people = _probe()
                cells = []
                for s in sets.values():
                    exact, _, f1 = s.score(rules)
                    cells.append(f"{exact:8.3f} {f1:6.3f}")
            _clear_caches()
            mark = "*" if value == current else " "
            print(f"{name:>22} {value:>6}{mark}  {probe_dates:>4}/{probe_people:<4}  "
                  + "  ".join(f"{c:>18}" for c in cells), flush=True)


if __name__ == "__main__":
    main()

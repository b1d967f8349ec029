"""Print the README's accuracy table (Markdown) from eval.json files (not a test).

Each argument is ``LABEL=PATH`` of an ``outlet-compare eval`` output; a column per
system (tool, difflib, n-gram, embed) that the file holds, sets side by side:

    .venv/bin/python benchmarks/accuracy_table.py realdev=/tmp/realdev.json devset=/tmp/devset.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROWS: tuple[tuple[str, str], ...] = (
    ("event date exact", "dates.event_exact"), ("event date within a day", "dates.event_within1"),
    ("clustering B-cubed F1", "cluster.bcubed_f1"), ("duplicates F1", "duplicates.f1"),
    ("alignment P", "alignment.p"), ("alignment R", "alignment.r"), ("alignment F1", "alignment.f1"),
    ("omission P", "flags.omission.p"), ("omission R", "flags.omission.r"),
    ("addition P", "flags.addition.p"), ("addition R", "flags.addition.r"),
    ("wording drift P", "flags.wording_drift.p"), ("wording drift R", "flags.wording_drift.r"),
    ("number/date change F1", "flags.number_or_date_change.f1"),
    ("attribution change F1", "flags.attribution_change.f1"),
    ("negation/hedge F1", "flags.negation_or_hedge.f1"),
    ("all flags P (micro)", "flags.micro.p"), ("all flags R (micro)", "flags.micro.r"),
    ("all flags F1 (micro)", "flags.micro.f1"),
)
SYSTEMS: tuple[tuple[str, str], ...] = (("tool", "tool"), ("difflib", "difflib"), ("n-gram", "ngram"),
                                        ("embed", "embed"))


def table(sets: list[tuple[str, dict[str, Any]]]) -> str:
    columns = [(label, shown, key) for label, systems in sets for shown, key in SYSTEMS if key in systems]
    head = ["metric"] + [f"{label}: {shown}" if key == "tool" else shown for label, shown, key in columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    by_label = dict(sets)
    for name, metric in ROWS:
        cells = [f"{by_label[label][key]['metrics'].get(metric, float('nan')):.3f}"
                 for label, _, key in columns]
        lines.append("| " + " | ".join([name, *cells]) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if not argv or any("=" not in a for a in argv):
        sys.exit(__doc__)
    sets = []
    for arg in argv:
        label, path = arg.split("=", 1)
        sets.append((label, dict(json.loads(Path(path).read_text(encoding="utf-8"))["systems"])))
    print(table(sets))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Error analysis of event dates and clusters: every document of a gold set whose event date
or event differs from the gold, with the evidence the tool chose and its rule, grouped.

    outlet-compare run ../shared/realdev/docs --manifest ../shared/realdev/manifest.csv --out /tmp/run
    .venv/bin/python benchmarks/events_errors.py --report /tmp/run --gold ../shared/realdev/gold.yaml

A document is "wrong cluster" when its event is not the event most documents of its gold
event went to.  Groups: the evidence rule of wrong dates (a stamp used as the event, a
weekday, the calendar, no evidence ...) and, for wrong clusters, whether the principals
(the first two participants) differ from the majority's.  Nothing is written; quotes are
printed from the report only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", type=Path, required=True, help="a report folder (report.json)")
    ap.add_argument("--gold", type=Path, required=True)
    args = ap.parse_args()
    try:
        report = json.loads((args.report / "report.json").read_text("utf-8"))
        gold = yaml.safe_load(args.gold.read_text("utf-8"))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        sys.exit(f"events_errors: {exc}")
    event_of = {d["file"]: d["event"] for d in gold["documents"]}
    date_of = {e["id"]: str(e["date"]) for e in gold["events"]}
    docs: dict[str, dict[str, Any]] = {d["path"]: d for d in report["documents"] if d["path"] in event_of}
    clusters: dict[str, list[str]] = defaultdict(list)
    for path, d in docs.items():
        clusters[event_of[path]].append(d["event_id"])
    major = {e: Counter(ids).most_common(1)[0][0] for e, ids in clusters.items()}
    principals = {e: Counter(tuple(sorted(docs[p]["participants"][:2])) for p in docs
                             if event_of[p] == e).most_common(1)[0][0] for e in clusters}
    causes: Counter[str] = Counter()
    for path, d in sorted(docs.items(), key=lambda x: (event_of[x[0]], x[0])):
        event = event_of[path]
        ev = d.get("date_evidence") or {}
        wrong_date = d["event_date"] != date_of[event]
        wrong_cluster = d["event_id"] != major[event]
        if not (wrong_date or wrong_cluster):
            continue
        if wrong_date:
            causes[f"date: rule {ev.get('rule') or 'none (undated)'}"] += 1
        if wrong_cluster:
            same = tuple(sorted(d["participants"][:2])) == principals[event]
            causes["cluster: " + ("same principals (date or topic)" if same else "other principals")] += 1
        print(f"{path}  gold {event} {date_of[event]}  predicted {d['event_date']}  published {d['published']}"
              f"{'  DATE' if wrong_date else ''}{'  CLUSTER' if wrong_cluster else ''}")
        print(f"    evidence {ev.get('rule')}: {ev.get('quote')!r} (confidence {ev.get('confidence')})  "
              f"kind {d['event_kind']}  event {d['event_id']}  participants {d['participants'][:3]}")
    print("\nby cause:")
    for cause, n in causes.most_common():
        print(f"  {n:3d}  {cause}")
    print(f"\n{len(clusters)} gold events -> {len({d['event_id'] for d in docs.values()})} predicted events")


if __name__ == "__main__":
    main()

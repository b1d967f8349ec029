"""Measure the dates and cluster stages on the devset (../shared/devset) and the five seeds.

    .venv/bin/python benchmarks/dates_devset.py [--devset DIR] [--seeds DIR] [--repeat N]

Prints, per document, the gold and found event and publication dates, then
event-date accuracy (exact, within one day), publication-date accuracy, B-cubed
precision / recall / F1 of the clustering (and whether it is exact), and the
throughput of date_document + cluster_documents on one core (CPU time).  Documents are
built from the raw file text (NBSP -> space, whitespace normalised per line), as the ingest
stage would give them, so the numbers do not depend on the other stages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from compare.align.lexicon import parse_lexicon
from compare.core.models import Document
from compare.core.rulefiles import load_rules
from compare.events.calendar import parse_event_calendar
from compare.events.cluster import cluster_documents
from compare.events.dates import date_document

ROOT = Path(__file__).resolve().parent.parent


def raw_document(doc_id: str, path: Path, role: str = "unknown") -> Document:
    text = path.read_text("utf-8").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return Document(id=doc_id, path=str(path), sha256="", text="\n".join(x for x in lines if x),
                    outlet_role=role)  # type: ignore[arg-type]


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = list(gold)
    p = r = 0.0
    for i in ids:
        same_p = {j for j in ids if pred[j] == pred[i]}
        same_g = {j for j in ids if gold[j] == gold[i]}
        both = len(same_p & same_g)
        p += both / len(same_p)
        r += both / len(same_g)
    p, r = p / len(ids), r / len(ids)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--rules", type=Path, action="append", default=[],
                    help="a user rules folder layered over the defaults (e.g. examples/calendar)")
    args = ap.parse_args(argv)
    gold = yaml.safe_load((args.devset / "gold.yaml").read_text("utf-8"))
    event_dates = {e["id"]: dt.date.fromisoformat(e["date"]) for e in gold["events"]}
    rules = load_rules(args.rules)
    calendar = parse_event_calendar(rules["events"])
    names = parse_lexicon(rules["lexicon"]).names
    docs, gold_event, gold_pub = [], {}, {}
    for i, entry in enumerate(gold["documents"]):
        file = entry["file"]
        path = (args.seeds / file.split("/", 1)[1]) if file.startswith("seeds/") else args.devset / file
        doc_id = f"d{i:02d}-" + Path(file).stem[:40]
        docs.append(raw_document(doc_id, path, entry.get("role", "unknown")))
        gold_event[doc_id] = entry.get("event")
        gold_pub[doc_id] = dt.date.fromisoformat(entry["published"]) if entry.get("published") else None
    dated = [date_document(d, calendar, names) for d in docs]
    events, clustered = cluster_documents(dated)
    exact = near = pub_ok = 0
    for d in clustered:
        want = event_dates.get(gold_event[d.id] or "")
        ev = d.event_date_evidence
        ok = d.event_date == want
        exact += ok
        near += bool(want and d.event_date and abs((d.event_date - want).days) <= 1)
        pub_ok += d.published == gold_pub[d.id]
        print(f"{'OK ' if ok else 'BAD'} {d.id[:44]:44} event {d.event_date} (gold {want}) "
              f"{d.event_kind:9} pub {d.published} (gold {gold_pub[d.id]}) "
              f"[{ev.rule if ev else '-'}: {ev.quote[:40] if ev else ''!r}] -> {d.event_id}")
    n = len(clustered)
    pred = {d.id: d.event_id or d.id for d in clustered}
    gold_map = {d.id: gold_event[d.id] or d.id for d in clustered}
    p, r, f = bcubed(pred, gold_map)
    exact_clusters = {frozenset(k for k in pred if pred[k] == v) for v in pred.values()} == \
        {frozenset(k for k in gold_map if gold_map[k] == v) for v in gold_map.values()}
    print(f"\nevents: {[e.id for e in events]}")
    print(f"event date exact {exact}/{n} ({exact / n:.1%}), within 1 day {near}/{n} ({near / n:.1%})")
    print(f"publication date {pub_ok}/{n} ({pub_ok / n:.1%})")
    print(f"clustering B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}; exact: {exact_clusters}")
    start = time.process_time()
    for _ in range(args.repeat):
        again = [date_document(d, calendar, names) for d in docs]
    mid = time.process_time()
    for _ in range(args.repeat):
        cluster_documents(again)
    end = time.process_time()
    total = n * args.repeat
    print(f"throughput: date_document {total / (mid - start):,.0f} docs/s, "
          f"cluster_documents {total / (end - mid):,.0f} docs/s, both {total / (end - start):,.0f} docs/s")
    return 0 if exact == n and exact_clusters else 1


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of the date stage (``date_document``: phrases, publication and event date,
participants), of ``find_people`` alone and of ``cluster_documents``, in documents per
second of CPU time on one core.

A script, not a test (timings are never asserted in unit tests).  Corpora: the synthetic
corpus of ``benchmarks/corpus.py``, the seed scrapes repeated, and the devset when
``../shared/devset`` exists.  Documents are built from the raw file text (NBSP -> space,
whitespace normalised per line) as in ``benchmarks/dates_devset.py``, so the numbers do
not depend on the ingest stage.  Each figure is the best of ``--repeat`` runs.

    taskset -c 0 .venv/bin/python benchmarks/bench_dates.py [--docs 2000] [--seed-copies 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare.align.lexicon import parse_lexicon
from compare.core.models import Document, PersonName
from compare.core.rulefiles import load_rules
from compare.events.calendar import EventCalendar, parse_event_calendar
from compare.events.cluster import cluster_documents
from compare.events.datephrases import MAX_SCAN_CHARS, excluded_lines, lower_same_length
from compare.events.dates import date_document
from compare.events.dedup import mark_duplicates
from compare.events.participants import find_people

from corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent


def raw_document(doc_id: str, path: Path) -> Document:
    """A document from the raw file (undecodable bytes replaced, whitespace normalised per line)."""
    text = path.read_bytes().decode("utf-8", "replace").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return Document(id=doc_id, path=str(path), sha256="", text="\n".join(x for x in lines if x))


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return max(best, 1e-9)


def measure(label: str, docs: Sequence[Document], calendar: EventCalendar,
            names: tuple[PersonName, ...], repeat: int) -> None:
    n = len(docs)
    dated = [date_document(d, calendar, names) for d in docs]  # warm caches
    t_date = _best(lambda: [date_document(d, calendar, names) for d in docs], repeat)
    texts = [d.text[:MAX_SCAN_CHARS] for d in docs]
    lows = [lower_same_length(t) for t in texts]
    skips = [excluded_lines(t, low) for t, low in zip(texts, lows, strict=True)]
    t_people = _best(lambda: [find_people(t, low, names, skip=s)
                              for t, low, s in zip(texts, lows, skips, strict=True)], repeat)
    marked = mark_duplicates(dated)
    t_cluster = _best(lambda: cluster_documents(marked), repeat)
    events, _ = cluster_documents(marked)
    print(f"{label:>22}: {n:5d} docs, {len(events):4d} events | date_document {n / t_date:7.0f} | "
          f"find_people {n / t_people:7.0f} | cluster {n / t_cluster:7.0f} | "
          f"date+cluster {n / (t_date + t_cluster):7.0f} docs/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic corpus size")
    parser.add_argument("--seed-copies", type=int, default=100, help="times the seeds are repeated")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rules = load_rules()
    calendar = parse_event_calendar(rules["events"])
    names = tuple(parse_lexicon(rules["lexicon"]).names)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), args.docs)
        docs = [raw_document(f"b{i:05d}", p) for i, p in enumerate(paths)]
    measure("synthetic corpus", docs, calendar, names, args.repeat)
    seeds = sorted(p for p in args.seeds.iterdir() if p.suffix in (".txt", ".md"))
    seed_docs = [raw_document(f"s{i:02d}", p) for i, p in enumerate(seeds)]
    copies = [Document(id=f"{d.id}-{k}", path=d.path, sha256="", text=d.text)
              for k in range(args.seed_copies) for d in seed_docs]
    measure(f"seeds x{args.seed_copies}", copies, calendar, names, args.repeat)
    devset = args.devset / "docs"
    if devset.is_dir():
        dev_docs = [raw_document(p.stem, p) for p in sorted(devset.iterdir()) if p.is_file()]
        copies = [Document(id=f"{d.id}-{k}", path=d.path, sha256="", text=d.text)
                  for k in range(20) for d in dev_docs]
        measure("devset x20", copies, calendar, names, args.repeat)


if __name__ == "__main__":
    main()

"""Throughput of ingest + dates + clustering (issue 3) and of the whole pipeline.

A script, not a test: prints documents per second of CPU time on one core for a synthetic
corpus, and the ratio against a baseline measured in the same process (reading
the same files as bytes), so numbers are comparable across machines.

    .venv/bin/python benchmarks/bench_pipeline.py [N_DOCS]
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare.events.cluster import cluster_documents
from compare.ingest.read import read_inputs
from compare.pipeline import analyse, prepare_documents
from compare.rules import compile_rules

from corpus import write_corpus


def main(n_docs: int = 2000) -> None:
    rules = compile_rules()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), n_docs)
        t0 = time.perf_counter()
        total = sum(len(p.read_bytes()) for p in paths)
        t_base = time.perf_counter() - t0

        t0 = time.process_time()
        sources, skipped = read_inputs([Path(tmp)], manifest=None, max_bytes=20 << 20)
        t_read = time.process_time() - t0
        t0 = time.process_time()
        docs = prepare_documents(sources, rules)
        events, docs = cluster_documents(docs)
        t_stage = time.process_time() - t0
        # Peak memory in a separate pass: tracemalloc slows the code it watches.
        tracemalloc.start()
        cluster_documents(prepare_documents(sources, rules))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        n = len(sources)
        print(f"corpus: {n} documents ({total / 1e6:.1f} MB), {len(events)} events, {len(skipped)} skipped")
        print(f"read (decode/charset):          {n / t_read:10.0f} docs/s")
        print(f"clean+outlet+dates+dedup+cluster:{n / t_stage:10.0f} docs/s  (peak {peak / 1e6:.0f} MB traced)")
        print(f"ingest+date+cluster overall:    {n / (t_read + t_stage):10.0f} docs/s")
        print(f"ratio to raw file reading:      {(t_read + t_stage) / max(t_base, 1e-9):10.1f}x")

        subset = sources[: min(n, 400)]
        t0 = time.process_time()
        report = analyse(subset, rules)
        t_all = time.process_time() - t0
        print(f"full pipeline ({len(subset)} docs): {len(subset) / t_all:10.0f} docs/s, "
              f"{len(report.claims)} claims, {len(report.flags)} flags")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)

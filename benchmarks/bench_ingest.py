"""Throughput of the ingest stages on real pages: cleaning + title + outlet, and dedup.

A script, not a test (timings are never asserted in unit tests): prints
documents per second of CPU time.  The real-page corpus is the scraped seeds
(``seeds/``) repeated; the dedup corpus is random texts with one copy in it.

    .venv/bin/python benchmarks/bench_ingest.py [REPEAT]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from compare.core.models import Document
from compare.events.dedup import mark_duplicates
from compare.ingest.documents import build_document
from compare.ingest.read import read_inputs
from compare.rules import compile_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def bench_build(repeat: int) -> None:
    rules = compile_rules()
    sources, _ = read_inputs([SEEDS], manifest=None, max_bytes=20 << 20)
    corpus = sources * repeat
    t0 = time.process_time()
    for src in corpus:
        build_document(src, rules.boilerplate, rules.outlets)
    t = time.process_time() - t0
    chars = sum(len(s.text) for s in corpus)
    print(f"build_document (seeds x{repeat}, {len(corpus)} docs, {chars / 1e6:.1f} M chars): "
          f"{len(corpus) / t:8.0f} docs/s")


def bench_dedup(n_docs: int = 2000) -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(2000)]
    docs = [Document(id=f"d{i:05d}", path=f"d{i}.txt", sha256=str(i),
                     text=" ".join(rng.choice(vocab) for _ in range(300))) for i in range(n_docs)]
    docs.append(Document(id="zcopy", path="zcopy.txt", sha256="z", text="New headline\n" + docs[42].text))
    t0 = time.process_time()
    out = mark_duplicates(docs)
    t = time.process_time() - t0
    copies = [d.id for d in out if d.duplicate_of]
    print(f"mark_duplicates ({len(docs)} random docs, copies found {copies}): {len(docs) / t:8.0f} docs/s")


if __name__ == "__main__":
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    bench_build(reps)
    bench_dedup()

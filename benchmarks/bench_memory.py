"""Where the memory of a run goes, and how it grows with the corpus (a script, not a test).

For each size (realistic documents from ``realistic.py``, the embedding model on
as in ``bench_scale.py``) one fresh process runs ``compare.pipeline.run`` (one
process, cold disk cache) and prints:

* RSS when each stage starts and the peak RSS within each stage (the kernel's
  high-water mark, reset at every stage boundary through /proc/self/clear_refs);
* RSS every tenth of the events stage, which shows whether memory grows with the
  events already done (it should not: only their results stay);
* what the report ``run`` returns holds (a deep size of its documents, claims,
  alignments and flags, per document: since the report is written event by
  event it has no claims or alignments and its flags are shared stand-ins) and
  the process-wide caches left behind (embeddings, normalisation);
* with ``--trace``: the 15 allocation sites (tracemalloc) that grew most between
  the end of clustering and the end of the events stage (slow: 2-3x the time).

Then the slope in MB per 1,000 documents between the smallest and the largest size.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 500,1000,2000] [--no-embed] [--trace]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _status(field: str) -> float:
    """A /proc/self/status figure in MB (VmRSS, VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def deep_size(obj: object, seen: set[int] | None = None) -> int:
    """Bytes held by ``obj`` and everything it reaches through attrs fields,
    tuples, lists, dicts and sets (each object counted once)."""
    seen = seen if seen is not None else set()
    stack = [obj]
    total = 0
    while stack:
        o = stack.pop()
        if o is None or isinstance(o, bool) or id(o) in seen:
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, (str, bytes, int, float)):
            continue
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (tuple, list, set, frozenset)):
            stack.extend(o)
        elif hasattr(o, "__attrs_attrs__"):
            stack.extend(getattr(o, a.name) for a in o.__attrs_attrs__)
        elif hasattr(o, "nbytes"):
            total += int(o.nbytes)
    return total


class Recorder:
    """The pipeline's progress callback: RSS at stage starts, peak per stage,
    RSS through the events stage, optional tracemalloc snapshots."""

    def __init__(self, trace: bool) -> None:
        self.stages: list[dict[str, Any]] = []
        self.events_curve: list[tuple[int, float]] = []
        self.trace = trace
        self.snapshots: dict[str, Any] = {}

    def _close_stage(self) -> None:
        if self.stages and "peak" not in self.stages[-1]:
            self.stages[-1]["peak"] = _status("VmHWM")

    def __call__(self, items: Iterable[object], desc: str, total: int) -> Iterable[object]:
        return self._wrap(items, desc, total)

    def _wrap(self, items: Iterable[object], desc: str, total: int) -> Iterator[object]:
        self._close_stage()
        if self.trace and desc == "events":
            import tracemalloc

            self.snapshots["before events"] = tracemalloc.take_snapshot()
        self.stages.append({"stage": desc, "start": _status("VmRSS")})
        _reset_peak()
        step = max(1, total // 10)
        for n, item in enumerate(items):
            if desc == "events" and n % step == 0:
                self.events_curve.append((n, _status("VmRSS")))
            yield item
        if desc == "events":
            self.events_curve.append((total, _status("VmRSS")))
            if self.trace:
                import tracemalloc

                self.snapshots["after events"] = tracemalloc.take_snapshot()

    def finish(self) -> None:
        self._close_stage()


def _child(corpus: Path, out: Path, cache: Path, rules: Path | None, trace: bool) -> None:
    from compare.align import embed, normalize
    from compare.pipeline import RunOptions, run

    if trace:
        import tracemalloc

        tracemalloc.start(4)
    rec = Recorder(trace)
    options = RunOptions(rules_dirs=(rules,) if rules else (), out=out, formats=("md", "json"),
                         cache_dir=cache)
    timings: dict[str, float] = {}
    w0 = time.perf_counter()
    report = run([corpus], options, progress=rec, timings=timings)
    wall = time.perf_counter() - w0
    rec.finish()
    use = resource.getrusage(resource.RUSAGE_SELF)
    after = _status("VmRSS")
    # run() returns the report as the index shows it (no claims or alignments, the
    # flags as shared stand-ins): what stays in memory after the run.
    parts = {name: deep_size(getattr(report, name)) / 2**20
             for name in ("documents", "claims", "alignments", "flags", "events")}
    with open(out / "report.json", encoding="utf-8") as fh:  # counted after every measurement
        written = json.load(fh)
    counts = {name: len(written[name]) for name in ("claims", "alignments", "flags")}
    del written
    doc_text = sum(sys.getsizeof(d.text) for d in report.documents) / 2**20
    caches = {
        "embeddings (in memory)": deep_size(embed._CACHE) / 2**20,
        "normalize": normalize.normalize.cache_info().currsize,
        "canonical": normalize._canonical.cache_info().currsize,
    }
    top: list[str] = []
    if trace:
        diff = rec.snapshots["after events"].compare_to(rec.snapshots["before events"], "lineno")
        top = [str(s) for s in diff[:15]]
    print(json.dumps({
        "docs": len(report.documents), "events": len(report.events), **counts,
        "largest_event": max((len(e.documents) for e in report.events), default=0),
        "stages": rec.stages, "events_curve": rec.events_curve, "rss_after": after,
        "peak": max(s["peak"] for s in rec.stages), "parts_mb": parts, "doc_text_mb": doc_text, "caches": caches,
        "top": top, "wall": wall, "cpu": use.ru_utime + use.ru_stime, "timings": timings,
    }))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        corpus, out, cache, rules, trace = sys.argv[2:7]
        _child(Path(corpus), Path(out), Path(cache), Path(rules) if rules else None, trace == "1")
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500,1000,2000")
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--trace", action="store_true")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    from realistic import write_realistic

    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at start")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        work = Path(tmp)
        rules: Path | None = None
        if not args.no_embed:
            rules = work / "rules"
            rules.mkdir()
            (rules / "matching.yaml").write_text("embedding:\n  weight: 0.35\n", encoding="utf-8")
        for n in (int(s) for s in args.sizes.split(",") if s):
            corpus = work / f"corpus-{n}"
            write_realistic(corpus, n, seed=args.seed)
            cmd = [sys.executable, __file__, "--child", str(corpus), str(work / f"out-{n}"),
                   str(work / f"cache-{n}"), str(rules or ""), "1" if args.trace else "0"]
            done = subprocess.run(cmd, capture_output=True, text=True, check=False,
                                  env=dict(os.environ, PYTHONHASHSEED="0"))
            if done.returncode != 0:
                raise SystemExit(f"{n} documents failed:\n{done.stderr[-3000:]}")
            r = json.loads(done.stdout.strip().splitlines()[-1])
            results.append(r)
            print(f"\n== {r['docs']} documents, {r['events']} events (largest {r['largest_event']}), "
                  f"{r['claims']} claims, {r['alignments']} alignments, {r['flags']} flags; "
                  f"peak RSS {r['peak']:.0f} MB")
            stages = ", ".join(f"{k} {v:.1f}" for k, v in r["timings"].items())
            print(f"  CPU {r['cpu']:.0f} s ({r['docs'] / r['cpu']:.1f} documents per CPU-second), "
                  f"wall {r['wall']:.0f} s; stages (wall s): {stages}")
            print("  stage                 RSS at start   peak in stage")
            for s in r["stages"]:
                print(f"  {s['stage']:20} {s['start']:10.0f} MB {s['peak']:11.0f} MB")
            curve = "  ".join(f"{n_ev}:{mb:.0f}" for n_ev, mb in r["events_curve"])
            print(f"  RSS through the events stage (events done: MB): {curve}")
            parts = ", ".join(f"{k} {v:.0f} MB" for k, v in r["parts_mb"].items())
            print(f"  report holds: {parts} (document texts {r['doc_text_mb']:.0f} MB); "
                  f"{sum(r['parts_mb'].values()) * 1024 / r['docs']:.0f} KB per document")
            print(f"  caches left: {r['caches']}; RSS after the run {r['rss_after']:.0f} MB")
            for line in r["top"]:
                print(f"    {line}")
    if len(results) > 1:
        a, b = results[0], results[-1]
        slope = (b["peak"] - a["peak"]) / (b["docs"] - a["docs"]) * 1000
        print(f"\npeak RSS grows {slope:.0f} MB per 1,000 documents between {a['docs']} and {b['docs']} "
              f"(largest event {a['largest_event']} -> {b['largest_event']} documents)")
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end")


if __name__ == "__main__":
    main()

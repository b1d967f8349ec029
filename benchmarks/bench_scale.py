"""End-to-end speed and memory on realistic documents, in every execution mode.

A script, not a test.  For each size (1k and 10k realistic documents from
``realistic.py``; ``--nightly`` adds 100k) it runs ``outlet-compare run``'s
library function in a fresh process per mode (one process, ``--workers 2``,
Dask with two local worker processes) with a cold embedding cache and prints:
documents/s (wall and per CPU-second), peak RSS (the largest process), seconds
per stage, the wall-time and CPU ratios workers 2 / 1 and Dask / one process,
and whether the three report folders are byte-identical.  Then a re-run over
the corpus grown by 10 % with the first run's cache, which shows how many
claims are encoded again (only the new ones should be).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000] [--nightly]
        [--modes one,w2,dask] [--no-embed] [--no-rerun]

The embedding model is on (``embedding.weight`` 0.35 in a rules folder layered
over the shipped ones) unless ``--no-embed``.  On a shared machine wall times are
noisy: the CPU figures are the stable ones.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

HERE = Path(__file__).resolve().parent
MODES = {"one": "one process", "w2": "--workers 2", "dask": "Dask, 2 local workers"}


def _child(mode: str, corpus: Path, out: Path, cache: Path, rules: Path | None) -> None:
    """Run the pipeline once in this process; print one JSON line of figures."""
    from compare.align import embed
    from compare.pipeline import RunOptions, run

    options = RunOptions(rules_dirs=(rules,) if rules else (), out=out, formats=("md", "json"),
                         workers=2 if mode == "w2" else 1, cache_dir=cache)
    cluster = client = None
    if mode == "dask":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
        options = RunOptions(rules_dirs=options.rules_dirs, out=out, formats=options.formats,
                             scheduler=cluster.scheduler_address, cache_dir=cache)
    timings: dict[str, float] = {}
    w0 = time.perf_counter()
    report = run([corpus], options, timings=timings)
    wall = time.perf_counter() - w0
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "docs": len(report.documents), "events": len(report.events),
        # run() returns no claims (the report is written event by event): count them in report.json
        "claims": len(json.loads((out / "report.json").read_text("utf-8"))["claims"]),
        "flags": len(report.flags), "wall": wall, "stages": timings,
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "rss_mb": max(me.ru_maxrss, kids.ru_maxrss) / 1024,
        "encoded_here": embed.encoded_count(),
        "largest_event": max((len(e.documents) for e in report.events), default=0),
    }))


def _cached_rows(cache: Path) -> int:
    """Vectors in the on-disk embedding cache: the distinct texts encoded by every
    process of the run (workers and Dask workers too; the in-process counter
    ``embed.encoded_count`` sees only the parent)."""
    import sqlite3

    path = cache / "embeddings.sqlite"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM emb").fetchone()[0])


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _launch(mode: str, corpus: Path, out: Path, cache: Path, rules: Path | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", mode, str(corpus), str(out), str(cache),
           str(rules or "")]
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _grow(corpus: Path, n_docs: int, into: Path, seed: int) -> None:
    """The same corpus plus 10 % new documents (a later day's scrape)."""
    from realistic import generate

    shutil.copytree(corpus, into)
    for name, text in generate(n_docs // 10, seed=seed + 1000):
        (into / f"new_{name}").write_text(text, encoding="utf-8")


def bench(n_docs: int, modes: list[str], rules: Path | None, seed: int, work: Path,
          rerun: bool = True) -> None:
    from realistic import write_realistic

    corpus = work / f"corpus-{n_docs}"
    write_realistic(corpus, n_docs, seed=seed)
    out = work / "out"  # the same path for every mode, so the pages can be compared
    results: dict[str, dict[str, object]] = {}
    digests: dict[str, str] = {}
    for mode in modes:
        cache = work / f"cache-{n_docs}-{mode}"
        shutil.rmtree(out, ignore_errors=True)
        if mode == "dask" and importlib.util.find_spec("distributed") is None:
            print("Dask mode skipped: the 'dist' extra (dask[distributed]) is not installed")
            continue
        results[mode] = _launch(mode, corpus, out, cache, rules)
        results[mode]["encoded"] = _cached_rows(cache)
        digests[mode] = _digest(out)
    if not results:
        return
    modes = list(results)
    first = results[modes[0]]
    print(f"\n== {n_docs} realistic documents: {first['events']} events (largest "
          f"{first['largest_event']} documents), {first['claims']} claims, {first['flags']} flags")
    print(f"{'mode':24} {'wall s':>8} {'docs/s':>8} {'CPU s':>8} {'docs/CPU-s':>10} {'peak RSS':>9} "
          f"{'encoded':>8}  stages (wall s)")
    print("(encoded: distinct texts in the embedding cache after the run, all processes)")
    for mode, r in results.items():
        stages = " ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())  # type: ignore[attr-defined]
        wall, cpu = float(r["wall"]), float(r["cpu"])  # type: ignore[arg-type]
        print(f"{MODES[mode]:24} {wall:8.1f} {n_docs / wall:8.1f} {cpu:8.1f} {n_docs / cpu:10.1f} "
              f"{float(r['rss_mb']):7.0f}MB {r['encoded']!s:>8}  {stages}")  # type: ignore[arg-type]
    base = results.get("one")
    if base:
        for mode, label in (("w2", "workers 2 / 1"), ("dask", "Dask / one process")):
            if mode in results:
                r = results[mode]
                print(f"{label:24} wall speed-up {float(base['wall']) / float(r['wall']):.2f}x, "  # type: ignore[arg-type]
                      f"CPU ratio {float(r['cpu']) / float(base['cpu']):.2f}")  # type: ignore[arg-type]
    same = len(set(digests.values())) == 1
    print(f"reports byte-identical across {', '.join(modes)}: {same} ({', '.join(digests.values())})")
    if not rerun:
        return
    # Incremental: the first mode's warm cache, the corpus grown by 10 %.
    grown = work / f"grown-{n_docs}"
    _grow(corpus, n_docs, grown, seed)
    shutil.rmtree(out, ignore_errors=True)
    warm = work / f"cache-{n_docs}-{modes[0]}"
    again = _launch(modes[0], grown, out, warm, rules)
    fresh = _cached_rows(warm) - int(first["encoded"])  # type: ignore[call-overload]
    print(f"re-run on the corpus grown by 10 % ({again['docs']} documents, warm cache): "
          f"{fresh} texts encoded (cold run: {first['encoded']}), "
          f"wall {float(again['wall']):.1f} s, CPU {float(again['cpu']):.1f} s")  # type: ignore[arg-type]
    shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, corpus, out, cache, rules = sys.argv[2:7]
        _child(mode, Path(corpus), Path(out), Path(cache), Path(rules) if rules else None)
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--nightly", action="store_true", help="also 100,000 documents")
    ap.add_argument("--modes", default="one,w2,dask")
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--no-rerun", action="store_true", help="skip the re-run over the grown corpus")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.nightly:
        sizes.append(100_000)
    modes = [m for m in args.modes.split(",") if m]
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        rules = None
        if not args.no_embed:
            rules = work / "rules"
            rules.mkdir()
            (rules / "matching.yaml").write_text("embedding:\n  weight: 0.35\n", encoding="utf-8")
        for n in sizes:
            bench(n, modes, rules, args.seed, work, rerun=not args.no_rerun)
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end")


if __name__ == "__main__":
    main()

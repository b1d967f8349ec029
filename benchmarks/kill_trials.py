"""SIGKILL trials: ``run`` and ``review`` killed at random moments; counts mixed folders.

A script, not a test (it takes minutes).  For each trial the report folder is
put back to a known state, the command is started as a user would start it
(the installed ``outlet-compare`` console script, in its own process), killed
with SIGKILL after a random delay (half the trials between 0 and 1.2 times the
command's uninterrupted duration, half around its writing stage at the end,
timed with ``--verbose``), and the folder is classified:

* ``old``: byte for byte the folder before the command;
* ``new``: for ``run``, byte for byte the folder an uninterrupted run leaves;
  for ``review`` (whose decision carries a time), a folder whose pages are
  exactly what report.json and reviews.yaml render to, with the decision in it;
* ``mixed``: anything else (report.json of one run with pages of another, pages
  that disagree with reviews.yaml, a file missing).

Staging folders a kill left beside the report are counted too; the next
command removes them.

    .venv/bin/python benchmarks/kill_trials.py [TRIALS]      # default 50 of each
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare.report.output import formats_present, read_report, render_all
from compare.report.reviews import apply_reviews, load_reviews, mark_orphans, reviews_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TOOL = str(Path(sys.executable).parent / "outlet-compare")
Snapshot = dict[str, bytes | None]


def snapshot(folder: Path) -> Snapshot:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


def consistent(folder: Path) -> bool:
    """The pages are what report.json and reviews.yaml render to (nothing more, nothing less)."""
    try:
        report = read_report(folder)
        reviews = mark_orphans(load_reviews(reviews_path(folder)), report)
    except Exception:
        return False
    orphaned = sum(1 for d in reviews.decisions.values() if d.orphaned)
    with tempfile.TemporaryDirectory() as tmp:
        render_all(apply_reviews(report, reviews), folder, formats_present(folder), orphaned=orphaned,
                   into=Path(tmp))
        expected = {k: v for k, v in snapshot(Path(tmp)).items()}
    actual = {k: v for k, v in snapshot(folder).items() if k != "reviews.yaml"}
    return expected == actual


def restore(base: Path, out: Path) -> None:
    for p in out.absolute().parent.iterdir():
        if p.name == out.name or p.name.startswith(f".{out.name}."):
            shutil.rmtree(p)
    shutil.copytree(base, out)


def leftovers(out: Path) -> int:
    return sum(1 for p in out.absolute().parent.iterdir() if p.name.startswith(f".{out.name}."))


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """The wall-clock time of the command and of its writing stage (from ``--verbose``;
    a third of the whole when the command has no such line)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, check=False, capture_output=True, text=True)
    wall = time.perf_counter() - start
    found = re.search(r"writing ([0-9.]+) s", proc.stderr)
    return wall, float(found.group(1)) if found else wall / 3


def kill_at_random(argv: list[str], cwd: Path, wall: float, writing: float, rng: random.Random) -> None:
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Half the kills anywhere in the command, half around its writing stage (at the end).
    if rng.random() < 0.5:
        delay = rng.uniform(0, wall * 1.2)
    else:
        delay = rng.uniform(max(0.0, wall - 2 * writing - 0.3), wall * 1.05)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        small, full = ws / "small", ws / "full"
        shutil.copytree(SEEDS, full)
        small.mkdir()
        for path in sorted(full.glob("*.txt"))[:8]:
            shutil.copy(path, small / path.name)
        os.chdir(ws)  # pages name the folder as the command did ("reports"): check them from here
        out = Path("reports")
        subprocess.run([TOOL, "run", "small", "--out", "reports", "-q", "--format", "md,json,html"], cwd=ws,
                       check=True)
        old_base = ws / "base-old"
        shutil.copytree(out, old_base)
        old = snapshot(out)
        run_argv = [TOOL, "run", "full", "--out", "reports", "--format", "md,json,html"]
        run_time, run_writing = timed([*run_argv, "--verbose"], ws)
        new = snapshot(out)
        new_base = ws / "base-new"
        shutil.copytree(out, new_base)

        counts = {"old": 0, "new": 0, "mixed": 0}
        left = 0
        for _ in range(trials):
            restore(old_base, out)
            kill_at_random(run_argv, ws, run_time, run_writing, rng)
            state = snapshot(out)
            kind = "old" if state == old else "new" if state == new else "mixed"
            counts[kind] += 1
            left += leftovers(out) > 0
        print(f"run:    {trials} SIGKILL trials (uninterrupted run {run_time:.1f} s): {counts['old']} old, "
              f"{counts['new']} new, {counts['mixed']} mixed folders; {left} left a staging folder")

        report = read_report(new_base)
        ids = [f.id for f in report.flags[:3]]
        review_argv = [TOOL, "review", "reports", *ids, "--dismiss", "--note", "trial", "--user", "bench"]
        restore(new_base, out)
        review_time, review_writing = timed(review_argv, ws)
        counts = {"old": 0, "new": 0, "mixed": 0}
        left = 0
        base = snapshot(new_base)
        for _ in range(trials):
            restore(new_base, out)
            kill_at_random(review_argv, ws, review_time, review_writing, rng)
            state = snapshot(out)
            decided = all(load_reviews(reviews_path(out)).decisions.get(i) for i in ids) if out.exists() else False
            if state == base:
                counts["old"] += 1
            elif decided and consistent(out):
                counts["new"] += 1
            else:
                counts["mixed"] += 1
            left += leftovers(out) > 0
        print(f"review: {trials} SIGKILL trials (uninterrupted review {review_time:.1f} s): {counts['old']} old, "
              f"{counts['new']} new, {counts['mixed']} mixed folders; {left} left a staging folder")
        restore(new_base, out)
        subprocess.run(review_argv, cwd=ws, check=True, capture_output=True)
        print(f"after one more review: {leftovers(out)} staging folders left")


if __name__ == "__main__":
    main()

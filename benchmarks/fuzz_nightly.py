"""The fuzz tests of ``tests/test_fuzz.py`` with many more examples (a nightly job).

CI runs them with about 2,000 examples in all (derandomized, so every CI run
tries the same inputs); this script multiplies the numbers by ``SCALE`` and lets
hypothesis pick new random inputs each time.

    .venv/bin/python benchmarks/fuzz_nightly.py [SCALE]      # default 20 (about 43,000 examples)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    scale = sys.argv[1] if len(sys.argv) > 1 else "20"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py",
                           "--hypothesis-show-statistics"], cwd=ROOT, env={**os.environ, "FUZZ_SCALE": scale},
                          check=False)
    print(f"fuzz x{scale}: exit {proc.returncode} in {time.perf_counter() - start:.0f} s")
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()

"""Event dates and clustering on the shared devset (skipped when ../shared/devset is absent).

Runs benchmarks/dates_devset.py, which exits 0 only when every event date is right
and the clustering equals the gold events."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


@pytest.mark.skipif(not (DEVSET / "gold.yaml").is_file(), reason="needs ../shared/devset")
def test_devset_event_dates_and_clusters_are_exact_with_a_users_calendar() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "dates_devset.py"),
                           "--devset", str(DEVSET), "--repeat", "1", "--rules", str(ROOT / "examples" / "calendar")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


@pytest.mark.skipif(not (DEVSET / "gold.yaml").is_file(), reason="needs ../shared/devset")
def test_devset_clusters_are_exact_without_a_calendar() -> None:
    """Without a calendar only the two seeds that give no readable date are undated
    (004: "held today", no publication date; 002: "On Friday, May 22", no year)."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "dates_devset.py"),
                           "--devset", str(DEVSET), "--repeat", "1"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert "event date exact 19/21" in proc.stdout, proc.stdout[-3000:]
    assert "clustering B-cubed P 1.000 R 1.000 F1 1.000; exact: True" in proc.stdout, proc.stdout[-3000:]

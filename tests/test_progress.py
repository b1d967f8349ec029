"""Progress and timings: every stage of a run is reported (issue 16: nothing showed
for the reading, cleaning, clustering and writing of a long run)."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import StageProgress, cli
from compare.pipeline import in_stage

EVALSET = Path(__file__).parent / "data" / "evalset" / "docs"
STAGES = ["rules", "reading", "documents", "duplicates", "clustering", "events", "writing"]


def test_verbose_ends_with_the_time_of_every_stage(tmp_path: Path) -> None:
    shutil.copytree(EVALSET, tmp_path / "in")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--verbose"])
    assert result.exit_code == 0, result.output
    last = result.stderr.splitlines()[-1]
    assert last.startswith("outlet-compare: time: ")
    named = [part.split()[0] for part in last.removeprefix("outlet-compare: time: ").split("; ")[0].split(", ")]
    assert named == STAGES
    assert "; total " in last


def test_a_stage_longer_than_a_second_shows_on_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    progress = StageProgress(show=True)
    assert in_stage(progress, "clustering", lambda: time.sleep(1.3) or 7) == 7
    list(progress(range(3), "events", 3))  # quick: no line
    assert "clustering" in err.getvalue()
    assert "events" not in err.getvalue()
    assert set(progress.times) == {"clustering", "events"}
    assert progress.times["clustering"] >= 1.2


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    shutil.copytree(EVALSET, tmp_path / "in")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert "\r" not in result.stderr and "it/s" not in result.stderr

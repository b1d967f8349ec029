"""Floors files with sections: the top-level floors (the devset's) work unchanged, a named
section (``realdev:``) is chosen with ``--floors-section`` and fails eval when a figure is
below its floor; the repository's realdev floors hold on ../shared/realdev run with its manifest."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from eval_helpers import GOLD, perfect_report

from compare.cli import cli
from compare.core.errors import CompareError, InputError
from compare.core.models import Report
from compare.evaluation import evaluate

ROOT = Path(__file__).resolve().parents[2]
REALDEV = ROOT.parent / "shared" / "realdev"

FLOORS = """\
alignment.f1: 0.5
flags.micro.p: 0.5
why: {alignment.f1: top-level reason}
realdev:
  alignment.f1: 0.9
  dates.event_exact: 0.9
  why: {alignment.f1: section reason}
other:
  cluster.bcubed_f1: 0.2
"""


def half_aligned() -> Report:
    """eval_tiny's perfect report with one of its two gold alignments dropped."""
    base = perfect_report()
    return attrs.evolve(base, alignments=base.alignments[:1])


def test_sections_are_separate_from_the_top_level_floors(tmp_path: Path) -> None:
    path = tmp_path / "floors.yaml"
    path.write_text(FLOORS, encoding="utf-8")
    assert evaluate.load_floors(path) == {"alignment.f1": 0.5, "flags.micro.p": 0.5}
    assert evaluate.load_floors(path, "realdev") == {"alignment.f1": 0.9, "dates.event_exact": 0.9}
    assert evaluate.load_floors(path, "other") == {"cluster.bcubed_f1": 0.2}
    with pytest.raises(InputError, match=r"no floors section 'devset' \(sections: other, realdev\)"):
        evaluate.load_floors(path, "devset")


def test_bad_floor_in_a_section_names_the_section(tmp_path: Path) -> None:
    path = tmp_path / "floors.yaml"
    path.write_text("realdev:\n  alignment.f1: 1.5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"realdev\.alignment\.f1: floor must be a number between 0 and 1"):
        evaluate.load_floors(path, "realdev")
    path.write_text("realdev:\n  why: [no]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"realdev\.why: must be a mapping"):
        evaluate.load_floors(path, "realdev")
    path.write_text("alignment.f1: 0.5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no floors section 'realdev' \(sections: none\)"):
        evaluate.load_floors(path, "realdev")


def test_run_eval_checks_the_chosen_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "analyse_paths", lambda *args: half_aligned())
    path = tmp_path / "floors.yaml"
    path.write_text(FLOORS, encoding="utf-8")
    out = tmp_path / "eval.json"
    top = evaluate.run_eval(evaluate.EvalOptions(gold=GOLD, out=out, floors=path))
    f1 = top.metrics["tool"]["alignment.f1"]
    assert 0.5 <= f1 < 0.9  # recall 1/2 at precision 1: 0.667
    assert top.floor_failures == []
    section = evaluate.run_eval(evaluate.EvalOptions(gold=GOLD, out=out, floors=path, floors_section="realdev"))
    assert section.floor_failures == [f"alignment.f1 {f1:.2f} < floor 0.90"]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["floors_section"] == "realdev" and data["floors"]["alignment.f1"] == 0.9
    assert data["floor_failures"] == section.floor_failures
    with pytest.raises(CompareError, match="--floors-section needs --floors"):
        evaluate.run_eval(evaluate.EvalOptions(gold=GOLD, out=out, floors_section="realdev"))


def test_cli_exits_1_when_a_realdev_figure_is_below_its_floor(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "analyse_paths", lambda *args: half_aligned())
    path = tmp_path / "floors.yaml"
    path.write_text(FLOORS, encoding="utf-8")
    runner = CliRunner()
    args = ["eval", "--gold", str(GOLD), "--floors", str(path), "--out", str(tmp_path / "e.json")]
    assert runner.invoke(cli, args).exit_code == 0
    failed = runner.invoke(cli, [*args, "--floors-section", "realdev"])
    assert failed.exit_code == 1
    assert "outlet-compare: floor: alignment.f1 0.67 < floor 0.90" in failed.output
    unknown = runner.invoke(cli, [*args, "--floors-section", "nope"])
    assert unknown.exit_code == 1
    assert unknown.output.strip().splitlines() == [
        f"outlet-compare: error: {path}: no floors section 'nope' (sections: other, realdev)"]


def test_repo_floors_have_a_realdev_section_with_realdev_metrics() -> None:
    top = evaluate.load_floors(ROOT / "eval_floors.yaml")
    realdev = evaluate.load_floors(ROOT / "eval_floors.yaml", "realdev")
    assert "alignment.f1" in top and top["alignment.f1"] >= 0.88  # the devset floors, unchanged
    for name in ("dates.event_exact", "dates.event_within1", "cluster.bcubed_f1", "alignment.f1",
                 "flags.micro.p", "flags.micro.r"):
        assert name in realdev


def test_ci_runs_realdev_with_the_manifest_and_its_floors() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = script[script.index("realdev evaluation gate"):]
    for part in ("--gold ../shared/realdev/gold.yaml", "--manifest ../shared/realdev/manifest.csv",
                 "--floors eval_floors.yaml --floors-section realdev", "skipped: ../shared/realdev not found"):
        assert part in block


@pytest.mark.slow
@pytest.mark.skipif(not (REALDEV / "gold.yaml").is_file(), reason="../shared/realdev not present")
def test_realdev_meets_its_floors_with_the_manifest(tmp_path: Path) -> None:
    result = evaluate.run_eval(evaluate.EvalOptions(
        gold=REALDEV / "gold.yaml", manifest=REALDEV / "manifest.csv", out=tmp_path / "e.json",
        floors=ROOT / "eval_floors.yaml", floors_section="realdev"))
    assert result.floor_failures == []
    assert result.details["tool"]["documents_matched"] == result.details["tool"]["documents_gold"] == 85


def test_accuracy_table_script_puts_sets_side_by_side(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("accuracy_table", ROOT / "benchmarks" / "accuracy_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    real = {"tool": {"metrics": {"alignment.f1": 0.4231}}, "embed": {"metrics": {"alignment.f1": 0.178}}}
    dev = {"tool": {"metrics": {"alignment.f1": 0.906}}}
    lines = module.table([("realdev", real), ("devset", dev)]).splitlines()
    assert lines[0] == "| metric | realdev: tool | embed | devset: tool |"
    assert "| alignment F1 | 0.423 | 0.178 | 0.906 |" in lines
    assert "| event date exact | nan | nan | nan |" in lines

"""``eval --manifest``: the pipeline eval runs reads the scraper manifest exactly as
``run --manifest`` does, so ``eval --manifest`` and ``run --manifest`` + ``eval --report``
give the same figures; the baselines see the same documents; bad manifests fail in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from compare.cli import cli
from compare.core.errors import CompareError, InputError
from compare.evaluation import evaluate

TINY = Path(__file__).resolve().parent.parent / "data" / "eval_tiny"
REALDEV = Path(__file__).resolve().parents[2].parent / "shared" / "realdev"

# eval_tiny's documents under names that carry no date or outlet, so that only the
# manifest can tell the tool when and where each was published.
RENAMED = {
    "docs/ministry_2024-01-10_call.txt": ("docs/a1.txt", "Ministry of Rivers", "2024-01-10"),
    "docs/quayside_2024-01-10_call.txt": ("docs/b2.txt", "Quayside Wire", "2024-01-10"),
    "docs/harbourdigest_2024-01-11_call.txt": ("docs/c3.txt", "Harbour Digest", "2024-01-11"),
    "docs/quayside_2024-01-12_port-visit.txt": ("docs/d4.txt", "Quayside Wire", "2024-01-12"),
}


def make_set(root: Path) -> tuple[Path, Path]:
    """A copy of eval_tiny with neutral file names, its gold, and a manifest (CSV)."""
    (root / "docs").mkdir(parents=True)
    gold = yaml.safe_load((TINY / "gold.yaml").read_text(encoding="utf-8"))
    rows = ["path,url,outlet,published"]
    for old, (new, outlet, published) in RENAMED.items():
        shutil.copyfile(TINY / old, root / new)
        rows.append(f"{new},https://example.org/{Path(new).stem},{outlet},{published}")
    for d in gold["documents"]:
        if d.get("duplicate_of"):
            d["duplicate_of"] = RENAMED[d["duplicate_of"]][0]
        d["file"] = RENAMED[d["file"]][0]
    for e in gold["events"]:
        if e.get("reference"):
            e["reference"] = RENAMED[e["reference"]][0]
    for m in gold.get("mentions", []) + gold.get("omissions", []):
        if "doc" in m:
            m["doc"] = RENAMED[m["doc"]][0]
    (root / "gold.yaml").write_text(yaml.safe_dump(gold, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root / "gold.yaml", root / "manifest.csv"


def metrics(path: Path, system: str = "tool") -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data["systems"][system]["metrics"])


def test_eval_manifest_gives_the_figures_of_run_manifest_then_eval_report(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    make_set(tmp_path / "set")
    monkeypatch.chdir(tmp_path / "set")
    runner = CliRunner()
    ran = runner.invoke(cli, ["run", "docs", "--manifest", "manifest.csv", "--out", str(tmp_path / "run"), "-q"])
    assert ran.exit_code == 0, ran.output
    via_report = runner.invoke(cli, ["eval", "--gold", "gold.yaml", "--report", str(tmp_path / "run"),
                                     "--out", str(tmp_path / "report.json")])
    assert via_report.exit_code == 0, via_report.output
    monkeypatch.chdir(tmp_path)  # paths relative to another folder work the same
    direct = runner.invoke(cli, ["eval", "--gold", "set/gold.yaml", "--manifest", "set/manifest.csv",
                                 "--baseline", "difflib", "--out", str(tmp_path / "direct.json")])
    assert direct.exit_code == 0, direct.output
    bare = runner.invoke(cli, ["eval", "--gold", "set/gold.yaml", "--out", str(tmp_path / "bare.json")])
    assert bare.exit_code == 0, bare.output

    with_manifest = metrics(tmp_path / "direct.json")
    assert with_manifest == metrics(tmp_path / "report.json")
    # Only the manifest dates these pages ("on Wednesday", no dates in the names).
    assert with_manifest["dates.published"] == 1.0
    assert metrics(tmp_path / "bare.json")["dates.published"] < 1.0
    # The baseline scores the same documents, dates and events.
    baseline = metrics(tmp_path / "direct.json", "difflib")
    for name in ("dates.published", "dates.event_exact", "cluster.bcubed_f1", "duplicates.f1"):
        assert baseline[name] == with_manifest[name]
    assert json.loads((tmp_path / "direct.json").read_text())["manifest"] == "set/manifest.csv"


def test_analyse_paths_reads_outlet_and_published_from_the_manifest(tmp_path: Path) -> None:
    _, manifest = make_set(tmp_path)
    paths = sorted((tmp_path / "docs").iterdir())
    report = evaluate.analyse_paths(paths, (), manifest)
    got = {Path(d.path).name: (d.outlet, d.published.isoformat() if d.published else None)
           for d in report.documents}
    assert got == {Path(new).name: (outlet, published) for new, outlet, published in RENAMED.values()}


def test_missing_manifest_is_one_line(tmp_path: Path) -> None:
    gold, _ = make_set(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--manifest", str(tmp_path / "nope.csv"),
                                      "--out", str(tmp_path / "e.json")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [f"outlet-compare: error: {tmp_path / 'nope.csv'}: manifest not found"]
    assert not (tmp_path / "e.json").exists()


def test_bad_manifest_names_file_and_line_before_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold, manifest = make_set(tmp_path)
    manifest.write_text("path,published\ndocs/a1.txt,2024-01-10\ndocs/b2.txt,tenth of January\n", encoding="utf-8")

    def no_run(*args: object) -> None:
        raise AssertionError("the pipeline ran on a bad manifest")

    monkeypatch.setattr(evaluate, "analyse_paths", no_run)
    with pytest.raises(InputError, match=r"manifest\.csv:3: published: not an ISO date"):
        evaluate.run_eval(evaluate.EvalOptions(gold=gold, manifest=manifest, out=tmp_path / "e.json"))
    manifest.write_text("file,outlet\ndocs/a1.txt,X\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--manifest", str(manifest),
                                      "--out", str(tmp_path / "e.json")])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "manifest.csv:1: the manifest needs a 'path' column" in result.output


def test_manifest_with_report_folder_is_refused(tmp_path: Path) -> None:
    gold, manifest = make_set(tmp_path)
    with pytest.raises(CompareError, match="--manifest cannot be combined with --report"):
        evaluate.run_eval(evaluate.EvalOptions(gold=gold, manifest=manifest, report_dir=tmp_path,
                                               out=tmp_path / "e.json"))
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold), "--manifest", str(manifest),
                                      "--report", str(tmp_path), "--out", str(tmp_path / "e.json")])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1


@pytest.mark.slow
@pytest.mark.skipif(not (REALDEV / "gold.yaml").is_file(), reason="../shared/realdev not present")
def test_realdev_eval_manifest_equals_run_then_report(tmp_path: Path) -> None:
    runner = CliRunner()
    ran = runner.invoke(cli, ["run", str(REALDEV / "docs"), "--manifest", str(REALDEV / "manifest.csv"),
                              "--out", str(tmp_path / "run"), "-q"])
    assert ran.exit_code == 0, ran.output
    for args, out in ((["--report", str(tmp_path / "run")], "report.json"),
                      (["--manifest", str(REALDEV / "manifest.csv")], "direct.json")):
        res = runner.invoke(cli, ["eval", "--gold", str(REALDEV / "gold.yaml"), *args,
                                  "--out", str(tmp_path / out)])
        assert res.exit_code == 0, res.output
    assert metrics(tmp_path / "direct.json") == metrics(tmp_path / "report.json")

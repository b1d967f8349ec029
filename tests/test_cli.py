"""End to end through the command line: outputs, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from compare.cli import cli

EVALSET = Path(__file__).parent / "data" / "evalset" / "docs"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr if result.stderr_bytes is not None else "")


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(EVALSET, folder)
    return folder


def test_run_writes_json_markdown_and_texts(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("run", str(articles), "--out", str(out), "--quiet")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["schema"] == "outlet-compare/report/v1"
    assert len(report["documents"]) == len(list(EVALSET.iterdir()))
    for doc in report["documents"]:
        assert (out / "texts" / f"{doc['id']}.txt").is_file()
        assert doc["event_id"] in {e["id"] for e in report["events"]}
    texts = {d["id"]: (out / "texts" / f"{d['id']}.txt").read_text("utf-8") for d in report["documents"]}
    for claim in report["claims"]:
        start, end = claim["span"]
        assert texts[claim["document"]][start:end] == claim["text"]
    index = (out / "index.md").read_text("utf-8")
    for event in report["events"]:
        if len(event["documents"]) > 1:
            assert event["id"] in index


def test_rerun_is_byte_identical(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke("run", str(articles), "--out", str(out), "--quiet")
    first = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    invoke("run", str(articles), "--out", str(out), "--quiet")
    second = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert first == second


def test_bad_inputs_are_skipped_with_one_line_each(articles: Path, tmp_path: Path) -> None:
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (articles / "big.txt").write_text("The ministers spoke by phone. " * 3000, encoding="utf-8")
    (articles / "feed.jsonl").write_text(
        json.dumps({"text": "Foreign ministers of two countries spoke by phone on Monday.\n",
                    "outlet": "Test Wire", "published": "2023-03-14"}) + "\n{not json\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(articles), str(tmp_path / "missing.txt"), "--out", str(out),
                                      "--quiet", "--max-bytes", "50000"])
    no_traceback(result)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("outlet-compare: error:")]
    named = " ".join(errors)
    for name in ("empty.txt", "binary.txt", "big.txt", "feed.jsonl", "missing.txt"):
        assert name in named, name
    assert any("feed.jsonl" in line and "line 2" in line for line in errors)
    assert len(errors) == 5
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert len(report["documents"]) == len(list(EVALSET.iterdir())) + 1  # the good JSONL line still loads
    index = (out / "index.md").read_text("utf-8")
    for name in ("empty.txt", "binary.txt", "big.txt", "missing.txt"):
        assert name in index


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    no_traceback(result)
    assert result.exit_code == 1
    assert "nope" in result.stderr


def test_bad_format_is_a_usage_error(articles: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(articles), "--format", "pdf"])
    assert result.exit_code == 2
    assert "unknown format pdf" in result.output


def test_rules_check_reports_file_line_and_path(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "claim_types.yaml").write_text(
        "claim_types:\n  - name: prisoner_exchange\n    keywords: [prisoner swap]\n"
        "    patterns:\n      - 'exchange(d'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "check", str(rules)])
    no_traceback(result)
    assert result.exit_code == 1
    assert "claim_types.yaml:5: claim_types[" in result.stderr
    assert "].patterns[0]: unbalanced parenthesis" in result.stderr


def test_rules_check_and_test_pass_on_the_shipped_rules() -> None:
    assert invoke("rules", "check").exit_code == 0
    result = CliRunner().invoke(cli, ["rules", "test"])
    assert result.exit_code == 0, result.output


def test_python_dash_m_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "compare", "--version"], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0
    assert "outlet-compare" in proc.stdout


def test_review_batch_decision_survives_a_rerun(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke("run", str(articles), "--out", str(out), "--quiet")
    flags = json.loads((out / "report.json").read_text("utf-8"))["flags"]
    assert len(flags) >= 2, "the evalset articles should produce flags"
    ids = [flags[0]["id"], flags[1]["id"]]
    result = CliRunner().invoke(cli, ["review", str(out), *ids, "--dismiss", "--note", "same wire", "--user", "ana"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{i}: dismissed (same wire)" for i in ids]
    invoke("run", str(articles), "--out", str(out), "--quiet")
    after = {f["id"]: f["review"] for f in json.loads((out / "report.json").read_text("utf-8"))["flags"]}
    for i in ids:
        assert after[i]["status"] == "dismissed"
        assert after[i]["note"] == "same wire"


def test_review_unknown_flag_is_one_line(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke("run", str(articles), "--out", str(out), "--quiet")
    result = CliRunner().invoke(cli, ["review", str(out), "f-000000000000", "--confirm"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"outlet-compare: error: unknown flag id 'f-000000000000' "
                                     f"(not in {out / 'report.json'})")


def test_run_summary_line_counts_in_words(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Ministers meet in Oslo\nThe two foreign ministers met in Oslo on 3 May 2022 and "
                   "discussed fishing quotas.\n", encoding="utf-8")
    result = invoke("run", str(one), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    # Events are counted as index.md counts them (with more than one document), then in all.
    assert result.output.strip() == (f"1 document, 0 events with more than one document (1 in all), "
                                     f"0 flags, 0 skipped -> {tmp_path / 'out'}")


def test_run_min_confidence_sets_the_cut(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("run", str(articles), "--out", str(out), "--min-confidence", "0")
    assert result.exit_code == 0, result.output
    assert "below confidence" not in result.output
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["min_confidence"] == 0.0 and report["flags"]
    pages = "".join(p.read_text("utf-8") for p in (out / "events").glob("*.md"))
    assert "<details>" not in pages
    strict = tmp_path / "strict"
    result = invoke("run", str(articles), "--out", str(strict), "--min-confidence", "1")
    n = len(report["flags"])
    assert f"{n} flags, {n} below confidence 1.00" in result.output
    pages = "".join(p.read_text("utf-8") for p in (strict / "events").glob("*.md"))
    assert "<summary>Low confidence" in pages
    listing = invoke("review", str(strict))
    assert "not listed; --all lists them" in listing.output
    assert invoke("review", str(strict), "--all").output.count("f-") >= n
    bad = CliRunner().invoke(cli, ["run", str(articles), "--min-confidence", "1.5"])
    assert bad.exit_code == 2 and "--min-confidence" in bad.output

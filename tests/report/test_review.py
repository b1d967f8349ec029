"""Review decisions: reviews.yaml format, history, orphans, errors, concurrency, CSV."""

from __future__ import annotations

import csv
import io
import multiprocessing
from pathlib import Path

import attrs
import pytest
import yaml
from report_fixtures import build_report

from compare.core.errors import ReviewError
from compare.report import review as rv
from compare.report import reviews as rs
from compare.report.output import read_report, write_report


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    out = tmp_path / "reports"
    write_report(build_report(), out, ("md", "json", "html"))
    return out


def test_missing_file_is_empty(tmp_path: Path) -> None:
    assert rs.load_reviews(tmp_path / "reviews.yaml") == rs.Reviews()


@pytest.mark.parametrize(("text", "message"), [
    ("decisions:\n  f-1: {status: confirmed\n", "{path}:3: invalid YAML: expected ',' or '}', but got '<stream end>'"),
    ("schema: outlet-compare/reviews/v1\ndecisions:\n  f-1:\n    status: maybe\n",
     "{path}:4: decisions.f-1: status must be one of open, confirmed, dismissed, not 'maybe'"),
    ("- a\n- b\n", "{path}:1: expected a mapping with 'schema' and 'decisions'"),
    ("schema: other/v9\n", "{path}:1: schema: expected outlet-compare/reviews/v1, not 'other/v9'"),
    ("decisions:\n  f-1:\n    status: open\n    history: 3\n", "{path}:3: decisions.f-1.history: expected a list"),
    ("decisions: !!python/object:os.system {}\n",
     "{path}:1: invalid YAML: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object:os.system'"),
])
def test_corrupt_files_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "reviews.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ReviewError) as err:
        rs.load_reviews(path)
    assert str(err.value) == message.replace("{path}", str(path))


def test_record_keeps_history_and_rerenders(report_dir: Path) -> None:
    first = rv.record_decision(report_dir, "f-wd01", "confirmed", "drops 'two'", "ana")
    assert first == rv.RecordedDecision("f-wd01", "confirmed", "drops 'two'")
    second = rv.record_decision(report_dir, "f-wd01", None, "checked again", "ben")
    assert second.status == "confirmed" and second.note == "checked again"
    rv.record_decision(report_dir, "f-nh", "dismissed", None, "ana")  # unique prefix
    data = yaml.safe_load((report_dir / "reviews.yaml").read_text("utf-8"))
    assert data["schema"] == "outlet-compare/reviews/v1"
    d = data["decisions"]["f-wd01"]
    assert (d["status"], d["note"], d["user"]) == ("confirmed", "checked again", "ben")
    assert d["time"].endswith("Z")
    assert [(h["status"], h["note"], h["user"]) for h in d["history"]] == [("confirmed", "drops 'two'", "ana")]
    assert data["decisions"]["f-nh02"]["status"] == "dismissed"
    # the report folder shows the decisions
    assert "confirmed by ben" in (report_dir / "events" / "e-2021-11-15-call.md").read_text("utf-8")
    assert "4/8 reviewed" in (report_dir / "index.md").read_text("utf-8")
    assert "confirmed by ben" in (report_dir / "html" / "events" / "e-2021-11-15-call.html").read_text("utf-8")
    flags = {f.id: f for f in read_report(report_dir).flags}
    assert flags["f-wd01"].review.note == "checked again"


def test_unknown_and_ambiguous_ids(report_dir: Path) -> None:
    with pytest.raises(ReviewError) as err:
        rv.record_decision(report_dir, "f-xyz", "confirmed", None, "ana")
    assert str(err.value) == f"unknown flag id 'f-xyz' (not in {report_dir}/report.json)"
    with pytest.raises(ReviewError) as err:
        rv.record_decision(report_dir, "f-wd0", "confirmed", None, "ana")
    assert str(err.value) == "ambiguous flag id 'f-wd0' matches 2 flags: f-wd01, f-wd09"
    with pytest.raises(ReviewError) as err:
        rv.record_decision(report_dir, "f-wd01", None, None, "ana")
    assert str(err.value) == "nothing to record: give --confirm, --dismiss, --reopen or --note"
    assert not (report_dir / "reviews.yaml").exists()


def test_orphaned_decisions_are_kept_and_counted(report_dir: Path) -> None:
    rv.record_decision(report_dir, "f-wd09", "confirmed", "real", "ana")
    report = build_report()
    rerun = attrs.evolve(report, flags=tuple(f for f in report.flags if f.id != "f-wd09"))
    write_report(rs.apply_reviews(rerun, rs.load_reviews(rs.reviews_path(report_dir))), report_dir, ("md",))
    data = yaml.safe_load((report_dir / "reviews.yaml").read_text("utf-8"))
    assert data["decisions"]["f-wd09"]["orphaned"] is True
    assert data["decisions"]["f-wd09"]["note"] == "real"
    assert "1 review decision(s) refer to flags this run no longer produces" in (
        report_dir / "index.md").read_text("utf-8")
    assert "f-wd09" in rv.export_csv(report_dir)
    write_report(report, report_dir, ("md",))  # the flag comes back
    data = yaml.safe_load((report_dir / "reviews.yaml").read_text("utf-8"))
    assert "orphaned" not in data["decisions"]["f-wd09"]


def test_apply_reviews_sets_flag_review() -> None:
    reviews = rs.Reviews({"f-ad06": rs.Decision("dismissed", "background, fine", "ana", "t")})
    flags = {f.id: f for f in rs.apply_reviews(build_report(), reviews).flags}
    assert flags["f-ad06"].review.status == "dismissed"
    assert flags["f-ad06"].review.note == "background, fine"
    assert flags["f-wd01"].review.status == "open"


def test_list_and_show(report_dir: Path) -> None:
    listing = rv.list_flags(report_dir)
    lines = listing.splitlines()
    assert lines[0].split() == ["id", "event", "outlet", "kind", "reference", "document"]
    assert len(lines) == 2 + 7 + 2  # header, rule, the 7 open flags, blank, how to act
    assert lines[-1] == (f"7 open. Show one: outlet-compare review {report_dir} FLAG_ID; decide: "
                         f"outlet-compare review {report_dir} FLAG_ID --confirm|--dismiss [--note TEXT]")
    # report order: the most important kind first (number change), additions later
    assert [line.split()[0] for line in lines[2:9]] == ["f-nd03", "f-at04", "f-nh02", "f-wd01", "f-ad06",
                                                        "f-pt07", "f-wd09"]
    assert "f-lone10" not in rv.list_flags(report_dir, show_all=True)  # single-document event
    assert "f-om05" not in listing  # confirmed in the fixture
    assert "Analysts expect gas prices to rise further." in listing
    assert max(len(line) for line in lines) < 260
    assert "f-om05" in rv.list_flags(report_dir, show_all=True)
    shown = rv.show_flag(report_dir, "f-nd")
    assert "Flag:      f-nd03" in shown
    assert "Diff:      Putin [-stressed that two-] {+said three+} rounds of talks had been constructive." in shown
    assert "Reference (Kremlin, inputs/kremlin-2021-11-15.txt:9):" in shown
    # an HTML page has no file line: the path alone
    assert "Document (Lakeside Notes, inputs/lakeside-notes-2021-11-16.html):" in shown
    # a flag on an original stands for its republished copies (they get none of their own)
    wd09 = next(line for line in lines if line.startswith("f-wd09"))
    assert "Northwind Wire +1 copy" in wd09
    assert "Copies:    coastal-echo-2021-11-19" in rv.show_flag(report_dir, "f-wd09")
    assert "Copies:" not in shown
    for fid in [f.id for f in build_report().flags if f.review.status == "open"]:
        rv.record_decision(report_dir, fid, "dismissed", None, "ana")
    assert rv.list_flags(report_dir) == "No open flags."


def test_export_csv_is_formula_safe(report_dir: Path) -> None:
    rv.record_decision(report_dir, "f-ad06", "confirmed", "=HYPERLINK(\"http://x.example\")", "@ana")
    text = rv.export_csv(report_dir)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 9
    row = next(r for r in rows if r["flag_id"] == "f-ad06")
    assert row["note"] == "'=HYPERLINK(\"http://x.example\")"
    assert row["user"] == "'@ana"
    assert row["status"] == "confirmed" and row["outlet"] == "Harbor Gazette"
    assert row["copies"] == ""
    copied = next(r for r in rows if r["flag_id"] == "f-wd09")
    assert (copied["outlet"], copied["copies"]) == ("Northwind Wire", "coastal-echo-2021-11-19")
    assert copied["detail"].endswith("(also in republished copies: coastal-echo-2021-11-19)")
    for r in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in r.values())


def _worker(args: tuple[str, str, list[str]]) -> None:
    report_dir, user, ids = args
    for n, fid in enumerate(ids):
        rv.record_decision(Path(report_dir), fid, "confirmed" if n % 2 else "dismissed", f"{user} {n}", user)


def test_concurrent_reviews_lose_nothing(tmp_path: Path) -> None:
    report = build_report()
    base = report.flags[0]
    flags = tuple(attrs.evolve(base, id=f"f-{who}{n:02d}") for who in "ab" for n in range(20))
    out = tmp_path / "reports"
    write_report(attrs.evolve(report, flags=flags), out, ("md",))
    jobs = [(str(out), who, [f"f-{who}{n:02d}" for n in range(20)]) for who in "ab"]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        pool.map(_worker, jobs)
    decisions = rs.load_reviews(rs.reviews_path(out)).decisions
    assert len(decisions) == 40
    assert decisions["f-b19"].note == "b 19"
    assert "40/40 reviewed" in (out / "index.md").read_text("utf-8")


def test_commands_in_the_report_work_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy the command a flag's page shows, run it through the CLI: the decision is recorded
    and the page then offers --reopen; list/show/--export and errors through the CLI too."""
    import shlex

    from click.testing import CliRunner

    from compare.cli import cli

    monkeypatch.chdir(tmp_path)
    write_report(build_report(), Path("my reports"), ("md", "json"))
    page = Path("my reports/events/e-2021-11-15-call.md")
    line = next(x for x in page.read_text("utf-8").splitlines() if "f-at04 --confirm" in x)
    command = line.split("`")[1]
    assert command == "outlet-compare review 'my reports' f-at04 --confirm"
    runner = CliRunner()
    argv = shlex.split(command)[1:]
    result = runner.invoke(cli, [*argv, "--user", "ana"])
    assert (result.exit_code, result.output) == (0, "f-at04: confirmed\n")
    assert "outlet-compare review 'my reports' f-at04 --reopen" in page.read_text("utf-8")
    listing = runner.invoke(cli, ["review", "my reports"])
    assert listing.exit_code == 0 and "f-at04" not in listing.output and "6 open." in listing.output
    shown = runner.invoke(cli, ["review", "my reports", "f-at04"])
    assert "Review:    confirmed by ana" in shown.output
    exported = runner.invoke(cli, ["review", "my reports", "--export", "csv"])
    assert exported.output.splitlines()[0].startswith("flag_id,event,event_date,kind")
    unknown = runner.invoke(cli, ["review", "my reports", "f-nope", "--dismiss"])
    assert unknown.exit_code == 1
    assert unknown.output.strip().endswith("unknown flag id 'f-nope' (not in my reports/report.json)")
    missing = runner.invoke(cli, ["review", "nowhere"])
    assert missing.exit_code == 1 and "nowhere/report.json" in missing.output
    assert "run 'outlet-compare run' first" in missing.output


def test_several_flags_in_one_decision(report_dir: Path) -> None:
    done = rv.record_decisions(report_dir, ["f-ad06", "f-pt", "f-ad06"], "dismissed", "boilerplate", "ana")
    assert [d.flag_id for d in done] == ["f-ad06", "f-pt07"]  # prefixes resolved, repeats once
    flags = {f.id: f.review for f in read_report(report_dir).flags}
    assert flags["f-ad06"].status == flags["f-pt07"].status == "dismissed"
    # one unknown id: nothing is written
    with pytest.raises(ReviewError, match="unknown flag id 'f-nope'"):
        rv.record_decisions(report_dir, ["f-wd01", "f-nope"], "confirmed", None, "ana")
    assert {f.id: f.review for f in read_report(report_dir).flags}["f-wd01"].status == "open"
    with pytest.raises(ReviewError, match=r"^no flag id given$"):
        rv.record_decisions(report_dir, [], "confirmed", None, "ana")

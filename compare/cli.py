"""The command line: a thin layer over the library.

Every :class:`compare.core.errors.CompareError` becomes one line on stderr and exit
code 1; usage errors (including options that exclude each other) exit 2 (click's
convention); nothing a user can cause ends in a traceback.  SIGTERM is handled
like Ctrl-C, so temporary files are removed on the way out.
"""

from __future__ import annotations

import functools
import getpass
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from compare import __version__
from compare.core.errors import CompareError, RuleError
from compare.report.markdown import plural

F = TypeVar("F", bound=Callable[..., Any])


MAX_LINE = 500


def _line(text: str) -> str:
    """One line of at most MAX_LINE characters (an error quoting a huge value stays short)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= MAX_LINE else flat[: MAX_LINE - 1] + "…"


def _fail(message: str) -> None:
    click.echo(f"outlet-compare: error: {_line(message)}", err=True)
    sys.exit(1)


def user_errors(func: F) -> F:
    """Turn library errors into one line on stderr and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RuleError as exc:
            for problem in exc.problems:
                click.echo(f"outlet-compare: error: {_line(str(problem))}", err=True)
            sys.exit(1)
        except CompareError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("interrupted")
        except OSError as exc:
            name = getattr(exc, "filename", None) or ""
            _fail(f"{name}: {exc.strerror or exc}" if name else str(exc))

    return wrapper  # type: ignore[return-value]


class StageProgress:
    """The ``progress`` callback of the pipeline: a progress line on stderr for every
    stage that takes longer than a second (when stderr is a terminal), and the time
    spent in each stage."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.times: dict[str, float] = {}

    def __call__(self, items: Iterable[object], desc: str, total: int) -> Iterable[object]:
        return self._wrap(items, desc, total)

    def _wrap(self, items: Iterable[object], desc: str, total: int) -> Iterator[object]:
        start = time.perf_counter()
        bar = None
        if self.show:
            from tqdm import tqdm

            bar_format = "{desc}... {elapsed}" if total == 1 else None
            bar = tqdm(items, desc=desc, total=total or None, unit=desc.rstrip("s") or "item", leave=False,
                       delay=1.0, file=sys.stderr, bar_format=bar_format)
        try:
            yield from (bar if bar is not None else items)
        finally:
            if bar is not None:
                bar.close()
            self.times[desc] = self.times.get(desc, 0.0) + time.perf_counter() - start

    def summary(self, total: float) -> str:
        parts = ", ".join(f"{name} {secs:.1f} s" for name, secs in self.times.items())
        return f"outlet-compare: time: {parts}; total {total:.1f} s"


RUN_EPILOG = """\b
Inputs: files and folders (walked recursively) of .txt, .md, .html/.htm and
.jsonl (one article per line: text or html, optional url, outlet, published,
title); UTF-8 (with or without BOM), UTF-16, cp1251 or KOI8-R. A --manifest is
a CSV (header path,outlet,url,published,title) or JSONL of the same fields.
Hidden files, README/LICENSE files, the output folder and any folder holding
a report.json of outlet-compare are not read.

\b
Exit codes:
  0  the report was written and every input was read cleanly
  1  the report was written but some input was skipped or has a warning
     (each named on stderr and in index.md), or nothing could be run
     (bad rules, bad manifest, no readable input): one line on stderr
  2  usage error (unknown option, options that exclude each other)
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="outlet-compare")
def cli() -> None:
    """Compare how outlets report the same diplomatic event."""


@cli.command(short_help="Read articles, group them by event, flag differences, write the report.",
             epilog=RUN_EPILOG)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Folder of YAML rules layered over the shipped defaults (repeatable).")
@click.option("--manifest", type=click.Path(path_type=Path),
              help="CSV or JSONL with path, outlet, url, published, title per file.")
@click.option("--out", default=Path("reports"), show_default=True, type=click.Path(path_type=Path),
              help="Output folder.")
@click.option("--format", "formats", default="md,json", show_default=True,
              help="Comma-separated: md, json, html.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for the per-document and per-event stages.")
@click.option("--scheduler", default=None, help="Dask scheduler address (needs the 'dist' extra).")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Skip input files larger than this.")
@click.option("--reviews", type=click.Path(path_type=Path),
              help="Review decisions file (default: OUT/reviews.yaml).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="List flags at or above this confidence; the rest go to a collapsed "
                   "'low confidence' section (default: the flag model's default_cut).")
@click.option("--quiet", "-q", is_flag=True, help="No progress, no notes, no summary (errors still show).")
@click.option("--verbose", "-v", is_flag=True, help="End with a line giving the time spent in each stage.")
@user_errors
def run(paths: tuple[Path, ...], rules_dirs: tuple[Path, ...], manifest: Path | None, out: Path,
        formats: str, workers: int, scheduler: str | None, max_bytes: int,
        reviews: Path | None, min_confidence: float | None, quiet: bool, verbose: bool) -> None:
    """Read articles, group them by event, align claims, flag differences, write reports.

    The report folder (--out) is replaced as a whole when the new report is
    complete: an interrupted run leaves the previous report as it was.
    """
    from compare.pipeline import RunOptions
    from compare.pipeline import run as run_pipeline
    from compare.report.view import reviewable_flags, shown_events

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    started = time.perf_counter()
    fmt = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    bad = [f for f in fmt if f not in ("md", "json", "html")]
    if bad or not fmt:
        raise click.UsageError(f"--format: unknown format {', '.join(bad) or '(none)'}; use md, json, html")
    options = RunOptions(rules_dirs=rules_dirs, manifest=manifest, out=out, formats=fmt,
                         workers=workers, scheduler=scheduler, max_bytes=max_bytes, reviews=reviews,
                         min_confidence=min_confidence)
    progress = StageProgress(not quiet and sys.stderr.isatty())
    notes: list[str] = []
    report = run_pipeline(list(paths), options, progress=progress, notes=notes)
    if not quiet:
        for note in notes:
            click.echo(f"outlet-compare: note: {_line(note)}", err=True)
    for skipped in report.skipped:
        click.echo(f"outlet-compare: error: {_line(f'{skipped.path}: {skipped.reason}')}", err=True)
    for warning in report.warnings:
        click.echo(f"outlet-compare: warning: {_line(f'{warning.path}: {warning.message}')}", err=True)
    if not quiet:
        # Counted as index.md counts them: events with more than one document and
        # their flags; the totals follow when they differ.
        listed = reviewable_flags(report)
        shown, flags = len(shown_events(report)), len(listed)
        events = plural(shown, "event") + (f" with more than one document ({len(report.events)} in all)"
                                           if shown != len(report.events) else "")
        n_flags = plural(flags, "flag") + (f" ({len(report.flags)} in all)" if flags != len(report.flags) else "")
        low = sum(1 for f in listed if f.score < report.min_confidence)
        below = f", {low} below confidence {report.min_confidence:.2f}" if low else ""
        warned = f", {plural(len(report.warnings), 'warning')}" if report.warnings else ""
        click.echo(f"{plural(len(report.documents), 'document')}, {events}, {n_flags}{below}, "
                   f"{len(report.skipped)} skipped{warned} -> {out}")
    if verbose:
        click.echo(progress.summary(time.perf_counter() - started), err=True)
    if not report.documents:
        _fail(f"no input could be read; {out} was not written" if (out / "report.json").exists()
              else "no input could be read")
    if report.skipped or report.warnings:
        # The report of everything else is written; the exit code still says that input was bad.
        sys.exit(1)


@cli.command(short_help="List open flags, show one, or record a decision on flags.")
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.argument("flag_ids", nargs=-1)
@click.option("--confirm", is_flag=True, help="Mark the flags as real discrepancies.")
@click.option("--dismiss", is_flag=True, help="Mark the flags as false alarms.")
@click.option("--reopen", is_flag=True, help="Take a decision back.")
@click.option("--note", default=None, help="A note kept with the decision.")
@click.option("--reviews", type=click.Path(path_type=Path),
              help="Review decisions file (default: REPORT_DIR/reviews.yaml).")
@click.option("--all", "show_all", is_flag=True,
              help="List decided and low-confidence flags too.")
@click.option("--export", type=click.Choice(["csv"]), help="Print every flag with its decision as CSV.")
@click.option("--user", default=None, help="Reviewer name (default: $OUTLET_COMPARE_USER or login).")
@user_errors
def review(report_dir: Path, flag_ids: tuple[str, ...], confirm: bool, dismiss: bool, reopen: bool,
           note: str | None, reviews: Path | None, show_all: bool, export: str | None,
           user: str | None) -> None:
    """List open flags, show one flag, or record a decision on one or more flags.

    \b
    outlet-compare review reports/                      list open flags
    outlet-compare review reports/ f-1a2b               show one flag
    outlet-compare review reports/ f-1a2b f-3c4d --dismiss --note "translation"

    A decision and the report pages that show it are written as one unit.
    Exit codes: 0 done, 1 unknown flag id or unreadable report/reviews file,
    2 usage error (e.g. --confirm with --dismiss).
    """
    from compare.report import review as rv

    chosen = [name for name, on in (("--confirm", confirm), ("--dismiss", dismiss), ("--reopen", reopen)) if on]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} exclude each other: give one decision")
    decision = {"--confirm": "confirmed", "--dismiss": "dismissed", "--reopen": "open"}.get(
        chosen[0]) if chosen else None
    if export:
        if flag_ids or decision or note or show_all:
            raise click.UsageError("--export takes no flag ids, decision, note or --all")
        click.echo(rv.export_csv(report_dir, reviews), nl=False)
        return
    if flag_ids and show_all:
        raise click.UsageError("--all lists flags: it takes no FLAG_ID")
    if user is not None and decision is None and note is None:
        raise click.UsageError("--user goes with a decision (--confirm, --dismiss, --reopen or --note)")
    if not flag_ids:
        if decision or note:
            raise click.UsageError("give a FLAG_ID to record a decision")
        click.echo(rv.list_flags(report_dir, reviews, show_all=show_all))
        return
    if decision is None and note is None:
        if len(flag_ids) > 1:
            raise click.UsageError("show one flag at a time, or give --confirm/--dismiss/--reopen/--note")
        click.echo(rv.show_flag(report_dir, flag_ids[0], reviews))
        return
    who = user or os.environ.get("OUTLET_COMPARE_USER") or _login()
    for recorded in rv.record_decisions(report_dir, list(flag_ids), decision, note, who, reviews):
        click.echo(f"{recorded.flag_id}: {recorded.status}" + (f" ({recorded.note})" if recorded.note else ""))


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


@cli.group(short_help="Check rule files, and test claim types against their examples.")
def rules() -> None:
    """Check rule files, and test claim types against their examples."""


@rules.command("check")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@user_errors
def rules_check(folder: Path | None) -> None:
    """Validate every rule file (FOLDER layered over the defaults)."""
    from compare.rules import compile_rules

    compiled = compile_rules([folder] if folder else [])
    click.echo(f"ok: {len(compiled.sources)} rule files valid ({', '.join(compiled.sources)})")


@rules.command("test")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@user_errors
def rules_test(folder: Path | None) -> None:
    """Run every claim type's examples and counter-examples."""
    from compare.claims.claimtypes import format_rule_tests, run_rule_tests
    from compare.rules import compile_rules

    compiled = compile_rules([folder] if folder else [])
    results = run_rule_tests(compiled.claim_types)
    click.echo(format_rule_tests(results))
    if any(not r.ok for r in results):
        sys.exit(1)


@cli.command("eval")
@click.option("--gold", required=True, type=click.Path(path_type=Path), help="Gold annotations (devset format).")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--report", "report_dir", type=click.Path(path_type=Path),
              help="Score an existing report folder instead of running.")
@click.option("--manifest", type=click.Path(path_type=Path),
              help="Scraper manifest (CSV or JSONL: path, outlet, url, published, title), "
                   "read as 'run --manifest' reads it.")
@click.option("--baseline", "baselines", multiple=True, type=click.Choice(["difflib", "ngram", "embed"]),
              help="Also score a baseline aligner (repeatable).")
@click.option("--seeds", "seeds_dir", type=click.Path(path_type=Path),
              help="Where 'seeds/...' paths of the gold file live (default: beside the gold, then ./seeds).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write eval.json here (default: ./eval.json).")
@click.option("--floors", type=click.Path(path_type=Path), default=None,
              help="Fail (exit 1) when a metric drops below its floor in this YAML file.")
@click.option("--floors-section", default=None,
              help="Check the floors of this section of the floors file (e.g. realdev) "
                   "instead of its top-level ones.")
@user_errors
def eval_cmd(gold: Path, paths: tuple[Path, ...], report_dir: Path | None, manifest: Path | None,
             baselines: tuple[str, ...], seeds_dir: Path | None, rules_dirs: tuple[Path, ...],
             out: Path | None, floors: Path | None, floors_section: str | None) -> None:
    """Score the tool (and baselines) against gold annotations."""
    from compare.evaluation.evaluate import EvalOptions, run_eval

    result = run_eval(EvalOptions(gold=gold, paths=paths, report_dir=report_dir, baselines=baselines,
                                  seeds_dir=seeds_dir, rules_dirs=rules_dirs,
                                  out=out or Path("eval.json"), floors=floors, manifest=manifest,
                                  floors_section=floors_section))
    click.echo(result.table)
    if result.floor_failures:
        for line in result.floor_failures:
            click.echo(f"outlet-compare: floor: {line}", err=True)
        sys.exit(1)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="outlet-compare")

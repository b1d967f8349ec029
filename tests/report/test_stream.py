"""A report written event by event (compare.report.stream) is the report written whole:
the same files byte for byte, one event's result in memory at a time, and the
folder replaced as one unit (a failure or a kill mid-way leaves the old report)."""

from __future__ import annotations

import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from report_fixtures import build_report
from test_faults import _trials, leftovers, snapshot

from compare.core.models import Report
from compare.report.output import read_report, write_report
from compare.report.reviews import apply_reviews, load_reviews, reviews_path
from compare.report.stream import (
    EventResult,
    PackedResults,
    full_report,
    pack_result,
    unpack_each,
    unpack_result,
    write_report_events,
)
from compare.report.view import reviewable_flags, shown_events

FORMATS = ("md", "json", "html")
REVIEWS = ("schema: outlet-compare/reviews/v1\ndecisions:\n"
           "  {flag}:\n    status: confirmed\n    note: checked against the readout\n    user: ana\n"
           "  f-gone:\n    status: dismissed\n")


def split(report: Report) -> tuple[Report, list[EventResult]]:
    """``report`` as the pipeline hands it over: the rest, and each event's result."""
    results = [EventResult(ev, tuple(c for c in report.claims if c.event == ev.id),
                           tuple(a for a in report.alignments if a.event == ev.id),
                           tuple(f for f in report.flags if f.event == ev.id)) for ev in report.events]
    return attrs.evolve(report, events=(), claims=(), alignments=(), flags=()), results


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _write_both(tmp_path: Path, report: Report, *, reviews: str | None) -> tuple[dict[str, bytes], Report]:
    """The folder write_report makes of the whole report, and the folder (and the
    returned report) write_report_events makes of its parts, at the same path (the
    pages name the folder in their review commands)."""
    skeleton, results = split(report)
    whole = full_report(skeleton, results)  # the lists in event order, as the pipeline makes them
    out = tmp_path / "reports"
    if reviews is not None:
        out.mkdir()
        reviews_path(out).write_text(reviews, "utf-8")
    write_report(whole, out, FORMATS)
    expected = files(out)
    shutil.rmtree(out)
    if reviews is not None:
        out.mkdir()
        reviews_path(out).write_text(reviews, "utf-8")
    packed = [pack_result(r) for r in results]
    returned = write_report_events(skeleton, unpack_each(packed), out, FORMATS)
    assert files(out) == expected
    assert packed == [b""] * len(results)  # each blob let go once read
    return expected, returned


def test_event_by_event_gives_the_files_of_the_whole_report(tmp_path: Path) -> None:
    report = build_report()
    flag = next(f for f in report.flags if f.event == report.events[0].id)
    expected, returned = _write_both(tmp_path, report, reviews=REVIEWS.format(flag=flag.id))
    assert {"report.json", "index.md", "html/index.html", "reviews.yaml"} <= set(expected)
    assert sum(name.startswith("events/") for name in expected) == len(shown_events(report)) >= 2
    # The decision shows in the pages and the unknown flag's decision is marked orphaned.
    assert b"9 flags (6 open)" in expected["index.md"]  # 7 open in the fixture, one confirmed
    assert b"orphaned: true" in expected["reviews.yaml"]
    # What run() returns counts as the whole report counts (the CLI's summary line).
    whole = apply_reviews(report, load_reviews(tmp_path / "reports" / "reviews.yaml"))
    assert returned.claims == () and returned.alignments == ()
    assert len(returned.flags) == len(whole.flags)
    assert len(reviewable_flags(returned)) == len(reviewable_flags(whole))
    for cut in (0.0, 0.5, returned.flags[0].score, 1.0):
        assert (sum(f.score < cut for f in reviewable_flags(attrs.evolve(returned, min_confidence=cut)))
                == sum(f.score < cut for f in reviewable_flags(whole)))
    assert sorted((f.event, f.kind, f.review.status) for f in returned.flags) == sorted(
        (f.event, f.kind, f.review.status) for f in whole.flags)
    # And the folder reads back as the whole report.
    assert read_report(tmp_path / "reports") == whole


def test_event_by_event_on_a_pipeline_report_at_two_cuts(tmp_path: Path) -> None:
    """A report the pipeline made (several languages, copies, a lone document),
    with its flags on both sides of the cut."""
    from test_pipeline import ARTICLES, RUSSIAN, _write

    from compare import pipeline
    from compare.rules import compile_rules

    srcs = _write(tmp_path / "in", [*ARTICLES, ("russian.txt", RUSSIAN, "2021-08-17", "unknown")])
    skeleton, packed = pipeline.analyse_packed(srcs, compile_rules())
    report = full_report(skeleton, packed.results())
    assert report.flags and report.claims
    scores = sorted(f.score for f in report.flags)
    for n, cut in enumerate((scores[len(scores) // 2], 0.0)):
        _write_both(tmp_path / str(n), attrs.evolve(report, min_confidence=cut), reviews=None)


def test_one_event_result_is_held_at_a_time(tmp_path: Path) -> None:
    """A counting fake: each result is made when asked for (as unpack_each does) and
    by then no earlier result may still be referenced."""
    report = build_report()
    skeleton, results = split(report)
    packed = [pack_result(r) for r in results]
    alive: list[list[weakref.ref[object]]] = []  # per result made: its claims, alignments, flags
    held_before: list[int] = []

    def counted() -> Iterator[EventResult]:
        for blob in packed:
            held_before.append(sum(any(ref() is not None for ref in refs) for refs in alive))
            result = unpack_result(blob)
            alive.append([weakref.ref(x) for x in (*result.claims, *result.alignments, *result.flags)])
            yield result
            del result

    write_report_events(skeleton, counted(), tmp_path / "reports", FORMATS)
    assert len(held_before) == len(report.events) >= 3
    assert held_before == [0] * len(held_before)
    # The fake does count results a consumer keeps (here, all of them).
    alive.clear()
    held_before.clear()
    kept = list(counted())
    assert held_before == list(range(len(kept)))


def test_a_failure_mid_way_leaves_the_old_report(tmp_path: Path) -> None:
    report = build_report()
    out = tmp_path / "reports"
    write_report(report, out, FORMATS)
    old = snapshot(out)
    skeleton, results = split(report)

    def failing() -> Iterator[EventResult]:
        yield results[0]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_report_events(attrs.evolve(skeleton, min_confidence=0.9), failing(), out, FORMATS)
    assert snapshot(out) == old
    assert leftovers(out) == []


def test_killed_at_every_write_step_leaves_old_or_new(tmp_path: Path) -> None:
    report = build_report()
    out = tmp_path / "reports"
    write_report(attrs.evolve(report, min_confidence=0.9), out, ("md", "html"))
    old = snapshot(out)
    skeleton, results = split(report)
    _, trials = _trials(out, old, lambda: write_report_events(
        skeleton, iter(results), out, ("md", "html")) and None)
    assert trials >= 20


@pytest.mark.parametrize("spill", [True, False])
def test_packed_results_come_back_in_report_order(tmp_path: Path, spill: bool) -> None:
    """Put in the order workers finish them, read back in report order, once; with a
    folder the blobs are in a temporary file there that leaves no name behind."""
    report = build_report()
    _, results = split(report)
    store = PackedResults(len(results), tmp_path if spill else None)
    for i in reversed(range(len(results))):
        store.put(i, pack_result(results[i]))
    assert len(store) == len(results)
    assert list(tmp_path.iterdir()) == []
    assert list(store.results()) == results
    if spill:
        assert store._file is not None and store._file.closed

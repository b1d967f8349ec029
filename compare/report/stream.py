"""A report written event by event: one event's claims, alignments and flags in memory at a time.

The pipeline keeps each event's result packed (:func:`pack_result`) until the
report is written, then :func:`write_report_events` unpacks them one by one and
for each event

* applies the review decisions to its flags,
* appends its claims, alignments and flags, as report.json text, to three
  anonymous temporary files in the staging folder (report.json lists all claims
  before all alignments before all flags, so it is put together at the end from
  the three files, piece by piece),
* writes its Markdown and HTML pages, from a report that holds every document
  but only this event and its claims, alignments and flags (an event page shows
  nothing of another event's claims or flags),
* keeps what the index needs of its flags: a stand-in per event, kind, review
  status and side of the confidence cut (:class:`FlagTally`), 8 bytes a flag,

then writes report.json, the texts and the index pages.  The files are those
:func:`compare.report.output.write_report` writes for the whole report, byte for
byte (tests/report/test_stream.py), and, as there, everything goes into a
staging copy of the folder that replaces it only when complete.
"""

from __future__ import annotations

import contextlib
import pickle
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import attrs
from attrs import frozen

from compare.core.atomic import atomic_write_chunks, folder_lock, staged_folder
from compare.core.models import Alignment, Claim, DiffOp, Event, Flag, Report, Review
from compare.report.jsonio import iter_report_json, json_items
from compare.report.markdown import render_event, render_index
from compare.report.output import (
    REPORT_JSON,
    EventRenderer,
    IndexRenderer,
    check_out_dir,
    owns_reviews,
    remove_stale_pages,
    write_event_page,
    write_index_page,
    write_texts,
)
from compare.report.reviews import Reviews, apply_reviews, load_reviews, reviews_path, sync_orphan_ids
from compare.report.view import forget_view, is_confident, is_multi


@frozen
class EventResult:
    """Claims, alignments and flags of one event (the event as the alignment left it)."""

    event: Event
    claims: tuple[Claim, ...]
    alignments: tuple[Alignment, ...]
    flags: tuple[Flag, ...]


# Finished events are kept packed (pickled and zlib-compressed, level 1) until the
# report is written: on 200 realistic documents (bench_memory.py) their claims,
# alignments and flags take 0.8 MB packed against ~11 MB as objects, and packing
# and unpacking them costs 0.25 CPU s (0.6 % of the run).  So while the events
# are analysed memory grows by ~4 KB per finished document, not ~56 KB.
_PACK_LEVEL = 1


def pack_result(result: EventResult) -> bytes:
    """``result`` as compact bytes (made and read back by this run only)."""
    return zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), _PACK_LEVEL)


def unpack_result(blob: bytes) -> EventResult:
    result = pickle.loads(zlib.decompress(blob))  # bytes this run packed, never read from disk
    if not isinstance(result, EventResult):  # pragma: no cover - packed by pack_result
        raise TypeError("not a packed event result")
    return result


def unpack_each(packed: list[bytes]) -> Iterator[EventResult]:
    """The results one at a time, each blob dropped once it is read (the caller
    holds one result at a time if it lets each go before asking for the next)."""
    for i, blob in enumerate(packed):
        packed[i] = b""
        yield unpack_result(blob)
        del blob


class PackedResults:
    """Each event's packed result (:func:`pack_result`) by its index in the report,
    put in any order (workers finish out of order), read back in order once.

    With a ``folder`` the blobs go to an anonymous temporary file there (nothing
    is left behind however the run ends) and memory holds 16 bytes an event, so
    it does not grow with the events done (10,000 realistic documents: ~40 MB of
    blobs); without one they stay in memory."""

    def __init__(self, count: int, folder: Path | None = None) -> None:
        self._blobs: list[bytes] = [b""] * count
        self._where: list[tuple[int, int]] = [(0, 0)] * count
        self._file: IO[bytes] | None = (tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - closed by results()
                                        if folder is not None else None)
        self._end = 0

    def __len__(self) -> int:
        return len(self._blobs)

    def put(self, index: int, blob: bytes) -> None:
        if self._file is None:
            self._blobs[index] = blob
            return
        self._file.seek(self._end)
        self._file.write(blob)
        self._where[index] = (self._end, len(blob))
        self._end += len(blob)

    def results(self) -> Iterator[EventResult]:
        """The results in report order, one at a time (:func:`unpack_each`)."""
        if self._file is None:
            yield from unpack_each(self._blobs)
            return
        try:
            for i, (start, size) in enumerate(self._where):
                self._file.seek(start)
                blob = self._file.read(size)
                self._where[i] = (0, 0)
                yield unpack_result(blob)
                del blob
        finally:
            self._file.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def compact_result(result: EventResult) -> EventResult:
    """``result`` with equal strings, diff steps and diffs shared (the same values,
    so the report does not change by a byte).  Within an event the same values
    recur: republished claims repeat their text and frame, a claim compared with
    several documents repeats its diff and its detail line.  On 200 realistic
    documents (bench_memory.py) this holds the results in ~25 % less."""
    strings: dict[str, str] = {}
    ops: dict[DiffOp, DiffOp] = {}
    diffs: dict[tuple[DiffOp, ...], tuple[DiffOp, ...]] = {}

    def text(value: str) -> str:
        return strings.setdefault(value, value)

    def opt(value: str | None) -> str | None:
        return None if value is None else strings.setdefault(value, value)

    def step(op: DiffOp) -> DiffOp:
        found = ops.get(op)
        if found is None:
            found = ops[op] = attrs.evolve(op, text=text(op.text))
        return found

    def diff(value: tuple[DiffOp, ...]) -> tuple[DiffOp, ...]:
        if not value:
            return value
        shared = tuple(step(op) for op in value)
        return diffs.setdefault(shared, shared)

    claims = tuple(attrs.evolve(c, text=text(c.text), frame=opt(c.frame),
                                attribution=opt(c.attribution), speaker=opt(c.speaker),
                                context=opt(c.context)) for c in result.claims)
    flags = tuple(attrs.evolve(f, detail=text(f.detail), diff=diff(f.diff)) for f in result.flags)
    return attrs.evolve(result, claims=claims, flags=flags)


def full_report(skeleton: Report, results: Iterable[EventResult]) -> Report:
    """The whole report: ``skeleton`` with the events, claims, alignments and flags
    of ``results`` (in their order)."""
    events: list[Event] = []
    claims: list[Claim] = []
    alignments: list[Alignment] = []
    flags: list[Flag] = []
    for r in results:
        events.append(r.event)
        claims.extend(r.claims)
        alignments.extend(r.alignments)
        flags.extend(r.flags)
    return attrs.evolve(skeleton, events=tuple(events), claims=tuple(claims),
                        alignments=tuple(alignments), flags=tuple(flags))


class FlagTally:
    """The flags as the index pages and the run's summary count them: each flag is
    replaced by a stand-in shared by every flag of the same event, kind, review
    status and side of the confidence cut (``id`` and ``document`` empty, no
    claims, no detail).  The index shows, per event, the counts by kind of the
    flags at or above the cut, the number below it and how many are reviewed;
    the summary line of ``outlet-compare run`` counts the flags below the cut
    (``score < min_confidence``): the stand-ins give the same counts."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.shared: dict[tuple[str, str, str, bool, bool], Flag] = {}
        self.flags: list[Flag] = []

    def add(self, flags: Iterable[Flag]) -> None:
        for f in flags:
            key = (f.event, f.kind, f.review.status, is_confident(self.report, f),
                   f.score < self.report.min_confidence)
            stand_in = self.shared.get(key)
            if stand_in is None:
                stand_in = self.shared[key] = Flag(
                    id="", event=f.event, kind=f.kind, document="", claim=None, reference_claim=None,
                    score=f.score, detail="", review=Review(f.review.status))
            self.flags.append(stand_in)


class _Spill:
    """One list of report.json, its items as text in an anonymous temporary file."""

    def __init__(self, key: str, file: IO[str]) -> None:
        self.key = key
        self.count = 0
        self.file = file

    def add(self, items: Sequence[object]) -> None:
        for piece in json_items(self.key, items, self.count):
            self.file.write(piece)
        self.count += len(items)

    def pieces(self) -> Iterator[str]:
        self.file.flush()
        self.file.seek(0)
        while chunk := self.file.read(1 << 20):
            yield chunk


_LISTS = ("claims", "alignments", "flags")


def _page_kinds(out_dir: Path, stage: Path, formats: Sequence[str]
                ) -> list[tuple[str, Path, Path, IndexRenderer, EventRenderer]]:
    """(suffix, folder the pages link from, folder they are written to, renderers) per format."""
    kinds: list[tuple[str, Path, Path, IndexRenderer, EventRenderer]] = []
    if "md" in formats:
        kinds.append((".md", out_dir, stage, render_index, render_event))
    if "html" in formats:
        from compare.report.html import render_event_html, render_index_html

        kinds.append((".html", out_dir / "html", stage / "html", render_index_html, render_event_html))
    return kinds


def write_report_events(skeleton: Report, results: Iterable[EventResult], out_dir: Path,
                        formats: Sequence[str], *, reviews_file: Path | None = None) -> Report:
    """:func:`compare.report.output.write_report` of the report made of ``skeleton``
    (its documents, skipped inputs, warnings, rules and cut; its own events,
    claims, alignments and flags are ignored) and ``results`` (each event's, in
    report order), holding one event's result at a time: ``results`` may unpack
    each one when it is asked for the next.

    Returns the report without claims or alignments, its flags as
    :class:`FlagTally` stand-ins (with their decisions)."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    with folder_lock(out_dir), staged_folder(out_dir) as stage:
        own = owns_reviews(out_dir, reviews_file)
        rfile = reviews_path(stage) if own else Path(reviews_file or reviews_path(out_dir))
        reviews = load_reviews(rfile)
        kinds = _page_kinds(out_dir, stage, formats)
        summary, present = _write_events(skeleton, results, reviews, kinds, stage)
        orphaned = sync_orphan_ids(rfile, present, judged=set(reviews.decisions), lock=not own)
        for suffix, page_root, write_root, index, _ in kinds:
            write_index_page(summary, page_root, write_root, suffix, index, orphaned, durable=False)
        forget_view()
    return summary


def _write_events(skeleton: Report, results: Iterable[EventResult], reviews: Reviews,
                  kinds: list[tuple[str, Path, Path, IndexRenderer, EventRenderer]],
                  stage: Path) -> tuple[Report, set[str]]:
    """Event pages, report.json and texts; (the report as the index shows it, ids of
    the flags that have a decision)."""
    base = attrs.evolve(skeleton, events=(), claims=(), alignments=(), flags=())
    with contextlib.ExitStack() as files:
        # anonymous (unlinked) files: nothing is left behind whatever stops the run
        spills = {key: _Spill(key, files.enter_context(tempfile.TemporaryFile(
            "w+", encoding="utf-8", newline="", dir=stage))) for key in _LISTS}
        events: list[Event] = []
        tally = FlagTally(base)
        present: set[str] = set()
        pages: dict[str, set[str]] = {suffix: set() for suffix, *_ in kinds}
        for result in results:
            part = apply_reviews(attrs.evolve(base, events=(result.event,), claims=result.claims,
                                              alignments=result.alignments, flags=result.flags), reviews)
            del result  # the loop variable would hold it while the next one is unpacked
            events.append(part.events[0])
            for key, spill in spills.items():
                spill.add(getattr(part, key))
            tally.add(part.flags)
            present.update(f.id for f in part.flags if f.id in reviews.decisions)
            if is_multi(part.events[0]):
                for suffix, page_root, write_root, _, event_page in kinds:
                    pages[suffix].add(write_event_page(part, part.events[0], page_root, write_root, suffix,
                                                       event_page, durable=False))
            del part
            forget_view()
        summary = attrs.evolve(base, events=tuple(events), flags=tuple(tally.flags))
        text = iter_report_json(summary, {key: spill.pieces() for key, spill in spills.items()})
        atomic_write_chunks(stage / REPORT_JSON, (c.encode("utf-8") for c in text), unless_same=True,
                            durable=False)
    write_texts(summary, stage, durable=False)
    for suffix, _, write_root, _, _ in kinds:
        remove_stale_pages(write_root, suffix, pages[suffix])
    return summary, present

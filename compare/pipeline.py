"""The pipeline: pure stages chained together, with reading and writing at the edges.

``analyse`` is pure (sources in, Report out).  ``run`` reads the inputs, calls
``analyse``, merges review decisions and writes the outputs atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

import attrs
from attrs import frozen

from compare import __version__
from compare.core.models import (
    Alignment,
    Claim,
    Document,
    Event,
    Flag,
    InputWarning,
    Report,
    Skipped,
    SourceText,
)
from compare.rules import Rules, compile_rules

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
Progress = Callable[[Iterable[object], str, int], Iterable[object]]


def _no_progress(items: Iterable[object], desc: str, total: int) -> Iterable[object]:
    return items


T = TypeVar("T")


def in_stage(progress: Progress, name: str, work: Callable[[], T]) -> T:
    """Run ``work`` as one step of a stage called ``name`` (a stage with no
    items of its own still shows on the progress line and in the timings)."""
    results: list[T] = []
    for _ in progress(range(1), name, 1):
        results.append(work())
    return results[0]


@frozen
class RunOptions:
    rules_dirs: tuple[Path, ...] = ()
    manifest: Path | None = None
    out: Path = Path("reports")
    formats: tuple[str, ...] = ("md", "json")
    workers: int = 1
    scheduler: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    reviews: Path | None = None
    # The report's confidence cut (None: the flag model's default_cut).
    min_confidence: float | None = None


# --------------------------------------------------------------------------- pure stages


def prepare_documents(sources: Sequence[SourceText], rules: Rules,
                      progress: Progress = _no_progress) -> list[Document]:
    """Ingest (clean, outlet, language) + dates + near-duplicates, for every source."""
    from compare.events.dates import date_document
    from compare.events.dedup import mark_duplicates
    from compare.ingest.documents import assign_ids, build_document

    docs = [build_document(src, rules.boilerplate, rules.outlets)  # type: ignore[arg-type]
            for src in progress(sources, "cleaning", len(sources))]
    docs = assign_ids(docs)
    docs = [date_document(doc, rules.events, rules.lexicon.names)  # type: ignore[arg-type]
            for doc in progress(docs, "dating", len(docs))]
    return in_stage(progress, "duplicates", lambda: mark_duplicates(docs))


@frozen
class EventResult:
    event: Event
    claims: tuple[Claim, ...]
    alignments: tuple[Alignment, ...]
    flags: tuple[Flag, ...]


def analyse_event(event: Event, docs: Sequence[Document], rules: Rules) -> EventResult:
    """Claims, alignment and flags of one event (pure; runs in worker processes)."""
    from compare.align.alignment import align_event
    from compare.align.flags import flag_event, uncompared_documents
    from compare.claims.extract import extract_claims

    claims: list[Claim] = []
    for doc in docs:
        claims.extend(extract_claims(doc, rules.claim_types))
    event, alignments = align_event(event, docs, claims, rules.matching, rules.lexicon)
    event = attrs.evolve(event, uncompared=tuple(sorted(
        uncompared_documents(event, docs, rules.lexicon, rules.matching).items())))
    flags = flag_event(event, docs, claims, alignments, rules.lexicon, rules.matching,
                       rules.flag_model)
    return EventResult(event, tuple(claims), tuple(alignments), tuple(flags))


def _analyse_event_args(args: tuple[Event, Sequence[Document], Rules]) -> EventResult:
    return analyse_event(*args)


def analyse(sources: Sequence[SourceText], rules: Rules, *, skipped: Sequence[Skipped] = (),
            workers: int = 1, scheduler: str | None = None,
            progress: Progress = _no_progress) -> Report:
    """Everything from read sources to a Report (without review decisions)."""
    from compare.events.cluster import cluster_documents

    docs = prepare_documents(sources, rules, progress)
    events, docs = in_stage(progress, "clustering", lambda: cluster_documents(docs))
    by_id = {d.id: d for d in docs}
    jobs = [(ev, [by_id[i] for i in ev.documents], rules) for ev in events]
    results: list[EventResult]
    if scheduler:
        from compare.distributed import map_on_dask

        results = map_on_dask(_analyse_event_args, jobs, scheduler)
    elif workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(progress(pool.map(_analyse_event_args, jobs), "events", len(jobs)))  # type: ignore[arg-type]
    else:
        results = [_analyse_event_args(j) for j in progress(jobs, "events", len(jobs))]  # type: ignore[arg-type]
    return Report(
        tool_version=__version__,
        documents=tuple(docs),
        events=tuple(r.event for r in results),
        claims=tuple(c for r in results for c in r.claims),
        alignments=tuple(a for r in results for a in r.alignments),
        flags=tuple(f for r in results for f in r.flags),
        skipped=tuple(skipped),
        rules=tuple(rules.sources),
        min_confidence=float(rules.flag_model.default_cut),
    )


# --------------------------------------------------------------------------- edges


def run(paths: Sequence[Path], options: RunOptions, progress: Progress = _no_progress,
        notes: list[str] | None = None) -> Report:
    """Read ``paths``, analyse, merge reviews, write every requested format into ``options.out``.

    Raises :class:`compare.core.errors.RuleError` for bad rules and
    :class:`compare.core.errors.InputError` when no input at all could be read; a bad
    individual file is skipped and listed in the report.  The output folder (and
    any other report folder) is not read as input; ``notes`` gets a line for each.
    When no document could be read, nothing is written.
    """
    from compare.ingest.read import read_inputs
    from compare.report.output import check_out_dir, write_report

    check_out_dir(options.out)
    rules = in_stage(progress, "rules", lambda: compile_rules(options.rules_dirs))
    warnings: list[InputWarning] = []
    sources, skipped = read_inputs(paths, manifest=options.manifest, max_bytes=options.max_bytes,
                                   exclude=(options.out,), warnings=warnings, notes=notes, progress=progress)
    report = analyse(sources, rules, skipped=skipped, workers=options.workers,
                     scheduler=options.scheduler, progress=progress)
    if options.min_confidence is not None:
        report = attrs.evolve(report, min_confidence=float(options.min_confidence))
    report = attrs.evolve(report, warnings=tuple(_with_documents(warnings, report.documents)))
    if not report.documents:
        return report  # nothing read: the previous report stays as it was
    return in_stage(progress, "writing", lambda: write_report(
        report, options.out, options.formats, reviews_file=options.reviews))


def _with_documents(warnings: Sequence[InputWarning], docs: Sequence[Document]) -> list[InputWarning]:
    """Each warning about a file with the id of the document read from it."""
    by_path = {d.path: d.id for d in docs}
    return [attrs.evolve(w, document=by_path.get(w.path)) for w in warnings]


def with_event(doc: Document, event_id: str | None) -> Document:
    return attrs.evolve(doc, event_id=event_id)

"""The pipeline: pure stages chained together, with reading and writing at the edges.

``analyse`` is pure (sources in, Report out).  ``run`` reads the inputs, calls
``analyse``, merges review decisions and writes the outputs atomically.

Two stages do the work and both run where ``workers`` / ``scheduler`` say:

* per document (:func:`prepare_one`: cleaning, outlet, language, dates), in
  chunks of documents;
* per event (:func:`analyse_event`: claims, alignment, flags), small events
  chunked together, the largest first so no worker waits at the end.

Between them, in the calling process, ids, near-duplicates and clustering
(they need every document).  In worker processes the rules are sent once per
worker (pool initializer; on Dask scattered once and passed to each task by
reference), not pickled with every task: unpickling the rules recompiles their
patterns (about 0.6 s).  Each worker uses one BLAS thread, and the embedding
model is loaded once per worker (lazily, on first use).  Results are put back
in input order, so the report is byte-identical whichever way it ran.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from attrs import field, frozen
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from compare import __version__
from compare.align.embedcache import configure as configure_embedding_cache
from compare.align.embedcache import configured as embedding_cache_dir
from compare.align.embedcache import default_cache_dir
from compare.core.memory import give_back_memory, undo_nanny_heap_settings
from compare.core.models import (
    Claim,
    Document,
    Event,
    InputWarning,
    Report,
    Skipped,
    SourceText,
)
from compare.ingest import language
from compare.report.stream import (
    EventResult,
    PackedResults,
    compact_result,
    full_report,
    pack_result,
)
from compare.rules import Rules, compile_rules

if TYPE_CHECKING:
    from compare.events.cluster import Encoder

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
Progress = Callable[[Iterable[object], str, int], Iterable[object]]
T = TypeVar("T")
R = TypeVar("R")

# Documents per task of the per-document stage, and (at least) per task of the
# per-event stage: enough that a task takes tens of milliseconds or more, so
# pickling and queueing stay small beside the work.  An event's cost grows with
# the square of its documents (every claim is scored against every other), so
# an event of EVENT_CHUNK_DOCS documents or more is a task of its own and the
# tasks go out largest first: with 64, the few largest events of a realistic
# corpus shared tasks and one worker finished long after the other
# (bench_scale.py, 300 realistic documents: --workers 2 wall speed-up 1.35x).
DOC_CHUNK = 32
EVENT_CHUNK_DOCS = 16


def _no_progress(items: Iterable[object], desc: str, total: int) -> Iterable[object]:
    return items


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
    # The on-disk embedding cache (compare/align/embedcache.py): the user cache
    # directory unless $OUTLET_COMPARE_CACHE_DIR says otherwise; None: no disk cache.
    cache_dir: Path | None = field(factory=default_cache_dir)


# --------------------------------------------------------------------------- pure stages


def prepare_one(src: SourceText, rules: Rules) -> Document:
    """Ingest (clean, outlet, language) and dates of one source (id left empty)."""
    from compare.events.dates import date_document
    from compare.ingest.documents import build_document

    doc = build_document(src, rules.boilerplate, rules.outlets)
    return date_document(doc, rules.events, rules.lexicon.names)


def prepare_documents(sources: Sequence[SourceText], rules: Rules) -> list[Document]:
    """Ingest (clean, outlet, language) + dates + near-duplicates, for every source."""
    return _finish_documents(mark_capped([prepare_one(src, rules) for src in sources], sources))


def source_bytes(sources: Sequence[SourceText]) -> list[int]:
    """The UTF-8 length of each source's text (the scraper's unit of a length limit)."""
    return [len(src.text.encode("utf-8", errors="surrogatepass")) for src in sources]


def mark_capped(docs: Sequence[Document], sources: Sequence[SourceText]) -> list[Document]:
    """``docs`` (built from ``sources``, in order), those whose source ends at a length
    limit of the batch (:func:`compare.ingest.documents.length_caps`) marked truncated: the
    limit may fall after a full stop."""
    from compare.ingest.documents import at_cap, length_caps

    lengths = source_bytes(sources)
    caps = length_caps(lengths)
    if not caps:
        return list(docs)
    return [attrs.evolve(d, truncated=True) if not d.truncated and at_cap(n, caps) else d
            for d, n in zip(docs, lengths, strict=True)]


def _finish_documents(docs: list[Document]) -> list[Document]:
    """Ids and near-duplicates: they need every document at once."""
    from compare.events.dedup import mark_duplicates
    from compare.ingest.documents import assign_ids

    ids = [d.id for d in assign_ids(docs)]
    return mark_duplicates([attrs.evolve(d, id=i) for d, i in zip(docs, ids, strict=True)])


def analyse_event(event: Event, docs: Sequence[Document], rules: Rules) -> EventResult:
    """Claims, alignment and flags of one event (pure; runs in worker processes)."""
    from compare.align.alignment import align_event
    from compare.align.flagbase import uncompared_documents
    from compare.align.flags import flag_event
    from compare.align.scoring import shared_scores
    from compare.claims.extract import extract_claims

    claims: list[Claim] = []
    for doc in docs:
        claims.extend(extract_claims(doc, rules.claim_types))
    # The alignment and the flags score the same claim texts many times: the
    # rapidfuzz scores are computed once per pair of the event (same numbers).
    with shared_scores():
        event, alignments = align_event(event, docs, claims, rules.matching, rules.lexicon)
        event = attrs.evolve(event, uncompared=tuple(sorted(
            uncompared_documents(event, docs, rules.lexicon, rules.matching).items())))
        flags = flag_event(event, docs, claims, alignments, rules.lexicon, rules.matching,
                           rules.flag_model)
    return EventResult(event, tuple(claims), tuple(alignments), tuple(flags))


def _event_then_forget(event: Event, docs: Sequence[Document], rules: Rules) -> EventResult:
    """:func:`analyse_event`, then the claim-normalisation caches are emptied: they pay
    within an event (every claim is compared many times) but hardly across events, and
    kept they would hold 65,536 entries (~200 MB) however small the events (and the
    embedding vectors when a disk cache keeps them).  Memory is
    then bounded by the largest event, not by how many came before.  The result is
    compacted (:func:`compact_result`) before it is kept or pickled back."""
    from compare.align import embed
    from compare.align.normalize import _canonical, normalize

    result = analyse_event(event, docs, rules)
    normalize.cache_clear()
    _canonical.cache_clear()
    language.forget()  # a worker that read documents holds the language model until here
    if embedding_cache_dir() is not None:
        # Up to 20,000 vectors (~45 MB) would stay for the rest of the run; with
        # a disk cache a claim text repeated in a later event is read back from
        # it, not encoded again (the same vector, bit for bit).
        embed.forget()
    compact = compact_result(result)
    del result
    give_back_memory()
    return compact


# From this many documents on, the embedding model (~110 MB) is released after
# the events stage, before the report is unpacked and written: reloading it
# (~2 s) in a later run of the same process is nothing beside such a run, and a
# small run (tests, notebooks calling run() again and again) keeps it.
RELEASE_MODEL_DOCS = 500


def _unpack_all(packed: PackedResults) -> list[EventResult]:
    """The results, each blob dropped once it is read (the cyclic collector is
    paused meanwhile: the objects are new and hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return list(packed.results())
    finally:
        if enabled:
            gc.enable()


def lead_encoder(rules: Rules) -> Encoder | None:
    """The embedding model as clustering uses it (documents in different languages that
    name nobody join on their leads), or None when it cannot match across languages."""
    from compare.align.embed import embed_texts
    from compare.align.languages import cross_lingual

    config = rules.matching
    if not cross_lingual(config):
        return None
    return lambda texts: embed_texts(texts, config.embedding_model)


def release_model() -> None:
    """Let the embedding model and its vectors go (loaded again on next use)."""
    from compare.align import embed

    embed.release()


# --------------------------------------------------------------------------- workers

EventJob = tuple[Event, list[Document]]


class _Worker:
    """What a worker process keeps between tasks: the rules it was given once."""

    rules: Rules | None = None
    pinned = False


def _pin_blas() -> None:
    """One BLAS thread per process: with several processes on few cores,
    OpenBLAS threads spin-wait against each other (embed.USE_THREADS)."""
    if _Worker.pinned:
        return
    _Worker.pinned = True
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    threadpool_limits(1)


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """One BLAS thread within the block, in this process too (not only in
    workers): the per-event matrix products are small, and a second OpenBLAS
    thread spin-waits for a core beside the one doing the work (200 realistic
    documents, one process: 1.15 CPU seconds per wall second before)."""
    with threadpool_limits(1, user_api="blas"):
        yield


def _init_worker(rules: Rules, cache_dir: Path | None) -> None:
    """Pool initializer (and the first thing a Dask task does in a new process)."""
    _pin_blas()
    undo_nanny_heap_settings()
    _Worker.rules = rules
    configure_embedding_cache(cache_dir)


def _rules() -> Rules:
    if _Worker.rules is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker started without rules")
    return _Worker.rules


def _docs_task(chunk: list[SourceText]) -> list[Document]:
    rules = _rules()
    return [prepare_one(src, rules) for src in chunk]


def _events_task(chunk: list[EventJob]) -> list[bytes]:
    rules = _rules()
    return [pack_result(_event_then_forget(ev, docs, rules)) for ev, docs in chunk]


def _dask_docs_task(chunk: list[SourceText], rules: Rules, cache_dir: Path | None) -> list[Document]:
    if _Worker.rules is not rules:
        _init_worker(rules, cache_dir)
    return _docs_task(chunk)


def _dask_events_task(chunk: list[EventJob], rules: Rules, cache_dir: Path | None) -> list[bytes]:
    if _Worker.rules is not rules:
        _init_worker(rules, cache_dir)
    return _events_task(chunk)


def _chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _event_chunks(jobs: Sequence[EventJob], min_docs: int) -> list[list[int]]:
    """Indexes of ``jobs`` in tasks of at least ``min_docs`` documents (a large
    event alone), largest tasks first."""
    order = sorted(range(len(jobs)), key=lambda i: (-len(jobs[i][1]), i))
    tasks: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i in order:
        current.append(i)
        size += len(jobs[i][1])
        if size >= min_docs:
            tasks.append(current)
            current, size = [], 0
    if current:
        tasks.append(current)
    return tasks


class _Runner:
    """Runs the two stages in this process, a process pool or on Dask; results
    always come back in input order."""

    def __init__(self, rules: Rules, workers: int, scheduler: str | Any | None,
                 cache_dir: Path | None) -> None:
        self.rules = rules
        self.cache_dir = cache_dir
        self.pool: ProcessPoolExecutor | None = None
        self.client: Any = None
        self.owned_client = False
        self.rules_ref: Any = rules
        if scheduler:
            from compare.distributed import connect

            self.client, self.owned_client = connect(scheduler)
            self.rules_ref = self.client.scatter(rules, broadcast=True, hash=False)
        elif workers > 1:
            self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                            initargs=(rules, cache_dir))
        self.parallel = self.pool is not None or self.client is not None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
        if self.client is not None and self.owned_client:
            self.client.close()

    def _map(self, local: Callable[[list[T]], list[R]], dask: Callable[..., list[R]],
             tasks: list[list[T]]) -> Iterator[tuple[int, list[R]]]:
        """(task index, results) as tasks finish (in order when run here)."""
        if self.client is not None:
            from distributed import as_completed

            futures = [self.client.submit(dask, t, self.rules_ref, self.cache_dir, pure=False)
                       for t in tasks]
            index = {f.key: i for i, f in enumerate(futures)}
            for fut in as_completed(futures):  # type: ignore[no-untyped-call]
                yield index[fut.key], fut.result()
                fut.release()
        elif self.pool is not None:
            from concurrent.futures import as_completed as pool_completed

            pending: dict[Future[list[R]], int] = {
                self.pool.submit(local, t): i for i, t in enumerate(tasks)}
            for fut in pool_completed(pending):
                yield pending[fut], fut.result()
        else:
            for i, t in enumerate(tasks):
                yield i, local(t)

    def documents(self, sources: Sequence[SourceText], progress: Progress) -> list[Document]:
        if not self.parallel:
            return [prepare_one(src, self.rules) for src in
                    _typed(progress(sources, "documents", len(sources)), sources)]
        tasks = _chunks(sources, DOC_CHUNK)
        out: list[list[Document]] = [[] for _ in tasks]
        for i, docs in _counted(self._map(_docs_task, _dask_docs_task, tasks), progress,
                                "documents", len(sources), len):
            out[i] = docs
        return [d for chunk in out for d in chunk]

    def events(self, jobs: Sequence[EventJob], progress: Progress, out: PackedResults) -> None:
        """Each event's result, packed (:func:`pack_result`), put into ``out`` by its index."""
        if not self.parallel:
            with _one_blas_thread():
                for i, (ev, docs) in enumerate(_typed(progress(jobs, "events", len(jobs)), jobs)):
                    out.put(i, pack_result(_event_then_forget(ev, docs, self.rules)))
            return
        order = _event_chunks(jobs, EVENT_CHUNK_DOCS)
        tasks = [[jobs[i] for i in task] for task in order]
        for t, results in _counted(self._map(_events_task, _dask_events_task, tasks), progress,
                                   "events", len(jobs), len):
            for i, res in zip(order[t], results, strict=True):
                out.put(i, res)


def _typed(items: Iterable[object], like: Sequence[T]) -> Iterable[T]:
    """The progress wrapper yields the items it was given (typed as objects)."""
    return items  # type: ignore[return-value]


def _counted(items: Iterator[tuple[int, list[R]]], progress: Progress, desc: str, total: int,
             size: Callable[[list[R]], int]) -> Iterator[tuple[int, list[R]]]:
    """``items``, with the progress bar advanced by the size of each batch."""
    bar: Any = progress(_Ticks(total), desc, total)
    ticks = iter(bar)
    for index, batch in items:
        for _ in range(size(batch)):
            next(ticks, None)
        yield index, batch
    for _ in ticks:  # close the bar
        pass


class _Ticks:
    """An iterable of ``n`` ticks the progress bar counts."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.n))


Timings = dict[str, float]


def analyse(sources: Sequence[SourceText], rules: Rules, *, skipped: Sequence[Skipped] = (),
            workers: int = 1, scheduler: str | Any | None = None,
            progress: Progress = _no_progress, timings: Timings | None = None) -> Report:
    """Everything from read sources to a Report (without review decisions).

    ``workers`` > 1 runs the per-document and per-event stages in that many
    processes; ``scheduler`` (a Dask address or ``distributed.Client``) runs them
    on Dask.  ``timings``, when given, receives the wall-clock seconds per stage."""
    skeleton, packed = analyse_packed(sources, rules, skipped=skipped, workers=workers,
                                      scheduler=scheduler, progress=progress, timings=timings)
    return full_report(skeleton, _unpack_all(packed))


def analyse_packed(sources: Sequence[SourceText], rules: Rules, *, skipped: Sequence[Skipped] = (),
                   workers: int = 1, scheduler: str | Any | None = None, progress: Progress = _no_progress,
                   timings: Timings | None = None, spill: Path | None = None) -> tuple[Report, PackedResults]:
    """:func:`analyse` with each event's result left packed (:class:`PackedResults`,
    in a temporary file in the folder ``spill`` when given): (the report without
    events, claims, alignments and flags, the packed results).
    ``compare.report.stream`` writes them one event at a time."""
    runner = _Runner(rules, workers, scheduler, embedding_cache_dir())
    try:
        return _analyse(runner, sources, rules, skipped, progress,
                        timings if timings is not None else {}, spill)
    finally:
        runner.close()


def _analyse(runner: _Runner, sources: Sequence[SourceText], rules: Rules, skipped: Sequence[Skipped],
             progress: Progress, timings: Timings, spill: Path | None) -> tuple[Report, PackedResults]:
    from compare.events.cluster import cluster_documents

    t0 = time.perf_counter()
    docs = runner.documents(sources, progress)
    docs = mark_capped(docs, sources)
    if isinstance(sources, _Handover):
        sources.clear()  # run() keeps no other reference: the raw texts can go
    t1 = time.perf_counter()
    language.forget()
    give_back_memory()
    docs = in_stage(progress, "duplicates", lambda: _finish_documents(docs))
    give_back_memory()
    t2 = time.perf_counter()
    encode = lead_encoder(rules)
    events, docs = in_stage(progress, "clustering", lambda: cluster_documents(docs, encode))
    give_back_memory()
    by_id = {d.id: d for d in docs}
    jobs = [(ev, [by_id[i] for i in ev.documents]) for ev in events]
    del by_id, events
    t3 = time.perf_counter()
    packed = PackedResults(len(jobs), spill)
    try:
        runner.events(jobs, progress, packed)
    except BaseException:
        packed.close()
        raise
    del jobs
    if len(docs) >= RELEASE_MODEL_DOCS:
        release_model()
    give_back_memory()
    t4 = time.perf_counter()
    timings.update({"clean+dates": t1 - t0, "ids+duplicates": t2 - t1, "cluster": t3 - t2,
                    "claims+align+flags": t4 - t3})
    skeleton = Report(tool_version=__version__, documents=tuple(docs), events=(), skipped=tuple(skipped),
                      rules=tuple(rules.sources), min_confidence=float(rules.flag_model.default_cut))
    return skeleton, packed


# --------------------------------------------------------------------------- edges


def run(paths: Sequence[Path], options: RunOptions, progress: Progress = _no_progress,
        notes: list[str] | None = None, timings: Timings | None = None) -> Report:
    """Read ``paths``, analyse, merge reviews, write every requested format into ``options.out``.

    The report is written event by event (:mod:`compare.report.stream`): one
    event's claims, alignments and flags are in memory at a time, so memory is
    bounded by the largest event, not by the whole report.  Returns the report as
    the index shows it: documents, events, skipped inputs and warnings, no claims
    or alignments, and each flag as a stand-in that only its event, kind, review
    status and confidence side are known of (:class:`compare.report.stream.FlagTally`);
    :func:`compare.report.output.read_report` reads the whole report back.

    Raises :class:`compare.core.errors.RuleError` for bad rules and
    :class:`compare.core.errors.InputError` when no input at all could be read; a bad
    individual file is skipped and listed in the report.  The output folder (and
    any other report folder) is not read as input; ``notes`` gets a line for each.
    When no document could be read, nothing is written.
    """
    from compare.ingest.read import read_inputs
    from compare.report.output import check_out_dir
    from compare.report.stream import write_report_events

    timings = timings if timings is not None else {}
    check_out_dir(options.out)
    t0 = time.perf_counter()
    rules = in_stage(progress, "rules", lambda: compile_rules(options.rules_dirs))
    configure_embedding_cache(options.cache_dir)
    warnings: list[InputWarning] = []
    sources, skipped = read_inputs(paths, manifest=options.manifest, max_bytes=options.max_bytes,
                                   exclude=(options.out,), warnings=warnings, notes=notes, progress=progress)
    timings["read"] = time.perf_counter() - t0
    handover = _Handover(sources)
    del sources
    # The packed results wait in a temporary file beside the report folder (the
    # system's temporary folder when that does not exist yet).
    parent = Path(options.out).resolve().parent
    report, packed = analyse_packed(handover, rules, skipped=skipped, workers=options.workers,
                                    scheduler=options.scheduler, progress=progress, timings=timings,
                                    spill=parent if parent.is_dir() else Path(tempfile.gettempdir()))
    if options.min_confidence is not None:
        report = attrs.evolve(report, min_confidence=float(options.min_confidence))
    report = attrs.evolve(report, warnings=tuple(_with_documents(warnings, report.documents)))
    if not report.documents:
        packed.close()
        return report  # nothing read: the previous report stays as it was
    t1 = time.perf_counter()
    skeleton = report
    del report
    written = in_stage(progress, "writing", lambda: write_report_events(
        skeleton, packed.results(), options.out, options.formats, reviews_file=options.reviews))
    timings["write"] = time.perf_counter() - t1
    return written


def _with_documents(warnings: Sequence[InputWarning], docs: Sequence[Document]) -> list[InputWarning]:
    """Each warning about a file with the id of the document read from it."""
    by_path = {d.path: d.id for d in docs}
    return [attrs.evolve(w, document=by_path.get(w.path)) for w in warnings]


class _Handover(list[SourceText]):
    """The sources, handed to :func:`analyse` so that ``run`` holds no other
    reference: once the documents are built the raw texts can be freed."""


def with_event(doc: Document, event_id: str | None) -> Document:
    return attrs.evolve(doc, event_id=event_id)

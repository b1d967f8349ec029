"""Writing and reading a report folder.

Layout of ``OUT/``::

    report.json                 the JSON report (always written: review needs it)
    texts/<doc id>.txt          cleaned text of each document (claim spans index it)
    texts/<doc id>.segments.json  cleaned-to-source offset map with the input file's
                                line of each segment (for source links)
    index.md, events/<id>.md    Markdown report        (format "md"; a page per event
                                with more than one document)
    html/index.html, html/events/<id>.html  HTML report (format "html")
    reviews.yaml                review decisions (owned by compare.report.reviews, never touched here)

The folder is written as one unit (:func:`compare.core.atomic.staged_folder`):
the new state is built beside the old one and swapped in, so a kill at any
moment leaves the old report or the new one, never report.json of one run and
pages of another.  Writers hold the folder lock exclusively, readers (the
review commands) shared.  Output is
deterministic: stable order, sorted JSON keys where order is not meaningful,
no timestamps.  Pages and texts of events and documents that no longer exist
are removed; only files this module generates are ever deleted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from compare.core.atomic import atomic_write_chunks, atomic_write_text, folder_lock, staged_folder
from compare.core.errors import InputError
from compare.core.escape import safe_filename
from compare.core.models import Event, Report, Segment
from compare.report.jsonio import (
    iter_report_json,
    report_from_dict,
    segments_from_list,
    segments_to_list,
    validate_report_dict,
)
from compare.report.markdown import render_event, render_index
from compare.report.reviews import apply_reviews, load_reviews, reviews_path, sync_orphans
from compare.report.view import FOOTER, shown_events

REPORT_JSON = "report.json"
MAX_REPORT_BYTES = 512 * 1024 * 1024


def text_name(doc_id: str) -> str:
    return f"{safe_filename(doc_id)}.txt"


def segments_name(doc_id: str) -> str:
    return f"{safe_filename(doc_id)}.segments.json"


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_if_changed(path: Path, text: str, *, durable: bool = True) -> None:
    """Atomic write, skipped when the file already holds exactly ``text`` (re-renders
    after a review decision then touch only the pages that changed)."""
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    atomic_write_text(path, text, durable=durable)


def formats_present(out_dir: Path) -> tuple[str, ...]:
    """The formats an existing report folder was written with (json always)."""
    found = ["json"]
    if (out_dir / "index.md").exists():
        found.append("md")
    if (out_dir / "html" / "index.html").exists():
        found.append("html")
    return tuple(found)


def _remove_stale(folder: Path, suffix: str, keep: set[str], marker: str | None) -> None:
    """Delete ``folder/*<suffix>`` not in ``keep`` (and, with ``marker``, only files
    containing it: pages a person wrote by hand are never removed)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if not path.is_file() or not path.name.endswith(suffix) or path.name in keep:
            continue
        if marker is not None:
            try:
                if marker not in path.read_text("utf-8", errors="replace")[-4000:]:
                    continue
            except OSError:
                continue
        path.unlink(missing_ok=True)


def owns_reviews(out_dir: Path, reviews_file: Path | None) -> bool:
    """True when the decisions live in the report folder (and so are swapped with it)."""
    if reviews_file is None:
        return True
    try:
        return Path(reviews_file).resolve() == reviews_path(out_dir).resolve()
    except OSError:
        return False


# Names a folder may hold before it first becomes a report folder.
PRE_REPORT_NAMES = frozenset({"reviews.yaml"})


def check_out_dir(out_dir: Path) -> None:
    """Refuse to turn a folder of other files into a report folder: the report
    replaces the folder as a whole (its other files are carried over, but a
    source folder or a home folder is no place for it)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(str(out_dir), "--out is a file, not a folder")
    if not out_dir.is_dir() or (out_dir / REPORT_JSON).is_file():
        return
    other = sorted(p.name for p in out_dir.iterdir() if p.name not in PRE_REPORT_NAMES)
    if other:
        raise InputError(str(out_dir), f"folder is not empty and holds no {REPORT_JSON} "
                         f"(e.g. '{other[0][:80]}'): choose a new or empty folder for the report")


def write_report(report: Report, out_dir: Path, formats: Sequence[str], *,
                 reviews_file: Path | None = None) -> Report:
    """Write ``report`` into ``out_dir`` as one unit: report.json and texts always,
    Markdown with ``"md"``, HTML with ``"html"``.  The decisions in ``reviews_file``
    (default ``out_dir/reviews.yaml``) are applied as they are at the moment of
    writing (under the folder lock), decisions whose flags this report no longer
    has are marked orphaned there, and their number is shown in the index.
    Returns the report as written (with its decisions)."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    with folder_lock(out_dir), staged_folder(out_dir) as stage:
        own = owns_reviews(out_dir, reviews_file)
        rfile = reviews_path(stage) if own else Path(reviews_file or reviews_path(out_dir))
        report = apply_reviews(report, load_reviews(rfile))
        orphaned = sync_orphans(rfile, report, lock=not own)
        render_all(report, out_dir, formats, orphaned=orphaned, into=stage)
    return report


def render_all(report: Report, out_dir: Path, formats: Sequence[str], *, orphaned: int = 0,
               into: Path | None = None) -> None:
    """Everything :func:`write_report` writes, without touching the reviews file.
    Pages link and name commands as if they were in ``out_dir``; the files are
    written into ``into`` (a staging copy of ``out_dir``) when given."""
    out_dir = Path(out_dir)
    root = Path(into) if into is not None else out_dir
    durable = into is None  # a staging folder is synced as a whole before the swap
    # Streamed: the dict and string of a large report would be several times its size.
    atomic_write_chunks(root / REPORT_JSON, (c.encode("utf-8") for c in iter_report_json(report)),
                        unless_same=True, durable=durable)
    write_texts(report, root, durable)

    if "md" in formats:
        _write_pages(report, out_dir, root, ".md", render_index, render_event, orphaned, durable)
    if "html" in formats:
        from compare.report.html import render_event_html, render_index_html

        _write_pages(report, out_dir / "html", root / "html", ".html", render_index_html, render_event_html,
                     orphaned, durable)


def write_texts(report: Report, root: Path, durable: bool) -> None:
    """``texts/``: the cleaned text and segment map of every document; files of
    documents that are gone are removed."""
    texts = root / "texts"
    keep: set[str] = set()
    for doc in report.documents:
        name = text_name(doc.id)
        keep.add(name)
        write_if_changed(texts / name, doc.text, durable=durable)
        if doc.segments:
            seg_name = segments_name(doc.id)
            keep.add(seg_name)
            seg_list = segments_to_list(doc.segments, doc.segment_lines)
            write_if_changed(texts / seg_name, json.dumps(seg_list) + "\n", durable=durable)
    _remove_stale(texts, ".txt", keep, None)
    _remove_stale(texts, ".segments.json", keep, None)


class IndexRenderer(Protocol):
    def __call__(self, report: Report, *, page_dir: Path, orphaned: int = 0) -> str: ...


class EventRenderer(Protocol):
    def __call__(self, report: Report, event: Event, *, page_dir: Path) -> str: ...


def _write_pages(report: Report, page_root: Path, write_root: Path, suffix: str, index: IndexRenderer,
                 event_page: EventRenderer, orphaned: int, durable: bool = True) -> None:
    """``index<suffix>`` and ``events/<event id><suffix>`` under ``page_root`` (written
    under ``write_root``); pages of events that are gone are removed (only pages this
    module wrote: they end with FOOTER)."""
    write_index_page(report, page_root, write_root, suffix, index, orphaned, durable)
    pages = {write_event_page(report, event, page_root, write_root, suffix, event_page, durable)
             for event in shown_events(report)}
    remove_stale_pages(write_root, suffix, pages)


def write_index_page(report: Report, page_root: Path, write_root: Path, suffix: str, index: IndexRenderer,
                     orphaned: int, durable: bool) -> None:
    write_if_changed(write_root / f"index{suffix}", index(report, page_dir=page_root, orphaned=orphaned),
                     durable=durable)


def write_event_page(report: Report, event: Event, page_root: Path, write_root: Path, suffix: str,
                     event_page: EventRenderer, durable: bool) -> str:
    """``events/<event id><suffix>``; returns its file name."""
    name = f"{safe_filename(event.id)}{suffix}"
    write_if_changed(write_root / "events" / name,
                     event_page(report, event, page_dir=page_root / "events"), durable=durable)
    return name


def remove_stale_pages(write_root: Path, suffix: str, keep: set[str]) -> None:
    """Event pages this module wrote (they end with FOOTER) that are not in ``keep``."""
    _remove_stale(write_root / "events", suffix, keep, FOOTER)


def read_report(out_dir: Path) -> Report:
    """Read ``out_dir/report.json`` and the document texts back into a Report.

    Raises :class:`InputError` naming the file when report.json is missing,
    not JSON, or does not follow the schema, or when a text file is missing.
    """
    path = Path(out_dir) / REPORT_JSON
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no report here (run 'outlet-compare run' first)") from None
    if size > MAX_REPORT_BYTES:
        raise InputError(str(path), f"report is larger than {MAX_REPORT_BYTES} bytes")
    try:
        data = json.loads(path.read_text("utf-8"))
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    validate_report_dict(data, str(path))
    texts: dict[str, str] = {}
    segments: dict[str, tuple[Segment, ...]] = {}
    lines: dict[str, tuple[int, ...]] = {}
    for doc in data["documents"]:
        doc_id = doc["id"]
        text_path = Path(out_dir) / "texts" / text_name(doc_id)
        try:
            texts[doc_id] = text_path.read_text("utf-8")
        except FileNotFoundError:
            raise InputError(str(text_path), f"text of document '{doc_id}' is missing") from None
        except UnicodeDecodeError:
            raise InputError(str(text_path), "not UTF-8 text") from None
        seg_path = Path(out_dir) / "texts" / segments_name(doc_id)
        if seg_path.exists():
            try:
                segments[doc_id], lines[doc_id] = segments_from_list(
                    json.loads(seg_path.read_text("utf-8")))
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(str(seg_path), f"bad segment map: {exc}") from None
    try:
        return report_from_dict(data, texts, segments, lines)
    except Exception as exc:  # cattrs errors carry nested detail; one line is enough here
        raise InputError(str(path), f"cannot read report: {type(exc).__name__}") from None

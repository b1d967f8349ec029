"""Review commands: list, show, decide and export the flags of a report folder.

Decisions live in ``reviews.yaml`` (:mod:`compare.report.reviews`); every decision
re-renders the report pages so they show it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from attrs import frozen
from tabulate import tabulate

from compare.core.atomic import atomic_write_text, folder_lock, locked, staged_folder
from compare.core.errors import ReviewError
from compare.core.escape import clean_inline
from compare.core.models import Flag, Report, ReviewStatus
from compare.report.output import formats_present, owns_reviews, read_report, render_all
from compare.report.reviews import (
    STATUSES,
    Decision,
    HistoryEntry,
    Reviews,
    apply_reviews,
    dump_reviews,
    load_reviews,
    mark_orphans,
    reviews_path,
)
from compare.report.view import (
    View,
    flag_diff,
    flag_quotes,
    is_confident,
    reviewable_flags,
    source_label,
    source_line,
)

MAX_NOTE = 5000
SHORT = 60


@frozen
class RecordedDecision:
    flag_id: str
    status: str
    note: str | None


def _load(report_dir: Path, reviews_file: Path | None) -> tuple[Report, Reviews]:
    """The report with its decisions, read under the folder's shared lock (a run or a
    decision swapping the folder in the meantime waits)."""
    with folder_lock(report_dir, shared=True):
        reviews = load_reviews(reviews_file or reviews_path(report_dir))
        return apply_reviews(read_report(report_dir), reviews), reviews


def resolve_flag_id(report: Report, flag_id: str, report_dir: Path) -> str:
    """The full id of ``flag_id`` (exact, or a unique prefix)."""
    ids = [f.id for f in report.flags]
    if flag_id in ids:
        return flag_id
    matches = sorted(i for i in ids if flag_id and i.startswith(flag_id))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        raise ReviewError(f"ambiguous flag id '{flag_id}' matches {len(matches)} flags: {shown}")
    raise ReviewError(f"unknown flag id '{flag_id}' (not in {Path(report_dir) / 'report.json'})")


def _quotes(report: Report, flag: Flag) -> tuple[str, str]:
    claims = {c.id: c.text for c in report.claims}
    return claims.get(flag.reference_claim or "", ""), claims.get(flag.claim or "", "")


def ordered_flags(report: Report) -> list[Flag]:
    """The flags a reviewer works through, in report order: events by date, then the
    event page's order (most important kind first, then outlet, then the text).
    Flags on single-document events are left out, as in the report."""

    view = View.of(report)
    dates = {e.id: (e.date is None, e.date.isoformat() if e.date else "", e.id) for e in report.events}
    return sorted(reviewable_flags(report), key=lambda f: (dates.get(f.event, (True, "", f.event)),
                                                           view.flag_key(f)))


def list_flags(report_dir: Path, reviews_file: Path | None = None, show_all: bool = False) -> str:
    """A table of open flags (every flag with ``show_all``), then how to act on them."""
    import shlex


    report, _ = _load(report_dir, reviews_file)
    view = View.of(report)
    every = ordered_flags(report)
    flags = [f for f in every if show_all or (f.review.status == "open" and is_confident(report, f))]
    hidden = sum(1 for f in every if f.review.status == "open" and not is_confident(report, f))
    hint = ("" if show_all or not hidden else
            f"{hidden} open low-confidence flag(s) (below {report.min_confidence:.2f}) not listed; "
            "--all lists them.")
    if not flags:
        return ("No open flags." if not show_all else "No flags.") + (f" {hint}" if hint else "")
    rows = []
    for f in flags:
        ref, doc = _quotes(report, f)
        n_copies = len(view.copies(f.event, f.document))
        outlet = clean_inline(view.label(f.document), 24) + (
            f" +{n_copies} {'copy' if n_copies == 1 else 'copies'}" if n_copies else "")
        rows.append([f.id, clean_inline(f.event, 30), outlet,
                     f.kind, *([f.review.status] if show_all else []),
                     clean_inline(ref, SHORT), clean_inline(doc, SHORT)])
    headers = ["id", "event", "outlet", "kind", *(["status"] if show_all else []), "reference", "document"]
    where = shlex.quote(str(report_dir))
    n_open = sum(1 for f in flags if f.review.status == "open")
    return "\n".join([
        tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True), "",
        *([hint] if hint else []),
        f"{n_open} open. Show one: outlet-compare review {where} FLAG_ID; decide: "
        f"outlet-compare review {where} FLAG_ID --confirm|--dismiss [--note TEXT]"])


def _plain_diff(report: Report, flag: Flag) -> str:

    ref, claim = flag_quotes(View.of(report), flag)
    parts = []
    for op in flag_diff(flag, ref, claim):
        text = clean_inline(op.text, 2000)
        parts.append(text if op.op == "equal" else f"[-{text}-]" if op.op == "delete" else f"{{+{text}+}}")
    return " ".join(p for p in parts if p)


def show_flag(report_dir: Path, flag_id: str, reviews_file: Path | None = None) -> str:
    """Everything about one flag, as plain text for the terminal."""

    report, reviews = _load(report_dir, reviews_file)
    fid = resolve_flag_id(report, flag_id, report_dir)
    flag = next(f for f in report.flags if f.id == fid)
    docs = {d.id: d for d in report.documents}
    claims = {c.id: c for c in report.claims}
    event = next((e for e in report.events if e.id == flag.event), None)
    copies = View.of(report).copies(flag.event, flag.document)
    lines = [f"Flag:      {fid}",
             f"Event:     {clean_inline(event.label if event else flag.event, 200)}"
             f" ({event.date if event and event.date else 'undated'}, {flag.event})",
             f"Kind:      {flag.kind}",
             f"Document:  {clean_inline(docs[flag.document].outlet if flag.document in docs else '?', 100)}"
             f" ({flag.document})",
             *([f"Copies:    {clean_inline(', '.join(copies), 1000)} (republished: the flag stands for them too)"]
               if copies else []),
             f"Confidence: {flag.score:.2f}"
             + ("" if is_confident(report, flag) else " (low confidence)"),
             f"Detail:    {clean_inline(flag.detail, 2000)}"]
    if flag.lexicon_class:
        lines.append(f"Lexicon:   {clean_inline(flag.lexicon_class, 100)}")
    for label, cid in (("Reference", flag.reference_claim), ("Document", flag.claim)):
        claim = claims.get(cid or "")
        if claim is None:
            continue
        doc = docs.get(claim.document)
        where = source_label(doc, source_line(doc, claim.span[0])) if doc else claim.document
        lines += [f"{label} ({clean_inline(doc.outlet if doc else '?', 100)}, {clean_inline(where, 300)}):",
                  f"  {clean_inline(claim.text, 4000)}"]
    diff = _plain_diff(report, flag)
    if diff:
        lines.append(f"Diff:      {diff}")
    r = flag.review
    lines.append(f"Review:    {r.status}" + (f" by {clean_inline(r.user, 100)}" if r.user else "")
                 + (f" at {r.time}" if r.time else "") + (f": {clean_inline(r.note, MAX_NOTE)}" if r.note else ""))
    decision = reviews.decisions.get(fid)
    for h in decision.history if decision else ():
        lines.append(f"  earlier: {h.status}" + (f" by {clean_inline(h.user, 100)}" if h.user else "")
                     + (f" at {h.time}" if h.time else "") + (f": {clean_inline(h.note, MAX_NOTE)}" if h.note else ""))
    return "\n".join(lines)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record_decision(report_dir: Path, flag_id: str, status: str | None, note: str | None,
                    user: str, reviews_file: Path | None = None) -> RecordedDecision:
    """Record a decision (``status`` confirmed/dismissed/open, or None to add a note only)
    on one flag, keep the earlier one in its history, and re-render the report folder."""
    return record_decisions(report_dir, [flag_id], status, note, user, reviews_file)[0]


def record_decisions(report_dir: Path, flag_ids: Sequence[str], status: str | None, note: str | None,
                     user: str, reviews_file: Path | None = None) -> list[RecordedDecision]:
    """:func:`record_decision` for several flags at once: every id is checked before
    anything is written, then one locked write and one re-render."""

    if status is not None and status not in STATUSES:
        raise ReviewError(f"unknown status '{status}' (use one of {', '.join(STATUSES)})")
    if status is None and note is None:
        raise ReviewError("nothing to record: give --confirm, --dismiss, --reopen or --note")
    if note is not None and len(note) > MAX_NOTE:
        raise ReviewError(f"note is longer than {MAX_NOTE} characters")
    if not flag_ids:
        raise ReviewError("no flag id given")
    report_dir = Path(report_dir)
    own = owns_reviews(report_dir, reviews_file)
    with folder_lock(report_dir), \
            (contextlib.nullcontext() if own else locked(Path(reviews_file or ""))):
        report = read_report(report_dir)
        fids = list(dict.fromkeys(resolve_flag_id(report, f, report_dir) for f in flag_ids))
        path = reviews_path(report_dir) if own else Path(reviews_file or "")
        reviews = load_reviews(path)
        decisions = dict(reviews.decisions)
        recorded = []
        now = _now()
        for fid in fids:
            old = decisions.get(fid)
            history = old.history if old else ()
            if old is not None:
                history = (*history, HistoryEntry(old.status, old.note, old.user, old.time))
            new_status = cast(ReviewStatus, status or (old.status if old else "open"))
            new_note = note if note is not None else (old.note if old else None)
            decisions[fid] = Decision(new_status, new_note, clean_inline(user, 100) or "unknown", now,
                                      False, history)
            recorded.append(RecordedDecision(fid, new_status, new_note))
        reviews = mark_orphans(Reviews(decisions), report)
        orphaned = sum(1 for d in reviews.decisions.values() if d.orphaned)
        formats = formats_present(report_dir)
        # The decisions and the pages that show them change as one unit: both are
        # written into a staging copy of the folder that is then swapped in.  A
        # --reviews file outside the folder is written first (then the pages).
        if not own:
            atomic_write_text(path, dump_reviews(reviews))
        with staged_folder(report_dir) as stage:
            if own:
                atomic_write_text(reviews_path(stage), dump_reviews(reviews), durable=False)
            render_all(apply_reviews(report, reviews), report_dir, formats, orphaned=orphaned, into=stage)
    return recorded


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(report_dir: Path, reviews_file: Path | None = None) -> str:
    """Every flag of the report (in report order) with its decision as CSV
    (formula-injection safe), then orphaned decisions.  ``copies`` names the
    republished copies of the flagged document (space-separated ids): a copy gets
    no flags of its own, its original's flags stand for it."""

    report, reviews = _load(report_dir, reviews_file)
    view = View.of(report)
    outlets = {d.id: d.outlet for d in report.documents}
    dates = {e.id: e.date for e in report.events}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["flag_id", "event", "event_date", "kind", "outlet", "document", "copies", "score",
                     "detail", "reference_quote", "document_quote", "status", "note", "user", "time",
                     "orphaned"])
    for f in ordered_flags(report):
        ref, doc = _quotes(report, f)
        r = f.review
        writer.writerow([_csv_safe(v) for v in (
            f.id, f.event, dates.get(f.event) or "", f.kind, outlets.get(f.document, ""), f.document,
            " ".join(view.copies(f.event, f.document)), f"{f.score:.3f}", f.detail, ref, doc,
            r.status, r.note, r.user, r.time, "no")])
    ids = {f.id for f in report.flags}
    for fid in sorted(set(reviews.decisions) - ids):
        d = reviews.decisions[fid]
        writer.writerow([_csv_safe(v) for v in (
            fid, "", "", "", "", "", "", "", "", "", "", d.status, d.note, d.user, d.time, "yes")])
    return buf.getvalue()

"""Review decisions: ``reviews.yaml`` beside the report (DESIGN.md, step 8).

A person confirms or dismisses each flag, or adds a note.  Decisions are keyed
by the flag's stable id, merged into every later report, and never lost:

* the file is rewritten atomically under an exclusive lock, so two review
  commands at once both keep their decision;
* every earlier decision on a flag is kept in its ``history``;
* decisions on flags a later run no longer produces stay in the file, marked
  ``orphaned: true`` (and lose the mark when the flag comes back).

Format::

    schema: outlet-compare/reviews/v1
    decisions:
      f-1a2b3c4d:
        status: confirmed          # confirmed | dismissed | open
        note: the outlet drops the hedge
        user: ana
        time: '2024-05-01T10:00:00Z'
        history: [{status, note, user, time}, ...]   # earlier decisions, oldest first
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import attrs
import yaml
from attrs import frozen
from tabulate import tabulate

from compare.atomic import atomic_write_text, locked
from compare.errors import ReviewError
from compare.escape import clean_inline
from compare.models import Flag, Report, Review, ReviewStatus

REVIEWS_SCHEMA = "outlet-compare/reviews/v1"
STATUSES: tuple[str, ...] = ("open", "confirmed", "dismissed")
MAX_NOTE = 5000
MAX_REVIEWS_BYTES = 64 * 1024 * 1024
SHORT = 60


@frozen
class HistoryEntry:
    status: ReviewStatus
    note: str | None = None
    user: str | None = None
    time: str | None = None


@frozen
class Decision:
    status: ReviewStatus = "open"
    note: str | None = None
    user: str | None = None
    time: str | None = None
    orphaned: bool = False
    history: tuple[HistoryEntry, ...] = ()


@frozen
class Reviews:
    """All decisions of one reviews file, by flag id."""

    decisions: Mapping[str, Decision] = attrs.field(factory=dict)


@frozen
class RecordedDecision:
    flag_id: str
    status: str
    note: str | None


def reviews_path(report_dir: Path) -> Path:
    return Path(report_dir) / "reviews.yaml"


# --------------------------------------------------------------------------- reading


def _node_line(root: yaml.Node | None, path: tuple[str, ...]) -> int | None:
    """The 1-based line of the YAML node at ``path`` (mapping keys), or of its nearest parent."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                node, line = v, v.start_mark.line + 1
                break
        else:
            break
    return line


def _opt_str(value: Any, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float | dt.date):
        return str(value)
    raise ValueError(f"{where}: expected text")


def _status(value: Any, where: str) -> ReviewStatus:
    if value not in STATUSES:
        raise ValueError(f"{where}: status must be one of {', '.join(STATUSES)}, not {value!r}")
    return cast(ReviewStatus, value)


def _decision(fid: str, raw: Any) -> Decision:
    where = f"decisions.{fid}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a mapping with status, note, user, time")
    history = raw.get("history") or []
    if not isinstance(history, list):
        raise ValueError(f"{where}.history: expected a list")
    entries = []
    for n, item in enumerate(history):
        if not isinstance(item, dict):
            raise ValueError(f"{where}.history[{n}]: expected a mapping")
        entries.append(HistoryEntry(_status(item.get("status", "open"), f"{where}.history[{n}]"),
                                    _opt_str(item.get("note"), f"{where}.history[{n}].note"),
                                    _opt_str(item.get("user"), f"{where}.history[{n}].user"),
                                    _opt_str(item.get("time"), f"{where}.history[{n}].time")))
    return Decision(_status(raw.get("status", "open"), where), _opt_str(raw.get("note"), f"{where}.note"),
                    _opt_str(raw.get("user"), f"{where}.user"), _opt_str(raw.get("time"), f"{where}.time"),
                    bool(raw.get("orphaned", False)), tuple(entries))


def load_reviews(path: Path) -> Reviews:
    """Read a reviews file; a missing file has no decisions.  A corrupt file raises
    :class:`ReviewError` ``<file>:<line>: <what is wrong>``."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_REVIEWS_BYTES:
            raise ReviewError(f"{path}: reviews file is larger than {MAX_REVIEWS_BYTES} bytes")
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return Reviews()
    except UnicodeDecodeError:
        raise ReviewError(f"{path}: not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ReviewError(f"{where}: invalid YAML: {problem}") from None
    if data is None:
        return Reviews()
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(data, dict):
        raise ReviewError(f"{path}:1: expected a mapping with 'schema' and 'decisions'")
    if data.get("schema", REVIEWS_SCHEMA) != REVIEWS_SCHEMA:
        raise ReviewError(f"{path}:{_node_line(root, ('schema',))}: schema: expected "
                          f"{REVIEWS_SCHEMA}, not {data.get('schema')!r}")
    raw = data.get("decisions") or {}
    if not isinstance(raw, dict):
        raise ReviewError(f"{path}:{_node_line(root, ('decisions',))}: decisions: expected a mapping "
                          "of flag id to decision")
    decisions: dict[str, Decision] = {}
    for fid, value in raw.items():
        try:
            decisions[str(fid)] = _decision(str(fid), value)
        except ValueError as exc:
            line = _node_line(root, ("decisions", str(fid)))
            raise ReviewError(f"{path}:{line}: {exc}") from None
    return Reviews(decisions)


def _entry_dict(status: str, note: str | None, user: str | None, time: str | None) -> dict[str, Any]:
    return {"status": status, "note": note, "user": user, "time": time}


def dump_reviews(reviews: Reviews) -> str:
    decisions: dict[str, Any] = {}
    for fid in sorted(reviews.decisions):
        d = reviews.decisions[fid]
        entry = _entry_dict(d.status, d.note, d.user, d.time)
        if d.orphaned:
            entry["orphaned"] = True
        entry["history"] = [_entry_dict(h.status, h.note, h.user, h.time) for h in d.history]
        decisions[fid] = entry
    return yaml.safe_dump({"schema": REVIEWS_SCHEMA, "decisions": decisions}, sort_keys=False,
                          allow_unicode=True, default_flow_style=False, width=100)


# --------------------------------------------------------------------------- merging


def apply_reviews(report: Report, reviews: Reviews) -> Report:
    """The report with each flag's ``review`` taken from its decision (by flag id)."""
    flags = []
    for flag in report.flags:
        d = reviews.decisions.get(flag.id)
        flags.append(flag if d is None else attrs.evolve(flag, review=Review(d.status, d.note, d.user, d.time)))
    return attrs.evolve(report, flags=tuple(flags))


def mark_orphans(reviews: Reviews, report: Report) -> Reviews:
    """Decisions marked orphaned exactly when their flag is not in ``report``."""
    ids = {f.id for f in report.flags}
    return Reviews({fid: attrs.evolve(d, orphaned=fid not in ids) for fid, d in reviews.decisions.items()})


def sync_orphans(path: Path, report: Report) -> int:
    """Update the orphaned marks in the reviews file at ``path`` (when it exists) and
    return how many decisions are orphaned."""
    if not Path(path).exists():
        return 0
    with locked(path):
        reviews = load_reviews(path)
        marked = mark_orphans(reviews, report)
        if marked != reviews:
            atomic_write_text(path, dump_reviews(marked))
    return sum(1 for d in marked.decisions.values() if d.orphaned)


# --------------------------------------------------------------------------- commands


def _load(report_dir: Path, reviews_file: Path | None) -> tuple[Report, Reviews]:
    from compare.output import read_report

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
    from compare.report_view import View, reviewable_flags

    view = View.of(report)
    dates = {e.id: (e.date is None, e.date.isoformat() if e.date else "", e.id) for e in report.events}
    return sorted(reviewable_flags(report), key=lambda f: (dates.get(f.event, (True, "", f.event)),
                                                           view.flag_key(f)))


def list_flags(report_dir: Path, reviews_file: Path | None = None, show_all: bool = False) -> str:
    """A table of open flags (every flag with ``show_all``), then how to act on them."""
    import shlex

    from compare.report_view import View

    report, _ = _load(report_dir, reviews_file)
    view = View.of(report)
    flags = [f for f in ordered_flags(report) if show_all or f.review.status == "open"]
    if not flags:
        return "No open flags." if not show_all else "No flags."
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
        f"{n_open} open. Show one: outlet-compare review {where} FLAG_ID; decide: "
        f"outlet-compare review {where} FLAG_ID --confirm|--dismiss [--note TEXT]"])


def _plain_diff(report: Report, flag: Flag) -> str:
    from compare.report_view import View, flag_diff, flag_quotes

    ref, claim = flag_quotes(View.of(report), flag)
    parts = []
    for op in flag_diff(flag, ref, claim):
        text = clean_inline(op.text, 2000)
        parts.append(text if op.op == "equal" else f"[-{text}-]" if op.op == "delete" else f"{{+{text}+}}")
    return " ".join(p for p in parts if p)


def show_flag(report_dir: Path, flag_id: str, reviews_file: Path | None = None) -> str:
    """Everything about one flag, as plain text for the terminal."""
    from compare.report_view import View, source_label, source_line

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
             f"Score:     {flag.score:.2f}",
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
    from compare.output import formats_present, read_report, render_all

    if status is not None and status not in STATUSES:
        raise ReviewError(f"unknown status '{status}' (use one of {', '.join(STATUSES)})")
    if status is None and note is None:
        raise ReviewError("nothing to record: give --confirm, --dismiss, --reopen or --note")
    if note is not None and len(note) > MAX_NOTE:
        raise ReviewError(f"note is longer than {MAX_NOTE} characters")
    if not flag_ids:
        raise ReviewError("no flag id given")
    path = Path(reviews_file) if reviews_file else reviews_path(report_dir)
    with locked(path):
        report = read_report(report_dir)
        fids = list(dict.fromkeys(resolve_flag_id(report, f, report_dir) for f in flag_ids))
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
        atomic_write_text(path, dump_reviews(reviews))
        orphaned = sum(1 for d in reviews.decisions.values() if d.orphaned)
        render_all(apply_reviews(report, reviews), Path(report_dir), formats_present(Path(report_dir)),
                   orphaned=orphaned)
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
    from compare.report_view import View

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

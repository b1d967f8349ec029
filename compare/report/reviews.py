"""The store of review decisions: ``reviews.yaml`` beside the report (DESIGN.md, step 8).

Reading, writing and merging decisions; the review commands are in
:mod:`compare.report.review`.

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

import contextlib
import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, cast

import attrs
import yaml
from attrs import frozen

from compare.core.atomic import atomic_write_text, locked
from compare.core.errors import ReviewError
from compare.core.models import Report, Review, ReviewStatus
from compare.core.yamlsafe import compose_yaml, load_yaml

REVIEWS_SCHEMA = "outlet-compare/reviews/v1"
STATUSES: tuple[str, ...] = ("open", "confirmed", "dismissed")
MAX_REVIEWS_BYTES = 64 * 1024 * 1024


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
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ReviewError(f"{where}: invalid YAML: {problem}") from None
    if data is None:
        return Reviews()
    root = compose_yaml(text)
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
    return mark_orphan_ids(reviews, {f.id for f in report.flags})


def mark_orphan_ids(reviews: Reviews, present: Collection[str],
                    judged: Collection[str] | None = None) -> Reviews:
    """Decisions marked orphaned exactly when their flag id is not in ``present``
    (the ids of the report's flags, or of those among them that have a decision).
    With ``judged``, only the decisions it names are judged, the others keep their
    mark (decisions recorded after ``present`` was collected)."""
    return Reviews({fid: d if judged is not None and fid not in judged
                    else attrs.evolve(d, orphaned=fid not in present)
                    for fid, d in reviews.decisions.items()})


def sync_orphans(path: Path, report: Report, *, lock: bool = True) -> int:
    """Update the orphaned marks in the reviews file at ``path`` (when it exists) and
    return how many decisions are orphaned.  ``lock=False`` when the caller holds
    the report folder's lock and ``path`` is inside it."""
    return sync_orphan_ids(path, {f.id for f in report.flags}, lock=lock)


def sync_orphan_ids(path: Path, present: Collection[str], *, judged: Collection[str] | None = None,
                    lock: bool = True) -> int:
    """:func:`sync_orphans` given the ids of the report's flags (or of those among
    them that have a decision) instead of the report; ``judged`` as for
    :func:`mark_orphan_ids`."""
    if not Path(path).exists():
        return 0
    with locked(path) if lock else contextlib.nullcontext():
        reviews = load_reviews(path)
        marked = mark_orphan_ids(reviews, present, judged)
        if marked != reviews:
            atomic_write_text(path, dump_reviews(marked))
    return sum(1 for d in marked.decisions.values() if d.orphaned)


# --------------------------------------------------------------------------- commands

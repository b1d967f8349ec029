"""The JSON report (schema ``outlet-compare/report/v1``): Report <-> plain dicts.

Serialisation goes through one cattrs converter, so every attrs field of the
data model (including fields added later with defaults) reaches ``report.json``
automatically.  Three deliberate departures from a plain ``unstructure``:

* a document's cleaned ``text``, its ``segments`` and their ``segment_lines``
  are not written into the JSON (the text goes to ``texts/<doc id>.txt``, the
  segment map with its file lines to ``texts/<doc id>.segments.json``, see
  :mod:`compare.report.output`), which keeps report.json small;
* ``Document.event_date_evidence`` is written as ``date_evidence`` (the name
  DESIGN.md fixes);
* dates are ISO ``YYYY-MM-DD`` strings or null, tuples are lists.

:func:`validate_report_dict` checks a dict against the JSON Schema shipped in
``compare/schemas/report.schema.json`` (Draft 2020-12).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs
import cattrs
import jsonschema

from compare.core.errors import InputError
from compare.core.models import Document, Report, Segment
from compare.core.rulefiles import format_path

SCHEMA_ID = "outlet-compare/report/v1"
# Document fields renamed on the way out: attrs name -> JSON name.
_DOC_RENAMES: dict[str, str] = {"event_date_evidence": "date_evidence"}
# Document fields never written into report.json.
_DOC_OMIT: frozenset[str] = frozenset({"text", "segments", "segment_lines"})


def _structure_date(value: Any, _type: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def make_converter() -> cattrs.Converter:
    """The converter for every model class: dates as ISO strings, tuples as lists."""
    conv = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(dt.date, _structure_date)
    return conv


CONVERTER = make_converter()


def document_to_dict(doc: Document) -> dict[str, Any]:
    """One document as written into report.json (no text, no segment map)."""
    raw: dict[str, Any] = CONVERTER.unstructure(doc)
    return {_DOC_RENAMES.get(k, k): v for k, v in raw.items() if k not in _DOC_OMIT}


def report_to_dict(report: Report) -> dict[str, Any]:
    """The JSON report as a dict, in a stable key order (schema, tool_version first)."""
    raw: dict[str, Any] = CONVERTER.unstructure(report)
    out: dict[str, Any] = {"schema": report.schema, "tool_version": report.tool_version}
    for key, value in raw.items():
        if key in out:
            continue
        out[key] = [document_to_dict(d) for d in report.documents] if key == "documents" else value
    return out


def json_items(key: str, items: Iterable[object], start: int = 0) -> Iterator[str]:
    """The items of the report's list ``key`` as they appear in report.json, one
    piece each (with the comma before every item but the list's first: ``start``
    is the index in the whole list of the first of ``items``)."""
    for i, item in enumerate(items, start):
        data = document_to_dict(item) if key == "documents" else CONVERTER.unstructure(item)  # type: ignore[arg-type]
        text = json.dumps(data, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        yield f"{',' if i else ''}\n  {text}"


def iter_report_json(report: Report, lists: Mapping[str, Iterable[str]] | None = None) -> Iterator[str]:
    """``json.dumps(report_to_dict(report), ensure_ascii=False, indent=1) + "\\n"``,
    character for character, in pieces: one list item at a time is converted and
    encoded, so writing a report of 100,000 documents never holds its whole dict
    or string (several times the file's size) in memory.

    ``lists`` gives, for some list keys, the text of the list's items
    (:func:`json_items`, in pieces of any size but none empty) to write instead
    of the report's own tuple: the report can then be written without holding
    those items at all (compare.report.stream spills them to a file)."""
    lists = lists or {}
    raw_keys = [a.name for a in attrs.fields(Report)]
    keys = ["schema", "tool_version", *(k for k in raw_keys if k not in ("schema", "tool_version"))]
    yield "{"
    for n, key in enumerate(keys):
        sep = "," if n else ""
        value = getattr(report, key)
        if key in lists:
            pieces = iter(lists[key])
        elif isinstance(value, tuple):
            pieces = json_items(key, value)
        else:
            yield f"{sep}\n {json.dumps(key)}: {json.dumps(CONVERTER.unstructure(value), ensure_ascii=False)}"
            continue
        first = next(pieces, None)
        if first is None:
            yield f"{sep}\n {json.dumps(key)}: []"
            continue
        yield f"{sep}\n {json.dumps(key)}: ["
        yield first
        yield from pieces
        yield "\n ]"
    yield "\n}\n"


_SEGMENT_SHAPE = "expected a list of [clean_start, source_start, length(, line)]"


def segments_to_list(segments: tuple[Segment, ...], lines: tuple[int, ...] = ()) -> list[list[int]]:
    """Segments as compact ``[clean_start, source_start, length]`` triples, or
    ``[clean_start, source_start, length, line]`` when ``lines`` (the input file's
    1-based line of each segment, ``Document.segment_lines``) runs parallel to them."""
    if lines and len(lines) == len(segments):
        return [[s.clean_start, s.source_start, s.length, n] for s, n in zip(segments, lines, strict=True)]
    return [[s.clean_start, s.source_start, s.length] for s in segments]


def segments_from_list(data: Any) -> tuple[tuple[Segment, ...], tuple[int, ...]]:
    """Inverse of :func:`segments_to_list`: the segments and their lines (empty when
    the entries are triples).  Raises ValueError on a malformed list, or on a list
    that mixes triples and quadruples."""
    if not isinstance(data, list):
        raise ValueError(_SEGMENT_SHAPE)
    segments = []
    lines = []
    widths = set()
    for item in data:
        if (not isinstance(item, list) or len(item) not in (3, 4)
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in item)):
            raise ValueError(_SEGMENT_SHAPE)
        widths.add(len(item))
        segments.append(Segment(item[0], item[1], item[2]))
        lines.extend(item[3:])
    if len(widths) > 1:
        raise ValueError("some entries have a line and some do not")
    return tuple(segments), tuple(lines)


def report_from_dict(
    data: Mapping[str, Any],
    texts: Mapping[str, str] | None = None,
    segments: Mapping[str, tuple[Segment, ...]] | None = None,
    segment_lines: Mapping[str, tuple[int, ...]] | None = None,
) -> Report:
    """Build a Report from a (validated) report dict.

    ``texts``, ``segments`` and ``segment_lines`` (by document id) restore what
    report.json leaves out; a document without them gets an empty text and no
    map.  Unknown keys are ignored, so a report written by a newer version still
    loads.
    """
    texts = texts or {}
    segments = segments or {}
    segment_lines = segment_lines or {}
    back = {v: k for k, v in _DOC_RENAMES.items()}
    docs = []
    for raw in data.get("documents", []):
        fields = {back.get(k, k): v for k, v in raw.items() if k not in _DOC_OMIT}
        doc_id = str(fields.get("id", ""))
        fields["text"] = texts.get(doc_id, "")
        docs.append(fields)
    body = dict(data)
    body["documents"] = docs
    report = CONVERTER.structure(body, Report)
    if segments or segment_lines:
        import attrs

        report = attrs.evolve(report, documents=tuple(
            attrs.evolve(d, segments=segments.get(d.id, ()), segment_lines=segment_lines.get(d.id, ()))
            for d in report.documents))
    return report


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema of report.json (shipped in the package)."""
    text = resources.files("compare").joinpath("schemas/report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_report_dict(data: Any, source: str = "report.json") -> None:
    """Raise :class:`InputError` ``<source>: <json path>: <message>`` when ``data``
    does not follow the report schema (the most relevant error is reported)."""
    validator = jsonschema.Draft202012Validator(report_schema())
    best = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if best is not None:
        message = best.message
        if len(message) > 200:
            message = message[:197] + "..."
        where = format_path(list(best.absolute_path)) or "(top level)"
        raise InputError(source, f"{where}: {message}")

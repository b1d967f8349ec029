"""The JSON report (schema ``outlet-compare/report/v1``): Report <-> plain dicts.

Serialisation goes through one cattrs converter, so every attrs field of the
data model (including fields added later with defaults) reaches ``report.json``
automatically.  Three deliberate departures from a plain ``unstructure``:

* a document's cleaned ``text`` and its ``segments`` are not written into the
  JSON (the text goes to ``texts/<doc id>.txt``, see :mod:`compare.output`);
* ``Document.event_date_evidence`` is written as ``date_evidence`` (the name
  DESIGN.md fixes);
* dates are ISO ``YYYY-MM-DD`` strings or null, tuples are lists.

:func:`validate_report_dict` checks a dict against the JSON Schema shipped in
``compare/schemas/report.schema.json`` (Draft 2020-12).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import cattrs
import jsonschema

from compare.errors import InputError
from compare.models import Document, Report, Segment

SCHEMA_ID = "outlet-compare/report/v1"
# Document fields renamed on the way out: attrs name -> JSON name.
_DOC_RENAMES: dict[str, str] = {"event_date_evidence": "date_evidence"}
# Document fields never written into report.json.
_DOC_OMIT: frozenset[str] = frozenset({"text", "segments"})


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
    """One document as written into report.json (no text, no segments)."""
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


def segments_to_list(segments: tuple[Segment, ...]) -> list[list[int]]:
    """Segments as compact ``[clean_start, source_start, length]`` triples."""
    return [[s.clean_start, s.source_start, s.length] for s in segments]


def segments_from_list(data: Any) -> tuple[Segment, ...]:
    """Inverse of :func:`segments_to_list`; raises ValueError on a malformed list."""
    if not isinstance(data, list):
        raise ValueError("expected a list of [clean_start, source_start, length]")
    out = []
    for item in data:
        if (not isinstance(item, list) or len(item) != 3
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in item)):
            raise ValueError("expected a list of [clean_start, source_start, length]")
        out.append(Segment(item[0], item[1], item[2]))
    return tuple(out)


def report_from_dict(
    data: Mapping[str, Any],
    texts: Mapping[str, str] | None = None,
    segments: Mapping[str, tuple[Segment, ...]] | None = None,
) -> Report:
    """Build a Report from a (validated) report dict.

    ``texts`` and ``segments`` (by document id) restore what report.json leaves
    out; a document without them gets an empty text.  Unknown keys are ignored,
    so a report written by a newer version still loads.
    """
    texts = texts or {}
    segments = segments or {}
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
    if segments:
        import attrs

        report = attrs.evolve(report, documents=tuple(
            attrs.evolve(d, segments=segments.get(d.id, ())) for d in report.documents))
    return report


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema of report.json (shipped in the package)."""
    text = resources.files("compare").joinpath("schemas/report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _json_path(path: Any) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def validate_report_dict(data: Any, source: str = "report.json") -> None:
    """Raise :class:`InputError` ``<source>: <json path>: <message>`` when ``data``
    does not follow the report schema (the most relevant error is reported)."""
    validator = jsonschema.Draft202012Validator(report_schema())
    best = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if best is not None:
        message = best.message
        if len(message) > 200:
            message = message[:197] + "..."
        raise InputError(source, f"{_json_path(best.absolute_path)}: {message}")

"""Gold annotations for ``outlet-compare eval``: loading, validation, path resolution.

The format is the devset's (``outlet-compare/devset-gold/v1``, described in
docs/gold-format.md): ``documents``, ``events`` (with ``claims``), ``mentions``
and ``omissions``.  Paths ``docs/...`` (or any other relative path) resolve
against the folder holding the gold file; ``seeds/...`` resolve against a seeds
folder (``--seeds DIR``, else ``<gold dir>/seeds``, else ``<gold dir>/../seeds``,
else ``./seeds``).

Every problem raises :class:`compare.core.errors.InputError` naming the gold file,
the line and the field, e.g. ``gold.yaml:41: mentions[3].status: unknown status 'typo'``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from compare.core.errors import InputError, RuleError
from compare.core.rulefiles import Lines, format_path

STATUSES: tuple[str, ...] = (
    "faithful",
    "paraphrase",
    "wording_drift",
    "number_or_date_change",
    "attribution_change",
    "negation_or_hedge",
    "addition",
)
# Statuses that are discrepancies the tool should flag (the flag kind has the same name).
DISCREPANCIES: tuple[str, ...] = STATUSES[2:]


@frozen
class GoldDocument:
    file: str  # as written in the gold file ("docs/x.txt", "seeds/000_....txt")
    path: Path  # resolved location on disk (may not exist when only a report is scored)
    outlet: str | None = None
    published: dt.date | None = None
    event: str | None = None
    duplicate_of: str | None = None
    date_quote: str | None = None


@frozen
class GoldClaim:
    id: str
    text: str
    type: str = "other"


@frozen
class GoldEvent:
    id: str
    date: dt.date | None
    reference: str | None
    claims: tuple[GoldClaim, ...] = ()
    role: str = "main"


@frozen
class GoldMention:
    doc: str
    claim: str | None  # None for an addition
    quote: str
    status: str
    # Other occurrences of the claim in the document (optional ``alt_quotes``):
    # the quote is the one that decides the status; a claim of the tool over an
    # other occurrence states the gold claim too (see metrics: flags).
    alt_quotes: tuple[str, ...] = ()


@frozen
class GoldOmission:
    doc: str
    claim: str


@frozen
class Gold:
    path: Path
    documents: tuple[GoldDocument, ...]
    events: tuple[GoldEvent, ...]
    mentions: tuple[GoldMention, ...] = ()
    omissions: tuple[GoldOmission, ...] = ()
    # (document, claim) pairs the document may well state after the point where
    # the excerpt is cut: not omissions (an omission flag there is a false one).
    truncated_pairs: tuple[GoldOmission, ...] = ()

    def document(self, file: str) -> GoldDocument:
        for doc in self.documents:
            if doc.file == file:
                return doc
        raise KeyError(file)

    def event(self, event_id: str) -> GoldEvent:
        for ev in self.events:
            if ev.id == event_id:
                return ev
        raise KeyError(event_id)

    def claim(self, claim_id: str) -> GoldClaim:
        for ev in self.events:
            for cl in ev.claims:
                if cl.id == claim_id:
                    return cl
        raise KeyError(claim_id)


# --------------------------------------------------------------------------- paths


def find_seeds_dir(gold_path: Path, seeds_dir: Path | None = None) -> Path | None:
    """The folder that ``seeds/...`` paths point into, or None when there is none."""
    if seeds_dir is not None:
        if not Path(seeds_dir).is_dir():
            raise InputError(str(seeds_dir), "seeds folder does not exist")
        return Path(seeds_dir)
    here = Path(gold_path).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds", Path.cwd() / "seeds"):
        if candidate.is_dir():
            return candidate
    return None


def resolve_file(file: str, gold_dir: Path, seeds_dir: Path | None) -> Path:
    if file.startswith("seeds/"):
        base = seeds_dir if seeds_dir is not None else gold_dir / "seeds"
        return base / file[len("seeds/"):]
    path = Path(file)
    return path if path.is_absolute() else gold_dir / path


# --------------------------------------------------------------------------- loading


class _Where:
    """Builds InputErrors naming the gold file, line and field path."""

    def __init__(self, shown: str, lines: Lines) -> None:
        self.shown = shown
        self.lines = lines

    def error(self, path: Sequence[str | int], message: str) -> InputError:
        key = tuple(path)
        line: int | None = None
        while True:
            if key in self.lines:
                line = self.lines[key][1]
                break
            if not key:
                break
            key = key[:-1]
        field = format_path(path)
        return InputError(self.shown, f"{field}: {message}" if field else message, line)


def _str(w: _Where, data: Mapping[str, Any], key: str, path: tuple[str | int, ...],
         required: bool = True) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise w.error((*path, key), "missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise w.error((*path, key), f"must be a non-empty string, got {value!r}")
    return value


def _date(w: _Where, value: Any, path: tuple[str | int, ...]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise w.error(path, f"must be a date YYYY-MM-DD or null, got {value!r}")


def _list(w: _Where, data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise w.error((key,), "must be a list")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise w.error((key, i), "must be a mapping")
    return value


def load_gold(path: Path, seeds_dir: Path | None = None) -> Gold:
    """Read and validate a gold file; raises InputError on the first problem."""
    from compare.core.rulefiles import read_yaml_with_lines

    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "gold file not found")
    try:
        data, lines = read_yaml_with_lines(path)
    except RuleError as exc:
        first = exc.problems[0]
        raise InputError(first.file, first.message if not first.path else
                         f"{first.path}: {first.message}", first.line) from None
    return parse_gold(data, path, lines, find_seeds_dir(path, seeds_dir))


def parse_gold(data: Mapping[str, Any], path: Path,
               lines: Lines | None = None,
               seeds_dir: Path | None = None) -> Gold:
    """Validate already-loaded gold data (``lines`` maps field paths to lines)."""
    w = _Where(str(path), lines or {})
    gold_dir = Path(path).resolve().parent

    events: list[GoldEvent] = []
    claim_event: dict[str, str] = {}
    for i, raw in enumerate(_list(w, data, "events")):
        where: tuple[str | int, ...] = ("events", i)
        eid = _str(w, raw, "id", where)
        assert eid is not None
        if any(e.id == eid for e in events):
            raise w.error((*where, "id"), f"duplicate event id {eid!r}")
        claims: list[GoldClaim] = []
        raw_claims = raw.get("claims") or []
        if not isinstance(raw_claims, list):
            raise w.error((*where, "claims"), "must be a list")
        for j, cl in enumerate(raw_claims):
            cwhere = (*where, "claims", j)
            if not isinstance(cl, dict):
                raise w.error(cwhere, "must be a mapping")
            cid = _str(w, cl, "id", cwhere)
            assert cid is not None
            if cid in claim_event:
                raise w.error((*cwhere, "id"), f"duplicate claim id {cid!r}")
            claim_event[cid] = eid
            claims.append(GoldClaim(cid, _str(w, cl, "text", cwhere, required=False) or "",
                                    _str(w, cl, "type", cwhere, required=False) or "other"))
        events.append(GoldEvent(eid, _date(w, raw.get("date"), (*where, "date")),
                                _str(w, raw, "reference", where, required=False), tuple(claims),
                                _str(w, raw, "role", where, required=False) or "main"))
    event_ids = {e.id for e in events}

    documents: list[GoldDocument] = []
    for i, raw in enumerate(_list(w, data, "documents")):
        where = ("documents", i)
        file = _str(w, raw, "file", where)
        assert file is not None
        if any(d.file == file for d in documents):
            raise w.error((*where, "file"), f"duplicate document {file!r}")
        event = _str(w, raw, "event", where, required=False)
        if event is not None and event not in event_ids:
            raise w.error((*where, "event"), f"unknown event {event!r}")
        evidence = raw.get("event_date_evidence")
        quote = evidence.get("quote") if isinstance(evidence, dict) else None
        documents.append(GoldDocument(
            file=file, path=resolve_file(file, gold_dir, seeds_dir),
            outlet=_str(w, raw, "outlet", where, required=False),
            published=_date(w, raw.get("published"), (*where, "published")),
            event=event, duplicate_of=_str(w, raw, "duplicate_of", where, required=False),
            date_quote=quote if isinstance(quote, str) else None))
    files = {d.file: d for d in documents}
    for i, doc in enumerate(documents):
        if doc.duplicate_of is not None and doc.duplicate_of not in files:
            raise w.error(("documents", i, "duplicate_of"), f"unknown document {doc.duplicate_of!r}")
    for i, ev in enumerate(events):
        if ev.reference is not None and ev.reference not in files:
            raise w.error(("events", i, "reference"), f"{ev.reference!r} is not a listed document")

    def doc_of(raw: Mapping[str, Any], where: tuple[str | int, ...]) -> GoldDocument:
        file = _str(w, raw, "doc", where)
        assert file is not None
        if file not in files:
            raise w.error((*where, "doc"), f"unknown document {file!r}")
        return files[file]

    def check_claim(claim: str, doc: GoldDocument, where: tuple[str | int, ...]) -> None:
        if claim not in claim_event:
            raise w.error((*where, "claim"), f"unknown claim id {claim!r}")
        if claim_event[claim] != doc.event:
            raise w.error((*where, "claim"),
                          f"claim {claim!r} belongs to event {claim_event[claim]!r}, "
                          f"not to the document's event {doc.event!r}")

    mentions: list[GoldMention] = []
    for i, raw in enumerate(_list(w, data, "mentions")):
        where = ("mentions", i)
        doc = doc_of(raw, where)
        status = _str(w, raw, "status", where)
        if status not in STATUSES:
            raise w.error((*where, "status"), f"unknown status {status!r} (use {', '.join(STATUSES)})")
        quote = _str(w, raw, "quote", where)
        claim = _str(w, raw, "claim", where, required=False)
        if (claim is None) != (status == "addition"):
            raise w.error((*where, "claim"), "claim must be null exactly when status is 'addition'")
        if claim is not None:
            check_claim(claim, doc, where)
        assert status is not None and quote is not None
        alt = raw.get("alt_quotes", [])
        alt = [] if alt is None else alt
        if not isinstance(alt, list) or not all(isinstance(a, str) and a.strip() for a in alt):
            raise w.error((*where, "alt_quotes"), "must be a list of non-empty strings")
        mentions.append(GoldMention(doc.file, claim, quote, status, tuple(alt)))

    pairs: dict[str, list[GoldOmission]] = {"omissions": [], "truncated_pairs": []}
    for key, found in pairs.items():
        for i, raw in enumerate(_list(w, data, key)):
            where = (key, i)
            doc = doc_of(raw, where)
            claim = _str(w, raw, "claim", where)
            assert claim is not None
            check_claim(claim, doc, where)
            found.append(GoldOmission(doc.file, claim))
    both = {(o.doc, o.claim) for o in pairs["omissions"]}
    for i, o in enumerate(pairs["truncated_pairs"]):
        if (o.doc, o.claim) in both:
            raise w.error(("truncated_pairs", i),
                          f"({o.doc}, {o.claim}) is listed under omissions too")

    return Gold(Path(path), tuple(documents), tuple(events), tuple(mentions),
                tuple(pairs["omissions"]), tuple(pairs["truncated_pairs"]))

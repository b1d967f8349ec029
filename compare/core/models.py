"""The data model shared by every pipeline stage.

All classes are frozen attrs classes. Stages never mutate them: they build new
ones with ``attrs.evolve``. JSON (de)serialisation goes through
:mod:`compare.report.jsonio` (cattrs); field names follow the report schema in
DESIGN.md (``outlet-compare/report/v1``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from attrs import field, frozen

Role = Literal["primary", "wire", "outlet", "unknown"]
EventKind = Literal["call", "meeting", "statement", "other"]
FlagKind = Literal[
    "omission",
    "addition",
    "wording_drift",
    "number_or_date_change",
    "attribution_change",
    "negation_or_hedge",
    "possibly_truncated",
]
FLAG_KINDS: tuple[str, ...] = (
    "omission",
    "addition",
    "wording_drift",
    "number_or_date_change",
    "attribution_change",
    "negation_or_hedge",
    "possibly_truncated",
)
ReviewStatus = Literal["open", "confirmed", "dismissed"]


@frozen
class Evidence:
    """Why a value (a date, an outlet) was chosen: the quote, the rule, how sure."""

    quote: str
    rule: str
    confidence: float = 1.0
    # Offset of the quote in the document's cleaned text, when it comes from it.
    start: int | None = None


@frozen
class PersonName:
    """A person and the ways articles name them ("Putin", "the Russian President")."""

    name: str
    variants: tuple[str, ...] = ()
    country: str | None = None


@frozen
class Skipped:
    """An input that could not be used, with the one-line reason shown to the user."""

    path: str
    reason: str


@frozen
class InputWarning:
    """An input that was read but has a problem the reader must know of (a file
    mixing encodings, a manifest row naming a missing file); ``document`` is the
    id of the document read from it, when there is one."""

    path: str
    message: str
    document: str | None = None


@frozen
class Segment:
    """``length`` characters of cleaned text starting at ``clean_start`` were
    copied from the source text starting at ``source_start``."""

    clean_start: int
    source_start: int
    length: int


@frozen
class SourceText:
    """One article as read from disk, before cleaning (output of ingest.read_inputs).

    ``text`` is the decoded text (for HTML: the text trafilatura extracted, or
    the markup-stripped page when extraction fails).  ``line`` is the 1-based line of a
    JSONL record.  The ``*_hint`` fields come from a manifest or JSONL record.
    """

    path: str
    text: str
    fmt: Literal["txt", "html", "md", "jsonl"]
    sha256: str
    line: int | None = None
    url: str | None = None
    outlet_hint: str | None = None
    published_hint: dt.date | None = None
    title_hint: str | None = None
    encoding: str = "utf-8"
    # Text of the <title>/<meta> or first heading, when the format has one.
    html_title: str | None = None
    # The site's own name from HTML metadata (og:site_name, application-name).
    site_name: str | None = None
    # Problems found while reading that did not stop it (mixed encodings).
    warnings: tuple[str, ...] = ()


@frozen
class Document:
    """One article after ingest; later stages fill the date and event fields."""

    id: str
    path: str
    sha256: str
    # Cleaned text: boilerplate removed, whitespace normalised (U+00A0 -> space).
    text: str
    # Map from cleaned text back to the source text, for links to file and line.
    segments: tuple[Segment, ...] = field(default=(), eq=False, repr=False)
    source_line: int | None = None
    # The 1-based line of the input file each segment was copied from (parallel to
    # ``segments``); empty when the text is not the file line for line (HTML, JSONL).
    segment_lines: tuple[int, ...] = field(default=(), eq=False, repr=False)
    url: str | None = None
    title: str | None = None
    language: str = "en"
    outlet: str = "unknown"
    outlet_role: Role = "unknown"
    outlet_evidence: Evidence | None = None
    # The relaying chain, nearest first: Trend relaying TASS relaying the Kremlin
    # gives ("TASS", "Kremlin").
    relays: tuple[str, ...] = ()
    published: dt.date | None = None
    published_evidence: Evidence | None = None
    event_date: dt.date | None = None
    event_date_evidence: Evidence | None = None
    event_kind: EventKind | None = None
    participants: tuple[str, ...] = ()
    event_id: str | None = None
    duplicate_of: str | None = None
    # True when the text ends mid-sentence (a truncated excerpt).
    truncated: bool = False


@frozen
class Event:
    id: str
    date: dt.date | None
    label: str
    kind: EventKind
    participants: tuple[str, ...]
    documents: tuple[str, ...]
    reference: str | None = None
    # "primary" when the reference is an official readout, "majority" otherwise.
    reference_basis: Literal["primary", "majority", "none"] = "none"
    # Documents of the event that were not compared with the reference, with the
    # reason shown in the report: (document id, reason), sorted by id.
    uncompared: tuple[tuple[str, str], ...] = ()


@frozen
class Claim:
    id: str
    document: str
    event: str | None
    text: str
    span: tuple[int, int]
    type: str = "other"
    attribution: str | None = None
    sentence: int = 0
    # True when the claim is inside quotation marks in the article (or quotes words).
    quoted: bool = False
    # True for a headline, deck or other title line (gold annotates these only
    # when they carry a discrepancy: flag them lightly).
    headline: bool = False
    # Who the claim is credited to: "official" (Kremlin, White House, a statement),
    # "anonymous" (sources, people familiar with..., "reportedly"), "person",
    # "outlet" (another news organisation) or None when unattributed.
    attribution_kind: str | None = None
    # The attribution frame as written ("the Kremlin said in a statement").
    frame: str | None = None
    # True when the claim is hedged ("reportedly", "allegedly", "may have").
    hedged: bool = False
    # Who the statement or action is put on, apart from the frame: in "Trump called the
    # talks useful, the Kremlin said" the attribution is "Kremlin", the speaker "Trump".
    # A surface name with titles stripped ("Vladimir Putin", "Russian leader", "Kremlin";
    # compare through Lexicon.names), "both" for a plural or two-sided subject
    # ("The presidents", "Putin and Trump"), or None (the subject is a thing).
    # Not always a person: a country or body that acts or speaks is a speaker as written
    # ("Russia", "White House", "foreign ministry"); "both" is only for joint or plural
    # subjects ("X and Y", "the sides", "they"), never for one body ("Ministry of A and B").
    speaker: str | None = None
    # True for a sentence that only says the event took place ("X held a telephone
    # conversation with Y"): the event itself, not a fact an outlet adds or omits.
    event_statement: bool = False
    # The words of the claim's sentence it shares but its span leaves out: the subject
    # and predicate of a list item ("The ministers discussed" for "fisheries" in "The
    # ministers discussed trade, fisheries and tourism").  Alignment reads the two together.
    context: str | None = None


@frozen
class Alignment:
    """A claim group: the claims of several documents of one event that say the same thing."""

    id: str
    event: str
    claims: tuple[str, ...]
    type: str
    reference_claim: str | None = None


@frozen
class DiffOp:
    """One step of a word diff: ``equal``, ``delete`` (only in the reference) or ``insert``."""

    op: Literal["equal", "delete", "insert"]
    text: str


@frozen
class Review:
    status: ReviewStatus = "open"
    note: str | None = None
    user: str | None = None
    time: str | None = None


@frozen
class Flag:
    id: str
    event: str
    kind: FlagKind
    document: str
    claim: str | None
    reference_claim: str | None
    score: float
    detail: str
    lexicon_class: str | None = None
    diff: tuple[DiffOp, ...] = ()
    alignment: str | None = None
    review: Review = Review()


@frozen
class Report:
    tool_version: str
    documents: tuple[Document, ...]
    events: tuple[Event, ...]
    claims: tuple[Claim, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    flags: tuple[Flag, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    # The rule files the run used, in layering order (defaults first).
    rules: tuple[str, ...] = ()
    # Flags scoring below this confidence are folded into a "low confidence"
    # section of each event and listed by ``review`` only with ``--all``.
    min_confidence: float = 0.0
    # Inputs read despite a problem (mixed encodings, manifest rows naming missing files).
    warnings: tuple[InputWarning, ...] = ()
    schema: str = "outlet-compare/report/v1"

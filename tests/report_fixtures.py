"""A small, realistic Report built by hand for the output and review tests.

Two events: a (fictional) Kremlin readout of a call with three outlets
(a wire, an outlet relaying the wire, a blog page in HTML with hostile markup
in its text), and a meeting covered by two outlets (the earlier is the
reference: no primary source), a verbatim republication and a report in
another language that was not compared.  One more document is the only one
of its event (a single-document event with a stray flag the report must not
show as an event), and two inputs were skipped.  Every flag kind occurs,
including ``possibly_truncated``.

Text files map back to their lines: each has a title line and a blank line,
then one sentence per paragraph (sentence n on line 3 + 2n).  The HTML page
has no file lines (its text was extracted from markup).
"""

from __future__ import annotations

import datetime as dt

from compare.core.models import (
    Alignment,
    Claim,
    DiffOp,
    Document,
    Event,
    Evidence,
    Flag,
    Report,
    Review,
    Segment,
    Skipped,
)

HOSTILE_TITLE = "Call | recap <script>alert(1)</script> *hot* _take_"
HOSTILE_CLAIM = ("Paris said **gas** [deals](javascript:alert(1)) were <!-- hidden --> "
                 "`agreed` | and\n# more & ~~less~~ <img src=x onerror=alert(2)>")


def _doc(doc_id: str, outlet: str, sentences: list[str], fmt: str = "txt",
         **kw: object) -> tuple[Document, list[Claim]]:
    """A document whose cleaned text is ``sentences`` (one per line) and one claim per
    sentence.  A ``txt`` file holds its title, a blank line, then the sentences as
    paragraphs; for ``html`` the map has no file lines."""
    text = "\n".join(sentences)
    claims = []
    segments = []
    lines = []
    pos = 0
    source_pos = len(str(kw.get("title") or "")) + 2
    for n, sentence in enumerate(sentences, start=1):
        claims.append(Claim(id=f"{doc_id}:c{n}", document=doc_id, event=str(kw.get("event_id")),
                            text=sentence, span=(pos, pos + len(sentence)), type="other",
                            sentence=n - 1))
        segments.append(Segment(pos, source_pos, len(sentence)))
        lines.append(1 + 2 * n)
        pos += len(sentence) + 1
        source_pos += len(sentence) + 2
    if fmt == "html":
        segments, lines = [Segment(0, 0, len(text))], []
    doc = Document(id=doc_id, path=f"inputs/{doc_id}.{fmt}", sha256=f"{len(text):064x}", text=text,
                   segments=tuple(segments), segment_lines=tuple(lines), outlet=outlet,
                   **kw)  # type: ignore[arg-type]
    return doc, claims


def _typed(claims: list[Claim], types: list[str], attributions: list[str | None]) -> list[Claim]:
    import attrs

    return [attrs.evolve(c, type=t, attribution=a) for c, t, a in zip(claims, types, attributions, strict=True)]


def build_report() -> Report:
    import attrs

    d_call = dt.date(2021, 11, 15)
    kremlin, kc = _doc("kremlin-2021-11-15", "Kremlin", [
        "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron.",
        "The two leaders agreed to continue contacts at the level of foreign ministers.",
        "The sides discussed gas supplies to Europe ahead of the winter.",
        "Vladimir Putin stressed that two rounds of talks had been constructive.",
    ], outlet_role="primary", published=d_call, event_date=d_call, language="en",
        title="Telephone conversation with President of France Emmanuel Macron",
        event_date_evidence=Evidence("On November 15, Vladimir Putin had a telephone conversation",
                                     "explicit_date_near_event_word", 0.95, 0),
        event_kind="call", participants=("Putin", "Macron"), event_id="e-2021-11-15-call")
    wire, wc = _doc("northwind-2021-11-15", "Northwind Wire", [
        "Putin and Macron held a phone call on Monday, the Kremlin said.",
        "The leaders reportedly agreed to keep in touch through their foreign ministers.",
        "They discussed gas deliveries to Europe before winter.",
        "Putin said two rounds of talks were constructive.",
    ], outlet_role="wire", published=d_call, event_date=d_call,
        title="Putin, Macron discuss gas in phone call",
        event_date_evidence=Evidence("held a phone call on Monday", "weekday_resolved", 0.8, 25),
        event_id="e-2021-11-15-call")
    harbor, hc = _doc("harbor-gazette-2021-11-16", "Harbor Gazette", [
        "Putin and Macron spoke by phone, Northwind Wire reported.",
        "According to sources, the ministers will keep talking.",
        "Analysts expect gas prices to rise further.",
    ], outlet_role="outlet", relays=("Northwind Wire", "Kremlin"), published=dt.date(2021, 11, 16),
        event_date=d_call, title="Leaders talk gas",
        event_date_evidence=Evidence("spoke by phone", "relay_of_reference_date", 0.6, None),
        event_id="e-2021-11-15-call", truncated=True)
    blog, bc = _doc("lakeside-notes-2021-11-16", "Lakeside Notes", [
        "Putin and Macron talked on the phone yesterday.",
        "Putin said three rounds of talks had been constructive.",
        HOSTILE_CLAIM,
    ], "html", outlet_role="outlet", published=dt.date(2021, 11, 16), event_date=d_call,
        title=HOSTILE_TITLE,
        event_date_evidence=Evidence("talked on the phone yesterday", "yesterday_resolved", 0.7, 20),
        event_id="e-2021-11-15-call")

    d_meet = dt.date(2021, 11, 18)
    quay, qc = _doc("quay-post-2021-11-18", "Quay Post", [
        "The foreign ministers met in Geneva on Thursday.",
        "They agreed to resume consultations on strategic stability.",
    ], outlet_role="outlet", published=d_meet, event_date=d_meet, title="Ministers meet in Geneva",
        event_date_evidence=Evidence("met in Geneva on Thursday", "weekday_resolved", 0.8, 23),
        event_id="e-2021-11-18-meeting")
    wire_text = ["The foreign ministers met in Geneva on Thursday.",
                 "They discussed resuming consultations on strategic stability."]
    wire2, w2c = _doc("northwind-2021-11-18", "Northwind Wire", wire_text,
                      outlet_role="wire", published=d_meet, event_date=d_meet, title="Ministers meet",
                      event_date_evidence=Evidence("met in Geneva on Thursday", "weekday_resolved", 0.8, 23),
                      event_id="e-2021-11-18-meeting")
    echo, _ec = _doc("coastal-echo-2021-11-19", "Coastal Echo", wire_text,
                     outlet_role="outlet", published=dt.date(2021, 11, 19), event_date=d_meet,
                     title="Ministers meet (republished)", duplicate_of="northwind-2021-11-18",
                     event_id="e-2021-11-18-meeting")
    courier, _cc = _doc("bodensee-kurier-2021-11-18", "Bodensee Kurier", [
        "Die Außenminister trafen sich am Donnerstag in Genf.",
    ], language="de", outlet_role="outlet", published=d_meet, event_date=d_meet,
        title="Außenminister in Genf", event_id="e-2021-11-18-meeting")
    lone, lc = _doc("lone-column-2021-11-20", "unknown", [
        "A column about energy policy without any diplomatic event.",
    ], published=dt.date(2021, 11, 20), title=None, event_id="e-2021-11-20-statement")

    kc = _typed(kc, ["contacts", "contacts", "trade", "tone"], ["Kremlin", None, None, None])
    wc = _typed(wc, ["contacts", "contacts", "trade", "tone"], ["the Kremlin said", None, None, None])
    hc = _typed(hc, ["contacts", "contacts", "trade"], ["Northwind Wire reported", "sources", None])
    hc[1] = attrs.evolve(hc[1], attribution_kind="anonymous", frame="According to sources", hedged=True)
    kc[0] = attrs.evolve(kc[0], attribution_kind="official", frame="the Kremlin said")
    bc = _typed(bc, ["contacts", "tone", "trade"], [None, None, "Paris said"])
    claims = [*kc, *wc, *hc, *bc, *qc, *w2c]

    ev1 = "e-2021-11-15-call"
    ev2 = "e-2021-11-18-meeting"
    alignments = [
        Alignment("a-call-1", ev1, (kc[0].id, wc[0].id, hc[0].id, bc[0].id), "contacts", kc[0].id),
        Alignment("a-call-2", ev1, (kc[1].id, wc[1].id, hc[1].id), "contacts", kc[1].id),
        Alignment("a-call-3", ev1, (kc[2].id, wc[2].id), "trade", kc[2].id),
        Alignment("a-call-4", ev1, (kc[3].id, wc[3].id, bc[1].id), "tone", kc[3].id),
        Alignment("a-meet-1", ev2, (qc[0].id, w2c[0].id), "meeting", qc[0].id),
        Alignment("a-meet-2", ev2, (qc[1].id, w2c[1].id), "arms_control", qc[1].id),
    ]
    flags = [
        Flag("f-wd01", ev1, "wording_drift", wire.id, wc[1].id, kc[1].id, 0.71,
             "'agreed to continue contacts' became 'reportedly agreed to keep in touch'",
             lexicon_class=None, alignment="a-call-2",
             diff=(DiffOp("equal", "The "), DiffOp("delete", "two leaders agreed to continue contacts at the level of"),
                   DiffOp("insert", "leaders reportedly agreed to keep in touch through their"),
                   DiffOp("equal", " foreign ministers."))),
        Flag("f-nh02", ev1, "negation_or_hedge", wire.id, wc[1].id, kc[1].id, 0.9,
             "hedge 'reportedly' added", lexicon_class="hedge", alignment="a-call-2"),
        Flag("f-nd03", ev1, "number_or_date_change", blog.id, bc[1].id, kc[3].id, 0.95,
             "number 'two' became 'three'", alignment="a-call-4",
             diff=(DiffOp("equal", "Putin "), DiffOp("delete", "stressed that two"),
                   DiffOp("insert", "said three"), DiffOp("equal", " rounds of talks had been constructive."))),
        Flag("f-at04", ev1, "attribution_change", harbor.id, hc[1].id, kc[1].id, 0.8,
             "unattributed in the reference, 'according to sources' here",
             lexicon_class="anonymous_source", alignment="a-call-2"),
        Flag("f-om05", ev1, "omission", blog.id, None, kc[2].id, 1.0,
             "the reference's claim about gas supplies is missing", alignment="a-call-3",
             review=Review("confirmed", "Blog skips the gas topic | on purpose?", "ana", "2021-12-01T10:00:00Z")),
        Flag("f-ad06", ev1, "addition", harbor.id, hc[2].id, None, 1.0,
             "claim not in the reference: analysts' price expectations"),
        Flag("f-pt07", ev1, "possibly_truncated", harbor.id, None, kc[3].id, 0.5,
             "the document ends mid-sentence; the claim may have been cut", alignment="a-call-4"),
        Flag("f-ad08", ev1, "addition", blog.id, bc[2].id, None, 1.0,
             "claim not in the reference", review=Review("dismissed", None, "ben", "2021-12-02T09:30:00Z")),
        Flag("f-wd09", ev2, "wording_drift", wire2.id, w2c[1].id, qc[1].id, 0.62,
             "'agreed to resume' became 'discussed resuming' (also in republished copies: "
             "coastal-echo-2021-11-19)", alignment="a-meet-2",
             diff=(DiffOp("equal", "They"), DiffOp("delete", "agreed to resume"),
                   DiffOp("insert", "discussed resuming"),
                   DiffOp("equal", "consultations on strategic stability."))),
        Flag("f-lone10", "e-2021-11-20-statement", "addition", lone.id, lc[0].id, None, 0.9,
             "claim not in the reference"),
    ]
    events = [
        Event(ev1, d_call, "Putin–Macron call", "call", ("Putin", "Macron"),
              (kremlin.id, wire.id, harbor.id, blog.id), kremlin.id, "primary"),
        Event(ev2, d_meet, "Foreign ministers meet in Geneva", "meeting", (),
              (quay.id, wire2.id, echo.id, courier.id), quay.id, "majority",
              ((courier.id, "not compared (language de; install the embed extra with a "
                            "multilingual model)"),)),
        Event("e-2021-11-20-statement", dt.date(2021, 11, 20), "Energy column", "statement", (),
              (lone.id,), None, "majority"),
    ]
    return Report(
        tool_version="0.1.0",
        documents=(kremlin, wire, harbor, blog, quay, wire2, echo, courier, lone),
        events=tuple(events),
        claims=(*claims, *lc),
        alignments=tuple(alignments),
        flags=tuple(flags),
        skipped=(Skipped("inputs/broken.html", "cannot decode: not UTF-8 and no charset detected"),
                 Skipped("inputs/huge.txt", "larger than --max-bytes (20971520 bytes)")),
        rules=("/usr/lib/outlet-compare/rules/outlets.yaml", "my rules/lexicon.yaml"),
    )

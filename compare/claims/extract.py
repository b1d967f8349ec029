"""Claims: a document's cleaned text cut into atomic, attributed, typed claims.

``extract_claims(doc, rules)`` walks the cleaned text line by line (a line is a
paragraph), drops lines that state nothing (date stamps, bylines, captions,
credits), marks title and deck lines as headlines, strips a wire dateline
("MOSCOW, June 1 (Nordwire) - "), splits the rest into sentences with
sentencex, and then:

* keeps the attribution frame apart from the content: in ``"The talks were
  good," the Kremlin said`` the claim is the quotation and the attribution
  ``Kremlin`` (see :mod:`compare.claims.attribution`); a quotation spanning several
  sentences gives each of them its frame;
* splits a sentence that joins distinct facts ("They discussed X and agreed to
  Y", "..., and Putin thanked Trump ...", "; ", ", adding that") into one claim
  per clause (English patterns here, any language's conjunction + verb-like word
  in :mod:`compare.claims.clauses`), and a topic list after the predicate
  ("agreed A, B and C") into one claim per item whose ``context`` is the shared
  subject and predicate; a list of names ("Russia, India and the Republic of
  Korea") stays whole;
* types each claim with :func:`compare.claims.claimtypes.classify`;
* resolves each claim's speaker with :class:`compare.claims.attribution.Speakers`.

Finding a line's quotations and telling a quoted sentence from its frame is
:mod:`compare.claims.quotes`; line kinds, sentences and trimming are
:mod:`compare.claims.lines`.

Every claim's ``span`` indexes ``doc.text`` exactly: ``doc.text[a:b] == claim.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
from attrs import frozen

from compare.claims.attribution import (
    Frame,
    Source,
    Speakers,
    is_hedged,
    leading_frame,
    middle_frames,
    normalise_source,
    qualified_press_service,
    quote_then,
    reportedly,
    subject_source,
    trailing_frame,
)
from compare.claims.claimtypes import ClaimTypeRules, classify_detail
from compare.claims.clauses import ING_NOUNS as _ING_NOUNS
from compare.claims.clauses import SHARED as CO_SHARED
from compare.claims.clauses import any_verb_like, coordination_cuts, has_verb_form, list_items
from compare.claims.lines import (
    DATELINE,
    MIN_CLAIM_WORDS,
    count_words,
    is_title,
    line_kind,
    norm_line,
    sentence_spans,
    trim_span,
)
from compare.claims.quotes import has_quote, quote_regions, quoted_frame, split_quote_sentences
from compare.core.models import Claim, Document
from compare.events.cues import CONTACT, find_cues
from compare.events.datephrases import lower_same_length, sentence_at

MAX_TEXT_CHARS = 400_000
MAX_CLAIMS = 5_000
MAX_SENTENCE_CHARS = 3_000


# Verbs that start a new clause after "and" with a shared subject ("... and agreed to ...").
_VERBS = (
    r"agreed|discussed|noted|stressed|said|thanked|congratulated|expressed|called|confirmed|emphasi[sz]ed|underlined"
    r"|underscored|exchanged|voiced|welcomed|praised|supported|informed|told|briefed|reaffirmed|decided|invited"
    r"|proposed|offered|pledged|promised|urged|asked|raised|touched|addressed|reviewed|considered|described|added"
    r"|gave|spoke|talked|met|signed|announced|stated|highlighted|reiterated|shared|wished|paid|recalled|assessed"
    r"|mentioned|pointed|reached|held|instructed|accepted|rejected|denied|condemned|warned|hoped|made|took|sent"
    r"|received|backed|endorsed|favou?red|approved|vowed|will|would|has|have|had|was|were|agree|discuss|note|stress"
    r"|thank|express|confirm|support|say|says"
)
_SUBJ = r"(?:[A-ZА-Я][\w’'-]+|they|he|she|it|we|both(?:\s+\w+)?|the\s+[\w’'-]+|this|these|each)"
_AND_VERB = re.compile(
    rf",?\s+and\s+(?:also\s+|then\s+|later\s+)?(?=(?:{_VERBS})\b|[a-z]{{3,}}ed\s+(?:the|a|an|him|her|them|his|their"
    r"|its|to|on|that|with|for|about|in|[a-z]+ed|[A-Z]))")
_AND_CLAUSE = re.compile(
    rf"(?:,\s+and|;\s+and|,?\s+as\s+well\s+as|,\s+while|,\s+whereas|,\s+(?:al)?though|,\s+but)\s+(?=(?:also\s+)?{_SUBJ}(?:,?\s+[\w’'-]+){{0,6}}?,?"
    rf"\s+(?:also\s+)?(?:{_VERBS}|[a-z]{{3,}}ed)\b)")
_AS_WELL_AS_VERB = re.compile(rf",?\s+as\s+well\s+as\s+(?=(?:{_VERBS})\b|in\s+favou?r\b)")
_SEMI = re.compile(r";\s+")
_ADDING = re.compile(r",\s+(?:adding|noting|stressing|stating|saying)\s+that\s+")
# A participle that adds a fact of its own: "..., hoping to enhance trade".
_PARTICIPLE = re.compile(r",\s+(?=(?:hoping|expressing|agreeing|pledging|vowing|voicing|promising)\b)")
# "..., with the two leaders discussing X": an absolute clause with a subject of its own.
# The words between "with" and the participle are a noun phrase (no preposition), and
# the -ing word is not one of the common -ing nouns ("with the opening ceremony").
_NP_WORD = r"(?!(?:to|of|for|on|in|at|by|about|from|into|with|over|under|as|than|regard|respect)\b)[\w’'.-]+"
_WITH_ING = re.compile(
    rf",\s+with\s+(?=(?:{_NP_WORD}\s+){{1,5}}?(?!(?:{_ING_NOUNS})\b)[a-z]{{2,}}ing\b)")
# "..., according to the Kremlin, which called the talks useful": the frame's source says more.
_WHICH_SAYS = re.compile(
    r"\s*which\s+(?:also\s+)?(?=(?:called|described|characteri[sz]ed|termed|said|noted|stressed|added|reported"
    r"|stated|underlined|emphasi[sz]ed)\b)")
# "..., which could meet in May": a relative clause that states a prospect of its own.
_WHICH_MODAL = re.compile(
    r",\s+(?=which\s+(?:could|would|will|may|might|should|is\s+to|are\s+to|is\s+expected|are\s+expected"
    r"|is\s+due|are\s+due|is\s+scheduled|are\s+scheduled)\b)")


@frozen
class _Piece:
    start: int  # absolute offsets in doc.text
    end: int
    sentence: int
    headline: bool
    quoted: bool
    source: str | None
    frame: str | None
    # True when the piece continues its sentence's subject ("... and agreed to ...").
    shares_subject: bool = False
    # True for a fact of its own cut from an event sentence or lede ("at the request of
    # Y", "the leaders discussing X"): its speaker is its own subject, never the lede's.
    apart: bool = False
    # Who acts in a piece without a subject of its own: "..., according to the Kremlin,
    # which called the talks useful" -> "called the talks useful" is the Kremlin's.
    agent: str | None = None
    # The words of the sentence a list item shares but its span leaves out
    # ("They discussed" for the item "fisheries" of "They discussed trade, fisheries and ...").
    context: str | None = None


# How the clause right of a cut relates to the one before it.
OWN = "own"  # a subject of its own ("; they will talk again"): a leading frame stops here
SHARED = "shared"  # continues the subject ("... and agreed to ..."): same speaker
APART = "apart"  # a fact of its own under the same frame ("..., with the leaders discussing X",
# "at the request of Y" after an event sentence): the frame goes on, the speaker is its own
_KIND = {_SEMI: OWN, _AND_CLAUSE: OWN, _WITH_ING: APART, _WHICH_MODAL: APART}


def _clause_cuts(text: str, a: int, b: int, rules: ClaimTypeRules | None = None) -> list[tuple[int, int, str]]:
    """Split ``text[a:b]`` where it joins distinct clauses; returns (end of left, start of right,
    kind of the right clause) cuts.  With ``rules``, an event sentence is also cut before an
    adjunct that states a fact of its own (``event_adjuncts`` in claim_types.yaml)."""
    seg = text[a:b]
    cuts: list[tuple[int, int, str]] = []
    for rx in (_SEMI, _ADDING, _AND_CLAUSE, _AND_VERB, _AS_WELL_AS_VERB, _PARTICIPLE, _WITH_ING, _WHICH_MODAL):
        if (rx is _WITH_ING and " with" not in seg) or (rx is _WHICH_MODAL and " which" not in seg):
            continue
        for m in rx.finditer(seg):
            if any(x <= m.start() < y or m.start() <= x < m.end() for x, y, _ in cuts):
                continue
            cuts.append((m.start(), m.end(), _KIND.get(rx, SHARED)))
    for x, y, kind in coordination_cuts(seg):  # verb-like word after a conjunction, any language
        if not any(x0 <= x < y0 or x <= x0 < y for x0, y0, _ in cuts):
            cuts.append((x, y, SHARED if kind == CO_SHARED else OWN))
    cuts.sort()
    if rules is not None and rules.event_adjuncts:
        cuts = _adjunct_cuts(seg, cuts, rules)
    good: list[tuple[int, int, str]] = []
    left = 0
    for i, (x, y, kind) in enumerate(cuts):
        nxt = next((c[0] for c in cuts[i + 1:] if c[0] >= y), len(seg))
        if (kind == OWN and ";" not in seg[x:y] and not has_verb_form(seg[y:nxt], "en")
                and not any_verb_like(seg[y:nxt])):
            continue  # ", and the ferry contract and agreed ...": no clause of its own
        if count_words(seg[left:x]) >= MIN_CLAIM_WORDS and count_words(seg[y:]) >= MIN_CLAIM_WORDS:
            good.append((a + x, a + y, kind))
            left = y
    return good


def _adjunct_cuts(seg: str, cuts: list[tuple[int, int, str]], rules: ClaimTypeRules) -> list[tuple[int, int, str]]:
    """``cuts`` plus one cut in each clause of ``seg`` that is an event statement followed by
    an adjunct ("... spoke by phone on Monday | at the request of ...")."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for x, y, kind in [*cuts, (len(seg), len(seg), "")]:
        clause = seg[start:x]
        cut = rules.event_adjunct(clause) if count_words(clause) >= 2 * MIN_CLAIM_WORDS else None
        if cut is not None:
            out.append((start + cut[0], start + cut[1], APART))
        if kind:
            out.append((x, y, kind))
        start = y
    return out


# --------------------------------------------------------------------------- pieces


def _sentence_pieces(text: str, off: int, line: str, a: int, b: int, regions: list[tuple[int, int]],
                     sentence: int, headline: bool, last_quote: list[Frame | None],
                     rules: ClaimTypeRules | None = None) -> Iterator[_Piece]:
    """The claims of one sentence ``line[a:b]`` (absolute offset ``off``)."""
    quoted_parts, qframe = quoted_frame(line, a, b, regions)
    if quoted_parts:
        if qframe is not None and qframe.source is None and not qframe.text and last_quote[0] is not None:
            qframe = last_quote[0]  # a quotation continued over several sentences
        last_quote[0] = qframe
        for qa, qb in quoted_parts:
            for sa, sb in split_quote_sentences(line, qa, qb):
                x, y = trim_span(text, off + sa, off + sb)
                if count_words(text[x:y]) >= MIN_CLAIM_WORDS:
                    yield from _clauses(text, x, y, sentence, headline, True, qframe, rules=rules)
        return
    last_quote[0] = None
    lead_q = [(qa, qb) for qa, qb in regions if a <= qa < b and not line[a:qa].strip() and qb < b]
    if lead_q:  # '"Q," the Kremlin underscored adding that R'
        qa, qb = lead_q[0]
        then = quote_then(line[qb + 1:b])
        if then is not None:
            x, y = trim_span(text, off + qa + 1, off + qb)
            if count_words(text[x:y]) >= MIN_CLAIM_WORDS:
                yield from _clauses(text, x, y, sentence, headline, True, then, rules=rules)
            x, y = trim_span(text, off + qb + 1 + then.end, off + b)
            yield from _clauses(text, x, y, sentence, headline, has_quote(text[x:y]), then, rules=rules)
            return
    x, y = trim_span(text, off + a, off + b, connectors=False)
    if x >= y:
        return
    frame: Frame | None = None
    seg = text[x:y]
    lead = leading_frame(seg)
    if lead is not None:
        frame = lead
        x, y = trim_span(text, x + lead.end, y)
        seg = text[x:y]
    for _ in range(3):  # "..., the Kremlin said in a statement, Trend reports citing TASS": keep the innermost
        trail = trailing_frame(seg)
        if trail is None:
            break
        if frame is None or frame.source is None or frame is not lead:
            frame = trail
        x, y = trim_span(text, x, x + trail.start)
        seg = text[x:y]
    pieces: list[tuple[int, int]] = [(x, y)]
    mids = [f for f in middle_frames(seg)
            if (_AND_BUT.match(seg, f.end) or _WITH_ING.match(seg, f.end - 1) or _WHICH_SAYS.match(seg, f.end))
            and count_words(seg[f.end:]) >= MIN_CLAIM_WORDS and count_words(seg[:f.start]) >= MIN_CLAIM_WORDS]
    apart = False
    agent: str | None = None
    if mids:
        m = mids[0]
        if frame is None or frame.source is None:
            frame = m
        right = x + m.end
        with_ing = _WITH_ING.match(seg, m.end - 1)  # "X, the Kremlin said, with the leaders discussing Y"
        which_says = _WHICH_SAYS.match(seg, m.end)  # "X, according to the Kremlin, which called it Y"
        if with_ing:
            right, apart = x + with_ing.end(), True
        elif which_says:
            right, apart, agent = x + which_says.end(), True, normalise_source(m.source).name
        pieces = [trim_span(text, x, x + m.start), trim_span(text, right, y)]
    elif frame is None:
        for f in middle_frames(seg):  # parenthetical ", according to X ," kept in the text
            frame = f
            break
    for pa, pb in pieces:
        if count_words(text[pa:pb]) >= 1:
            later = pa > pieces[0][1]
            yield from _clauses(text, pa, pb, sentence, headline, has_quote(text[pa:pb]), frame,
                                lead=lead is not None and frame is lead, rules=rules,
                                apart=apart and later, agent=agent if later else None)


def _subject_source(seg: str) -> str | None:
    """A reporting subject that is an attribution ("The Kremlin described the call as ...")."""
    subj = subject_source(seg)
    if subj is not None and normalise_source(subj).kind in ("official", "outlet", "anonymous"):
        return subj
    return None


def _clauses(text: str, a: int, b: int, sentence: int, headline: bool, quoted: bool,
             frame: Frame | None, *, lead: bool = False, rules: ClaimTypeRules | None = None,
             apart: bool = False, agent: str | None = None) -> Iterator[_Piece]:
    """The clauses of ``text[a:b]``.  A leading frame ("X stressed that A, and B") governs
    only the clauses up to the first one with a subject of its own; a subject that is a
    reporting body ("The Kremlin described ...") is each clause's own."""
    source = frame.source if frame is not None else None
    frame_text = frame.text if frame is not None and frame.text else None
    subject = _subject_source(text[a:b]) if source is None else None
    starts, shares = a, False
    for x, y, kind in _clause_cuts(text, a, b, rules):
        pa, pb = trim_span(text, starts, x)
        if pa < pb:
            yield from _items(text, _Piece(pa, pb, sentence, headline, quoted, source or subject, frame_text,
                                           shares_subject=shares, apart=apart, agent=agent))
        starts, shares, apart, agent = y, kind == SHARED, kind == APART, None
        if kind == OWN and lead:  # B has its own subject: the lead frame does not govern it
            source = frame_text = None
        if kind == OWN and source is None:
            subject = _subject_source(text[y:b])
    pa, pb = trim_span(text, starts, b)
    if pa < pb:
        sub = text[pa:pb]
        sub_lead = leading_frame(sub) if starts != a else None  # "... and said the presidents had agreed ..."
        if sub_lead is None:
            m = _SAY_THAT.match(sub)
            if m and count_words(sub[m.end():]) >= MIN_CLAIM_WORDS and starts != a:
                pa, pb = trim_span(text, pa + m.end(), pb)
        yield from _items(text, _Piece(pa, pb, sentence, headline, quoted, source or subject, frame_text,
                                       shares_subject=shares, apart=apart, agent=agent))


def _items(text: str, piece: _Piece) -> Iterator[_Piece]:
    """``piece``, or one piece per item of the topic list it ends with
    (:func:`compare.claims.clauses.list_items`): the first keeps the subject and
    predicate, the others carry them as ``context`` and share the subject."""
    split = list_items(text[piece.start:piece.end])
    if split is None:
        yield piece
        return
    ca, cb = split.context
    context = text[piece.start + ca:piece.start + cb].strip() or None
    for k, (a, b) in enumerate(split.pieces):
        x, y = trim_span(text, piece.start + a, piece.start + b, connectors=False)
        if x >= y:
            continue
        if k == 0:
            yield attrs.evolve(piece, start=x, end=y)
        else:
            yield attrs.evolve(piece, start=x, end=y, shares_subject=True, apart=False, agent=None,
                               context=context)


_VERBS_SAY = r"said|says|added|noted|stated|stressed|told\s+reporters"
_SAY_THAT = re.compile(rf"(?:{_VERBS_SAY})\s+(?:that\s+)?")
_AND_BUT = re.compile(r"\s*(?:and|but)\s+\w")


# --------------------------------------------------------------------------- the stage


def _units(doc: Document, rules: ClaimTypeRules) -> Iterator[tuple[_Piece, int]]:
    """The pieces of ``doc`` with the index of their paragraph."""
    text = doc.text[:MAX_TEXT_CHARS]
    seen_body = seen_title = False
    sentence = para = 0
    # The outlet's own name on a line of its own is the masthead, not a headline.
    mastheads = {norm_line(doc.outlet)} if doc.outlet and doc.outlet != "unknown" else set()
    for lm in re.finditer(r"[^\n]+", text):
        line, off = lm.group(0), lm.start()
        if not line.strip():
            continue
        stripped = line.strip()
        title_line = is_title(stripped, doc.title)
        kind = line_kind(stripped, doc.title, seen_title, seen_body, title_line)
        if kind == "headline" and not title_line and norm_line(stripped) in mastheads:
            kind = "skip"
        seen_title = seen_title or title_line
        if kind == "skip" or rules.is_not_claim(line):
            continue
        headline = kind == "headline"
        if not headline:
            seen_body = True
        body_start = 0
        dm = DATELINE.match(line)
        if dm and not headline and count_words(line[dm.end():]) >= MIN_CLAIM_WORDS:
            body_start = dm.end()
        regions = quote_regions(line)
        last_quote: list[Frame | None] = [None]
        for a, b in sentence_spans(line[body_start:], doc.language):
            a, b = a + body_start, b + body_start
            if b - a > MAX_SENTENCE_CHARS:
                b = a + MAX_SENTENCE_CHARS
            if rules.is_not_claim(line[a:b]):  # "Good morning." / "More to follow."
                sentence += 1
                continue
            for piece in _sentence_pieces(text, off, line, a, b, regions, sentence, headline, last_quote, rules):
                yield piece, para
            sentence += 1
        para += 1


def event_sentence(doc: Document) -> tuple[int, int] | None:
    """The span of the sentence that dates the event (the date evidence found in the text)
    when it also holds a contact word (call, talks, meeting...) of any language the cue
    table knows: it states the event, as the English shapes of ``event_statements`` do."""
    ev = doc.event_date_evidence
    if ev is None or ev.start is None or not 0 <= ev.start < len(doc.text):
        return None
    a, b = sentence_at(doc.text, ev.start)
    low = lower_same_length(doc.text[a:b])
    return (a, b) if any(c.name in CONTACT for c in find_cues(low)) else None


def extract_claims(doc: Document, rules: ClaimTypeRules) -> list[Claim]:
    """The atomic claims of ``doc`` in text order (pure).

    ``doc.text[c.span[0]:c.span[1]] == c.text`` for every claim; spans are in order
    and do not overlap.  Attribution is a short normalised source ("Kremlin",
    "sources", "Ryabkov") or None.
    """
    claims: list[Claim] = []
    last_official: Source | None = None
    last_person: Source | None = None
    prev_end = 0
    carry: tuple[int, str] | None = None  # (paragraph, type) a following unmatched claim may take
    press = qualified_press_service(doc.text)
    speakers = Speakers()
    seen_event = {True: False, False: False}  # headline / body: first event statement found
    # English event sentences have their shapes in event_statements; other languages the
    # dated contact sentence (applied to English too it lowered devset and evalset alignment)
    dated = event_sentence(doc) if doc.language not in ("en", "und") else None
    for piece, para in _units(doc, rules):
        if len(claims) >= MAX_CLAIMS:
            break
        if piece.start < prev_end or piece.end <= piece.start:
            continue
        body = doc.text[piece.start:piece.end]
        if count_words(body) < (1 if piece.context else 2):
            continue
        src = normalise_source(piece.source)
        if src.name == "statement" and last_official is not None:
            src = last_official
        elif src.name == "press service" and press is not None:
            src = press
        elif src.kind == "pronoun":
            src = last_person or Source(None, None)
        if src.kind == "official" and src.name != "statement":
            last_official = src
        elif src.kind == "person":
            last_person = src
        hedged = is_hedged(body)
        if src.name is None and reportedly(body):
            src = Source("unnamed reports", "anonymous")
        prev_end = piece.end
        who = speakers.resolve(piece, body, src, claims[-1] if claims else None)
        event_statement = False
        if not seen_event[piece.headline] and not piece.quoted and rules.is_event_statement(body):
            event_statement = seen_event[piece.headline] = True
        elif (dated is not None and not piece.headline and not piece.quoted
              and piece.start < dated[1] and dated[0] < piece.end):
            event_statement = True  # the dated contact sentence, in any language
        ctype = classify_detail(body, rules)
        kind = ctype.type
        if not ctype.matched and carry is not None and carry[0] == para:
            kind = carry[1]  # same paragraph, same topic: "Putin called for restraint" after "Korea was discussed"
        elif ctype.matched:
            carry = (para, kind) if rules.carries_over(kind) else None
        claims.append(Claim(
            id=f"{doc.id}:c{len(claims) + 1}",
            document=doc.id,
            event=doc.event_id,
            text=body,
            span=(piece.start, piece.end),
            type=kind,
            attribution=src.name,
            sentence=piece.sentence,
            quoted=piece.quoted,
            headline=piece.headline,
            attribution_kind=src.kind,
            frame=piece.frame,
            hedged=hedged,
            speaker=who,
            event_statement=event_statement,
            context=piece.context,
        ))
    return claims

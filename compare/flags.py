"""Discrepancy flags of one event, per document, against the reference.

For every compared document other than the reference (not for republished
copies, whose original's flags name them, nor for documents in another
language without a multilingual matcher, see :func:`uncompared_documents`):

* ``omission``: a reference claim group without a claim of the document (not
  for headline-like or attribution-only claims); ``possibly_truncated`` instead
  when the document is truncated and the claim comes after its last aligned
  claim in reference order;
* ``addition``: a claim in no reference group that is not a restatement of
  another claim of the same document;
* for a claim aligned with the reference claim, the most important of:
  ``negation_or_hedge`` (a negation or a hedge the reference lacks),
  ``number_or_date_change`` (numbers or month-day dates differ),
  ``attribution_change`` (official or unattributed in the reference, anonymous
  sources in the document; or another person as subject/speaker),
  ``wording_drift`` (tone words dropped/added/replaced, a different commitment
  level, a widened scope).  A faithful paraphrase keeps all of these and gets
  no flag.

All word classes come from the lexicon (rules/lexicon.yaml).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np

from compare.align import (
    MatchingConfig,
    cross_scores,
    languages_differ,
    other_language,
    score_matrix,
    shared_guard,
)
from compare.lexicon import Lexicon, name_phrases, tokenize
from compare.models import Alignment, Claim, Document, Event, Flag, FlagKind
from compare.normalize import canonical_tokens, normalize, stem
from compare.worddiff import word_diff

# Most important first (one flag per document and claim group).
PRIORITY: tuple[str, ...] = ("negation_or_hedge", "number_or_date_change",
                             "attribution_change", "wording_drift")
CONFIDENCE = {"negation_or_hedge": 0.85, "number_or_date_change": 0.9,
              "attribution_change": 0.8, "wording_drift": 0.7}


def _has(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    k = len(phrase)
    first = phrase[0]
    return any(tokens[i] == first and tuple(tokens[i:i + k]) == phrase
               for i in range(len(tokens) - k + 1))


def _found(tokens: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> list[str]:
    present = set(tokens)
    return [" ".join(p) for p in phrases
            if p[0] in present and all(w in present for w in p) and _has(tokens, p)]


def _numbers(tokens: Sequence[str], lexicon: Lexicon) -> tuple[set[str], set[str]]:
    """(plain numbers, month-day dates) in canonical tokens.  A one or two that
    counts the sides of the contact ("two leaders", "both countries": before a
    party noun, a name, a country or a stop word) is not a number; "two
    detainees" is."""
    months = lexicon.month_map
    dates: set[str] = set()
    plain: set[str] = set()
    used: set[int] = set()
    for i, t in enumerate(tokens):
        if t in months:
            # "May 30", "July 7 8" (a range), "30 May"
            j = i + 1
            while j < len(tokens) and tokens[j].isdigit() and len(tokens[j]) <= 2:
                dates.add(f"{months[t]}-{int(tokens[j])}")
                used.add(j)
                j += 1
            j = i - 1  # "30 May", "4-5 April" (a range)
            while j >= 0 and tokens[j].isdigit() and len(tokens[j]) <= 2:
                dates.add(f"{months[t]}-{int(tokens[j])}")
                used.add(j)
                j -= 1
    sides = _side_words(lexicon)
    for i, t in enumerate(tokens):
        if i in used or not t.isdigit():
            continue
        if t in ("1", "2") and (i + 1 >= len(tokens) or tokens[i + 1] in sides
                                or tokens[i + 1] in lexicon.stopwords):
            continue
        plain.add(t)
    return plain, dates


@lru_cache(maxsize=16)
def _side_words(lexicon: Lexicon) -> frozenset[str]:
    """Tokens after which a one or two counts sides: party nouns, people, synonyms."""
    return (lexicon.parties | _person_tokens(lexicon)
            | {syn.name for syn in lexicon.synonyms})


@lru_cache(maxsize=16)
def _person_tokens(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(lexicon.person_token(p) for p in lexicon.names)


@lru_cache(maxsize=16)
def _modal_index(lexicon: Lexicon) -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """Modality phrases by first token, longest first, with their level."""
    by_first: dict[str, dict[tuple[str, ...], int]] = {}
    for cls in lexicon.modality:
        for p in cls.phrases:
            slot = by_first.setdefault(p[0], {})
            slot[p] = max(slot.get(p, cls.level), cls.level)
    return {k: tuple(sorted(v.items(), key=lambda pl: -len(pl[0]))) for k, v in by_first.items()}


def _modal_level(tokens: Sequence[str], lexicon: Lexicon) -> tuple[int | None, list[str]]:
    """The strongest commitment level of the claim and its words.  Phrases are
    matched longest first and use up their words ("confirmed the relevance"
    is importance, not "confirmed")."""
    index = _modal_index(lexicon)
    hits: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        for phrase, level in index.get(tokens[i], ()):
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                hits.append((level, " ".join(phrase)))
                i += len(phrase)
                break
        else:
            i += 1
    if not hits:
        return None, []
    level = max(lv for lv, _ in hits)
    return level, list(dict.fromkeys(w for lv, w in hits if lv == level))


def _is_may_month(tokens: Sequence[str], i: int) -> bool:
    near = [*tokens[max(0, i - 1):i], *tokens[i + 1:i + 2]]
    return any(t.isdigit() for t in near)


def _hedges(tokens: Sequence[str], lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """(evidential hedges: reportedly..., modal hedges: possibly, may...)."""
    modal_words = {p for c in lexicon.modality if c.level <= 1 for p in c.phrases}
    evidential: list[str] = []
    modal: list[str] = []
    present = set(tokens)
    for p in lexicon.hedges:
        if not all(w in present for w in p):
            continue
        k = len(p)
        hits = [i for i in range(len(tokens) - k + 1) if tuple(tokens[i:i + k]) == p]
        hits = [i for i in hits if not (p == ("may",) and _is_may_month(tokens, i))]
        if hits:
            (modal if p in modal_words else evidential).append(" ".join(p))
    return evidential, modal


def _uncertain(tokens: Sequence[str], lexicon: Lexicon) -> bool:
    ev, modal = _hedges(tokens, lexicon)
    level, _ = _modal_level(tokens, lexicon)
    return bool(ev or modal) or level == 1


def _anonymous(claim: Claim, tokens: Sequence[str], lexicon: Lexicon) -> list[str]:
    toks = list(tokens) + (tokenize(claim.attribution) if claim.attribution else [])
    return _found(toks, lexicon.attribution_anonymous)


def compare_pair(ref: Claim, other: Claim, lexicon: Lexicon,
                 ref_tone: frozenset[str] = frozenset(), doc_tone: frozenset[str] = frozenset(),
                 ) -> list[tuple[str, str, str]]:
    """Every discrepancy between a reference claim and an aligned claim, as
    (kind, lexicon class, detail), most important first; [] for a paraphrase.

    ``ref_tone`` / ``doc_tone`` are the tone words (lexicon names) the
    reference / the document use anywhere in their claims: a tone word moved
    to another sentence ("held constructive talks" where the reference says
    "the conversation was constructive" on its own) is neither added nor
    dropped."""
    rt, ot = tokenize(ref.text), tokenize(other.text)
    rc, oc = canonical_tokens(ref.text, lexicon), canonical_tokens(other.text, lexicon)
    found: list[tuple[str, str, str]] = []
    # negation / hedge
    neg_r, neg_o = _found(rt, lexicon.negations), _found(ot, lexicon.negations)
    if bool(neg_o) != bool(neg_r):
        words = neg_o or neg_r
        side = "added" if neg_o else "dropped"
        found.append(("negation_or_hedge", "negation", f"negation {side}: {', '.join(words)}"))
    ev_o, modal_o = _hedges(ot, lexicon)
    ev_r, _ = _hedges(rt, lexicon)
    anon = {" ".join(p) for p in lexicon.attribution_anonymous}
    new_ev = [h for h in ev_o if h not in ev_r and h not in anon]
    if new_ev:
        found.append(("negation_or_hedge", "hedge", f"hedge added: {', '.join(new_ev)}"))
    elif modal_o and not _uncertain(rt, lexicon):
        found.append(("negation_or_hedge", "hedge", f"hedge added: {', '.join(modal_o)}"))
    # numbers and dates
    pr, dr = _numbers(rc, lexicon)
    po, do = _numbers(oc, lexicon)
    if dr and do and dr != do:
        found.append(("number_or_date_change", "date",
                      f"date changed: {_fmt_dates(dr)} -> {_fmt_dates(do)}"))
    elif pr and po - pr:
        found.append(("number_or_date_change", "number",
                      f"number changed: {', '.join(sorted(pr))} -> {', '.join(sorted(po))}"))
    # attribution
    anon_o = _anonymous(other, ot, lexicon) or (
        [other.attribution or "anonymous sources"] if other.attribution_kind == "anonymous"
        else [])
    if anon_o and not _anonymous(ref, rt, lexicon) and ref.attribution_kind != "anonymous":
        found.append(("attribution_change", "attribution",
                      f"official statement credited to anonymous sources: {anon_o[0]}"))
    swap = _person_change(ref, other, rc, oc, lexicon)
    if swap:
        found.append(("attribution_change", "attribution", swap))
    # wording drift: tone, modality, subject, scope
    drift = _drift(rt, ot, rc, oc, ref, other, lexicon, ref_tone, doc_tone)
    if drift:
        found.append(("wording_drift", *drift))
    if ref.headline or other.headline:
        # A title compresses the story: only a changed number/date, a negation
        # or hedge, or changed tone words are discrepancies of its own.
        found = [f for f in found if f[0] in ("negation_or_hedge", "number_or_date_change")
                 or f[1] == "tone"]
    found.sort(key=lambda f: PRIORITY.index(f[0]))
    return found


def compare_across_languages(ref: Claim, other: Claim, lexicon: Lexicon
                             ) -> list[tuple[str, str, str]]:
    """Discrepancies of a claim aligned with a reference claim in another
    language: only evidence that does not depend on the language's words,
    i.e. digits and dates (month names of every language the lexicon lists).
    The English word classes (negations, hedges, tone, commitment, attribution
    phrases) are not run on the other language."""
    pr, dr = _numbers(canonical_tokens(ref.text, lexicon), lexicon)
    po, do = _numbers(canonical_tokens(other.text, lexicon), lexicon)
    if dr and do and dr != do:
        return [("number_or_date_change", "date",
                 f"date changed: {_fmt_dates(dr)} -> {_fmt_dates(do)}")]
    # A translation may spell a number out or write a date with its year, so
    # only a number the reference lacks, next to numbers it has, is a change.
    digits_r = pr | {d.split("-")[1] for d in dr}
    if pr and po - digits_r:
        return [("number_or_date_change", "number",
                 f"number changed: {', '.join(sorted(pr))} -> {', '.join(sorted(po))}")]
    return []


def _people(tokens: Sequence[str], people: frozenset[str]) -> list[tuple[str, int]]:
    return [(t, i) for i, t in enumerate(tokens) if t in people]


# Tokens that may stand between two names of one joint subject ("Putin and Trump").
_JOINT = frozenset({"and", "&", "with", "или", "и"})


def _actor(tokens: Sequence[str], people: frozenset[str]) -> str | None:
    """The single person acting in a claim: the first name, unless the claim
    names two people jointly ("Putin and Trump discussed ...")."""
    found = _people(tokens, people)
    if not found:
        return None
    first, i = found[0]
    between = tokens[i + 1:i + 3]
    if any(t in _JOINT for t in between) and any(t in people and t != first
                                                 for t in tokens[i + 1:i + 4]):
        return None
    return first


def _speaker_token(claim: Claim, lexicon: Lexicon) -> str | None:
    """The canonical person token of ``claim.speaker`` (when the claims stage
    gives one) or None."""
    speaker = getattr(claim, "speaker", None)
    if not isinstance(speaker, str) or not speaker.strip():
        return None
    people = _person_tokens(lexicon)
    for t in canonical_tokens(speaker, lexicon):
        if t in people:
            return t
    return None


def _person_change(ref: Claim, other: Claim, rc: Sequence[str], oc: Sequence[str],
                   lexicon: Lexicon) -> str | None:
    """A statement or action put on another person: the speakers differ, or the
    acting person differs and the reference does not name the new one at all
    (a reciprocal "X spoke with Y" / "Y spoke with X" is no change)."""
    people = _person_tokens(lexicon)
    sp_r, sp_o = _speaker_token(ref, lexicon), _speaker_token(other, lexicon)
    if ref.speaker == "both" and sp_o:
        # One side of a joint position: a narrowed subject (wording), not
        # another source.
        return None
    if sp_o and sp_r and sp_o != sp_r and sp_o not in rc:
        return (f"statement credited to {_display_name(sp_o, lexicon)} instead of "
                f"{_display_name(sp_r, lexicon)}")
    in_ref = {t for t, _ in _people(rc, people)}
    in_other = {t for t, _ in _people(oc, people)}
    if sp_o and not sp_r and sp_o not in in_ref:
        return f"statement credited to {_display_name(sp_o, lexicon)}"
    ar, ao = _actor(rc, people), _actor(oc, people)
    if ar and ao and ar != ao and ao not in in_ref and ar not in in_other:
        return f"subject changed: {_display_name(ar, lexicon)} -> {_display_name(ao, lexicon)}"
    if ao and not in_ref and not sp_o:
        i = oc.index(ao)
        if _speaks(oc, i, lexicon):
            return f"statement credited to {_display_name(ao, lexicon)}"
    return None


def _speaks(tokens: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """The person at ``i`` is followed by a verb of saying ("Trump described ...")."""
    window = list(tokens[i + 1:i + 3])
    return any(_has(window, v) for v in lexicon.attribution_verbs)


def _display_name(token: str, lexicon: Lexicon) -> str:
    for p in lexicon.names:
        if lexicon.person_token(p) == token:
            return p.name
    return token


def _fmt_dates(dates: set[str]) -> str:
    return ", ".join(sorted(dates, key=lambda d: tuple(int(x) for x in d.split("-"))))


def _narrowed(ref: Claim, other: Claim, oc: Sequence[str], lexicon: Lexicon) -> str | None:
    """A joint position of both sides ("The presidents agreed") put on one
    person who acts alone in the document's claim ("Trump agreed")."""
    if ref.speaker != "both" or other.speaker == "both":
        return None
    sp_o = _speaker_token(other, lexicon)
    if sp_o is None:
        return None
    named = {t for t, _ in _people(oc, _person_tokens(lexicon))}
    if named - {sp_o}:
        return None
    return f"joint position put on one side: {_display_name(sp_o, lexicon)}"


def _drift(rt: Sequence[str], ot: Sequence[str], rc: Sequence[str], oc: Sequence[str],
           ref: Claim, other: Claim, lexicon: Lexicon, ref_tone: frozenset[str] = frozenset(),
           doc_tone: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    tone = tone_names(lexicon)
    about_call = "call" in rc or "call" in oc or ref.type == "tone"
    tr = [t for t in dict.fromkeys(rc) if t in tone]
    to = [t for t in dict.fromkeys(oc) if t in tone]
    dropped = [t for t in tr if t not in to and t not in doc_tone]
    added = [t for t in to if t not in tr and t not in ref_tone]
    if about_call and (dropped or added):
        parts = []
        if dropped:
            parts.append("tone words dropped: " + ", ".join(w.replace("_", " ") for w in dropped))
        if added:
            parts.append("tone words added: " + ", ".join(w.replace("_", " ") for w in added))
        return "tone", "; ".join(parts)
    lr, wr = _modal_level(rt, lexicon)
    lo, wo = _modal_level(ot, lexicon)
    if lo is not None and ((lr is not None and lr != lo) or (lr is None and lo >= 5)):
        before = ", ".join(wr) if wr else "(none)"
        way = "strengthened" if lr is None or lo > lr else "weakened"
        return "modality", f"commitment {way}: {before} -> {', '.join(wo)}"
    narrowed = _narrowed(ref, other, oc, lexicon)
    if narrowed:
        return "subject", narrowed
    ref_stems = {stem(t) for t in rt}
    wide = [" ".join(p) for p in (*lexicon.scope_wide, *lexicon.scope_regions)
            if _has(ot, p) and not all(stem(w) in ref_stems for w in p)]
    if wide:
        return "scope", f"scope widened: {', '.join(wide)}"
    return None


@lru_cache(maxsize=16)
def tone_names(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(t.name for t in lexicon.tone)


def tone_words(claims: Iterable[Claim], lexicon: Lexicon) -> frozenset[str]:
    """The tone words (lexicon names) used anywhere in ``claims``."""
    tone = tone_names(lexicon)
    return frozenset(t for c in claims for t in canonical_tokens(c.text, lexicon) if t in tone)


def flag_id(event: Event, ref_text: str, kind: str, doc: Document, claim_text: str,
            lexicon: Lexicon) -> str:
    key = "\x1f".join((event.id, normalize(ref_text, lexicon).text if ref_text else "", kind,
                       doc.sha256 or doc.id, " ".join(claim_text.split())))
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=16)
def _attribution_stems(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(stem(w) for p in (*lexicon.attribution_verbs, *lexicon.attribution_official,
                                       *lexicon.attribution_anonymous) for w in p)


# Words that only restate the contact itself: "Putin and his US counterpart
# Trump in phone talks on Tuesday", "On May 2, X had a telephone conversation
# with Y" (with the names, countries, dates and numbers of any claim).
_CONTACT_WORDS = frozenset(stem(w) for w in """
call calls called phone telephone conversation conversations talks talk talked spoke speak speaks
held hold holds had have met meet meets meeting counterpart counterparts colleague colleagues
late earlier today yesterday tonight morning afternoon evening night year
monday tuesday wednesday thursday friday saturday sunday года
""".split())  # noqa: SIM905
_CONTACT_NOUNS = frozenset(stem(w) for w in ("call", "calls", "phone", "telephone", "conversation",
                                             "talks", "spoke", "talked", "met", "meeting"))


@lru_cache(maxsize=16)
def _contact_vocabulary(lexicon: Lexicon) -> frozenset[str]:
    from compare.participants import COUNTRIES, COUNTRY_WORDS

    people = {stem(canon) for canon, _ in name_phrases(lexicon)}
    countries = {stem(w) for w in COUNTRY_WORDS if " " not in w}
    countries |= {stem(c.lower().replace(" ", "_")) for c in COUNTRIES}
    months = {stem(w) for w, _ in lexicon.months}
    return frozenset(_CONTACT_WORDS | people | countries | months)


def restates_contact(claim: Claim, lexicon: Lexicon) -> bool:
    """The claim says no more than that the contact took place: only contact
    words, names, countries, dates and numbers, with at least one contact word."""
    stems = normalize(claim.text, lexicon).stems
    vocab = _contact_vocabulary(lexicon)
    return bool(stems & _CONTACT_NOUNS) and all(s in vocab or s.isdigit() for s in stems)


def _addition_min_words(claim: Claim, lexicon: Lexicon, config: MatchingConfig) -> int:
    """Content words a claim needs to be an addition: an outlet's own word for
    the tone of the talks ('called the conversation "very good"') is a claim
    with two, when it names the contact ("good evening" is no such claim)."""
    if tone_words([claim], lexicon) and normalize(claim.text, lexicon).stems & _CONTACT_NOUNS:
        return min(2, config.addition_min_words)
    return config.addition_min_words


def _content_words(claim: Claim, lexicon: Lexicon) -> int:
    attr_words = _attribution_stems(lexicon)
    return len([t for t in normalize(claim.text, lexicon).content if t not in attr_words])


def _minor(claim: Claim, lexicon: Lexicon, config: MatchingConfig, min_words: int = 2) -> bool:
    """Headline-like or attribution-only claims (fewer than ``min_words`` content
    words besides attribution words) are not omissions/additions."""
    if len(claim.text.strip()) < config.min_claim_chars or claim.headline:
        return True
    return _content_words(claim, lexicon) < min_words


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _paragraphs(text: str) -> list[int]:
    """Start offsets of the paragraphs of a cleaned text (blank-line separated)."""
    return [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]


# Canonical tokens (lexicon synonyms) that name the contact itself.
_EVENT_WORDS = frozenset({"call", "telephone"})


def _off_event(doc: Document, mine: Sequence[Claim], in_ref_group: set[str],
               refs: Sequence[Claim], event: Event, lexicon: Lexicon) -> set[str]:
    """Claims in paragraphs about another story (a digest's other items, a
    greeting, a teaser): the paragraph has no claim aligned with the reference,
    names no person of the lexicon or participant of the event, and shares no
    lexicon synonym (a country, "call", a treaty) and no proper noun with the
    reference claims.

    In a multi-story digest (paragraphs of claims that neither name a
    participant nor the contact nor hold an aligned claim come both before
    and after the paragraphs about the event) only a participant, one of
    their countries or a word for the contact ties a paragraph to the event: a
    shared topic word ("coronavirus") or place is not enough there."""
    starts = _paragraphs(doc.text)
    people = _person_tokens(lexicon)
    strict = {t for p in event.participants for t in canonical_tokens(p, lexicon) if t in people}
    strict |= {t for p in event.participants for t in tokenize(p) if len(t) > 2}
    strict |= _participant_countries(event, lexicon) | _EVENT_WORDS
    names = set(strict)
    synonyms = {syn.name for syn in lexicon.synonyms}
    names |= {t for c in refs for t in canonical_tokens(c.text, lexicon) if t in synonyms}
    # Proper nouns of the reference (capitalised words not opening a claim).
    names |= {t for c in refs for w in c.text.split()[1:] if w[:1].isupper()
              for t in tokenize(w) if t not in lexicon.stopwords}
    by_par: dict[int, list[Claim]] = {}
    for c in mine:
        if not c.headline:
            by_par.setdefault(bisect.bisect_right(starts, c.span[0]) - 1, []).append(c)
    toks: dict[int, set[str]] = {}
    tied: dict[int, bool] = {}
    for n, cs in by_par.items():
        end = starts[n + 1] if n + 1 < len(starts) else len(doc.text)
        toks[n] = set(canonical_tokens(doc.text[starts[n]:end], lexicon))
        tied[n] = any(c.id in in_ref_group for c in cs) or bool(toks[n] & strict)
    about = [n for n in sorted(by_par) if tied[n]]
    digest = bool(about) and any(not tied[n] and n < about[0] for n in by_par) and any(
        not tied[n] and n > about[-1] for n in by_par)
    off: set[str] = set()
    for n, cs in by_par.items():
        if tied[n] or (not digest and toks[n] & (people | names)):
            continue
        off.update(c.id for c in cs)
    return off


@lru_cache(maxsize=16)
def _countries_by_person(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    return {lexicon.person_token(p): frozenset(canonical_tokens(p.country, lexicon))
            for p in lexicon.names if p.country}


def _participant_countries(event: Event, lexicon: Lexicon) -> set[str]:
    """Canonical tokens of the countries of the event's participants the lexicon knows."""
    by_person = _countries_by_person(lexicon)
    out: set[str] = set()
    for p in event.participants:
        for t in canonical_tokens(p, lexicon):
            out |= by_person.get(t, frozenset())
    return out


def _reported_within(refs: Sequence[Claim], mine: Sequence[Claim], in_ref_group: set[str],
                     lexicon: Lexicon, config: MatchingConfig) -> set[str]:
    """Ids of the reference claims that are reported, split differently: an
    aligned claim of the document also says it (a lede that lists several
    topics of the readout) - it scores at least the match threshold with it,
    passes the shared-words guard and holds at least ``omission_cover`` of its
    content stems.  One vectorised pass per document."""
    aligned = [c for c in mine if c.id in in_ref_group and not c.headline]
    if not refs or not aligned:
        return set()
    rn = [normalize(r.text, lexicon) for r in refs]
    norms = [normalize(c.text, lexicon) for c in aligned]
    ok = (score_matrix(rn, norms, config) >= config.match_threshold) & shared_guard(
        rn, norms, config.min_shared_words)
    out: set[str] = set()
    for i, j in zip(*np.nonzero(ok), strict=True):
        r = rn[int(i)]
        if r.stems and len(r.stems & norms[int(j)].stems) >= config.omission_cover * len(r.stems):
            out.add(refs[int(i)].id)
    return out


def _copies(docs: Sequence[Document]) -> dict[str, list[str]]:
    """Original document id -> ids of its republished copies within ``docs``."""
    by_id = {d.id: d for d in docs}
    out: dict[str, list[str]] = {}
    for d in sorted(docs, key=lambda d: d.id):
        if d.duplicate_of and d.duplicate_of in by_id:
            out.setdefault(_root_id(d, by_id), []).append(d.id)
    return out


def _root_id(doc: Document, by_id: Mapping[str, Document]) -> str:
    seen: set[str] = set()
    while doc.duplicate_of and doc.duplicate_of in by_id and doc.id not in seen:
        seen.add(doc.id)
        doc = by_id[doc.duplicate_of]
    return doc.id


def uncompared_documents(event: Event, docs: Sequence[Document], lexicon: Lexicon,
                         config: MatchingConfig) -> dict[str, str]:
    """Documents of the event that are not compared with the reference, with the
    reason to show in the report (doc id -> reason).

    A document written in another language than the reference cannot be
    matched by word overlap: without a multilingual embedding model every one
    of its claims would be an omission or an addition (translation misses, not
    discrepancies).  Such documents get no flags and are listed as
    ``not compared (language ru; install the embed extra ...)``.  ``lexicon``
    is accepted for rules that may widen this later (e.g. a translation list)."""
    del lexicon
    foreign = other_language(event, docs, config)
    if not foreign:
        return {}
    if config.embedding_weight > 0:
        need = (f"the embedding model {config.embedding_model} is not installed or not "
                "multilingual")
    else:
        need = "install the embed extra with a multilingual model"
    return {doc_id: f"not compared (language {lang}; {need})"
            for doc_id, lang in sorted(foreign.items())}


def flag_event(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
               alignments: Sequence[Alignment], lexicon: Lexicon,
               config: MatchingConfig) -> list[Flag]:
    """All flags of one event (pure; stable ids).

    * No flags for an event without a reference basis (one independent
      document), for the reference document itself, for documents in another
      language (see :func:`uncompared_documents`) and for republished copies:
      duplicates are grouped, not counted twice, so a copy's flags are its
      original's, whose details name the copies ("also in republished
      copies: ...").
    * An event statement (the bare "the call took place" sentence, a first
      headline) is never an omission or an addition by itself.
    * One flag per document and claim group: the most important kind
      (:data:`PRIORITY`); the other discrepancies of the pair are named in its
      detail."""
    if event.reference_basis == "none":
        return []
    cl = {c.id: c for c in claims}
    ref_groups = [a for a in alignments if a.reference_claim in cl]
    in_ref_group = {cid for a in ref_groups for cid in a.claims}
    reference = event.reference
    skip = uncompared_documents(event, docs, lexicon, config)
    copies = _copies(docs)
    group_docs = {a.id: {cl[c].document for c in a.claims} for a in ref_groups}
    by_group_doc: dict[tuple[str, str], list[Claim]] = {}
    for a in ref_groups:
        for cid in a.claims:
            by_group_doc.setdefault((a.id, cl[cid].document), []).append(cl[cid])
    ids = {d.id for d in docs}
    by_doc = {d.id: d for d in docs}
    ref_tone = tone_words((cl[a.reference_claim or ""] for a in ref_groups), lexicon)
    flags: list[Flag] = []
    for doc in sorted(docs, key=lambda d: d.id):
        if doc.id == reference or doc.id in skip or (doc.duplicate_of in ids):
            continue
        also = (f" (also in republished copies: {', '.join(copies[doc.id])})"
                if doc.id in copies else "")
        mine = sorted((c for c in claims if c.document == doc.id),
                      key=lambda c: (c.span[0], c.id))
        last_aligned = max((n for n, a in enumerate(ref_groups)
                            if doc.id in group_docs[a.id]), default=-1)
        missing = [cl[a.reference_claim or ""] for a in ref_groups
                   if doc.id not in group_docs[a.id]]
        doc_tone = tone_words(mine, lexicon)
        within = _reported_within(
            [r for r in missing if r.document != doc.id and not r.event_statement
             and not languages_differ(by_doc[r.document], doc)],
            mine, in_ref_group, lexicon, config)
        for n, group in enumerate(ref_groups):
            ref = cl[group.reference_claim or ""]
            if ref.document == doc.id:
                continue
            members = by_group_doc.get((group.id, doc.id), [])
            if not members:
                if ref.event_statement or _minor(ref, lexicon, config):
                    continue
                if ref.id in within:
                    continue
                kind: FlagKind = ("possibly_truncated" if doc.truncated and n > last_aligned
                                  else "omission")
                detail = ("not reported (the text is truncated before it)"
                          if kind == "possibly_truncated" else "not reported")
                flags.append(_flag(event, doc, kind, None, ref, group, 0.8,
                                   f"{detail}: {_short(ref.text)}{also}", "omission",
                                   lexicon))
                continue
            best: tuple[int, Claim, list[tuple[str, str, str]]] | None = None
            across = languages_differ(by_doc[ref.document], doc)
            for m in members:
                found = (compare_across_languages(ref, m, lexicon) if across
                         else compare_pair(ref, m, lexicon, ref_tone, doc_tone))
                if found:
                    rank = PRIORITY.index(found[0][0])
                    if best is None or rank < best[0]:
                        best = (rank, m, found)
            if best is not None:
                _, m, found = best
                k, cls, detail = found[0]
                others = [d for kk, _, d in found[1:] if kk != k]
                if others:
                    detail += "; also " + "; ".join(dict.fromkeys(others))
                flags.append(_flag(event, doc, k, m, ref, group,  # type: ignore[arg-type]
                                   CONFIDENCE[k], detail + also, cls, lexicon))
        flags.extend(_additions(event, doc, mine, in_ref_group, ref_groups, cl, lexicon,
                                config, also, by_doc))
    return flags


def _additions(event: Event, doc: Document, mine: Sequence[Claim], in_ref_group: set[str],
               ref_groups: Sequence[Alignment], cl: Mapping[str, Claim], lexicon: Lexicon,
               config: MatchingConfig, inherit: str,
               by_doc: Mapping[str, Document]) -> list[Flag]:
    refs = [cl[a.reference_claim or ""] for a in ref_groups]
    off = _off_event(doc, mine, in_ref_group, refs, event, lexicon)
    loose = [c for c in mine if c.id not in in_ref_group and c.id not in off
             and not c.event_statement and not restates_contact(c, lexicon)
             and not _minor(c, lexicon, config, _addition_min_words(c, lexicon, config))]
    if not loose:
        return []
    grouped = [c for c in mine if c.id in in_ref_group]
    nl = [normalize(c.text, lexicon) for c in loose]
    restate = score_matrix(nl, [normalize(c.text, lexicon) for c in grouped], config)
    to_ref = score_matrix(nl, [normalize(c.text, lexicon) for c in refs], config)
    across = [j for j, r in enumerate(refs)
              if r.document in by_doc and languages_differ(by_doc[r.document], doc)]
    if across:
        # Closeness to reference claims in another language is their cosine.
        to_ref[:, across] = cross_scores([c.text for c in loose],
                                         [refs[j].text for j in across], config)
    # A claim whose content words all occur in the document's aligned claims
    # sums them up (a topic-list lede, a recap), it adds nothing.
    covered = frozenset().union(*(normalize(c.text, lexicon).stems for c in grouped))
    attr_words = _attribution_stems(lexicon)
    out = []
    for i, c in enumerate(loose):
        if restate.shape[1] and float(restate[i].max()) >= config.restatement_threshold:
            continue
        if covered and nl[i].stems - attr_words <= covered:
            continue
        closest = float(to_ref[i].max()) if to_ref.shape[1] else 0.0
        out.append(_flag(event, doc, "addition", c, None, None, round(1.0 - closest / 2, 3),
                         f"not in the reference: {_short(c.text)}{inherit}", None, lexicon))
    return out


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _flag(event: Event, doc: Document, kind: FlagKind, claim: Claim | None, ref: Claim | None,
          group: Alignment | None, score: float, detail: str, cls: str | None,
          lexicon: Lexicon) -> Flag:
    return Flag(
        id=flag_id(event, ref.text if ref else "", kind, doc, claim.text if claim else "",
                   lexicon),
        event=event.id, kind=kind, document=doc.id,
        claim=claim.id if claim else None, reference_claim=ref.id if ref else None,
        score=float(score), detail=detail, lexicon_class=cls,
        diff=word_diff(ref.text, claim.text) if ref and claim else (),
        alignment=group.id if group else None)

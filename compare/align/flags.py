"""Discrepancy flags of one event, per document, against the reference (the
flags stage: :func:`flag_event`).

For every compared document other than the reference (not for republished
copies, whose original's flags name them, nor for documents in another
language without a multilingual matcher, see :func:`uncompared_documents`):

* ``omission``: a reference claim group without a claim of the document (not
  for headline-like or attribution-only claims); ``possibly_truncated`` instead
  when the document is truncated and the claim comes after its last aligned
  claim in reference order;
* ``addition``: a claim in no reference group that is not a restatement of
  another claim of the same document;
* for a claim aligned with the reference claim, the most important
  discrepancy of the pair (:mod:`compare.align.discrepancies`):
  ``negation_or_hedge``, ``number_or_date_change``, ``attribution_change`` or
  ``wording_drift``.  A faithful paraphrase gets no flag.

Flag ids (:func:`flag_id`) are stable.  All word classes come from the lexicon
(rules/lexicon.yaml).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from compare.align.alignment import languages_differ, other_language
from compare.align.discrepancies import (
    PRIORITY,
    about_contact,
    compare_across_languages,
    compare_pair,
    names_contact,
    person_tokens,
    states_contact,
    tone_words,
)
from compare.align.lexicon import Lexicon, tokenize
from compare.align.matching import MatchingConfig
from compare.align.normalize import canonical_tokens, normalize, stem
from compare.align.scoring import cross_scores, score_matrix, shared_guard
from compare.align.worddiff import word_diff
from compare.core.models import Alignment, Claim, Document, Event, Flag, FlagKind

# Score of a flag of each kind of discrepancy.
CONFIDENCE = {"negation_or_hedge": 0.85, "number_or_date_change": 0.9,
              "attribution_change": 0.8, "wording_drift": 0.7}


def flag_id(event: Event, ref_text: str, kind: str, doc: Document, claim_text: str,
            lexicon: Lexicon) -> str:
    key = "\x1f".join((event.id, normalize(ref_text, lexicon).text if ref_text else "", kind,
                       doc.sha256 or doc.id, " ".join(claim_text.split())))
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=16)
def _attribution_stems(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(stem(w) for p in (*lexicon.attribution_verbs, *lexicon.attribution_official,
                                       *lexicon.attribution_anonymous) for w in p)


def _addition_min_words(claim: Claim, lexicon: Lexicon, config: MatchingConfig) -> int:
    """Content words a claim needs to be an addition: an outlet's own word for
    the tone of the talks ('called the conversation "very good"') is a claim
    with two, when it names the contact ("good evening" is no such claim)."""
    if tone_words([claim], lexicon) and names_contact(claim, lexicon):
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
    people = person_tokens(lexicon)
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
      (:data:`compare.align.discrepancies.PRIORITY`); the other discrepancies of
      the pair are named in its detail."""
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
    # tone words said of the talks elsewhere (not "the situation remains difficult")
    refs = [cl[a.reference_claim or ""] for a in ref_groups]
    ref_tone = tone_words((r for r in refs if about_contact(r, lexicon)), lexicon)
    flags: list[Flag] = []
    claims_of: dict[str, list[Claim]] = {}
    for c in claims:
        claims_of.setdefault(c.document, []).append(c)
    for doc in sorted(docs, key=lambda d: d.id):
        if doc.id == reference or doc.id in skip or (doc.duplicate_of in ids):
            continue
        also = (f" (also in republished copies: {', '.join(copies[doc.id])})"
                if doc.id in copies else "")
        mine = sorted(claims_of.get(doc.id, ()), key=lambda c: (c.span[0], c.id))
        last_aligned = max((n for n, a in enumerate(ref_groups)
                            if doc.id in group_docs[a.id]), default=-1)
        missing = [cl[a.reference_claim or ""] for a in ref_groups
                   if doc.id not in group_docs[a.id]]
        doc_tone = tone_words((c for c in mine if about_contact(c, lexicon)), lexicon)
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
             and not states_contact(c, lexicon)
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

"""Features of claims and flags for the fitted models of :mod:`compare.align.flagmodel`.

Every feature is a general property of a sentence and its place: where it
stands in the text, its grammar words (tense, attribution), the dates it names
relative to the event, how many other outlets say something like it, and for a
flag the evidence that raised it.  No phrase of any text is a feature.

* :func:`claim_context` / :func:`scope_features`: is the claim about the event?
* :func:`omission_features`, :func:`pair_features`, :func:`addition_features`:
  the evidence of one flag, prefixed by its family (``om_``, ``pr_``, ``ad_``)
  so that one logistic model fits each family its own weights;
  :func:`reference_features`: what the reference claim of an omission or a
  pair is (a finished sentence? the bare "X and Y spoke" line? relayed from a
  readout by the other outlets?);
* :func:`off_event`: the claims in paragraphs about another story.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
from attrs import frozen

from compare.align.discrepancies import names_contact, states_contact
from compare.align.lexicon import Lexicon, tokenize
from compare.align.matching import MatchingConfig
from compare.align.normalize import canonical_tokens, normalize
from compare.align.persons import person_tokens
from compare.align.scoring import score_matrix
from compare.core.models import Claim, Document, Event

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
# Grammar words of tense and mood (English auxiliaries; other languages have
# none of these features set, which the model reads as "no evidence").
_FUTURE = frozenset({"will", "would", "shall", "going", "plans", "plan", "expected"})
_PERFECT = frozenset({"had"})
_PRESENT_PERFECT = frozenset({"has", "have"})
_ATTRIBUTION_KINDS = ("official", "anonymous", "person", "outlet")


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _paragraphs(text: str) -> list[int]:
    """Start offsets of the paragraphs of a cleaned text (blank-line separated)."""
    return [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]


# Canonical tokens (lexicon synonyms) that name the contact itself.
_EVENT_WORDS = frozenset({"call", "telephone"})


def off_event(doc: Document, mine: Sequence[Claim], in_ref_group: set[str],
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


@frozen
class ClaimContext:
    """What the scope features of an event's claims need, computed once per event."""

    # claim id -> share of the other independent documents with a similar claim
    support: Mapping[str, float]
    # claim id -> highest similarity to a reference claim of another document
    ref_sim: Mapping[str, float]
    participants: frozenset[str]
    year: int | None
    aligned: frozenset[str]
    off_event: frozenset[str]


def claim_context(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                  aligned: set[str], refs: Sequence[Claim], off_event: set[str],
                  lexicon: Lexicon, config: MatchingConfig) -> ClaimContext:
    """One vectorised similarity pass over the event's claims."""
    by_id = {d.id: d for d in docs}
    root = {d.id: d.duplicate_of if d.duplicate_of in by_id else d.id for d in docs}
    body = [c for c in claims if c.document in by_id]
    norms = [normalize(c.text, lexicon) for c in body]
    support: dict[str, float] = {}
    ref_sim: dict[str, float] = {}
    if body:
        # Each distinct normalised text scored once (a claim's scores depend on
        # its text alone; a large event repeats its readout's sentences).
        index: dict[tuple[str, frozenset[str]], int] = {}
        inv = np.array([index.setdefault((n.text, n.stems), len(index)) for n in norms],
                       dtype=np.int64)
        first = np.unique(inv, return_index=True)[1]
        distinct = [norms[int(i)] for i in first]
        s = score_matrix(distinct, distinct, config) >= config.match_threshold
        # Distinct independent documents (roots) with a similar claim, as one
        # product: hits[t, r] counts text t's similar texts in root r.
        codes = {r: k for k, r in enumerate(sorted(set(root.values())))}
        mine = np.array([codes[root[c.document]] for c in body], dtype=np.int64)
        onehot = np.zeros((len(distinct), len(codes)), dtype=np.float32)
        onehot[inv, mine] = 1.0
        present = ((s.astype(np.float32) @ onehot) > 0)[inv]
        present[np.arange(len(body)), mine] = False
        others = present.sum(axis=1)
        n_roots = len(codes)
        for i, c in enumerate(body):
            support[c.id] = int(others[i]) / max(1, n_roots - 1)
        if refs:
            r = score_matrix(distinct, [normalize(x.text, lexicon) for x in refs], config)[inv]
            docs_of = {d: k for k, d in enumerate(by_id)}
            same = (np.array([docs_of[c.document] for c in body])[:, None]
                    == np.array([docs_of.get(x.document, -1) for x in refs])[None, :])
            r = np.where(same, 0.0, r)
            for i, c in enumerate(body):
                ref_sim[c.id] = float(r[i].max())
    people = person_tokens(lexicon)
    parts = {t for p in event.participants for t in canonical_tokens(p, lexicon) if t in people}
    parts |= {t for p in event.participants for t in tokenize(p) if len(t) > 2}
    return ClaimContext(support, ref_sim, frozenset(parts),
                        event.date.year if event.date else None, frozenset(aligned),
                        frozenset(off_event))


def scope_features(claim: Claim, doc: Document, ctx: ClaimContext,
                   lexicon: Lexicon) -> dict[str, float]:
    """Features of one claim for the scope model (all in 0..1 or small counts)."""
    toks = tokenize(claim.text)
    tokset = set(toks)
    canon = set(canonical_tokens(claim.text, lexicon))
    content = len(normalize(claim.text, lexicon).content)
    years = [int(y) for y in _YEAR.findall(claim.text)]
    letters = sum(ch.isalpha() for ch in claim.text)
    f = {
        "position": claim.span[0] / max(1, len(doc.text)),
        "sentence": min(claim.sentence, 30) / 30,
        "headline": float(claim.headline),
        "quoted": float(claim.quoted),
        "hedged": float(claim.hedged),
        "contact": float(names_contact(claim, lexicon)),
        "event_sentence": float(states_contact(claim, lexicon)),
        "participant": float(bool(canon & ctx.participants or tokset & ctx.participants)),
        "words": math.log1p(content),
        "other_year": float(bool(ctx.year and any(y != ctx.year for y in years))),
        "same_year": float(bool(ctx.year and ctx.year in years)),
        "future": float(bool(tokset & _FUTURE)),
        "past_perfect": float(bool(tokset & _PERFECT)),
        "present_perfect": float(bool(tokset & _PRESENT_PERFECT)),
        "lower_start": float(claim.text.strip()[:1].islower()),
        "letters": letters / max(1, len(claim.text)),
        "support": ctx.support.get(claim.id, 0.0),
        "ref_sim": ctx.ref_sim.get(claim.id, 0.0),
        "aligned": float(claim.id in ctx.aligned),
        "off_paragraph": float(claim.id in ctx.off_event),
        "truncated_doc": float(doc.truncated),
    }
    for kind in _ATTRIBUTION_KINDS:
        f[f"attr_{kind}"] = float(claim.attribution_kind == kind)
    return f


def omission_features(event: Event, doc: Document, ref: Claim, n: int, n_groups: int,
                      last_aligned: int, group_share: float, doc_share: float,
                      lexicon: Lexicon) -> dict[str, float]:
    """Evidence of an omission (or possibly_truncated) flag: the reference claim's
    weight (how many documents carry it, how long it is), where it stands in the
    reference, and how much of the reference the document reports at all."""
    return {
        "om": 1.0,
        "om_primary": float(event.reference_basis == "primary"),
        "om_group_share": group_share,
        "om_doc_share": doc_share,
        "om_ref_position": n / max(1, n_groups - 1),
        "om_after_last": float(n > last_aligned),
        "om_truncated": float(doc.truncated),
        "om_ref_words": math.log1p(len(normalize(ref.text, lexicon).content)),
        "om_ref_quoted": float(ref.quoted),
        "om_doc_length": min(len(doc.text), 20000) / 20000,
    }


_PAIR_CLASSES = ("tone", "modality", "subject", "scope", "negation", "hedge", "attribution",
                 "date", "number")
_PAIR_KINDS = ("wording_drift", "number_or_date_change", "attribution_change",
               "negation_or_hedge")


def pair_features(event: Event, kind: str, cls: str, ref: Claim, claim: Claim, similarity: float,
                  n_found: int, group_share: float) -> dict[str, float]:
    """Evidence of a discrepancy between an aligned claim and its reference claim."""
    f = {
        "pr": 1.0,
        "pr_primary": float(event.reference_basis == "primary"),
        "pr_similarity": similarity,
        "pr_headline": float(ref.headline or claim.headline),
        "pr_quoted": float(claim.quoted),
        "pr_ref_quoted": float(ref.quoted),
        "pr_found": float(min(n_found, 4)),
        "pr_group_share": group_share,
    }
    for k in _PAIR_KINDS:
        f[f"pr_kind_{k}"] = float(kind == k)
    for c in _PAIR_CLASSES:
        f[f"pr_class_{c}"] = float(cls == c)
    return f


def addition_features(event: Event, scope: Mapping[str, float], scope_p: float,
                      closest: float) -> dict[str, float]:
    """Evidence of an addition: the scope model's probability and features,
    and how close the claim comes to any reference claim."""
    f = {f"ad_{k}": v for k, v in scope.items()}
    f.update(ad=1.0, ad_scope=scope_p, ad_closest=closest,
             ad_primary=float(event.reference_basis == "primary"))
    return f


# What may close a sentence or a clause (a claim's text usually stops before
# its full stop; the text after its span shows how it ended).
_CLOSERS = frozenset(".!?…:;,\"'”’»)]")


def unfinished(claim: Claim, doc: Document) -> bool:
    """True when the claim's sentence is left unfinished: nothing but the end of
    its line (or of the text) follows it and it does not end in punctuation
    (an excerpt cut mid-word, a line that ran on into a list).  Titles are
    never unfinished."""
    text = claim.text.rstrip()
    if not text or claim.headline or text[-1] in _CLOSERS:
        return False
    rest = doc.text[claim.span[1]:].split("\n", 1)[0].strip()
    return not rest


def reference_features(prefix: str, ref: Claim, ref_doc: Document | None,
                       members: Sequence[Claim], lexicon: Lexicon,
                       scope_p: float) -> dict[str, float]:
    """What the reference claim of an omission (``om``) or a pair (``pr``) is:
    a right flag needs a reference claim that is a claim about the event.

    ``members``: the claims of the reference claim's group (the reference's
    own included); ``relayed`` is the share of the other members credited to
    an official source or quoted (outlets relaying a readout);
    ``scope_p`` is the scope model's probability for the reference claim."""
    others = [m for m in members if m.id != ref.id]
    relayed = sum(m.attribution_kind == "official" or m.quoted for m in others)
    toks = set(tokenize(ref.text))
    return {
        f"{prefix}_ref_unfinished": float(ref_doc is not None and unfinished(ref, ref_doc)),
        f"{prefix}_ref_contact": float(names_contact(ref, lexicon)),
        f"{prefix}_ref_official": float(ref.attribution_kind == "official"),
        f"{prefix}_ref_both": float(ref.speaker == "both"),
        f"{prefix}_ref_sentence": min(ref.sentence, 30) / 30,
        f"{prefix}_ref_past_perfect": float(bool(toks & _PERFECT)),
        f"{prefix}_ref_primary_doc": float(ref_doc is not None
                                           and ref_doc.outlet_role == "primary"),
        f"{prefix}_ref_scope": scope_p,
        f"{prefix}_group_relayed": relayed / max(1, len(others)),
    }


def doc_closest(prefix: str, lexical: np.ndarray, cosine: np.ndarray) -> dict[str, float]:
    """How close the document's nearest claim comes to a reference claim it is
    said to omit (word overlap and embedding cosine): a near miss of the
    alignment is likely a claim the document states in other words."""
    return {f"{prefix}_doc_closest": float(lexical.max(initial=0.0)),
            f"{prefix}_doc_cosine": float(cosine.max(initial=0.0))}

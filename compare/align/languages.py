"""Helpers of the alignment shared by its methods: which claims align, the
original of a duplicate, the reference document and the language checks
(which documents can be compared with the others)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.core.models import Claim, Document, Event


def reading(claim: Claim) -> str:
    """The claim as alignment reads it: a list item with the subject and predicate it
    shares (``claim.context``: "They discussed" + "fisheries"), else its text."""
    return f"{claim.context} {claim.text}" if claim.context else claim.text


def _alignable(claim: Claim, config: MatchingConfig) -> bool:
    return len(claim.text.strip()) >= config.min_claim_chars


def _root(doc: Document, by_id: Mapping[str, Document]) -> str:
    """The original of a duplicate (duplicates count once)."""
    seen: set[str] = set()
    while doc.duplicate_of and doc.duplicate_of in by_id and doc.id not in seen:
        seen.add(doc.id)
        doc = by_id[doc.duplicate_of]
    return doc.id


def find_reference(event: Event, docs: Sequence[Document]) -> str | None:
    """The primary document of the event, if any."""
    ids = {d.id for d in docs}
    if event.reference and event.reference in ids:
        return event.reference
    primaries = sorted(d.id for d in docs if d.outlet_role == "primary" and not d.duplicate_of)
    return primaries[0] if primaries else None


UNKNOWN_LANGUAGES = frozenset({"", "und", "unknown"})


def reference_language(event: Event, docs: Sequence[Document]) -> str | None:
    """The language claims are compared in: the reference document's, else the
    most common one among the independent documents (ties: the language of the
    first such document by id); None when unknown."""
    by_id = {d.id: d for d in docs}
    if event.reference and event.reference in by_id:
        lang = by_id[event.reference].language
        return None if lang in UNKNOWN_LANGUAGES else lang
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for n, d in enumerate(sorted(docs, key=lambda d: d.id)):
        if (d.duplicate_of and d.duplicate_of in by_id) or d.language in UNKNOWN_LANGUAGES:
            continue
        counts[d.language] = counts.get(d.language, 0) + 1
        first.setdefault(d.language, n)
    if not counts:
        return None
    return max(counts, key=lambda lang: (counts[lang], -first[lang]))


def cross_lingual(config: MatchingConfig) -> bool:
    """True when claims in different languages can be matched: comparison
    across languages is on (``embedding.cross_language``), the embedding model
    is installed and it is multilingual (``embed.is_multilingual(model)`` when
    it can tell from the package, else ``embedding.multilingual`` in
    matching.yaml).  The same-language ``embedding.weight`` plays no part."""
    if not config.cross_language:
        return False
    from compare.align import embed

    if not embed.available(config.embedding_model):
        return False
    known = embed.is_multilingual(config.embedding_model)
    return config.embedding_multilingual if known is None else known


def known_language(doc: Document) -> str | None:
    """The document's language, None when unsure ("und")."""
    return None if doc.language in UNKNOWN_LANGUAGES else doc.language


def languages_differ(a: Document, b: Document) -> bool:
    """Both languages known and different: the pair is compared by embedding."""
    la, lb = known_language(a), known_language(b)
    return la is not None and lb is not None and la != lb


def other_language(event: Event, docs: Sequence[Document],
                   config: MatchingConfig) -> dict[str, str]:
    """Documents in another language than the reference's that cannot be
    matched (no multilingual embedding model): doc id -> their language."""
    if cross_lingual(config):
        return {}
    lang = reference_language(event, docs)
    if lang is None:
        return {}
    return {d.id: d.language for d in docs
            if d.language not in UNKNOWN_LANGUAGES and d.language != lang
            and d.id != event.reference}


def best_supported_primary(event: Event, by_id: Mapping[str, Document], roots: Mapping[str, str],
                           claims: Sequence[Claim], groups: Sequence[Sequence[Claim]]) -> str | None:
    """The reference of an event with two or more independent primary readouts
    (the pages of both governments): the one whose claims the other outlets
    support most, i.e. the highest mean, over its claims, of the number of
    independent non-primary documents in the claim's group (``groups``: the
    claim groups of the event, each claim once).  The other readout's claims
    count for neither: the readouts are the candidates, the outlets decide.
    Ties keep ``event.reference`` (the events stage's choice: the earliest
    published, then the longest).  With fewer than two primaries the event's
    reference as it is."""
    primaries = sorted(d for d in by_id if by_id[d].outlet_role == "primary" and roots[d] == d)
    if len(primaries) < 2:
        return event.reference
    candidates = set(primaries)
    own: dict[str, int] = dict.fromkeys(primaries, 0)
    for c in claims:
        if c.document in own:
            own[c.document] += 1
    backing: dict[str, int] = dict.fromkeys(primaries, 0)
    for grp in groups:
        docs = {roots[c.document] for c in grp if c.document in roots}
        outlets = len(docs - candidates)
        for p in docs & candidates:
            backing[p] += outlets
    current = event.reference if event.reference in candidates else primaries[0]
    return max(primaries, key=lambda p: (backing[p] / max(1, own[p]), p == current))


def choose_pair_reference(docs: Sequence[Document]) -> str:
    """The reference of an event reported by two independent documents and no
    primary source (a majority of two means nothing): the earlier published,
    then the longer text, then the smaller id."""
    def key(d: Document) -> tuple[bool, int, int, str]:
        return (d.published is None, d.published.toordinal() if d.published else 0,
                -len(d.text), d.id)

    return min(docs, key=key).id


def _group_type(grp: Sequence[Claim], ref_claim: Claim | None) -> str:
    """A label for the report (claim types do not steer the alignment)."""
    if ref_claim is not None:
        return ref_claim.type
    counts: dict[str, int] = {}
    for c in grp:
        counts[c.type] = counts.get(c.type, 0) + 1
    return max(sorted(counts), key=lambda t: counts[t])


def _relays_official(doc: Document, lexicon: Lexicon) -> bool:
    official = {" ".join(p) for p in lexicon.attribution_official}
    return any(r.lower() in official for r in doc.relays)


def event_documents(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                    config: MatchingConfig
                    ) -> tuple[dict[str, Document], list[Claim], dict[str, int], list[str], dict[str, str]]:
    """What both alignment methods start from: the documents compared (without
    those in another language when no multilingual model is installed, see
    :func:`other_language`) by id, their claims, each document's position in
    the event, the document ids in that order, and each document's root (the
    original of a republished copy)."""
    foreign = {} if cross_lingual(config) else other_language(event, docs, config)
    by_id = {d.id: d for d in docs if d.id not in foreign}
    kept = [c for c in claims if c.document not in foreign]
    order = {d: i for i, d in enumerate(event.documents)}
    doc_ids = sorted({c.document for c in kept if c.document in by_id} | set(by_id),
                     key=lambda d: (order.get(d, len(order)), d))
    roots = {d: _root(by_id[d], by_id) for d in doc_ids}
    return by_id, kept, order, doc_ids, roots


def pivot_applies(event: Event, docs: Sequence[Document], config: MatchingConfig) -> bool:
    """Whether ``alignment.method`` runs the pivot alignment for this event:
    always under ``pivot``; under ``auto`` when the event has a primary readout
    and at least ``alignment.pivot_language_share`` of its independent documents
    are written in the readout's language (an unknown language counts as that
    language).  The pivot matches every document one-to-one against the readout
    only; a document in another language meets it by embedding cosine alone and
    never meets the other documents, so an event told mostly in other languages
    is clustered across all its documents (graph) instead.  Without a
    multilingual model those documents are left out (:func:`other_language`), so
    the pivot applies."""
    if config.align_method != "auto":
        return config.align_method == "pivot"
    reference = find_reference(event, docs)
    if reference is None:
        return False
    if not cross_lingual(config):
        return True
    by_id = {d.id: d for d in docs}
    lang = known_language(by_id[reference])
    independent = [d for d in docs if not (d.duplicate_of and d.duplicate_of in by_id)]
    if lang is None or not independent:
        return True
    same = sum(1 for d in independent if known_language(d) in (None, lang))
    return same / len(independent) >= config.align_pivot_language_share - 1e-9


def reference_basis(event: Event, by_id: Mapping[str, Document], doc_ids: Sequence[str],
                    roots: Mapping[str, str]) -> tuple[Event, str | None, list[str]]:
    """The event with its reference and ``reference_basis`` set, the reference
    document (None without one) and the independent documents.  The primary
    readout when there is one; with two outlets and no primary source one of
    them stands for the reference (basis "majority" with ``event.reference``
    set); otherwise no reference document (basis "majority")."""
    reference = find_reference(event, list(by_id.values()))
    independent = [d for d in doc_ids if roots[d] == d] or list(doc_ids)
    if reference is not None:
        return attrs.evolve(event, reference=reference, reference_basis="primary"), reference, independent
    if len(independent) == 2:
        reference = choose_pair_reference([by_id[d] for d in independent])
        return attrs.evolve(event, reference=reference, reference_basis="majority"), reference, independent
    return attrs.evolve(event, reference=None, reference_basis="majority"), None, independent

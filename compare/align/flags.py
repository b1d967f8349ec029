"""Discrepancy flags of one event, per document, against the reference (the
flags stage: :func:`flag_event`).

For every compared document other than the reference (not for republished
copies, whose original's flags name them, nor for documents in another
language without a multilingual matcher, see :func:`uncompared_documents`):

* ``omission``: a reference claim group without a claim of the document (not
  for headline-like or attribution-only claims); ``possibly_truncated`` instead
  when the document is truncated (whatever it lacks may follow the cut);
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

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

import attrs
import numpy as np

from compare.align.alignment import languages_differ, other_language
from compare.align.discrepancies import (
    PRIORITY,
    about_contact,
    compare_across_languages,
    compare_pair,
    content_cover,
    names_contact,
    states_contact,
    tone_words,
)
from compare.align.elsewhere import ElsewhereIndex, figure_stated
from compare.align.flagagree import add_agreement
from compare.align.flagevidence import add_evidence
from compare.align.flagfeatures import (
    addition_features,
    claim_context,
    doc_closest,
    off_event,
    omission_features,
    pair_features,
    reference_features,
    scope_features,
)
from compare.align.flagmodel import FlagModel, default_flag_model
from compare.align.languages import _root
from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.align.normalize import normalize, stem
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


def _reported_within(refs: Sequence[Claim], mine: Sequence[Claim], in_ref_group: set[str],
                     lexicon: Lexicon, config: MatchingConfig) -> set[str]:
    """Ids of the reference claims that are reported, split differently: an
    aligned claim of the document also says it (a lede that lists several
    topics of the readout) - it scores at least the match threshold with it,
    passes the shared-words guard and holds at least ``omission_cover`` of its
    content stems (:func:`compare.align.discrepancies.content_cover`).  One
    vectorised pass per document."""
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
        if r.stems and content_cover(r.stems, norms[int(j)].stems,
                                     lexicon) >= config.omission_cover:
            out.add(refs[int(i)].id)
    return out



def _copies(docs: Sequence[Document]) -> dict[str, list[str]]:
    """Original document id -> ids of its republished copies within ``docs``."""
    by_id = {d.id: d for d in docs}
    out: dict[str, list[str]] = {}
    for d in sorted(docs, key=lambda d: d.id):
        if d.duplicate_of and d.duplicate_of in by_id:
            out.setdefault(_root(d, by_id), []).append(d.id)
    return out


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
               config: MatchingConfig, model: FlagModel | None = None) -> list[Flag]:
    """All flags of one event (pure; stable ids), each scored with the
    calibrated probability of being right (``model.confidence``, see
    :mod:`compare.align.flagmodel`; ``model`` defaults to the shipped one)."""
    model = default_flag_model() if model is None else model
    out = []
    for flag, features in flag_event_features(event, docs, claims, alignments, lexicon, config,
                                              model):
        if model.confidence is not None:
            flag = attrs.evolve(flag, score=round(model.confidence.predict(features), 3))
        out.append(flag)
    return out


def event_scope_features(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                         alignments: Sequence[Alignment], lexicon: Lexicon,
                         config: MatchingConfig) -> dict[str, dict[str, float]]:
    """The scope features (:func:`compare.align.flagfeatures.scope_features`) of
    every claim of the event's compared documents, as the flags stage computes
    them (for ``benchmarks/fit_flags.py``)."""
    if event.reference_basis == "none":
        return {}
    cl = {c.id: c for c in claims}
    ref_groups = [a for a in alignments if a.reference_claim in cl]
    in_ref_group = {cid for a in ref_groups for cid in a.claims}
    refs = [cl[a.reference_claim or ""] for a in ref_groups]
    skip = uncompared_documents(event, docs, lexicon, config)
    kept = [d for d in docs if d.id not in skip]
    ctx = claim_context(event, kept, claims, in_ref_group, refs, set(), lexicon, config)
    out: dict[str, dict[str, float]] = {}
    for doc in kept:
        mine = sorted((c for c in claims if c.document == doc.id),
                      key=lambda c: (c.span[0], c.id))
        off = off_event(doc, mine, in_ref_group, refs, event, lexicon)
        here = attrs.evolve(ctx, off_event=frozenset(off))
        out.update({c.id: scope_features(c, doc, here, lexicon) for c in mine})
    return out


def flag_event_features(event: Event, docs: Sequence[Document], claims: Sequence[Claim],
                        alignments: Sequence[Alignment], lexicon: Lexicon,
                        config: MatchingConfig, model: FlagModel,
                        ) -> list[tuple[Flag, dict[str, float]]]:
    """The flags of one event with the features of each (for the confidence
    model and for ``benchmarks/fit_flags.py``); scores are the rule scores.

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
    compared = [d for d in docs
                if d.id != reference and d.id not in skip and d.duplicate_of not in ids]
    n_compared = max(1, len(compared) + (1 if reference else 0))
    ctx = claim_context(event, [d for d in docs if d.id not in skip], claims, in_ref_group,
                        refs, set(), lexicon, config)
    ref_scope: dict[str, float] = {}

    # a reference group's members, whether they relay it and its features, once
    # per group (not once per document: groups of a large event are large)
    group_of = {a.id: [cl[c] for c in a.claims] for a in ref_groups}
    relayed = {a.id: _relayed(cl[a.reference_claim or ""], group_of[a.id]) for a in ref_groups}
    ref_memo: dict[tuple[str, str], dict[str, float]] = {}

    def ref_feats(prefix: str, ref: Claim, members: Sequence[Claim],
                  group: str | None = None) -> dict[str, float]:
        if group is not None and (prefix, group) in ref_memo:
            return ref_memo[prefix, group]
        rdoc = by_doc.get(ref.document)
        if ref.id not in ref_scope:
            ref_scope[ref.id] = (model.scope_probability(scope_features(ref, rdoc, ctx, lexicon))
                                 if rdoc is not None else 0.0)
        out = reference_features(prefix, ref, rdoc, members, lexicon, ref_scope[ref.id])
        if group is not None:
            ref_memo[prefix, group] = out
        return out

    # claim -> share of the outlets in its group, for groups without a reference claim
    unref_share = {c: min(1.0, len({cl[x].document for x in a.claims if x in cl}) / n_compared)
                   for a in alignments if a.reference_claim is None for c in a.claims}
    ref_norms = [normalize(r.text, lexicon) for r in refs]
    # the claims of the event's other independent documents (not a document's
    # republished copies, which repeat it), indexed once for every document
    elsewhere = ElsewhereIndex(claims, {d.id: _root(d, by_doc) for d in docs}, lexicon, config)
    flags: list[tuple[Flag, dict[str, float]]] = []
    # compared document -> (cut while reporting the event, its claims in text
    # order, share of the reference groups it reports)
    doc_state: dict[str, tuple[bool, list[Claim], float]] = {}
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
        off = off_event(doc, mine, in_ref_group, refs, event, lexicon)
        here = attrs.evolve(ctx, off_event=frozenset(off))
        scope = {c.id: scope_features(c, doc, here, lexicon) for c in mine}
        # About the event: aligned with the reference, or outside the
        # paragraphs about other stories and (scope model) about the event.
        about = {c.id for c in mine if c.id in in_ref_group or (
            c.id not in off and model.in_scope(scope[c.id]))}
        cut_reporting = doc.truncated and _cut_while_reporting(mine, about)
        doc_share = (sum(1 for a in ref_groups if doc.id in group_docs[a.id])
                     / max(1, len(ref_groups)))
        doc_state[doc.id] = (cut_reporting, mine, doc_share)
        to_refs = (score_matrix([normalize(c.text, lexicon) for c in mine], ref_norms, config)
                   if mine and ref_norms else np.zeros((len(mine), len(ref_norms))))
        row_of = {c.id: i for i, c in enumerate(mine)}
        cos_refs = cross_scores([c.text for c in mine], [r.text for r in refs], config)
        within = _reported_within(
            [r for r in missing if r.document != doc.id and not r.event_statement
             and not languages_differ(by_doc[r.document], doc)],
            mine, in_ref_group, lexicon, config)
        paired: set[str] = set()  # claims carrying a figure of a missing reference claim
        for n, group in enumerate(ref_groups):
            ref = cl[group.reference_claim or ""]
            if ref.document == doc.id:
                continue
            members = by_group_doc.get((group.id, doc.id), [])
            if not members:
                if ref.event_statement or _minor(ref, lexicon, config):
                    continue
                if not model.carried(event.reference_basis == "primary", relayed[group.id],
                                     len(group_docs[group.id]) / n_compared):
                    continue
                carriers = figure_stated(ref, by_doc[ref.document].language, mine,
                                         doc.language, lexicon)
                paired |= carriers
                if ref.id in within or carriers:
                    continue
                # a cut text is not blamed for what may follow the cut (issue 14)
                kind: FlagKind = "possibly_truncated" if doc.truncated else "omission"
                detail = ("not reported (the text is truncated before it)"
                          if kind == "possibly_truncated" else "not reported")
                feats = omission_features(
                    event, doc, ref, n, len(ref_groups), last_aligned,
                    min(1.0, len(group_docs[group.id]) / n_compared), doc_share, lexicon)
                feats.update(om_cut_reporting=float(cut_reporting),
                             om_event_docs=math.log1p(n_compared),
                             om_doc_claims=math.log1p(len(mine)),
                             **doc_closest("om", to_refs[:, n], cos_refs[:, n]),
                             **ref_feats("om", ref, group_of[group.id], group.id))
                flags.append((_flag(event, doc, kind, None, ref, group, 0.8,
                                    f"{detail}: {_short(ref.text)}{also}", "omission",
                                    lexicon), feats))
                continue
            best: tuple[int, Claim, list[tuple[str, str, str]]] | None = None
            across = languages_differ(by_doc[ref.document], doc)
            for m in members:
                found = _not_the_contact(ref, m, (
                    compare_across_languages(ref, m, lexicon, by_doc[ref.document].language,
                                             doc.language)
                    if across else compare_pair(ref, m, lexicon, ref_tone, doc_tone,
                                                language=doc.language)))
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
                sim = float(score_matrix([normalize(ref.text, lexicon)],
                                         [normalize(m.text, lexicon)], config)[0, 0])
                feats = pair_features(event, k, cls, ref, m, sim, len(found),
                                      min(1.0, len(group_docs[group.id]) / n_compared))
                sims = to_refs[row_of[m.id]]
                feats.update(pr_doc_share=doc_share, pr_event_docs=math.log1p(n_compared),
                             pr_doc_claims=math.log1p(len(mine)),
                             pr_truncated=float(doc.truncated),
                             pr_scope=model.scope_probability(scope[m.id]),
                             # how much closer the claim is to its reference
                             # claim than to any other (a wrong pairing scores low)
                             pr_margin=sim - float(np.delete(sims, n).max(initial=0.0)),
                             **ref_feats("pr", ref, group_of[group.id], group.id))
                flags.append((_flag(event, doc, k, m, ref, group,  # type: ignore[arg-type]
                                    CONFIDENCE[k], detail + also, cls, lexicon), feats))
        loose_mine = [c for c in mine if c.id not in paired or c.id in in_ref_group]
        for flag, feats in _additions(event, doc, loose_mine, in_ref_group, ref_groups, cl,
                                      lexicon, config, also, by_doc, scope, about, model, elsewhere):
            feats.update(ad_doc_share=doc_share, ad_event_docs=math.log1p(n_compared),
                         ad_doc_claims=math.log1p(len(mine)),
                         # other outlets say it too, in a group without a reference claim
                         ad_group_share=unref_share.get(flag.claim or "", 0.0))
            flags.append((flag, feats))
    if event.reference_basis == "majority":
        flags.extend(_unreferenced(event, docs, alignments, cl, skip, copies, lexicon, config,
                                   n_compared, doc_state, ref_feats, model))
    add_evidence(event, docs, claims, alignments, flags, lexicon, config)
    return add_agreement(event, docs, claims, alignments, flags, config)


def _not_the_contact(ref: Claim, claim: Claim, found: list[tuple[str, str, str]]
                     ) -> list[tuple[str, str, str]]:
    """The discrepancies of a pair without a changed figure when one of the two
    claims is an event statement: its figures say at what time and how long
    the contact was (a clock time, a duration, the outlet's own time zone), not
    a figure of what was said, and the other claim packs the contact with
    other news.  A changed date of the contact is still flagged."""
    if ref.event_statement or claim.event_statement:
        return [f for f in found if f[:2] != ("number_or_date_change", "number")]
    return found


def _relayed(ref: Claim, members: Sequence[Claim]) -> bool:
    """Whether another outlet of the group credits the claim to an official
    source or quotes it (it relays a readout, not an outlet's own words)."""
    return any(m.attribution_kind == "official" or m.quoted
               for m in members if m.id != ref.id)


def group_reference(members: Sequence[Claim], by_doc: Mapping[str, Document],
                    lexicon: Lexicon, config: MatchingConfig) -> Claim:
    """The reference claim of a group that has none: the wording most of its
    documents support (highest summed similarity to the other members), a
    primary readout's claim first."""
    norms = [normalize(c.text, lexicon) for c in members]
    s = score_matrix(norms, norms, config)
    total = s.sum(axis=1) - np.diag(s)

    def key(i: int) -> tuple[bool, float, str]:
        doc = by_doc.get(members[i].document)
        return (doc is not None and doc.outlet_role == "primary", float(total[i]), members[i].id)

    return members[max(range(len(members)), key=key)]


# Outlets a claim group without a reference claim needs before the documents
# without it get omissions.  benchmarks/fit_flags.py on realdev (e20170502, 11
# outlets): of the omissions for groups carried by 2 outlets 0 of 27 were
# right, by 3 or more 12 of 30.
_UNREFERENCED_OMISSION_MIN = 3


def _unreferenced(event: Event, docs: Sequence[Document], alignments: Sequence[Alignment],
                  cl: Mapping[str, Claim], skip: Mapping[str, str],
                  copies: Mapping[str, list[str]], lexicon: Lexicon, config: MatchingConfig,
                  n_compared: int, doc_state: Mapping[str, tuple[bool, list[Claim], float]],
                  ref_feats: Callable[[str, Claim, Sequence[Claim]], dict[str, float]],
                  model: FlagModel | None = None,
                  ) -> list[tuple[Flag, dict[str, float]]]:
    """Discrepancies within claim groups that have no reference claim (fewer
    outlets than the majority carry them, no primary source): each member is
    compared with the group's most supported wording (:func:`group_reference`).
    When most members differ from that wording, every flag says that the
    outlets disagree on the claim.  A compared document without the claim
    gets an omission (``possibly_truncated`` when cut while reporting): most
    outlets not reporting it makes that omission unlikely to matter, which
    its features (``om_unreferenced``, ``om_group_share``) give the
    confidence model."""
    in_any = {c for a in alignments for c in a.claims}
    by_doc = {d.id: d for d in docs}
    ids = set(by_doc)
    out: list[tuple[Flag, dict[str, float]]] = []
    missing: list[tuple[Alignment, Claim, list[Claim], int, str]] = []
    for group in alignments:
        if group.reference_claim is not None:
            continue
        members = [cl[c] for c in group.claims if c in cl and cl[c].document in by_doc
                   and cl[c].document not in skip and by_doc[cl[c].document].duplicate_of not in ids]
        if len({c.document for c in members}) < 2:
            continue
        ref = group_reference(members, by_doc, lexicon, config)
        found_by: list[tuple[Claim, list[tuple[str, str, str]]]] = []
        for doc_id in sorted({c.document for c in members} - {ref.document}):
            best: tuple[int, Claim, list[tuple[str, str, str]]] | None = None
            for m in (c for c in members if c.document == doc_id):
                if languages_differ(by_doc[ref.document], by_doc[doc_id]):
                    found = compare_across_languages(ref, m, lexicon,
                                                     by_doc[ref.document].language,
                                                     by_doc[doc_id].language)
                else:
                    found = compare_pair(ref, m, lexicon, language=by_doc[doc_id].language)
                found = _not_the_contact(ref, m, found)
                if found and (best is None or PRIORITY.index(found[0][0]) < best[0]):
                    best = (PRIORITY.index(found[0][0]), m, found)
            if best is not None:
                found_by.append((best[1], best[2]))
        others = len({c.document for c in members}) - 1
        disagree = len(found_by) * 2 > others
        share = min(1.0, len({c.document for c in members}) / max(1, n_compared))
        for m, found in found_by:
            k, cls, detail = found[0]
            doc = by_doc[m.document]
            also = (f" (also in republished copies: {', '.join(copies[doc.id])})"
                    if doc.id in copies else "")
            note = (f"; the outlets disagree on this claim ({len(found_by)} of {others} "
                    "differ from the wording most of them use)" if disagree else
                    "; compared with the wording most outlets carrying the claim use")
            sim = float(score_matrix([normalize(ref.text, lexicon)],
                                     [normalize(m.text, lexicon)], config)[0, 0])
            feats = pair_features(event, k, cls, ref, m, sim, len(found), share)
            feats.update(pr_unreferenced=1.0, pr_disagree=float(disagree),
                         pr_event_docs=math.log1p(n_compared), pr_truncated=float(doc.truncated),
                         **ref_feats("pr", ref, members))
            out.append((_flag(event, doc, k, m, ref, group,  # type: ignore[arg-type]
                              CONFIDENCE[k], detail + note + also, cls, lexicon), feats))
        have = {c.document for c in members}
        if (len(have) < _UNREFERENCED_OMISSION_MIN or ref.event_statement or ref.headline
                or _minor(ref, lexicon, config)
                or (model is not None
                    and not model.carried(False, _relayed(ref, members), share))):
            continue
        for doc_id in sorted(doc_state):
            if doc_id not in have and not languages_differ(by_doc[ref.document], by_doc[doc_id]):
                missing.append((group, ref, members, len(have), doc_id))
    # The omission candidates, checked and scored in one vectorised pass per
    # document (not one per group and document).
    refs_of: dict[str, dict[str, Claim]] = {}
    for _, ref, _, _, doc_id in missing:
        refs_of.setdefault(doc_id, {})[ref.id] = ref
    within: dict[str, set[str]] = {}
    closest: dict[tuple[str, str], dict[str, float]] = {}
    for doc_id, by_ref in refs_of.items():
        mine = doc_state[doc_id][1]
        rlist = list(by_ref.values())
        within[doc_id] = _reported_within(rlist, mine, in_any, lexicon, config)
        lex = score_matrix([normalize(c.text, lexicon) for c in mine],
                           [normalize(r.text, lexicon) for r in rlist], config)
        cos = cross_scores([c.text for c in mine], [r.text for r in rlist], config)
        for j, r in enumerate(rlist):
            closest[doc_id, r.id] = doc_closest("om", lex[:, j], cos[:, j])
    for group, ref, members, n_have, doc_id in missing:
        cut_reporting, mine, doc_share = doc_state[doc_id]
        if ref.id in within[doc_id] or figure_stated(ref, by_doc[ref.document].language, mine,
                                                     by_doc[doc_id].language, lexicon):
            continue
        doc = by_doc[doc_id]
        kind: FlagKind = "possibly_truncated" if doc.truncated else "omission"
        also = (f" (also in republished copies: {', '.join(copies[doc.id])})"
                if doc.id in copies else "")
        detail = ("not reported (the text is truncated before it)" if doc.truncated
                  else "not reported") + f" ({n_have} of {n_compared} outlets report it)"
        share = min(1.0, n_have / max(1, n_compared))
        feats = omission_features(event, doc, ref, 0, 1, 0, share, doc_share, lexicon)
        feats.update(closest[doc_id, ref.id])
        feats.update(om_unreferenced=1.0, om_cut_reporting=float(cut_reporting),
                     om_event_docs=math.log1p(n_compared), om_doc_claims=math.log1p(len(mine)),
                     om_ref_position=0.0, om_after_last=0.0, **ref_feats("om", ref, members))
        out.append((_flag(event, doc, kind, None, ref, group, 0.5,
                          f"{detail}: {_short(ref.text)}{also}", "omission", lexicon), feats))
    return out


# How many of a truncated text's last body claims are looked at: one of them
# about the event means the excerpt was cut while still reporting it.
_TAIL_CLAIMS = 2


def _cut_while_reporting(mine: Sequence[Claim], about: set[str]) -> bool:
    """A truncated text cut while it still reports the event (one of its last
    body claims is aligned with the reference or about the event).  A feature
    of the confidence model (``om_cut_reporting``); every claim a truncated
    text lacks is ``possibly_truncated`` either way (issue 14: the excerpt is
    not blamed for what may follow the cut; blaming a text that had moved on
    to other news before the cut put 4 false omissions on worldset's gold
    truncated pairs and changed nothing on realdev or the devset)."""
    body = [c for c in mine if not c.headline]
    return any(c.id in about for c in body[-_TAIL_CLAIMS:])


def _additions(event: Event, doc: Document, mine: Sequence[Claim], in_ref_group: set[str],
               ref_groups: Sequence[Alignment], cl: Mapping[str, Claim], lexicon: Lexicon,
               config: MatchingConfig, inherit: str,
               by_doc: Mapping[str, Document], scope: Mapping[str, dict[str, float]],
               about: set[str], model: FlagModel, elsewhere: ElsewhereIndex | None = None,
               ) -> list[tuple[Flag, dict[str, float]]]:
    """Claims of the document in no reference group that are about the event
    (``about``: the scope model, see :mod:`compare.align.flagmodel`) and that
    no other independent document of the event also makes (``elsewhere``:
    the event's claims; ``model.said_elsewhere``): a claim several outlets carry
    is the shared news of the event that alignment failed to group with the
    reference, or shared background, not what one outlet added."""
    refs = [cl[a.reference_claim or ""] for a in ref_groups]
    loose = [c for c in mine if c.id not in in_ref_group and c.id in about
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
    shared = (elsewhere.closest(loose, nl, _root(doc, by_doc)) if elsewhere is not None
              else np.zeros(len(loose), dtype=np.float32))
    out = []
    for i, c in enumerate(loose):
        if restate.shape[1] and float(restate[i].max()) >= config.restatement_threshold:
            continue
        if covered and nl[i].stems - attr_words <= covered:
            continue
        if model.said_elsewhere_by(float(shared[i])):
            continue
        closest = float(to_ref[i].max()) if to_ref.shape[1] else 0.0
        feats = addition_features(event, scope[c.id], model.scope_probability(scope[c.id]),
                                  closest)
        feats["ad_elsewhere"] = float(shared[i])
        out.append((_flag(event, doc, "addition", c, None, None, round(1.0 - closest / 2, 3),
                          f"not in the reference: {_short(c.text)}{inherit}", None, lexicon),
                    feats))
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

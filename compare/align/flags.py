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

import math
from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from compare.align.alignment import languages_differ
from compare.align.anchors import covers
from compare.align.discrepancies import (
    PRIORITY,
    about_contact,
    compare_across_languages,
    compare_pair,
    states_contact,
    tone_words,
)
from compare.align.elsewhere import ElsewhereIndex, figure_stated
from compare.align.flagagree import add_agreement
from compare.align.flagbase import (
    CONFIDENCE,
    addition_min_words,
    attribution_stems,
    cut_while_reporting,
    make_flag,
    minor,
    reported_within,
    republished_copies,
    short,
    uncompared_documents,
)
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
from compare.align.normalize import normalize
from compare.align.scoring import cross_scores, score_matrix
from compare.align.unreferenced import not_the_contact, relayed_claim, unreferenced_flags
from compare.core.models import Alignment, Claim, Document, Event, Flag, FlagKind


# Score of a flag of each kind of discrepancy.
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
    copies = republished_copies(docs)
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
    relayed = {a.id: relayed_claim(cl[a.reference_claim or ""], group_of[a.id]) for a in ref_groups}
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
        cut_reporting = doc.truncated and cut_while_reporting(mine, about)
        doc_share = (sum(1 for a in ref_groups if doc.id in group_docs[a.id])
                     / max(1, len(ref_groups)))
        doc_state[doc.id] = (cut_reporting, mine, doc_share)
        to_refs = (score_matrix([normalize(c.text, lexicon) for c in mine], ref_norms, config)
                   if mine and ref_norms else np.zeros((len(mine), len(ref_norms))))
        row_of = {c.id: i for i, c in enumerate(mine)}
        cos_refs = cross_scores([c.text for c in mine], [r.text for r in refs], config)
        within = reported_within(
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
                if ref.event_statement or minor(ref, lexicon, config):
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
                             **_language_features("om", by_doc[ref.document], doc, config),
                             om_event_docs=math.log1p(n_compared),
                             om_doc_claims=math.log1p(len(mine)),
                             **doc_closest("om", to_refs[:, n], cos_refs[:, n]),
                             **ref_feats("om", ref, group_of[group.id], group.id))
                flags.append((make_flag(event, doc, kind, None, ref, group, 0.8,
                                    f"{detail}: {short(ref.text)}{also}", "omission",
                                    lexicon), feats))
                continue
            best: tuple[int, Claim, list[tuple[str, str, str]]] | None = None
            across = languages_differ(by_doc[ref.document], doc)
            for m in members:
                found = not_the_contact(ref, m, (
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
                             **_language_features("pr", by_doc[ref.document], doc, config),
                             pr_doc_claims=math.log1p(len(mine)),
                             pr_truncated=float(doc.truncated),
                             pr_scope=model.scope_probability(scope[m.id]),
                             # how much closer the claim is to its reference
                             # claim than to any other (a wrong pairing scores low)
                             pr_margin=sim - float(np.delete(sims, n).max(initial=0.0)),
                             **ref_feats("pr", ref, group_of[group.id], group.id))
                flags.append((make_flag(event, doc, k, m, ref, group,  # type: ignore[arg-type]
                                    CONFIDENCE[k], detail + also, cls, lexicon), feats))
        loose_mine = [c for c in mine if c.id not in paired or c.id in in_ref_group]
        for flag, feats in _additions(event, doc, loose_mine, in_ref_group, ref_groups, cl,
                                      lexicon, config, also, by_doc, scope, about, model, elsewhere):
            feats.update(ad_doc_share=doc_share, ad_event_docs=math.log1p(n_compared),
                         **(_language_features("ad", by_doc[reference], doc, config)
                            if reference in by_doc else {}),
                         ad_doc_claims=math.log1p(len(mine)),
                         # other outlets say it too, in a group without a reference claim
                         ad_group_share=unref_share.get(flag.claim or "", 0.0))
            flags.append((flag, feats))
    if event.reference_basis == "majority":
        flags.extend(unreferenced_flags(event, docs, alignments, cl, skip, copies, lexicon, config,
                                   n_compared, doc_state, ref_feats, model))
    add_evidence(event, docs, claims, alignments, flags, lexicon, config)
    return add_agreement(event, docs, claims, alignments, flags, config)


def _language_features(prefix: str, ref_doc: Document, doc: Document,
                       config: MatchingConfig) -> dict[str, float]:
    """Whether the flag compares two languages (``_cross_language``), and two
    of which the embedding model does not know at least one (``_uncovered``):
    across languages a claim is matched by its cosine (and anchors), which
    misses more of what a document states than words do within one language,
    so an omission, an addition or a pair read across languages is less
    often right (the confidence model weighs it: benchmarks/fit_flags.py)."""
    if not languages_differ(ref_doc, doc):
        return {f"{prefix}_cross_language": 0.0, f"{prefix}_uncovered": 0.0}
    known = covers(config.embedding_model, ref_doc.language) and covers(
        config.embedding_model, doc.language)
    return {f"{prefix}_cross_language": 1.0, f"{prefix}_uncovered": float(not known)}


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
             and not minor(c, lexicon, config, addition_min_words(c, lexicon, config))]
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
    attr_words = attribution_stems(lexicon)
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
        out.append((make_flag(event, doc, "addition", c, None, None, round(1.0 - closest / 2, 3),
                          f"not in the reference: {short(c.text)}{inherit}", None, lexicon),
                    feats))
    return out



"""Claim groups without a reference claim (fewer outlets than the majority
carry them and no primary source does): each member is compared with the
group's most supported wording (:func:`group_reference`), and a compared
document without the claim may get an omission (:func:`unreferenced_flags`,
called by :func:`compare.align.flags.flag_event_features`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from compare.align.alignment import languages_differ
from compare.align.discrepancies import PRIORITY, compare_across_languages, compare_pair
from compare.align.elsewhere import figure_stated
from compare.align.flagbase import CONFIDENCE, make_flag, minor, reported_within, short
from compare.align.flagfeatures import doc_closest, omission_features, pair_features
from compare.align.flagmodel import FlagModel
from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.align.normalize import normalize
from compare.align.scoring import best_index, cross_scores, score_matrix
from compare.core.models import Alignment, Claim, Document, Event, Flag, FlagKind


def not_the_contact(ref: Claim, claim: Claim, found: list[tuple[str, str, str]]
                     ) -> list[tuple[str, str, str]]:
    """The discrepancies of a pair without a changed figure when one of the two
    claims is an event statement: its figures say at what time and how long
    the contact was (a clock time, a duration, the outlet's own time zone), not
    a figure of what was said, and the other claim packs the contact with
    other news.  A changed date of the contact is still flagged."""
    if ref.event_statement or claim.event_statement:
        return [f for f in found if f[:2] != ("number_or_date_change", "number")]
    return found


def relayed_claim(ref: Claim, members: Sequence[Claim]) -> bool:
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

    def first(i: int) -> tuple[bool]:
        doc = by_doc.get(members[i].document)
        return (doc is not None and doc.outlet_role == "primary",)

    return members[best_index(len(members), first, lambda i: float(total[i]), lambda i: members[i].id)]


# Outlets a claim group without a reference claim needs before the documents
# without it get omissions.  benchmarks/fit_flags.py on realdev (e20170502, 11
# outlets): of the omissions for groups carried by 2 outlets 0 of 27 were
# right, by 3 or more 12 of 30.
_UNREFERENCED_OMISSION_MIN = 3


def unreferenced_flags(event: Event, docs: Sequence[Document], alignments: Sequence[Alignment],
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
                found = not_the_contact(ref, m, found)
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
            out.append((make_flag(event, doc, k, m, ref, group,  # type: ignore[arg-type]
                              CONFIDENCE[k], detail + note + also, cls, lexicon), feats))
        have = {c.document for c in members}
        if (len(have) < _UNREFERENCED_OMISSION_MIN or ref.event_statement or ref.headline
                or minor(ref, lexicon, config)
                or (model is not None
                    and not model.carried(False, relayed_claim(ref, members), share))):
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
        within[doc_id] = reported_within(rlist, mine, in_any, lexicon, config)
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
        out.append((make_flag(event, doc, kind, None, ref, group, 0.5,
                          f"{detail}: {short(ref.text)}{also}", "omission", lexicon), feats))
    return out

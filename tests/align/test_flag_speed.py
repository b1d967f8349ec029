"""The event-wide indexes of the flags stage give the numbers the
per-document computations they replace gave (compare/align/elsewhere.py,
EventWindows.best in compare/align/flagevidence.py, the distinct texts of
claim_context in compare/align/flagfeatures.py), on random events written
for these tests in several languages, with republished copies."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align import config, lexicon

from compare.align.elsewhere import ElsewhereIndex
from compare.align.flagevidence import EventWindows
from compare.align.flagfeatures import claim_context
from compare.align.languages import _root, reading
from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.align.normalize import NormText, normalize
from compare.align.scoring import cross_scores, score_matrix
from compare.core.models import Claim, Document, Event


def said_elsewhere(loose: Sequence[Claim], nl: Sequence[NormText],
                    elsewhere: Sequence[Claim], lexicon: Lexicon,
                    config: MatchingConfig) -> np.ndarray:
    """The per-document computation ElsewhereIndex replaced, kept as its reference:
    for each loose claim, how close the nearest claim of another independent
    document comes: the embedding cosine of what alignment reads (a list item with
    its shared subject and predicate; any language) or the word score, whichever
    is higher (the word score alone without the model)."""
    if not loose or not elsewhere:
        return np.zeros(len(loose), dtype=np.float32)
    lex = score_matrix(list(nl), [normalize(x.text, lexicon) for x in elsewhere], config)
    cos = cross_scores([reading(c) for c in loose], [reading(x) for x in elsewhere], config)
    return np.asarray(np.maximum(lex, cos).max(axis=1), dtype=np.float32)


SENTENCES = [
    "The ministers discussed grain exports through the northern port.",
    "Both sides agreed to reopen the rail link before winter.",
    "The talks on fishing quotas will continue in Tromsø next month.",
    "Minister Halvorsen thanked her colleague for twelve fire engines, delivered in May.",
    "Commentators said the customs dispute remained open.",
    "Die Minister sprachen über den Hafen, die Zölle und die Fähren.",
    "Стороны договорились продолжить консультации на уровне экспертов.",
    "Les deux parties ont évoqué la coopération fluviale sur le Danube.",
    "双方讨论了港口合作和渔业配额。",
    "The delegations reviewed visa rules; no agreement was reached.",
    "Tourism and student exchanges were touched upon only briefly.",
]

docs_strategy = st.lists(
    st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=5), min_size=2, max_size=7)


def build(texts: list[list[str]], copy_of: dict[int, int]) -> tuple[list[Document], list[Claim]]:
    docs, claims = [], []
    for d, sents in enumerate(texts):
        did = f"d{d}"
        text = "\n".join(sents)
        dup = f"d{copy_of[d]}" if d in copy_of else None
        docs.append(Document(id=did, path=f"{did}.txt", sha256=did, text=text, outlet=did,
                             duplicate_of=dup))
        pos = 0
        for k, s in enumerate(sents):
            claims.append(Claim(id=f"{did}:c{k}", document=did, event="ev", text=s,
                                span=(pos, pos + len(s)), sentence=k + 1,
                                context="They said" if k % 3 == 2 else None))
            pos += len(s) + 1
    return docs, claims


@settings(max_examples=40, deadline=None)
@given(docs_strategy, st.dictionaries(st.integers(1, 6), st.integers(0, 0), max_size=2))
def test_the_elsewhere_index_gives_said_elsewhere_for_every_document(
        texts: list[list[str]], copy_of: dict[int, int]) -> None:
    copy_of = {k: v for k, v in copy_of.items() if k < len(texts)}
    docs, claims = build(texts, copy_of)
    by_doc = {d.id: d for d in docs}
    root = {d.id: _root(d, by_doc) for d in docs}
    index = ElsewhereIndex(claims, root, lexicon(), config())
    for doc in docs:
        loose = [c for c in claims if c.document == doc.id]
        nl = [normalize(c.text, lexicon()) for c in loose]
        elsewhere = [c for c in claims if root[c.document] != root[doc.id]]
        want = said_elsewhere(loose, nl, elsewhere, lexicon(), config())
        got = index.closest(loose, nl, root[doc.id])
        assert got.dtype == want.dtype and got.shape == want.shape
        # word scores are bit for bit; a cosine from a matrix product of
        # another shape may differ in its last bit
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(docs_strategy, st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
def test_best_over_many_documents_is_the_best_of_each_document(
        texts: list[list[str]], queries: list[str]) -> None:
    docs, _ = build(texts, {})
    w = EventWindows(docs, queries, lexicon(), config())
    ids = [d.id for d in docs]
    for q in queries:
        for k in range(len(ids) + 1):
            chosen = set(ids[:k]) | {"absent"}
            cover, cosine = w.best(q, chosen)
            assert cover == max((w.cover(q, d) for d in chosen), default=0.0)
            single = [w.best(q, {d}) for d in ids[:k]]
            assert cosine == max((c for _, c in single), default=0.0)


@settings(max_examples=30, deadline=None)
@given(docs_strategy, st.dictionaries(st.integers(1, 6), st.integers(0, 0), max_size=2))
def test_claim_support_counts_each_text_once_with_the_same_numbers(
        texts: list[list[str]], copy_of: dict[int, int]) -> None:
    copy_of = {k: v for k, v in copy_of.items() if k < len(texts)}
    docs, claims = build(texts, copy_of)
    refs = [c for c in claims if c.document == "d0"]
    event = Event(id="ev", date=None, label="ev", kind="call", participants=(),
                  documents=tuple(d.id for d in docs), reference="d0")
    ctx = claim_context(event, docs, claims, set(), refs, set(), lexicon(), config())
    # the all-pairs computation, claim by claim
    by_id = {d.id: d for d in docs}
    root = {d.id: d.duplicate_of if d.duplicate_of in by_id else d.id for d in docs}
    norms = [normalize(c.text, lexicon()) for c in claims]
    s = score_matrix(norms, norms, config()) >= config().match_threshold
    n_roots = len(set(root.values()))
    r = (score_matrix(norms, [normalize(x.text, lexicon()) for x in refs], config())
         if refs else None)
    for i, c in enumerate(claims):
        others = {root[claims[j].document] for j in np.nonzero(s[i])[0]} - {root[c.document]}
        assert ctx.support[c.id] == len(others) / max(1, n_roots - 1)
        if r is not None:
            row = [0.0 if x.document == c.document else float(r[i, j])
                   for j, x in enumerate(refs)]
            assert ctx.ref_sim[c.id] == max(row)

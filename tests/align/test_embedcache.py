"""The on-disk embedding cache (compare/align/embedcache.py) and batch-independent encoding.

Fake encoders count what is encoded; the real model (``embed`` extra) is used only
to check that a text's vector does not depend on the batch it was encoded in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from compare.align import embed, embedcache
from compare.align.embed import DEFAULT_MODEL, embed_texts


class CountingEncoder:
    def __init__(self, dim: int = 6) -> None:
        self.dim = dim
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        out = np.ones((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for k, ch in enumerate(t):
                out[i, (ord(ch) + k) % self.dim] += 1.0
        return out


@pytest.fixture
def enc(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingEncoder]:
    fake = CountingEncoder()
    monkeypatch.setattr(embed, "load_model", lambda package=DEFAULT_MODEL: fake)
    saved = dict(embed._CACHE)
    embed._CACHE.clear()
    yield fake
    embed._CACHE.clear()
    embed._CACHE.update(saved)


def _fresh_process() -> None:
    """What a new run starts with: no vectors in memory (the disk cache stays)."""
    embed._CACHE.clear()
    folder = embedcache.configured()
    embedcache.configure(None)
    embedcache.configure(folder)


def test_a_rerun_encodes_only_texts_it_has_not_seen(enc: CountingEncoder, tmp_path: Path) -> None:
    embedcache.configure(tmp_path / "cache")
    first = embed_texts(["Die Minister trafen sich in Wien.", "Les ministres ont parlé."])
    assert first is not None
    probe = len(enc.seen) - 2  # the dimension probe of the store
    _fresh_process()
    enc.seen.clear()
    grown = embed_texts(["Les ministres ont parlé.", "Министры встретились в Вене.",
                         "Die Minister trafen sich in Wien."])
    assert grown is not None
    assert [t for t in enc.seen if t != embed._PAD_TEXT] == ["Министры встретились в Вене."]
    assert np.array_equal(grown[0], first[1]) and np.array_equal(grown[2], first[0])
    assert probe >= 0 and (tmp_path / "cache" / embedcache.FILE_NAME).is_file()


def test_each_distinct_text_is_encoded_once_per_run(enc: CountingEncoder, tmp_path: Path) -> None:
    embedcache.configure(tmp_path)
    texts = ["Ankara and Baku signed a gas deal."] * 5 + ["Talks resume in Doha."] * 3
    embed_texts(texts)
    embed_texts(list(reversed(texts)))
    real = [t for t in enc.seen if t != embed._PAD_TEXT]
    assert sorted(real) == sorted(set(texts))


def test_another_model_version_misses(enc: CountingEncoder, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    embedcache.configure(tmp_path)
    embed_texts(["The sides agreed on a prisoner swap."])
    monkeypatch.setattr(embedcache, "model_version", lambda package: f"{package}==99.0")
    _fresh_process()
    enc.seen.clear()
    embed_texts(["The sides agreed on a prisoner swap."])
    assert "The sides agreed on a prisoner swap." in enc.seen
    rows = sqlite3.connect(tmp_path / embedcache.FILE_NAME).execute(
        "SELECT model FROM emb GROUP BY model ORDER BY model").fetchall()
    assert len(rows) == 2 and (f"{DEFAULT_MODEL}==99.0",) in rows
    store = embedcache.store_for(DEFAULT_MODEL)
    assert store is not None and store.prune() == 1


def test_a_corrupt_cache_file_is_moved_aside_with_one_warning(
        enc: CountingEncoder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / embedcache.FILE_NAME).write_bytes(b"not a database at all " * 200)
    embedcache.configure(tmp_path)
    vecs = embed_texts(["Kyiv and Warsaw discussed grain transit.", "A second text."])
    assert vecs is not None and vecs.shape == (2, enc.dim)
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "embedding cache unreadable" in err
    assert list(tmp_path.glob(f"{embedcache.FILE_NAME}.corrupt-*"))
    _fresh_process()
    enc.seen.clear()
    again = embed_texts(["Kyiv and Warsaw discussed grain transit."])  # the new file works
    assert again is not None and np.array_equal(again[0], vecs[0])
    assert "Kyiv and Warsaw discussed grain transit." not in enc.seen


def test_a_bad_row_is_a_miss_and_an_unusable_folder_only_costs_time(
        enc: CountingEncoder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    embedcache.configure(tmp_path)
    embed_texts(["Rome hosts the donor conference."])
    conn = sqlite3.connect(tmp_path / embedcache.FILE_NAME)
    with conn:
        conn.execute("UPDATE emb SET vec = ?", (b"\x00\x01\x02",))
    conn.close()
    _fresh_process()
    enc.seen.clear()
    vec = embed_texts(["Rome hosts the donor conference."])
    assert vec is not None and vec.shape == (1, enc.dim)
    assert "Rome hosts the donor conference." in enc.seen
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    embedcache.configure(blocker / "sub")  # a folder that cannot be made
    _fresh_process()
    assert embed_texts(["Rome hosts the donor conference."]) is not None
    assert "embedding cache not used" in capsys.readouterr().err


def test_cache_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(embedcache.ENV_VAR, str(tmp_path / "c"))
    assert embedcache.default_cache_dir() == tmp_path / "c"
    monkeypatch.setenv(embedcache.ENV_VAR, "off")
    assert embedcache.default_cache_dir() is None
    monkeypatch.delenv(embedcache.ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert embedcache.default_cache_dir() == tmp_path / "xdg" / "outlet-compare"


# How far float32 rounding of the same products, summed in another order, may move
# a vector's component (about 0.1 in size): a cosine moves by less than 1e-6.
BLAS_ROUNDING = 1e-6
needs_model = pytest.mark.skipif(not embed.available(), reason="the 'embed' extra is not installed")


@needs_model
def test_a_vector_does_not_depend_on_its_batch() -> None:
    model = embed.load_model()
    assert model is not None
    texts = [f"Die Delegationen sprachen {i} Stunden über Zölle und Visa." for i in range(30)]
    texts += ["Да.", "ok", "Президенты обсудили энергетику и транспорт. " * 20]
    together = model(texts)
    for i in (0, 7, 30, 31, 32):
        alone = model([texts[i]])
        in_pair = model([texts[(i + 5) % len(texts)], texts[i]])
        # bit for bit where OpenBLAS computes each row of a product alone once it has
        # 8 rows (its SkylakeX kernels); its Haswell kernel (AMD EPYC) sums a row in an
        # order that depends on the row's place in the product: 4e-8 apart then
        assert np.allclose(alone[0], together[i], rtol=0, atol=BLAS_ROUNDING)
        assert np.allclose(in_pair[1], together[i], rtol=0, atol=BLAS_ROUNDING)

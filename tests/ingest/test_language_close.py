"""Languages whose short news texts share every function word of the table (Swedish,
Danish and Norwegian; Indonesian and Malay; Czech and Slovak) are told apart by the
character n-gram model, and only when the table cannot tell them apart.

Every text here is written for these tests (invented people, real places).
"""

from __future__ import annotations

import pytest

import compare.ingest.language as language
from compare.ingest.language import CLOSE_FAMILIES, detect_language


@pytest.mark.parametrize(("lang", "text"), [
    # every table word of these sentences ("i", "med", "om", "de", "to") is shared by all three
    ("sv", "Utrikesminister Karin Sjöberg talade i telefon med sin polska kollega i fredags. "
           "Samtalet handlade om sjöfarten i Östersjön."),
    ("da", "Udenrigsminister Lars Kjærgaard talte fredag i telefon med sin polske kollega. "
           "Samtalen handlede om skibsfarten i Østersøen."),
    ("no", "Utenriksminister Kari Nygård snakket fredag i telefon med sin polske kollega. "
           "Samtalen handlet om skipsfarten i Østersjøen."),
    ("ms", "Menteri Luar Aziz Rahman mengadakan perbualan telefon dengan rakan sejawatnya dari Jepun "
           "pada Selasa. Mereka membincangkan perdagangan dan pelaburan."),
    ("id", "Menteri Luar Negeri Dewi Lestari melakukan pembicaraan telepon dengan mitranya dari Jepang "
           "pada Selasa. Mereka membahas perdagangan dan investasi."),
])
def test_languages_the_function_words_cannot_tell_apart(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_the_table_decides_when_it_can(monkeypatch: pytest.MonkeyPatch) -> None:
    # Czech words of the table ("se", "jako", "které") give Czech without the model
    text = ("Ministr zahraničí Petr Dvořák se v úterý sešel se slovenským kolegou, se kterým "
            "jednal o dopravě, jako o tématu, které obě země zajímá.")
    monkeypatch.setattr(language, "_within_family", lambda *a: pytest.fail("model consulted"))
    assert detect_language(text) == "cs"


def test_without_the_model_the_table_alone_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_ngram_model", lambda: None)
    text = ("Utrikesminister Karin Sjöberg talade i telefon med sin polska kollega i fredags. "
            "Samtalet handlade om sjöfarten i Östersjön.")
    assert detect_language(text) in CLOSE_FAMILIES[0]


def test_the_families_are_disjoint_and_the_model_knows_them() -> None:
    seen: set[str] = set()
    for family in CLOSE_FAMILIES:
        assert not family & seen
        seen |= family
    model = language._ngram_model()
    assert model is not None and seen <= set(model.labels)

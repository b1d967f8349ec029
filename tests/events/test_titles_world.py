"""Leaders named by title in Portuguese, Italian, Polish, Turkish, Indonesian and Ukrainian,
names given with and without their last surname, and a place word after a title.  Every
sentence here is written for these tests; the leaders are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from compare.core.models import Document
from compare.events.cluster import cluster_documents
from compare.events.datephrases import lower_same_length
from compare.events.identity import same_name, surname_key
from compare.events.participants import find_people, titled_people
from compare.events.titles import foreign_titled_people

D = dt.date


def _read(text: str) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.country) for p in foreign_titled_people(text, lower_same_length(text))]


@pytest.mark.parametrize(("text", "want"), [
    # Portuguese: title + country phrase + comma + name; an adjective after the title
    ("O primeiro-ministro Rui Tavares Gomes recebeu o presidente da República Federativa da Nigéria, "
     "Chidi Okafor.", [("Rui Tavares Gomes", None), ("Chidi Okafor", "Nigeria")]),
    ("A ministra das Relações Exteriores, Marta Lobo, falou com o presidente egípcio, Karim Mansour.",
     [("Marta Lobo", None), ("Karim Mansour", "Egypt")]),
    ("A presidenta conversou com o presidente da República Árabe do Egito, Karim Mansour, por telefone.",
     [("Karim Mansour", "Egypt")]),
])
def test_portuguese_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Il presidente del Consiglio Carla Moretti ha ricevuto il primo ministro giapponese Kenji Aoyama.",
     [("Carla Moretti", None), ("Kenji Aoyama", "Japan")]),
    ("Il ministro degli Esteri Paolo Serra ha sentito il suo omologo polacco, Jan Kowal.",
     [("Paolo Serra", None), ("Jan Kowal", "Poland")]),
    ("Il capo del governo ha incontrato il presidente della Repubblica Araba d'Egitto, Karim Mansour.",
     [("Karim Mansour", "Egypt")]),
])
def test_italian_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # the title in the nominative, instrumental and genitive; the country in the genitive
    ("Premier Anna Zielińska rozmawiała z prezydentem Brazylii Paulo Ribeiro.",
     [("Anna Zielińska", None), ("Paulo Ribeiro", "Brazil")]),
    ("Wizyta prezydenta Egiptu Karima Mansoura w Warszawie", [("Karima Mansoura", "Egypt")]),
    # a name after a title in the instrumental is declined too, unless it is not
    ("Minister spraw zagranicznych Łukasz Pawlak spotkał się z kanclerzem Niemiec Ottonem Brandtem.",
     [("Łukasz Pawlak", None), ("Otton Brandt", "Germany")]),
    ("Prezes Rady Ministrów rozmawiał z premierem Tomaszem Zawadzkim i z prezydentem Egiptu Karimem Salemem, "
     "a potem z prezydentem Egiptu Ibrahim Salem.",
     [("Tomasz Zawadzki", None), ("Karim Salem", "Egypt"), ("Ibrahim Salem", "Egypt")]),
])
def test_polish_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # the country before the title; a case suffix after an apostrophe ends the name
    ("Cumhurbaşkanı Emre Yalçın, Japonya Başbakanı Kenji Aoyama'yı Ankara'da kabul etti.",
     [("Emre Yalçın", None), ("Kenji Aoyama", "Japan")]),
    ("Dışişleri Bakanı Zeynep Aydın, Mısır Dışişleri Bakanı Karim Mansour ile görüştü.",
     [("Zeynep Aydın", None), ("Karim Mansour", "Egypt")]),
])
def test_turkish_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # the country after the title, no genitive
    ("Presiden Agus Santika menerima kunjungan Perdana Menteri Polandia Anna Zielińska di Bogor.",
     [("Agus Santika", None), ("Anna Zielińska", "Poland")]),
    ("Menteri Luar Negeri Sari Lestari bertemu Kanselir Jerman Otto Brandt.",
     [("Sari Lestari", None), ("Otto Brandt", "Germany")]),
])
def test_indonesian_titles(text: str, want: list[tuple[str | None, str | None]]) -> None:
    assert _read(text) == want


def test_a_country_named_in_a_language_without_a_table_is_no_person() -> None:
    # Catalan has no title table of its own: the Spanish-like title reader meets "Suècia",
    # "Xipre"; CLDR names the countries in every language (country_of)
    got = _read("La presidenta de Suècia, Karin Ljungdahl, va parlar dimarts amb el primer ministre de Xipre, "
                "Andreas Kyprianou.")
    assert got == [("Karin Ljungdahl", "Sweden"), ("Andreas Kyprianou", "Cyprus")]
    from compare.events.titles import country_of

    assert [country_of(w) for w in ("Hongria", "Tanska", "Magyarország", "Niemcy")] == [
        "Hungary", "Denmark", "Hungary", "Germany"]
    # too short, or two countries' names in different languages: no country
    assert country_of("Man") is None and country_of("Chad") is None


def test_ukrainian_titles_and_a_country_in_the_genitive_is_no_person() -> None:
    got = _read("Президент Бразилії Пауло Рібейру та прем'єр-міністр Японії Кендзі Мацумото провели переговори.")
    assert [c for _, c in got] == ["Brazil", "Japan"]
    assert [same_name(surname_key(n or ""), surname_key(latin)) for (n, _), latin in zip(got, ["Ribeiro", "Matsumoto"],
                                                                                         strict=True)] == [True, True]
    # a country word right after the title is never read as a name
    for text in ("Президент Туреччини у вівторок прибув до Варшави.", "Прем'єр-міністр Польщі заявив про це."):
        assert all(n is None for n, _ in _read(text)), text


def test_ukrainian_letters_are_transliterated_in_surname_keys() -> None:
    assert surname_key("Їжакевич") == "yizhakevich"
    assert surname_key("Гнатюк") == "gnatyuk"


def _people(text: str) -> list[str]:
    low = lower_same_length(text)
    return [p.label() for p in find_people(text, low, (), extra=foreign_titled_people(text, low))]


def test_a_name_without_its_last_surname_is_the_same_person() -> None:
    text = ("A presidenta Clara Duarte Lima recebeu o presidente do Chile, Tomás Reyes. "
            "Clara Duarte agradeceu a visita.")
    assert _people(text) == ["Clara Duarte Lima", "Tomás Reyes (Chile)"]
    # two people who only share a first name stay two
    text2 = "O presidente Paulo Reis falou com o primeiro-ministro Paulo Mendes Costa."
    assert len(_people(text2)) == 2


def test_a_title_cased_headline_after_a_surname_is_no_name() -> None:
    text = ("Presiden Santika Terima Telepon dari Kanselir Jerman\n\n"
            "Presiden Agus Santika menerima telepon dari Kanselir Jerman Otto Brandt pada Kamis.")
    assert _people(text) == ["Agus Santika", "Otto Brandt (Germany)"]


def test_an_organisation_after_a_title_is_no_person() -> None:
    text = ("The deal was welcomed by Maria Costa, president of the Brazilian Coffee Growers' Federation, "
            "and by the president of the Chilean Wine Council.")
    names = [p.name for p in titled_people(text, text.lower())]
    assert all(n is None or ("Growers" not in n and "Wine" not in n) for n in names)


def test_a_shorter_form_of_a_name_in_another_report_joins_the_event() -> None:
    def doc(doc_id: str, people: tuple[str, ...]) -> Document:
        return Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text="The two spoke by phone about ports.",
                        event_date=D(2031, 6, 10), event_kind="call", participants=people)
    full = ("Clara Duarte Lima (Brazil)", "Tomás Reyes (Chile)")
    events, _ = cluster_documents([doc("a", full), doc("b", full),
                                   doc("c", ("Clara Duarte", "Tomás Reyes (Chile)"))])
    assert len(events) == 1
    # a different person with the same first name does not
    events, _ = cluster_documents([doc("a", full), doc("b", full),
                                   doc("c", ("Clara Nunes (Brazil)", "Tomás Reyes (Chile)"))])
    assert len(events) == 2


def test_a_polish_surname_spelt_in_ukrainian_is_the_same_person_of_that_country() -> None:
    from compare.events.identity import near_name

    # the Polish "rz" is one sound: the Ukrainian spelling has no r
    assert near_name(surname_key("Grzybowski"), surname_key("Гжибовський"))
    assert near_name(surname_key("Wierzbicki"), surname_key("Вєжбицький"))
    assert not near_name("kowalski", "kowalczyk")  # two names, not two spellings

    def doc(doc_id: str, people: tuple[str, ...]) -> Document:
        return Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text="The two met in Lublin about grain.",
                        event_date=D(2031, 6, 10), event_kind="meeting", participants=people)
    events, _ = cluster_documents([doc("a", ("Piotr Grzybowski (Poland)", "Emre Yalçın (Turkey)")),
                                   doc("b", ("Петро Гжибовський (Poland)", "Емре Ялчин (Turkey)"))])
    assert len(events) == 1
    # people of two countries are never joined this way
    events, _ = cluster_documents([doc("a", ("Piotr Grzybowski (Poland)", "Emre Yalçın (Turkey)")),
                                   doc("b", ("Петро Гжибовський (Czech Republic)", "Емре Ялчин (Turkey)"))])
    assert len(events) == 2

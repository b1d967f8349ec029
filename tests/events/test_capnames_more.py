"""Names read by their capitals (compare/events/capnames.py) in languages whose headlines
put the two surnames side by side, and countries whose final vowel gives way to a case
ending; Cyrillic surnames of Belarusian, Serbian, Macedonian and Kazakh
(compare/events/identity.py).  Every text is written for these tests (invented people)."""

from __future__ import annotations

from compare.events.capnames import _is_country, capitalised_people, territory_names
from compare.events.identity import surname_key


def _names(text: str, lang: str) -> list[str]:
    return [p.name for p in capitalised_people(text, lang)]


def test_two_surnames_side_by_side_are_two_people() -> None:
    az = ("Əliyev Virtanen ilə telefonla danışıb\n\nXarici işlər naziri Rəşad Əliyev çərşənbə günü "
          "Finlandiya prezidenti Aino Virtanen ilə telefonla danışıb.")
    assert _names(az, "az") == ["Rəşad Əliyev", "Aino Virtanen"]
    kk = ("Жақсылықов Виртаненмен кездесті\n\nСыртқы істер министрі Ерлан Жақсылықов кеше "
          "Финляндия президенті Айно Виртаненмен кездесті.")
    assert _names(kk, "kk") == ["Ерлан Жақсылықов", "Айно Виртаненмен"]
    # a run of a given name and a surname stays one person even when its surname is
    # another run's: only a run made of surnames alone is two people
    sl = "Predsednica Maja Kranjc se je v torek sestala z Ano Kranjc in Petrom Novakom."
    assert "Maja Kranjc" in _names(sl, "sl")


def test_a_country_whose_final_vowel_gives_way_to_an_ending() -> None:
    be = territory_names("be")
    assert _is_country(["Расіі"], be)  # of Russia ("Расія")
    lt = territory_names("lt")
    assert _is_country(["Vokietijos"], lt)  # of Germany ("Vokietija")
    # the ending must start with a vowel: a name that begins like a country is no country
    assert not _is_country(["Čilton"], territory_names("sl"))
    assert not _is_country(["Vokietijkas"], lt)


def test_cyrillic_surnames_of_more_languages_meet_their_latin_spelling() -> None:
    assert surname_key("Сакалоў") == surname_key("Іванам Сакаловым") == "sakalov"
    assert surname_key("Јовановић") == surname_key("Jovanović")
    assert surname_key("Стојановски") == surname_key("Stojanovski")
    assert surname_key("Жақсылықов") == "zhaksylykov"


def test_a_capitalised_title_after_a_country_is_no_name() -> None:
    # Azerbaijani capitalises a title after the country ("Finlandiya Prezidenti"); the same
    # title opens another run before another name ("Prezident Rəşad Əliyev")
    az = ("Prezident Rəşad Əliyev çərşənbə günü Finlandiya Prezidenti Aino Virtanen ilə "
          "telefonla danışıb.")
    assert _names(az, "az") == ["Rəşad Əliyev", "Aino Virtanen"]
    # two given names of one stem are no title: both people stay
    de = "Michael Brandt und Michaela Novak trafen sich am Montag in Berlin zu Gesprächen."
    assert _names(de, "de") == ["Michael Brandt", "Michaela Novak"]


def test_a_cyrillic_title_followed_by_a_kazakh_ending_reads_its_name() -> None:
    from compare.events.datephrases import lower_same_length
    from compare.events.titles import foreign_titled_people

    kk = "Финляндия Президенті Айно Виртанен Әзербайжан Президенті Елчин Мәммәдовпен кездесті."
    people = foreign_titled_people(kk, lower_same_length(kk))
    assert [(p.name, p.country) for p in people] == [("Айно Виртанен", "Finland"),
                                                     ("Елчин Мәммәдовпен", "Azerbaijan")]


def test_kazakh_case_endings_and_the_azerbaijani_schwa_in_surname_keys() -> None:
    assert surname_key("Мәммәдовпен") == surname_key("Mammadov") == "mammadov"
    assert surname_key("Виртаненмен") == surname_key("Виртанен") == "virtanen"
    assert surname_key("Семен") == "semen"  # too short a stem to lose "-мен"
    assert surname_key("Məmmədov") == "memmedov"  # the schwa is a letter, not dropped


def test_marathi_and_nepali_titles() -> None:
    from compare.events.scripttitles import script_titled_people

    mr = "पंतप्रधान सुनील पाटील यांनी गुरुवारी जर्मनीचे चॅन्सेलर फेलिक्स ब्रँट यांच्याशी चर्चा केली."
    assert [p.name for p in script_titled_people(mr)] == ["सुनील पाटील", "फेलिक्स ब्रँट"]
    # Nepali writes "with" onto the name: the name ends there, read without it; a weekday
    # after a name is no part of it
    ne = "प्रधानमन्त्री राम शर्मा बिहीबार जर्मन चान्सलर फेलिक्स ब्रान्टसँग फोनमा कुराकानी गरे।"
    people = script_titled_people(ne)
    assert [(p.name, p.country) for p in people] == [("राम शर्मा", None), ("फेलिक्स ब्रान्ट", "Germany")]
    # a Marathi surname that ends like Nepali's ergative ("-ले") keeps its letters
    assert [p.name for p in script_titled_people("पंतप्रधान अनिल गोखले यांनी चर्चा केली.")] == ["अनिल गोखले"]

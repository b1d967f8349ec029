"""Tests for compare.events.participants: people named by titles and roles, without a lexicon."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.core.models import Document, PersonName
from compare.events.calendar import EventCalendar
from compare.events.datephrases import lower_same_length
from compare.events.dates import date_document
from compare.events.participants import find_people, parse_participant, titled_people

NAMES = (PersonName("Vladimir Putin", ("Putin",), "Russia"),
         PersonName("Xi Jinping", ("Xi", "President Xi"), "China"))


def people(text: str, focus: tuple[int, int] | None = None) -> list[str]:
    return [p.label() for p in find_people(text, lower_same_length(text), NAMES, focus=focus)]


def titled(text: str) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.country) for p in titled_people(text, lower_same_length(text))]


def test_titles_introduce_names_with_their_countries() -> None:
    text = ("Chilean Foreign Minister Rosa Fuentes spoke with her Danish counterpart Lars Holm, "
            "and Prime Minister Ana Ruiz of Spain sent greetings.")
    assert titled(text) == [("Rosa Fuentes", "Chile"), ("Lars Holm", "Denmark"), ("Ana Ruiz", "Spain")]


def test_of_country_before_the_name_and_middle_initials() -> None:
    assert titled("Minister of Foreign Affairs of Greece Nikos Pappas called.") == [("Nikos Pappas", "Greece")]
    assert titled("President of the United States John Q. Adams said.") == [("John Adams", "United States")]
    assert titled("U.S. Secretary of State Mary Cole arrived.") == [("Mary Cole", "United States")]


def test_possessive_country_introduces_full_names_only() -> None:
    assert titled("She met Kenya's Grace Wanjiru in Nairobi.") == [("Grace Wanjiru", "Kenya")]
    assert titled("Mexico's Borders and Russia's Black Sea Fleet were discussed.") == []


def test_a_possessive_country_before_a_place_names_no_person() -> None:
    # a geographic head noun ends the name, or a place preposition stands before the country
    assert titled("Rains flooded rice farms in Peru's Mantaro Valley, Chile's Rosa Fuentes said.") == [
        ("Rosa Fuentes", "Chile")]
    assert titled("Water for Chile's Atacama Desert and Kenya's Rift Valley was pledged.") == []
    assert titled("Solar parks in Chile's Norte Grande were opened.") == []
    assert titled("A letter to Chile's Rosa Fuentes was sent.") == [("Rosa Fuentes", "Chile")]


def test_two_names_right_after_a_plural_title() -> None:
    from compare.events.titles import pair_people
    got = pair_people("Oslo, May 4 - The two countries agreed after a call between Presidents Ana Ruiz "
                      "and Lars Holm on Tuesday.")
    assert [(p.name, p.country) for p in got] == [("Ana Ruiz", None), ("Lars Holm", None)]
    got = pair_people("Peru and Chile will sign a fishing deal, Foreign Ministers Rosa Fuentes and Luis Paz said.")
    assert [p.name for p in got] == ["Rosa Fuentes", "Luis Paz"]
    assert pair_people("The ministers of Peru and Chile met.") == []
    assert pair_people("Die Präsidenten Perus und Chiles trafen sich.") == []
    assert pair_people("Presidents Ruiz and Holm spoke.") == []  # full names only


def test_roles_without_names_are_country_identities() -> None:
    assert titled("Chile's foreign minister phoned the Danish prime minister.") == [
        (None, "Chile"), (None, "Chile"), (None, "Denmark")]


def test_appositive_titles_name_the_person_before_them() -> None:
    assert titled("Talks were held with Aino Lehtinen, the president of Finland.") == [
        ("Aino Lehtinen", "Finland")]
    assert titled("He met Pedro Alves, the Portuguese prime minister, in Lisbon.") == [
        ("Pedro Alves", "Portugal")]
    # the title belongs to someone else when other words stand between
    assert titled("Pedro Alves, who met the Portuguese prime minister, left.") == [(None, "Portugal")]
    # one capitalised word is not taken for a name
    assert titled("In Lisbon, the Portuguese prime minister spoke.") == [(None, "Portugal")]
    # a title that is the subject of the clause, and places before it, are no appositives
    assert titled("After talks with Aino Lehtinen, the French president said the call was useful.") == [
        (None, "France")]
    assert titled("In Saint Petersburg, the Russian president met workers.") == [(None, "Russia")]
    assert titled("After the talks in Los Angeles, the US president left.") == [(None, "United States")]
    assert titled("At Camp David, the president, relaxed, spoke.") == []


def test_names_do_not_cross_lines_or_take_common_words() -> None:
    assert titled("Office of the President\nMobile version") == []
    assert titled("the ministers discussed trade; the president said nothing") == []
    assert titled("President of RussiaCurrent resource") == []


def test_lexicon_people_keep_their_canonical_name() -> None:
    assert people("President Xi met Chilean President Rosa Fuentes. Xi and Fuentes agreed.") == [
        "Xi Jinping (China)", "Rosa Fuentes (Chile)"]


def test_principals_come_from_the_focus_sentence() -> None:
    text = ("Prime Minister Ana Ruiz opened a school. Later, Chilean Foreign Minister Rosa Fuentes "
            "spoke by phone with Danish Foreign Minister Lars Holm. Ruiz also tweeted.")
    focus = (text.index("Later"), text.index(" Ruiz also"))
    assert people(text, focus)[:2] == ["Rosa Fuentes (Chile)", "Lars Holm (Denmark)"]
    assert people(text)[0] == "Ana Ruiz"


def test_surname_mentions_in_the_focus_sentence_count() -> None:
    text = ("Foreign Minister Rosa Fuentes of Chile and Danish Foreign Minister Lars Holm met in May. "
            "On Monday Holm called Fuentes again.")
    focus = (text.index("On Monday"), len(text))
    assert people(text, focus) == ["Lars Holm (Denmark)", "Rosa Fuentes (Chile)"]


def test_country_role_fills_in_for_an_unnamed_participant() -> None:
    text = "Chile's foreign minister spoke with Danish Foreign Minister Lars Holm on Monday."
    assert people(text, (0, len(text))) == ["Chile", "Lars Holm (Denmark)"]


def test_parse_participant() -> None:
    assert parse_participant("Rosa Fuentes (Chile)") == ("Rosa Fuentes", "fuentes", "Chile")
    assert parse_participant("Lars Holm") == ("Lars Holm", "holm", None)
    assert parse_participant("Denmark") == (None, None, "Denmark")


def test_date_document_orders_participants_by_the_dating_sentence() -> None:
    text = ("14.05.2021 10:00\nDanish Foreign Minister Lars Holm visited a fair on 2 May.\n"
            "Chilean Foreign Minister Rosa Fuentes held a telephone conversation with Holm on Thursday.")
    out = date_document(Document(id="t", path="t", sha256="", text=text), EventCalendar(), NAMES)
    assert out.event_date == dt.date(2021, 5, 13)
    assert out.participants == ("Rosa Fuentes (Chile)", "Lars Holm (Denmark)")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Minister President's of the Chile Ab Cd\n.,")), max_size=300))
def test_never_crashes_and_names_are_in_the_text(text: str) -> None:
    for p in find_people(text, lower_same_length(text), NAMES, focus=(0, len(text))):
        assert p.start < len(text)
        if p.name is not None and p.name not in ("Vladimir Putin", "Xi Jinping"):
            assert p.name.split()[-1] in text


def test_a_capitalised_common_word_heading_a_readout_is_no_party() -> None:
    """'Telephone conversation with ...' as a heading: the text writes 'telephone' in
    lower case elsewhere, so the capitalised word is not a name."""
    from compare.events.titles import contact_people

    text = ("Telephone conversation with Aino Virtanen\n"
            "Kaia Kask had a telephone conversation with Aino Virtanen.\n")
    names = [p.name for p in contact_people(text)]
    assert "Telephone" not in names
    assert "Kaia Kask" in names


def test_a_name_right_after_a_title_wins_over_the_lexicon_s_role_variant() -> None:
    # The lexicon says "Chilean Foreign Minister" is Rosa Fuentes; this text names another holder.
    names = (PersonName("Rosa Fuentes", ("Fuentes", "Chilean Foreign Minister"), "Chile"),)
    text = "Chilean Foreign Minister Tomas Ibanez spoke with Danish Foreign Minister Lars Holm on Monday."
    got = [p.label() for p in find_people(text, lower_same_length(text), names)]
    assert "Rosa Fuentes (Chile)" not in got and got[:2] == ["Tomas Ibanez (Chile)", "Lars Holm (Denmark)"]
    # the role alone still stands for the lexicon's person
    text = "The Chilean Foreign Minister spoke with Danish Foreign Minister Lars Holm on Monday."
    assert find_people(text, lower_same_length(text), names)[0].label() == "Rosa Fuentes (Chile)"


def test_a_deputy_comes_after_the_leaders() -> None:
    text = ("Vice President Omar Lind briefed reporters. President Ana Ruiz of Spain and Prime Minister "
            "Lars Holm of Denmark spoke by phone.")
    assert people(text)[:2] == ["Ana Ruiz (Spain)", "Lars Holm (Denmark)"]


def test_two_leaders_after_a_plural_title_take_its_countries_in_order() -> None:
    from compare.events.titles import pair_people
    got = pair_people("The Prime Ministers of Denmark and Chile, Lars Holm and Rosa Fuentes, spoke on Monday.")
    assert [(p.name, p.country) for p in got] == [("Lars Holm", "Denmark"), ("Rosa Fuentes", "Chile")]
    got = pair_people("Die Regierungschefs Finnlands und Polens, Aino Lahti und Ewa Nowak, telefonierten.")
    assert [(p.name, p.country) for p in got] == [("Aino Lahti", "Finland"), ("Ewa Nowak", "Poland")]
    # countries the head does not give in a pair: the names without them
    got = pair_people("Both leaders, Aino Lahti and Ewa Nowak, spoke on Monday.")
    assert [(p.name, p.country) for p in got] == [("Aino Lahti", None), ("Ewa Nowak", None)]
    assert pair_people("In Paris, Berlin and Rome, Monday and Tuesday were quiet.") == []

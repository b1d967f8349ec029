"""Tests for compare.events.identity: one person's surname across scripts and
transliterations (invented names)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.events.identity import han_foreign, same_name, skeleton, surname_key


def key(name: str) -> str:
    return surname_key(name)


def test_transliterations_of_one_surname_meet() -> None:
    for a, b in [("Bogdanov", "Bogdanoff"), ("Kuzmenko", "Kouzmenko"), ("Zhukova", "Joukova"),
                 ("Schukin", "Chtchoukine"), ("Вэньцзюнь", "Wenjun"), ("Sokolow", "Соколова")]:
        assert same_name(key(a), key(b)), (a, b)


def test_letters_without_an_accent_to_take_off_are_spelled_not_dropped() -> None:
    # NFKD alone drops "ł", "ø", "đ", "ß", "ı": "Białecka" became "biaecka"
    assert key("Białecka") == "bialecka" and key("Høgsted") == "hogsted"
    assert key("Đorđić") == "dordic" and key("Straußner") == "straussner" and key("Kılınçer") == "kilincer"
    assert same_name(key("Białecka"), key("Bialecka")) and same_name(key("Høgsted"), key("Hoegsted"))


def test_spellings_of_other_orthographies_meet() -> None:
    # Hungarian "dzs", "cs", "sz" and Russian-English "dzh" for the English "j", "ch", "s";
    # "j" as the "y" glide of German, Slavic, Hungarian and Nordic spellings
    for a, b in [("Janibekov", "Dzhanibekov"), ("Janibekov", "Dzsanibekov"), ("Chornovil", "Csornovil"),
                 ("Hordiyenko", "Hordijenko"), ("Vasylenskyi", "Vaszilenszkij"), ("Yarovenko", "Jarovenko"),
                 ("Kostyantyn Pidhirnyi", "Kosztyantin Pidhirnij")]:
        assert same_name(key(a), key(b)) and same_name(key(b), key(a)), (a, b)
    # a glide read into a short skeleton would join different people
    for a, b in [("Jansen", "Ansen"), ("Janda", "Yanda"), ("Jurek", "Urek"), ("Kowalski", "Kowalczyk")]:
        assert not same_name(key(a), key(b)), (a, b)


def test_a_chinese_name_in_characters_meets_its_pinyin() -> None:
    assert same_name(key("孟欣然"), key("Meng Xinran"))  # surname first: the Latin key is the end
    assert same_name(key("里瓦斯"), key("Rivas"))  # a foreign name written in characters


def test_different_people_stay_apart() -> None:
    for a, b in [("Bogdanov", "Borisov"), ("Rivas", "Ruiz"), ("孟欣然", "Wang Lei"), ("孟欣然", "王磊"),
                 ("Novak", "Nemec"), ("Lindqvist", "Lundgren")]:
        assert not same_name(key(a), key(b)), (a, b)


def test_a_foreign_name_in_characters_can_only_lean_on_its_country() -> None:
    assert han_foreign("森田", "Japan") and not han_foreign("孟欣然", "China")
    assert not han_foreign("morita", "Japan")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_a_key_is_its_own_name_and_the_skeleton_is_stable(word: str) -> None:
    assert same_name(word, word)
    assert skeleton(word) == skeleton(word.upper().lower())
    assert same_name(word, word + "x") == same_name(word + "x", word)
    assert all(ch in "skvptrmn" for ch in skeleton(word))


_WORDS = ["Министр", "иностранных", "дел", "России", "И.П.Соколова", "Présidente", "de", "la", "République",
          "homologue", "polonais", ",", "Ewa", "Nowak", "und", "Außenminister", "Polens", "外交部长", "孟欣然",
          "应约", "再次", "同", "波兰", "外长", "诺瓦克", "The", "Presidents", "of", "Poland", "and", "Finland",
          "Aino", "Lahti", "Gobierno", "del", "Presidenta", "\n", "副", "两天内"]


@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_title_readers_never_fail_and_never_name_a_title(words: list[str]) -> None:
    from compare.events.datephrases import lower_same_length
    from compare.events.titles import _TITLE, foreign_titled_people, pair_people

    text = " ".join(words)
    for person in [*foreign_titled_people(text, lower_same_length(text)), *pair_people(text)]:
        assert person.name is None or not any(_TITLE.fullmatch(w.lower()) for w in person.name.split())
        assert person.name is None or "\n" not in person.name

from __future__ import annotations

from test_align import lexicon

from compare.align.normalize import normalize, stem


def test_names_synonyms_numbers_become_canonical() -> None:
    a = normalize("The Russian President thanked Washington for six ventilators.", lexicon())
    b = normalize("Putin thanked the United States for 6 ventilators", lexicon())
    assert a.stems == b.stems
    assert "vladimir_putin" in a.tokens and "united_states" in a.tokens and "6" in a.tokens


def test_ordinals_and_stems() -> None:
    assert "45" in normalize("the 45th anniversary", lexicon()).tokens
    assert "1" in normalize("the first flight", lexicon()).tokens
    assert stem("initiated") == stem("initiation")
    assert stem("planned") == "plan"


def test_cached_and_stopwords_dropped() -> None:
    n = normalize("The talks were held at the request of Moscow.", lexicon())
    assert n is normalize("The talks were held at the request of Moscow.", lexicon())
    assert "the" not in n.content


def test_request_initiative_and_staying_in_contact_are_one_token_each() -> None:
    lex = lexicon()
    a = normalize("the meeting was held at Washington's request", lex)
    b = normalize("at the initiative of the American side", lex)
    assert {stem("initiative"), "united_states"} <= a.stems & b.stems
    stay = {normalize(t, lex).stems for t in ("agreed to keep in touch",
                                              "agreed to stay in touch",
                                              "agreed to continue contacts",
                                              "agreed to keep talking")}
    assert len(stay) == 1

"""Clause-level claims: coordinated predicates and topic lists split into single claims
(compare/claims/clauses.py through extract_claims).  Fresh invented examples in English,
French, German, Spanish, Russian and Chinese; a property test over generated sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.claims.claimtypes import ClaimTypeRules, parse_claim_type_rules
from compare.claims.clauses import any_verb_like, coordination_cuts, has_verb_form, list_items, verb_like
from compare.claims.extract import extract_claims
from compare.core.models import Claim, Document
from compare.core.rulefiles import default_rules_dir, load_rule_file


@pytest.fixture(scope="module")
def rules() -> ClaimTypeRules:
    return parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))


def _claims(text: str, rules: ClaimTypeRules, language: str = "en") -> list[Claim]:
    doc = Document(id="d", path="d.txt", sha256="0", text=text, event_id="ev", language=language)
    claims = extract_claims(doc, rules)
    end = 0
    for c in claims:
        assert text[c.span[0]:c.span[1]] == c.text
        assert c.span[0] >= end
        end = c.span[1]
    return claims


def _got(claims: list[Claim]) -> list[tuple[str | None, str]]:
    return [(c.context, c.text) for c in claims]


def _span(text: str, part: str) -> tuple[int, int]:
    at = text.index(part)
    return at, at + len(part)


# --------------------------------------------------------------------------- examples


def test_english_topic_list_keeps_subject_and_predicate(rules: ClaimTypeRules) -> None:
    text = "The two ministers agreed a fishing deal, easier visas and a direct hotline."
    claims = _claims(text, rules)
    assert _got(claims) == [
        (None, "The two ministers agreed a fishing deal"),
        ("The two ministers agreed", "easier visas"),
        ("The two ministers agreed", "a direct hotline"),
    ]
    assert [c.span for c in claims] == [
        _span(text, "The two ministers agreed a fishing deal"), _span(text, "easier visas"),
        _span(text, "a direct hotline")]
    assert {c.speaker for c in claims} == {"both"}  # every item keeps the sentence's subject


def test_english_coordinated_predicates_and_attribution(rules: ClaimTypeRules) -> None:
    text = ("Chancellor Weber discussed the harbour budget and agreed to meet the mayors again, "
            "the ministry said.")
    claims = _claims(text, rules)
    assert [c.text for c in claims] == ["Chancellor Weber discussed the harbour budget",
                                        "agreed to meet the mayors again"]
    assert [c.attribution for c in claims] == ["ministry", "ministry"]
    assert claims[1].speaker == claims[0].speaker


def test_english_list_with_particle_and_summary_lede(rules: ClaimTypeRules) -> None:
    text = ("The premiers touched upon the dispute over river tolls, rail freight, "
            "and the reopening of the old ferry line.")
    assert _got(_claims(text, rules)) == [
        (None, "The premiers touched upon the dispute over river tolls"),
        ("The premiers touched upon", "rail freight"),
        ("The premiers touched upon", "the reopening of the old ferry line"),
    ]


def test_as_well_as_adds_one_topic(rules: ClaimTypeRules) -> None:
    text = "The envoys discussed grain exports through the strait as well as the release of two trawlers."
    assert _got(_claims(text, rules)) == [
        (None, "The envoys discussed grain exports through the strait"),
        ("The envoys discussed", "the release of two trawlers"),
    ]


def test_french_coordinated_predicates(rules: ClaimTypeRules) -> None:
    text = "Les deux ministres ont discuté de la pêche et ont convenu de se revoir en juin."
    assert [c.text for c in _claims(text, rules, "fr")] == [
        "Les deux ministres ont discuté de la pêche", "ont convenu de se revoir en juin"]


def test_german_coordinated_predicates(rules: ClaimTypeRules) -> None:
    text = "Die Regierungschefs sprachen über den Hafen und vereinbarten ein weiteres Treffen im Herbst."
    claims = _claims(text, rules, "de")
    assert [c.text for c in claims] == ["Die Regierungschefs sprachen über den Hafen",
                                        "vereinbarten ein weiteres Treffen im Herbst"]
    assert [c.span for c in claims] == [_span(text, claims[0].text), _span(text, claims[1].text)]


def test_spanish_coordinated_predicates(rules: ClaimTypeRules) -> None:
    text = "Los cancilleres hablaron del puerto y acordaron reunirse de nuevo en otoño."
    assert [c.text for c in _claims(text, rules, "es")] == [
        "Los cancilleres hablaron del puerto", "acordaron reunirse de nuevo en otoño"]


def test_russian_predicates_and_topic_list(rules: ClaimTypeRules) -> None:
    text = "Министры обсудили торговлю и договорились встретиться снова."
    assert [c.text for c in _claims(text, rules, "ru")] == [
        "Министры обсудили торговлю", "договорились встретиться снова"]
    text = "Министры обсудили судоходство, рыболовство и туризм."
    assert _got(_claims(text, rules, "ru")) == [
        (None, "Министры обсудили судоходство"),
        ("Министры обсудили", "рыболовство"),
        ("Министры обсудили", "туризм"),
    ]


def test_chinese_list_and_clause(rules: ClaimTypeRules) -> None:
    text = "双方讨论了航运、渔业和旅游，并同意明年再次会晤。"
    got = _got(_claims(text, rules, "zh"))
    assert got[:3] == [(None, "双方讨论了航运"), ("双方讨论了", "渔业"), ("双方讨论了", "旅游")]
    assert got[3][1].startswith("并同意明年再次会晤")


@pytest.mark.parametrize("text", [
    "Officials from Chile, Peru and Ecuador met in Lima on Monday.",  # names, no predicate before
    "It was a long, frank and friendly conversation.",  # adjectives before one noun
    "The sides discussed oil, gas and electricity prices.",  # one head noun shared by the items
    "The mayors praised their open, frank and useful exchange.",  # adjectives of one noun
    "Kovac and Horvat agreed to extend the ferry contract.",  # a conjunction between names
    "The envoys spoke by phone on Monday, covering the budget, tolls and the ferry.",  # an adjunct
    # after a copula the list describes the subject (a tone: drift if reworded, not three claims)
    "The meeting of the mayors was cordial, practical and productive.",
    "Le dialogue a été franc, utile et approfondi.",
    "Die Gespräche der Ministerinnen waren offen, lang und nützlich.",
    "La reunión de los alcaldes fue cordial, práctica y productiva.",
])
def test_no_split(rules: ClaimTypeRules, text: str) -> None:
    assert _got(_claims(text, rules)) == [(None, text.rstrip("."))]


def test_noun_phrase_coordination_is_no_clause() -> None:
    assert coordination_cuts("Kovac and Horvat agreed to extend the ferry contract") == []
    assert list_items("Officials from Chile, Peru and Ecuador met in Lima") is None
    assert verb_like("agreed", "en", "to") and not verb_like("related", "en", "issues")
    assert verb_like("договорились", "ru") and verb_like("vereinbarten", "de", "ein")
    assert not any_verb_like("bilateral ferry traffic", "en")


# --------------------------------------------------------------------------- property

_SUBJECTS = ["The ministers", "Both delegations", "Prime Minister Ostrova", "The two envoys"]
_VERBS = ["discussed", "reviewed", "praised", "welcomed", "examined"]
_OBJECTS = ["river shipping", "the ferry contract", "grain exports", "the border crossings",
            "wind energy", "the new rail link", "student exchanges", "fishing quotas"]
_TAILS = ["agreed to meet again", "promised a joint statement", "said the talks were useful",
          "will send experts next month", "signed a memorandum"]
_JOINS = [" and ", ", and "]


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    subj = draw(st.sampled_from(_SUBJECTS))
    verb = draw(st.sampled_from(_VERBS))
    objs = draw(st.lists(st.sampled_from(_OBJECTS), min_size=1, max_size=4, unique=True))
    head = f"{subj} {verb} " + (objs[0] if len(objs) == 1 else
                                ", ".join(objs[:-1]) + draw(st.sampled_from(_JOINS)) + objs[-1])
    tails = draw(st.lists(st.sampled_from(_TAILS), max_size=2, unique=True))
    for t in tails:
        head += draw(st.sampled_from(_JOINS)) + t
    return head + "."


# Connectives between claims, and "said", whose "... and said X" leaves the claim X
# (the reporting verb is attribution, not content).
_CONNECTIVES = {"and", "also", "said"}


_RULES: list[ClaimTypeRules] = []


@settings(max_examples=150, deadline=None)
@given(_sentences())
def test_split_properties(sentence: str) -> None:
    if not _RULES:
        _RULES.append(parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()])))
    text = "Ferry talks\n\n" + sentence
    body = len("Ferry talks\n\n")
    claims = [c for c in _claims(text, _RULES[0]) if c.span[0] >= body]
    assert claims
    covered = [False] * len(text)
    for c in claims:
        a, b = c.span
        assert body <= a < b <= len(text)  # inside the sentence
        for i in range(a, b):
            assert not covered[i]  # no overlap
            covered[i] = True
        # no fragment without a verb-like word: a claim or, for a list item, the
        # predicate it carries as context
        assert has_verb_form(f"{c.context or ''} {c.text}", "en"), c.text
        if c.context is not None:
            assert c.context in text and text.index(c.context) < a
    for m in re.finditer(r"[A-Za-z]+", sentence):  # every content word is in some claim
        if m.group(0).lower() in _CONNECTIVES:
            continue
        assert covered[body + m.start()], m.group(0)
    n_objs = sum(sentence.count(o) for o in _OBJECTS)
    n_tails = sum(sentence.count(t) for t in _TAILS)
    if n_objs >= 3:  # a topic list after the first predicate: one claim per topic
        assert len(claims) >= n_objs + n_tails

"""Negation, hedge and tone lists run only on texts of their own language;
tone words of every language map to the names of the English tone list."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_align import lexicon

from compare.align.discrepancies import compare_across_languages, compare_pair, tone_in
from compare.align.lexicon import parse_lexicon
from compare.core.errors import RuleError
from compare.core.models import Claim
from compare.core.rulefiles import load_rule_file


def claim(doc: str, text: str) -> Claim:
    return Claim(id=f"{doc}:c1", document=doc, event="e", text=text, span=(0, len(text)),
                 type="statement")


def details(ref: str, other: str, language: str | None) -> list[str]:
    return [d for _, _, d in compare_pair(claim("ref", ref), claim("doc", other), lexicon(),
                                          language=language)]


@pytest.mark.parametrize(("language", "ref", "other"), [
    # Portuguese "no" = "em + o" (in the)
    ("pt", "Os ministros assinaram o acordo.", "Os ministros assinaram o acordo no palácio."),
    # Italian: "no" as an answer word, not a negation of the claim's verb
    ("it", "I ministri hanno firmato l'intesa.",
     "I ministri hanno firmato l'intesa, sì o no, nella capitale."),
])
def test_english_no_is_not_a_negation_in_another_language(language: str, ref: str,
                                                          other: str) -> None:
    found = details(ref, other, language)
    assert not any("negation" in d and d.endswith(": no") for d in found), found


def test_each_language_finds_its_own_negations_and_hedges() -> None:
    assert details("El gobierno firmó el acuerdo.", "El gobierno no firmó el acuerdo.",
                   "es") == ["negation added: no"]
    assert details("O governo assinou o acordo.", "O governo não assinou o acordo.",
                   "pt") == ["negation added: não"]
    assert details("Rząd podpisał umowę.", "Rząd podobno podpisał umowę.",
                   "pl") == ["hedge added: podobno"]
    assert details("Il governo ha firmato l'accordo.",
                   "Il governo ha firmato l'accordo in linea di principio.",
                   "it") == ["hedge added: in linea di principio"]
    assert details("Pemerintah menandatangani perjanjian.",
                   "Pemerintah tidak menandatangani perjanjian.",
                   "id") == ["negation added: tidak"]
    # English words in another language's text are not read as English
    assert details("Rząd podpisał umowę.", "Rząd podpisał umowę, not bad.", "pl") == []
    # English text still uses the English lists
    assert details("The minister signed the deal.", "The minister reportedly signed the deal.",
                   "en") == ["hedge added: reportedly"]
    # unknown language: every list (as before the lists had languages)
    assert details("Os ministros assinaram.", "Os ministros não assinaram.",
                   None) == ["negation added: não"]


def test_plain_list_applies_to_every_language_and_bad_code_is_named(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yaml").write_text('negations: ["nope"]\n')
    lex = parse_lexicon(load_rule_file("lexicon", [tmp_path]))
    assert lex.negations_for("fi") == (("nope",),)
    assert lex.negations_for("en") == (("nope",),)
    (tmp_path / "lexicon.yaml").write_text("hedges:\n  English: [maybe]\n")
    with pytest.raises(RuleError) as exc:
        parse_lexicon(load_rule_file("lexicon", [tmp_path]))
    assert "hedges" in str(exc.value.problems[0])


@pytest.mark.parametrize(("language", "text", "names"), [
    ("de", "Das Gespräch verlief offen, sachlich und konstruktiv.", {"businesslike",
                                                                     "constructive"}),
    ("fr", "L'entretien s'est déroulé dans une atmosphère chaleureuse et amicale.",
     {"warm", "friendly"}),
    ("es", "La reunión fue cordial y productiva.", {"cordial", "productive"}),
    ("pl", "Spotkanie miało konstruktywny i merytoryczny charakter.",
     {"constructive", "substantive"}),
    ("uk", "Переговори пройшли у відвертій і дружній атмосфері.", {"frank", "friendly"}),
    ("tr", "Toplantı olumlu ve verimli geçti.", {"positive", "productive"}),
    ("id", "Pertemuan berlangsung konstruktif dan produktif.", {"constructive", "productive"}),
    ("zh", "双方进行了坦诚、务实的交流。", {"frank", "pragmatic"}),
    ("ko", "회담은 우호적이고 생산적인 분위기에서 열렸다.", {"friendly", "productive"}),
    ("hi", "बैठक सौहार्दपूर्ण और सार्थक रही।", {"cordial", "productive"}),
    ("en", "The meeting was warm and businesslike.", {"warm", "businesslike"}),
])
def test_tone_words_of_each_language_map_to_one_name(language: str, text: str,
                                                     names: set[str]) -> None:
    assert tone_in(text, language, lexicon()) == names


def test_tone_is_unknown_without_a_list_for_the_language() -> None:
    assert tone_in("Kokous sujui rakentavassa hengessä.", "fi", lexicon()) is None
    assert tone_in("Kokous sujui rakentavassa hengessä.", "und", lexicon()) is None


def test_tone_drift_across_languages() -> None:
    ref = claim("ref", "Die Gespräche verliefen freundschaftlich und konstruktiv.")

    def across(text: str, language: str) -> list[str]:
        return [d for _, _, d in compare_across_languages(ref, claim("doc", text), lexicon(),
                                                          "de", language)]
    assert across("Les entretiens ont été amicaux et constructifs.", "fr") == []
    assert across("Rozmowy przebiegły w konstruktywnej atmosferze.", "pl") == [
        "tone words dropped: friendly"]
    assert across("会談は緊張した雰囲気の中で行われた。", "ja") == [
        "tone words dropped: constructive, friendly; tone words added: tense"]
    # no tone word on one side: the tone may be said in another sentence
    assert across("Die Minister trafen sich in Wien.", "de") == []
    # a changed figure comes first
    ref2 = claim("ref", "Handel soll 5 Mrd. Euro erreichen, sagten sie in freundlicher Stimmung.")
    got = compare_across_languages(ref2, claim("doc", "Handel ma osiągnąć 8 mld euro."),
                                   lexicon(), "de", "pl")
    assert [k for k, _, _ in got] == ["number_or_date_change"]


def test_tone_drift_within_another_language() -> None:
    assert details("Rozmowy były szczere i konstruktywne.", "Rozmowy były konstruktywne.",
                   "pl") == ["tone words dropped: frank"]
    assert details("Rozmowy były szczere i konstruktywne.",
                   "Premier mówił szczerze i konstruktywnie.", "pl") == []


def kinds_of(ref: str, other: str) -> list[str]:
    return [k for k, _, _ in compare_pair(claim("ref", ref), claim("doc", other), lexicon(),
                                          language="en")]


@pytest.mark.parametrize(("ref", "other", "kind"), [
    # praise is a stance; "discussed" keeps only the topic
    ("The ministers praised the work of the joint border commission.",
     "The ministers discussed the work of the joint border commission.", "wording_drift"),
    # a wish is weaker than an agreement
    ("The sides agreed to extend the fishing quota talks.",
     "The sides wanted to extend the fishing quota talks.", "wording_drift"),
    # an interest is weaker than a stated intention
    ("The two leaders expressed interest in a direct ferry line.",
     "The two leaders stated their intention to open a direct ferry line.", "wording_drift"),
    # "potentially" and "expected to" hedge a settled plan
    ("The ministers will meet in Tallinn in October.",
     "The ministers will potentially meet in Tallinn in October.", "negation_or_hedge"),
    ("The ministers will meet in Tallinn in October.",
     "The ministers are expected to meet in Tallinn in October.", "negation_or_hedge"),
])
def test_stance_words_and_hedges_of_english(ref: str, other: str, kind: str) -> None:
    assert kinds_of(ref, other)[:1] == [kind]
    # the same wording on both sides is no discrepancy
    assert kinds_of(other, other) == []


_JOINT_REF = "Macron and Scholz spoke in favour of a meeting of the two cabinets in Lyon."


@pytest.mark.parametrize("other", [
    "Macron invited Scholz to a meeting of the two cabinets in Lyon.",
    "Scholz even proposed to Macron a meeting of the two cabinets in Lyon.",
])
def test_a_joint_position_put_on_one_person_is_an_attribution_change(other: str) -> None:
    found = compare_pair(claim("ref", _JOINT_REF), claim("doc", other), lexicon(), language="en")
    assert found[0][0] == "attribution_change"
    assert "joint position put on one side" in found[0][2]


@pytest.mark.parametrize("other", [
    # still both as one subject, in other words
    "Scholz and Macron spoke in favour of a meeting of the two cabinets in Lyon.",
    "Emmanuel Macron and his German counterpart Olaf Scholz favoured a cabinet meeting in Lyon.",
    "Macron, Scholz back a meeting of the two cabinets in Lyon.",
])
def test_a_joint_subject_kept_is_no_attribution_change(other: str) -> None:
    kinds = [k for k, _, _ in compare_pair(claim("ref", _JOINT_REF), claim("doc", other),
                                           lexicon(), language="en")]
    assert "attribution_change" not in kinds


@pytest.mark.parametrize(("ref", "ref_lang", "other", "other_lang"), [
    ("Les ministres se rencontreront à Lyon en mai.", "fr",
     "Die Minister wollen sich angeblich im Mai in Lyon treffen.", "de"),
    ("Los ministros firmaron el acuerdo pesquero.", "es",
     "The ministers reportedly signed the fisheries agreement.", "en"),
])
def test_a_hedge_added_in_another_language_is_flagged(ref: str, ref_lang: str, other: str,
                                                       other_lang: str) -> None:
    found = compare_across_languages(claim("ref", ref), claim("doc", other), lexicon(),
                                     ref_lang, other_lang)
    assert [k for k, _, _ in found][:1] == ["negation_or_hedge"]
    # hedged on both sides, or in an unknown language: nothing to say
    assert compare_across_languages(claim("ref", other), claim("doc", other), lexicon(),
                                    other_lang, other_lang) == []
    assert compare_across_languages(claim("ref", ref), claim("doc", other), lexicon(),
                                    ref_lang, None) == []

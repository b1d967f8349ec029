"""Scope gate, truncation and calibrated confidence of the flags (issue 14)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align import REF, config, lexicon, make

from compare.align.alignment import align_event
from compare.align.flagmodel import FlagModel, Logistic, default_flag_model, parse_flag_model
from compare.align.flags import event_scope_features, flag_event, flag_event_features
from compare.core.errors import RuleError
from compare.core.rulefiles import load_rule_file

EXTRA = ["The delegations also reviewed the timetable for the joint customs office.",
         "The next round of talks will take place in Vienna in the autumn."]
BASE = REF + EXTRA

# A model without confidence and a scope that lets every claim through.
OPEN = FlagModel()


def flags_of(ref: list[str], other: list[str], model: FlagModel, *, truncated: bool = False
             ) -> list[tuple[str, str]]:
    event, docs, claims = make([("mfa", "primary", ref), ("wire", "wire", other)],
                               reference="mfa")
    if truncated:
        docs[1] = attrs.evolve(docs[1], truncated=True)
    event = attrs.evolve(event, date=dt.date(2023, 5, 4))
    event, groups = align_event(event, docs, claims, config(), lexicon())
    text = {c.id: c.text for c in claims}
    return sorted((f.kind, text.get(f.claim or f.reference_claim or "", ""))
                  for f in flag_event(event, docs, claims, groups, lexicon(), config(), model))


def test_scope_model_decides_which_loose_claims_can_be_additions() -> None:
    # A background sentence naming another year and an invented reaction.
    other = [*REF[:3], "The two countries first signed a river treaty in 1994.",
             "Kovac also announced a new ferry line between the two capitals."]
    everything = {t for k, t in flags_of(BASE, other, OPEN) if k == "addition"}
    assert set(other[3:]) <= everything
    # A scope model that holds a sentence naming another year to be background.
    background = FlagModel(scope=Logistic(3.0, (("other_year", -8.0),)), scope_threshold=0.5)
    kept = {t for k, t in flags_of(BASE, other, background) if k == "addition"}
    assert other[3] not in kept and other[4] in kept
    # Nothing is about the event: no additions at all, other flags unchanged.
    closed = FlagModel(scope=Logistic(-30.0), scope_threshold=0.5)
    got = flags_of(BASE, other, closed)
    assert not [t for k, t in got if k == "addition"]
    assert [x for x in flags_of(BASE, other, OPEN) if x[0] != "addition"] == got


def test_scope_features_are_general_and_work_in_other_languages() -> None:
    event, docs, claims = make(
        [("mfa", "primary", ["Die Minister sprachen über die Schifffahrt auf der Donau.",
                             "Das Gespräch war konstruktiv."]),
         ("wire", "wire", ["Die Minister sprachen über die Schifffahrt auf der Donau.",
                           "Der Vertrag wurde bereits 1994 unterzeichnet."])],
        reference="mfa")
    event = attrs.evolve(event, date=dt.date(2023, 5, 4))
    event, groups = align_event(event, docs, claims, config(), lexicon())
    feats = event_scope_features(event, docs, claims, groups, lexicon(), config())
    assert feats["wire:c2"]["other_year"] == 1.0 and feats["wire:c1"]["other_year"] == 0.0
    assert feats["wire:c1"]["aligned"] == 1.0 and feats["wire:c2"]["aligned"] == 0.0
    assert feats["wire:c1"]["support"] == 1.0
    assert all(0.0 <= v <= 5.0 for f in feats.values() for v in f.values())


def test_truncated_text_cut_while_reporting_is_never_blamed() -> None:
    # The wire reports the last reference claim first and is then cut in the
    # middle of its report: the earlier reference claims it lacks may follow.
    other = [EXTRA[1], REF[1]]
    kinds = {k for k, _ in flags_of(BASE, other, OPEN, truncated=True)}
    assert "omission" not in kinds and "possibly_truncated" in kinds
    # The same text, not truncated: those are omissions.
    assert "omission" in {k for k, _ in flags_of(BASE, other, OPEN)}


def test_truncated_text_that_moved_on_is_not_blamed_either() -> None:
    # The wire turns to unrelated news before the cut: the talks may still
    # come back after it (issue 14: a cut text is not blamed for what may
    # follow the cut; the written gold sets list such pairs as truncated).
    other = [EXTRA[1], REF[1], "Police reported heavy snow in the north on the same day.",
             "Farmers protested against fuel prices outside the parliament building."]
    closed_tail = FlagModel(scope=Logistic(-30.0), scope_threshold=0.5)
    kinds = {k for k, _ in flags_of(BASE, other, closed_tail, truncated=True)}
    assert "omission" not in kinds and "possibly_truncated" in kinds
    assert "omission" in {k for k, _ in flags_of(BASE, other, closed_tail)}


@settings(max_examples=25, deadline=None)
@given(st.floats(-4, 4), st.floats(-4, 4), st.floats(-4, 4))
def test_confidence_is_the_model_probability(b: float, w1: float, w2: float) -> None:
    model = FlagModel(confidence=Logistic(b, (("om", w1), ("ad_scope", w2))))
    event, docs, claims = make([("mfa", "primary", BASE),
                                ("wire", "wire", [*REF[:2], "Kovac praised the new ferry."])],
                               reference="mfa")
    event, groups = align_event(event, docs, claims, config(), lexicon())
    scored = flag_event(event, docs, claims, groups, lexicon(), config(), model)
    raw = flag_event_features(event, docs, claims, groups, lexicon(), config(), model)
    assert [f.id for f in scored] == [f.id for f, _ in raw]
    for flag, (_, feats) in zip(scored, raw, strict=True):
        assert 0.0 <= flag.score <= 1.0
        assert flag.score == pytest.approx(model.confidence.predict(feats), abs=1e-3)  # type: ignore[union-attr]


def test_shipped_model_loads_and_scores_are_probabilities() -> None:
    model = default_flag_model()
    assert model.confidence is not None and model.scope is not None
    assert 0.0 < model.default_cut < 1.0
    event, docs, claims = make([("mfa", "primary", BASE), ("wire", "wire", REF[:2])],
                               reference="mfa")
    event, groups = align_event(event, docs, claims, config(), lexicon())
    flags = flag_event(event, docs, claims, groups, lexicon(), config())
    assert flags and all(0.0 <= f.score <= 1.0 for f in flags)


def test_bad_model_file_names_file_line_and_path(tmp_path: Path) -> None:
    (tmp_path / "flag_model.yaml").write_text(
        "default_cut: 0.5\nconfidence:\n  intercept: 0.1\n  weights:\n    om: lots\n",
        encoding="utf-8")
    with pytest.raises(RuleError) as err:
        parse_flag_model(load_rule_file("flag_model", [tmp_path]))
    assert "flag_model.yaml:5: confidence.weights.om: expected a number" in str(err.value)
    (tmp_path / "flag_model.yaml").write_text("default_cut: 1.5\n", encoding="utf-8")
    with pytest.raises(RuleError, match="default_cut: expected a number between 0 and 1"):
        parse_flag_model(load_rule_file("flag_model", [tmp_path]))


def _majority_event(outlets: list[list[str]]) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    event, docs, claims = make([(f"o{n}", "outlet", s) for n, s in enumerate(outlets)])
    event, groups = align_event(event, docs, claims, config(), lexicon())
    assert event.reference_basis == "majority" and event.reference is None
    text = {c.id: c.text for c in claims}
    flags = flag_event(event, docs, claims, groups, lexicon(), config(), OPEN)
    return ([(f.kind, text.get(f.claim or "", ""), f.detail) for f in flags],
            {f.claim or "": text.get(f.reference_claim or "", "") for f in flags})


COMMON = ["The ministers discussed cooperation on river shipping along the Danube.",
          "The sides agreed to continue consultations at expert level."]
FERRY = "Kovac and Horvat agreed to open a ferry line across the lake next spring."


def test_a_group_below_the_majority_is_compared_with_its_most_supported_wording() -> None:
    # Ten outlets; three carry the ferry claim (below majority_share), two of
    # them word it alike and one drops the commitment: that one is compared
    # with the shared wording.
    weak = "Kovac and Horvat discussed a ferry line across the lake next spring."
    outlets = [[*COMMON, FERRY], [*COMMON, FERRY], [*COMMON, weak], *[COMMON] * 7]
    flags, refs = _majority_event(outlets)
    drift = [(t, d) for k, t, d in flags if k == "wording_drift" and t == weak]
    assert drift, flags
    assert refs[next(c for c in refs if c.startswith("o2:"))] == FERRY
    assert "compared with the wording most outlets carrying the claim use" in drift[0][1]
    # the seven outlets without the claim get an omission that says how few
    # outlets carry it (the confidence model weighs that)
    missing = [d for k, _, d in flags if k == "omission" and "ferry line" in d]
    assert len(missing) == 7 and all("(3 of 10 outlets report it)" in d for d in missing)


def test_a_group_whose_members_disagree_is_reported_as_such() -> None:
    variants = ["Kovac and Horvat discussed a ferry line across the lake next spring.",
                "Kovac and Horvat did not agree on a ferry line across the lake next spring."]
    outlets = [[*COMMON, FERRY], [*COMMON, variants[0]], [*COMMON, variants[1]], *[COMMON] * 7]
    flags, _ = _majority_event(outlets)
    # whichever wording is the most central, the other two differ from it
    on_ferry = [d for k, t, d in flags if t in (FERRY, *variants) and k != "addition"]
    assert len(on_ferry) == 2 and all("the outlets disagree on this claim (2 of 2" in d
                                      for d in on_ferry)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from([
    "The two countries first signed a river treaty in 1994.",
    "Kovac also announced a new ferry line between the two capitals.",
    "Police reported heavy snow in the north on the same day.",
    "Les ministres ont aussi parlé du prix du gaz.",
    "Horvat will visit the port of Rijeka next week.",
]), min_size=1, max_size=4, unique=True), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_a_stricter_scope_threshold_only_removes_additions(extra: list[str], t1: float,
                                                           t2: float) -> None:
    scope = Logistic(0.5, (("other_year", -2.0), ("future", -1.0), ("words", 0.3)))
    lo, hi = sorted((t1, t2))
    other = [*REF[:2], *extra]
    loose = {t for k, t in flags_of(BASE, other, FlagModel(scope, lo)) if k == "addition"}
    strict = {t for k, t in flags_of(BASE, other, FlagModel(scope, hi)) if k == "addition"}
    assert strict <= loose


def _additions_of(docs_spec: list[tuple[str, str, list[str]]], model: FlagModel,
                  duplicates: dict[str, str] | None = None) -> dict[str, set[str]]:
    event, docs, claims = make(docs_spec, reference="mfa", duplicates=duplicates)
    event, groups = align_event(event, docs, claims, config(), lexicon())
    text = {c.id: c.text for c in claims}
    out: dict[str, set[str]] = {}
    for f in flag_event(event, docs, claims, groups, lexicon(), config(), model):
        if f.kind == "addition":
            out.setdefault(f.document, set()).add(text[f.claim or ""])
    return out


FERRY_DE = "Kovac und Horvat vereinbarten, im nächsten Frühjahr eine Fährlinie über den See zu eröffnen."
SNOW = "Police reported heavy snow in the north on the same day."


def test_a_claim_another_outlet_also_makes_is_no_addition() -> None:
    # Two wires carry the ferry claim the readout lacks (one in German), a third
    # adds a line of its own: only that one stays an addition under the gate.
    spec = [("mfa", "primary", BASE), ("wire", "wire", [*REF[:2], FERRY]),
            ("blog", "outlet", [*REF[:2], FERRY_DE]), ("paper", "outlet", [*REF[:2], SNOW])]
    open_ = _additions_of(spec, OPEN)
    assert FERRY in open_["wire"] and SNOW in open_["paper"]
    gated = _additions_of(spec, FlagModel(said_elsewhere=0.65))
    assert FERRY not in gated.get("wire", set())
    assert FERRY_DE not in gated.get("blog", set())
    assert SNOW in gated["paper"]


def test_a_republished_copy_does_not_make_a_claim_shared() -> None:
    # The blog republishes the wire: the wire's own claim is still its addition.
    spec = [("mfa", "primary", BASE), ("wire", "wire", [*REF[:2], FERRY]),
            ("blog", "outlet", [*REF[:2], FERRY])]
    gated = _additions_of(spec, FlagModel(said_elsewhere=0.65), duplicates={"blog": "wire"})
    assert FERRY in gated["wire"]


def test_said_elsewhere_threshold_only_removes_additions() -> None:
    spec = [("mfa", "primary", BASE), ("wire", "wire", [*REF[:2], FERRY, SNOW]),
            ("blog", "outlet", [*REF[:2], FERRY_DE])]
    sets = [_additions_of(spec, FlagModel(said_elsewhere=t)) for t in (0.5, 0.7, 0.9)]
    sets.append(_additions_of(spec, OPEN))
    for stricter, looser in itertools.pairwise(sets):
        for doc, got in stricter.items():
            assert got <= looser.get(doc, set())


def test_an_unrelayed_claim_of_few_outlets_gives_no_omissions() -> None:
    # Ten outlets without a readout; three carry the ferry claim in their own
    # words, nobody credits it to an official source: at unrelayed_share 0.5
    # the seven others are not blamed for leaving it out.
    outlets = [[*COMMON, FERRY], [*COMMON, FERRY], [*COMMON, FERRY], *[COMMON] * 7]
    event, docs, claims = make([(f"o{n}", "outlet", s) for n, s in enumerate(outlets)])
    event, groups = align_event(event, docs, claims, config(), lexicon())

    def ferry_omissions(cl: list, model: FlagModel) -> int:
        flags = flag_event(event, docs, cl, groups, lexicon(), config(), model)
        return sum(f.kind == "omission" and "ferry line" in f.detail for f in flags)

    assert ferry_omissions(claims, OPEN) == 7
    gate = FlagModel(unrelayed_share=0.5)
    assert ferry_omissions(claims, gate) == 0
    # one outlet credits it to the foreign ministry: the others omit a claim of the event
    relayed = [attrs.evolve(c, attribution_kind="official") if c.id == "o1:c3" else c
               for c in claims]
    assert ferry_omissions(relayed, gate) == 7
    # carried by most outlets it needs no relay
    assert ferry_omissions(claims, FlagModel(unrelayed_share=0.3)) == 7


def test_said_elsewhere_and_unrelayed_share_are_read_from_the_model_file(tmp_path: Path) -> None:
    (tmp_path / "flag_model.yaml").write_text(
        "addition:\n  said_elsewhere: 0.7\nomission:\n  unrelayed_share: 0.4\n", encoding="utf-8")
    model = parse_flag_model(load_rule_file("flag_model", [tmp_path]))
    assert model.said_elsewhere == 0.7 and model.unrelayed_share == 0.4
    (tmp_path / "flag_model.yaml").write_text("omission:\n  unrelayed_share: 2\n",
                                              encoding="utf-8")
    with pytest.raises(RuleError, match=r"omission\.unrelayed_share: expected a number"):
        parse_flag_model(load_rule_file("flag_model", [tmp_path]))
    (tmp_path / "flag_model.yaml").write_text("default_cut: 0.5\n", encoding="utf-8")
    plain = parse_flag_model(load_rule_file("flag_model", [tmp_path]))
    assert plain.said_elsewhere is None and plain.unrelayed_share is None

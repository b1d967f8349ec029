"""Agreement across outlets (compare/align/flagagree.py), on texts written for
these tests (English, Spanish, German; invented ministers and places)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_align import config, make

from compare.align.embed import available
from compare.align.flagagree import add_agreement, agreement_names
from compare.core.models import Alignment, Flag

needs_model = pytest.mark.skipif(not available(config().embedding_model),
                                 reason="embedding model not installed")

REF = ["Minister Halvorsen and Minister Okafor discussed a ferry link across the Skarn strait.",
       "They agreed to open a joint customs post at the harbour of Velby.",
       "Halvorsen invited Okafor to visit the northern islands in the autumn.",
       "The talks were held in a friendly atmosphere."]


def flag(kind: str, doc: str, claim: str | None, ref: str | None,
         group: str | None = None) -> Flag:
    return Flag(id=f"{kind}:{doc}:{claim or ref}", event="ev", kind=kind,  # type: ignore[arg-type]
                document=doc, claim=claim, reference_claim=ref, score=0.5, detail="",
                alignment=group)


def run(docs: list[tuple[str, str, list[str]]], flags: list[Flag],
        groups: list[Alignment]) -> list[dict[str, float]]:
    event, documents, claims = make(docs, reference="mfa")
    out = add_agreement(event, documents, claims, groups, [(f, {}) for f in flags], config())
    return [x for _, x in out]


@needs_model
def test_an_omission_the_text_states_in_other_words_stands_out_from_a_real_one() -> None:
    # "wire" tells of the customs post in its own words and never of the
    # invitation; "agency" and "paper" report both (aligned with the reference)
    wire = [REF[0], "A shared customs checkpoint will be set up in Velby harbour, the two said."]
    docs = [("mfa", "primary", REF), ("wire", "wire", wire),
            ("agency", "wire", [REF[1], REF[2]]), ("paper", "wire", [REF[1], REF[2]])]
    groups = [Alignment(id=f"g{n}", event="ev", type="claim", reference_claim=f"mfa:c{n}",
                        claims=(f"mfa:c{n}", "agency:c1" if n == 2 else "agency:c2",
                                "paper:c1" if n == 2 else "paper:c2"))
              for n in (2, 3)]
    customs, invite = run(docs, [flag("omission", "wire", None, "mfa:c2", "g2"),
                                 flag("omission", "wire", None, "mfa:c3", "g3")], groups)
    # the customs post: as close as the outlets that report it, the invitation far below
    assert customs["om_member_gap"] > invite["om_member_gap"]
    assert customs["om_peer_rank"] >= invite["om_peer_rank"]
    for x in (customs, invite):
        assert 0.0 <= x["om_peer_rank"] <= 1.0 and 0.0 <= x["om_peer_mean"] <= 1.0


@needs_model
def test_an_addition_two_other_outlets_state_counts_as_agreed_in_any_language() -> None:
    extra = "Both ministers also promised money for a new lighthouse on Kalvøya."
    es = "Los ministros también prometieron fondos para un nuevo faro en Kalvøya."
    de = "Beide Minister sagten zudem Geld für einen neuen Leuchtturm auf Kalvøya zu."
    alone = "The minister's grandfather had been a fisherman in the south."
    docs = [("mfa", "primary", REF), ("wire", "wire", [REF[0], extra, alone]),
            ("diario", "wire", [REF[0], es]), ("zeitung", "wire", [REF[0], de])]
    groups = [Alignment(id=f"g{n}", event="ev", type="claim", reference_claim=f"mfa:c{n}",
                        claims=(f"mfa:c{n}",)) for n in range(1, 5)]
    agreed, single = run(docs, [flag("addition", "wire", "wire:c2", None),
                                flag("addition", "wire", "wire:c3", None)], groups)
    assert agreed["ad_peer_second"] > single["ad_peer_second"]
    assert agreed["ad_peer_mean"] > single["ad_peer_mean"]
    # the lighthouse is nearer the talks than the grandfather's trade
    assert agreed["ad_ref_centre"] > single["ad_ref_centre"]


@needs_model
def test_a_wording_the_other_outlets_share_is_read_as_theirs() -> None:
    warm = "The talks were held in a warm and friendly atmosphere."
    cold = "The talks were tense and ended without any agreement."
    docs = [("mfa", "primary", REF), ("wire", "wire", [warm]), ("blog", "wire", [cold]),
            ("agency", "wire", [warm.replace("warm and ", "warm, ")])]
    group = Alignment(id="g4", event="ev", type="claim", reference_claim="mfa:c4",
                      claims=("mfa:c4", "wire:c1", "blog:c1", "agency:c1"))
    shared, odd = run(docs, [flag("wording_drift", "wire", "wire:c1", "mfa:c4", "g4"),
                             flag("wording_drift", "blog", "blog:c1", "mfa:c4", "g4")], [group])
    assert shared["pr_peer_cosine"] > odd["pr_peer_cosine"]
    assert shared["pr_peer_gap"] > odd["pr_peer_gap"]


def test_without_the_model_no_feature_is_added() -> None:
    docs = [("mfa", "primary", REF), ("wire", "wire", [REF[0]])]
    event, documents, claims = make(docs, reference="mfa")
    cfg = attrs.evolve(config(), embedding_model="no-such-embedding-package")
    out = add_agreement(event, documents, claims, [],
                        [(flag("omission", "wire", None, "mfa:c2"), {"om": 1.0})], cfg)
    assert out[0][1] == {"om": 1.0}
    assert add_agreement(event, documents, claims, [], [], cfg) == []


@needs_model
@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(REF), min_size=1, max_size=4, unique=True),
       st.lists(st.sampled_from(REF), min_size=0, max_size=4, unique=True))
def test_agreement_is_bounded_for_any_outlets(wire: list[str], blog: list[str]) -> None:
    docs = [("mfa", "primary", REF), ("wire", "wire", wire), ("blog", "wire", blog or ["."])]
    flags = [flag("omission", "wire", None, f"mfa:c{n}") for n in range(1, 5)]
    flags += [flag("addition", "wire", f"wire:c{n}", None) for n in range(1, len(wire) + 1)]
    for x in run(docs, flags, []):
        assert set(x) <= set(agreement_names())
        for name, v in x.items():
            lo = -1.0 if name.endswith("_gap") else 0.0
            assert lo - 1e-6 <= v <= 1.0 + 1e-6, name

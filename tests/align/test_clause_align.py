"""Alignment of clause-level claims: the items of a compound claim ("agreed A, B and C")
join the groups of the documents that state each fact alone (fresh invented examples)."""

from __future__ import annotations

from functools import cache

import attrs

from compare.align.alignment import align_event
from compare.align.languages import reading
from compare.claims.claimtypes import ClaimTypeRules, parse_claim_type_rules
from compare.claims.extract import extract_claims
from compare.core.models import Claim, Document, Event
from compare.core.rulefiles import default_rules_dir, load_rule_file
from tests.align.test_align import config, lexicon


@cache
def _rules() -> ClaimTypeRules:
    return parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))


def _event(texts: dict[str, str]) -> tuple[Event, list[Document], list[Claim]]:
    docs, claims = [], []
    for did, text in texts.items():
        doc = Document(id=did, path=f"{did}.txt", sha256=did, text=text, outlet=did,
                       outlet_role="wire", event_id="ev")
        docs.append(doc)
        claims += [attrs.evolve(c, event="ev") for c in extract_claims(doc, _rules())]
    event = Event(id="ev", date=None, label="ev", kind="call", participants=(),
                  documents=tuple(d.id for d in docs))
    return event, docs, claims


TEXTS = {
    "harbour": ("Harbour Gazette\n\nThe fisheries ministers of Norland and Vesterland met in Bergvik on Monday. "
                "The two ministers agreed a joint fishing quota, easier visas for crews and a direct hotline "
                "between the coast guards."),
    "wire": ("Nordwire\n\nThe fisheries ministers of Norland and Vesterland met in Bergvik on Monday. "
             "They agreed on a joint fishing quota for the northern banks. "
             "Crews will get easier visas, the ministers said. "
             "A direct hotline will link the two coast guards."),
    "daily": ("Coast Daily\n\nNorland's fisheries minister met her Vesterland counterpart in Bergvik. "
              "The ministers settled a joint fishing quota. "
              "A hotline between the coast guards is planned."),
}


def test_list_items_join_the_groups_of_single_facts() -> None:
    event, docs, claims = _event(TEXTS)
    by_id = {c.id: c for c in claims}
    items = [c for c in claims if c.document == "harbour" and c.context]
    assert [c.text for c in items] == ["easier visas for crews", "a direct hotline between the coast guards"]
    assert all(reading(c).startswith("The two ministers agreed ") for c in items)
    _, groups = align_event(event, docs, claims, attrs.evolve(config(), align_method="graph"), lexicon())
    group_of = {cid: g.id for g in groups for cid in g.claims}

    def claim(doc: str, words: str) -> Claim:
        return next(c for c in claims if c.document == doc and words in c.text)

    # each fact of the compound sentence is grouped with the same fact elsewhere ...
    for doc_words, other in (("joint fishing quota", ("wire", "joint fishing quota")),
                             ("easier visas", ("wire", "easier visas")),
                             ("hotline", ("wire", "hotline"))):
        mine = claim("harbour", doc_words)
        assert group_of.get(mine.id) is not None and group_of.get(mine.id) == group_of.get(claim(*other).id), \
            (mine.text, [by_id[c].text for g in groups for c in g.claims if g.id == group_of.get(mine.id)])
    # ... and the three facts are three groups, not one
    assert len({group_of[claim("harbour", w).id] for w in ("joint fishing quota", "easier visas", "hotline")}) == 3
    # a document gives at most one claim to a group
    for g in groups:
        docs_in = [by_id[c].document for c in g.claims]
        assert len(docs_in) == len(set(docs_in))


def test_list_items_pair_with_a_readout_in_the_pivot_method() -> None:
    event, docs, claims = _event(TEXTS)
    docs = [attrs.evolve(d, outlet_role="primary") if d.id == "wire" else d for d in docs]
    event = attrs.evolve(event, reference="wire")
    _, groups = align_event(event, docs, claims, attrs.evolve(config(), align_method="pivot"), lexicon())
    by_id = {c.id: c for c in claims}
    for ref_words, item_words in (("easier visas", "easier visas for crews"),
                                  ("hotline", "a direct hotline between the coast guards")):
        grp = next(g for g in groups if g.reference_claim and ref_words in by_id[g.reference_claim].text)
        assert item_words in [by_id[c].text for c in grp.claims if by_id[c].document == "harbour"]

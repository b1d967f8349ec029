"""The event statement in any language: the sentence that dates the event and holds a
contact word states that the event took place, and is no claim the others must repeat.

Every text here is written for these tests; the people and places are invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from compare.claims.claimtypes import ClaimTypeRules, parse_claim_type_rules
from compare.claims.extract import event_sentence, extract_claims
from compare.core.models import Document
from compare.core.rulefiles import default_rules_dir, load_rule_file
from compare.events.calendar import EventCalendar
from compare.events.dates import date_document


@pytest.fixture(scope="module")
def rules() -> ClaimTypeRules:
    return parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))


def _dated(text: str, language: str) -> Document:
    doc = Document(id="d", path="d.txt", sha256="0", text=text, event_id="e1", language=language,
                   published=dt.date(2031, 3, 14))
    return date_document(doc, EventCalendar(), ())


CZECH = ("Premiér Jan Novák ve středu telefonoval s islandskou premiérkou Ástou Jónsdóttir.\n\n"
         "Oba politici se shodli na společném postupu při ochraně rybolovu v severním Atlantiku.\n")
SWAHILI = ("Rais Amani Juma amefanya mazungumzo kwa simu na Waziri Mkuu wa Iceland leo Ijumaa.\n\n"
           "Viongozi hao wamekubaliana kuimarisha biashara ya samaki kati ya nchi hizo mbili.\n")


@pytest.mark.parametrize(("text", "language"), [(CZECH, "cs"), (SWAHILI, "sw")])
def test_the_dated_contact_sentence_is_the_event_statement(text: str, language: str,
                                                            rules: ClaimTypeRules) -> None:
    doc = _dated(text, language)
    span = event_sentence(doc)
    assert span is not None and text[span[0]:span[1]].startswith(text.split("\n")[0][:20])
    claims = extract_claims(doc, rules)
    first, second = claims[0], claims[-1]
    assert first.event_statement
    assert not second.event_statement  # what the leaders agreed is a claim


def test_a_dated_sentence_without_a_contact_word_is_a_claim(rules: ClaimTypeRules) -> None:
    text = ("Vláda ve středu schválila nový zákon o rybolovu.\n\n"
            "Zákon vstoupí v platnost v červenci.\n")
    doc = _dated(text, "cs")
    assert event_sentence(doc) is None
    assert not any(c.event_statement for c in extract_claims(doc, rules))

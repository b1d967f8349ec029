"""A call reported in six languages, five of which the function-word table does not know
(tests/data/modellangs, written for the tests): each page gets its language, the event's
date and both leaders, and the six make one event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compare.core.models import Document
from compare.events.cluster import cluster_documents
from compare.events.identity import same_name, surname_key
from compare.events.participants import parse_participant
from compare.ingest.read import read_inputs
from compare.pipeline import DEFAULT_MAX_BYTES, prepare_documents
from compare.rules import compile_rules

DATA = Path(__file__).resolve().parent.parent / "data" / "modellangs"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    sources, _ = read_inputs([DATA / "docs"], manifest=DATA / "manifest.csv", max_bytes=DEFAULT_MAX_BYTES)
    return prepare_documents(sources, compile_rules([]))


def test_each_page_gets_its_language_date_and_both_leaders(docs: list[Document]) -> None:
    assert sorted(d.language for d in docs) == ["az", "en", "et", "kk", "sl", "sq"]
    for d in docs:
        assert d.event_date == dt.date(2026, 12, 2), d.id
        keys = [surname_key(name) for p in d.participants if (name := parse_participant(p)[0])]
        # the English and the Azerbaijani spellings; a name may carry a case ending
        # ("Məmmədoviga", Estonian: with Mammadov)
        for spellings in (("Virtanen",), ("Mammadov", "Məmmədov")):
            wants = [surname_key(w) for w in spellings]
            assert any(same_name(k, w) or k.startswith(w) for k in keys for w in wants), \
                (d.id, d.participants)


def test_the_six_pages_make_one_event(docs: list[Document]) -> None:
    events, _ = cluster_documents(docs)
    assert [len(e.documents) for e in events] == [6]
    assert events[0].date == dt.date(2026, 12, 2)

"""Documents that name nobody, in languages that share no words, join an event on the
embeddings of their leads (``cluster.LEAD_JOIN``).  Every text is written for the tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.core.models import Document
from compare.events.cluster import LEAD_JOIN, cluster_documents
from compare.ingest.read import read_inputs
from compare.pipeline import DEFAULT_MAX_BYTES, lead_encoder, prepare_documents
from compare.rules import compile_rules

D = dt.date
DATA = Path(__file__).resolve().parent.parent / "data" / "leadjoin"


DAY = D(2031, 6, 10)


def doc(doc_id: str, language: str, title: str, participants: tuple[str, ...] = ()) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text=title,
                    title=title, language=language, event_date=DAY, event_kind="call",
                    participants=participants)


def fake_encoder(vectors: dict[str, Sequence[float]]):  # type: ignore[no-untyped-def]
    """Leads encoded by their title: each title's unit vector as given."""
    def encode(texts: Sequence[str]) -> np.ndarray:
        rows = [np.asarray(vectors[t.split("\n", 1)[0]], dtype=np.float32) for t in texts]
        return np.stack([r / np.linalg.norm(r) for r in rows])
    return encode


def test_without_an_encoder_documents_in_other_languages_that_name_nobody_stay_apart() -> None:
    docs = [doc("en", "en", "Call A", ("Aino Virtanen (Finland)", "Kaia Kask (Estonia)")),
            doc("ja", "ja", "電話会談"), doc("ko", "ko", "전화 통화")]
    events, _ = cluster_documents(docs)
    assert sorted(len(e.documents) for e in events) == [1, 1, 1]


def test_close_leads_join_the_event_and_far_ones_do_not() -> None:
    enc = fake_encoder({"Call A": [1, 0, 0], "電話会談": [0.9, 0.1, 0], "전화 통화": [0.8, 0.2, 0],
                        "Other news": [0, 0, 1]})
    docs = [doc("en", "en", "Call A", ("Aino Virtanen (Finland)", "Kaia Kask (Estonia)")),
            doc("ja", "ja", "電話会談"), doc("ko", "ko", "전화 통화"), doc("ar", "ar", "Other news")]
    events, out = cluster_documents(docs, enc)
    joined = next(e for e in events if "en" in e.documents)
    assert sorted(joined.documents) == ["en", "ja", "ko"]
    assert {d.event_id for d in out if d.id == "ar"} != {joined.id}


def test_two_events_about_as_close_are_not_guessed_between() -> None:
    # the Japanese lead is as close to both calls of the day: it stays apart
    enc = fake_encoder({"Call A": [1, 0, 0], "Call B": [0, 1, 0], "電話会談": [0.7, 0.7, 0]})
    docs = [doc("a", "en", "Call A", ("Aino Virtanen (Finland)", "Kaia Kask (Estonia)")),
            doc("b", "en", "Call B", ("Lena Vogt (Germany)", "Jan Nowak (Poland)")),
            doc("ja", "ja", "電話会談")]
    events, _ = cluster_documents(docs, enc)
    assert sorted(len(e.documents) for e in events) == [1, 1, 1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["en", "ja", "ko", "ar", "tr"]),
                          st.lists(st.floats(-1, 1), min_size=3, max_size=3)), min_size=1, max_size=6))
def test_a_lead_join_needs_two_languages_and_the_threshold(rows: list[tuple[str, list[float]]]) -> None:
    vectors = {f"T{i}": (v if any(abs(x) > 1e-3 for x in v) else [1.0, 0, 0]) for i, (_, v) in enumerate(rows)}
    docs = [doc(f"d{i}", lang, f"T{i}") for i, (lang, _) in enumerate(rows)]
    enc = fake_encoder(vectors)
    events, _ = cluster_documents(docs, enc)
    unit = {k: np.asarray(v) / np.linalg.norm(v) for k, v in vectors.items()}
    for e in events:
        members = [d for d in docs if d.id in e.documents]
        for m in members:
            # every member of a multi-document event of nobody-named documents has a
            # member in another language whose lead reaches the threshold
            if len(members) > 1:
                assert any(o.language != m.language and float(unit[o.title] @ unit[m.title]) >= LEAD_JOIN - 1e-6
                           for o in members if o is not m) or any(o.language == m.language for o in members
                                                                 if o is not m)


@pytest.fixture(scope="module")
def leadjoin_docs() -> list[Document]:
    rules = compile_rules([])
    sources, _ = read_inputs([DATA / "docs"], manifest=DATA / "manifest.csv", max_bytes=DEFAULT_MAX_BYTES)
    return prepare_documents(sources, rules)


def test_one_call_in_six_languages_is_one_event_with_the_model(leadjoin_docs: list[Document]) -> None:
    encode = lead_encoder(compile_rules([]))
    if encode is None:
        pytest.skip("the multilingual embedding model is not installed")
    assert sorted(d.language for d in leadjoin_docs) == ["ar", "en", "id", "ja", "ko", "pt"]
    # the titles of Japanese, Korean and Arabic are read (compare.events.scripttitles): all
    # six name the pair and join on the names without the model
    assert all(d.participants for d in leadjoin_docs)
    assert [len(e.documents) for e in cluster_documents(leadjoin_docs)[0]] == [6]
    # with those names unread, the three name nobody and only their leads' embeddings can
    # join them to the call
    leadjoin_docs = [attrs.evolve(d, participants=()) if d.language in ("ar", "ja", "ko") else d
                     for d in leadjoin_docs]
    events, _ = cluster_documents(leadjoin_docs, encode)
    assert [len(e.documents) for e in events] == [6]
    assert events[0].date == D(2031, 6, 10)
    assert events[0].reference == "mofa-ja"
    alone, _ = cluster_documents(leadjoin_docs)
    # without the model the names the other documents give are found again in the Arabic and
    # Korean leads (compare.events.anchors reads both scripts in Latin letters): five join on
    # the names; the Japanese page writes the Japanese leader in kanji and stays alone
    assert sorted(len(e.documents) for e in alone) == [1, 5]

"""A batch's length limit (compare/ingest/documents.py length_caps, compare/pipeline.py
mark_capped): when many of a batch's texts end at one byte length, a scraper cut them
there, and a text of that length is an excerpt even where the cut falls after a full
stop.  Every text here is written for these tests."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from compare.core.models import SourceText
from compare.ingest.documents import CAP_MIN_BYTES, CAP_MIN_DOCS, CAP_SLACK, at_cap, length_caps
from compare.pipeline import prepare_documents, source_bytes
from compare.rules import compile_rules


def test_a_length_many_texts_share_is_a_limit() -> None:
    lengths = [2001] * 6 + [1999, 2000, 1500, 812, 640, 1203, 1777, 950, 433, 1290]
    assert length_caps(lengths) == [2001]
    assert at_cap(2001, [2001]) and at_cap(2001 - CAP_SLACK, [2001])
    assert not at_cap(2001 - CAP_SLACK - 1, [2001]) and not at_cap(2002, [2001])
    # too few texts at one length, or too small a share of the batch: no limit
    assert length_caps([2001] * (CAP_MIN_DOCS - 1) + [900, 1200]) == []
    assert length_caps([2001] * CAP_MIN_DOCS + list(range(100, 160))) == []
    assert length_caps([]) == []
    # short texts of one length (a feed's teasers) are whole
    assert length_caps([CAP_MIN_BYTES - 1] * 10) == []


@given(st.lists(st.integers(0, 3000), max_size=60))
def test_limits_are_lengths_of_the_batch(lengths: list[int]) -> None:
    caps = length_caps(lengths)
    assert caps == sorted(caps, reverse=True)
    for cap in caps:
        assert lengths.count(cap) >= CAP_MIN_DOCS and cap >= CAP_MIN_BYTES
    # a text is at a limit only within the slack below it
    for n in lengths:
        assert at_cap(n, caps) == any(c - CAP_SLACK <= n <= c for c in caps)


def _source(name: str, text: str) -> SourceText:
    return SourceText(path=f"{name}.txt", text=text, fmt="txt", sha256=hashlib.sha256(text.encode()).hexdigest())


def _ending_at(n: int, head: str) -> str:
    """``head`` and a last sentence whose figure is padded so that the text is ``n`` bytes
    and ends on a full stop."""
    tail = " The fund is worth 1 kroner."
    zeros = n - len((head + tail).encode())
    assert zeros >= 0
    return head + tail.replace("1 kroner", "1" + "0" * zeros + " kroner")


def test_a_text_at_the_batch_limit_is_an_excerpt_even_after_a_full_stop() -> None:
    cut = "Minister Lund spoke with President Okafor on Friday about the harbour and the "
    whole = "Minister Lund spoke with President Okafor on Friday about the harbour."
    # six pages the scraper cut at 400 bytes (mid-sentence), one it cut right after a full
    # stop, one just under the limit, and short whole pages
    sources = [_source(f"cut{i}", (cut + "shipping lanes of the north " * 20)[:400]) for i in range(6)]
    body = whole + " They agreed to meet again in the spring." * 6
    sources.append(_source("fullstop", _ending_at(400, body)))
    sources.append(_source("under", _ending_at(400 - CAP_SLACK - 1, body)))
    sources += [_source(f"short{i}", whole + f" It was call number {i}.") for i in range(8)]
    assert length_caps(source_bytes(sources)) == [400]
    docs = {d.path: d for d in prepare_documents(sources, compile_rules([]))}
    assert all(docs[f"cut{i}.txt"].truncated for i in range(6))
    assert docs["fullstop.txt"].text.endswith("kroner.") and docs["fullstop.txt"].truncated
    assert not docs["under.txt"].truncated  # below the limit: a whole text
    assert not any(docs[f"short{i}.txt"].truncated for i in range(8))

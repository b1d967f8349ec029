"""Baseline aligners: sentence splitting, the two similarity scores, and flags on a known case."""

from __future__ import annotations

import attrs
import pytest
from eval_helpers import GOLD, perfect_report
from hypothesis import given
from hypothesis import strategies as st

from compare.evaluation.baselines import (
    Thresholds,
    containment,
    difflib_score,
    greedy_match,
    run_baseline,
    split_sentences,
    words,
)
from compare.evaluation.gold import load_gold
from compare.evaluation.metrics import score_report


def test_split_sentences_spans() -> None:
    text = "HEADER\n\nFirst one. Second one! \"Third,\" he said. 4 more?\nLast line"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "HEADER", "First one.", "Second one!", "\"Third,\" he said.", "4 more?", "Last line"]


@given(st.text(alphabet="ab .!?\n", max_size=60))
def test_split_sentences_spans_are_ordered_and_stripped(text: str) -> None:
    last = 0
    for s, e in split_sentences(text):
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e


def test_scores() -> None:
    a = words("They agreed to expand grain trade.")
    b = words("They agreed to double grain trade.")
    assert difflib_score(a, a) == 1.0 and difflib_score(a, []) == 0.0
    assert difflib_score(a, b) == pytest.approx(2 * 5 / 12)
    # 3-gram shingles: 4 each, shared: "they agreed to" only
    assert containment(a, b) == pytest.approx(1 / 4)
    assert containment(words("grain trade"), words("grain trade")) == 1.0


def test_greedy_match_is_one_to_one_best_first() -> None:
    doc = [["a", "b", "c"], ["a", "b", "x"]]
    ref = [["a", "b", "c"]]
    assert greedy_match(doc, ref, difflib_score, 0.1) == {0: (0, 1.0)}


def test_difflib_baseline_flags_known_case() -> None:
    report = run_baseline(perfect_report(), "difflib", Thresholds(match=0.4, same=0.9))
    assert report.tool_version == "baseline-difflib"
    by_doc = {(f.document, f.kind) for f in report.flags}
    # The duplicate is left out; the wire drops "river security" and adds the consulate.
    assert not any(f.document == "dup" for f in report.flags)
    claim_text = {c.id: c.text for c in report.claims}
    omitted = [claim_text[f.reference_claim or ""] for f in report.flags if f.kind == "omission"]
    added = [claim_text[f.claim or ""] for f in report.flags if f.kind == "addition"]
    drift = [claim_text[f.claim or ""] for f in report.flags if f.kind == "wording_drift"]
    assert "They discussed river security." in omitted
    assert "Officials also announced a new consulate." in added
    assert "They agreed to double grain trade." in drift
    assert ("wire", "omission") in by_doc
    ids = [f.id for f in report.flags]
    assert len(ids) == len(set(ids))


def test_baselines_are_scored_by_the_same_code() -> None:
    gold = load_gold(GOLD)
    # difflib pairs "expand grain trade" with "double grain trade" (ratio 0.83); the 3-gram
    # containment of that pair is 1/4, below ngram's threshold, so ngram finds only the tone.
    for name, recall in (("difflib", 1.0), ("ngram", 0.5)):
        m = score_report(run_baseline(perfect_report(), name), gold).metrics
        assert m["dates.event_exact"] == 1.0 and m["cluster.bcubed_f1"] == 1.0
        assert m["flags.omission.r"] == 1.0  # "river security" is absent from the wire
        assert m["alignment.r"] == recall
    with pytest.raises(ValueError, match="unknown baseline"):
        run_baseline(perfect_report(), "nope")


def test_majority_fallback_reference_is_longest_document() -> None:
    base = perfect_report()
    events = tuple(attrs.evolve(e, reference=None) for e in base.events)
    report = run_baseline(attrs.evolve(base, events=events), "ngram")
    refs = {a.reference_claim.split(":")[0] for a in report.alignments if a.reference_claim}
    longest = max((d for d in base.documents if d.event_id == "e-call" and d.duplicate_of is None),
                  key=lambda d: len(d.text))
    assert refs == {longest.id, "other"}

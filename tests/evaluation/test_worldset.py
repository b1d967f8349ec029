"""tests/data/worldset: a second held-out multilingual set (original fiction), in languages the
multiling set does not have (ja, ko, id, tr, pl, uk, pt, ar, it, hi; one English wire per event).

The first tests check the set itself (it loads with the project's loader, every quote is an
exact substring of its document, every (document, claim) pair is accounted for exactly once,
the manifest agrees with the gold, and the set still has what it was written to test).  The
last one runs the tool on it as a user would (``run --manifest``), scores the report and checks
floors.yaml.  The set is HELD OUT: no rule, list or threshold may be fitted to it (README.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from compare.evaluation.gold import STATUSES, Gold, load_gold

SET = Path(__file__).resolve().parents[1] / "data" / "worldset"
GOLD = SET / "gold.yaml"
MANIFEST = SET / "manifest.csv"
FLOORS = SET / "floors.yaml"
# languages the multiling set does not cover; the set must keep at least six of them
NEW_LANGUAGES = {"ja", "ko", "id", "tr", "pl", "uk", "pt", "ar", "it", "hi"}


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return data


def _text(file: str) -> str:
    return (SET / file).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gold() -> Gold:
    return load_gold(GOLD)


def test_gold_loads_with_the_project_loader(gold: Gold) -> None:
    assert len(gold.documents) >= 15
    assert all(d.path.is_file() for d in gold.documents)
    assert all(d.event is None or d.event in {e.id for e in gold.events} for d in gold.documents)
    for ev in gold.events:
        if ev.reference is not None:
            assert gold.document(ev.reference).event == ev.id


def test_every_quote_is_an_exact_substring_of_its_document() -> None:
    raw = _raw()
    missing = [f"{m['doc']}: {m['quote']!r}" for m in raw["mentions"] if m["quote"] not in _text(m["doc"])]
    for d in raw["documents"]:
        evidence = d.get("event_date_evidence") or {}
        for quote in [evidence.get("quote"), *d.get("other_dates", [])]:
            if quote is not None and quote not in _text(d["file"]):
                missing.append(f"{d['file']}: {quote!r}")
    assert not missing, "\n".join(missing)


def test_every_claim_pair_is_accounted_for_exactly_once() -> None:
    raw = _raw()
    docs_of: dict[str, list[str]] = {}
    for d in raw["documents"]:
        if d["event"] is not None:
            docs_of.setdefault(d["event"], []).append(d["file"])
    claim_event = {c["id"]: e["id"] for e in raw["events"] for c in e["claims"]}
    expected = {(doc, c) for c, ev in claim_event.items() for doc in docs_of[ev]}
    seen = Counter((m["doc"], m["claim"]) for m in raw["mentions"] if m["claim"] is not None)
    seen.update((o["doc"], o["claim"]) for o in raw["omissions"])
    seen.update((t["doc"], t["claim"]) for t in raw.get("truncated_pairs", []))
    assert {p for p, n in seen.items() if n > 1} == set()
    assert set(seen) - expected == set(), "a pair names a claim of another event"
    assert expected - set(seen) == set(), "a pair is neither mentioned, omitted nor truncated"
    claim_docs = {doc for doc, _ in expected}
    assert all(m["doc"] in claim_docs for m in raw["mentions"])
    assert all(m["status"] in STATUSES and (m["claim"] is None) == (m["status"] == "addition")
               for m in raw["mentions"])
    truncated = {d["file"] for d in raw["documents"] if d.get("truncated")}
    assert {t["doc"] for t in raw.get("truncated_pairs", [])} <= truncated


def test_manifest_agrees_with_the_gold(gold: Gold) -> None:
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        rows = {r["path"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {d.file for d in gold.documents}
    for d in gold.documents:
        row = rows[d.file]
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        assert published == d.published, d.file
        assert row["url"].startswith("https://") and row["outlet"]


def test_the_set_keeps_what_it_was_written_to_test(gold: Gold) -> None:
    raw = _raw()
    language = {d["file"]: d["language"] for d in raw["documents"]}
    assert len(set(language.values()) & NEW_LANGUAGES) >= 6
    claim_events = [e for e in gold.events if e.claims]
    assert len(claim_events) >= 3
    for ev in claim_events:
        files = [d["file"] for d in raw["documents"] if d["event"] == ev.id]
        assert len(files) >= 5, ev.id
        assert sum(language[f] == "en" for f in files) <= 1, ev.id  # one English wire at most
        assert len({language[f] for f in files}) >= 3, ev.id
        kinds = {m["status"] for m in raw["mentions"] if m["doc"] in files}
        assert {"addition", "wording_drift", "number_or_date_change"} <= kinds, ev.id
        assert any(o["doc"] in files for o in raw["omissions"]), ev.id
        assert any(t["doc"] in files for t in raw["truncated_pairs"]), ev.id
    # a distractor: the same two leaders on another day
    distractors = [e for e in gold.events if not e.claims]
    assert any(d.id.rsplit("-", 3)[0] == c.id.rsplit("-", 3)[0] and d.date != c.date
               for d in distractors for c in claim_events)
    assert any(d.published is None for d in gold.documents)
    assert any(d.duplicate_of is not None for d in gold.documents)


# --------------------------------------------------------------------------- the tool on the set


def _figures_line(metrics: dict[str, float], names: list[str]) -> str:
    return ", ".join(f"{n} {metrics[n]:.3f}" for n in names)


@pytest.mark.slow
def test_tool_on_the_set_with_the_manifest(gold: Gold) -> None:
    """Runs as a user would (``run docs --manifest manifest.csv``), scores the report against
    the gold, prints the figures and checks them against floors.yaml (the figures of the day
    the set was written, minus 0.05)."""
    from compare.evaluation.evaluate import check_floors, format_table, load_floors
    from compare.evaluation.metrics import score_report
    from compare.ingest.read import read_inputs
    from compare.pipeline import DEFAULT_MAX_BYTES, analyse
    from compare.rules import compile_rules

    start = time.perf_counter()
    sources, skipped = read_inputs([SET / "docs"], manifest=MANIFEST, max_bytes=DEFAULT_MAX_BYTES)
    assert not skipped
    report = analyse(sources, compile_rules([]), skipped=skipped)
    score = score_report(report, gold)
    assert score.details["documents_matched"] == score.details["documents_gold"] == len(gold.documents)
    print(f"\nworldset, run with the manifest ({time.perf_counter() - start:.1f} s):\n"
          + format_table({"tool": score.metrics}))
    print(_figures_line(score.metrics, ["dates.event_exact", "cluster.bcubed_f1", "alignment.p",
                                        "alignment.r", "alignment.f1", "flags.micro.f1",
                                        "flags.at_cut.micro.p", "flags.at_cut.micro.r"]))
    floors = load_floors(FLOORS)
    assert floors, "floors.yaml is empty"
    assert check_floors(score.metrics, floors) == []

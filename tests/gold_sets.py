"""Checks shared by the tests of the gold sets written for the project (tests/data/multiling,
tests/data/worldset, tests/data/worldset2; tests/evaluation/test_written_sets.py runs the
checks every set shares): the set is consistent with itself and its manifest, and the tool run on
it as a user runs it (``run docs --manifest manifest.csv``) stays above its floors.yaml."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from compare.evaluation.gold import STATUSES, Gold


def raw_gold(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    return data


def missing_quotes(folder: Path) -> list[str]:
    """Quotes of the gold (mentions and their other occurrences, date evidence, other dates)
    that are not exact substrings of their document."""
    raw = raw_gold(folder)

    def text(file: str) -> str:
        return (folder / file).read_text(encoding="utf-8")

    missing = [f"{m['doc']}: {q!r}" for m in raw["mentions"] for q in [m["quote"], *m.get("alt_quotes", [])]
               if q not in text(m["doc"])]
    for d in raw["documents"]:
        evidence = d.get("event_date_evidence") or {}
        for quote in [evidence.get("quote"), *d.get("other_dates", [])]:
            if quote is not None and quote not in text(d["file"]):
                missing.append(f"{d['file']}: {quote!r}")
    return missing


def check_pairs_accounted_once(raw: dict[str, Any]) -> None:
    """Every (document, claim) pair of a claim-gold event is in exactly one of mentions,
    omissions and truncated_pairs; additions belong to documents of claim-gold events, and
    statuses are the loader's."""
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


def check_manifest(gold: Gold, manifest: Path) -> None:
    """The manifest lists exactly the gold's documents, with their publication dates."""
    with manifest.open(encoding="utf-8", newline="") as fh:
        rows = {r["path"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {d.file for d in gold.documents}
    for d in gold.documents:
        row = rows[d.file]
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        assert published == d.published, d.file
        assert row["url"].startswith("https://") and row["outlet"]


def run_with_manifest(folder: Path, gold: Gold, name: str) -> dict[str, float]:
    """Run the tool on ``folder``/docs with its manifest as a user would, score it
    (every gold document must be matched) and print the figures; the metrics."""
    from compare.evaluation.evaluate import format_table
    from compare.evaluation.metrics import score_report
    from compare.ingest.read import read_inputs
    from compare.pipeline import DEFAULT_MAX_BYTES, analyse
    from compare.rules import compile_rules

    sources, skipped = read_inputs([folder / "docs"], manifest=folder / "manifest.csv",
                                   max_bytes=DEFAULT_MAX_BYTES)
    assert not skipped
    report = analyse(sources, compile_rules([]), skipped=skipped)
    score = score_report(report, gold)
    assert score.details["documents_matched"] == score.details["documents_gold"] == len(gold.documents)
    print(f"\n{name}, run with the manifest:\n" + format_table({"tool": score.metrics}))
    return dict(score.metrics)


def run_against_floors(folder: Path, gold: Gold, name: str, shown: list[str]) -> dict[str, float]:
    """:func:`run_with_manifest`, then print ``shown`` and assert floors.yaml holds;
    the metrics."""
    from compare.evaluation.evaluate import check_floors, load_floors

    metrics = run_with_manifest(folder, gold, name)
    print(", ".join(f"{n} {metrics[n]:.3f}" for n in shown))
    floors = load_floors(folder / "floors.yaml")
    assert floors, "floors.yaml is empty"
    assert check_floors(metrics, floors) == []
    return metrics


def check_gold_loads(gold: Gold, at_least: int) -> None:
    """The project's loader reads the set: its documents exist, events and references agree."""
    assert len(gold.documents) >= at_least
    assert all(d.path.is_file() for d in gold.documents)
    assert all(d.event is None or d.event in {e.id for e in gold.events} for d in gold.documents)
    for ev in gold.events:
        if ev.reference is not None:
            assert gold.document(ev.reference).event == ev.id

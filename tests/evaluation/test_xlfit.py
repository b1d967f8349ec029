"""tests/data/xlfit: a labelled FIT set for the flag confidence model (original fiction): three
contacts (a phone call, an official visit, a video call), each with an official readout in one
language and outlets in other languages (ko/da/es references; hu, sk, ms, fi, nb, bg, ca, hr and
en, de, ar, fr, pt outlets), plus a distractor.

Unlike worldset2 this set is NOT held out: benchmarks/fit_flags.py may read it (README.md). It
has no floors.  tests/evaluation/test_written_sets.py checks what every written set must be
(it loads, every quote is an exact substring, every pair is accounted for once, the manifest
agrees); these tests check that it still has what it was written for and that the tool runs
on it and the scoring sees every document.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from gold_sets import raw_gold, run_with_manifest

from compare.evaluation.gold import DISCREPANCIES, Gold, load_gold

SET = Path(__file__).resolve().parents[1] / "data" / "xlfit"
GOLD = SET / "gold.yaml"


@pytest.fixture(scope="module")
def gold() -> Gold:
    return load_gold(GOLD)


def test_the_set_keeps_what_it_was_written_for(gold: Gold) -> None:
    raw = raw_gold(SET)
    language = {d["file"]: d["language"] for d in raw["documents"]}
    claim_events = [e for e in raw["events"] if e["claims"]]
    assert len(claim_events) >= 3
    assert {"call", "visit", "video_call"} <= {e["kind"] for e in claim_events}
    all_statuses: set[str] = set()
    for ev in claim_events:
        files = [d["file"] for d in raw["documents"] if d["event"] == ev["id"]]
        assert 5 <= len(files) <= 7, ev["id"]
        assert 5 <= len(ev["claims"]) <= 7, ev["id"]
        # every outlet writes in another language than the reference readout
        ref_language = language[ev["reference"]]
        assert all(language[f] != ref_language for f in files if f != ev["reference"]), ev["id"]
        statuses = {m["status"] for m in raw["mentions"] if m["doc"] in files}
        all_statuses |= statuses
        assert "addition" in statuses, ev["id"]
        assert any(o["doc"] in files for o in raw["omissions"]), ev["id"]
        assert any(t["doc"] in files for t in raw["truncated_pairs"]), ev["id"]
        # at least one compound sentence: one quote of an outlet states two claims
        quotes = Counter((m["doc"], m["quote"]) for m in raw["mentions"]
                         if m["doc"] in files and m["claim"] is not None)
        assert any(n >= 2 for n in quotes.values()), ev["id"]
    assert all_statuses >= set(DISCREPANCIES)
    distractors = [e for e in gold.events if not e.claims]
    assert any(d.id.rsplit("-", 3)[0] == c.id.rsplit("-", 3)[0] and d.date != c.date
               for d in distractors for c in gold.events if c.claims)
    assert any(d.published is None for d in gold.documents)


@pytest.mark.slow
def test_tool_runs_on_the_set_with_the_manifest(gold: Gold) -> None:
    """Runs as a user would (``run docs --manifest manifest.csv``) and scores the report; prints
    the figures.  No floors: this is a fit set, its figures are not a measure."""
    metrics = run_with_manifest(SET, gold, "xlfit")
    for name in ("dates.event_exact", "cluster.bcubed_f1", "alignment.f1", "flags.micro.f1"):
        assert 0.0 <= metrics[name] <= 1.0

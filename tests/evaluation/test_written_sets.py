"""What every gold set written for the project (the held-out tests/data/multiling, worldset,
worldset2 and the fit set xlfit) must be: it loads with the project's loader, every quote is an exact substring of its
document, every (document, claim) pair of a claim-gold event is accounted for exactly once,
and the manifest agrees with the gold.  Each set's own file checks what that set was written
to test and runs the tool on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from gold_sets import check_gold_loads, check_manifest, check_pairs_accounted_once, missing_quotes, raw_gold

from compare.evaluation.gold import load_gold

DATA = Path(__file__).resolve().parents[1] / "data"
# each set and the fewest documents it must keep
SETS = {"multiling": 35, "worldset": 15, "worldset2": 15, "xlfit": 19}


@pytest.mark.parametrize(("name", "documents"), SETS.items(), ids=list(SETS))
def test_gold_loads_with_the_project_loader(name: str, documents: int) -> None:
    check_gold_loads(load_gold(DATA / name / "gold.yaml"), documents)


@pytest.mark.parametrize("name", list(SETS))
def test_every_quote_is_an_exact_substring_of_its_document(name: str) -> None:
    missing = missing_quotes(DATA / name)
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("name", list(SETS))
def test_every_claim_pair_is_accounted_for_exactly_once(name: str) -> None:
    check_pairs_accounted_once(raw_gold(DATA / name))


@pytest.mark.parametrize("name", list(SETS))
def test_manifest_agrees_with_the_gold(name: str) -> None:
    check_manifest(load_gold(DATA / name / "gold.yaml"), DATA / name / "manifest.csv")

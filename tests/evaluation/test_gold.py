"""Gold loading: the devset format, path resolution and one-line errors naming file:line: field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from eval_helpers import GOLD, TINY

from compare.core.errors import InputError
from compare.evaluation.gold import find_seeds_dir, load_gold, resolve_file


def test_loads_tiny_gold() -> None:
    gold = load_gold(GOLD)
    assert len(gold.documents) == 4
    wire = gold.document("docs/quayside_2024-01-10_call.txt")
    assert wire.published == dt.date(2024, 1, 10) and wire.event == "call-2024-01-10"
    assert wire.path == (TINY / "docs" / "quayside_2024-01-10_call.txt").resolve()
    assert gold.document("docs/harbourdigest_2024-01-11_call.txt").duplicate_of == wire.file
    call = gold.event("call-2024-01-10")
    assert call.date == dt.date(2024, 1, 10) and [c.id for c in call.claims] == [
        "call.trade", "call.security", "call.tone"]
    assert gold.claim("call.tone").type == "tone"
    assert len(gold.mentions) == 9 and len(gold.omissions) == 2
    assert gold.document("docs/ministry_2024-01-10_call.txt").date_quote == "on 10\u00a0January 2024"


def test_seed_paths_resolve_to_seeds_dir(tmp_path: Path) -> None:
    gold_dir = tmp_path / "set"
    (gold_dir).mkdir()
    (tmp_path / "seeds").mkdir()
    assert find_seeds_dir(gold_dir / "gold.yaml") == tmp_path / "seeds"
    (gold_dir / "seeds").mkdir()
    assert find_seeds_dir(gold_dir / "gold.yaml") == gold_dir / "seeds"
    explicit = tmp_path / "mine"
    explicit.mkdir()
    assert find_seeds_dir(gold_dir / "gold.yaml", explicit) == explicit
    assert resolve_file("seeds/000_x.txt", gold_dir, explicit) == explicit / "000_x.txt"
    assert resolve_file("docs/a.txt", gold_dir, explicit) == gold_dir / "docs" / "a.txt"
    with pytest.raises(InputError, match="seeds folder does not exist"):
        find_seeds_dir(gold_dir / "gold.yaml", tmp_path / "nope")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "gold.yaml"
    path.write_text(body, encoding="utf-8")
    return path


BASE = """\
documents:
  - file: docs/a.txt
    event: ev1
    published: "2024-02-01"
events:
  - id: ev1
    date: "2024-02-01"
    reference: docs/a.txt
    claims:
      - {id: c1, text: "A claim."}
"""


@pytest.mark.parametrize(("extra", "message"), [
    ("mentions:\n  - {doc: docs/a.txt, claim: c1, quote: q, status: typo}\n",
     r"gold\.yaml:12: mentions\[0\]\.status: unknown status 'typo'"),
    ("mentions:\n  - {doc: docs/b.txt, claim: c1, quote: q, status: faithful}\n",
     r"mentions\[0\]\.doc: unknown document 'docs/b\.txt'"),
    ("mentions:\n  - {doc: docs/a.txt, claim: c9, quote: q, status: faithful}\n",
     r"mentions\[0\]\.claim: unknown claim id 'c9'"),
    ("mentions:\n  - {doc: docs/a.txt, claim: c1, quote: q, status: addition}\n",
     r"claim must be null exactly when status is 'addition'"),
    ("mentions:\n  - {doc: docs/a.txt, claim: c1, status: faithful}\n",
     r"mentions\[0\]\.quote: missing"),
    ("omissions:\n  - {doc: docs/a.txt}\n", r"omissions\[0\]\.claim: missing"),
    ("omissions: 3\n", r"omissions: must be a list"),
])
def test_bad_gold_names_line_and_field(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_gold(_write(tmp_path, BASE + extra))


def test_bad_dates_events_and_yaml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"documents\[0\]\.published: must be a date"):
        load_gold(_write(tmp_path, BASE.replace('"2024-02-01"', '"Feb 1"', 1)))
    with pytest.raises(InputError, match=r"documents\[0\]\.event: unknown event 'ev2'"):
        load_gold(_write(tmp_path, BASE.replace("event: ev1", "event: ev2")))
    with pytest.raises(InputError, match=r"events\[0\]\.reference: 'docs/z\.txt' is not a listed"):
        load_gold(_write(tmp_path, BASE.replace("reference: docs/a.txt", "reference: docs/z.txt")))
    with pytest.raises(InputError, match=r"gold\.yaml:\d+: YAML syntax error"):
        load_gold(_write(tmp_path, "documents: [\n"))
    with pytest.raises(InputError, match="gold file not found"):
        load_gold(tmp_path / "none.yaml")


def test_unquoted_yaml_dates_accepted(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path, BASE.replace('"2024-02-01"', "2024-02-01")))
    assert gold.events[0].date == dt.date(2024, 2, 1)
    assert gold.documents[0].published == dt.date(2024, 2, 1)


def test_devset_loads_when_present() -> None:
    devset = Path(__file__).resolve().parents[3] / "shared" / "devset" / "gold.yaml"
    if not devset.is_file():
        pytest.skip("../shared/devset not present")
    gold = load_gold(devset)
    assert len(gold.documents) >= 16 and gold.mentions and gold.omissions


def test_truncated_pairs_are_read_and_may_not_repeat_an_omission(tmp_path: Path) -> None:
    from compare.evaluation.gold import GoldOmission, parse_gold

    data = {
        "documents": [{"file": "docs/a.txt", "event": "ev"}, {"file": "docs/b.txt", "event": "ev"}],
        "events": [{"id": "ev", "date": "2021-03-04", "reference": "docs/a.txt",
                    "claims": [{"id": "ev.c1", "text": "Les parties ont parlé du gaz."},
                               {"id": "ev.c2", "text": "Sie sprachen über Getreide."}]}],
        "omissions": [{"doc": "docs/b.txt", "claim": "ev.c1"}],
        "truncated_pairs": [{"doc": "docs/b.txt", "claim": "ev.c2", "note": "cut mid-word"}],
    }
    gold = parse_gold(data, tmp_path / "gold.yaml")
    assert gold.truncated_pairs == (GoldOmission("docs/b.txt", "ev.c2"),)
    assert gold.omissions == (GoldOmission("docs/b.txt", "ev.c1"),)
    data["truncated_pairs"] = [{"doc": "docs/b.txt", "claim": "ev.c1"}]
    with pytest.raises(InputError, match=r"truncated_pairs\[0\].*listed under omissions too"):
        parse_gold(data, tmp_path / "gold.yaml")
    data["truncated_pairs"] = [{"doc": "docs/b.txt", "claim": "ev.c9"}]
    with pytest.raises(InputError, match=r"unknown claim id 'ev\.c9'"):
        parse_gold(data, tmp_path / "gold.yaml")

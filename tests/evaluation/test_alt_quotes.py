"""Gold ``alt_quotes`` (other occurrences of a claim in a document): the
loader reads them, and a flag whose reference claim is such an occurrence is
judged against that gold claim (issue 14: realdev's gold names the deciding
quote of each mention and keeps verbatim repeats as alt_quotes)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from eval_helpers import GOLD, perfect_report

from compare.core.errors import InputError
from compare.evaluation.gold import Gold, load_gold
from compare.evaluation.metrics import score_report

REF_FILE = "docs/ministry_2024-01-10_call.txt"


def _moved(alt: tuple[str, ...]) -> Gold:
    """eval_tiny's gold with the reference's mention of call.security deciding on
    another passage of the press release, the sentence itself an alt quote."""
    gold = load_gold(GOLD)
    mentions = tuple(
        attrs.evolve(m, quote="Press release", alt_quotes=alt)
        if (m.doc, m.claim) == (REF_FILE, "call.security") else m for m in gold.mentions)
    return attrs.evolve(gold, mentions=mentions)


def test_an_omission_whose_reference_claim_is_an_alt_quote_is_right() -> None:
    report = perfect_report()  # its omission's reference claim is "They discussed river security."
    without = score_report(report, _moved(())).metrics
    with_alt = score_report(report, _moved(("They discussed river security.",))).metrics
    assert without["flags.omission.p"] == 0.0
    assert with_alt["flags.omission.p"] == 1.0 and with_alt["flags.omission.r"] == 1.0
    # alignment is scored on the deciding quotes alone
    assert with_alt["alignment.p"] == without["alignment.p"]


def test_loader_reads_alt_quotes_and_rejects_bad_ones(tmp_path: Path) -> None:
    text = GOLD.read_text(encoding="utf-8")
    line = ('quote: "They discussed river security.", note: reference}')
    assert line in text
    good = tmp_path / "gold.yaml"
    good.write_text(text.replace(line, line[:-1] + ', alt_quotes: ["river security"]}'),
                    encoding="utf-8")
    (tmp_path / "docs").symlink_to(GOLD.parent / "docs")
    gold = load_gold(good)
    m = next(m for m in gold.mentions if (m.doc, m.claim) == (REF_FILE, "call.security"))
    assert m.alt_quotes == ("river security",)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(line, line[:-1] + ", alt_quotes: [3]}"), encoding="utf-8")
    with pytest.raises(InputError, match="alt_quotes"):
        load_gold(bad)
    # a value that is empty or false but not a list is an error too, not "none"
    for value in ('""', "false", "{}"):
        bad.write_text(text.replace(line, line[:-1] + f", alt_quotes: {value}}}"),
                       encoding="utf-8")
        with pytest.raises(InputError, match="alt_quotes: must be a list of non-empty strings"):
            load_gold(bad)

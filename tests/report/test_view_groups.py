"""View.group: a claim may sit in several groups (graph alignment); the flag's
group is the one it shares with its reference claim, never the last one seen."""

from __future__ import annotations

from compare.core.models import Alignment, Flag, Report
from compare.report.view import View


def _flag(claim: str | None, ref: str | None, alignment: str | None = None) -> Flag:
    return Flag(id="f1", event="e1", kind="wording_drift", document="d2", claim=claim,
                reference_claim=ref, score=0.8, detail="", alignment=alignment)


def _view() -> View:
    # d2:c1 lists two topics ("discussed fishing quotas and rail freight") and
    # sits in the group of each; d1 states each topic on its own.
    groups = (Alignment(id="e1:g1", event="e1", claims=("d1:c1", "d2:c1"), type="other",
                        reference_claim="d1:c1"),
              Alignment(id="e1:g2", event="e1", claims=("d1:c2", "d2:c1"), type="other",
                        reference_claim="d1:c2"),
              Alignment(id="e1:g3", event="e1", claims=("d1:c3",), type="other",
                        reference_claim="d1:c3"))
    return View.of(Report(tool_version="t", documents=(), events=(), alignments=groups))


def test_a_claim_keeps_every_group() -> None:
    view = _view()
    assert [a.id for a in view.group_of["d2:c1"]] == ["e1:g1", "e1:g2"]


def test_the_group_shared_with_the_reference_claim_wins() -> None:
    view = _view()
    assert view.group(_flag("d2:c1", "d1:c1")) == "e1:g1"
    assert view.group(_flag("d2:c1", "d1:c2")) == "e1:g2"


def test_fallbacks() -> None:
    view = _view()
    assert view.group(_flag("d2:c1", "d1:c3")) == "e1:g1"  # no shared group: the claim's first
    assert view.group(_flag(None, "d1:c3")) == "e1:g3"      # an omission: the reference's group
    assert view.group(_flag("d2:c1", "d1:c1", alignment="e1:g2")) == "e1:g2"
    assert view.group(_flag("zz", None)) is None

"""An item split from a list or a coordinated clause ("easier visas") is shown
after the words it shares with its sentence ("The ministers agreed … easier
visas"), escaped like any article text, in the Markdown and HTML pages."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from report_fixtures import build_report

from compare.core.models import Claim
from compare.report.output import write_report
from compare.report.view import View, claim_text, coverage

CONTEXT = "Die Minister <b>einigten</b> sich auf"


def test_claim_text() -> None:
    plain = Claim(id="d:c1", document="d", event="e", text="easier visas", span=(10, 22))
    assert claim_text(plain) == "easier visas"
    split = attrs.evolve(plain, context="The ministers agreed on")
    assert claim_text(split) == "The ministers agreed on … easier visas"


def _with_context() -> object:
    report = build_report()
    claims = tuple(attrs.evolve(c, context=CONTEXT) for c in report.claims)
    return attrs.evolve(report, claims=claims)


def test_coverage_rows_show_the_context() -> None:
    report = _with_context()
    view = View.of(report)  # type: ignore[arg-type]
    event = report.events[0]  # type: ignore[attr-defined]
    _, rows = coverage(view, event)
    assert rows and all(r.label.startswith(CONTEXT + " … ") for r in rows if r.label)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_pages_show_the_context_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(_with_context(), Path("reports"), (fmt, "json"))  # type: ignore[arg-type]
    folder = Path("reports/events" if fmt == "md" else "reports/html/events")
    pages = "".join(p.read_text("utf-8") for p in folder.glob(f"*.{fmt}"))
    assert "einigten" in pages and "…" in pages
    assert "<b>einigten</b>" not in pages  # article text never becomes markup

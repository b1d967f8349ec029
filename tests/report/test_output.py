"""Writing and reading a report folder: round trip, stale pages, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from report_fixtures import build_report

from compare.core.errors import InputError
from compare.report.output import read_report, write_report


def test_round_trip(tmp_path: Path) -> None:
    report = build_report()
    write_report(report, tmp_path, ("json",))
    assert read_report(tmp_path) == report
    assert (tmp_path / "texts" / "kremlin-2021-11-15.txt").read_text("utf-8") == report.documents[0].text
    assert not (tmp_path / "index.md").exists() and not (tmp_path / "html").exists()
    data = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert all("text" not in d and "segment_lines" not in d for d in data["documents"])


def test_segment_lines_go_beside_the_segments(tmp_path: Path) -> None:
    report = build_report()
    write_report(report, tmp_path, ("json",))
    texts = tmp_path / "texts"
    kremlin = json.loads((texts / "kremlin-2021-11-15.segments.json").read_text("utf-8"))
    assert [entry[3] for entry in kremlin] == [3, 5, 7, 9]  # [clean, source, length, line]
    blog = json.loads((texts / "lakeside-notes-2021-11-16.segments.json").read_text("utf-8"))
    assert all(len(entry) == 3 for entry in blog)  # HTML: no file lines
    back = read_report(tmp_path)
    assert [d.segment_lines for d in back.documents] == [d.segment_lines for d in report.documents]
    assert [d.segments for d in back.documents] == [d.segments for d in report.documents]
    (texts / "kremlin-2021-11-15.segments.json").write_text("[[0, 1, 2, 3], [4, 5, 6]]\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_report(tmp_path)
    assert str(err.value) == (f"{texts}/kremlin-2021-11-15.segments.json: bad segment map: "
                              "some entries have a line and some do not")


def test_formats(tmp_path: Path) -> None:
    write_report(build_report(), tmp_path, ("md", "html"))
    for name in ("report.json", "index.md", "events/e-2021-11-15-call.md", "html/index.html",
                 "html/events/e-2021-11-18-meeting.html"):
        assert (tmp_path / name).is_file(), name


def test_stale_pages_and_texts_are_removed_but_nothing_else(tmp_path: Path) -> None:
    report = build_report()
    write_report(report, tmp_path, ("md", "html"))
    (tmp_path / "events" / "notes.md").write_text("my own notes\n", "utf-8")
    (tmp_path / "reviews.yaml").write_text("schema: outlet-compare/reviews/v1\ndecisions: {}\n", "utf-8")
    smaller = attrs.evolve(report, events=report.events[:1],
                           documents=tuple(d for d in report.documents if d.id != "quay-post-2021-11-18"),
                           flags=tuple(f for f in report.flags if f.event == report.events[0].id))
    write_report(smaller, tmp_path, ("md", "html"))
    assert not (tmp_path / "events" / "e-2021-11-18-meeting.md").exists()
    assert not (tmp_path / "html" / "events" / "e-2021-11-18-meeting.html").exists()
    assert not (tmp_path / "texts" / "quay-post-2021-11-18.txt").exists()
    assert (tmp_path / "events" / "e-2021-11-15-call.md").exists()
    assert (tmp_path / "events" / "notes.md").read_text("utf-8") == "my own notes\n"
    assert (tmp_path / "reviews.yaml").exists()


def test_missing_report(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_report(tmp_path)
    assert str(err.value) == f"{tmp_path}/report.json: no report here (run 'outlet-compare run' first)"


def test_corrupt_report(tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text('{"schema": "outlet-compare/report/v1",\n  oops}', "utf-8")
    with pytest.raises(InputError) as err:
        read_report(tmp_path)
    assert str(err.value) == (f"{tmp_path}/report.json:2: not valid JSON: "
                              "Expecting property name enclosed in double quotes")


def test_report_against_schema_and_missing_text(tmp_path: Path) -> None:
    write_report(build_report(), tmp_path, ("json",))
    (tmp_path / "texts" / "kremlin-2021-11-15.txt").unlink()
    with pytest.raises(InputError) as err:
        read_report(tmp_path)
    assert str(err.value) == (f"{tmp_path}/texts/kremlin-2021-11-15.txt: "
                              "text of document 'kremlin-2021-11-15' is missing")
    data = json.loads((tmp_path / "report.json").read_text("utf-8"))
    data["events"][0]["documents"] = "kremlin"
    (tmp_path / "report.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(InputError) as err:
        read_report(tmp_path)
    assert str(err.value) == f"{tmp_path}/report.json: events[0].documents: 'kremlin' is not of type 'array'"

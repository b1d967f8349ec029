"""The JSON report: schema field names, round trip, validation errors."""

from __future__ import annotations

import json

import pytest
from report_fixtures import build_report

from compare.core.errors import InputError
from compare.core.models import Segment
from compare.report.jsonio import (
    report_from_dict,
    report_to_dict,
    segments_from_list,
    segments_to_list,
    validate_report_dict,
)


def test_report_dict_follows_the_design_schema() -> None:
    report = build_report()
    d = report_to_dict(report)
    assert list(d)[:2] == ["schema", "tool_version"]
    assert d["schema"] == "outlet-compare/report/v1"
    doc = d["documents"][0]
    for key in ("id", "path", "outlet", "published", "title", "language", "event_id", "event_date",
                "date_evidence", "duplicate_of", "sha256"):
        assert key in doc
    assert "text" not in doc and "segments" not in doc and "event_date_evidence" not in doc
    assert "segment_lines" not in doc  # goes beside the segments, in texts/<id>.segments.json
    assert d["events"][1]["uncompared"] == [[
        "bodensee-kurier-2021-11-18",
        "not compared (language de; install the embed extra with a multilingual model)"]]
    assert d["events"][0]["uncompared"] == []
    assert doc["published"] == "2021-11-15"
    assert doc["date_evidence"]["quote"].startswith("On November 15")
    assert doc["date_evidence"]["rule"] == "explicit_date_near_event_word"
    assert d["events"][0]["documents"][0] == "kremlin-2021-11-15"
    assert d["claims"][1]["span"] == [86, 164]
    flag = d["flags"][0]
    assert set(flag) >= {"id", "event", "kind", "document", "claim", "reference_claim", "score",
                         "detail", "review", "lexicon_class", "diff"}
    assert flag["review"] == {"status": "open", "note": None, "user": None, "time": None}
    assert flag["diff"][1] == {"op": "delete", "text": "two leaders agreed to continue contacts at the level of"}
    assert d["skipped"][0]["path"] == "inputs/broken.html"
    json.dumps(d)  # plain JSON types only
    validate_report_dict(d)


def test_round_trip_with_texts() -> None:
    report = build_report()
    d = json.loads(json.dumps(report_to_dict(report)))
    texts = {doc.id: doc.text for doc in report.documents}
    back = report_from_dict(d, texts, {doc.id: doc.segments for doc in report.documents},
                            {doc.id: doc.segment_lines for doc in report.documents})
    assert back == report
    assert back.events[1].uncompared == report.events[1].uncompared
    assert [doc.segments for doc in back.documents] == [doc.segments for doc in report.documents]
    assert [doc.segment_lines for doc in back.documents] == [doc.segment_lines for doc in report.documents]


def test_segment_map_with_and_without_lines() -> None:
    segments = (Segment(0, 12, 30), Segment(31, 45, 20))
    assert segments_to_list(segments, (3, 5)) == [[0, 12, 30, 3], [31, 45, 20, 5]]
    assert segments_from_list([[0, 12, 30, 3], [31, 45, 20, 5]]) == (segments, (3, 5))
    # HTML: no file lines; lines not parallel to the segments are not written
    assert segments_to_list(segments) == [[0, 12, 30], [31, 45, 20]]
    assert segments_to_list(segments, (3,)) == [[0, 12, 30], [31, 45, 20]]
    assert segments_from_list([[0, 12, 30], [31, 45, 20]]) == (segments, ())
    assert segments_from_list([]) == ((), ())
    for bad in ([[0, 12, 30, 3], [31, 45, 20]], [[0, 12]], [[0, 1, 2, True]], {"a": 1}, [[0, 1, "2"]]):
        with pytest.raises(ValueError):
            segments_from_list(bad)


def test_unknown_keys_are_ignored_and_missing_texts_are_empty() -> None:
    d = report_to_dict(build_report())
    d["flags"][0]["future_field"] = 1
    d["documents"][0]["headline"] = "x"
    back = report_from_dict(d)
    assert back.documents[0].text == ""
    assert back.flags[0].id == "f-wd01"


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.pop("flags"), "reports/report.json: (top level): 'flags' is a required property"),
    (lambda d: d["flags"][2].update(score="high"),
     "reports/report.json: flags[2].score: 'high' is not of type 'number'"),
    (lambda d: d["flags"][0].update(kind="typo"),
     "reports/report.json: flags[0].kind: 'typo' is not one of ['omission', 'addition', "
     "'wording_drift', 'number_or_date_change', 'attribution_change', 'negation_or_hedge', "
     "'possibly_truncated']"),
    (lambda d: d["documents"][1].update(published="1 June 2020"),
     "reports/report.json: documents[1].published: '1 June 2020' does not match "
     "'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"),
    (lambda d: d["events"][1]["uncompared"][0].pop(),
     "reports/report.json: events[1].uncompared[0]: ['bodensee-kurier-2021-11-18'] is too short"),
    (lambda d: d.update(schema="other/v2"),
     "reports/report.json: schema: 'outlet-compare/report/v1' was expected"),
])
def test_validation_errors_name_file_and_field(mutate, message) -> None:  # type: ignore[no-untyped-def]
    d = report_to_dict(build_report())
    mutate(d)
    with pytest.raises(InputError) as err:
        validate_report_dict(d, "reports/report.json")
    assert str(err.value) == message


def test_streamed_report_json_is_the_dumped_dict_character_for_character() -> None:
    import attrs
    from report_fixtures import build_report

    from compare.core.models import Skipped
    from compare.report.jsonio import iter_report_json, report_to_dict
    from compare.report.output import dump_json

    report = build_report()
    assert "".join(iter_report_json(report)) == dump_json(report_to_dict(report))
    # Empty lists, a skipped file with a quote in its reason, text in other scripts.
    other = attrs.evolve(report, flags=(), alignments=(),
                         skipped=(Skipped(path='in/"x".txt', reason="пустой файл\t"),))
    assert "".join(iter_report_json(other)) == dump_json(report_to_dict(other))

"""The whole pure pipeline (``compare.pipeline.analyse``) on articles written for
this test: no seed text, no devset.  It must be deterministic, blind to input
order, and leave documents in another language out (with the reason) when no
multilingual model may compare them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.core.models import Report, SourceText
from compare.ingest.read import read_inputs
from compare.pipeline import EventResult, analyse
from compare.report.jsonio import report_to_dict
from compare.rules import Rules, compile_rules

READOUT = """\
Telephone conversation with President of Finland Sauli Niinisto
Vladimir Putin had a telephone conversation with President of Finland Sauli Niinisto.
The two leaders discussed the situation on the Baltic Sea and the safety of shipping.
Vladimir Putin and Sauli Niinisto confirmed their interest in continuing constructive, frank and substantive dialogue.
The presidents agreed to keep in contact.
"""

WIRE = """\
Putin, Niinisto talk Baltic shipping by phone
Russian President Vladimir Putin had a telephone conversation with Finnish President Sauli Niinisto, the Kremlin said.
The two leaders discussed the situation on the Baltic Sea and the safety of shipping.
Putin and Niinisto confirmed their interest in continuing constructive dialogue.
"""

BLOG = """\
Putin and Niinisto on the phone again
Vladimir Putin had a telephone conversation with Sauli Niinisto, the president of Finland.
The leaders discussed the situation on the Baltic Sea.
The presidents agreed to keep in contact.
Finland also plans to raise its defence budget by 12 percent next year, according to sources.
"""

RUSSIAN = """\
Путин провел телефонный разговор с президентом Финляндии
Владимир Путин провел телефонный разговор с президентом Финляндии Саули Ниинисте.
Лидеры обсудили ситуацию на Балтийском море и безопасность судоходства.
Президенты договорились поддерживать контакты.
"""

OTHER_EVENT = """\
Lavrov, Cavusoglu meet in Antalya
Sergei Lavrov met Turkish Foreign Minister Mevlut Cavusoglu in Antalya.
The ministers discussed the settlement in Syria and grain exports.
"""

# (name, text, published) written into a folder; the outlet comes from the manifest.
ARTICLES = [
    ("readout.txt", READOUT, "2021-08-17", "Kremlin"),
    ("wire.txt", WIRE, "2021-08-17", "Reuters"),
    ("blog.txt", BLOG, "2021-08-18", "unknown"),
    ("other.txt", OTHER_EVENT, "2021-06-30", "TASS"),
]


def _write(folder: Path, articles: list[tuple[str, str, str, str]]) -> list[SourceText]:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["path,outlet,published"]
    for name, text, published, outlet in articles:
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{outlet if outlet != 'unknown' else ''},{published}")
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sources, skipped = read_inputs([folder / a[0] for a in articles], manifest=manifest,
                                   max_bytes=1 << 20)
    assert skipped == []
    return sources


@pytest.fixture(scope="module")
def rules() -> Rules:
    return compile_rules()


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[SourceText]:
    return _write(tmp_path_factory.mktemp("pipeline"), ARTICLES)


def _shape(report: Report) -> dict[str, object]:
    """What a reader of the report sees, independent of list order."""
    by_doc = {d.id: d.path.rsplit("/", 1)[-1] for d in report.documents}
    return {
        "events": sorted((str(e.date), tuple(sorted(by_doc[i] for i in e.documents)),
                          by_doc.get(e.reference or "")) for e in report.events),
        "flags": sorted((f.id, f.kind, by_doc[f.document]) for f in report.flags),
        "claims": sorted((by_doc[c.document], c.text) for c in report.claims),
    }


def test_analyse_groups_the_call_and_keeps_the_other_event_apart(
        sources: list[SourceText], rules: Rules) -> None:
    report = analyse(sources, rules)
    shape = _shape(report)
    events = shape["events"]
    assert isinstance(events, list)
    assert ("2021-08-17", ("blog.txt", "readout.txt", "wire.txt"), "readout.txt") in events
    assert any(docs == ("other.txt",) for _, docs, _ in events)


def test_analyse_flags_what_each_outlet_changed(sources: list[SourceText], rules: Rules) -> None:
    report = analyse(sources, rules)
    by_doc = {d.id: d.path.rsplit("/", 1)[-1] for d in report.documents}
    claims = {c.id: c.text for c in report.claims}
    kinds = {(by_doc[f.document], f.kind) for f in report.flags}
    # The wire cut "frank and substantive"; the blog left the dialogue out and
    # added a defence budget story.
    assert ("wire.txt", "wording_drift") in kinds
    assert ("blog.txt", "omission") in kinds
    added = [claims[f.claim] for f in report.flags
             if f.kind == "addition" and f.claim and by_doc[f.document] == "blog.txt"]
    assert any("defence budget" in text for text in added)
    # The reference document itself is never flagged.
    assert all(by_doc[f.document] != "readout.txt" for f in report.flags)


def test_analyse_is_deterministic(sources: list[SourceText], rules: Rules) -> None:
    first = json.dumps(report_to_dict(analyse(sources, rules)), sort_keys=True)
    assert json.dumps(report_to_dict(analyse(sources, rules)), sort_keys=True) == first


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(ARTICLES))))
def test_input_order_does_not_change_the_report(order: list[int], sources: list[SourceText],
                                                rules: Rules) -> None:
    baseline = _shape(analyse(sources, rules))
    shuffled = [sources[i] for i in order]
    assert _shape(analyse(shuffled, rules)) == baseline


def test_other_language_document_is_listed_as_not_compared(tmp_path: Path) -> None:
    user = tmp_path / "rules"
    user.mkdir()
    (user / "matching.yaml").write_text("embedding:\n  cross_language: false\n", encoding="utf-8")
    rules = compile_rules([user])
    articles = [*ARTICLES[:3], ("russian.txt", RUSSIAN, "2021-08-17", "RIA Novosti")]
    report = analyse(_write(tmp_path / "in", articles), rules)
    by_doc = {d.id: d.path.rsplit("/", 1)[-1] for d in report.documents}
    russian = next(d.id for d in report.documents if d.path.endswith("russian.txt"))
    event = next(e for e in report.events if russian in e.documents)
    reasons = dict(event.uncompared)
    assert reasons[russian].startswith("not compared (language ru;")
    assert all(f.document != russian for f in report.flags)
    # The English documents of the event are still compared.
    assert any(by_doc[f.document] == "wire.txt" for f in report.flags)


def mode_inputs(tmp_path: Path) -> tuple[list[SourceText], Rules]:
    """The articles plus the Russian one, with the embedding model weighing in on
    every pair (when installed), for comparing execution modes."""
    srcs = _write(tmp_path / "in", [*ARTICLES, ("russian.txt", RUSSIAN, "2021-08-17", "unknown")])
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "matching.yaml").write_text("embedding:\n  weight: 0.35\n", encoding="utf-8")
    return srcs, compile_rules((tmp_path / "rules",))


def test_two_worker_processes_give_the_same_report_byte_for_byte(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compare import pipeline
    from compare.report.output import dump_json

    srcs, rules = mode_inputs(tmp_path)
    one = dump_json(report_to_dict(analyse(srcs, rules)))
    # One document and one event per task: the most reordering the pool can do.
    monkeypatch.setattr(pipeline, "DOC_CHUNK", 1)
    monkeypatch.setattr(pipeline, "EVENT_CHUNK_DOCS", 1)
    assert dump_json(report_to_dict(analyse(srcs, rules, workers=2))) == one


def _call_event_result(sources: list[SourceText], rules: Rules) -> EventResult:
    from compare.events.cluster import cluster_documents
    from compare.pipeline import analyse_event, prepare_documents

    events, docs = cluster_documents(prepare_documents(sources, rules))
    by_id = {d.id: d for d in docs}
    event = max(events, key=lambda e: len(e.documents))
    return analyse_event(event, [by_id[i] for i in event.documents], rules)


def test_compacted_result_is_equal_and_shares_repeated_values(sources: list[SourceText],
                                                               rules: Rules) -> None:
    from compare.pipeline import compact_result

    result = _call_event_result(sources, rules)
    compact = compact_result(result)
    assert compact == result
    by_text: dict[str, list[str]] = {}
    for c in compact.claims:
        by_text.setdefault(c.text, []).append(c.text)
    repeated = [texts for texts in by_text.values() if len(texts) > 1]
    # The readout and the wire share a sentence word for word.
    assert repeated
    assert all(t is texts[0] for texts in repeated for t in texts)
    diffs = [f.diff for f in compact.flags if f.diff]
    assert all(a is b for a in diffs for b in diffs if a == b)


def test_packed_result_reads_back_equal_with_its_sharing(sources: list[SourceText],
                                                          rules: Rules) -> None:
    from compare.report.stream import compact_result, pack_result, unpack_result

    result = compact_result(_call_event_result(sources, rules))
    blob = pack_result(result)
    back = unpack_result(blob)
    assert back == result
    texts = [c.text for c in back.claims]
    assert len({id(t) for t in texts}) == len(set(texts))
    assert len(blob) < sum(len(c.text.encode()) for c in result.claims) * 4


def test_releasing_the_model_after_the_events_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from compare import pipeline
    from compare.align import embed
    from compare.report.output import dump_json

    srcs, rules = mode_inputs(tmp_path)
    kept = dump_json(report_to_dict(analyse(srcs, rules)))
    monkeypatch.setattr(pipeline, "RELEASE_MODEL_DOCS", 1)
    released = dump_json(report_to_dict(analyse(srcs, rules)))
    assert released == kept
    assert embed.load_model.cache_info().currsize == 0
    # The next run loads it again and gives the same report.
    assert dump_json(report_to_dict(analyse(srcs, rules))) == kept


def test_run_writes_what_write_report_writes_for_the_whole_report(tmp_path: Path) -> None:
    """run() writes the report event by event: the same folder, byte for byte, as
    the whole report written at once, and it returns the counts the CLI prints."""
    from compare.pipeline import RunOptions, run
    from compare.report.output import write_report
    from compare.report.view import reviewable_flags

    srcs = _write(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    formats = ("md", "json", "html")
    options = RunOptions(manifest=tmp_path / "in" / "manifest.csv", out=out, formats=formats, cache_dir=None)
    summary = run([tmp_path / "in" / a[0] for a in ARTICLES], options)
    streamed = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    report = analyse(srcs, compile_rules())
    for p in sorted(out.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    write_report(report, out, formats)
    whole = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert streamed == whole
    assert len(whole) > 8
    assert summary.documents == report.documents and summary.events == report.events
    assert len(reviewable_flags(summary)) == len(reviewable_flags(report)) > 0

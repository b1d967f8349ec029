"""The bad-input matrix: every way a user (or an attacker) can hand the tool bad
input, one case each, named after the failure.  For every case: the expected
exit code (0, 1 or 2), no traceback, every message one line of bounded length
that names the file, and a report folder that is either the previous report,
untouched, or a complete new one.

Cases marked ``issue16`` failed before the hardening of issue 16 (a rule file
alias bomb hung, the output folder was read back, mixed encodings and manifest
problems passed in silence, an unreadable folder vanished, ``--confirm
--dismiss`` recorded the last one).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner, Result

import compare.pipeline
from compare.cli import cli
from compare.core.errors import InputError
from compare.evaluation.evaluate import load_floors
from compare.report.output import read_report

# Three short articles written for these tests (fictional countries and people).
ARTICLES = {
    "readout.txt": (
        "Foreign Ministry of Ostrava: telephone conversation with the Minister of Veldland\n\n"
        "On 4 March 2024 Foreign Minister Anna Kral held a telephone conversation with Veldland's "
        "Foreign Minister Piet Marsh.\n\n"
        "The ministers discussed grain shipments across the Lower Sea and agreed to meet in April.\n\n"
        "Ms Kral stressed that the talks had been constructive and businesslike.\n"),
    "wire.txt": (
        "Ostrava and Veldland ministers talk grain by phone\n\n"
        "The foreign ministers of Ostrava and Veldland spoke by telephone on 4 March 2024, the "
        "Ostravan foreign ministry said.\n\n"
        "They discussed grain shipments across the Lower Sea and agreed to meet in April.\n\n"
        "Analysts expect the April meeting to be tense.\n"),
    "ru.txt": (
        "Министры Остравы и Вельдланда поговорили по телефону\n\n"
        "4 марта 2024 года министры иностранных дел Остравы и Вельдланда провели телефонный разговор.\n\n"
        "Они обсудили поставки зерна и договорились встретиться в апреле.\n"),
}
BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol, lol, lol, lol, lol, lol, lol, lol'}]\n"
               for i in range(10))
MERGE_BOMB = "a: &m0 {x: 1}\n" + "".join(f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}\n" for i in range(1, 40))


_COMPILE_RULES = compare.pipeline.compile_rules


@functools.cache
def _default_rules() -> compare.pipeline.Rules:
    return _COMPILE_RULES(())


@pytest.fixture(autouse=True)
def fast_default_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped rules are compiled once for the module (a run with --rules compiles its own)."""
    def compile_rules(dirs: tuple[Path, ...] = ()) -> compare.pipeline.Rules:
        return _default_rules() if not dirs else _COMPILE_RULES(dirs)

    monkeypatch.setattr(compare.pipeline, "compile_rules", compile_rules)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace: ``in/`` (the articles) and ``out/`` (a report of two of them)."""
    ws = tmp_path_factory.mktemp("template")
    (ws / "in").mkdir()
    for name, text in ARTICLES.items():
        (ws / "in" / name).write_text(text, "utf-8")
    old = ws / "old-in"
    old.mkdir()
    for name in ("readout.txt", "wire.txt"):
        shutil.copy(ws / "in" / name, old / name)
    result = CliRunner().invoke(cli, ["run", str(old), "--out", str(ws / "out"), "-q"])
    assert result.exit_code == 0, result.output
    return ws


@pytest.fixture()
def ws(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "ws"
    shutil.copytree(template, work, symlinks=True)
    monkeypatch.chdir(work)
    return work


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))} if folder.exists() else {}


@attrs.frozen
class Case:
    name: str
    setup: Callable[[Path], list[str]]
    code: int
    expect: str  # in stdout+stderr
    writes: bool = False  # a new report is expected in out/


def w(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, "utf-8")
    return path


def rules_dir(ws: Path, name: str, text: str | bytes) -> str:
    w(ws / "my-rules" / name, text)
    return "my-rules"


def run(*extra: str) -> list[str]:
    return ["run", "in", "--out", "out", "-q", *extra]


def manifest(ws: Path, text: str | bytes, name: str = "manifest.csv") -> list[str]:
    w(ws / "in" / name, text)
    return run("--manifest", f"in/{name}")


def flag_id(ws: Path) -> str:
    return str(json.loads((ws / "out" / "report.json").read_text("utf-8"))["flags"][0]["id"])


CASES = [
    # ---- rule files
    Case("rules_alias_bomb_check", lambda ws: ["rules", "check", rules_dir(ws, "lexicon.yaml", BOMB)], 1,
         "lexicon.yaml:"),
    Case("rules_alias_bomb_run", lambda ws: run("--rules", rules_dir(ws, "lexicon.yaml", BOMB)), 1,
         "alias bomb"),
    Case("rules_merge_key_bomb", lambda ws: ["rules", "check", rules_dir(ws, "outlets.yaml", MERGE_BOMB)], 1,
         "outlets.yaml:"),
    Case("rules_too_many_aliases", lambda ws: ["rules", "check", rules_dir(
        ws, "matching.yaml", "a: &a 1\nb: [" + ", ".join(["*a"] * 150) + "]\n")], 1, "more than 100 YAML aliases"),
    Case("rules_deep_nesting", lambda ws: ["rules", "check", rules_dir(
        ws, "events.yaml", "x: " + "[" * 400 + "]" * 400)], 1, "nested deeper than"),
    Case("rules_megabyte_key", lambda ws: ["rules", "check", rules_dir(
        ws, "claim_types.yaml", "k" * 1_000_000 + ": 1\n")], 1, "claim_types.yaml:1"),
    Case("rules_not_utf8", lambda ws: ["rules", "check", rules_dir(ws, "lexicon.yaml", b"names: [\xff\xfe]\n")], 1,
         "not UTF-8"),
    Case("rules_yaml_syntax", lambda ws: ["rules", "check", rules_dir(ws, "lexicon.yaml", "names: [a, b\n")], 1,
         "YAML syntax error"),
    Case("rules_python_tag", lambda ws: ["rules", "check", rules_dir(
        ws, "lexicon.yaml", "names: !!python/object/apply:os.system ['true']\n")], 1, "lexicon.yaml:1"),
    Case("rules_top_level_list", lambda ws: ["rules", "check", rules_dir(ws, "matching.yaml", "- 1\n- 2\n")], 1,
         "mapping at the top level"),
    Case("rules_unknown_file", lambda ws: ["rules", "check", rules_dir(ws, "claimtypes.yaml", "claim_types: []\n")],
         1, "did you mean claim_types.yaml"),
    Case("rules_folder_missing", lambda ws: ["rules", "check", "no-such-rules"], 1, "rules folder not found"),
    Case("rules_file_too_large", lambda ws: ["rules", "check", rules_dir(ws, "lexicon.yaml", "# x\n" * 1_400_000)], 1,
         "larger than"),
    Case("rules_many_keys_were_quadratic", lambda ws: ["rules", "check", rules_dir(
        ws, "matching.yaml", "".join(f"k{i}: [1]\n" for i in range(5000)))], 1, "unknown key 'k0'"),
    Case("rules_backreference_pattern", lambda ws: ["rules", "check", rules_dir(
        ws, "claim_types.yaml", "claim_types:\n  - name: x\n    keywords: [a]\n    patterns: ['(a)\\1']\n")], 1,
        "back-references"),
    # ---- review decisions and other YAML
    Case("reviews_alias_bomb", lambda ws: [
        "review", str(w(ws / "out" / "reviews.yaml", "schema: outlet-compare/reviews/v1\n" + BOMB).parent)], 1,
        "reviews.yaml:"),
    Case("reviews_not_yaml", lambda ws: [
        "review", str(w(ws / "out" / "reviews.yaml", "decisions: {a: [\n").parent)], 1, "invalid YAML"),
    Case("reviews_wrong_schema", lambda ws: [
        "review", str(w(ws / "out" / "reviews.yaml", "schema: other/v9\n").parent)], 1, "schema: expected"),
    # ---- input files
    Case("input_empty_file", lambda ws: run() if w(ws / "in" / "empty.txt", "") else [], 1, "empty.txt: empty file",
         writes=True),
    Case("input_binary_file", lambda ws: run() if w(ws / "in" / "bin.txt", b"\x00\x01" * 500) else [], 1,
         "bin.txt: binary file", writes=True),
    Case("input_too_large", lambda ws: run("--max-bytes", "300"), 1, "file too large", writes=True),
    Case("input_bad_jsonl_line", lambda ws: run() if w(ws / "in" / "feed.jsonl", '{"text": "x y z. A b c."}\n{oops\n')
         else [], 1, "bad JSON on line 2", writes=True),
    Case("input_jsonl_not_object", lambda ws: run() if w(ws / "in" / "feed.jsonl", "[1, 2]\n") else [], 1,
         "expected an object", writes=True),
    Case("input_jsonl_lone_surrogate", lambda ws: run() if w(
        ws / "in" / "feed.jsonl", '{"text": "Ministers spoke \\ud800 on 4 March 2024."}\n') else [], 0, "",
        writes=True),
    Case("input_mixed_utf8_cp1251_issue16", lambda ws: run() if w(
        ws / "in" / "mixed.txt", "Министры говорили по телефону 4 марта 2024 года.\n".encode()
        + "Они обсудили поставки зерна.\n".encode("cp1251") + "Встреча в апреле.\n".encode()) else [], 1,
        "mixed encodings", writes=True),
    Case("input_bom_then_invalid_utf8", lambda ws: run() if w(ws / "in" / "bom.txt", b"\xef\xbb\xbfabc \xff\xfe def")
         else [], 1, "after the byte-order mark", writes=True),
    Case("input_control_characters", lambda ws: run() if w(ws / "in" / "ctl.txt", "\x01\x02\x03\x04 a" * 200)
         else [], 1, "control characters", writes=True),
    Case("input_unsupported_type_named", lambda ws: [
        "run", str(w(ws / "in" / "doc.pdf", b"%PDF")), "in", "--out", "out", "-q"], 1, "unsupported file type",
        writes=True),
    Case("input_missing_path", lambda ws: [*run(), "nowhere.txt"], 1, "nowhere.txt: file or folder not found",
         writes=True),
    Case("input_nothing_readable", lambda ws: ["run", "nowhere", "--out", "out", "-q"], 1,
         "no input could be read; out was not written"),
    Case("input_output_folder_inside_issue16", lambda ws: ["run", ".", "--out", "out"], 0,
         "the output folder is not read as input", writes=True),
    Case("input_other_report_folder_issue16", lambda ws: run() if shutil.copytree(ws / "out", ws / "in" / "old-report")
         else [], 0, "", writes=True),
    Case("out_is_an_input_folder", lambda ws: ["run", "in", "--out", "in", "-q"], 1, "holds no report.json"),
    Case("out_is_a_file", lambda ws: ["run", "in", "--out", str(w(ws / "o.txt", "x")), "-q"], 1, "not a folder"),
    # ---- manifests
    Case("manifest_unclosed_quote_issue16", lambda ws: manifest(
        ws, 'path,outlet\nreadout.txt,"Ostrava MFA\nwire.txt,Wire\n'), 1, "manifest.csv:2: bad CSV"),
    Case("manifest_row_names_missing_file_issue16", lambda ws: manifest(
        ws, "path,outlet\nreadout.txt,Ostrava MFA\ngone.txt,Nobody\n"), 1, "manifest.csv:3: manifest row names a "
        "missing file: gone.txt", writes=True),
    Case("manifest_no_path_column", lambda ws: manifest(ws, "file,outlet\nreadout.txt,x\n"), 1,
         "needs a 'path' column"),
    Case("manifest_extra_fields", lambda ws: manifest(ws, "path,outlet\nreadout.txt,x,y,z\n"), 1,
         "manifest.csv:2: 4 fields where the header has 2"),
    Case("manifest_bad_date", lambda ws: manifest(ws, "path,published\nreadout.txt,4th of March\n"), 1,
         "manifest.csv:2: published: not an ISO date"),
    Case("manifest_not_utf8", lambda ws: manifest(ws, b"path,outlet\nreadout.txt,\xff\n"), 1, "not UTF-8"),
    Case("manifest_jsonl_bad_line", lambda ws: manifest(ws, '{"path": "readout.txt"}\n{nope\n', "m.jsonl"), 1,
         "m.jsonl:2: bad JSON"),
    Case("manifest_missing", lambda ws: run("--manifest", "nope.csv"), 1, "manifest not found"),
    # ---- options
    Case("review_confirm_and_dismiss_issue16", lambda ws: ["review", "out", flag_id(ws), "--confirm", "--dismiss"], 2,
         "--confirm and --dismiss exclude each other"),
    Case("review_dismiss_and_reopen", lambda ws: ["review", "out", flag_id(ws), "--dismiss", "--reopen"], 2,
         "exclude each other"),
    Case("review_export_with_flag", lambda ws: ["review", "out", flag_id(ws), "--export", "csv"], 2,
         "--export takes no flag ids"),
    Case("review_all_with_flag", lambda ws: ["review", "out", flag_id(ws), "--all"], 2, "--all lists flags"),
    Case("run_quiet_and_verbose", lambda ws: run("--verbose"), 2, "exclude each other"),
    Case("run_unknown_format", lambda ws: run("--format", "pdf"), 2, "unknown format pdf"),
    Case("run_zero_workers", lambda ws: run("--workers", "0"), 2, "--workers"),
    # ---- report folders
    Case("review_unknown_flag", lambda ws: ["review", "out", "f-000000000000", "--confirm"], 1, "unknown flag id"),
    Case("review_no_report", lambda ws: ["review", "in"], 1, "no report here"),
    Case("review_missing_folder_is_not_created", lambda ws: ["review", "no/such/report"], 1, "no report here"),
    Case("review_corrupt_report_json", lambda ws: [
        "review", str(w(ws / "out" / "report.json", "{\"schema\": ").parent)], 1, "report.json:1: not valid JSON"),
]


def _check(result: Result, case: Case) -> None:
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == case.code, text[-2000:]
    assert case.expect in text, text[-2000:]
    for line in result.stderr.splitlines():
        assert len(line) <= 600
        if case.code != 2:
            assert line.startswith("outlet-compare: "), line


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(ws / "out")
    argv = case.setup(ws)
    before = snapshot(ws / "out") if case.name.startswith(("reviews_", "review_corrupt")) else before
    result = CliRunner().invoke(cli, argv)
    _check(result, case)
    after = snapshot(ws / "out")
    if case.writes:
        read_report(ws / "out")  # a complete, readable report
    else:
        assert after == before, "the previous report changed"
    assert not [p for p in ws.iterdir() if p.name.startswith(".out.")], "a staging folder was left behind"
    assert not (ws / "no").exists(), "a read-only command created a folder"


def test_matrix_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


def test_run_dot_three_times_reads_the_same_documents_issue16(ws: Path) -> None:
    """Before: 17 -> 39 -> 63 documents as the report was read back as articles."""
    counts = []
    flags = []
    for _ in range(3):
        result = CliRunner().invoke(cli, ["run", ".", "--out", "out"])
        assert result.exit_code == 0, result.output
        assert "out: the output folder is not read as input" in result.stderr
        report = read_report(ws / "out")
        counts.append(len(report.documents))
        flags.append(sorted(f.id for f in report.flags))
    # in/ and old-in/ hold five articles; out/ holds none of them
    assert counts == [5, 5, 5]
    assert flags[0] == flags[1] == flags[2]


def test_mixed_encoding_names_byte_offsets_and_flags_the_document_issue16(ws: Path) -> None:
    head = "Министры говорили по телефону 4 марта 2024 года.\n".encode()
    foreign = "Они обсудили поставки зерна и договорились о встрече.\n".encode("cp1251")
    w(ws / "in" / "mixed.txt", head + foreign + "Встреча в апреле.\n".encode())
    result = CliRunner().invoke(cli, run())
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if "mixed.txt" in x)
    assert line.startswith("outlet-compare: warning: in/mixed.txt: mixed encodings")
    # the run ends at its last non-ASCII byte (before ".\n")
    assert f"byte offsets {len(head)}-{len(head) + len(foreign) - 3}" in line
    report = read_report(ws / "out")
    doc = next(d for d in report.documents if d.path.endswith("mixed.txt"))
    assert "Они обсудили поставки зерна" in doc.text  # decoded run by run, not mojibake
    assert [w.document for w in report.warnings] == [doc.id]
    index = (ws / "out" / "index.md").read_text("utf-8")
    assert "## Input warnings" in index and doc.id in index


def test_unreadable_folder_is_listed_as_skipped_issue16(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(Simulated: the tests may run as root, who can read any folder.)"""
    locked_dir = ws / "in" / "locked"
    w(locked_dir / "a.txt", ARTICLES["wire.txt"])
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)).resolve() == locked_dir.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(cli, run())
    assert result.exit_code == 1
    assert "outlet-compare: error: in/locked: cannot read folder: Permission denied" in result.stderr
    assert any(s.path == "in/locked" for s in read_report(ws / "out").skipped)


def test_floors_alias_bomb_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="alias"):
        load_floors(w(tmp_path / "floors.yaml", BOMB))


def test_summary_counts_events_as_the_index_does_issue16(ws: Path) -> None:
    result = CliRunner().invoke(cli, ["run", "in", "--out", "out"])
    index = (ws / "out" / "index.md").read_text("utf-8")
    first = index.splitlines()[2]  # "N documents, M events with more than one document, ..."
    events_in_index = first.split(", ")[1].removesuffix(" with more than one document")
    # the same count; the CLI adds "with more than one document (K in all)" only when
    # some event has a single document
    assert result.output.split(", ")[1].startswith(events_in_index)


def test_help_is_whole_and_lists_exit_codes_and_input_types() -> None:
    top = CliRunner().invoke(cli, ["--help"], terminal_width=80).output
    commands = top.split("Commands:")[1]
    assert "..." not in commands  # click cuts a description it cannot fit with "..."
    page = CliRunner().invoke(cli, ["run", "--help"], terminal_width=80).output
    for text in ("Exit codes:", ".txt", ".jsonl", ".html", "cp1251", "usage error", "--verbose"):
        assert text in page

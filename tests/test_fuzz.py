"""Hypothesis fuzzing of everything a user hands the tool: rule files, review
files, manifests, article bytes, and whole runs.

The property everywhere: a bad input ends in the tool's own error (one line,
bounded) and never in an exception of another kind (a traceback), a hang or a
blow-up; a whole run exits with 0, 1 or 2 and leaves the previous report or a
complete new one.

``FUZZ_SCALE`` multiplies the number of examples (``benchmarks/fuzz_nightly.py``
runs it with more); the CI numbers add up to more than 2,000 examples.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compare.pipeline
from compare.cli import cli
from compare.core.errors import InputError, ReviewError, RuleError
from compare.core.rulefiles import RULE_FILES, load_rule_file, load_schema, validate
from compare.ingest.documents import build_document
from compare.ingest.read import read_inputs, read_manifest
from compare.report.output import read_report
from compare.report.reviews import load_reviews

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
MAX_LINE = 600


def fuzz_settings(examples: int) -> settings:
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=list(HealthCheck))


_COMPILE_RULES = compare.pipeline.compile_rules


@functools.cache
def default_rules() -> compare.pipeline.Rules:
    return _COMPILE_RULES(())


# --------------------------------------------------------------------------- YAML

WORDS = st.sampled_from(["lol", "1", "-2.5", "x: y", "'q'", "\"q\"", "null", "~", "[]", "{}", "&a", "*a", "<<",
                         "!!str x", "!!python/name:os.system", "!!binary AAAA", "|", ">", "%YAML 1.1", "---",
                         "...", "? k", "- ", "#", "\t", "\\", "(a)\\1", "(?<=x)y", "((((", "[[:alpha:]]", "é",
                         "имя", "\u202e", "\x00", "\ud7ff"])
TEXT = st.one_of(WORDS, st.text(max_size=12))


@st.composite
def alias_bomb(draw: st.DrawFn) -> str:
    levels = draw(st.integers(1, 14))
    fanout = draw(st.integers(1, 12))
    merge = draw(st.booleans())
    lines = [f"l0: &l0 {{k: {draw(WORDS)!r}}}" if merge else f"l0: &l0 [{', '.join(['lol'] * fanout)}]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * fanout)
        lines.append(f"l{i}: &l{i} {{<<: [{refs}]}}" if merge else f"l{i}: &l{i} [{refs}]")
    return "\n".join(lines) + "\n"


@st.composite
def deep(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 300))
    kind = draw(st.sampled_from(["[", "{a: ", "- "]))
    if kind == "- ":
        return "".join("  " * i + "- \n" for i in range(n)) + "  " * n + "x\n"
    close = "]" if kind == "[" else "}"
    return "k: " + kind * n + "x" + close * n + "\n"


def _yaml_value(depth: int) -> st.SearchStrategy[str]:
    leaf = TEXT.map(lambda t: repr(t) if any(c in t for c in ":#{}[],&*!|>'\"%@`") else t)
    if depth == 0:
        return leaf
    sub = _yaml_value(depth - 1)
    return st.one_of(leaf, st.lists(sub, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
                     st.dictionaries(st.sampled_from(["name", "id", "keywords", "patterns", "examples", "role",
                                                      "names", "variants", "threshold", "replace", "<<", "x"]),
                                     sub, max_size=4).map(lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items())
                                                          + "}"))


@st.composite
def rule_like(draw: st.DrawFn, name: str) -> str:
    top = {"claim_types": "claim_types", "lexicon": "names", "outlets": "outlets", "boilerplate": "patterns",
           "events": "events", "matching": "threshold"}.get(name, "x")
    entries = draw(st.lists(_yaml_value(2), max_size=5))
    anchor = draw(st.sampled_from(["", "&a ", "*a ", "!!str "]))
    return f"{top}: {anchor}[{', '.join(entries)}]\n" + draw(st.sampled_from(["", "replace: true\n", "extra: 1\n"]))


def yaml_texts(name: str = "claim_types") -> st.SearchStrategy[str]:
    return st.one_of(alias_bomb(), deep(), rule_like(name), st.text(max_size=200),
                     st.lists(WORDS, max_size=30).map(" ".join), st.lists(WORDS, max_size=30).map("\n".join))


@given(name=st.sampled_from(RULE_FILES), data=st.data())
@fuzz_settings(900)
def test_fuzz_rule_files_end_in_rule_errors(name: str, data: st.DataObject) -> None:
    text = data.draw(yaml_texts(name))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / f"{name}.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            rf = load_rule_file(name, [folder])
            problems = validate(rf, load_schema(f"rules-{name}"))
            if not problems:
                parser = {
                    "claim_types": "compare.claims.claimtypes:parse_claim_type_rules",
                    "lexicon": "compare.align.lexicon:parse_lexicon",
                    "outlets": "compare.ingest.outlets:parse_outlet_rules",
                    "boilerplate": "compare.ingest.boilerplate:parse_boilerplate_rules",
                    "events": "compare.events.calendar:parse_event_calendar",
                    "matching": "compare.align.matching:parse_matching_config",
                    "flag_model": "compare.align.flagmodel:parse_flag_model",
                }[name]
                module, func = parser.split(":")
                getattr(__import__(module, fromlist=[func]), func)(rf)
        except RuleError as exc:
            for problem in exc.problems:
                assert len(str(problem)) <= MAX_LINE, str(problem)[:200]
        else:
            for problem in problems:
                assert len(str(problem)) <= MAX_LINE, str(problem)[:200]


@given(text=st.one_of(yaml_texts(), st.builds(
    lambda fid, status, note: f"schema: outlet-compare/reviews/v1\ndecisions:\n  {fid}: {{status: {status}, "
                              f"note: {note}, history: [{{status: {status}}}]}}\n",
    TEXT, TEXT, _yaml_value(2))))
@fuzz_settings(400)
def test_fuzz_reviews_files_end_in_review_errors(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reviews.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            load_reviews(path)
        except ReviewError as exc:
            assert "\n" not in str(exc)


# --------------------------------------------------------------------------- manifests and bytes

CELL = st.one_of(st.sampled_from(["a.txt", "sub/b.txt", "../c.txt", "", "\"", "\"\"", ",", "\n", "\r\n",
                                  "2024-03-04", "2024-13-40", "Ostrava MFA", "=cmd()"]), st.text(max_size=8))


@given(header=st.lists(st.sampled_from(["path", "outlet", "url", "published", "title", "Path ", "x", ""]),
                       max_size=6),
       rows=st.lists(st.lists(CELL, max_size=7), max_size=6), quote=st.booleans(),
       suffix=st.sampled_from([".csv", ".jsonl"]))
@fuzz_settings(300)
def test_fuzz_manifests_end_in_input_errors(header: list[str], rows: list[list[str]], quote: bool,
                                            suffix: str) -> None:
    sep = "\n"
    lines = [",".join(header)] + [",".join(f'"{c}"' if quote else c for c in row) for row in rows]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"manifest{suffix}"
        path.write_bytes(sep.join(lines).encode("utf-8", "surrogatepass"))
        try:
            read_manifest(path)
        except InputError as exc:
            assert "\n" not in str(exc) and len(str(exc)) <= MAX_LINE * 4


PIECE = st.tuples(st.text(max_size=40), st.sampled_from(["utf-8", "cp1251", "koi8-r", "latin-1", "utf-16-le"]))


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["pieces", "binary", "bom"]))
    if kind == "binary":
        return draw(st.binary(max_size=300))
    data = b"".join(t.encode(enc, "replace") for t, enc in draw(st.lists(PIECE, max_size=8)))
    if kind == "bom":
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + data
    return data


@given(data=article_bytes(), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
@fuzz_settings(500)
def test_fuzz_article_bytes_are_read_or_skipped(data: bytes, suffix: str) -> None:
    rules = default_rules()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"a{suffix}"
        path.write_bytes(data)
        warnings: list[object] = []
        sources, skipped = read_inputs([path], manifest=None, max_bytes=10_000, warnings=warnings)  # type: ignore[arg-type]
        assert len(sources) + len(skipped) >= 1
        for s in skipped:
            assert "\n" not in s.reason
        for source in sources:
            source.text.encode("utf-8")  # no lone surrogates reach the report
            for warning in source.warnings:
                offsets = warning.split("byte offsets ")[1].split(")")[0]
                for part in offsets.replace(" and ", ", ").split(", "):
                    if part[0].isdigit():
                        assert int(part.split("-")[-1]) < len(data)
            build_document(source, rules.boilerplate, rules.outlets)


# --------------------------------------------------------------------------- whole runs


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("fuzz-run")
    (ws / "in").mkdir()
    (ws / "in" / "a.txt").write_text("Ministers of Ostrava and Veldland spoke on 4 March 2024.\n\n"
                                     "They agreed to meet in April.\n", "utf-8")
    (ws / "in" / "b.txt").write_text("Ostrava and Veldland talk\n\nThe two foreign ministers spoke by phone on "
                                     "4 March 2024 and agreed to meet in April, officials said.\n", "utf-8")
    return ws


@given(files=st.lists(st.tuples(article_bytes(), st.sampled_from([".txt", ".html", ".jsonl", ".md"])), max_size=3),
       manifest=st.one_of(st.none(), st.text(max_size=80)),
       extra=st.sampled_from([[], ["--format", "md,json,html"], ["--max-bytes", "200"], ["--confirm"]]))
@fuzz_settings(60)
def test_fuzz_whole_runs_exit_0_1_2_and_keep_a_whole_report(workspace: Path, files: list[tuple[bytes, str]],
                                                            manifest: str | None, extra: list[str]) -> None:
    compare.pipeline.compile_rules = lambda dirs=(): default_rules() if not dirs else _COMPILE_RULES(dirs)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ws = Path(tmp)
            shutil.copytree(workspace / "in", ws / "in")
            for n, (data, suffix) in enumerate(files):
                (ws / "in" / f"f{n}{suffix}").write_bytes(data)
            out = ws / "out"
            first = CliRunner().invoke(cli, ["run", str(ws / "in"), "--out", str(out), "-q"])
            assert first.exit_code in (0, 1), first.output
            before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
            argv = ["run", str(ws / "in"), "--out", str(out), "-q", *extra]
            if manifest is not None:
                (ws / "m.csv").write_text(manifest, "utf-8", errors="surrogatepass")
                argv += ["--manifest", str(ws / "m.csv")]
            result = CliRunner().invoke(cli, argv)
            text = result.output + result.stderr
            assert "Traceback" not in text
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
            assert result.exit_code in (0, 1, 2)
            after = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
            if after != before:
                read_report(out)  # a whole new report
            assert not [p for p in ws.iterdir() if p.name.startswith(".out.")]
    finally:
        compare.pipeline.compile_rules = _COMPILE_RULES

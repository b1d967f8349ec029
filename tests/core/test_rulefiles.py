"""Rule loading: line numbers, layering, schema messages, re2 patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.core.errors import RuleError
from compare.core.rulefiles import (
    compile_pattern,
    format_path,
    load_rule_file,
    load_rules,
    validate,
)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_format_path() -> None:
    assert format_path(("claim_types", 2, "patterns", 0)) == "claim_types[2].patterns[0]"
    assert format_path(()) == ""
    assert format_path(("a", "b")) == "a.b"


def test_lines_are_recorded_for_nested_values(tmp_path: Path) -> None:
    write(tmp_path, "claim_types.yaml",
          "claim_types:\n  - name: tone\n    patterns:\n      - constructive\n      - 'frank(ly)?'\n")
    rf = load_rule_file("claim_types", [tmp_path])
    assert rf.where(("claim_types", 0, "patterns", 1)) == (rf.sources[0], 5)
    problem = rf.problem(("claim_types", 0, "patterns", 1), "boom")
    assert str(problem).endswith("claim_types.yaml:5: claim_types[0].patterns[1]: boom")


def test_missing_path_falls_back_to_nearest_ancestor(tmp_path: Path) -> None:
    write(tmp_path, "lexicon.yaml", "tone:\n  words: [constructive]\n")
    rf = load_rule_file("lexicon", [tmp_path])
    assert rf.where(("tone", "missing", 3))[1] == 2


def test_user_entries_replace_defaults_by_name_and_keep_their_lines(tmp_path: Path) -> None:
    base = write(tmp_path / "base", "claim_types.yaml",
                 "claim_types:\n  - name: tone\n    keywords: [constructive]\n"
                 "  - name: trade\n    keywords: [trade]\n")
    user = write(tmp_path / "user", "claim_types.yaml",
                 "claim_types:\n  - name: trade\n    keywords: [tariffs]\n"
                 "  - name: prisoner_exchange\n    keywords: [prisoner swap]\n")
    rf = load_rule_file("claim_types", [base.parent, user.parent])
    names = [e["name"] for e in rf.data["claim_types"]]
    assert names == ["tone", "trade", "prisoner_exchange"]
    assert rf.data["claim_types"][1]["keywords"] == ["tariffs"]
    assert rf.where(("claim_types", 0, "keywords"))[0].endswith("base/claim_types.yaml")
    assert rf.where(("claim_types", 2, "keywords")) == (rf.sources[1], 5)
    assert rf.where(("claim_types", 1, "keywords")) == (rf.sources[1], 3)


def test_replace_true_drops_the_defaults(tmp_path: Path) -> None:
    write(tmp_path / "base", "lexicon.yaml", "hedges: [reportedly]\nnegations: [not]\n")
    write(tmp_path / "user", "lexicon.yaml", "replace: true\nhedges: [allegedly]\n")
    rf = load_rule_file("lexicon", [tmp_path / "base", tmp_path / "user"])
    assert rf.data == {"hedges": ["allegedly"]}


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "events.yaml", "events:\n  - date: 2020-06-01\n    label: [unclosed\n")
    with pytest.raises(RuleError) as info:
        load_rule_file("events", [tmp_path])
    message = str(info.value)
    assert "events.yaml:" in message and "YAML syntax error" in message


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "lexicon.yaml", "hedges: [a]\nhedges: [b]\n")
    with pytest.raises(RuleError) as info:
        load_rule_file("lexicon", [tmp_path])
    assert str(info.value).endswith("lexicon.yaml:2: hedges: duplicate key")


def test_python_tags_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "lexicon.yaml", "hedges: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RuleError) as info:
        load_rule_file("lexicon", [tmp_path])
    assert "lexicon.yaml:1" in str(info.value)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    write(tmp_path, "lexicon.yaml", "- a\n- b\n")
    with pytest.raises(RuleError) as info:
        load_rule_file("lexicon", [tmp_path])
    assert str(info.value).endswith("lexicon.yaml:1: the file must be a mapping at the top level")


def test_schema_errors_give_did_you_mean(tmp_path: Path) -> None:
    write(tmp_path, "claim_types.yaml",
          "claim_types:\n  - name: tone\n    keywrds: [constructive]\n")
    rf = load_rule_file("claim_types", [tmp_path])
    schema = {
        "type": "object",
        "properties": {"claim_types": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["name"],
            "properties": {"name": {"type": "string"},
                           "keywords": {"type": "array"}, "patterns": {"type": "array"}}}}},
    }
    problems = validate(rf, schema)
    assert [str(p).split("claim_types.yaml", 1)[1] for p in problems] == [
        ":3: claim_types[0].keywrds: unknown key 'keywrds'; did you mean 'keywords'?"
    ]


def test_errors_in_a_user_file_name_the_path_in_that_file(tmp_path: Path) -> None:
    # The user's entry 1 is entry 15 of the layered list (14 shipped types
    # before it); the message must point into the user's own file.
    write(tmp_path, "claim_types.yaml",
          "claim_types:\n  - name: tone\n    keywords: [calm]\n"
          "  - name: visas\n    keywords: [visa]\n    patern: 'visas?'\n")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    (problem,) = info.value.problems
    assert str(problem).endswith(
        "claim_types.yaml:6: claim_types[1].patern: unknown key 'patern'; did you mean 'patterns'?")
    # the line and path of a user pattern reach the pattern compiler the same way
    write(tmp_path, "claim_types.yaml",
          "claim_types:\n  - name: visas\n    patterns: [ok, '(?<!no )visas']\n")
    rules = load_rules([tmp_path])
    rf = rules["claim_types"]
    index = next(i for i, t in enumerate(rf.data["claim_types"]) if t["name"] == "visas")
    assert index > 0
    with pytest.raises(RuleError) as info:
        compile_pattern("(?<!no )visas", rf, ("claim_types", index, "patterns", 1))
    assert str(info.value).endswith(
        "claim_types.yaml:3: claim_types[0].patterns[1]: unsupported syntax (look-arounds are not allowed)")


def test_schema_type_error_points_at_the_value(tmp_path: Path) -> None:
    write(tmp_path, "matching.yaml", "thresholds:\n  match: high\n")
    rf = load_rule_file("matching", [tmp_path])
    schema = {"type": "object", "properties": {"thresholds": {
        "type": "object", "properties": {"match": {"type": "number"}}}}}
    (problem,) = validate(rf, schema)
    assert str(problem).endswith("matching.yaml:2: thresholds.match: 'high' is not of type 'number'")


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(unclosed", "unbalanced parenthesis"),
        ("closed)", "unbalanced parenthesis"),
        ("[a-", "unbalanced bracket"),
        ("(?<=x)y", "unsupported syntax (look-arounds are not allowed)"),
        (r"(a)\1", "invalid escape sequence (back-references are not allowed)"),
        ("a**", "bad repetition operator: **"),
    ],
)
def test_bad_patterns_name_file_line_and_path(tmp_path: Path, pattern: str, message: str) -> None:
    write(tmp_path, "claim_types.yaml",
          f"claim_types:\n  - name: tone\n    patterns:\n      - ok\n      - '{pattern}'\n")
    rf = load_rule_file("claim_types", [tmp_path])
    with pytest.raises(RuleError) as info:
        compile_pattern(rf.data["claim_types"][0]["patterns"][1], rf, ("claim_types", 0, "patterns", 1))
    assert str(info.value).endswith(f"claim_types.yaml:5: claim_types[0].patterns[1]: {message}")


def test_patterns_run_in_linear_time_on_hostile_input() -> None:
    # (a+)+$ backtracks catastrophically in `re`; re2 answers at once.
    pattern = compile_pattern("(a+)+$")
    assert pattern.search("a" * 50_000 + "!") is None
    assert compile_pattern("kremlin").search("The KREMLIN said") is not None
    assert compile_pattern("Kremlin", case_sensitive=True).search("the kremlin") is None


def test_unknown_rule_file_in_user_folder_gets_did_you_mean(tmp_path: Path) -> None:
    write(tmp_path, "claim_typs.yaml", "claim_types: []\n")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path], include_defaults=False)
    assert any(str(p).endswith("claim_typs.yaml: unknown rule file; did you mean claim_types.yaml?")
               for p in info.value.problems)


def test_missing_user_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path / "nope"], include_defaults=False)
    assert str(info.value).endswith("nope: rules folder not found")


def test_not_utf8_rule_file(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yaml").write_bytes(b"hedges: [\xff\xfe]\n")
    with pytest.raises(RuleError) as info:
        load_rule_file("lexicon", [tmp_path])
    assert "lexicon.yaml: not UTF-8" in str(info.value)

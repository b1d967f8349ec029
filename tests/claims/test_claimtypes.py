"""Claim type rules: parsing with exact error paths, the classifier, and `rules test`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.claims.claimtypes import (
    ClaimTypeRules,
    classify,
    classify_detail,
    format_rule_tests,
    keyword_regex,
    parse_claim_type_rules,
    run_rule_tests,
)
from compare.core.errors import RuleError
from compare.core.rulefiles import RuleFile, default_rules_dir, load_rule_file, load_schema, validate

SHIPPED_TYPES = ("tone", "contacts", "meeting", "arms_control", "terrorism_syria", "coronavirus", "trade", "korea",
                 "iran", "space", "oil", "g7", "ukraine", "other")


def _rf(tmp_path: Path, text: str, *, defaults: bool = False) -> RuleFile:
    (tmp_path / "claim_types.yaml").write_text(text, encoding="utf-8")
    dirs = [default_rules_dir(), tmp_path] if defaults else [tmp_path]
    return load_rule_file("claim_types", dirs)


def _rules(tmp_path: Path, text: str) -> ClaimTypeRules:
    return parse_claim_type_rules(_rf(tmp_path, text))


@pytest.fixture(scope="module")
def shipped() -> ClaimTypeRules:
    return parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))


def test_shipped_rules_validate_and_cover_every_type(shipped: ClaimTypeRules) -> None:
    rf = load_rule_file("claim_types", [default_rules_dir()])
    assert validate(rf, load_schema("rules-claim_types")) == []
    assert set(SHIPPED_TYPES) <= set(shipped.names)
    assert shipped.fallback == "other"
    for ct in shipped.types:
        assert len(ct.examples) >= 5, ct.name
        assert len(ct.counter_examples) >= 5, ct.name


def test_shipped_examples_all_pass(shipped: ClaimTypeRules) -> None:
    results = run_rule_tests(shipped)
    failed = [r for r in results if not r.ok]
    assert failed == [], format_rule_tests(results)


@pytest.mark.parametrize(("text", "expected"), [
    ("The two leaders described their exchange as cordial and pragmatic.", "tone"),
    ("Both sides agreed to maintain regular contacts between their diplomats.", "contacts"),
    ("The heads of state may meet face-to-face in Geneva.", "meeting"),
    ("They discussed extending the treaty limiting strategic offensive arms.", "arms_control"),
    ("The sides agreed to coordinate their fight against terrorist groups in Syria.", "terrorism_syria"),
    ("The Russian side shipped a batch of protective masks and ventilators.", "coronavirus"),
    ("The presidents want to increase the volume of bilateral trade.", "trade"),
    ("They urged restraint on the Korean peninsula.", "korea"),
    ("The future of the agreement with Tehran was touched upon.", "iran"),
    ("The leaders praised the crew of the Soyuz capsule.", "space"),
    ("Producers cut crude output to stabilise the market.", "oil"),
    ("Russia could be invited to the next G8 gathering.", "g7"),
    ("The conflict in eastern Ukraine was also discussed.", "ukraine"),
    ("The call took place on the initiative of the French side.", "other"),
])
def test_fresh_sentences_are_classified(shipped: ClaimTypeRules, text: str, expected: str) -> None:
    assert classify(text, shipped) == expected


def test_keyword_whole_words_and_wildcards(tmp_path: Path) -> None:
    rules = _rules(tmp_path, """
claim_types:
  - name: trade
    keywords: [imports, "export*", "trade turnover"]
  - name: other
    fallback: true
""")
    assert classify("They discussed grain exports.", rules) == "trade"
    assert classify("The importance of dialogue was noted.", rules) == "other"
    assert classify("The trade   turnover grew.", rules) == "trade"  # spaces are flexible
    assert keyword_regex("OPEC+") == r"\bOPEC\+"


def test_ties_go_to_priority_then_rule_order(tmp_path: Path) -> None:
    rules = _rules(tmp_path, """
claim_types:
  - name: first
    keywords: [alpha]
  - name: second
    keywords: [alpha]
  - name: third
    keywords: [beta]
    priority: 5
  - name: fourth
    keywords: [beta]
  - name: other
    fallback: true
""")
    assert classify("alpha", rules) == "first"
    assert classify("beta", rules) == "third"
    assert classify("alpha beta", rules) == "third"
    assert classify("gamma", rules) == "other"


def test_more_matches_and_patterns_score_higher(tmp_path: Path) -> None:
    rules = _rules(tmp_path, """
claim_types:
  - name: a
    keywords: [one]
  - name: b
    keywords: [two, three]
  - name: c
    patterns: ['\\bfour\\s+five\\b']
""")
    assert classify("one two three", rules) == "b"
    detail = classify_detail("one four  five", rules)
    assert detail.type == "c" and detail.matched == ("\\bfour\\s+five\\b",) and detail.score == 2
    assert classify("nothing here", rules) == "other"  # no fallback entry: "other"


def test_user_type_added_in_a_few_lines(tmp_path: Path) -> None:
    rf = _rf(tmp_path, """
claim_types:
  - name: prisoner_exchange
    keywords: [prisoner swap, prisoner exchange, "detainee*"]
    examples: ["The leaders discussed the release of detainees held in both countries."]
    counter_examples: ["The leaders discussed the oil market."]
""", defaults=True)
    rules = parse_claim_type_rules(rf)
    assert "prisoner_exchange" in rules.names and "tone" in rules.names
    assert classify("A prisoner swap was on the agenda.", rules) == "prisoner_exchange"
    assert all(r.ok for r in run_rule_tests(rules) if r.type == "prisoner_exchange")


def test_bad_pattern_names_file_line_and_path(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as err:
        _rules(tmp_path, """claim_types:
  - name: tone
    keywords: [warm]
  - name: oil
    keywords: [oil]
  - name: space
    patterns:
      - 'orbit'
      - '(launch'
""")
    message = str(err.value)
    assert message.endswith("claim_types.yaml:9: claim_types[2].patterns[1]: unbalanced parenthesis")


def test_every_problem_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as err:
        _rules(tmp_path, """claim_types:
  - name: Bad Name
    keywords: [x]
  - name: empty
  - name: tone
    keywords: [warm]
    weight: -1
  - name: tone
    keywords: [cold]
  - name: a
    fallback: true
  - name: b
    fallback: true
""")
    paths = [p.path for p in err.value.problems]
    assert paths == ["claim_types[0].name", "claim_types[1]", "claim_types[2].weight", "claim_types[3].name",
                     "claim_types[5].fallback"]


def test_unknown_key_gets_did_you_mean(tmp_path: Path) -> None:
    rf = _rf(tmp_path, "claim_types:\n  - name: tone\n    keywrods: [warm]\n")
    problems = validate(rf, load_schema("rules-claim_types"))
    assert len(problems) == 1
    assert str(problems[0]).endswith("claim_types.yaml:3: claim_types[0].keywrods: unknown key 'keywrods'; "
                                     "did you mean 'keywords'?")


def test_format_rule_tests_lists_failures_and_summary(tmp_path: Path) -> None:
    rules = _rules(tmp_path, """
claim_types:
  - name: oil
    keywords: [oil]
    examples: ["Crude prices fell.", "The oil market was discussed."]
    counter_examples: ["Olive oil exports grew."]
  - name: other
    fallback: true
    examples: ["Nothing to see."]
""")
    results = run_rule_tests(rules)
    assert [(r.type, r.expected, r.got, r.ok) for r in results] == [
        ("oil", "match", "other", False),
        ("oil", "match", "oil", True),
        ("oil", "no match", "oil", False),
        ("other", "match", "other", True),
    ]
    assert results[0].why == "no keyword or pattern matched"
    assert "'oil'" in results[2].why
    out = format_rule_tests(results)
    assert "Crude prices fell." in out and "Olive oil exports grew." in out
    assert "The oil market was discussed." not in out
    assert out.splitlines()[-1] == "3 examples, 1 counter-examples, 2 failed"
    assert format_rule_tests([r for r in results if r.ok]).strip() == "2 examples, 0 counter-examples, 0 failed"


# --------------------------------------------------------------------------- sentence shapes


def test_shipped_sentence_shapes(shipped: ClaimTypeRules) -> None:
    assert {s.name for s in shipped.not_claims} >= {"greeting", "sign_off", "newsletter", "credits"}
    assert shipped.is_not_claim("Good afternoon, everyone!")
    assert shipped.is_not_claim("That is all for this week.")
    assert shipped.is_not_claim("Updates to follow.")
    assert not shipped.is_not_claim("The ministers said more sanctions were likely to follow.")
    assert shipped.is_event_statement("Premier Tanaka and President Okafor spoke by telephone on Wednesday")
    assert shipped.is_event_statement("Premier Tanaka had a phone conversation with his Nigerian counterpart")
    assert not shipped.is_event_statement("Premier Tanaka had a phone conversation with Okafor about the loan")
    assert not shipped.is_event_statement("The phone call lasted 40 minutes and covered the loan")


def test_not_claims_entries_merge_by_name_and_are_tested(tmp_path: Path) -> None:
    rules = parse_claim_type_rules(_rf(tmp_path, """
not_claims:
  - name: podcast
    patterns: ['^listen\\s+to\\s+(the|our)\\s+podcast\\b']
    examples: ["Listen to our podcast on the summit.", "Watch the video."]
    counter_examples: ["Good morning."]
""", defaults=True))
    names = [s.name for s in rules.not_claims]
    assert "podcast" in names and "greeting" in names
    assert rules.is_not_claim("Listen to the podcast here.")
    mine = [(r.text, r.expected, r.ok) for r in run_rule_tests(rules) if r.type == "not_claims.podcast"]
    assert mine == [("Listen to our podcast on the summit.", "match", True), ("Watch the video.", "match", False),
                    ("Good morning.", "no match", False)]


def test_sentence_shape_errors_name_file_line_and_path(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as err:
        _rules(tmp_path, """claim_types:
  - name: oil
    keywords: [oil]
event_statements:
  - name: call
    patterns: ['(held']
not_claims: {greeting: x}
""")
    got = [str(p) for p in err.value.problems]
    assert got[0].endswith("claim_types.yaml:7: not_claims: must be a list of {name, patterns, examples}"), got
    assert got[1].endswith("claim_types.yaml:6: event_statements[0].patterns[0]: unbalanced parenthesis"), got
    rf = _rf(tmp_path, "not_claims:\n  - name: x\n    pattern: 'a'\n")
    problems = [str(p) for p in validate(rf, load_schema("rules-claim_types"))]
    assert any("not_claims[0]" in p and "pattern" in p for p in problems), problems


# --------------------------------------------------------------------------- event adjuncts


def test_shipped_event_adjuncts_cut_only_after_an_event_sentence(shipped: ClaimTypeRules) -> None:
    text = "Premier Tanaka held a telephone conversation with President Okafor at the request of the Nigerian side."
    cut = shipped.event_adjunct(text)
    assert cut is not None and text[:cut[0]].endswith("Okafor") and text[cut[1]:].startswith("at the request")
    lead = "At Abuja's invitation, Premier Tanaka and President Okafor spoke by phone on Monday."
    cut = shipped.event_adjunct(lead)
    assert cut is not None and lead[:cut[0]] == "At Abuja's invitation" and lead[cut[1]:].startswith(" Premier")
    assert shipped.event_adjunct("The phone call took place at the request of the Nigerian side.") is None
    assert shipped.event_adjunct("Tanaka discussed the loan at the request of the bank.") is None
    assert shipped.event_adjunct("Tanaka and Okafor spoke by phone for the first time since May.") is not None


def test_user_event_adjuncts_merge_and_are_tested(tmp_path: Path) -> None:
    rules = parse_claim_type_rules(_rf(tmp_path, """
event_adjuncts:
  - name: duration
    patterns: ['\\bfor\\s+(about\\s+)?\\d+\\s+(minutes|hours)\\b']
    examples: ["Tanaka and Okafor spoke by phone on Monday for 40 minutes.", "The call lasted 40 minutes."]
    counter_examples: ["Tanaka and Okafor spoke by phone on Monday for about 2 hours."]
""", defaults=True))
    assert {s.name for s in rules.event_adjuncts} >= {"duration", "initiative", "sequence"}
    mine = [(r.text[:12], r.expected, r.ok) for r in run_rule_tests(rules) if r.type == "event_adjuncts.duration"]
    assert mine == [("Tanaka and O", "match", True), ("The call las", "match", False),
                    ("Tanaka and O", "no match", False)]
    rf = _rf(tmp_path, "event_adjuncts:\n  - name: x\n    pattern: 'a'\n")
    problems = [str(p) for p in validate(rf, load_schema("rules-claim_types"))]
    assert any("event_adjuncts[0]" in p for p in problems), problems


# --------------------------------------------------------------------------- one RE2 set == one search per matcher


def _brute_force(text: str, rules: ClaimTypeRules) -> tuple[str, float, tuple[str, ...]]:
    best: tuple[str, float, tuple[str, ...]] = (rules.fallback, 0.0, ())
    best_key = (0.0, 0)
    for ct in rules.types:
        if ct.fallback:
            continue
        hits = tuple(m.source for m in ct.matchers if m.regex.search(text[:4000]))
        score = sum(m.score for m in ct.matchers if m.source in hits)
        if score > 0 and (best[1] == 0 or (score, ct.priority) > best_key):
            best, best_key = (ct.name, score, hits), (score, ct.priority)
    return best


_WORDS = ["oil", "crude", "Syria", "ceasefire", "the", "talks", "were", "constructive", "agreed", "to", "meet",
          "in", "Geneva", "G7", "summit", "keep", "in touch", "vaccines", "Kyiv", "trade", "tariffs", "space",
          "station", "Pyongyang", "Iran", "nuclear", "warheads", "OPEC+", "face-to-face", ",", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14))
def test_set_classifier_equals_one_search_per_matcher(words: list[str]) -> None:
    rules = _SHIPPED
    text = " ".join(words)
    c = classify_detail(text, rules)
    assert (c.type, c.score, c.matched) == _brute_force(text, rules)


_SHIPPED = parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))

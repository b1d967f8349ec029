"""Boilerplate removal: fresh examples, the seed acceptance checks, devset quote retention."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.core.errors import RuleError
from compare.core.rulefiles import RuleFile, default_rules_dir
from compare.core.textnorm import LinePatterns, squash
from compare.ingest.boilerplate import BoilerplateRules, clean_text, parse_boilerplate_rules

ROOT = Path(__file__).parent.parent.parent
SEEDS = ROOT / "seeds"
DEVSET = ROOT.parent / "shared" / "devset"


def rule_file(name: str, data: Any = None) -> RuleFile:
    path = default_rules_dir() / f"{name}.yaml"
    if data is None:
        data = yaml.safe_load(path.read_text("utf-8"))
    return RuleFile(name=name, sources=(str(path),), data=data, lines={})


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    return parse_boilerplate_rules(rule_file("boilerplate"))


def clean(text: str, rules: BoilerplateRules) -> str:
    return clean_text(text, rules)[0]


def seed(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return path.read_text("utf-8")


def test_fresh_page_loses_chrome_keeps_body(rules: BoilerplateRules) -> None:
    text = (Path(__file__).parent.parent / "data" / "ingest" / "wire_story.txt").read_text()
    out = clean(text, rules)
    for gone in ("cookie", "Home | Region", "READ ALSO", "Photo:", "Tags:", "Share:", "Most popular",
                 "Storm closes", "(c) 2009", "HARBOUR GAZETTE"):
        assert gone not in out, gone
    for kept in ("Harbour authority approves night ferry to the islands", "14.03.2019 08:20",
                 "PORTSMOUTH, March 13 (Reuters) - The harbour authority",
                 "Island councillors welcomed the decision but said fares should be capped."):
        assert kept in out, kept


def test_whitespace_is_normalised_and_paragraphs_kept(rules: BoilerplateRules) -> None:
    text = "First\u00a0line  of\tthe body goes here and is long enough to be prose text.\n\n\nSecond   paragraph here."
    out, segments = clean_text(text, rules)
    assert out == "First line of the body goes here and is long enough to be prose text.\n\nSecond paragraph here."
    for seg in segments:
        a = out[seg.clean_start:seg.clean_start + seg.length]
        b = text[seg.source_start:seg.source_start + seg.length].replace("\u00a0", " ").replace("\t", " ")
        assert a == b


def test_inserted_title_case_teaser_inside_body_is_removed(rules: BoilerplateRules) -> None:
    body = ("The council met on Monday to discuss the new harbour budget and the ferry timetable.\n\n"
            "Why Coastal Towns Are Betting Big On Summer Tourism\n\n"
            "Councillors agreed to spend more on dredging the channel before the summer season.\n")
    out = clean(body, rules)
    assert "Betting Big" not in out and "dredging the channel" in out


def test_headline_and_subheading_before_body_stay(rules: BoilerplateRules) -> None:
    text = ("Ferry Service To Outer Islands Will Resume In May\n\n"
            "The harbour authority said on Wednesday that the ferry service would resume in May after repairs.")
    assert clean(text, rules).startswith("Ferry Service To Outer Islands Will Resume In May")


def test_russian_footer_and_relative_time(rules: BoilerplateRules) -> None:
    text = ("3 дня назад\nПросмотров: 1 204\n\n"
            "Правительство области утвердило новый план строительства дорог "
            "на ближайшие пять лет, сообщила пресс-служба.\n\n"
            "Читайте также: Новый мост откроют осенью\n"
            "Комментарии (5)\n© 2021 Областные вести. Все права защищены.")
    out = clean(text, rules)
    assert out == ("Правительство области утвердило новый план строительства дорог на ближайшие пять лет, "
                   "сообщила пресс-служба.")


def test_bad_pattern_reports_path() -> None:
    rf = rule_file("boilerplate", {"drop_lines": [{"name": "x", "patterns": ["(unclosed"]}]})
    with pytest.raises(RuleError) as err:
        parse_boilerplate_rules(rf)
    assert "drop_lines[0].patterns[0]: unbalanced parenthesis" in str(err.value)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\u00a0\t|•©Й")), max_size=300))
def test_segments_map_back_to_source(text: str) -> None:
    rules = parse_boilerplate_rules(rule_file("boilerplate"))
    out, segments = clean_text(text, rules)
    covered = 0
    for seg in segments:
        a = out[seg.clean_start:seg.clean_start + seg.length]
        b = text[seg.source_start:seg.source_start + seg.length]
        assert a == b.replace("\u00a0", " ").replace("\t", " ")
        covered += seg.length
    assert covered == len(out) - out.count("\n")


# --------------------------------------------------------------------------- seeds


def test_seed_000_kremlin(rules: BoilerplateRules) -> None:
    raw = seed("000")
    out = clean(raw, rules)
    body_start = out.index("Vladimir Putin had a telephone conversation")
    body_end = out.index("The conversation was constructive, businesslike and substantive.")
    body_raw = squash(raw[raw.index("Vladimir Putin had"):raw.index("substantive.") + len("substantive.")])
    assert squash(out[body_start:body_end + 64]) == body_raw
    assert "June 1, 2020\n18:45" in out
    for gone in ("Videos and Photos", "Search this website", "Amur tiger", "animal welfare",
                 "Publication status", "Direct link", "LiveJournal", "Send by email", "Официальные",
                 "Президента России", "Creative Commons", "Geography", "Trump Donald"):
        assert gone not in out, gone
    assert out.rstrip().endswith("The conversation was constructive, businesslike and substantive.")


def test_seed_001_sputnik(rules: BoilerplateRules) -> None:
    out = clean(seed("001"), rules)
    for gone in ("© AFP", "- Sputnik International", "F-35s on Russia's Borders", "Newsfeed",
                 "log in or register", "Заголовок открываемого материала", "Subscribe"):
        assert gone not in out, gone
    assert "Russian President Vladimir Putin on Tuesday held a telephone conversation" in out
    assert out.rstrip().endswith("the statement added.")


def test_seed_002_and_003(rules: BoilerplateRules) -> None:
    out2 = clean(seed("002"), rules)
    assert "12 months ago" not in out2 and "Leave a Comment" not in out2
    assert out2.startswith("Putin and Trump called up six times since the end of March")
    out3 = clean(seed("003"), rules)
    assert "Tags" not in out3 and "Latest" not in out3
    assert "23 July 2020 22:19 (UTC +04:00)" in out3
    assert out3.count("Putin, Trump hope to boost trade") == 1


def test_seed_004_body_intact(rules: BoilerplateRules) -> None:
    raw = seed("004")
    out = clean(raw, rules)
    assert squash(out).endswith(squash(raw.strip().splitlines()[-1]))


# --------------------------------------------------------------------------- devset (measurement)


@pytest.mark.devset
@pytest.mark.skipif(not (DEVSET / "gold.yaml").is_file(), reason="needs ../shared/devset")
def test_devset_gold_quotes_survive_cleaning(rules: BoilerplateRules) -> None:
    gold = yaml.safe_load((DEVSET / "gold.yaml").read_text("utf-8"))

    def path(file: str) -> Path:
        return (SEEDS / file.split("/", 1)[1]) if file.startswith("seeds/") else DEVSET / file

    cleaned = {d["file"]: clean(path(d["file"]).read_text("utf-8"), rules) for d in gold["documents"]}
    lost = [m["quote"] for m in gold["mentions"] if squash(m["quote"]) not in squash(cleaned[m["doc"]])]
    assert lost == []
    for file, text in cleaned.items():
        for chrome in ("cookies", "READ ALSO", "Most popular", "MOST READ", "Sponsored:", "Unsubscribe",
                       "All rights reserved", "Share:", "Tags:"):
            assert chrome not in text, (file, chrome)


_TRICKY = ["^a\\s+b", "b\\s*$", "\\bab\\b", "^$", "x.{0,3}y", "[^q]{2}z", "\\Aab", "^\\s*$", "c\\s", "z\\z",
           "(?s)a.b", "^(ab|ba)+$", "\\Bb"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abxyzcq \t", max_size=8), max_size=12),
       st.lists(st.sampled_from(_TRICKY), min_size=1, max_size=6, unique=True))
def test_line_patterns_equal_per_line_search(lines: list[str], patterns: list[str]) -> None:
    lp = LinePatterns(patterns)
    expected: dict[int, set[int]] = {}
    for i, line in enumerate(lines):
        for k, regex in enumerate(lp.per_line):
            if regex.search(line) is not None:
                expected.setdefault(i, set()).add(k)
    assert lp.line_hits(lines) == expected
    assert lp.matching(lines) == set(expected)


def test_compiled_rules_survive_pickling_for_worker_processes(rules: BoilerplateRules) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(rules))
    lines = ["Share this article", "The ferry will run all winter, the harbour office said.", "Tags: ferries"]
    assert again.drop is not None and rules.drop is not None
    assert again.drop.matching(lines) == rules.drop.matching(lines) == {0, 2}


def test_contact_lines_are_chrome(rules: BoilerplateRules) -> None:
    text = ("The two ministers agreed to open a consular office in Tartu next spring.\n\n"
            "Press enquiries: Communications Unit, Lena Ostrova, lena.ostrova@mfa.example.org\n"
            "Tel.: +372 555 01 23\n"
            "Контакты для прессы: пресс-служба, press@mid.example\n"
            "Readers may write to the ministry with questions about the new visa rules; the office answers "
            "within ten days and publishes the most common questions on its site every month, it said.\n")
    out = clean(text, rules)
    assert "consular office in Tartu" in out
    assert "@" not in out and "+372" not in out
    assert "Readers may write to the ministry" in out  # prose without an address stays

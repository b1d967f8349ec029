from __future__ import annotations

from pathlib import Path

import pytest
from test_align import RULES, lexicon

from compare.align.lexicon import parse_lexicon, tokenize
from compare.core.errors import RuleError
from compare.core.rulefiles import load_rule_file, load_schema, validate


def test_shipped_lexicon_is_valid_and_has_names() -> None:
    rf = load_rule_file("lexicon", [RULES])
    assert validate(rf, load_schema("rules-lexicon")) == []
    names = {p.name: p for p in lexicon().names}
    assert "Путин" in names["Vladimir Putin"].variants
    assert "the US President" in names["Donald Trump"].variants
    assert {"constructive", "businesslike"} <= {t.name for t in lexicon().tone}


def test_tokenize_acronyms_and_ranges() -> None:
    assert tokenize("The U.S. side, July 7-8, didn't") == ["the", "us", "side", "july", "7", "8",
                                                           "didn't"]


def test_bad_entry_names_file_line_and_path(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yaml").write_text("hedges: [maybe, no]\nnames:\n  - {variants: [X]}\n")
    rf = load_rule_file("lexicon", [tmp_path])
    with pytest.raises(RuleError) as exc:
        parse_lexicon(rf)
    texts = [str(p) for p in exc.value.problems]
    assert len(texts) == 2
    assert any("lexicon.yaml:1: hedges[1]" in t and "quote the word" in t for t in texts)
    assert any("lexicon.yaml:3: names[0]" in t for t in texts)


def test_party_nouns_and_modality_phrases_are_parsed() -> None:
    lex = lexicon()
    assert {"countries", "sides"} <= lex.parties
    levels = {p: c.level for c in lex.modality for p in c.phrases}
    assert levels[("confirmed", "the", "relevance")] < levels[("agreed",)]
    assert ("will",) not in levels


def test_matching_type_pass_and_multilingual_are_checked(tmp_path: Path) -> None:
    from compare.align.matching import parse_matching_config
    (tmp_path / "matching.yaml").write_text(
        "type_pass: [tone, korea]\nembedding: {multilingual: true}\n")
    cfg = parse_matching_config(load_rule_file("matching", [tmp_path]))
    assert cfg.type_pass == ("tone", "korea") and cfg.embedding_multilingual
    (tmp_path / "matching.yaml").write_text("embedding: {multilingual: 3}\n")
    with pytest.raises(RuleError) as exc:
        parse_matching_config(load_rule_file("matching", [tmp_path]))
    assert "matching.yaml:1: embedding" in str(exc.value.problems[0])


def test_matching_cross_language_settings_are_checked(tmp_path: Path) -> None:
    from compare.align.matching import parse_matching_config
    (tmp_path / "matching.yaml").write_text(
        "embedding:\n  cross_language: false\n  cross_language_threshold: 0.6\n"
        "  cross_language_restatement: 0.8\n")
    cfg = parse_matching_config(load_rule_file("matching", [tmp_path]))
    assert (cfg.cross_language, cfg.cross_language_threshold,
            cfg.cross_language_restatement) == (False, 0.6, 0.8)
    (tmp_path / "matching.yaml").write_text(
        "embedding:\n  cross_language: yes please\n  cross_language_threshold: 2\n")
    with pytest.raises(RuleError) as exc:
        parse_matching_config(load_rule_file("matching", [tmp_path]))
    text = " ".join(str(p) for p in exc.value.problems)
    assert "matching.yaml:2: embedding" in text and "cross_language_threshold" in text

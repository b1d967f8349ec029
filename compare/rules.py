"""The compiled rules every stage needs, built once from the YAML rule files.

:func:`compile_rules` asks each stage module to parse its own file (the stage
owns the meaning; :mod:`compare.core.rulefiles` owns loading, layering and schema
validation) and collects every problem, so ``rules check`` reports all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from attrs import frozen

from compare.core.errors import RuleError, RuleProblem
from compare.core.rulefiles import RuleFile, RuleSet, load_rules

T = TypeVar("T")


@frozen
class Rules:
    outlets: Any      # compare.ingest.outlets.OutletRules
    boilerplate: Any  # compare.ingest.boilerplate.BoilerplateRules
    claim_types: Any  # compare.claims.claimtypes.ClaimTypeRules
    lexicon: Any      # compare.align.lexicon.Lexicon
    events: Any       # compare.events.calendar.EventCalendar
    matching: Any     # compare.align.matching.MatchingConfig
    flag_model: Any   # compare.align.flagmodel.FlagModel
    sources: tuple[str, ...] = ()


def _parse(problems: list[RuleProblem], parser: Callable[[RuleFile], T], rf: RuleFile) -> T | None:
    try:
        return parser(rf)
    except RuleError as exc:
        problems.extend(exc.problems)
        return None


def compile_rules(user_dirs: Sequence[Path] = (), *, include_defaults: bool = True) -> Rules:
    """Load and parse every rule file; raises :class:`RuleError` listing every problem."""
    from compare.align.flagmodel import parse_flag_model
    from compare.align.lexicon import parse_lexicon
    from compare.align.matching import parse_matching_config
    from compare.claims.claimtypes import parse_claim_type_rules
    from compare.events.calendar import parse_event_calendar
    from compare.ingest.boilerplate import parse_boilerplate_rules
    from compare.ingest.outlets import parse_outlet_rules

    ruleset: RuleSet = load_rules(user_dirs, include_defaults=include_defaults)
    problems: list[RuleProblem] = []
    parsed = {
        "outlets": _parse(problems, parse_outlet_rules, ruleset["outlets"]),
        "boilerplate": _parse(problems, parse_boilerplate_rules, ruleset["boilerplate"]),
        "claim_types": _parse(problems, parse_claim_type_rules, ruleset["claim_types"]),
        "lexicon": _parse(problems, parse_lexicon, ruleset["lexicon"]),
        "events": _parse(problems, parse_event_calendar, ruleset["events"]),
        "matching": _parse(problems, parse_matching_config, ruleset["matching"]),
        "flag_model": _parse(problems, parse_flag_model, ruleset["flag_model"]),
    }
    if problems:
        raise RuleError(problems)
    return Rules(**parsed, sources=ruleset.sources)

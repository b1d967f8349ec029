"""Claim types: the rules in ``claim_types.yaml``, the classifier and ``rules test``.

A claim type (``tone``, ``contacts``, ``arms_control``...) is a named entry with
``keywords`` (plain words or phrases, matched as whole words, case-insensitive;
a trailing ``*`` matches any ending: ``ventilat*``) and/or ``patterns`` (google-re2
regular expressions, compiled through :func:`compare.core.rulefiles.compile_pattern`).
Every distinct keyword or pattern that matches a claim adds the entry's
``weight`` (patterns count ``pattern_weight`` each, 2 by default, because they are
more specific) to the entry's score.  The best score wins; ties go to the higher
``priority``, then to the entry that comes first in the file.  The entry marked
``fallback: true`` (``other`` in the shipped rules) is returned when nothing
matches.  In a document, a claim nothing matches takes the type of the claim
before it in the same paragraph ("Korea was discussed. Putin called for
restraint."), unless that type says ``carries_over: false`` (tone, contacts).

Each entry carries ``examples`` and ``counter_examples``: sentences that must (or
must not) be classified as that type.  :func:`run_rule_tests` checks them all and
:func:`format_rule_tests` renders the result for ``outlet-compare rules test``.

Two more top-level lists hold sentence *shapes* rather than topics, as named
entries with ``patterns`` (re2, searched in the sentence) and examples:

* ``not_claims``: newsletter and wire furniture that states nothing ("Good
  morning.", "More to follow.", "(Reporting by ...; Editing by ...)"); such
  sentences never become claims;
* ``event_statements``: a sentence that only says the event happened ("X held a
  telephone conversation with Y", "X and Y spoke by phone on Monday"); such a
  claim is marked ``event_statement`` so the flags treat it as the event itself;
* ``event_adjuncts``: a phrase that, attached to such an event sentence, states a
  fact of its own ("... at the initiative of the American side", "... for the
  first time since the strike"); the claims stage cuts the sentence there, so
  the event and the adjunct are two claims.  A pattern's match starts where the
  adjunct starts; the cut is made only when what precedes it is an event
  statement (or, for an adjunct that opens the sentence up to a comma, when what
  follows the comma is one).

Matching uses one RE2 set per list (a single pass over the text finds every
keyword and pattern that occurs), so the cost of classifying a claim hardly grows
with the number of rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from attrs import Factory, evolve, field, frozen
from tabulate import tabulate

from compare.core.errors import RuleError, RuleProblem
from compare.core.rulefiles import RuleFile, compile_pattern
from compare.core.textnorm import PatternSet

FALLBACK_TYPE = "other"
# Claims are sentences; anything longer is cut before matching (bounds the work).
MAX_CLASSIFY_CHARS = 4000
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@frozen
class Matcher:
    """One keyword or pattern of a claim type, compiled with re2."""

    source: str  # as written in the rule file
    kind: Literal["keyword", "pattern"]
    regex: Any  # re2 compiled pattern
    score: float


@frozen
class ClaimType:
    name: str
    matchers: tuple[Matcher, ...]
    priority: int = 0
    fallback: bool = False
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    description: str = ""
    # An unmatched claim right after one of this type, in the same paragraph, takes this type.
    carries_over: bool = True


@frozen
class SentenceShape:
    """A ``not_claims`` or ``event_statements`` entry: patterns a whole sentence is tested with."""

    name: str
    patterns: tuple[Any, ...]  # re2 compiled patterns
    sources: tuple[str, ...]
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        return any(rx.search(text) for rx in self.patterns)


def _pattern_set(patterns: Sequence[str]) -> PatternSet | None:
    """One RE2 set for ``patterns`` (each already compiled on its own), or None when
    there are none or the set does not compile within its memory budget."""
    if not patterns:
        return None
    try:
        return PatternSet(patterns)
    except Exception:  # too large for one DFA: callers fall back to one search per pattern
        return None


@frozen
class _Index:
    """Every matcher of every type (and every shape pattern) in one RE2 set per list."""

    matchers: tuple[tuple[int, Matcher], ...]  # (index of the type in rules.types, matcher)
    matcher_set: PatternSet | None
    not_claims: PatternSet | None
    event_statements: PatternSet | None
    event_adjuncts: PatternSet | None


def _build_index(rules: ClaimTypeRules) -> _Index:
    matchers = tuple((i, m) for i, ct in enumerate(rules.types) if not ct.fallback for m in ct.matchers)
    return _Index(
        matchers=matchers,
        matcher_set=_pattern_set([m.regex.pattern for _, m in matchers]),
        not_claims=_pattern_set([p.pattern for sh in rules.not_claims for p in sh.patterns]),
        event_statements=_pattern_set([p.pattern for sh in rules.event_statements for p in sh.patterns]),
        event_adjuncts=_pattern_set([p.pattern for sh in rules.event_adjuncts for p in sh.patterns]),
    )


def _any_shape(shapes: tuple[SentenceShape, ...], rset: PatternSet | None, text: str) -> bool:
    if rset is not None:
        return bool(rset.which(text))
    return any(sh.matches(text) for sh in shapes)


# "The call took place at the request of X": the call itself is the subject, so the sentence
# says nothing but its adjunct and stays one claim.
_CALL_SUBJECT = re.compile(r"^(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:conversation|call|talks|meeting|contact"
                           r"|visit|discussion|exchange|разговор|переговоры|встреча)\b", re.I)


@frozen
class ClaimTypeRules:
    types: tuple[ClaimType, ...]
    fallback: str = FALLBACK_TYPE
    not_claims: tuple[SentenceShape, ...] = ()
    event_statements: tuple[SentenceShape, ...] = ()
    event_adjuncts: tuple[SentenceShape, ...] = ()
    _index: _Index = field(default=Factory(_build_index, takes_self=True), init=False, eq=False, repr=False)

    def is_not_claim(self, text: str) -> bool:
        """True for furniture ("Good morning.", "More to follow.") that must not become a claim."""
        text = text[:MAX_CLASSIFY_CHARS].strip()
        return _any_shape(self.not_claims, self._index.not_claims, text)

    def is_event_statement(self, text: str) -> bool:
        """True for a sentence that only states that the event took place."""
        text = text[:MAX_CLASSIFY_CHARS].strip()
        return _any_shape(self.event_statements, self._index.event_statements, text)

    def event_adjunct(self, text: str) -> tuple[int, int] | None:
        """Where ``text`` joins an event statement and an adjunct that states a fact of its
        own: ``(end of the first part, start of the second)`` in ``text``, or None.

        "X held a phone call with Y on Monday at the request of Y" -> the cut before "at";
        "At the request of Y, X held a phone call with Y" -> the cut at the comma.
        """
        text = text[:MAX_CLASSIFY_CHARS]
        if not self.event_adjuncts or (self._index.event_adjuncts is not None
                                       and not self._index.event_adjuncts.which(text)):
            return None
        for sh in self.event_adjuncts:
            for rx in sh.patterns:
                for m in rx.finditer(text):
                    a = m.start()
                    while a < len(text) and text[a].isspace():
                        a += 1
                    left = text[:a].rstrip(" ,;:-–—")
                    if left:
                        if len(text[a:].split()) >= 2 and not _CALL_SUBJECT.match(left) and \
                                self.is_event_statement(left):
                            return len(left), a
                        continue
                    comma = text.find(",", m.end())
                    if comma > 0 and self.is_event_statement(text[comma + 1:]):
                        return comma, comma + 1
                    break
        return None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.types)

    def carries_over(self, name: str) -> bool:
        return any(t.name == name and t.carries_over and not t.fallback for t in self.types)


@frozen
class Classification:
    type: str
    score: float
    # The keywords / patterns of the winning type that matched, as written.
    matched: tuple[str, ...]


@frozen
class RuleTestResult:
    type: str
    text: str
    expected: Literal["match", "no match"]
    got: str
    ok: bool
    why: str


# --------------------------------------------------------------------------- parsing


def keyword_regex(keyword: str) -> str:
    """The re2 pattern for a keyword: whole words, spaces flexible, ``*`` = any ending."""
    word = keyword.strip()
    prefix = word.endswith("*")
    if prefix:
        word = word[:-1]
    parts = [re.escape(p) for p in word.split()]
    body = r"\s+".join(parts)
    start = r"\b" if word[:1].isalnum() else ""
    if prefix:
        return start + body + r"\w*"
    end = r"\b" if word[-1:].isalnum() else ""
    return start + body + end


def _strings(rf: RuleFile, value: Any, path: tuple[str | int, ...], problems: list[RuleProblem]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(rf.problem(path, "must be a list of strings"))
        return []
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.append(rf.problem((*path, i), "must be a non-empty string"))
            continue
        out.append(item)
    return out


def _number(rf: RuleFile, entry: dict[str, Any], key: str, default: float, path: tuple[str | int, ...],
            problems: list[RuleProblem]) -> float:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        problems.append(rf.problem((*path, key), "must be a positive number"))
        return default
    return float(value)


def _parse_entry(rf: RuleFile, entry: Any, i: int, problems: list[RuleProblem]) -> ClaimType | None:
    path: tuple[str | int, ...] = ("claim_types", i)
    if not isinstance(entry, dict):
        problems.append(rf.problem(path, "must be a mapping with a name"))
        return None
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        problems.append(rf.problem((*path, "name"), "must be a lower-case identifier like prisoner_exchange"))
        return None
    weight = _number(rf, entry, "weight", 1.0, path, problems)
    pattern_weight = _number(rf, entry, "pattern_weight", 2.0, path, problems)
    priority = entry.get("priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int):
        problems.append(rf.problem((*path, "priority"), "must be an integer"))
        priority = 0
    fallback = entry.get("fallback", False)
    if not isinstance(fallback, bool):
        problems.append(rf.problem((*path, "fallback"), "must be true or false"))
        fallback = False
    carries = entry.get("carries_over", True)
    if not isinstance(carries, bool):
        problems.append(rf.problem((*path, "carries_over"), "must be true or false"))
        carries = True
    matchers: list[Matcher] = []
    for j, kw in enumerate(_strings(rf, entry.get("keywords"), (*path, "keywords"), problems)):
        try:
            regex = compile_pattern(keyword_regex(kw), rf, (*path, "keywords", j))
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        matchers.append(Matcher(kw, "keyword", regex, weight))
    for j, pat in enumerate(_strings(rf, entry.get("patterns"), (*path, "patterns"), problems)):
        try:
            regex = compile_pattern(pat, rf, (*path, "patterns", j))
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        matchers.append(Matcher(pat, "pattern", regex, weight * pattern_weight))
    if not matchers and not fallback:
        problems.append(rf.problem(path, f"claim type '{name}' needs keywords or patterns (or fallback: true)"))
    description = entry.get("description", "")
    return ClaimType(
        name=name,
        matchers=tuple(matchers),
        priority=priority,
        fallback=fallback,
        examples=tuple(_strings(rf, entry.get("examples"), (*path, "examples"), problems)),
        counter_examples=tuple(_strings(rf, entry.get("counter_examples"), (*path, "counter_examples"), problems)),
        description=description if isinstance(description, str) else "",
        carries_over=carries,
    )


def _parse_shapes(rf: RuleFile, key: str, problems: list[RuleProblem]) -> tuple[SentenceShape, ...]:
    raw = rf.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(rf.problem((key,), "must be a list of {name, patterns, examples}"))
        return ()
    shapes: list[SentenceShape] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        path: tuple[str | int, ...] = (key, i)
        if not isinstance(entry, dict):
            problems.append(rf.problem(path, "must be a mapping with a name and patterns"))
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not _NAME_RE.match(name):
            problems.append(rf.problem((*path, "name"), "must be a lower-case identifier like greeting"))
            continue
        if name in seen:
            problems.append(rf.problem((*path, "name"), f"duplicate entry '{name}'"))
            continue
        seen.add(name)
        compiled, sources = [], []
        for j, pat in enumerate(_strings(rf, entry.get("patterns"), (*path, "patterns"), problems)):
            try:
                compiled.append(compile_pattern(pat, rf, (*path, "patterns", j)))
            except RuleError as exc:
                problems.extend(exc.problems)
                continue
            sources.append(pat)
        if not compiled and "patterns" not in entry:
            problems.append(rf.problem(path, f"'{name}' needs patterns"))
        shapes.append(SentenceShape(
            name=name, patterns=tuple(compiled), sources=tuple(sources),
            examples=tuple(_strings(rf, entry.get("examples"), (*path, "examples"), problems)),
            counter_examples=tuple(_strings(rf, entry.get("counter_examples"), (*path, "counter_examples"),
                                            problems)),
        ))
    return tuple(shapes)


def parse_claim_type_rules(rf: RuleFile) -> ClaimTypeRules:
    """Parse ``claim_types.yaml``; raises :class:`RuleError` listing every problem."""
    problems: list[RuleProblem] = []
    raw = rf.get("claim_types")
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RuleError([rf.problem(("claim_types",), "must be a list of claim types")])
    types: list[ClaimType] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(raw):
        ct = _parse_entry(rf, entry, i, problems)
        if ct is None:
            continue
        if ct.name in seen:
            problems.append(rf.problem(("claim_types", i, "name"),
                                       f"duplicate claim type '{ct.name}' (first at claim_types[{seen[ct.name]}])"))
            continue
        seen[ct.name] = i
        types.append(ct)
    fallbacks = [t.name for t in types if t.fallback]
    if len(fallbacks) > 1:
        idx = seen[fallbacks[1]]
        problems.append(rf.problem(("claim_types", idx, "fallback"),
                                   f"only one claim type may be the fallback (already '{fallbacks[0]}')"))
    not_claims = _parse_shapes(rf, "not_claims", problems)
    event_statements = _parse_shapes(rf, "event_statements", problems)
    event_adjuncts = _parse_shapes(rf, "event_adjuncts", problems)
    if problems:
        raise RuleError(problems)
    return ClaimTypeRules(types=tuple(types), fallback=fallbacks[0] if fallbacks else FALLBACK_TYPE,
                          not_claims=not_claims, event_statements=event_statements,
                          event_adjuncts=event_adjuncts)


# --------------------------------------------------------------------------- classifying


def _score(ct: ClaimType, text: str) -> tuple[float, tuple[str, ...]]:
    total = 0.0
    hits: list[str] = []
    for m in ct.matchers:
        if m.regex.search(text):
            total += m.score
            hits.append(m.source)
    return total, tuple(hits)


def classify_detail(text: str, rules: ClaimTypeRules) -> Classification:
    """The best type for ``text`` with its score and the matchers that fired."""
    text = text[:MAX_CLASSIFY_CHARS]
    index = rules._index
    scored: dict[int, tuple[float, tuple[str, ...]]] = {}
    if index.matcher_set is not None:
        totals: dict[int, float] = {}
        hits: dict[int, list[str]] = {}
        for j in index.matcher_set.which(text):  # sorted: rule order, as the loop below
            i, m = index.matchers[j]
            totals[i] = totals.get(i, 0.0) + m.score
            hits.setdefault(i, []).append(m.source)
        scored = {i: (totals[i], tuple(hits[i])) for i in totals}
    else:
        for i, ct in enumerate(rules.types):
            if not ct.fallback:
                scored[i] = _score(ct, text)
    best: Classification | None = None
    best_key: tuple[float, int] = (0.0, 0)
    for i in sorted(scored):
        score, matched = scored[i]
        if score <= 0:
            continue
        ct = rules.types[i]
        key = (score, ct.priority)
        if best is None or key > best_key:  # strict: earlier entries win ties
            best, best_key = Classification(ct.name, score, matched), key
    return best if best is not None else Classification(rules.fallback, 0.0, ())


def classify(text: str, rules: ClaimTypeRules) -> str:
    """The claim type of ``text``: best score, ties to priority then rule order; the fallback when none match."""
    return classify_detail(text, rules).type


# --------------------------------------------------------------------------- rules test


def _why(c: Classification) -> str:
    if not c.matched:
        return "no keyword or pattern matched"
    return f"{c.type} matched " + ", ".join(repr(s) for s in c.matched) + f" (score {c.score:g})"


def run_rule_tests(rules: ClaimTypeRules) -> list[RuleTestResult]:
    """Classify every example and counter-example of every type.

    An example passes when it is classified as its own type, a counter-example
    when it is classified as anything else.
    """
    results: list[RuleTestResult] = []
    for ct in rules.types:
        for text in ct.examples:
            c = classify_detail(text, rules)
            results.append(RuleTestResult(ct.name, text, "match", c.type, c.type == ct.name, _why(c)))
        for text in ct.counter_examples:
            c = classify_detail(text, rules)
            results.append(RuleTestResult(ct.name, text, "no match", c.type, c.type != ct.name, _why(c)))
    results.extend(_adjunct_tests(rules))
    for key, shapes, test in (("not_claims", rules.not_claims, rules.is_not_claim),
                              ("event_statements", rules.event_statements, rules.is_event_statement)):
        label = key.rstrip("s").replace("_", " ")
        for sh in shapes:
            for text in sh.examples:
                ok = sh.matches(text)
                results.append(RuleTestResult(f"{key}.{sh.name}", text, "match", label if ok else "claim", ok,
                                              "matched" if ok else "no pattern of this entry matched"))
            for text in sh.counter_examples:
                hit = test(text)
                results.append(RuleTestResult(f"{key}.{sh.name}", text, "no match", label if hit else "claim",
                                              not hit, f"a {key} pattern matched" if hit else "no pattern matched"))
    return results


def _adjunct_tests(rules: ClaimTypeRules) -> list[RuleTestResult]:
    """An ``event_adjuncts`` example must be cut into event + adjunct; a counter-example must not be cut."""
    results: list[RuleTestResult] = []
    for sh in rules.event_adjuncts:
        alone = evolve(rules, event_adjuncts=(sh,))
        for text in sh.examples:
            cut = alone.event_adjunct(text)
            got = f"cut at {text[cut[1]:cut[1] + 20]!r}" if cut else "no cut"
            results.append(RuleTestResult(f"event_adjuncts.{sh.name}", text, "match", got, cut is not None,
                                          "event + adjunct" if cut else "no adjunct after an event statement"))
        for text in sh.counter_examples:
            cut = rules.event_adjunct(text)
            got = f"cut at {text[cut[1]:cut[1] + 20]!r}" if cut else "no cut"
            results.append(RuleTestResult(f"event_adjuncts.{sh.name}", text, "no match", got, cut is None,
                                          "an event_adjuncts pattern cut it" if cut else "not cut"))
    return results


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_rule_tests(results: Sequence[RuleTestResult]) -> str:
    """A table of the failed checks (if any) and the line ``N examples, M counter-examples, K failed``."""
    failed = [r for r in results if not r.ok]
    n_ex = sum(1 for r in results if r.expected == "match")
    n_counter = len(results) - n_ex
    lines: list[str] = []
    if failed:
        rows = [(r.type, r.expected, r.got, _short(r.text), r.why) for r in failed]
        lines.append(tabulate(rows, headers=["type", "expected", "got", "text", "why"], tablefmt="simple"))
        lines.append("")
    lines.append(f"{n_ex} examples, {n_counter} counter-examples, {len(failed)} failed")
    return "\n".join(lines)

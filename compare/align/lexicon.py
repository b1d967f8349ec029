"""The lexicon: names, synonyms and the word classes the discrepancy flags use.

``rules/lexicon.yaml`` is parsed into a frozen :class:`Lexicon`.  Every phrase is
kept as a tuple of normalised tokens (see :func:`phrase_tokens`) so that the
stages match phrases on token sequences, never by compiling text from a rule
file into a regular expression.

Other stages use ``Lexicon.names`` (dates: participants; claims: attribution).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import field, frozen

from compare.core.errors import RuleError, RuleProblem
from compare.core.models import PersonName
from compare.core.rulefiles import RuleFile

# Word tokens: letters/digits (any script), apostrophes inside words kept.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Dotted acronyms (U.S., U.N., U.S.A.) are joined before tokenising.
_ACRONYM = re.compile(r"\b((?:[A-Za-z]\.){2,})")
MAX_PHRASE_CHARS = 300


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens; ``U.S.`` -> ``us``, ``didn't`` stays one token,
    hyphenated words and ranges split (``7-8`` -> ``7``, ``8``)."""
    text = _ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    return [t.replace("’", "'") for t in _TOKEN.findall(text.lower())]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(tokenize(phrase))


@frozen
class Synonym:
    """A canonical token and the phrases that mean it."""

    name: str
    variants: tuple[tuple[str, ...], ...]


@frozen
class ModalityClass:
    name: str
    level: int
    phrases: tuple[tuple[str, ...], ...]


@frozen(cache_hash=True)
class Lexicon:
    names: tuple[PersonName, ...] = ()
    synonyms: tuple[Synonym, ...] = ()
    # Tone words: canonical word and its variants (each a token tuple).
    tone: tuple[Synonym, ...] = ()
    # Tone words of other languages by language code: (tone name, words); a
    # word ending in "*" is a prefix (see compare.align.discrepancies.tone_in).
    tone_languages: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()
    modality: tuple[ModalityClass, ...] = ()
    hedges: tuple[tuple[str, ...], ...] = ()
    negations: tuple[tuple[str, ...], ...] = ()
    # The same lists by language (ISO 639-1 code; "*" for a plain list that
    # applies to every language): see :meth:`negations_for`.
    hedges_by_language: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    negations_by_language: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    attribution_official: tuple[tuple[str, ...], ...] = ()
    attribution_anonymous: tuple[tuple[str, ...], ...] = ()
    attribution_verbs: tuple[tuple[str, ...], ...] = ()
    cardinals: tuple[tuple[str, int], ...] = ()
    ordinals: tuple[tuple[str, int], ...] = ()
    months: tuple[tuple[str, int], ...] = ()
    # Nouns for the sides of a contact ("two countries", "both ministers"): a
    # one or two before them counts the parties, not a quantity.
    parties: frozenset[str] = field(factory=frozenset)
    # Phrases that count the participants themselves ("the two agreed", "both
    # welcomed"): never a figure of the claim.
    participant_counts: tuple[tuple[str, ...], ...] = ()
    scope_wide: tuple[tuple[str, ...], ...] = ()
    scope_regions: tuple[tuple[str, ...], ...] = ()
    stopwords: frozenset[str] = field(factory=frozenset)

    def person_token(self, person: PersonName) -> str:
        return "_".join(tokenize(person.name))

    def negations_for(self, language: str | None) -> tuple[tuple[str, ...], ...]:
        """The negations of a text in ``language``: its own list (English "no"
        is not Portuguese/Spanish/Italian "no", "in the"), plus any plain
        list; every list when the language is unknown."""
        return _for_language(self.negations_by_language, self.negations, language)

    def hedges_for(self, language: str | None) -> tuple[tuple[str, ...], ...]:
        """The hedges of a text in ``language`` (as :meth:`negations_for`)."""
        return _for_language(self.hedges_by_language, self.hedges, language)

    @property
    def month_map(self) -> dict[str, int]:
        return dict(self.months)


UNKNOWN_LANGUAGES = frozenset({"", "und", "unknown"})


def _for_language(by_language: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...],
                  every: tuple[tuple[str, ...], ...],
                  language: str | None) -> tuple[tuple[str, ...], ...]:
    if not by_language or language is None or language in UNKNOWN_LANGUAGES:
        return every
    return tuple(dict.fromkeys(p for lang, ps in by_language if lang in ("*", language)
                               for p in ps))


# --------------------------------------------------------------------------- parsing


class _Parser:
    def __init__(self, rf: RuleFile) -> None:
        self.rf = rf
        self.problems: list[RuleProblem] = []

    def fail(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(self.rf.problem(path, message))

    def phrase(self, value: Any, path: tuple[str | int, ...]) -> tuple[str, ...] | None:
        if isinstance(value, bool):
            self.fail(path, "expected a word or phrase; YAML reads unquoted no/yes/on/off "
                      "as true/false: quote the word")
            return None
        if not isinstance(value, str | int | float):
            self.fail(path, "expected a word or phrase")
            return None
        text = str(value)
        if len(text) > MAX_PHRASE_CHARS:
            self.fail(path, f"phrase longer than {MAX_PHRASE_CHARS} characters")
            return None
        toks = phrase_tokens(text)
        if not toks:
            self.fail(path, f"{text!r} has no words")
            return None
        return toks

    def phrases(self, value: Any, path: tuple[str | int, ...]) -> tuple[tuple[str, ...], ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, "expected a list of words or phrases")
            return ()
        out = []
        for i, item in enumerate(value):
            toks = self.phrase(item, (*path, i))
            if toks:
                out.append(toks)
        return tuple(dict.fromkeys(out))

    def named(self, value: Any, path: tuple[str | int, ...],
              allow_plain: bool) -> tuple[Synonym, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, "expected a list")
            return ()
        out = []
        for i, item in enumerate(value):
            if allow_plain and isinstance(item, str):
                toks = self.phrase(item, (*path, i))
                if toks:
                    out.append(Synonym("_".join(toks), (toks,)))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                self.fail((*path, i), "expected a mapping with 'name' and 'variants'")
                continue
            name_toks = self.phrase(item["name"], (*path, i, "name"))
            if not name_toks:
                continue
            variants = self.phrases(item.get("variants"), (*path, i, "variants"))
            out.append(Synonym("_".join(name_toks), tuple(dict.fromkeys((name_toks, *variants)))))
        return tuple(out)

    def by_language(self, value: Any, path: tuple[str | int, ...]
                    ) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
        """A plain list (every language: "*") or a mapping language -> list."""
        if value is None:
            return ()
        if isinstance(value, list):
            return (("*", self.phrases(value, path)),)
        if not isinstance(value, dict):
            self.fail(path, "expected a list of words or phrases, or a mapping of "
                      "language code -> list")
            return ()
        out = []
        for lang, items in value.items():
            if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}", lang):
                self.fail((*path, str(lang)), "expected a language code such as en, pt")
                continue
            out.append((lang, self.phrases(items, (*path, lang))))
        return tuple(out)

    def numbers(self, value: Any, path: tuple[str | int, ...]) -> tuple[tuple[str, int], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.fail(path, "expected a mapping of word: number")
            return ()
        out = []
        for word, num in value.items():
            if isinstance(num, bool) or not isinstance(num, int) or num < 0:
                self.fail((*path, word), "expected a whole number >= 0")
                continue
            toks = phrase_tokens(str(word))
            if len(toks) != 1:
                self.fail((*path, word), "expected one word")
                continue
            out.append((toks[0], num))
        return tuple(out)


def _names(p: _Parser, value: Any) -> tuple[PersonName, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        p.fail(("names",), "expected a list of {name, variants, country}")
        return ()
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            p.fail(("names", i), "expected a mapping with a 'name'")
            continue
        variants = item.get("variants") or []
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            p.fail(("names", i, "variants"), "expected a list of strings")
            continue
        country = item.get("country")
        if country is not None and not isinstance(country, str):
            p.fail(("names", i, "country"), "expected a string")
            continue
        if not phrase_tokens(item["name"]):
            p.fail(("names", i, "name"), "the name has no words")
            continue
        out.append(PersonName(name=item["name"], variants=tuple(dict.fromkeys(variants)),
                              country=country))
    return tuple(out)


def _modality(p: _Parser, value: Any) -> tuple[ModalityClass, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        p.fail(("modality",), "expected a list of {name, level, phrases}")
        return ()
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            p.fail(("modality", i), "expected a mapping with 'name', 'level', 'phrases'")
            continue
        level = item.get("level")
        if isinstance(level, bool) or not isinstance(level, int):
            p.fail(("modality", i, "level"), "expected a whole number")
            continue
        out.append(ModalityClass(item["name"], level,
                                 p.phrases(item.get("phrases"), ("modality", i, "phrases"))))
    return tuple(out)


def _tone_languages(p: _Parser, value: Any, names: set[str]
                    ) -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        p.fail(("tone_languages",), "expected a mapping of language code -> {tone name: words}")
        return ()
    out = []
    for lang, table in value.items():
        path: tuple[str | int, ...] = ("tone_languages", str(lang))
        if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}", lang):
            p.fail(path, "expected a language code such as pl, ja")
            continue
        if not isinstance(table, dict):
            p.fail(path, "expected a mapping of tone name -> list of words")
            continue
        rows = []
        for name, words in table.items():
            canon = "_".join(phrase_tokens(str(name)))
            if canon not in names:
                p.fail((*path, str(name)), f"{name!r} is not a name of the tone list")
                continue
            if not isinstance(words, list) or not all(
                    isinstance(w, str) and w.strip(" *") for w in words):
                p.fail((*path, str(name)), "expected a list of words")
                continue
            rows.append((canon, tuple(dict.fromkeys(w.strip().lower() for w in words))))
        out.append((lang, tuple(rows)))
    return tuple(out)


def _section(p: _Parser, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        p.fail((key,), "expected a mapping")
        return {}
    return value


def parse_lexicon(rf: RuleFile) -> Lexicon:
    """Parse ``lexicon.yaml``; raises :class:`RuleError` naming file, line and path."""
    p = _Parser(rf)
    data = rf.data
    attribution = _section(p, data, "attribution")
    numbers = _section(p, data, "numbers")
    scope = _section(p, data, "scope")
    stop = p.phrases(data.get("stopwords"), ("stopwords",))
    hedges = p.by_language(data.get("hedges"), ("hedges",))
    negations = p.by_language(data.get("negations"), ("negations",))
    tone = p.named(data.get("tone"), ("tone",), allow_plain=True)
    lex = Lexicon(
        names=_names(p, data.get("names")),
        synonyms=p.named(data.get("synonyms"), ("synonyms",), allow_plain=False),
        tone=tone,
        tone_languages=_tone_languages(p, data.get("tone_languages"), {t.name for t in tone}),
        modality=_modality(p, data.get("modality")),
        hedges=tuple(dict.fromkeys(ph for _, ps in hedges for ph in ps)),
        negations=tuple(dict.fromkeys(ph for _, ps in negations for ph in ps)),
        hedges_by_language=hedges,
        negations_by_language=negations,
        attribution_official=p.phrases(attribution.get("official"), ("attribution", "official")),
        attribution_anonymous=p.phrases(attribution.get("anonymous"),
                                        ("attribution", "anonymous")),
        attribution_verbs=p.phrases(attribution.get("verbs"), ("attribution", "verbs")),
        cardinals=p.numbers(numbers.get("cardinal"), ("numbers", "cardinal")),
        ordinals=p.numbers(numbers.get("ordinal"), ("numbers", "ordinal")),
        months=p.numbers(data.get("months"), ("months",)),
        parties=frozenset(t for toks in p.phrases(numbers.get("parties"), ("numbers", "parties"))
                          for t in toks),
        participant_counts=p.phrases(numbers.get("participant_counts"),
                                     ("numbers", "participant_counts")),
        scope_wide=p.phrases(scope.get("wide"), ("scope", "wide")),
        scope_regions=p.phrases(scope.get("regions"), ("scope", "regions")),
        stopwords=frozenset(t for toks in stop for t in toks),
    )
    if p.problems:
        raise RuleError(p.problems)
    return lex


def name_phrases(lexicon: Lexicon) -> Iterable[tuple[str, tuple[str, ...]]]:
    """(canonical token, phrase tokens) for every person name and variant."""
    for person in lexicon.names:
        canon = lexicon.person_token(person)
        for variant in (person.name, *person.variants):
            toks = phrase_tokens(variant)
            if toks:
                yield canon, toks

"""Normalisation of claim text for matching.

``normalize(text, lexicon)`` lower-cases and tokenises the text, replaces
names and their variants ("the Russian President", "Путин") by one canonical
token per person, country and organisation synonyms ("U.S.", "Washington",
"American") by one token, number words by digits ("six" -> ``6``, "first" and
"1st" -> ``1``), drops stop words and strips common English suffixes (a small
Porter-like rule set, no dependency).  Results are cached, and
:func:`normalize_many` returns the strings and stem sets of a list of texts
ready for ``rapidfuzz.process.cdist`` and the sparse token-overlap product.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from attrs import frozen

from compare.align.lexicon import Lexicon, name_phrases, tokenize

MAX_CLAIM_CHARS = 4000
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")

# Suffixes stripped, longest first; a stem keeps at least 3 characters.
_SUFFIXES: tuple[str, ...] = (
    "izations", "isations", "ization", "isation", "ational", "fulness", "iveness",
    "ations", "ation", "ative", "ments", "ingly", "ities", "ously", "ement", "ment",
    "ness", "ings", "ity", "ing", "ies", "ied", "ive", "ers", "ous", "ful", "ial",
    "ed", "es", "er", "ly", "al", "ic", "s", "e", "y",
)


@lru_cache(maxsize=131072)
def stem(token: str) -> str:
    """A light suffix stripper: ``initiated``/``initiative`` -> ``initi``."""
    if len(token) <= 3 or not token.isalpha() or not token.isascii():
        return token
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            token = token[: -len(suffix)]
            break
    if token.endswith(("at", "iz", "is")) and len(token) > 5:
        token = token[:-2]  # "initiat" -> "initi" (as "initiation"), "organiz" -> "organ"
    if len(token) > 4 and token[-1] == token[-2] and token[-1] not in "aeiouls":
        token = token[:-1]  # "planned" -> "plann" -> "plan"
    return token


@frozen
class NormText:
    """A normalised claim: all tokens (canonical, stop words kept), the content
    tokens (stop words dropped, stemmed), their joined string and set."""

    tokens: tuple[str, ...]
    content: tuple[str, ...]
    text: str
    stems: frozenset[str]


@frozen
class PhraseIndex:
    """Phrase tokens -> canonical token, by first token, longest phrase first."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    def replace(self, tokens: Sequence[str]) -> list[str]:
        out: list[str] = []
        i, n = 0, len(tokens)
        while i < n:
            cands = self.by_first.get(tokens[i])
            if cands:
                for phrase, canon in cands:
                    k = len(phrase)
                    if tuple(tokens[i : i + k]) == phrase:
                        out.append(canon)
                        i += k
                        break
                else:
                    out.append(tokens[i])
                    i += 1
            else:
                out.append(tokens[i])
                i += 1
        return out


@lru_cache(maxsize=64)
def phrase_index(lexicon: Lexicon) -> PhraseIndex:
    """The replacement index of a lexicon: names, synonyms, tone variants, numbers."""
    pairs: dict[tuple[str, ...], str] = {}
    for syn in lexicon.synonyms:
        for variant in syn.variants:
            pairs.setdefault(variant, syn.name)
    for tone in lexicon.tone:
        for variant in tone.variants:
            pairs.setdefault(variant, tone.name)
    for canon, variant in name_phrases(lexicon):
        pairs[variant] = canon  # a person's name wins over a country synonym
    months = {w for w, _ in lexicon.months}
    for word, num in (*lexicon.cardinals, *lexicon.ordinals):
        if word not in months:
            pairs.setdefault((word,), str(num))
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, canon in pairs.items():
        by_first.setdefault(phrase[0], []).append((phrase, canon))
    return PhraseIndex({k: tuple(sorted(v, key=lambda pc: -len(pc[0])))
                        for k, v in by_first.items()})


@lru_cache(maxsize=65536)
def _canonical(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    toks = tokenize(text[:MAX_CLAIM_CHARS])
    toks = [m.group(1) if (m := _ORDINAL_SUFFIX.match(t)) else t for t in toks]
    # Possessives name the same thing: "Washington's" -> "washington".
    toks = [t[:-2] if t.endswith("'s") and len(t) > 3 else t for t in toks]
    return tuple(phrase_index(lexicon).replace(toks))


def canonical_tokens(text: str, lexicon: Lexicon) -> list[str]:
    """Tokens with names, synonyms and numbers replaced by canonical tokens (cached)."""
    return list(_canonical(text, lexicon))


@lru_cache(maxsize=65536)
def normalize(text: str, lexicon: Lexicon) -> NormText:
    """Normalise one claim text (cached)."""
    tokens = canonical_tokens(text, lexicon)
    stop = lexicon.stopwords
    content = tuple(stem(t) for t in tokens if t not in stop)
    return NormText(tokens=tuple(tokens), content=content, text=" ".join(content),
                    stems=frozenset(content))


def normalize_many(texts: Sequence[str], lexicon: Lexicon) -> list[NormText]:
    return [normalize(t, lexicon) for t in texts]

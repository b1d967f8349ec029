"""The comparison of one aligned pair of claims: a reference claim and a claim
of another document in its group.

:func:`compare_pair` lists every discrepancy of the pair, most important first
(:data:`PRIORITY`):

* ``negation_or_hedge``: a negation or a hedge the reference lacks;
* ``number_or_date_change``: numbers or month-day dates differ;
* ``attribution_change``: official or unattributed in the reference, anonymous
  sources in the document; or another person as subject/speaker;
* ``wording_drift``: tone words dropped/added/replaced, a different commitment
  level, a joint position put on one side, a widened scope.

A faithful paraphrase keeps all of these and has none.  A claim in another
language than the reference claim is compared by
:func:`compare_across_languages` (digits and dates only).  The flags stage
(:mod:`compare.align.flags`) keeps the most important discrepancy of each document
and group.

All word classes come from the lexicon (rules/lexicon.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from compare.align.amounts import Amount, format_amount, in_gregorian, same_across, same_value, scan
from compare.align.lexicon import UNKNOWN_LANGUAGES, Lexicon, name_phrases, tokenize
from compare.align.normalize import canonical_tokens, normalize, stem
from compare.align.persons import (
    has_phrase,
    narrowed_position,
    person_change,
    person_tokens,
)
from compare.core.models import Claim

# Most important first (one flag per document and claim group).
PRIORITY: tuple[str, ...] = ("negation_or_hedge", "number_or_date_change",
                             "attribution_change", "wording_drift")


def _found(tokens: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> list[str]:
    present = set(tokens)
    return [" ".join(p) for p in phrases
            if p[0] in present and all(w in present for w in p) and has_phrase(tokens, p)]


def _drop_phrases(tokens: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        hit = max((len(p) for p in phrases if tuple(tokens[i:i + len(p)]) == p), default=0)
        if hit:
            i += hit
        else:
            out.append(tokens[i])
            i += 1
    return out


@lru_cache(maxsize=65536)
def _numbers(text: str, lexicon: Lexicon, digits_only: bool = False
             ) -> tuple[tuple[Amount, ...], frozenset[str]]:
    """(figures, month-day dates) of a claim.  Figures with separators or a
    scale word ("1,200億", "15 mld", "$2.5bn") are read as values by
    :func:`compare.align.amounts.scan`, which also skips a bracketed
    conversion of the figure before it; plain integers and number words are
    read on canonical tokens.  A one or two that counts the sides of the
    contact ("two leaders", "both countries": before a party noun, a name, a
    country or a stop word; "the two agreed", "both": a participant count of
    the lexicon) is not a number; "two detainees" is.  ``digits_only``: number
    words ("first", "six") are no figures (a translation may spell a number
    out, and only the lexicon's language has number words)."""
    found = scan(text)
    raw = _drop_phrases(tokenize(found.masked), lexicon.participant_counts)
    tokens = canonical_tokens(" ".join(raw), lexicon)
    months = lexicon.month_map
    dates: set[str] = {f"{m}-{d}" for m, d in found.dates}
    used: set[int] = set()
    for i, t in enumerate(tokens):
        if t in months:
            # "May 30", "July 7 8" (a range), "May 3 and 4" (a stop word
            # between two days), "30 May"
            j = i + 1
            while j < len(tokens) and tokens[j].isdigit() and len(tokens[j]) <= 2:
                dates.add(f"{months[t]}-{int(tokens[j])}")
                used.add(j)
                j += 1
                if (j + 1 < len(tokens) and tokens[j] in lexicon.stopwords
                        and tokens[j + 1].isdigit()
                        and int(tokens[j - 1]) < int(tokens[j + 1]) <= 31):
                    j += 1
            j = i - 1  # "30 May", "4-5 April" (a range), "3 y 4 mayo"
            while j >= 0 and tokens[j].isdigit() and len(tokens[j]) <= 2:
                dates.add(f"{months[t]}-{int(tokens[j])}")
                used.add(j)
                j -= 1
                if (j >= 1 and tokens[j] in lexicon.stopwords and tokens[j - 1].isdigit()
                        and 0 < int(tokens[j - 1]) < int(tokens[j + 1]) <= 31):
                    j -= 1
    sides = _side_words(lexicon)
    raw_digits = {t for t in raw if t.isdigit()}
    plain: list[Amount] = []
    for i, t in enumerate(tokens):
        if i in used or not t.isdigit():
            continue
        if t in ("1", "2") and (i + 1 >= len(tokens) or tokens[i + 1] in sides
                                or tokens[i + 1] in lexicon.stopwords):
            continue
        if digits_only and t not in raw_digits:
            continue
        plain.append(Amount(float(int(t))))
    return (*found.amounts, *dict.fromkeys(plain)), frozenset(dates)


def _new_figures(other: Sequence[Amount], ref: Sequence[Amount]) -> list[Amount]:
    """The figures of ``other`` that no figure of ``ref`` matches up to rounding."""
    return [a for a in other if not any(same_value(a, b) for b in ref)]


def _fmt_amounts(amounts: Sequence[Amount]) -> str:
    return ", ".join(dict.fromkeys(format_amount(a) for a in sorted(amounts,
                                                                   key=lambda a: a.value)))


@lru_cache(maxsize=16)
def _side_words(lexicon: Lexicon) -> frozenset[str]:
    """Tokens after which a one or two counts sides: party nouns, people, synonyms."""
    return (lexicon.parties | person_tokens(lexicon)
            | {syn.name for syn in lexicon.synonyms})


@lru_cache(maxsize=16)
def _modal_index(lexicon: Lexicon) -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """Modality phrases by first token, longest first, with their level."""
    by_first: dict[str, dict[tuple[str, ...], int]] = {}
    for cls in lexicon.modality:
        for p in cls.phrases:
            slot = by_first.setdefault(p[0], {})
            slot[p] = max(slot.get(p, cls.level), cls.level)
    return {k: tuple(sorted(v.items(), key=lambda pl: -len(pl[0]))) for k, v in by_first.items()}


def _modal_level(tokens: Sequence[str], lexicon: Lexicon) -> tuple[int | None, list[str]]:
    """The strongest commitment level of the claim and its words.  Phrases are
    matched longest first and use up their words ("confirmed the relevance"
    is importance, not "confirmed")."""
    index = _modal_index(lexicon)
    hits: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        for phrase, level in index.get(tokens[i], ()):
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                hits.append((level, " ".join(phrase)))
                i += len(phrase)
                break
        else:
            i += 1
    if not hits:
        return None, []
    level = max(lv for lv, _ in hits)
    return level, list(dict.fromkeys(w for lv, w in hits if lv == level))


def _is_may_month(tokens: Sequence[str], i: int) -> bool:
    near = [*tokens[max(0, i - 1):i], *tokens[i + 1:i + 2]]
    return any(t.isdigit() for t in near)


def _hedges(tokens: Sequence[str], lexicon: Lexicon, language: str | None = None
            ) -> tuple[list[str], list[str]]:
    """(evidential hedges: reportedly..., modal hedges: possibly, may...) of
    a text in ``language`` (None: unknown, every list)."""
    modal_words = {p for c in lexicon.modality if c.level <= 1 for p in c.phrases}
    evidential: list[str] = []
    modal: list[str] = []
    present = set(tokens)
    for p in lexicon.hedges_for(language):
        if not all(w in present for w in p):
            continue
        k = len(p)
        hits = [i for i in range(len(tokens) - k + 1) if tuple(tokens[i:i + k]) == p]
        hits = [i for i in hits if not (p == ("may",) and _is_may_month(tokens, i))]
        if hits:
            (modal if p in modal_words else evidential).append(" ".join(p))
    return evidential, modal


def _uncertain(tokens: Sequence[str], lexicon: Lexicon, language: str | None = None) -> bool:
    ev, modal = _hedges(tokens, lexicon, language)
    level, _ = _modal_level(tokens, lexicon)
    return bool(ev or modal) or level == 1


def _anonymous(claim: Claim, tokens: Sequence[str], lexicon: Lexicon) -> list[str]:
    toks = list(tokens) + (tokenize(claim.attribution) if claim.attribution else [])
    return _found(toks, lexicon.attribution_anonymous)


def compare_pair(ref: Claim, other: Claim, lexicon: Lexicon,
                 ref_tone: frozenset[str] = frozenset(), doc_tone: frozenset[str] = frozenset(),
                 language: str | None = None) -> list[tuple[str, str, str]]:
    """Every discrepancy between a reference claim and an aligned claim, as
    (kind, lexicon class, detail), most important first; [] for a paraphrase.

    ``ref_tone`` / ``doc_tone`` are the tone words (lexicon names) the
    reference / the document use anywhere in their claims: a tone word moved
    to another sentence ("held constructive talks" where the reference says
    "the conversation was constructive" on its own) is neither added nor
    dropped.

    ``language`` is the language of both claims (None: unknown): negations
    and hedges are looked up in that language's lists only, and the English
    word classes of wording drift (tone, commitment, scope) run only on
    English or unknown text; other languages are checked for tone words
    through their tone lists (:func:`tone_in`)."""
    rt, ot = tokenize(ref.text), tokenize(other.text)
    rc, oc = canonical_tokens(ref.text, lexicon), canonical_tokens(other.text, lexicon)
    found: list[tuple[str, str, str]] = []
    # negation / hedge
    negations = lexicon.negations_for(language)
    neg_r, neg_o = _found(rt, negations), _found(ot, negations)
    if bool(neg_o) != bool(neg_r):
        words = neg_o or neg_r
        side = "added" if neg_o else "dropped"
        found.append(("negation_or_hedge", "negation", f"negation {side}: {', '.join(words)}"))
    ev_o, modal_o = _hedges(ot, lexicon, language)
    ev_r, _ = _hedges(rt, lexicon, language)
    anon = {" ".join(p) for p in lexicon.attribution_anonymous}
    new_ev = [h for h in ev_o if h not in ev_r and h not in anon]
    if new_ev:
        found.append(("negation_or_hedge", "hedge", f"hedge added: {', '.join(new_ev)}"))
    elif modal_o and not _uncertain(rt, lexicon, language):
        found.append(("negation_or_hedge", "hedge", f"hedge added: {', '.join(modal_o)}"))
    # numbers and dates
    pr, dr = _numbers(ref.text, lexicon)
    po, do = _numbers(other.text, lexicon)
    if dr and do and dr != do:
        found.append(("number_or_date_change", "date",
                      f"date changed: {_fmt_dates(dr)} -> {_fmt_dates(do)}"))
    elif pr and _new_figures(po, pr):
        found.append(("number_or_date_change", "number",
                      f"number changed: {_fmt_amounts(pr)} -> {_fmt_amounts(po)}"))
    # attribution
    anon_o = _anonymous(other, ot, lexicon) or (
        [other.attribution or "anonymous sources"] if other.attribution_kind == "anonymous"
        else [])
    if anon_o and not _anonymous(ref, rt, lexicon) and ref.attribution_kind != "anonymous":
        found.append(("attribution_change", "attribution",
                      f"official statement credited to anonymous sources: {anon_o[0]}"))
    swap = person_change(ref, other, rc, oc, lexicon)
    if swap:
        found.append(("attribution_change", "attribution", swap))
    # wording drift: tone, modality, subject, scope
    english = language is None or language in UNKNOWN_LANGUAGES or language == "en"
    drift = (_drift(rt, ot, rc, oc, ref, other, lexicon, ref_tone, doc_tone) if english
             else _tone_change(ref, other, language, language, lexicon))
    if drift:
        found.append(("wording_drift", *drift))
    if ref.headline or other.headline:
        # A title compresses the story: only a changed number/date, a negation
        # or hedge, or changed tone words are discrepancies of its own.
        found = [f for f in found if f[0] in ("negation_or_hedge", "number_or_date_change")
                 or f[1] == "tone"]
    found.sort(key=lambda f: PRIORITY.index(f[0]))
    return found


def compare_across_languages(ref: Claim, other: Claim, lexicon: Lexicon,
                             ref_language: str | None = None,
                             other_language: str | None = None,
                             ) -> list[tuple[str, str, str]]:
    """Discrepancies of a claim aligned with a reference claim in another
    language: a hedge added (each claim read through its own language's
    list), figures and dates (digits, scale words and month names of every
    language the lexicon lists), then tone words through the per-language tone
    lists (:func:`tone_in`) when both claims use some ("frank and
    constructive" -> "constructive" in another language).  The other word
    classes (negations, commitment, attribution phrases) are not compared
    across languages."""
    found = [*_hedge_across(ref, other, lexicon, ref_language, other_language),
             *_numbers_across(ref, other, lexicon, ref_language, other_language)]
    if found:
        return found
    tone = _tone_change(ref, other, ref_language, other_language, lexicon)
    return [("wording_drift", *tone)] if tone else []


def _hedge_across(ref: Claim, other: Claim, lexicon: Lexicon, ref_language: str | None,
                  other_language: str | None) -> list[tuple[str, str, str]]:
    """A hedge ("reportedly", "angeblich", "possiblement") the claim has and the
    reference claim lacks, each read through the hedge list of its own language
    (none when a language is unknown).  Negations are not compared so: a
    translation may negate another clause (multiling: negation precision 1.0
    -> 0.6 when they were)."""
    if ref_language is None or other_language is None:
        return []
    ev_o, modal_o = _hedges(tokenize(other.text), lexicon, other_language)
    if not (ev_o or modal_o):
        return []
    ev_r, modal_r = _hedges(tokenize(ref.text), lexicon, ref_language)
    if ev_r or modal_r:
        return []
    return [("negation_or_hedge", "hedge", f"hedge added: {', '.join(ev_o + modal_o)}")]


def _tone_change(ref: Claim, other: Claim, ref_language: str | None,
                 other_language: str | None, lexicon: Lexicon) -> tuple[str, str] | None:
    """Tone words dropped or added between two claims, through the tone lists
    of their languages, when both use some (a claim without any may say the
    tone in another sentence)."""
    tr = tone_in(ref.text, ref_language, lexicon)
    to = tone_in(other.text, other_language, lexicon)
    if not tr or not to or tr == to:
        return None
    parts = []
    if tr - to:
        parts.append("tone words dropped: " + ", ".join(
            sorted(w.replace("_", " ") for w in tr - to)))
    if to - tr:
        parts.append("tone words added: " + ", ".join(
            sorted(w.replace("_", " ") for w in to - tr)))
    return "tone", "; ".join(parts)


def _numbers_across(ref: Claim, other: Claim, lexicon: Lexicon, ref_language: str | None,
                    other_language: str | None) -> list[tuple[str, str, str]]:
    pr, dr = _numbers(ref.text, lexicon, digits_only=True)
    po, do = _numbers(other.text, lexicon, digits_only=True)
    pr, po = in_gregorian(pr, ref_language), in_gregorian(po, other_language)
    if dr and do and dr != do:
        return [("number_or_date_change", "date",
                 f"date changed: {_fmt_dates(dr)} -> {_fmt_dates(do)}")]
    # A translation may spell a number out or write a date with its year, so
    # only a number the reference lacks, next to numbers it has, is a change.
    digits_r = (*pr, *(Amount(float(d.split("-")[1])) for d in dr))
    if pr and [a for a in po if not any(same_across(a, b) for b in digits_r)]:
        return [("number_or_date_change", "number",
                 f"number changed: {_fmt_amounts(pr)} -> {_fmt_amounts(po)}")]
    return []


def _fmt_dates(dates: frozenset[str]) -> str:
    return ", ".join(sorted(dates, key=lambda d: tuple(int(x) for x in d.split("-"))))


def _drift(rt: Sequence[str], ot: Sequence[str], rc: Sequence[str], oc: Sequence[str],
           ref: Claim, other: Claim, lexicon: Lexicon, ref_tone: frozenset[str] = frozenset(),
           doc_tone: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    tone = tone_names(lexicon)
    about_call = "call" in rc or "call" in oc or ref.type == "tone"
    tr = [t for t in dict.fromkeys(rc) if t in tone]
    to = [t for t in dict.fromkeys(oc) if t in tone]
    dropped = [t for t in tr if t not in to and t not in doc_tone]
    added = [t for t in to if t not in tr and t not in ref_tone]
    if about_call and (dropped or added):
        parts = []
        if dropped:
            parts.append("tone words dropped: " + ", ".join(w.replace("_", " ") for w in dropped))
        if added:
            parts.append("tone words added: " + ", ".join(w.replace("_", " ") for w in added))
        return "tone", "; ".join(parts)
    lr, wr = _modal_level(rt, lexicon)
    lo, wo = _modal_level(ot, lexicon)
    if lo is not None and ((lr is not None and lr != lo) or (lr is None and lo >= 5)):
        before = ", ".join(wr) if wr else "(none)"
        way = "strengthened" if lr is None or lo > lr else "weakened"
        return "modality", f"commitment {way}: {before} -> {', '.join(wo)}"
    narrowed = narrowed_position(ref, other, oc, lexicon)
    if narrowed:
        return "subject", narrowed
    ref_stems = {stem(t) for t in rt}
    present = set(ot)  # a phrase whose words are not all there is not in ot (no scan)
    wide = [" ".join(p) for p in (*lexicon.scope_wide, *lexicon.scope_regions)
            if all(w in present for w in p) and has_phrase(ot, p)
            and not all(stem(w) in ref_stems for w in p)]
    if wide:
        return "scope", f"scope widened: {', '.join(wide)}"
    return None


@lru_cache(maxsize=65536)
def tone_in(text: str, language: str | None, lexicon: Lexicon) -> frozenset[str] | None:
    """The tone names (of the lexicon's ``tone`` list) a text in ``language``
    uses: English through the tone list, other languages through
    ``tone_languages`` (a word ending in "*" is a prefix of a token; in
    Japanese and Chinese, written without spaces, a word is found anywhere).
    None when the language is unknown or has no tone list."""
    if language is None or language in UNKNOWN_LANGUAGES:
        return None
    if language == "en":
        names = tone_names(lexicon)
        return frozenset(t for t in canonical_tokens(text, lexicon) if t in names)
    table = dict(lexicon.tone_languages).get(language)
    if table is None:
        return None
    low = text.lower()
    if language in _SPACELESS:
        return frozenset(name for name, words in table
                         if any(w.rstrip("*") in low for w in words))
    tokens = tokenize(text)
    found: set[str] = set()
    for name, words in table:
        for w in words:
            toks = tuple(tokenize(w.rstrip("*")))
            if not toks:
                continue
            if w.endswith("*"):
                head, last = toks[:-1], toks[-1]
                hit = any(tokens[i].startswith(last) and tuple(tokens[i - len(head):i]) == head
                          for i in range(len(head), len(tokens)))
            else:
                hit = has_phrase(tokens, toks)
            if hit:
                found.add(name)
                break
    return frozenset(found)


_SPACELESS = frozenset({"ja", "zh", "th"})


@lru_cache(maxsize=16)
def tone_names(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(t.name for t in lexicon.tone)


def tone_words(claims: Iterable[Claim], lexicon: Lexicon) -> frozenset[str]:
    """The tone words (lexicon names) used anywhere in ``claims``."""
    tone = tone_names(lexicon)
    return frozenset(t for c in claims for t in canonical_tokens(c.text, lexicon) if t in tone)


# --------------------------------------------------------------------------- the contact itself


# Words that only restate the contact itself: "Putin and his US counterpart
# Trump in phone talks on Tuesday", "On May 2, X had a telephone conversation
# with Y" (with the names, countries, dates and numbers of any claim).
_CONTACT_WORDS = frozenset(stem(w) for w in """
call calls called phone telephone conversation conversations talks talk talked spoke speak speaks
held hold holds had have met meet meets meeting counterpart counterparts colleague colleagues
late earlier today yesterday tonight morning afternoon evening night year
monday tuesday wednesday thursday friday saturday sunday года
""".split())  # noqa: SIM905
_CONTACT_NOUNS = frozenset(stem(w) for w in ("call", "calls", "phone", "telephone", "conversation",
                                             "talks", "spoke", "talked", "met", "meeting"))


@lru_cache(maxsize=16)
def contact_vocabulary(lexicon: Lexicon) -> frozenset[str]:
    from compare.events.participants import COUNTRIES, COUNTRY_WORDS

    people = {stem(canon) for canon, _ in name_phrases(lexicon)}
    countries = {stem(w) for w in COUNTRY_WORDS if " " not in w}
    countries |= {stem(c.lower().replace(" ", "_")) for c in COUNTRIES}
    months = {stem(w) for w, _ in lexicon.months}
    return frozenset(_CONTACT_WORDS | people | countries | months)


def names_contact(claim: Claim, lexicon: Lexicon) -> bool:
    """The claim names the contact itself (call, talks, conversation, meeting)."""
    return bool(normalize(claim.text, lexicon).stems & _CONTACT_NOUNS)


def about_contact(claim: Claim, lexicon: Lexicon) -> bool:
    """A claim about the contact itself: the event sentence, a tone claim, or
    one naming the call or talks (where a tone word describes the talks)."""
    return claim.event_statement or claim.type == "tone" or names_contact(claim, lexicon)


def restates_contact(claim: Claim, lexicon: Lexicon) -> bool:
    """The claim says no more than that the contact took place: only contact
    words, names, countries, dates and numbers, with at least one contact word."""
    stems = normalize(claim.text, lexicon).stems
    vocab = contact_vocabulary(lexicon)
    return bool(stems & _CONTACT_NOUNS) and all(s in vocab or s.isdigit() for s in stems)


def states_contact(claim: Claim, lexicon: Lexicon) -> bool:
    """An event sentence, or a claim that only restates the contact ("On June 3,
    X and Y held phone talks"): the rules may have missed its shape."""
    return claim.event_statement or restates_contact(claim, lexicon)


def content_cover(ref: frozenset[str], other: frozenset[str], lexicon: Lexicon) -> float:
    """The share of a reference claim's stems that another claim holds: the
    lower of the share of all its stems and the share of those that say more
    than the contact itself (not the participants, countries, months, numbers
    or words of the contact, :func:`contact_vocabulary`,
    which any claim about the talks shares: "Putin and Trump agreed to keep in
    touch by phone" is not reported within "Trump and Putin agreed that the
    war must end").  A claim made only of such stems is compared on all of them."""
    vocab = contact_vocabulary(lexicon)
    content = frozenset(s for s in ref if s not in vocab and not s.isdigit()) or ref
    return min(len(ref & other) / len(ref), len(content & other) / len(content))

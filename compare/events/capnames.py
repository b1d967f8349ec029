"""People named in any alphabet with capitals, without a table of the language's titles.

:mod:`compare.events.titles` reads titles ("premier", "Präsident", "президент") in the
languages it has tables for.  A page in Swedish, Czech, Greek, Serbian, Swahili... names
the two leaders of a call the same way, a title (often in lower case) and then a given
name and a surname, each capitalised: "Statsminister Mette Holm talte torsdag med
Tysklands kansler Felix Brandt", "Ο πρωθυπουργός Νίκος Παππάς", "Rais wa Kenya William
Otieno".  This module reads those runs of two or three capitalised words, a language-
independent signal:

* a run's first word is a title, not a name, when the run opens its sentence (or follows a
  dateline's dash) and has three words or more ("Statsminister Mette Holm", "Premiér Petr
  Novák"), when the text writes a word of its stem in lower case ("Predsjednik" beside
  "predsjednikom"), or when it opens runs before different names ("Rais Juma Mwinyi ...
  Rais William Otieno");
* a country name (CLDR's names in the page's language, through Babel, with a short case
  ending: "Tysklands", "Vietnamului") before a name is left out ("Nhật Bản Kenji Mori");
  a run that ends with one, and the same words elsewhere, name an institution of that
  country ("Președintele Vietnamului"), not a person;
* a run of four or more words, a run opening with a particle ("Den Haag", "La Haye"), a
  run in brackets (an agency's or a site's credit), a weekday or month name (CLDR and
  dateparser's locale data) and all-capital words (a dateline) are never a person;
* the run's sentence must hold a contact word (a call, a meeting): bylines, places and
  captions do not; only the head of the text (its lead) is read, outside captions and
  footers.

The caller uses these people only when the title tables found fewer than two, and never
for English and Russian pages (``TUNED_LANGUAGES``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from compare.events.cues import CONTACT, find_cues
from compare.events.datephrases import in_spans, lower_same_length, sentence_at
from compare.events.locale_dates import locale_dates
from compare.events.participants import Person
from compare.events.titles import country_of

__all__ = ["LEAD_NAME_CHARS", "TUNED_LANGUAGES", "capitalised_people"]

# English and Russian pages are left to the title and name rules that realdev and the devset
# tune; pages in any other language use these people when the title tables (if any) found
# fewer than two.
TUNED_LANGUAGES = frozenset({"en", "ru"})

# The head of the text read for names: the title and the lead paragraph.
LEAD_NAME_CHARS = 600
# benchmarks/language_sweep.py: worldset2 B-cubed 0.948 at 300, 1.000 from 450 to 1200; the probe
# and the other sets flat.
MAX_RUN = 3
MIN_COUNTRY_CHARS = 4
# A country name may carry a case ending of up to this many letters ("Tysklands", "Japanin").
COUNTRY_ENDING_CHARS = 4
# benchmarks/language_sweep.py: flat from 2 to 5 on the probe and every set; 4 reads the Romanian
# genitive "-ului" ("Vietnamului").
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# Lower-case particles inside a name ("Jan de Vries", "Ursula von der Leyen").
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "ter", "da", "di", "del", "le", "la", "bin", "al"})


def _name_word(word: str) -> bool:
    """Capitalised, then lower case ("Holm", "Παππάς", "Јовановић", "Kováčem"); not "DEN"."""
    return (len(word) >= 2 and word[0].isupper() and word[1].islower()
            and all(ch.isalpha() or ch in "'’-" for ch in word))


def _runs(text: str, end: int) -> list[list[tuple[int, str]]]:
    """Runs of capitalised words (particles allowed inside) in ``text[:end]``, each as
    (offset, word) pairs; a line break or punctuation ends a run."""
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    last_end = -1
    for m in _WORD.finditer(text, 0, end):
        word, joined = m[0], last_end >= 0 and text[last_end:m.start()] in (" ", "\u00a0")
        if (_name_word(word) and (joined or not current)) or (word in _PARTICLES and current and joined):
            current.append((m.start(), word))
        else:
            if current:
                runs.append(current)
            current = [(m.start(), word)] if _name_word(word) else []
        last_end = m.end()
    if current:
        runs.append(current)
    return runs


# A capitalised word is a common word when the text writes a word of the same stem in lower
# case: its first letters but the last STEM_SLACK (at least MIN_STEM of them).
MIN_STEM = 5
STEM_SLACK = 3
# benchmarks/language_sweep.py: both flat (MIN_STEM 4-7, STEM_SLACK 1-4) on the probe and every set;
# the unit tests fix "Predsjednik" / "predsjednikom" (slack 3).


def _common(text: str, word: str) -> bool:
    """The text also writes the word, or a word of its stem, in lower case ("predsjednikom"
    beside "Predsjednik", "πρωθυπουργός" beside "Πρωθυπουργού")."""
    low = word.lower()
    if len(low) < MIN_STEM + 1:
        return re.search(rf"(?<![\w'’-]){re.escape(low)}(?![\w'’-])", text) is not None
    stem = low[:max(MIN_STEM, len(low) - STEM_SLACK)]
    return re.search(rf"(?<![\w'’-]){re.escape(stem)}", text) is not None


@lru_cache(maxsize=64)
def territory_names(language: str) -> frozenset[str]:
    """The country and territory names of ``language`` (CLDR, through Babel), lower case."""
    try:
        names = Locale.parse(language).territories
    except (ValueError, UnknownLocaleError):
        return frozenset()
    return frozenset(n.lower() for n in names.values() if len(n) >= MIN_COUNTRY_CHARS)


@lru_cache(maxsize=64)
def calendar_names(language: str) -> frozenset[str]:
    """Weekday and month names of ``language`` (CLDR, through Babel, and dateparser's locale
    data), lower case: "Thứ Tư" is Wednesday, not a person."""
    out: set[str] = set()
    table = locale_dates(language)
    if table is not None:
        out.update(table.months, table.weekdays, table.relative)
    try:
        locale = Locale.parse(language)
        for names in (locale.days, locale.months):
            for context in names.values():
                for width in context.values():
                    out.update(str(n).lower() for n in width.values())
    except (ValueError, UnknownLocaleError):
        pass
    # abbreviations ("jan", "mar") are also given names
    return frozenset(w for w in out if len(w) >= MIN_COUNTRY_CHARS)


def _is_country(words: Sequence[str], names: frozenset[str]) -> bool:
    """The words are a country's name in the page's language, or one word is one with a
    short case ending ("Tysklands" of "Tyskland", "Vietnamului" of "Vietnam"); a hyphenated
    word is one when a part is ("Ασίας-Ευρώπης")."""
    low = " ".join(words).lower()
    if low in names:
        return True
    if len(words) != 1:
        return False
    stems = _vowel_stems(names)
    return any(part[:n] in names or (part[:n] in stems and part[n:n + 1] in _VOWELS)
               for part in low.split("-")
               for n in range(len(part) - COUNTRY_ENDING_CHARS, len(part) + 1) if n >= MIN_COUNTRY_CHARS)


# A country name's final vowel may give way to a case ending that starts with a vowel:
# Belarusian "Расія" -> "Расіі", Lithuanian "Vokietija" -> "Vokietijos", Slovenian
# "Nemčija" -> "Nemčiji" (of Russia, of Germany).
_VOWELS = frozenset("aeiouyáéíóúýàèìòùâêîôûäëïöüåæøõőűąęėįųūāēīōаеёиоуыэюяіїєўәөұүі")


@lru_cache(maxsize=64)
def _vowel_stems(names: frozenset[str]) -> frozenset[str]:
    """The names that end in a vowel, without it (at least MIN_COUNTRY_CHARS letters left)."""
    return frozenset(n[:-1] for n in names if n[-1:] in _VOWELS and len(n) - 1 >= MIN_COUNTRY_CHARS
                     and " " not in n)


def _strip_countries(run: list[tuple[int, str]], names: frozenset[str]) -> list[tuple[int, str]]:
    """The run without a country name at its start ("Nhật Bản Kenji Mori"); nothing when it
    ends with one: a title or an institution of that country ("Președintele Vietnamului",
    "Συνόδου Κορυφής Ασίας-Ευρώπης"), not a person."""
    changed = True
    while changed and run:
        changed = False
        for k in (3, 2, 1):
            if len(run) > k and _is_country([w for _, w in run[:k]], names):
                run, changed = run[k:], True
                break
    if any(len(run) > k and _is_country([w for _, w in run[-k:]], names) for k in (3, 2, 1)):
        return []
    return run


def _opens(head: str, at: int) -> bool:
    """The word at ``at`` opens its sentence (after at most an article of one or two
    letters: "Ο Πρωθυπουργός"), or follows a dateline's dash or colon."""
    start = sentence_at(head, at)[0]
    if at - start <= 3 and len(head[start:at].strip()) <= 2:
        return True
    before = head[max(0, at - 3):at].strip()
    return before[-1:] in ("-", "–", "—", ":")


def _titles(runs: Sequence[list[tuple[int, str]]], countries: frozenset[str] = frozenset()) -> set[str]:
    """Capitalised words that open runs (after a country name: "Finlandiya Prezidenti Aino
    Virtanen") before different names ("Rais Mwinyi ... Rais Otieno"): titles written with
    a capital.  Two forms of one title count together ("Prezident Elçin Məmmədov ...
    Prezidenti Aino Virtanen", Azerbaijani; see :func:`_same_title`)."""
    after: dict[str, set[str]] = {}
    after_country: set[str] = set()  # words that open a run right after a country name
    for run in runs:
        stripped = _strip_countries(run, countries) if countries else run
        if len(stripped) >= 2:
            after.setdefault(stripped[0][1], set()).add(stripped[1][1])
            if len(stripped) < len(run):
                after_country.add(stripped[0][1])
    out = set()
    for w, nxt in after.items():
        names = set(nxt)
        for v, more in after.items():
            # two forms count together only when one of them follows a country: a given
            # name does not ("Michael Brandt and Michaela Novak" are two people)
            if v != w and _same_title(v, w) and (v in after_country or w in after_country):
                names |= more
        if len(names) >= 2:
            out.add(w)
    return out


# Two capitalised words are forms of one title when the shorter, of at least this many
# letters, is the longer's beginning but for its last letter, and the longer adds at most
# three ("Prezident", "Prezidenti"; "Президент", "Президенті"); given names that share a
# stem differ earlier ("Alexander", "Alexandra"; "Christine", "Christopher").
MIN_TITLE_CHARS = 6


def _same_title(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return (len(short) >= MIN_TITLE_CHARS and len(long) - len(short) <= 3
            and long.startswith(short[:-1]))


def capitalised_people(text: str, language: str, skip: Sequence[tuple[int, int]] = (),
                       focus: tuple[int, int] | None = None) -> list[Person]:
    """People named by a run of two or three capitalised words in the head of ``text``;
    ``focus``: the sentence that dates the event, whose runs need no contact word of their
    own (its verb may be one the cue table does not know)."""
    head = text[:LEAD_NAME_CHARS]
    low = lower_same_length(head)
    dated = calendar_names(language)
    countries = territory_names(language)
    out: list[Person] = []
    runs = _runs(head, len(head))
    titles = _titles(runs, countries)
    # Words that stand before a country elsewhere name its institutions ("Συνόδου Κορυφής"
    # of "Συνόδου Κορυφής Ασίας-Ευρώπης", "Președintele" of "Președintele Vietnamului").
    institutions = {tuple(w for _, w in run[:-k]) for run in runs for k in (1, 2, 3)
                    if len(run) > k and _is_country([w for _, w in run[-k:]], countries)}
    for run in runs:
        if head[:run[0][0]].rstrip(" ").endswith(("(", "[")):
            continue  # "(Miền Tây Online)": an agency's or a site's credit
        while run and run[-1][1].lower() in _PARTICLES:
            run = run[:-1]
        if run and (run[0][1] in titles or _common(head, run[0][1])):
            run = run[1:]  # a title: "Rais Juma Mwinyi", "Predsjednik Marko Babić"
        elif len(run) >= MAX_RUN and _opens(head, run[0][0]):
            run = run[1:]  # "Statsminister Mette Holm": the sentence's capital is a title's
        run = _strip_countries(run, countries)
        if len(run) > 2 and run[0][1] in titles:
            run = run[1:]  # "Finlandiya Prezidenti Aino Virtanen": a country, a title, a name
        if run and run[0][1].lower() in _PARTICLES:
            continue  # "Den Haag", "La Haye": a place
        if not 2 <= len(run) <= MAX_RUN or (skip and in_spans(run[0][0], skip)):
            continue
        every = [w for _, w in run]
        if tuple(every) in institutions:
            continue
        words = [w for w in every if w not in _PARTICLES]
        if " ".join(every).lower() in dated or _is_country(every, countries) or any(
                w.lower() in dated or country_of(w) or _is_country([w], countries) or _common(head, w)
                for w in words):
            continue
        sentence = sentence_at(head, run[0][0])
        if not (focus and focus[0] <= run[0][0] < focus[1]) \
                and not any(c.name in CONTACT for c in find_cues(low, *sentence)):
            continue  # a byline, a place, a site's name: not a party of the contact
        out.append(Person(" ".join(w for _, w in run), None, run[0][0]))
    return _without_surname_pairs(out)


def _without_surname_pairs(people: list[Person]) -> list[Person]:
    """``people`` without a run whose every word is the surname of another run: a headline
    writes the two parties by their surnames side by side ("Məmmədov Brandt ilə telefonla
    danışıb", Azerbaijani; "Серіков Брандтпен ...", Kazakh), which is two people, not one."""
    out = []
    for p in people:
        words = (p.name or "").split()
        others = {(q.name or "").split()[-1] for q in people if q is not p and q.name and q.name != p.name}
        if len(words) >= 2 and all(w in others for w in words):
            continue
        out.append(p)
    return out

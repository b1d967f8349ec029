"""Country names and adjectives in English, and the country a run of words names.

Split out of :mod:`compare.events.participants` (which re-exports these names).
"""

from __future__ import annotations

from collections.abc import Sequence

# Country, then its other names and adjectives (lower case; "u.s." etc. as written).
_COUNTRY_TABLE = """
Afghanistan|afghan; Albania|albanian; Algeria|algerian; Argentina|argentine|argentinian;
Armenia|armenian; Australia|australian; Austria|austrian; Azerbaijan|azerbaijani|azeri;
Bahrain|bahraini; Bangladesh|bangladeshi; Belarus|belarusian|belarussian; Belgium|belgian;
Bosnia and Herzegovina|bosnia|bosnian; Brazil|brazilian; Bulgaria|bulgarian; Canada|canadian;
Chile|chilean; China|chinese|prc; Colombia|colombian; Croatia|croatian; Cuba|cuban;
Cyprus|cypriot; Czech Republic|czech|czechia; Denmark|danish; Egypt|egyptian;
Estonia|estonian; Ethiopia|ethiopian; Finland|finnish; France|french; Georgia|georgian;
Germany|german; Greece|greek; Hungary|hungarian; Iceland|icelandic; India|indian;
Indonesia|indonesian; Iran|iranian; Iraq|iraqi; Ireland|irish; Israel|israeli;
Italy|italian; Japan|japanese; Jordan|jordanian; Kazakhstan|kazakh|kazakhstani; Kenya|kenyan;
Kuwait|kuwaiti; Kyrgyzstan|kyrgyz; Latvia|latvian; Lebanon|lebanese; Libya|libyan;
Lithuania|lithuanian; Luxembourg|luxembourgish; Malaysia|malaysian; Mexico|mexican|united mexican states;
Moldova|moldovan; Mongolia|mongolian; Montenegro|montenegrin; Morocco|moroccan;
Netherlands|dutch|holland; New Zealand; Nigeria|nigerian;
North Korea|north korean|dprk; North Macedonia|macedonian; Norway|norwegian; Oman|omani;
Pakistan|pakistani; Palestine|palestinian; Philippines|philippine|filipino; Poland|polish;
Portugal|portuguese; Qatar|qatari; Romania|romanian; Russia|russian|russian federation;
Saudi Arabia|saudi; Serbia|serbian; Singapore|singaporean; Slovakia|slovak; Slovenia|slovenian;
South Africa|south african; South Korea|south korean|korean|republic of korea; Spain|spanish;
Sweden|swedish; Switzerland|swiss; Syria|syrian; Taiwan|taiwanese; Tajikistan|tajik;
Thailand|thai; Tunisia|tunisian; Turkey|turkish|turkiye|türkiye; Turkmenistan|turkmen;
Ukraine|ukrainian; United Arab Emirates|uae|emirati; United Kingdom|uk|u.k|british|britain;
United States|us|u.s|usa|u.s.a|american|united states of america; Uzbekistan|uzbek;
Venezuela|venezuelan; Vietnam|vietnamese; Yemen|yemeni
"""


def _country_words() -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in _COUNTRY_TABLE.split(";"):
        forms = [f.strip() for f in entry.split("|") if f.strip()]
        if forms:
            for form in forms:
                out[form.lower()] = forms[0]
    return out


COUNTRY_WORDS: dict[str, str] = _country_words()
COUNTRIES: frozenset[str] = frozenset(COUNTRY_WORDS.values())
# Last word of every country form ("republic" for "czech republic").
COUNTRY_LAST: frozenset[str] = frozenset(f.split()[-1] for f in COUNTRY_WORDS)
# First word of every country form -> the most words a form starting with it has.
_COUNTRY_FIRST: dict[str, int] = {}
for _form in COUNTRY_WORDS:
    _first = _form.split()[0]
    _COUNTRY_FIRST[_first] = max(_COUNTRY_FIRST.get(_first, 0), len(_form.split()))


def country_at(words: Sequence[str], i: int) -> tuple[str | None, int]:
    """The country the words starting at ``i`` name (up to four words) and how many."""
    first = words[i].lower() if i < len(words) else ""
    if first.endswith(("'s", "’s")):
        first = first[:-2]
    most = _COUNTRY_FIRST.get(first, 0)
    for n in range(most, 0, -1):
        if i + n <= len(words):
            phrase = " ".join(words[i:i + n]).lower()
            if phrase.endswith(("'s", "’s")):
                phrase = phrase[:-2]
            if phrase in COUNTRY_WORDS:
                return COUNTRY_WORDS[phrase], n
    return None, 0

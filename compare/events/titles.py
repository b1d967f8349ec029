"""Leaders named by title in languages other than English, without a list of names.

:mod:`compare.events.participants` reads English titles ("Foreign Minister Aino
Virtanen").  This module reads the same construction in other languages:

* Russian: "президент Финляндии Аино Виртанен", "премьер-министром Эстонии Каем Каском"
  (country in the genitive after the title, or an adjective before it:
  "финский президент"); case endings are folded off the surname key;
* French: "le président finlandais Aino Virtanen", "la ministre des Affaires
  étrangères de l'Estonie, Kaia Kask";
* German: "der finnische Präsident Aino Virtanen", "Bundeskanzlerin Lena Vogt",
  "US-Präsident ...";
* Chinese: "芬兰总统维尔塔宁", "爱沙尼亚外交部长卡斯克" (a country, a title, then the
  name up to the next function character);
* Portuguese and Italian: "o presidente da República Árabe do Egito, Karim Mansour", "il
  suo omologo polacco, Jan Kowal" (a country phrase and a comma between title and name);
* Polish: "z prezydentem Brazylii Paulo Ribeiro" (the title in any case, the country in the
  genitive; a name declined after an instrumental title loses its ending);
* Turkish: "Japonya Başbakanı Kenji Aoyama'yı" (the country before the title; a case
  suffix after an apostrophe ends the name);
* Indonesian: "Perdana Menteri Jepang Kenji Aoyama" (the country after the title);
* Ukrainian: "Президент Бразилії ...", "прем'єр-міністр Японії ..." (a country word in the
  genitive is never a name);
* Japanese, Korean, Arabic and Hindi: :mod:`compare.events.scripttitles`; Persian, Hebrew,
  Bengali and Thai: :mod:`compare.events.moretitles`.

Each hit is a :class:`Person` with the country when the text gives it.  Surnames
are compared across scripts by :func:`compare.events.participants.surname_key`,
which transliterates Cyrillic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from compare.events.datephrases import in_spans
from compare.events.identity import fold_case, fold_latin
from compare.events.moretitles import more_titled_people
from compare.events.participants import COUNTRIES, COUNTRY_WORDS, NOT_NAME, Person, country_at
from compare.events.scripttitles import script_titled_people

# Country stems (lower case) in Russian, French and German (adjectives and names; a
# word starting with a stem names the country), and short forms matched exactly.
_STEMS = """
Russia: росси российск russe russie russisch russland ruso rusa rusia; United States: американск
états-unis estadounidense etats-unis américain americain amerikanisch vereinigten; France: франци
французск français francais francés francesa francia française francaise französisch frankreich;
Germany: германи немецк allemand allemagne deutsch alemán alemana alemania bundesrepublik; China:
кита китайск chinois chine chinesisch chino china; Ukraine: украин ukrainien ukrainisch ukraine;
United Kingdom: британ великобритани britannique royaume-uni britisch großbritannien; Japan: япони
японск japonais japon japanisch japonés japonesa japón; India: инди индийск indien inde indisch;
Turkey: турци турецк turc turque turquie türkisch türkei; Italy: итали итальянск italien italie
italienisch; Spain: испани испанск espagnol espagne spanisch spanien español española españa;
Mexico: мексик mexicain mexique mexikanisch mexiko mexicano mexicana méxico; Finland: финлянди финск
finlandais finlande finnisch finnland finlandia; Estonia: эстони эстонск estonien estonie estnisch
estland; Poland: польш польск polonais pologne polnisch polen; Brazil: бразили бразильск brésilien
brésil brasilianisch brasilien; Canada: канад канадск canadien kanadisch kanada; Saudi Arabia:
саудовск арави saoudien saoudite saudisch saudi-arabien; Iran: иран иранск iranien iranisch; Israel:
израил израильск israélien israël israelisch; Egypt: египет египт égyptien égypte ägyptisch ägypten;
Portugal: португали португальск portugais portugiesisch; Sweden: швеци шведск suédois suède
schwedisch schweden; Norway: норвеги норвежск norvégien norvège norwegisch norwegen; Austria: австри
австрийск autrichien autriche österreich; Kazakhstan: казахстан казахск kazakh kasachisch
kasachstan; Belarus: белорус biélorusse belarus weißruss; Armenia: армени армянск arménien armenisch
armenien; Azerbaijan: азербайджан azerbaïdjanais aserbaidschan; Netherlands: нидерланд голланд
néerlandais pays-bas niederland holländisch;
Brazil: brasil brazyli brezilya бразил; Egypt: egit egiz egíp egip mesir mısır єгипт; Japan: japon japão giappon
jepang япон; Indonesia: indonés indonez endonezya індонез; Turkey: turchia turquia turco turca turcj turec turki
туреччин турецьк; Poland: polon polacc polsk polandia польщ; Italy: itali italya італі; Ukraine: україн ukrayna;
Russia: rosj rosyj rusya росі; Germany: niemc niemiec jerman almanya німеччин німецьк; France: frança
francês francese fransa prancis; China: chiny chiński tiongkok; United States: statunitens amerika;
United Kingdom: inggris
"""
_SHORT = {"сша": "United States", "us": "United States", "usa": "United States", "рф": "Russia",
          "uk": "United Kingdom", "фрг": "Germany", "кнр": "China", "eu": None, "abd": "United States",
          "çin": "China", "rpa": "South Africa", "cina": "China"}


def _stems() -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for entry in _STEMS.split(";"):
        country, _, forms = entry.partition(":")
        out.extend((f, country.strip()) for f in forms.split())
    return tuple(sorted(out, key=lambda x: -len(x[0])))


STEMS = _stems()


@lru_cache(maxsize=16384)
def country_of(word: str) -> str | None:
    """The country a word (any case, any inflection) names, or None."""
    low = re.sub(r"^[ld][’']", "", word.lower().strip(".,;:«»\"'’-"))
    if low in _SHORT:
        return _SHORT[low]
    if low in COUNTRY_WORDS:
        return COUNTRY_WORDS[low]
    folded = fold_latin(low).encode("ascii", "ignore").decode()
    if folded != low and folded in COUNTRY_WORDS:
        return COUNTRY_WORDS[folded]  # "Nigéria", "Itália"
    for stem, country in STEMS:
        if low.startswith(stem) and len(stem) >= 4:
            return country
    return _cldr_countries().get(low)


# The shortest CLDR country name :func:`country_of` reads in any language (shorter ones
# are too often ordinary words or names of another language).
MIN_CLDR_CHARS = 4


@lru_cache(maxsize=1)
def _cldr_countries() -> dict[str, str]:
    """The one-word country names of every language CLDR has (through Babel), lower case
    ("xile", "čile", "tanska", "magyarország") -> the English name, for the countries of
    the English table (COUNTRY_WORDS) only; a name two countries share in different
    languages is left out."""
    from babel import Locale, localedata

    english = Locale.parse("en").territories
    wanted = {code: english[code] for code in english if english[code] in COUNTRIES}
    found: dict[str, set[str]] = {}
    # Babel keeps every locale it loads; these ~330 (0.7 s) would stay in memory (+130
    # MB a process) for a table of 10,000 words: each is dropped again once read.
    cache = getattr(localedata, "_cache", None)
    for ident in localedata.locale_identifiers():
        if "_" in ident:
            continue  # a regional variant names the countries as its language does
        kept = isinstance(cache, dict) and ident in cache
        # a language's own names only (its parent, root, names none)
        names = localedata.load(ident, merge_inherited=False).get("territories", {})
        for code, country in wanted.items():
            name = names.get(code, "").lower()
            if len(name) >= MIN_CLDR_CHARS and " " not in name:
                found.setdefault(name, set()).add(country)
        if isinstance(cache, dict) and not kept:
            cache.pop(ident, None)
    return {name: next(iter(c)) for name, c in found.items() if len(c) == 1}


# Title words (lower case) per language; a title may carry a case ending (Russian) or a
# compound prefix ("US-Präsident", "Bundeskanzlerin").
_TITLE = re.compile(
    # Russian: the singular in any case ("министры ... Остравы и Вельдланда" is plural: the
    # capitalised words after it are countries)
    r"(?:(?:президент|премьер-министр|канцлер|лидер)(?:а|у|ом|е)?|министр(?:а|у|ом|е)? иностранных дел|"
    r"глав(?:а|ы|е|у|ой) мид|председател(?:ь|я|ю|ем|е)|корол(?:ь|я|ю|ём|ем|е))(?![^\W\d_])|"
    r"(?:président|présidente|premier ministre|première ministre|ministre des affaires étrangères|"
    r"chef de la diplomatie|cheffe de la diplomatie|chef du gouvernement|cheffe du gouvernement|"
    r"homologue|ministre|chancelier|chancelière)(?![\w])|"
    r"(?:präsident|bundeskanzler|kanzler|außenminister|ministerpräsident|premierminister|"
    r"regierungschef|staatschef|staatspräsident|amtskolleg)(?:in|en|e)?(?![\w])|"
    r"(?:presidente|presidenta|primer ministro|primera ministra|canciller|ministro de asuntos exteriores|"
    r"ministra de asuntos exteriores|jefe del gobierno|jefa del gobierno|homólogo|homóloga)(?![\w])|"
    r"коллег[а-я]{0,3}(?![^\W\d_])|"
    # Ukrainian (the title in any case: "прем'єр-міністром Польщі")
    r"(?:президент|прем[ʼ'’]єр-міністр|канцлер|лідер|міністр(?:к)?)(?:а|у|ові|ом|ою|ки|ці|і)?"
    r"(?: закордонних справ)?(?![^\W\d_])|"
    # Portuguese and Italian ("presidente" is in the Spanish group)
    r"(?:primeiro-ministro|primeira-ministra|primeiro ministro|primeira ministra|chanceler|"
    r"ministr[oa] das relações exteriores|ministr[oa] dos negócios estrangeiros|chefe d[eo] governo|"
    r"primo ministro|prima ministra|"
    r"ministr[oa] degli (?:affari )?esteri|cancelliere|capo del governo|omolog[oa])(?![\w])|"
    # Polish (the title in any case: "z prezydentem Turcji")
    r"(?:prezydent|premier|kanclerz)(?:a|owi|em|ze|ie|ką|ki)?(?: rządu)?(?![\w])|prezes(?:a|em|owi)? rady ministrów|"
    r"(?:minist(?:er|ra|rowi|rem)|szef(?:a|em|owa)?) (?:spraw zagranicznych|msz)(?![\w])|"
    # Turkish (the country comes before: "Polonya Başbakanı")
    r"(?:cumhurbaşkanı|başbakan(?:ı)?|(?:dışişleri )?bakan(?:ı)?|şansölye(?:si)?|mevkidaşı)(?![\w])|"
    # Indonesian ("Perdana Menteri Jepang Tsukasa Hoshino")
    r"(?:presiden|perdana menteri|menteri luar negeri|kanselir|mitranya)(?![\w])")
# Titles that name their country by themselves: "Bundeskanzlerin" is Germany's, and in
# French "le Président de la République" with no country is France's.
_IMPLICIT = {"bundeskanzler": "Germany", "bundeskanzlerin": "Germany"}
_REPUBLIC_FR = re.compile(r"\s+de la république(?!\s+(?:populaire|fédérale|islamique|arabe|démocratique|"
                          r"d[e’']|du|des|tchèque|dominicaine|centrafricaine))")
# Words that may stand between a title and the name besides a country.
_BETWEEN = frozenset("""
de des du la le l' d' l’ d’ the et und der die des von affaires étrangères étrangère federation федерации
республики республика мид of république fédérale fédéral fédérale populaire bundesrepublik mme m. monsieur
madame herr frau господин госпожа del gobierno república popular señor señora don doña народной народная федеративной
федеративная республик föderation föderativen republik volksrepublik
da do dos das di della dello degli dei delle árabe araba federativa repubblica popolare federale republik
consiglio ministri
""".split())  # noqa: SIM905


def _is_name(word: str) -> bool:
    """A capitalised name word in any alphabet ("Vasconcelos", "El-Sayed", "Łukasz",
    "Селім"), not an all-capitals heading word."""
    return (len(word) >= 2 and word[0].isupper() and (word[1].islower() or word[1] in "'’")
            and all(ch.isalpha() or ch in "'’-" for ch in word))


# ("di" is not one: Indonesian "di Bogor" is "in Bogor"; an Italian name writes "Di")
_PARTICLES = frozenset({"de", "von", "van", "der", "du", "le", "la", "da", "ben", "al"})
_NOT_NAME = frozenset("""
kremlin élysée elysée maison blanche weißen hauses bundestag sommet gipfel кремль белый дом
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
république republik chancelière chancelier président présidente ministre gouvernement vie gobierno
presidente presidenta república popular gran palacio pueblo
institutions bundesregierung kanzleramt élysée matignon
januar februar märz april juni juli oktober dezember montag dienstag mittwoch donnerstag freitag
samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
governo repubblica planalto quirinale rząd rządu kancelaria cumhuriyeti istana negara
portal serwis gov website site sito situs strona
""".split())  # noqa: SIM905
_WINDOW_END = re.compile(r"\n\n|[ \t]{3,}|\t|\|")
_ELISION = re.compile(r"\b([ldLD][’'])(?=\w)")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|[^\w\s]")
def fold_russian(word: str) -> str:
    """A Russian name word without its case ending ("Виртаненом" -> "Виртанен")."""
    return fold_case(word) if re.fullmatch(r"[А-ЯЁа-яё\-]+", word) else word


def _country_before(words: Sequence[str]) -> str | None:
    for w in reversed(words[-3:]):
        country = country_of(w)
        if country:
            return country
    return None


def _after_title(tokens: Sequence[str]) -> tuple[list[str], str | None]:
    """The name (and a country) in the tokens after a title word."""
    country: str | None = None
    i = 0
    while i < len(tokens) and i < 8:
        t = tokens[i]
        low = t.lower()
        c = country_of(t) if low not in _BETWEEN else None
        if c and not (i + 1 < len(tokens) and _is_name(tokens[i + 1]) and _is_name(t)
                      and country_of(tokens[i + 1]) is None and low in ("us",)):
            country = country or c
            i += 1
            continue
        if low == "gobierno" and (i == 0 or tokens[i - 1].lower() not in ("del", "de")):
            break  # "presidenta del Gobierno, Ana Sousa"; a menu "Presidenta Gobierno Consejo ..." is no title
        if low in _BETWEEN or t in (",", "'", "’", "-"):
            i += 1
            continue
        break
    name: list[str] = []
    while i < len(tokens) and len(name) < 3:
        t = tokens[i]
        if len(t) == 1 and t.isupper() and i + 1 < len(tokens) and tokens[i + 1] == ".":
            i += 2  # an initial: "А.Н.Зарубина", "Ф.Адомайт"
            continue
        if t.lower() in _PARTICLES and name and i + 1 < len(tokens) and _is_name(tokens[i + 1]):
            name.append(t)
            i += 1
            continue
        suffix = _CASE_SUFFIX.fullmatch(t)
        if suffix and _is_name(suffix[1]) and suffix[1].lower() not in _NOT_NAME and not country_of(suffix[1]):
            name.append(suffix[1])  # "Wierzbicki'yi", "Nowak's": the suffix ends the name
            break
        if not _is_name(t) or t.lower() in _NOT_NAME or country_of(t) or _TITLE.fullmatch(t.lower()):
            break  # "Die Bundeskanzlerin und der Präsident": a second title is no name
        name.append(fold_russian(t))
        i += 1
    while name and name[-1].lower() in _PARTICLES:
        name.pop()
    return name, country


# A Polish title in the instrumental ("z prezydentem Turcji Selimem Nowakiem"): the name
# after it is in the instrumental too.
_PL_INSTRUMENTAL = re.compile(r"(?:prezydent|premier|kanclerz|ministr|szef)em(?: .*)?")
_PL_ENDINGS = (("ckim", "cki"), ("skim", "ski"), ("dzkim", "dzki"), ("ką", "ka"), ("ą", "a"), ("iem", ""),
               ("em", ""))


def _fold_polish_instrumental(word: str) -> str:
    """A Polish name word without its instrumental ending ("Selimem" -> "Selim",
    "Wierzbickim" -> "Wierzbicki", "Zielińską" -> "Zielińska")."""
    for end, base in _PL_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)] + base
    return word


# A name with a case ending after an apostrophe, as Turkish writes one ("Nowak'la"), or a
# possessive ("Nowak's"): the part before it is the name, and the name ends there.
_CASE_SUFFIX = re.compile(r"(.{3,}?)['’]([^\W\d_A-ZÀ-ÖØ-ÞА-ЯЁ]{1,6})")


_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
# Chinese: a country, a title, the name (two to four characters, up to a function character).
_ZH_COUNTRIES = {"俄罗斯": "Russia", "俄": "Russia", "美国": "United States", "美": "United States",
                 "中国": "China", "法国": "France", "法": "France", "德国": "Germany", "德": "Germany",
                 "英国": "United Kingdom", "乌克兰": "Ukraine", "乌": "Ukraine", "日本": "Japan",
                 "印度": "India", "土耳其": "Turkey", "意大利": "Italy", "西班牙": "Spain", "芬兰": "Finland",
                 "爱沙尼亚": "Estonia", "波兰": "Poland", "巴西": "Brazil", "加拿大": "Canada",
                 "沙特": "Saudi Arabia", "伊朗": "Iran", "以色列": "Israel", "埃及": "Egypt",
                 "葡萄牙": "Portugal", "瑞典": "Sweden", "挪威": "Norway", "奥地利": "Austria",
                 "哈萨克斯坦": "Kazakhstan", "白俄罗斯": "Belarus", "亚美尼亚": "Armenia", "墨西哥": "Mexico",
                 "韩国": "South Korea", "朝鲜": "North Korea", "澳大利亚": "Australia", "阿根廷": "Argentina",
                 "南非": "South Africa", "越南": "Vietnam", "印度尼西亚": "Indonesia", "荷兰": "Netherlands",
                 "比利时": "Belgium", "瑞士": "Switzerland", "希腊": "Greece", "匈牙利": "Hungary",
                 "捷克": "Czech Republic", "丹麦": "Denmark", "新西兰": "New Zealand", "菲律宾": "Philippines",
                 "泰国": "Thailand", "马来西亚": "Malaysia", "新加坡": "Singapore", "巴基斯坦": "Pakistan",
                 "阿联酋": "United Arab Emirates", "卡塔尔": "Qatar", "伊拉克": "Iraq", "叙利亚": "Syria",
                 "乌兹别克斯坦": "Uzbekistan", "蒙古": "Mongolia", "智利": "Chile", "秘鲁": "Peru",
                 "哥伦比亚": "Colombia", "尼日利亚": "Nigeria", "肯尼亚": "Kenya", "塞尔维亚": "Serbia",
                 "罗马尼亚": "Romania", "爱尔兰": "Ireland", "拉脱维亚": "Latvia", "立陶宛": "Lithuania"}
_ZH = re.compile(
    "(" + "|".join(sorted(_ZH_COUNTRIES, key=len, reverse=True)) + ")?"
    r"(?<!副)(总统|国家主席|主席|国务院总理|总理|首相|外交部长|外长|国务卿|总理大臣|国王|总书记)"
    r"(?![与和同跟在就于对向表说的们两一二三第各均都]|通电话|通话|会谈|会晤|会见|举行|府|理事|会议|官邸|办公|级|候选|选举|"
    r"今年|明年|去年|本月|今天|昨天|明天|访问|职)([\u4e00-\u9fff·]{2,6}?)"
    # the name ends at a function word or phrase: "唐伟明应约同", "扎鲁宾再次", "高远恒指出"
    r"(?=[与和同跟在就于对向表说通会举进也还的、，。：；\s“”\"（(\d]|$|举行|通电话|会谈|会晤|昨天|今天|星期|周|"
    r"应约|应邀|再次|再度|强调|指出|欢迎|出席|宣布|致电|分别|当天|当日|已经|将于|曾经)")


# People named without a title as the parties of a contact: "Virtanen and Kask met",
# "Aino Virtanen had a telephone conversation with Kaia Kask", "Kask phoned Virtanen".
_CAP = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’\-]+"
_PERSON = rf"{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
_VERB = (r"(?:had|held|have|has)[ \t]+(?:an?[ \t]+)?(?:[a-z\-]+[ \t]+){0,2}?(?:telephone|phone|call|"
         r"conversation|talks|meeting|discussion)|(?:have|has|had)[ \t]+(?:spoken|talked|met)|met|spoke|talked|"
         r"phoned|telephoned|called|discussed|agreed|agree|talking|speaking|meeting|talks|summit|call|conversation")
_CONTACT_NAMES = re.compile(
    rf"(?P<a>{_PERSON})(?:['’]s)?[ \t]+(?:and|&)[ \t]+(?P<b>{_PERSON})(?:['’]s)?[ \t]+"
    rf"(?:[a-z]+[ \t]+){{0,2}}?(?:{_VERB})\b"
    rf"|(?P<c>{_PERSON})[ \t]+(?:[a-z]+[ \t]+){{0,2}}?(?:(?:{_VERB})(?:[ \t]+by[ \t]+(?:tele)?phone)?[ \t]+(?:with|to)"
    rf"|phoned|telephoned|called|met)[ \t]+(?P<d>{_PERSON})")


def contact_people(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """People named as the parties of a contact without a title (English)."""
    out: list[Person] = []
    for m in _CONTACT_NAMES.finditer(text[:100_000]):
        if skip and in_spans(m.start(), skip):
            continue
        pair = ("a", "b") if m["a"] else ("c", "d")
        for g in pair:
            words = _strip_titles([re.sub(r"['’]s$", "", w) for w in m[g].split()])
            if words and not any(w.lower() in _COMMON or country_of(w) or _used_lower(text, w) for w in words):
                out.append(Person(" ".join(words), None, m.start(g)))  # not "The", "Russia"
    return out


def _used_lower(text: str, word: str) -> bool:
    """True when the text also writes ``word`` in lower case: a capitalised common word
    at the start of a heading or sentence ("Telephone conversation with ..."), not a name."""
    low = word.lower()
    return low != word and re.search(rf"(?<![\w'’-]){re.escape(low)}(?![\w'’-])", text[:100_000]) is not None


def _strip_titles(words: list[str]) -> list[str]:
    """Name words without the titles before them ("President Kaia Kask" -> Kaia Kask)."""
    while words and words[0].lower() in _TITLES_EN:
        words = words[1:]
    return words


_TITLES_EN = frozenset(["president", "prime", "minister", "chancellor", "secretary", "premier", "king",
                        "queen", "emir"])
_COMMON = frozenset(NOT_NAME) | frozenset("""
he she they it we i you both two leaders presidents sides officials minister president prime
chancellor secretary foreign state kremlin white house moscow washington beijing paris berlin
london kyiv kiev also later earlier then today yesterday tonight
""".split())  # noqa: SIM905


_ZH_TITLE_OR_COUNTRY = re.compile("总统|主席|总理|首相|部长|外长|国务卿|国王|"
                                  + "|".join(c for c in _ZH_COUNTRIES if len(c) > 1))


# Two leaders named after a plural title with their countries in the same order: "The
# Presidents of Russia and the United States, Vladimir Putin and Donald Trump", "Die
# Außenminister Russlands und Chinas, Arkadi Sarubin und Tang Weiming".
_NAMEW = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’\-]+"
_AND = r"(?:and|und|et|и|y|e)"
_PAIR = re.compile(rf",[ \t]+(?P<a>{_NAMEW}(?:[ \t]+{_NAMEW}){{0,2}})[ \t]+{_AND}[ \t]+"
                   rf"(?P<b>{_NAMEW}(?:[ \t]+{_NAMEW}){{0,2}})")
_HEAD_END = re.compile(r"[\n,;:.!?]")
_PLURAL_WORDS = (r"presidents|leaders|prime ministers|foreign ministers|ministers|heads of state|präsidenten|"
                 r"außenminister|regierungschefs|staatschefs|ministerpräsidenten|présidents|ministres|dirigeants|"
                 r"chefs|президенты|министры|лидеры|главы|presidentes|cancilleres|ministros|mandatarios|jefes")
_PLURAL_TITLE = re.compile(rf"(?<!\w)(?:{_PLURAL_WORDS})(?!\w)")


def _head_countries(head: str) -> list[str]:
    words = _TOKEN.findall(head)
    out: list[str] = []
    i = 0
    while i < len(words):
        country, used = country_at(words, i)
        if not used and (c := country_of(words[i])) is not None and words[i].lower() not in _BETWEEN:
            country, used = c, 1
        if used and country not in out:
            out.append(country)  # type: ignore[arg-type]
        i += max(used, 1)
    return out


# A plural title right before the two names: "Presidents Ana Ruiz and Lars Holm", "the
# Foreign Ministers Aino Lahti and Ewa Nowak" (no countries: the text does not pair them).
# Full names only: one capitalised word after a plural title may be a country in an
# inflected form no table has ("die Präsidenten Perus und Chiles").
_TITLED_PAIR = re.compile(rf"(?<!\w)(?i:{_PLURAL_WORDS})[ \t]+(?P<a>{_NAMEW}(?:[ \t]+{_NAMEW}){{1,2}})"
                          rf"[ \t]+{_AND}[ \t]+(?P<b>{_NAMEW}(?:[ \t]+{_NAMEW}){{1,2}})")


def _titled_pairs(text: str, skip: Sequence[tuple[int, int]]) -> list[Person]:
    """Two leaders named right after a plural title ("Prime Ministers A B and C D")."""
    out: list[Person] = []
    for m in _TITLED_PAIR.finditer(text[:100_000]):
        if skip and in_spans(m.start(), skip):
            continue
        names = [[fold_russian(w) for w in m[g].split()] for g in ("a", "b")]
        if any(not _is_name(w) or w.lower() in _COMMON or w.lower() in _NOT_NAME or country_of(w)
               for n in names for w in n):
            continue  # "the presidents Of Russia and China", "Präsidenten Russlands und Chinas"
        out.extend(Person(" ".join(n), None, m.start(g)) for n, g in zip(names, ("a", "b"), strict=True))
    return out


def pair_people(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """Two leaders named after a plural title, with the countries the title gives in order."""
    out: list[Person] = _titled_pairs(text, skip)
    for m in _PAIR.finditer(text[:100_000]):
        # the head: the clause before the comma (back to the previous punctuation, 90 characters)
        window = text[max(0, m.start() - 90):m.start()]
        cut = [e.end() for e in _HEAD_END.finditer(window)]
        head = window[cut[-1]:] if cut else window
        if len(head.strip()) < 3 or (skip and in_spans(m.start(), skip)) or not _PLURAL_TITLE.search(head.lower()):
            continue
        names = [[fold_russian(w) for w in m[g].split()] for g in ("a", "b")]
        if any(w.lower() in _COMMON or w.lower() in _NOT_NAME or country_of(w) for n in names for w in n):
            continue
        countries = _head_countries(head)
        pair = countries if len(countries) == 2 else [None, None]
        out.extend(Person(" ".join(n), c, m.start(g)) for n, c, g in zip(names, pair, ("a", "b"), strict=True))
    return out


def foreign_titled_people(text: str, low: str, skip: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """People introduced by a title in a language other than English, in text order."""
    out: list[Person] = []
    for m in _TITLE.finditer(low):
        a, b = m.span()
        if (a and low[a - 1].isalnum()) or (skip and in_spans(a, skip)):
            continue
        line_start = text.rfind("\n", 0, a) + 1
        before = _TOKEN.findall(text[max(line_start, a - 40):a])
        if before and before[-1] == "-":  # "US-Präsident"
            before = before[:-1]
        window = text[b:b + 120]
        # a paragraph or a navigation bar ("Presidenta   Gobierno   Consejo de Ministros") ends it
        # (in the raw page; the cleaned text has one space, see _after_title)
        cut = _WINDOW_END.search(window)
        window = _ELISION.sub(r"\1 ", window[:cut.start()] if cut else window)
        name, country = _after_title(_TOKEN.findall(window))
        if name and _PL_INSTRUMENTAL.fullmatch(m[0]) and _fold_polish_instrumental(name[0]) != name[0]:
            # declined (its first word has the ending): "Karimem Salemem", not "Karim Salem"
            name = [_fold_polish_instrumental(w) for w in name]
        country = country or _country_before(before) or _IMPLICIT.get(m[0])
        if country is None and m[0] in ("président", "présidente") and _REPUBLIC_FR.match(low, b):
            country = "France"
        if name:
            out.append(Person(" ".join(name), country, a))
        elif country:
            out.append(Person(None, country, a))
    out.extend(script_titled_people(text, skip))
    out.extend(more_titled_people(text, skip))
    # Chinese (a Japanese text, with kana, is read by scripttitles: its titles follow the name)
    if any("\u4e00" <= ch <= "\u9fff" for ch in text[:2000]) and not _KANA.search(text[:2000]):
        for m in _ZH.finditer(text):
            if skip and in_spans(m.start(), skip):
                continue
            country = _ZH_COUNTRIES.get(m[1]) if m[1] else None
            if _ZH_TITLE_OR_COUNTRY.search(m[3]):
                continue  # "与墨西哥总统": no name between the two titles
            out.append(Person(m[3], country, m.start()))
    out.sort(key=lambda p: p.start)
    return out

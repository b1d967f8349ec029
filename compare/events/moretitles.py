"""Leaders named by title in Persian, Urdu, Hebrew, Bengali, Thai and Georgian, without a list of
names.

The scripts have no capital letters, so a name is found by the title next to it, in each
language's word order:

* Persian: the name before the title, the country after it ("علی رضایی رئیس جمهور",
  "کمال آیدین رئیس جمهور ترکیه"), or the title and country first ("رئیس جمهور ترکیه، کمال
  آیدین") when no name stands before the title;
* Urdu: the Hindi order in Arabic letters, a country and "کے" before the title, the name
  after it up to a postposition ("ترکیہ کے صدر ... نے");
* Hebrew: the title, its country in the construct state, then the name ("נשיא צרפת פול
  מרסייה", "ראש ממשלת יוון ...", "ראש הממשלה דוד כהן");
* Bengali: a country in the genitive, the title, then the name ("ভারতের প্রধানমন্ত্রী রাহুল
  বর্মা"), whose last word may carry a case ending ("বর্মার সঙ্গে": with Barma);
* Thai: the title with its country written on ("นายกรัฐมนตรีญี่ปุ่น"), a space, then a given
  name and a surname, one word each ("เคนจิ โมริ");
* Georgian: a country in the genitive, the title in any case, then a given name and a
  surname ("საფრანგეთის პრეზიდენტი ემანუელ მაკრონი").

Each hit is a person with the country when the text gives it; a title whose name is not
read gives nothing (not a bare country role: a page naming only "the president of Tanzania"
would be one-sided for clustering, while a page naming nobody takes the names other pages
of its dates write, :mod:`compare.events.anchors`).
Countries are CLDR's names in each language (Babel), so no country list is kept here; the
titles and the words that end a name (prepositions, time words, the commonest verbs) are
the grammar of each language, not names of anyone.  Names meet their Latin spellings in
:func:`compare.events.identity.same_name`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from compare.events.countries import COUNTRY_WORDS
from compare.events.datephrases import in_spans
from compare.events.participants import Person

# The most words of one name.
MAX_NAME_WORDS = 3
# How far a title's name and country are read (characters).
WINDOW = 120
# How much of a text is read for titles.
SCAN_CHARS = 100_000
# A reader's result: the words of the name a title introduces (none when it reads none)
# and the country the text gives with it.
Reading = tuple[list[str], str | None]


@lru_cache(maxsize=16)
def cldr_countries(language: str, min_chars: int = 2) -> dict[str, str]:
    """The country names of ``language`` (CLDR, through Babel), of at least ``min_chars``
    characters -> the English name, as the English table writes it ("Türkiye" is "Turkey")."""
    try:
        from babel import Locale

        native, english = Locale.parse(language).territories, Locale.parse("en").territories
    except (ImportError, ValueError):
        return {}
    return {name: COUNTRY_WORDS.get(english[code].lower(), english[code]) for code, name in native.items()
            if code.isalpha() and code in english and len(name) >= min_chars}


@lru_cache(maxsize=16)
def _calendar_words(language: str) -> frozenset[str]:
    """Weekday and month names of ``language`` (CLDR), each word of them."""
    try:
        from babel import Locale

        locale = Locale.parse(language)
    except (ImportError, ValueError):
        return frozenset()
    out: set[str] = set()
    for names in (locale.days, locale.months):
        for context in names.values():
            for width in context.values():
                for n in width.values():
                    out.update(str(n).replace("\u200c", " ").split())
    return frozenset(out)


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


def _country_in(words: Sequence[str], table: dict[str, str]) -> tuple[str | None, int]:
    """The country the words start with (its longest name, up to three words) and how many
    words it takes."""
    for n in (3, 2, 1):
        if len(words) >= n and (c := table.get(" ".join(words[:n]))) is not None:
            return c, n
    return None, 0


def _take(words: Sequence[str], is_name_word: Callable[[str], bool], most: int) -> list[str]:
    """The name words ``words`` start with: up to ``most``, up to the first that is none."""
    name: list[str] = []
    for w in words:
        if len(name) == most or not is_name_word(w):
            break
        name.append(w)
    return name


# --------------------------------------------------------------------------- Persian

# Arabic letter forms Persian text also uses, and the zero-width non-joiner inside compound
# words ("رئیس‌جمهور"): one character each, so positions stay those of the text.
_FA_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "\u200f": " "})
_FA_TITLE = re.compile(r"(?<![\u0600-\u06ff])(?:رئیس ?جمهوری?|نخست ?وزیر|وزیر (?:امور )?خارجه|صدر ?اعظم|"
                       r"پادشاه)(?![\u0600-\u06ff])")
# A word in Arabic script (its letters, not its punctuation "،" "؛" "؟"), or one other sign.
_FA_WORD = re.compile(r"[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]+")
_FA_TOKEN = re.compile(r"[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]+|\S")
# "of our country" between a title and its name: the writer's own country, named by no word
_FA_OURS = _words("کشورمان کشور ما")
# titles of address before a name ("دکتر داریوش ...")
_FA_HONORIFIC = _words("دکتر آقای خانم جناب مهندس سرکار حجت‌الاسلام حجت الاسلام آیت‌الله آیت الله")
# a state's long form between a title and its country ("رئیس جمهوری اسلامی ایران")
_FA_BETWEEN = _words("اسلامی جمهوری فدراسیون پادشاهی دولت کشور")
_FA_STOP = _words("""
با و از به در که را این آن برای تا بر هم نیز یا اما روز امروز دیروز فردا شب صبح عصر پس پیش طی
طبق درباره پیرامون گفت گفته گفتگو گفت‌وگو کرد کردند کرده است بود شد شده دیدار تماس تلفنی ملاقات هفته ماه
سال جمهور وزیر رئیس نخست دو طرف طرفین خود وی او ایشان آقای خانم جناب دولت کشور اسلامی جمهوری
امور خارجه همتای سفر مذاکره مذاکرات گذشته آینده جاری کشورمان
دفتر سخنگوی معاون مشاور نماینده سفیر ریاست پیام حکم نهاد هیئت دستور نامه سوی جانب
""")


def _fa_country(word: str, next_word: str | None) -> tuple[str | None, int]:
    table = cldr_countries("fa")
    if next_word is not None and (c := table.get(f"{word} {next_word}")) is not None:
        return c, 2
    if (c := table.get(word)) is not None:
        return c, 1
    # a nationality adjective: the country with "ی", "ای" or "یی" ("ترکیه‌ای", "کنیایی";
    # "فرانسوی" aside)
    for cut in ("یی", "ای", "ی"):
        if word.endswith(cut) and (c := table.get(word[: -len(cut)].rstrip())) is not None:
            return c, 1
    return None, 0


def _fa_name_word(word: str) -> bool:
    return (_FA_WORD.fullmatch(word) is not None and word not in _FA_STOP
            and word not in _calendar_words("fa") and _fa_country(word, None)[0] is None)


def _persian(folded: str, m: re.Match[str]) -> Reading:
    line = folded.rfind("\n", 0, m.start()) + 1
    before = _FA_TOKEN.findall(folded[max(line, m.start() - 60):m.start()])
    after = _FA_TOKEN.findall(folded[m.end():m.end() + WINDOW].split("\n", 1)[0])
    skipped = 0
    while skipped < 2 and skipped < len(after) and after[skipped] in _FA_BETWEEN:
        skipped += 1
    country, used = (_fa_country(after[skipped], after[skipped + 1] if len(after) > skipped + 1 else None)
                     if len(after) > skipped else (None, 0))
    used = used + skipped if country else 0
    name: list[str] = []
    while before and _fa_name_word(before[-1]) and len(name) < MAX_NAME_WORDS:
        name.insert(0, before.pop())
    # a title of address before the name, read into it or (a stop word) ending it
    addressed = bool(name) and (name[0] in _FA_HONORIFIC or (bool(before) and before[-1] in _FA_HONORIFIC))
    while name and name[0] in _FA_HONORIFIC:
        name.pop(0)
    if len(name) < 2 and not (addressed and name):
        # one word before a title is a noun it depends on ("دفتر رئیس جمهور", the
        # president's office) more often than a surname alone, unless a title of
        # address stands before it ("آیت‌الله رئیسی", "آقای رستمی")
        name = []
    ours = bool(after) and after[0] in _FA_OURS
    if not name and (country or ours):
        # the title and its country first, then the name ("رئیس جمهور ترکیه، کمال آیدین");
        # after a title alone come verbs and adverbs ("... رئیس جمهور همچنین اعلام کرد")
        rest = after[used:]
        while rest and rest[0] in _FA_OURS:
            rest = rest[1:]
        if rest and rest[0] in ("،", ","):
            rest = rest[1:]
        name = _take(rest, _fa_name_word, MAX_NAME_WORDS)
        if len(name) < 2:
            name = []  # "دفتر رئیس جمهور اعلام کرد": a verb's noun, not a name
    return name, country


# --------------------------------------------------------------------------- Hebrew

# The title with any one-letter prefixes ("ו", "ה", "ב", "ל", "מ", "ש", "כ"); a construct
# form ("נשיא", "ראש ממשלת") takes its country next, a definite one ("הנשיא", "ראש הממשלה")
# does not.
_HE_TITLE = re.compile(r"(?<![\u05d0-\u05ea])[ובלמשכ]{0,3}(?:ה?(?:נשיא|נשיאת|קנצלר|קנצלרית|מלך|מלכת|"
                       r"שר החוץ|שרת החוץ)|ראש (?:ה)?ממשל(?:ה|ת))(?![\u05d0-\u05ea])")
_HE_WORD = re.compile(r"[\u05d0-\u05ea][\u05d0-\u05ea'׳\"״-]*")
# Words that end a name: prepositions, time words, the commonest verbs of a report of a
# contact (past, present and future of speaking, meeting, calling, saying), pronouns.
_HE_STOP = _words("""
עם של את אל על כי אשר גם או אך אבל ביום היום אתמול מחר הבוקר הערב הלילה השבוע בשבוע
שוחח שוחחה שוחחו נפגש נפגשה נפגשו נועד נועדה אמר אמרה אמרו הודיע הודיעה ביקר ביקרה קיבל קיבלה
אירח אירחה דן דנה דנו בירך בירכה התקשר התקשרה מסר מסרה ציין ציינה הדגיש הדגישה פגש פגשה
משוחח נפגש ייפגש תיפגש ישוחח תשוחח יבקר תבקר הוא היא הם השניים שני הצדדים בטלפון בשיחה שיחה
ראש הממשלה ממשלת נשיא הנשיא נשיאת שר שרת החוץ קנצלר הקנצלר מלך המלך
""")
_HE_ADJ = re.compile(r"ה([\u05d0-\u05ea]{2,})(?:ית|י)")
_HE_BETWEEN = _words("המדינה")


def _he_country(words: Sequence[str]) -> tuple[str | None, int]:
    table = cldr_countries("he")
    country, n = _country_in(words, table)
    if country is None and words and (m := _HE_ADJ.fullmatch(words[0])):
        # "הנשיא הצרפתי": the country's name, or without its final he ("גרמניה", "הגרמני")
        stem = m[1]
        country = table.get(stem) or table.get(stem + "ה") or table.get(stem + "יה")
        n = 1 if country else 0
    return country, n


def _he_name_word(word: str) -> bool:
    return (_HE_WORD.fullmatch(word) is not None and word not in _HE_STOP and not _HE_TITLE.fullmatch(word)
            and word not in _calendar_words("he") and not word.startswith("הת")
            and _he_country([word])[0] is None)


def _hebrew(text: str, m: re.Match[str]) -> Reading:
    after = re.findall(r"[\u05d0-\u05ea][\u05d0-\u05ea'׳\"״-]*|\S",
                       text[m.end():m.end() + WINDOW].split("\n", 1)[0])
    country, used = _he_country(after)
    rest = after[used:]
    # "נשיא המדינה" (the head of state), a nationality adjective CLDR's country names do
    # not give ("האמריקני", "הבריטי"): the title's words, then the name
    while rest and (rest[0] in _HE_BETWEEN or _HE_ADJ.fullmatch(rest[0])):
        rest = rest[1:]
    if country and rest and rest[0] == ",":  # "ראש ממשלת בריטניה, אליס גרנט,"
        rest = rest[1:]
    # a given name and a surname: a third word is a verb the list lacks ("... קיים")
    name = _take(rest, _he_name_word, 2)
    return name, country


# --------------------------------------------------------------------------- Bengali

_BN_TITLE = re.compile(r"(?<![\u0980-\u09ff])(?:প্রধানমন্ত্রী|রাষ্ট্রপতি|প্রেসিডেন্ট|পররাষ্ট্রমন্ত্রী|চ্যান্সেলর|রাজা)"
                       r"(?![\u0980-\u09ff])")
_BN_WORD = re.compile(r"[\u0980-\u09e5\u09f0-\u09ff]+")
# the genitive of a country ("ভারতের", "নেপালের", "জাপানের") and of a name before a
# postposition ("বর্মার সঙ্গে"), the object case ("আহমেদকে")
_BN_CASE = re.compile(r"(?:এর|ের|র|কে)$")
# a longer noun in the locative ("বঙ্গভবনে", at Bangabhaban): a place after the name (a
# short word so ending may be a surname: "দে")
_BN_LOCATIVE = ("ে",)
_BN_SHORT = 3
# titles of address and their abbreviations before a name ("মো." Mohammad, "ড." Dr)
_BN_HONORIFIC = _words("মো মোঃ ড জনাব শ্রী শ্রীমতী বেগম")
_BN_POSTPOSITIONS = _words("সঙ্গে সাথে সহ জন্য নিয়ে থেকে কাছে প্রতি")
_BN_STOP = _words("""
ও এবং আর গতকাল আজ আগামীকাল সঙ্গে সাথে সহ জন্য নিয়ে থেকে কাছে প্রতি বলেন বলেছেন করেন করেছেন করে
কথা বৈঠক ফোনালাপ টেলিফোনে ফোনে দুই নেতা দেশের সরকারের তিনি তাঁর তার জনাব শ্রী শ্রীমতী ড
""")


def _bn_country(word: str) -> str | None:
    table = cldr_countries("bn")
    return table.get(word) or table.get(_BN_CASE.sub("", word))


def _bengali(text: str, m: re.Match[str]) -> Reading:
    before = _BN_WORD.findall(text[max(0, m.start() - 40):m.start()])
    country = _bn_country(before[-1]) if before else None
    after = re.findall(r"[\u0980-\u09e5\u09f0-\u09ff]+|\S", text[m.end():m.end() + WINDOW].split("\n", 1)[0])
    while after and after[0] in _BN_HONORIFIC:  # "মো. সাহাবুদ্দিন", "ড. ..."
        after = after[2:] if len(after) > 1 and after[1] in (".", "ঃ") else after[1:]
    name: list[str] = []
    for i, w in enumerate(after):
        if (not _BN_WORD.fullmatch(w) or w in _BN_STOP or w in _calendar_words("bn")
                or _bn_country(w) or len(name) == MAX_NAME_WORDS
                or (len(w) > _BN_SHORT and w.endswith(_BN_LOCATIVE))):
            break
        if (i + 1 < len(after) and after[i + 1] in _BN_POSTPOSITIONS) or w.endswith("কে"):
            name.append(_BN_CASE.sub("", w) or w)  # "বর্মার সঙ্গে": the name is "বর্মা"
            break
        name.append(w)
    return name, country


# --------------------------------------------------------------------------- Thai

_TH_TITLE = re.compile(r"(?:นายกรัฐมนตรี|ประธานาธิบดี|รัฐมนตรีว่าการกระทรวงการต่างประเทศ|รัฐมนตรีต่างประเทศ|"
                       r"นายกฯ|นายกรัฐมนตรีฯ|สมเด็จพระราชาธิบดี|กษัตริย์|นายกรัฐมนตรีหญิง)")
# honorifics written on the given name ("นายสมชาย", "นางสาวดารา")
_TH_HONORIFIC = re.compile(r"^(?:นางสาว|นาย|นาง|ดร\.)")
_TH_WORD = re.compile(r"[\u0e01-\u0e4e]+")
# Thai writes no space between words of a phrase: a token that starts with one of these
# words is a phrase (a verb, a preposition, a time word), not a name.
_TH_PHRASE = re.compile(r"^(?:หารือ|พบ|เข้า|เดินทาง|กล่าว|ได้|จะ|เป็น|ที่|และ|กับ|เมื่อ|ให้|ทั้ง|โดย|ซึ่ง|ใน|ของ|"
                        r"ต่อ|ร่วม|ต้อนรับ|ประชุม|แถลง|ระบุ|เผย|เปิดเผย|แจ้ง|ชี้แจง|บอก|ย้ำ|ยืนยัน|วัน|เวลา|ฝ่าย|"
                        r"ทาง|ได้รับ|ไป|มา|การ|ความ|มี|ไม่|ยัง|ก็)")
# A Thai name word is short; a longer run of letters is a phrase written without spaces.
_TH_MAX_NAME_CHARS = 16


def _th_country_suffix(rest: str) -> str | None:
    """The country written right after a title, up to the next space."""
    table = cldr_countries("th")
    word = rest.split(" ", 1)[0] if rest else ""
    return table.get(word)


def _thai(text: str, m: re.Match[str]) -> Reading:
    window = text[m.end():m.end() + WINDOW].split("\n", 1)[0]
    country = _th_country_suffix(window)
    tokens = window.split(" ")
    if tokens and tokens[0] and country is None:
        return [], None  # the title runs on into a phrase ("นายกรัฐมนตรีกล่าว"): no name after it
    tokens = tokens[1:]  # the country (or nothing) written on the title
    name: list[str] = []
    for t in tokens:
        t = _TH_HONORIFIC.sub("", t) if not name else t
        if (not _TH_WORD.fullmatch(t) or _TH_PHRASE.match(t) or _TH_TITLE.match(t) or len(name) == 2
                or len(t) > _TH_MAX_NAME_CHARS):
            break
        name.append(t)
    return (name if len(name) == 2 else []), country  # a given name and a surname


# --------------------------------------------------------------------------- Urdu

# Urdu writes the Hindi order in Arabic letters: a country and "کے" (of) before the title,
# the name after it up to a postposition ("وزیراعظم شہباز احمد نے", "ترکیہ کے صدر ... سے").
_UR_TITLE = re.compile(r"(?<![\u0600-\u06ff])(?:صدر|وزیر ?اعظم|وزیر ?خارجہ|چانسلر|بادشاہ)(?![\u0600-\u06ff])")
_UR_STOP = _words("""
نے سے کو کی کا کے میں پر اور نیز بھی ہی تک لیے لئے ساتھ بعد قبل آج کل روز جمعہ ہفتہ اتوار پیر منگل بدھ
جمعرات ٹیلیفون ٹیلی فون فون رابطہ بات چیت ملاقات کہا کیا کی گئی ہے ہیں تھا تھے دونوں رہنماؤں رہنما
محترم جناب ڈاکٹر مملکت ملک حکومت دفتر ترجمان
""")


def _ur_country(word: str) -> str | None:
    table = cldr_countries("ur")
    # "ترکی" as the press writes it, "ترکیہ" in CLDR
    return table.get(word) or table.get(word + "ہ")


def _ur_name_word(word: str) -> bool:
    return (_FA_WORD.fullmatch(word) is not None and word not in _UR_STOP and _ur_country(word) is None
            and not _UR_TITLE.fullmatch(word))


def _urdu(text: str, m: re.Match[str]) -> Reading:
    before = _FA_TOKEN.findall(text[max(0, m.start() - 40):m.start()])
    country = _ur_country(before[-2]) if len(before) >= 2 and before[-1] == "کے" else None
    after = _FA_TOKEN.findall(text[m.end():m.end() + WINDOW].split("\n", 1)[0])
    while after and after[0] in _UR_BETWEEN:
        after = after[1:]
    name = _take(after, _ur_name_word, MAX_NAME_WORDS)
    # a name ends at a postposition, a time word or a sign, not inside a longer phrase
    ends = after[len(name)] if len(after) > len(name) else ""
    ended = not ends or ends in _UR_STOP or not _FA_WORD.fullmatch(ends)
    return (name, country) if len(name) >= 2 and ended else ([], None)


# "صدر مملکت" (the head of state) before the name
_UR_BETWEEN = _words("مملکت")


# --------------------------------------------------------------------------- Georgian

# The title in any case ("პრეზიდენტი", "პრეზიდენტმა", "პრეზიდენტს", "პრეზიდენტის"): a
# country in the genitive before it ("საფრანგეთის"), the name after it, its words in the
# case the sentence gives them ("მაკრონმა", "მაკრონს"; the comparison of names allows it).
_KA_TITLE = re.compile(r"(?<![\u10a0-\u10ff-])(?:პრეზიდენტ|პრემიერ-მინისტრ|პრემიერ|საგარეო საქმეთა მინისტრ|"
                       r"კანცლერ|მეფ)(?P<case>ი|მა|მ|ს|ის|თან|ად)?(?![\u10a0-\u10ff])")
_KA_WORD = re.compile(r"[\u10a0-\u10ff]+")
_KA_STOP = _words("""
და თუ რომ ან მაგრამ ასევე დღეს გუშინ ხვალ კვირას ორშაბათს სამშაბათს ოთხშაბათს ხუთშაბათს პარასკევს შაბათს
ტელეფონით სატელეფონო საუბარი შეხვედრა შეხვდა ესაუბრა გაიმართა განაცხადა აღნიშნა თქვა მიიღო ეწვია
ორივე მხარე ლიდერი ლიდერები ქვეყნის ქვეყნების მთავრობის ადმინისტრაციის
""")


def _ka_country(word: str) -> str | None:
    """A country's name, or its genitive ("საფრანგეთის" of "საფრანგეთი", "გერმანიის" of
    "გერმანია", "საქართველოს" of "საქართველო")."""
    table = cldr_countries("ka")
    if word in table:
        return table[word]
    if word.endswith("ის"):
        stem = word[:-2]
        return table.get(stem + "ი") or table.get(stem + "ა") or table.get(stem)
    if word.endswith("ს"):  # a name ending in a vowel takes a bare -ს ("საქართველოს")
        return table.get(word[:-1])
    return None


def _ka_name_word(word: str) -> bool:
    return (_KA_WORD.fullmatch(word) is not None and word not in _KA_STOP and word not in _calendar_words("ka")
            and _ka_country(word) is None and not _KA_TITLE.fullmatch(word))


def _georgian(text: str, m: re.Match[str]) -> Reading:
    if m["case"] == "ის":
        return [], None  # the title in the genitive owns the next word ("პრემიერ-მინისტრის პრესსამსახური")
    before = _KA_WORD.findall(text[max(0, m.start() - 40):m.start()])
    country = _ka_country(before[-1]) if before else None
    after = re.findall(r"[\u10a0-\u10ff]+|\S", text[m.end():m.end() + WINDOW].split("\n", 1)[0])
    name = _take(after, _ka_name_word, 2)
    return (name if len(name) == 2 else []), country  # a given name and a surname


# --------------------------------------------------------------------------- Tamil

# A title, then the name ("பிரதமர் ராஜேஷ் குமார்"), the country before the title, as a noun
# or an adjective ("ஜெர்மன் அதிபர்", the German chancellor; "இலங்கை ஜனாதிபதி").
_TA_TITLE = re.compile(r"(?<![\u0b80-\u0bff])(?:பிரதமர்|ஜனாதிபதி|குடியரசுத் தலைவர்|அதிபர்|சான்சலர்|"
                       r"வெளியுறவு அமைச்சர்|வெளியுறவுத் துறை அமைச்சர்|மன்னர்)(?![\u0b80-\u0bff])")
_TA_WORD = re.compile(r"[\u0b80-\u0bff]+")
# "with": the name it is written onto ends there ("பிராண்ட்டுடன்", with Brandt; "குமாருடன்")
_TA_WITH = ("ுடன்", "உடன்")
_TA_STOP = _words("""
மற்றும் இடையே தொலைபேசியில் தொலைபேசி மூலம் பேசினார் பேசினர் சந்தித்தார் சந்தித்தனர் கூறினார் தெரிவித்தார்
நேற்று இன்று நாளை இருவரும் இரு தலைவர்களும் அவர் அவரது
""")
_TA_VIRAMA = "\u0bcd"
# "day": a word ending so is a weekday ("வியாழக்கிழமை", on Thursday)
_TA_DAY = "கிழமை"


def _ta_country(word: str, loose: bool = False) -> str | None:
    """A country: CLDR's Tamil name, or a word that starts with it (a case: "இந்தியாவின்",
    of India); ``loose`` (the word before a title): also one that shares all of the name
    but its last two characters and adds at most three (an adjective: "ஜெர்மன்" of
    "ஜெர்மனி", "இந்தியப்" of "இந்தியா")."""
    table = cldr_countries("ta", 3)
    if word in table:
        return table[word]
    for name, country in table.items():
        if len(name) < 4:
            continue
        if word.startswith(name):
            return country
        stem = name[:-2]
        if loose and len(stem) >= 3 and word.startswith(stem) and len(word) - len(stem) <= 3:
            return country
    return None


def _ta_name_word(word: str) -> bool:
    return (_TA_WORD.fullmatch(word) is not None and word not in _TA_STOP and word not in _calendar_words("ta")
            and not word.endswith(_TA_DAY) and _ta_country(word) is None and not _TA_TITLE.fullmatch(word))



def _ta_without_with(word: str) -> str | None:
    """A name word without the "with" written onto it (a doubled consonant the ending
    brought, "ட்டு", is one again), or None when it has none."""
    for end in _TA_WITH:
        if word.endswith(end) and len(word) > len(end) + 1:
            stem = word[: -len(end)] + _TA_VIRAMA
            if len(stem) >= 4 and stem[-4] == stem[-2] and stem[-3] == stem[-1] == _TA_VIRAMA:
                stem = stem[:-2]  # "பிராண்ட்ட்" -> "பிராண்ட்"
            return stem
    return None


def _tamil(text: str, m: re.Match[str]) -> Reading:
    before = _TA_WORD.findall(text[max(0, m.start() - 40):m.start()])
    country = _ta_country(before[-1], loose=True) if before else None
    after = re.findall(r"[\u0b80-\u0bff]+|\S", text[m.end():m.end() + WINDOW].split("\n", 1)[0])
    name: list[str] = []
    for i, w in enumerate(after):
        if _TA_TITLE.match(" ".join(after[i + 1:i + 3])) and _ta_country(w, loose=True):
            break  # "... இந்தியப் பிரதமர்": the next title's country
        bare = _ta_without_with(w)
        if bare is not None and len(name) < MAX_NAME_WORDS:
            name.append(bare)
            break
        if len(name) == MAX_NAME_WORDS or not _ta_name_word(w):
            break
        name.append(w)
    return name, country


# Per script (letters only it writes): its titles, the letter forms folded before reading
# (one character each: positions stay those of the text) and its reader of one title.
_READERS: tuple[tuple[re.Pattern[str], re.Pattern[str], dict[int, str] | None,
                      Callable[[str, re.Match[str]], Reading]], ...] = (
    # letters Arabic does not write: Persian's, then Urdu's own ("ے", "ٹ", "ڈ", "ڑ", "ں", "ہ")
    (re.compile(r"[\u067e\u0686\u0698\u06af\u06a9\u06cc]"), _FA_TITLE, _FA_FOLD, _persian),
    (re.compile(r"[\u06d2\u0679\u0688\u0691\u06ba\u06c1]"), _UR_TITLE, _FA_FOLD, _urdu),
    (re.compile(r"[\u05d0-\u05ea]"), _HE_TITLE, None, _hebrew),
    (re.compile(r"[\u0980-\u09ff]"), _BN_TITLE, None, _bengali),
    (re.compile(r"[\u0e01-\u0e4e]"), _TH_TITLE, None, _thai),
    (re.compile(r"[\u10d0-\u10ff]"), _KA_TITLE, None, _georgian),
    (re.compile(r"[\u0b80-\u0bff]"), _TA_TITLE, None, _tamil),
)


def more_titled_people(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """People introduced by a title in Persian, Urdu, Hebrew, Bengali, Thai, Georgian or Tamil (each
    read only when the text's head holds its script), outside the ``skip`` spans (quotations)."""
    head = text[:2000]
    out: list[Person] = []
    for script, titles, fold, read in _READERS:
        if not script.search(head):
            continue
        scanned = text[:SCAN_CHARS] if fold is None else text[:SCAN_CHARS].translate(fold)
        for m in titles.finditer(scanned):
            if skip and in_spans(m.start(), skip):
                continue
            name, country = read(scanned, m)
            if name:
                out.append(Person(" ".join(name), country, m.start()))
    return out

"""Leaders named by title in Japanese, Korean, Arabic and Hindi, without a list of names.

Each language has its own word order:

* Japanese: the name before the title, written in katakana ("サントソ大統領", "ブディ・サントソ・
  インドネシア共和国大統領": the country may stand between them) or in kanji ("佐藤健首相"); a
  country before the name ends with "の" ("インドネシアのサントソ大統領");
* Korean: the name before the title, a country between them or before the name ("헬레나 프라두
  브라질 대통령", "브라질의 프라두 대통령");
* Arabic: the title, a nationality adjective or a country, then the name ("رئيس الوزراء الياباني
  ...", "رئيس وزراء اليابان ...");
* Hindi: a country in the genitive, the title, then the name ("ब्राज़ील की राष्ट्रपति ...").

Each hit is a :class:`Person` with the country when the text gives it; names are compared
with Latin spellings by :func:`compare.events.identity.same_name`, which reads the scripts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compare.events.datephrases import in_spans
from compare.events.moretitles import cldr_countries
from compare.events.participants import Person


def _table(spec: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in spec.split(";"):
        country, _, forms = entry.partition(":")
        out.update((f, country.strip()) for f in forms.split())
    return out


_JA_COUNTRIES = _table("""
Japan: 日本 日本国; United States: 米国 米 アメリカ アメリカ合衆国; Russia: ロシア 露; China: 中国;
France: フランス 仏; Germany: ドイツ 独; United Kingdom: 英国 英 イギリス; Ukraine: ウクライナ; India: インド;
Turkey: トルコ; Italy: イタリア; Spain: スペイン; Finland: フィンランド; Estonia: エストニア; Poland: ポーランド;
Brazil: ブラジル; Canada: カナダ; Saudi Arabia: サウジアラビア サウジ; Iran: イラン; Israel: イスラエル;
Egypt: エジプト; Portugal: ポルトガル; Sweden: スウェーデン; Norway: ノルウェー; Austria: オーストリア;
South Korea: 韓国; North Korea: 北朝鮮; Australia: オーストラリア 豪; Argentina: アルゼンチン;
South Africa: 南アフリカ 南ア; Vietnam: ベトナム; Indonesia: インドネシア; Netherlands: オランダ;
Mexico: メキシコ; Nigeria: ナイジェリア; Kenya: ケニア; Philippines: フィリピン; Thailand: タイ;
Malaysia: マレーシア; Singapore: シンガポール; Pakistan: パキスタン; Chile: チリ; Kazakhstan: カザフスタン
""")
# (not an office, an election, a post or a spouse: "大統領府", "首相官邸", "大統領選", "首相夫人")
_JA_TITLE = re.compile(r"(?<!副)(?:内閣総理大臣|総理大臣|首相|総理|大統領|外務大臣|外務相|外相|国務長官|国家主席|国王)"
                       r"(?!府|官邸|官房|選|候補|職|夫人|補佐|報道)")
# "インドネシア共和国大統領", "ロシア連邦大統領": the state's long form before a title
_JA_STATE = re.compile(r"(?:共和国|連邦|合衆国|王国)$")
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc・＝=]+$")
_KANJI_RUN = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,5}$")
# Kanji that make a run before a title a word, not a name ("同国", "両首脳", "前", "政府").
_JA_NOT_NAME = re.compile(r"[国府省党会院庁部閣政議副前元新同両各現次首相統領臣務長官王席]")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]+")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")


def _country_suffix(text: str, table: dict[str, str]) -> tuple[str | None, str]:
    """The country a text ends with (longest form), and the text before it."""
    for form in sorted((f for f in table if text.endswith(f)), key=len, reverse=True):
        return table[form], text[: -len(form)]
    return None, text


# Titles that name their country by themselves.
_JA_IMPLICIT = {"内閣総理大臣": "Japan", "総理大臣": "Japan"}


def _given_first(name: list[str], country: str | None) -> str:
    """A Japanese person's two-word name, family name first in Japanese and Korean ("サトウ
    ケン", "사토 켄"), in the order Latin text writes it, so its last word is the surname as
    the Latin key's is ("Ken Sato")."""
    return " ".join(reversed(name) if country == "Japan" and len(name) == 2 else name)


def _japanese(text: str, skip: Sequence[tuple[int, int]]) -> list[Person]:
    out: list[Person] = []
    for m in _JA_TITLE.finditer(text[:100_000]):
        a = m.start()
        if skip and in_spans(a, skip):
            continue
        before = _JA_STATE.sub("", text[max(0, a - 40):a])
        country, before = _country_suffix(before, _JA_COUNTRIES)
        before = before.rstrip("・の")
        name: list[str] = []
        if run := _KATAKANA_RUN.search(before):
            parts = [p for p in run[0].split("・") if p]
            while parts and parts[0] in _JA_COUNTRIES:  # "ロシア・プーチン大統領"
                country = country or _JA_COUNTRIES[parts.pop(0)]
            name = parts[-3:] if parts and len(parts[-1]) >= 2 else []
            before = before[: run.start()]
        elif (run := _KANJI_RUN.search(before)) and not _JA_NOT_NAME.search(run[0]) \
                and not any(run[0].startswith(c) for c in _JA_COUNTRIES):
            name = [run[0]]
            before = before[: run.start()]
        if name and country is None:
            country, _ = _country_suffix(before.rstrip("のと・"), _JA_COUNTRIES)
        country = country or _JA_IMPLICIT.get(m[0])
        if country is None and name and _HAN_NAME.fullmatch(name[0]) and m[0] in ("首相", "総理", "外相", "外務大臣"):
            country = "Japan"  # a name in kanji, a head of government without a country: Japan's
        if name:
            out.append(Person(_given_first(name, country), country, a))
        elif country:
            out.append(Person(None, country, a))
    return out


_KO_COUNTRIES = _table("""
Japan: 일본; United States: 미국; Russia: 러시아; China: 중국; France: 프랑스; Germany: 독일;
United Kingdom: 영국; Ukraine: 우크라이나; India: 인도; Turkey: 튀르키예 터키; Italy: 이탈리아; Spain: 스페인;
Finland: 핀란드; Estonia: 에스토니아; Poland: 폴란드; Brazil: 브라질; Canada: 캐나다;
Saudi Arabia: 사우디아라비아 사우디; Iran: 이란; Israel: 이스라엘; Egypt: 이집트; Portugal: 포르투갈;
Sweden: 스웨덴; Norway: 노르웨이; Austria: 오스트리아; South Korea: 한국; North Korea: 북한;
Australia: 호주; Argentina: 아르헨티나; South Africa: 남아공 남아프리카공화국; Vietnam: 베트남;
Indonesia: 인도네시아; Netherlands: 네덜란드; Mexico: 멕시코; Nigeria: 나이지리아; Kenya: 케냐;
Philippines: 필리핀; Thailand: 태국; Malaysia: 말레이시아; Singapore: 싱가포르; Pakistan: 파키스탄;
Chile: 칠레; Kazakhstan: 카자흐스탄
""")
# a title with a particle at most ("총리는", "대통령과"), not an office or a post ("대통령실", "총리직")
_KO_TITLE = re.compile(r"(?:대통령|총리|수상|외교장관|외무장관|외교부장관|국무장관|장관|국가주석|주석|국왕|총통)"
                       r"(?:은|는|이|가|을|를|과|와|의|에게|께서|도|만|님|으로|로|에|과의|와의|측)?(?![\uac00-\ud7a3])")
_KO_STOP = frozenset("""
오늘 어제 내일 지난 이날 그 이 양국 두 정상 측 당시 현 전 신임 새 또 또한 및 그리고 최근 이번 앞서 한편 특히
외교부 외무부 국무부 정부 공화국 연방 대변인 부 전화 회담 통화
""".split())  # noqa: SIM905
# A word ending with a particle or a verb form is no name ("그는", "통화한", "회담에서").
# A ministry or an agency ("국방부", "외교부") neither.
_KO_PARTICLE = re.compile(r"(?:은|는|을|를|에서|에게|와|과|의|로|으로|에|한|했다|하는|하고|된|며|고|부|처|청)$")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")


def _ko_country(word: str) -> str | None:
    return _KO_COUNTRIES.get(word) or (_KO_COUNTRIES.get(word[:-1]) if word.endswith("의") else None)


def _korean(text: str, skip: Sequence[tuple[int, int]]) -> list[Person]:
    out: list[Person] = []
    for m in re.finditer(r"\S+", text[:100_000]):
        if not _KO_TITLE.fullmatch(m[0].rstrip(".,;:!?)\"'”’")) or (skip and in_spans(m.start(), skip)):
            continue
        words = text[max(0, m.start() - 60):m.start()].split()
        if m.start() > 60 and words:
            words = words[1:]  # a cut word
        country: str | None = None
        j = len(words) - 1
        if j >= 0 and (c := _ko_country(words[j])):
            country, j = c, j - 1
        name: list[str] = []
        while j >= 0 and len(name) < 2:
            w = words[j]
            if not _HANGUL_WORD.fullmatch(w) or w in _KO_STOP or (_KO_PARTICLE.search(w) and not _ko_country(w)):
                break
            if (c := _ko_country(w)) is not None:
                country = country or c
                break
            name.insert(0, w)
            j -= 1
        if name and country is None and j >= 0:
            country = _ko_country(words[j])
        if name:
            out.append(Person(_given_first(name, country), country, m.start()))
        elif country:
            out.append(Person(None, country, m.start()))
    return out


# Arabic nouns of countries, and stems of nationality adjectives ("ال" + stem + "ي"/"ية").
_AR_COUNTRIES = _table("""
Japan: اليابان; Brazil: البرازيل; United States: الولايات_المتحدة أمريكا; Russia: روسيا; China: الصين;
France: فرنسا; Germany: ألمانيا; United Kingdom: بريطانيا; Ukraine: أوكرانيا; India: الهند; Turkey: تركيا;
Italy: إيطاليا; Spain: إسبانيا; Finland: فنلندا; Estonia: إستونيا; Poland: بولندا; Canada: كندا;
Saudi Arabia: السعودية; Iran: إيران; Israel: إسرائيل; Egypt: مصر; Indonesia: إندونيسيا; Mexico: المكسيك;
South Korea: كوريا_الجنوبية; Nigeria: نيجيريا; Pakistan: باكستان; Portugal: البرتغال; Qatar: قطر;
United Arab Emirates: الإمارات; Iraq: العراق; Syria: سوريا; Jordan: الأردن; Morocco: المغرب; Algeria: الجزائر;
Sweden: السويد; Kenya: كينيا; Norway: النرويج; Austria: النمسا; Netherlands: هولندا; Australia: أستراليا;
Argentina: الأرجنتين; Chile: تشيلي; Greece: اليونان; Vietnam: فيتنام; Philippines: الفلبين; Kazakhstan: كازاخستان
""")
_AR_ADJ_STEMS = _table("""
Japan: يابان; Brazil: برازيل; United States: أمريك أميرك; Russia: روس; China: صين; France: فرنس;
Germany: ألمان; United Kingdom: بريطان; Ukraine: أوكران; India: هند; Turkey: ترك; Italy: إيطال;
Spain: إسبان; Finland: فنلند; Estonia: إستون; Poland: بولند; Canada: كند; Saudi Arabia: سعود;
Iran: إيران; Israel: إسرائيل; Egypt: مصر; Indonesia: إندونيس; Mexico: مكسيك; Nigeria: نيجير;
Pakistan: باكستان; Portugal: برتغال; Qatar: قطر; Iraq: عراق; Syria: سور; Jordan: أردن; Morocco: مغرب;
Algeria: جزائر; Sweden: سويد; Kenya: كين; Norway: نرويج; Austria: نمساو; Netherlands: هولند;
Australia: أسترال; Argentina: أرجنتين; Chile: تشيل; Greece: يونان; Vietnam: فيتنام; Philippines: فلبين
""")
_AR_TITLE = re.compile(
    r"(?<![\u0600-\u06ff])(?:[وفب]?ال|[وف]?لل|[وفب])?"
    r"(?:رئيسة? (?:ال)?وزراء|وزيرة? (?:ال)?خارجية|رئيسة?|مستشارة?|ملك|نظير(?:ه|ها|ته))(?![\u0600-\u06ff])")
_AR_BETWEEN = frozenset(["جمهورية", "الجمهورية", "دولة", "مملكة", "المملكة", "الاتحادية", "العربية",
                        "الإسلامية", "الشقيقة"])
_AR_STOP = frozenset("""
في مع على من إلى عن حول بشأن خلال اليوم أمس يوم الذي التي إن أن قد كما وقد لقد هاتفيا هاتفياً اتصالا اتصالاً
قال قالت أكد أكدت بحث بحثت أجرى أجرت التقى التقت اتصل اتصلت أعلن أعلنت ناقش ناقشت استقبل استقبلت وزير وزيرة
رئيس رئيسة الرئيس الرئيسة وزراء الوزراء الخارجية حكومة الحكومة عبر لبحث
رفض ثمن شدد أشار أعرب دعا وصل توجه هنأ أشاد بعث أرسل وقع ترأس شارك افتتح زار تلقى تلقت
يستقبل تستقبل يتلقى تتلقى يلتقي تلتقي يبحث تبحث يجري تجري يزور تزور يؤكد تؤكد يعلن تعلن يشارك تشارك
""".split())  # noqa: SIM905
_AR_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u0652]+")


def _ar_country(word: str) -> str | None:
    if word in _AR_COUNTRIES:
        return _AR_COUNTRIES[word]
    m = re.fullmatch(r"ال(.+?)(?:ية|ي)", word)
    if not m:
        return None
    if m[1] in _AR_ADJ_STEMS:
        return _AR_ADJ_STEMS[m[1]]
    # the adjective of any country CLDR names in Arabic: "التونسي" of "تونس", "الفرنسي" of
    # "فرنسا", "الأردني" of "الأردن"
    # and "الكوري" of "كوريا", "الماليزي" of "ماليزيا": a name in "-يا" drops it for "-ي"
    names = _ar_territories()
    return next((names[n] for n in (m[1], m[1] + "ا", m[1] + "يا", "ال" + m[1]) if n in names), None)


def _ar_two_word_country(first: str, second: str) -> str | None:
    """A country CLDR names in two words, named by its adjective in two ("الكوري الجنوبي" of
    "كوريا الجنوبية", "الإماراتي" aside): the first word's nisba, the second's masculine."""
    m = re.fullmatch(r"ال(.+?)(?:ية|ي)", first)
    if not m or not second.startswith("ال") or not second.endswith("ي"):
        return None
    names = _ar_territories()
    return next((names[f"{n} {second}ة"] for n in (m[1], m[1] + "ا", m[1] + "يا") if f"{n} {second}ة" in names),
                None)


def _ar_territories() -> dict[str, str]:
    """Arabic country names (CLDR, through Babel) -> the English name."""
    return cldr_countries("ar", 3)


def _ar_not_name(word: str) -> bool:
    """A word that is no name: a stop word, a country, a title ("والرئيس"), an adverb in the
    accusative ("هاتفياً"), or a verb by its shape ("استمر", "يتفقان")."""
    return (word in _AR_STOP or _ar_country(word) is not None or word.endswith(("اً", "ًا"))
            or word.startswith(("وال", "است")) or _AR_TITLE.fullmatch(word) is not None
            or (word[0] in "يت" and len(word) >= 5 and word.endswith(("ان", "ون"))))


def _ar_name_ends(name: list[str]) -> bool:
    """A name ends with a word with the article ("حسن السيد"), unless it is the second half of
    a compound ("عبد الله ..."); three words are a whole name unless the last joins ("بن")."""
    last = name[-1]
    if last.startswith("ال") and not (len(name) >= 2 and name[-2] in ("عبد", "أبو")):
        return True
    return len(name) >= 3 and last not in ("بن", "بنت", "أبو", "عبد")


def _arabic(text: str, skip: Sequence[tuple[int, int]]) -> list[Person]:
    out: list[Person] = []
    text = text[:100_000]
    joined = text.replace("الولايات المتحدة", "الولايات_المتحدة").replace("كوريا الجنوبية", "كوريا_الجنوبية")
    for m in _AR_TITLE.finditer(joined):
        if skip and in_spans(m.start(), skip):
            continue
        window = joined[m.end():m.end() + 120].split("\n", 1)[0]
        tokens = re.findall(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u0652_]+|\S", window)
        country: str | None = None
        i = 0
        while i < len(tokens) and i < 4:
            t = tokens[i]
            if i + 1 < len(tokens) and (c := _ar_two_word_country(t, tokens[i + 1])) is not None:
                country = country or c
                i += 1
            elif (c := _ar_country(t)) is not None:
                country = country or c
            elif t not in _AR_BETWEEN:
                break
            i += 1
        name: list[str] = []
        while i < len(tokens) and len(name) < 3:
            t = tokens[i]
            if not _AR_WORD.fullmatch(t) or _ar_not_name(t) or (name and t.startswith("و") and len(t) > 3) \
                    or (name and _ar_name_ends(name)):
                break
            name.append(t)
            i += 1
        while name and name[-1] in ("بن", "بنت", "أبو"):
            name.pop()
        if name:
            out.append(Person(" ".join(name), country, m.start()))
        elif country:
            out.append(Person(None, country, m.start()))
    return out


# Hindi: nukta letters compared without the nukta ("ब्राज़ील" and "ब्राजील" are one word).
_HI_COUNTRIES = _table("""
Brazil: ब्राजील ब्राजीली; Japan: जापान जापानी; India: भारत भारतीय; United States: अमेरिका अमेरिकी;
Russia: रूस रूसी; China: चीन चीनी; France: फ्रांस फ्रांसीसी; Germany: जर्मनी जर्मन; United Kingdom: ब्रिटेन ब्रिटिश;
Ukraine: यूक्रेन यूक्रेनी; Turkey: तुर्की तुर्किये; Italy: इटली इतालवी; Spain: स्पेन स्पेनी; Finland: फिनलैंड;
Estonia: एस्टोनिया; Poland: पोलैंड; Canada: कनाडा कनाडाई; Saudi Arabia: सऊदी; Iran: ईरान ईरानी;
Israel: इजराइल इस्राइल इजरायल; Egypt: मिस्र; Indonesia: इंडोनेशिया इंडोनेशियाई; Mexico: मेक्सिको मैक्सिको;
South Korea: दक्षिण_कोरिया; Nigeria: नाइजीरिया; Pakistan: पाकिस्तान; Bangladesh: बांग्लादेश; Nepal: नेपाल;
Sri Lanka: श्रीलंका; Australia: ऑस्ट्रेलिया; South Africa: दक्षिण_अफ्रीका; Vietnam: वियतनाम;
Sweden: स्वीडन; Kenya: केन्या; Norway: नॉर्वे; Netherlands: नीदरलैंड; Argentina: अर्जेंटीना; Chile: चिली;
Greece: ग्रीस यूनान; Philippines: फिलीपींस; Thailand: थाईलैंड; Malaysia: मलेशिया; Singapore: सिंगापुर
""")
# Marathi and Nepali (Devanagari too) write some titles otherwise: "पंतप्रधान", "प्रधानमन्त्री",
# "परराष्ट्रमन्त्री", "चॅन्सेलर".
_HI_TITLE = re.compile(r"(?<![\u0900-\u097f])(?:राष्ट्रपति|प्रधानमंत्री|प्रधान मंत्री|विदेश मंत्री|विदेशमंत्री|चांसलर|"
                       r"चान्सलर|राष्ट्राध्यक्ष|समकक्ष|पंतप्रधान|प्रधानमन्त्री|परराष्ट्रमन्त्री|परराष्ट्र मंत्री|"
                       r"चॅन्सेलर)(?![\u0900-\u097f])")
# Nepali writes its postpositions onto the name ("ब्रान्टसँग", with Brandt; "ब्रान्टलाई", to
# Brandt): the name ends with the word that carries one, which is read without it.  Its
# ergative "-ले" is not among them: Marathi and Hindi surnames end so ("गोखले", "भोसले").
_NE_SUFFIXES = ("सँग", "लाई")
_HI_HONORIFIC = frozenset(["श्री", "श्रीमती", "सुश्री", "डॉ", "डॉक्टर"])
_HI_STOP = frozenset("""
ने से के की का को में और एवं तथा पर है हैं था थे थी भी ही जी साथ बीच द्वारा लिए बात बातचीत मुलाकात फोन आज कल
राष्ट्रपति प्रधानमंत्री मंत्री विदेश चांसलर समकक्ष सरकार भवन कार्यालय चुनाव पद आवास
यांनी यांच्याशी यांची यांचा यांचे यांना यांच्या आणि व र तथा
सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार मंगळवार
सोमबार मंगलबार बुधबार बिहीबार बिहिबार शुक्रबार शनिबार आइतबार
""".split())  # noqa: SIM905
_HI_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097f_]+(?:-[\u0900-\u0963\u0971-\u097f]+)*")


_NUKTA_FREE = str.maketrans({"\u093c": None, "\u0958": "क", "\u0959": "ख", "\u095a": "ग", "\u095b": "ज",
                             "\u095c": "ड", "\u095d": "ढ", "\u095e": "फ"})


def _hi_country(word: str) -> str | None:
    return _HI_COUNTRIES.get(word.translate(_NUKTA_FREE))


def _hindi(text: str, skip: Sequence[tuple[int, int]]) -> list[Person]:
    out: list[Person] = []
    # two-word countries as one word (the same length: positions stay those of the text)
    text = text[:100_000].replace("दक्षिण कोरिया", "दक्षिण_कोरिया").replace("दक्षिण अफ्रीका", "दक्षिण_अफ्रीका")
    for m in _HI_TITLE.finditer(text):
        if skip and in_spans(m.start(), skip):
            continue
        before = _HI_WORD.findall(text[max(0, m.start() - 40):m.start()])
        country: str | None = None
        for w in reversed(before[-3:]):
            if w in ("का", "की", "के"):
                continue
            country = _hi_country(w)
            break
        window = text[m.end():m.end() + 120].split("\n", 1)[0]
        tokens = re.findall(r"[\u0900-\u0963\u0971-\u097f_]+(?:-[\u0900-\u0963\u0971-\u097f]+)*|\S", window)
        name: list[str] = []
        for t in tokens:
            if t in _HI_HONORIFIC and not name:
                continue
            if not _HI_WORD.fullmatch(t) or t in _HI_STOP or _hi_country(t) or len(name) == 3:
                break
            bare = next((t[: -len(x)] for x in _NE_SUFFIXES if t.endswith(x) and len(t) - len(x) >= 2), None)
            if bare is not None:
                name.append(bare)
                break
            name.append(t)
        if name:
            out.append(Person(" ".join(name), country, m.start()))
        elif country:
            out.append(Person(None, country, m.start()))
    return out


def script_titled_people(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """People introduced by a title in Japanese, Korean, Arabic or Hindi (each read only when
    the text holds its script)."""
    head = text[:2000]
    out: list[Person] = []
    if _KANA.search(head):
        out += _japanese(text, skip)
    if re.search(r"[\uac00-\ud7a3]", head):
        out += _korean(text, skip)
    if re.search(r"[\u0621-\u064a]", head):
        out += _arabic(text, skip)
    if re.search(r"[\u0900-\u097f]", head):
        out += _hindi(text, skip)
    return out

"""Whether two surname keys written in different scripts or transliterations name one person.

Surname keys (:func:`surname_key`) are lower case, accents
folded and Cyrillic already transliterated, so "Зарубиным" and "Zarubin" meet.  What
spelling alone cannot join:

* transliteration systems: French "Zaroubine", German "Sarubin", Russian "Вэймин" for
  pinyin "Weiming".  A coarse consonant skeleton (vowels dropped; s/z/sh/zh/ch/c/x/j/q one
  class, k/g/c one, v/w/f one, b/p, d/t, l/r) is equal for such spellings;
* names in Chinese characters: read as pinyin (``pypinyin``), a Chinese name is surname
  first, so the Latin key (the last word, "Weiming") is the end of the pinyin of the
  whole name ("tangweiming"); a foreign name written in characters keeps its consonants
  roughly ("瓦雷讷" walei ne, "Varenne"), so the skeletons are compared too.

The skeleton ignores vowels, so two names that differ only in them ("Kask", "Kusk") meet:
the caller keeps people of different countries apart.  A foreign name written in
characters can be too far from its Latin spelling for either ("森泽英明" is Morisawa read
in Chinese); :func:`han_foreign` says when a key is such a
name, and the caller lets the country stand for the person then.

Keys in Japanese kana, Hangul, Arabic or Devanagari stay in their script too and are read
in Latin letters when compared (``anyascii``; Arabic long vowels and Devanagari nasals and
nukta letters first, so "ساتو" is "satu", "ज़" is "z").  Those scripts add vowels (Japanese
"makuron", Korean "keu") or leave them out (Arabic), and Korean has no v or f: such a key
meets a Latin one when the skeletons are equal with b/p/v/f as one class, or, for a short
name ("Sato", "Ken": two consonants identify nothing by skeleton), when the spellings are
equal but for the vowel pairs e/i and o/u, a long vowel and a final vowel
(:func:`script_same`).  A Korean name in Hangul is surname first, like a Chinese one.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def surname_key(name: str) -> str:
    """"Aino Virtanen" -> "virtanen" (last word, accents folded, lower case)."""
    words = name.split()
    last = words[-1] if words else name
    if _CYRILLIC_WORD.fullmatch(last):
        # Cyrillic: case ending off, then Latin letters, so "Путиным" and "Putin" meet.
        last = "".join(_TRANSLIT.get(ch, ch) for ch in fold_case(_fold_kazakh(last)).lower())
    folded = fold_latin(last).encode("ascii", "ignore").decode() or last
    return re.sub(r"[^a-z0-9а-яё]+", "", folded.lower()) or last.lower()


def fold_latin(text: str) -> str:
    """``text`` with its Latin letters' accents taken off (NFKD), and the Latin letters
    that have no accent to take off written in ASCII as anyascii writes them ("ł" l, "ø"
    o, "đ" d, "ß" ss, "ı" i, "æ" ae): "Zełenski", "Løkke", "Đurić" would otherwise lose a
    letter.  Other scripts are left as they are."""
    return unicodedata.normalize("NFKD", text.translate(_latin_letters()))


@lru_cache(maxsize=1)
def _latin_letters() -> dict[int, str]:
    """The Latin letters (Latin-1 to the IPA extensions, whose schwa Azerbaijani writes:
    "Məmmədov"; Latin Extended Additional) NFKD does not reduce to an ASCII letter, with
    their ASCII spelling."""
    from anyascii import anyascii

    table: dict[int, str] = {}
    for code in [*range(0xC0, 0x2B0), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        if not unicodedata.name(ch, "").startswith("LATIN") \
                or unicodedata.normalize("NFKD", ch).encode("ascii", "ignore"):
            continue
        if (spelled := anyascii(ch)) and spelled.isascii() and spelled.isalpha():
            table[code] = spelled
    return table


_CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яёІЇЄҐіїєґЎўЂђЋћЏџЈјЉљЊњЃѓЌќЅѕӘәҒғҚқҢңӨөҰұҮүҺһ\-]+")
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
                     strict=True))
# Ukrainian letters ("Селім", "Вєжбицький"); its "и" is the Russian "ы" but is read as "и" here,
# so a name written in both alphabets keeps one key.
_TRANSLIT.update({"і": "i", "ї": "yi", "є": "ye", "ґ": "g"})
# Belarusian "ў" (the Russian "в" of "-ов": "Сакалоў", "Сакаловым"), the Serbian and
# Macedonian letters as their Latin alphabets write them ("Јовановић" meets "Jovanović"),
# and the Kazakh ones by their nearest Russian sound ("Жақсылықов" meets "Zhaksylykov").
_TRANSLIT.update({"ў": "v", "ђ": "dj", "ћ": "c", "џ": "dz", "ј": "j", "љ": "lj", "њ": "nj",
                  "ѓ": "gj", "ќ": "kj", "ѕ": "dz", "ә": "a", "ғ": "g", "қ": "k", "ң": "n",
                  "ө": "o", "ұ": "u", "ү": "u", "һ": "h"})
_RU_ENDINGS = ("ыми", "ими", "ому", "ему", "ого", "его", "ой", "ей", "ом", "ем", "ым", "им", "ую",
               "ая", "а", "у", "е", "ы", "ю", "я")


# Kazakh case endings a name takes in a contact sentence ("Виртаненмен телефон арқылы
# сөйлесті", spoke by phone with Virtanen): the instrumental, and the genitive and dative
# written with letters Russian has not.  Russian, Ukrainian and Finnish surnames do not end
# so ("Виртанен" keeps its "-нен": the ablative is not among them).
_KAZAKH_ENDINGS = ("мен", "пен", "бен", "ның", "нің", "дың", "дің", "тың", "тің", "ға", "қа")
MIN_KAZAKH_STEM = 5


def _fold_kazakh(word: str) -> str:
    for end in _KAZAKH_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= MIN_KAZAKH_STEM:
            return word[: -len(end)]
    return word


def fold_case(word: str) -> str:
    """A Russian name word without its case ending ("Виртаненом" -> "Виртанен")."""
    if len(word) < 5:
        return word
    for end in _RU_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


_HAN = re.compile(r"[\u4e00-\u9fff]")
# Countries whose people write their names in Chinese characters as themselves.
_HAN_COUNTRIES = frozenset({"China", "Taiwan", "Singapore"})
# Hungarian "dzs" and the Russian-English "dzh" write the English "j", Hungarian "cs" its "ch".
_DIGRAPHS = (("dzs", "j"), ("dzh", "j"), ("shch", "s"), ("sch", "s"), ("zh", "s"), ("sh", "s"), ("ch", "s"),
             ("ts", "s"), ("tz", "s"), ("kh", ""), ("ph", "v"), ("th", "t"), ("ck", "k"), ("cs", "s"),
             ("ng", "n"), ("ou", "u"))
_CLASS = {"s": "s", "z": "s", "x": "s", "j": "s", "q": "s", "k": "k", "g": "k", "v": "v", "w": "v", "f": "v",
          "b": "p", "p": "p", "d": "t", "t": "t", "l": "r", "r": "r", "m": "m", "n": "n"}
# The shortest skeleton that identifies (two consonants match too many names).
MIN_SKELETON = 3


def is_han(key: str) -> bool:
    return _HAN.search(key) is not None


# Kana, Hangul, Arabic, Devanagari, Bengali and the other Indic scripts (Gurmukhi to
# Sinhala): read letter by letter (a kanji key is Han).
_SCRIPT = re.compile(r"[\u3040-\u30ff\u1100-\u11ff\uac00-\ud7a3\u0600-\u06ff\u0900-\u097f\u0980-\u09ff\u0a00-\u0dff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Arabic: long vowels as vowels (anyascii writes them w, y), short-vowel marks dropped;
# a word-initial waw / ya is a consonant.
_AR_VOWELS = str.maketrans({"ا": "a", "أ": "a", "إ": "a", "آ": "a", "ى": "a", "ة": "a", "و": "u", "ي": "i",
                            "ء": "", "ئ": "i", "ؤ": "u"})
_AR_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
# Devanagari: a nukta letter is another consonant ("ज़" z), a nasal sign is an n ("मैक्रों").
_DEVA = (("\u095b", "z"), ("ज\u093c", "z"), ("\u095e", "f"), ("फ\u093c", "f"), ("\u0958", "q"),
         ("क\u093c", "q"), ("\u0902", "n"), ("\u0901", "n"))


def is_script(key: str) -> bool:
    """A key in kana, Hangul, Arabic or an Indic script (not Chinese characters)."""
    return not is_han(key) and _SCRIPT.search(key) is not None


def _read_script(key: str) -> str:
    # Imported on first use, like pypinyin: only corpora with such names pay for it.
    from anyascii import anyascii

    if _HANGUL.search(key):
        # a syllable read "...eu" with no final consonant is a vowel Korean adds after a
        # foreign consonant ("프라두" peuladu, Prado)
        out = "".join(r[:-2] if len(r) > 2 and r.lower().endswith("eu") else r for r in map(anyascii, key))
    else:
        if re.search(r"[\u0600-\u06ff]", key):
            key = _AR_MARKS.sub("", key)
            key = re.sub(r"^[وي]", lambda m: "w" if m[0] == "و" else "y", key).translate(_AR_VOWELS)
        for a, b in _DEVA:
            key = key.replace(a, b)
        out = anyascii(key)
    return re.sub(r"[^a-z]", "", out.lower())


@lru_cache(maxsize=8192)
def latin(key: str) -> str:
    """A key in Latin letters: Chinese characters read as pinyin, kana, Hangul, Arabic and
    Devanagari transliterated, the rest as it is."""
    if is_script(key):
        return _read_script(key)
    if not is_han(key):
        return key
    # Imported on first use: its phrase dictionary takes ~45 MB of every
    # process (parent and each worker) for a corpus without a Chinese name.
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(key)).lower()


@lru_cache(maxsize=8192)
def skeleton(key: str) -> str:
    """The consonant classes of a key in order, repeats merged ("zaroubine" -> "srpn")."""
    word = latin(key)
    word = _SLAVIC_CK.sub(r"tsk\1", word)  # Polish/Czech "-cki", "-cka" are "-tski", "-tska"
    word = re.sub(r"c(?=[eiy])", "s", word)
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    out: list[str] = []
    for ch in word.replace("c", "k"):
        cls = _CLASS.get(ch)
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


_SLAVIC_CK = re.compile(r"ck([iay])$")
# The shortest skeleton :func:`near_name` compares (shorter ones are too alike).
NEAR_SKELETON = 4


@lru_cache(maxsize=65536)
def near_name(a: str, b: str) -> bool:
    """Two Latin-script keys whose skeletons are equal but for the "r" class: the Polish
    "rz" is one sound that other alphabets write without an r ("wierzbicki" and
    "vyezhbitskiy", its Ukrainian spelling read back).  Weaker than :func:`same_name`; the
    caller uses it only for people of one country."""
    if is_han(a) or is_han(b):
        return False
    sa, sb = skeleton(a).replace("r", ""), skeleton(b).replace("r", "")
    return sa == sb and len(sa) >= NEAR_SKELETON


def han_foreign(key: str, country: str | None) -> bool:
    """A foreign person's name written in Chinese characters (its reading in pinyin need
    not resemble the name)."""
    return country is not None and country not in _HAN_COUNTRIES and is_han(key)


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Two keys that spell one name in different scripts or transliterations."""
    if a == b:
        return True
    other = _OTHER_SCRIPT.search(a) or _OTHER_SCRIPT.search(b)
    if is_script(a) or is_script(b):
        # a Persian and a Hebrew spelling ("فراهانی", "פרהאני"): each read in Latin letters
        return script_same(a, b) or (other is not None and same_word(a, b))
    if other:
        return same_word(a, b)  # Greek, Hebrew, Thai: read as :func:`readings` reads them
    han_a, han_b = is_han(a), is_han(b)
    if han_a and han_b:
        return False  # both in characters: equal or not the same
    la, lb = latin(a), latin(b)
    if han_a or han_b:
        full, part = (la, lb) if han_a else (lb, la)
        if len(part) >= 4 and full.endswith(part):
            return True  # "tangweiming" ends with "weiming"
    sa, sb = skeleton(a), skeleton(b)
    if min(len(sa), len(sb)) < MIN_SKELETON:
        return False
    if sa == sb:
        return True
    if not (han_a or han_b) and ("j" in a or "j" in b):
        # "j" is the "y" glide in German, Slavic, Hungarian and Nordic spellings
        # ("Selenskyj", "Zelenszkij" for Zelensky; "Jaroslav" for Yaroslav), a "dzh"
        # sound in English ones: either reading may be meant
        ga, gb = skeleton(a.replace("j", "y")), skeleton(b.replace("j", "y"))
        if any(x == y and len(x) >= NEAR_SKELETON for x, y in ((ga, sb), (sa, gb), (ga, gb))):
            return True
    if han_a or han_b:
        full_s, part_s = (sa, sb) if han_a else (sb, sa)
        return full_s.endswith(part_s)  # surname first: "tnvmn" ends with "vmn"
    return False


def _loose(word: str) -> str:
    """A spelling without what the scripts of :func:`script_same` change: a long vowel
    ("satou"), e/i and o/u, an h after a consonant, doubled letters, a final vowel."""
    word = word.replace("ou", "o").translate(_LOOSE_VOWELS)
    word = re.sub(r"(?<=[^aeiouy])h", "", word)
    word = re.sub(r"(.)\1+", r"\1", word)
    return word.rstrip("aiuy") or word


_LOOSE_VOWELS = str.maketrans("eo", "iu")


def _labial(skel: str) -> str:
    """A skeleton with b/p and v/f/w one class (Korean and Arabic lack one of them)."""
    return re.sub(r"(.)\1+", r"\1", skel.replace("v", "p"))


@lru_cache(maxsize=65536)
def script_same(a: str, b: str) -> bool:
    """Two keys, one at least in kana, Hangul, Arabic or Devanagari, that spell one name."""
    la, lb = latin(a), latin(b)
    if not la or not lb:
        return False
    if _loose(la) == _loose(lb) and len(_loose(la)) >= 2:
        return True  # "satou", "satu", "sato"
    # a Korean name in Hangul is surname first: "윤석열" yunseogyeol ends with "yeol"
    for full, part in ((a, lb), (b, la)):
        if _HANGUL.search(full) and len(full) >= 3 and len(part) >= 4 and latin(full).endswith(part):
            return True
    sa, sb = _labial(skeleton(a)), _labial(skeleton(b))
    if sa == sb and min(len(sa), len(sb)) >= MIN_SKELETON:
        return True
    if _ARABIC.search(a) or _ARABIC.search(b):
        # Arabic script writes a w or y glide as the vowel letter it also writes u and i with
        # ("مواکیوسا" Mwakyusa): compared as :func:`same_word` compares an abjad word
        wa, wb = weak_skeleton(la), weak_skeleton(lb)
        return wa == wb and len(wa) >= MIN_SKELETON
    return False


# --------------------------------------------------------------------------- any word read in Latin

# Greek: the letter pairs a transliteration writes for one Latin letter ("ου" u, "αυ" av),
# and "μπ", "ντ", "γκ", which write b, d, g at the start of a word and b, d, g or mb, nd,
# ng inside one ("Κένεντι" Kennedy, "Λουντ" Lund, "Σένγκτονγκ" Sengtong): a foreign name
# written in Greek reads as its Latin form in one of the two readings.
_GREEK_PAIRS = (("ου", "u"), ("αυ", "av"), ("ευ", "ev"), ("τζ", "tz"), ("τσ", "ts"), ("νγκ", "ng"))
_GREEK_STOPS = (("γκ", "g", "ng"), ("γγ", "ng", "ng"), ("μπ", "b", "mb"), ("ντ", "d", "nd"))
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_HEBREW = re.compile(r"[\u0590-\u05ff]")
# Scripts a surname key keeps that :func:`latin` does not read (Greek, Hebrew, Thai, Lao,
# Georgian).
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff\u0590-\u05ff\u0e00-\u0eff\u10a0-\u10ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
# Thai, Lao: a consonant under the silencing mark (Thai U+0E4C, Lao U+0ECC) is not read.
_SILENT = re.compile(r".[\u0e4c\u0ecc]")


@lru_cache(maxsize=65536)
def readings(word: str) -> tuple[str, ...]:
    """A name word in Latin letters, lower case, letters only, from any script: Cyrillic,
    Greek (its letter pairs as single sounds; a second reading with "mb", "nd", "ng" inside
    the word), Hebrew and Arabic script (letters as written, the vowels a script leaves out
    stay out), Thai (silent letters dropped), kana, Hangul, Devanagari (:func:`latin`);
    Latin as it is, accents folded."""
    from anyascii import anyascii

    low = word.lower()
    if _GREEK.search(low):
        low = unicodedata.normalize("NFD", low)
        low = "".join(ch for ch in low if not unicodedata.combining(ch))
        for a, b in _GREEK_PAIRS:
            low = low.replace(a, b)
        out = []
        for medial in (1, 2):
            read = low
            for pair in _GREEK_STOPS:
                a = pair[0]
                read = (pair[1] + read[len(a):].replace(a, pair[medial])) if read.startswith(a) \
                    else read.replace(a, pair[medial])
            out.append(re.sub(r"[^a-z]", "", anyascii(read).lower()))
        return tuple(dict.fromkeys(out))
    if is_script(low):
        return (latin(low),)
    if _HEBREW.search(low):
        return tuple(dict.fromkeys(re.sub(r"[^a-z]", "", anyascii(r).lower()) for r in _hebrew_spellings(low)))
    return (re.sub(r"[^a-z]", "", anyascii(_SILENT.sub("", low)).lower()),)


# Hebrew writes a foreign j, zh and ch with a geresh after gimel, zayin and tsadi ("ג'ינפינג"
# Jinping).  Four letters have two sounds the script does not tell apart: pe p or f (a
# foreign name keeps the non-final letter at its end: "טראמפ" Trump, "פיליפ" Philippe), bet
# b or v, kaf k or kh ("כהן" Cohen), tsadi ts or the ts of a Latin z ("מרץ" Merz).
_HE_GERESH = (("ג'", "j"), ("ג׳", "j"), ("ז'", "zh"), ("ז׳", "zh"), ("צ'", "ch"), ("צ׳", "ch"), ("ץ'", "ch"),
              ("ץ׳", "ch"))
_HE_TWO_SOUNDS = {"פ": ("p", "f"), "ב": ("b", "v"), "כ": ("k", "kh"), "צ": ("ts", "z"), "ץ": ("ts", "z")}
# The most readings of one word (2 ** 4): a word with more such letters is read twice,
# every one of them in its first sound, then every one in its second.
MAX_HEBREW_READINGS = 16


def _hebrew_spellings(word: str) -> list[str]:
    """A Hebrew word with its foreign sounds spelt out, in every reading of its letters of
    two sounds (:data:`_HE_TWO_SOUNDS`)."""
    for a, b in _HE_GERESH:
        word = word.replace(a, b)
    # he is a vowel letter or an h, which a weak skeleton drops; spelt, it would make a
    # digraph with the letter before ("כהן" k-h-n read as "kh" n)
    word = word.replace("ה", "")
    slots = [i for i, ch in enumerate(word) if ch in _HE_TWO_SOUNDS]
    if 2 ** len(slots) > MAX_HEBREW_READINGS:
        return ["".join(_HE_TWO_SOUNDS[ch][k] if ch in _HE_TWO_SOUNDS else ch for ch in word) for k in (0, 1)]
    out = []
    for choice in itertools.product((0, 1), repeat=len(slots)):
        letters = list(word)
        for i, k in zip(slots, choice, strict=True):
            letters[i] = _HE_TWO_SOUNDS[word[i]][k]
        out.append("".join(letters))
    return out


def read_word(word: str) -> str:
    """The first of :func:`readings`."""
    return readings(word)[0]


def is_abjad(word: str) -> bool:
    """Written in Hebrew or Arabic script (short vowels are not written)."""
    return _HEBREW.search(word) is not None or _ARABIC.search(word) is not None


def is_latin(word: str) -> bool:
    """Written in Latin letters (accented or not)."""
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in word if ch.isalpha())


_WEAK = str.maketrans({"b": "p", "q": "k", "f": None, "v": None, "w": None, "y": None, "h": None})


def weak_skeleton(reading: str) -> str:
    """The consonants of a reading that Hebrew and Arabic script write alike: w, y and h
    dropped (they write vowels with them or not: "ו" is v, o or u), f and v too (Arabic
    writes v as f, Hebrew as "ו" or "ב"), b and p one class, q a k ("ק", "ق"): "Farahani"
    and "frhny" are both "rn"."""
    word = reading.replace("x", "ks")
    for a, b in _DIGRAPHS:
        if a not in ("ts", "tz"):  # "تس" is t and s, as "ts" in a Latin name
            word = word.replace(a, b)
    word = word.translate(_WEAK).replace("c", "k")
    out: list[str] = []
    for ch in word:
        cls = _CLASS.get(ch)
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


# A case or possessive ending a language adds to a name ("Saengthongem", "Vinhs", the
# Greek genitive "Μαυρογένη" of "Μαυρογένης"): at most this many letters differ at the end.
NAME_ENDING = 3


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Two name words (any scripts) that write one name, allowing a short case ending:
    equal readings; readings equal but for an ending of up to NAME_ENDING letters (four
    letters shared); across scripts, equal consonant skeletons (b/p/v/f one class) up to one
    class at the end, or for Hebrew and Arabic script equal :func:`weak_skeleton`."""
    latin_pair = is_latin(a) and is_latin(b)
    abjad = is_abjad(a) or is_abjad(b)
    return any(_same_reading(ra, rb, latin_pair, abjad) for ra in readings(a) for rb in readings(b))


def _same_reading(ra: str, rb: str, latin_pair: bool, abjad: bool) -> bool:
    if not ra or not rb:
        return False
    if ra == rb:
        return True
    if _common_prefix(ra, rb) >= max(4, max(len(ra), len(rb)) - NAME_ENDING):
        return True
    if latin_pair:
        return False  # one alphabet: the spelling must agree but for the ending
    if ra.replace("y", "i") == rb.replace("y", "i"):
        return True  # "Айно" is read "ayno"
    if abjad:
        wa, wb = weak_skeleton(ra), weak_skeleton(rb)
        return bool(wa) and wa == wb
    sa, sb = _labial(skeleton(ra.replace("x", "ks"))), _labial(skeleton(rb.replace("x", "ks")))
    short, long = sorted((sa, sb), key=len)
    return len(short) >= 2 and long.startswith(short) and len(long) - len(short) <= 1

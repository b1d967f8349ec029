"""Cue words: the verbs and nouns that say what a sentence reports (a call, a meeting,
a statement, a report of one, something else), in the languages the table knows.

:func:`find_cues` finds them in a lower-cased text (matched as one alternation would
match them: leftmost, longest, never overlapping); :func:`kind_of` names the kind of
event a sentence's cues describe.  :mod:`compare.events.dates` ties date phrases to
the contact words near them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from attrs import frozen

from compare.core.models import EventKind
from compare.events.datephrases import MAX_SCAN_CHARS, Mention, WordScan

# Cue words, searched in the lower-cased text; word boundaries are checked in Python
# (patterns that start with a literal let the regex engine skip ahead quickly).
CUE_WORDS: tuple[tuple[str, str], ...] = (
    ("call", r"telephone|phoned|phone|phoning|calls|called|call|conversations|conversation|spoke|talked|"
             r"разговор|телефон|созвонил|téléphonique|téléphoné|entretenu|entretien|entretenus|telefonat|"
             r"telefonierte|telefonierten|telefoniert|telefongespräch|gespräch|conversación|telefónica|"
             r"llamada|通电话|通话"),
    ("meeting", r"meeting|meets|meet|met|summit|talks|visited|visit|received|hosted|встрет|встреч|переговор|rencontré|"
                r"rencontre|réunion|sommet|treffen|traf|trafen|getroffen|gipfel|reunido|reunión|reunió|"
                r"cumbre|会谈|会晤|会见|峰会"),
    ("strong_statement", r"announced|declared|interview|conference|briefing|remarks|заявил"),
    ("statement", r"said|says|told|stated|statement|сообщил|déclaré|sagte|erklärte|表示"),
    # Verbs of reporting: a date beside them dates the report, not the contact.
    ("report", r"confirmed|confirms|reported|reports|revealed|quoted|подтвердил"),
    ("generic", r"held|discussed|discuss|exchanged|agreed|обсудил|"
                # "agreed", "discussed" in more languages (as the English words: beside a
                # date they tie it to what the leaders did)
                r"договорил|домовил|обговори|acordaram|concordaram|discutiram|concordato|"
                r"discusso|discussero|anlaştı|uzgodni|omówi|sepakat|membahas|सहमति|चर्चा"),
    ("other", r"launched|launches|launch|signed|signing|anniversary|parade|withdrawal|withdrawn|"
              r"withdraws|withdraw|expires|expired|expire|expiry|elections|election|born|died|"
              r"strikes|strike|attacks|attack|votes|vote|founded|fired|since|until|deadline|scheduled"),
    # The contact words of more languages (general vocabulary: "telephone", "talk",
    # "meet", "summit"), so that a date phrase beside them dates the event as in the
    # languages above.  Their stems (in STEMS) take any ending: Turkish, Hungarian, Finnish,
    # Polish, Czech inflect them.
    ("call", r"telefonata|telefonico|telefonica|telefonicamente|colloquio|conversazione|"  # it
             r"telefonema|telefonou|telefônica|telefônico|conversou|conversaram|ligação|"  # pt
             r"telefon|telepon|pembicaraan|berbicara|"  # tr, hu, id
             r"telefonisch|telefoongesprek|gesprek|sprak|spraken|belde|"  # nl
             r"telefonsamtal|samtal|samtale|talade|talte|ringde|"  # sv, da, no
             r"telefoniczn|rozmawia|rozmow|telefonoval|telefonát|telefonicky|hovořil|rozhovor|"  # pl, cs
             r"convorbire|telefonic|telefonică|telefonski|razgovara|razgovor|"  # ro, hr
             r"beszél|puhel|keskustel|розмов|điện đàm|cuộc gọi|điện thoại|"  # hu, fi, uk, vi
             r"통화|전화|電話|اتصال|هاتف|مكالمة|محادثة|"  # ko, ja, ar
             r"फोन|फ़ोन|टेलीफोन|बातचीत|تلفنی|گفتگو|ٹیلی فون|טלפון|שיחה|τηλεφωνικ|συνομιλ|"  # hi, fa, ur, he, el
             r"โทรศัพท์|ফোন|ফোনে"),  # th, bn
    ("meeting", r"incontro|incontrato|vertice|colloqui|reunião|encontro|reuniu|cúpula|"  # it, pt
                r"görüş|bertemu|pertemuan|kunjungan|"  # tr, id
                r"ontmoeting|ontmoette|ontmoetten|bezoek|bezocht|möte|mötte|träffade|toppmöte|møde|"
                r"mødtes|møtte|spotka|szczyt|setkal|setkání|schůzk|întâlni|sastan|"  # nl, nordic, pl, cs, ro, hr
                r"találkoz|csúcs|tapasi|tapaa|huippukokou|зустр|hội đàm|hội kiến|gặp|thượng đỉnh|"
                r"회담|회동|만났|정상회의|会談|会合|لقاء|التقى|اجتماع|قمة|"
                r"मुलाकात|मुलाक़ात|बैठक|वार्ता|शिखर सम्मेलन|دیدار|ملاقات|נפגש|פגישה|συνάντηση|"  # hi, fa/ur, he, el
                r"συναντήθηκ|พบปะ|หารือ|বৈঠক"),  # el, th, bn
    # More of the same general vocabulary ("call", "video call", "talks", "visit", "summit",
    # "agreed") for Czech, Hebrew, Persian, Romanian, Swedish, Greek, Swahili, Vietnamese,
    # Dutch, Thai and Arabic; Hebrew and Persian nouns also in the construct / ezafe form
    # ("שיחת" of "שיחה"), which is not a substring of the plain one.
    ("call", r"telefonick|videohovor|hovoru|"  # cs
             r"שיחת|שוחח|"  # he
             r"تماس|گفت‌وگو|مکالمه|"  # fa
             r"convorbir|"  # ro
             r"videosamtal|"  # sv
             r"επικοινων|τηλεδιάσκεψ|"  # el
             r"mazungumzo|simu|"  # sw
             r"videogesprek|videoverbinding|"  # nl
             r"สนทนา|"  # th
             r"محادثات|مباحثات"),  # ar
    ("meeting", r"jednání|jednal|návštěv|setkání|summit|"  # cs (and ro, the loanword)
                r"פגישת|ביקור|ביקר|פסגת|פסגה|"  # he
                r"نشست|اجلاس|"  # fa
                r"discuții|negocier|vizit|"  # ro
                r"besök|överläggning|"  # sv
                r"συνάντησ|σύνοδ|επίσκεψ|"  # el
                r"mkutano|ziara|kikao|"  # sw
                r"chuyến thăm|"  # vi
                r"bijeenkomst|overleg|ontving|topontmoeting|"  # nl
                r"ประชุม|เยือน|"  # th
                r"زيارة"),  # ar
    ("generic", r"dohodl|shodl|"  # cs
                r"הסכימו|סיכמו|"  # he
                r"توافق|"  # fa
                r"convenit|discutat|"  # ro
                r"överens|enades|"  # sv
                r"συμφώνησ|"  # el
                r"nhất trí|thống nhất|thảo luận|"  # vi
                r"overeen|bespraken|besproken|"  # nl
                r"เห็นพ้อง|เห็นชอบ|"  # th
                r"اتفق"),  # ar
    # The same vocabulary ("phone", "talked", "received", "met") in the forms news leads use,
    # for Spanish, German, French, Portuguese, Dutch, Turkish, Croatian, Serbian, Bulgarian,
    # Slovak, Bengali, Swahili (Swahili verbs carry their subject and tense before the stem),
    # Georgian and Urdu.
    ("call", r"teléfono|telefónicamente|conversó|conversaron|habló|hablaron|"  # es
             r"разговар|"  # sr, bg, ru ("разговарао", "разговаря")
             r"টেলিফোন|"  # bn
             r"alizungumza|walizungumza|amezungumza|wamezungumza|"  # sw
             r"ტელეფონ|საუბ|ესაუბრ|"  # ka (stems: "ტელეფონით", "საუბარი", "ესაუბრა")
             r"ٹیلیفون|ٹیلیفونک|بات چیت|رابطہ"),  # ur
    ("meeting", r"empfangen|empfing|empfängt|"  # de
                r"reçu|reçue|reçoit|"  # fr
                r"recebeu|receberam|"  # pt
                r"ontvangen|"  # nl
                r"bir araya|"  # tr
                r"sastao|sastala|sastali|састао|састала|састали|срещ|"  # hr, sr, bg
                r"stretol|stretla|stretli|fogadt|"  # sk, hu ("fogadta": received)
                r"alikutana|walikutana|amekutana|wamekutana|"  # sw
                r"შეხვდ|შეხვედრ|ვიზიტ|სამიტ|მოლაპარაკებ"),  # ka (stems: "შეხვდა", "შეხვედრა")
    # The same vocabulary for the languages the n-gram model names beside the table
    # (compare/ingest/language.py): Catalan, Slovenian, Lithuanian, Latvian, Estonian,
    # Azerbaijani, Uzbek, Albanian, Tagalog, Kazakh, Macedonian, Belarusian, Armenian,
    # Tamil, Nepali, Marathi, Mongolian, Icelandic ("telefon" and "телефон", stems above,
    # already cover several of them).
    ("call", r"telèfon|telefònic|telefònica|telefònicament|conversa|conversació|"  # ca
             r"pogovor|pogovarjal|"  # sl
             r"pokalb|kalbėjosi|"  # lt
             r"tālruņ|telefonsarun|saruna|sarunā|sarunas|sarunu|"  # lv ("sarun-" would read "sarung")
             r"vestlu|rääkis|"  # et
             r"danışıb|danışıq|danışıqlar|danışıqları|danışdı|söhbət|"  # az ("danış-": Turkish "danışman")
             r"suhbat|gaplash|"  # uz
             r"bised|"  # sq
             r"nakipag-usap|pag-uusap|"  # tl
             r"сөйлес|әңгіме|"  # kk
             r"тэлефон|размов|размаўля|"  # be
             r"հեռախոս|զրույց|"  # hy
             r"தொலைபேசி|பேசின|உரையாட|"  # ta
             r"टेलिफोन|फोनमा|कुराकानी|दूरध्वनी|"  # ne, mr
             r"утсаар|ярилц|"  # mn
             r"síma|símtal|ræddi"),  # is
    ("meeting", r"reunió|reunir|trobada|cimera|"  # ca
                r"sestal|sestanek|sestank|srečanj|obisk|"  # sl
                r"susitik|viršūnių|"  # lt
                r"tikās|tikšanās|vizīt|samit|"  # lv
                r"kohtus|kohtusid|kohtumine|kohtumisel|kohtumise|visiit|tippkohtumi|"  # et (Finnish "kohtuu")
                r"səfər|zirvə|"  # az
                r"uchrash|tashrif|"  # uz
                r"takoi|takim|takuan|"  # sq
                r"nakipagpulong|pagpupulong|nagkita|pagbisita|bumisita|"  # tl
                r"кездес|сапар|келіссөз|"  # kk
                r"средба|сретна|посета|"  # mk
                r"сустрэ|візіт|перамов|"  # be
                r"հանդիպ|այց|գագաթնաժողով|"  # hy
                r"சந்தித்|சந்திப்|உச்சி மாநாடு|"  # ta
                r"भेटवार्ता|भेट|"  # ne, mr
                r"уулз|айлчл|"  # mn
                r"fundaði|fundi|fundur|fundinum|hitti|heimsókn"),  # is ("fund" would read "funding")
    ("generic", r"acordar|abordar|"  # ca
                r"dogovorila|dogovorili|"  # sl
                r"susitarė|aptarė|"  # lt
                r"vienojās|pārrunāja|"  # lv
                r"leppisid|arutasid|"  # et
                r"razılaşd|müzakirə|"  # az
                r"kelishib|muhokama|"  # uz
                r"diskutuan|dakord|"  # sq
                r"nagkasundo|tinalakay|"  # tl
                r"уағдаласт|талқыла|"  # kk
                r"договорија|"  # mk
                r"дамовіл|абмеркава|"  # be
                r"պայմանավորվ|քննարկ|"  # hy
                r"ஒப்புக்கொண்ட|விவாதித்"),  # ta
)
CUE_CLASS: dict[str, str] = {w: name for name, words in reversed(CUE_WORDS) for w in words.split("|")}
# Stems (Russian, and the inflecting languages of CUE_WORDS) may be followed by more
# letters; English words must end there.
CALLED_NOT_CALL = re.compile(r" (?:for|on|upon|off|out|in|it|this|that|them|back)\b")
STEMS = frozenset({"разговор", "телефон", "созвонил", "встрет", "встреч", "переговор", "заявил",
                   "сообщил", "обсудил", "подтвердил",
                   # the contact words of the inflecting languages of CUE_WORDS
                   "telefon", "telepon", "görüş", "telefoniczn", "rozmawia", "rozmow", "razgovara",
                   "razgovor", "beszél", "puhel", "keskustel", "розмов", "spotka", "setkal", "schůzk",
                   "întâlni", "sastan", "találkoz", "csúcs", "tapaa", "huippukokou", "зустр", "telefonic",
                   "möte", "møde", "szczyt", "τηλεφωνικ", "συνομιλ", "συναντήθηκ", "договорил", "домовил",
                   "обговори", "uzgodni", "omówi",
                   # the inflecting languages of the block above ("summitu", "besöket",
                   # "συνάντησης", "gesprekken", "samtalen", "dohodli", "vizitei")
                   "telefonick", "hovoru", "convorbir", "επικοινων", "τηλεδιάσκεψ", "jednal", "návštěv",
                   "summit", "negocier", "vizit", "besök", "överläggning", "συνάντησ", "σύνοδ", "επίσκεψ",
                   "dohodl", "shodl", "συμφώνησ", "gesprek", "samtal", "разговар", "срещ", "টেলিফোন", "fogadt",
                   # Georgian inflects them too ("ტელეფონით", "შეხვედრაზე")
                   "ტელეფონ", "საუბ", "ესაუბრ", "შეხვდ", "შეხვედრ", "ვიზიტ", "სამიტ", "მოლაპარაკებ",
                   # and the block for the languages the n-gram model names ("pokalbį",
                   # "tikšanās", "kohtumisel", "danışıqlar", "кездесуі", "հեռախոսազրույց")
                   "telèfon", "conversa", "pogovor", "pogovarjal", "sestal", "sestanek", "sestank",
                   "srečanj", "obisk", "pokalb", "susitik", "tālruņ", "telefonsarun", "vizīt",
                   "samit", "vestlu",
                   "visiit", "tippkohtumi", "söhbət", "səfər", "zirvə", "razılaşd", "müzakirə",
                   "suhbat", "gaplash", "uchrash", "tashrif", "bised", "takim", "сөйлес", "әңгіме",
                   "кездес", "сапар", "келіссөз", "уағдаласт", "талқыла", "средба", "сретна", "посета",
                   "тэлефон", "размов", "размаўля", "сустрэ", "візіт", "перамов", "дамовіл", "абмеркава",
                   "հեռախոս", "զրույց", "հանդիպ", "այց", "գագաթնաժողով", "պայմանավորվ", "քննարկ",
                   "தொலைபேசி", "பேசின", "உரையாட", "சந்தித்", "சந்திப்", "ஒப்புக்கொண்ட", "விவாதித்",
                   "टेलिफोन", "कुराकानी", "दूरध्वनी", "भेट", "утсаар", "ярилц", "уулз", "айлчл", "símtal",
                   "heimsókn"})
CONTACT = frozenset({"call", "meeting"})


def _unbounded(word: str) -> bool:
    """Words of scripts written without spaces (Han, kana, Thai) or with prefixes and suffixes
    joined to the word (Hangul particles, Arabic "wa-", "bi-", "al-", Hebrew "ve-", "ha-")
    are found anywhere."""
    return any("\u4e00" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff" or "\uac00" <= ch <= "\ud7af"
               or "\u0600" <= ch <= "\u06ff" or "\u0590" <= ch <= "\u05ff" or "\u0e00" <= ch <= "\u0e7f"
               for ch in word)


UNBOUNDED_CUES = frozenset(w for w in CUE_CLASS if _unbounded(w))


@frozen
class Cue:
    start: int
    end: int
    name: str


def find_cues(low: str, start: int = 0, end: int = MAX_SCAN_CHARS) -> list[Cue]:
    """Event / other-event cue words in ``low[start:end]`` (lower-cased text), in order.

    The words are matched as one alternation would match them (leftmost, longest at a
    position, never overlapping), from the text's cue occurrences found once per text."""
    out = []
    n = len(low)
    end = min(end, MAX_SCAN_CHARS)
    starts, occurrences = _cue_occurrences(low)
    last_end = start
    for i in range(bisect.bisect_left(starts, start), len(starts)):
        a, b, word = occurrences[i]
        if a >= end:
            break
        if a < last_end or b > end:
            continue
        last_end = b
        if word in UNBOUNDED_CUES:
            out.append(Cue(a, b, CUE_CLASS[word]))  # no spaces between Chinese words
            continue
        if a and low[a - 1].isalnum():
            continue
        if b < n and low[b].isalnum() and word not in STEMS:
            continue
        if word == "called" and (low[a - 1:a] == "-" or CALLED_NOT_CALL.match(low, b)):
            continue  # "called for restraint", "so-called", "called it"
        out.append(Cue(a, b, CUE_CLASS[word]))
    return out


CUE_SCAN = WordScan(sorted(CUE_CLASS))
_CUE_MEMO: list[tuple[str, list[int], list[tuple[int, int, str]]]] = []


def _cue_occurrences(low: str) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Every occurrence (start, end, word) of a cue word in ``low`` (overlapping ones too),
    by start and longest first; the answers for the last two texts are kept."""
    for text, starts, occurrences in _CUE_MEMO:
        if text is low:
            return starts, occurrences
    found = []
    for word in CUE_SCAN.present(low):
        pos = low.find(word, 0, MAX_SCAN_CHARS)
        while pos >= 0:
            found.append((pos, -len(word), word))
            pos = low.find(word, pos + 1, MAX_SCAN_CHARS)
    found.sort()
    occurrences = [(a, a - neg, word) for a, neg, word in found]
    starts = [a for a, _, _ in occurrences]
    _CUE_MEMO[:] = [(low, starts, occurrences), *_CUE_MEMO[:1]]
    return starts, occurrences


def nearest_cue(cues: Sequence[Cue], m: Mention) -> tuple[str | None, int]:
    """The class of the cue nearest to ``m`` (outside it) and its distance."""
    best: tuple[int, str] | None = None
    for c in cues:
        if m.start <= c.start < m.end:
            continue
        gap = m.start - c.end if c.end <= m.start else c.start - m.end
        if best is None or gap < best[0]:
            best = (gap, c.name)
    return (best[1], best[0]) if best else (None, 10**6)


def kind_of(cues: Sequence[Cue]) -> EventKind | None:
    """Call > meeting > statement.  "said" alone is attribution ("the Kremlin said"),
    not a statement event; "said during a conference", "announced" are."""
    names = {c.name for c in cues}
    if "call" in names:
        return "call"
    if "meeting" in names:
        return "meeting"
    if "strong_statement" in names:
        return "statement"
    return None



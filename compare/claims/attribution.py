"""Attribution frames: who a claim is credited to, kept apart from its content.

News copy wraps facts in frames: "..., the Kremlin said.", "According to the
Kremlin's account, ...", "\"...,\" the Kremlin underscored", "..., informs the
press-service of Kremlin ." (machine-translated), "..., according to people
familiar with the call".  This module finds such frames at the start or the end
of a piece of text (or between two clauses) and normalises the source to a short
name and a kind, so that ``the Kremlin's account`` and ``the Kremlin said``
compare equal and a change from an official source to anonymous sources shows.

The patterns here are the tool's own (fixed, bounded, no nested quantifiers);
user patterns never go through :mod:`re`.
"""

from __future__ import annotations

import re
from typing import Protocol

from attrs import frozen

from compare.core.models import Claim

# Verbs that report speech.  Longer alternatives first.
_VERBS = (
    r"told\s+(?:reporters|journalists|the\s+press|a\s+(?:news|press)\s+conference|\w+\s+(?:news|television|radio))"
    r"|pointed\s+out|went\s+on|said|says|say|stated|states|noted|notes|added|adds|stressed|stresses|underscored"
    r"|underscores|underlined|underlines|emphasi[sz]ed|emphasi[sz]es|reported|reports|announced|announces"
    r"|confirmed|confirms|wrote|writes|explained|explains|recalled|recalls|informed|informs|specified"
    r"|specifies|continued|insisted|claimed|claims|observed|remarked|quoted|cited|highlighted|asserted"
    r"|declared|conceded|acknowledged|tweeted"
    r"|заявил[аи]?|сообщил[аи]?|отметил[аи]?|подчеркнул[аи]?|сказал[аи]?|добавил[аи]?|сообщает|заявляет|пишет"
)
# Verbs that can start a frame without "that" ("The Kremlin said the call ...").
_LEAD_VERBS = r"said|says|say|stated|states|reported|reports|added|told\s+(?:reporters|journalists|the\s+press)"
_SRC = r"[\w’'.+&-]+(?:\s+[\w’'.+&-]+){0,7}?"
_PREP = (r"according\s+to|citing|as\s+reported\s+by|as\s+stated\s+by|by\s+(?:the\s+)?data\s+of|in\s+the\s+words\s+of"
         r"|as\s+quoted\s+by|quoting|per")
_ADJUNCT = (r"(?:\s+(?:on|in|at|to|during|late|earlier|later|after|via|from|over|shortly|without|for|citing|quoting"
            r"|late|today|yesterday|this)\b[^,;]{0,60})?")
_NOT_SUBJ = re.compile(r"^(?:and|but|or|which|who|whom|that|while|as|when|if|because|it|there)\b", re.I)

_TRAIL_PREP = re.compile(rf"^(?i:{_PREP})\s+(?P<src>{_SRC})$")
_TRAIL_SV = re.compile(rf"^(?P<src>{_SRC})\s+(?P<verb>{_VERBS}){_ADJUNCT}$")
_TRAIL_VS = re.compile(rf"^(?P<verb>{_VERBS})\s+(?P<src>{_SRC})$")
_TRAIL_PASSIVE = re.compile(
    r"^(?:it\s+)?(?:is|was|has\s+been|were|are)\s+(?:said|stated|reported|noted|specified|emphasi[sz]ed|stressed)"
    rf"\s+(?:in|by)\s+(?P<src>{_SRC})$")
_LEAD_PREP = re.compile(rf"^(?i:{_PREP})\s+(?P<src>{_SRC})\s*,\s+")
_LEAD_THAT = re.compile(rf"^(?P<src>{_SRC})\s+(?P<verb>{_VERBS}){_ADJUNCT}(?:\s+that\b\s*|\s*:\s*)")
_LEAD_AS = re.compile(
    r"^(?i:as)\s+(?:(?:it\s+)?(?:was|is|has\s+been)\s+(?:stressed|noted|said|reported|stated|underlined|emphasi[sz]ed)"
    rf"\s+(?:in|by|at)\s+(?P<src>{_SRC})|(?P<src2>{_SRC})\s+(?:{_VERBS}))\s*,\s+")
_LEAD_PLAIN = re.compile(rf"^(?P<src>{_SRC})\s+(?P<verb>{_LEAD_VERBS})(?:\s*,)?\s+")
_LEAD_IMPERSONAL = re.compile(
    r"^it\s+(?:was|is|has\s+been)\s+(?:stated|noted|said|reported|stressed|emphasi[sz]ed|underlined|pointed\s+out)"
    r"(?:\s+that\b)?\s*", re.I)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|possibly|perhaps|unconfirmed"
    r"|(?:may|might|could)\s+have|(?:is|are|was|were)\s+(?:said|believed|thought|understood)\s+to)\b", re.I)
_REPORTEDLY = re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly)\b", re.I)
MAX_SOURCE_WORDS = 8


@frozen
class Frame:
    """A frame found in a piece of text: ``start:end`` (local offsets) is the frame
    itself; ``source`` its raw source words (None for "it was stated that")."""

    start: int
    end: int
    source: str | None
    text: str


@frozen
class Source:
    name: str | None
    kind: str | None


def _ok_source(src: str) -> bool:
    words = src.split()
    if not words or len(words) > MAX_SOURCE_WORDS or _NOT_SUBJ.match(src):
        return False
    return not any(w.lower() in {"and", "but", "which", "who"} for w in words[1:]) or "familiar" in src.lower()


def trailing_frame(text: str) -> Frame | None:
    """A frame that ends ``text`` after a comma or dash: "..., the Kremlin said in a statement"."""
    for m in re.finditer(r"(?:,[\"”’»]*|\s[-–—]+)\s*", text):
        tail = text[m.end():].rstrip(" .,;:!?\"”’»")
        if not tail or len(tail.split()) > MAX_SOURCE_WORDS + 8:
            continue
        for rx in (_TRAIL_PREP, _TRAIL_PASSIVE, _TRAIL_VS, _TRAIL_SV):
            fm = rx.match(tail)
            if fm and _ok_source(fm.group("src")):
                # '..."constructive," according to X': the closing quote stays with the content
                start = m.start() + len(m.group(0).rstrip()) if m.group(0)[:1] == "," and len(
                    m.group(0).rstrip()) > 1 else m.start()
                return Frame(start, len(text), fm.group("src"), text[m.end():].strip())
    return None


def quote_frame(outside: str) -> Frame | None:
    """The frame around a quotation: ``outside`` is what is left of the sentence
    once the quotation is removed (e.g. ", the Kremlin underscored." or "Peskov said:")."""
    core = outside.strip(" \t,.;:!?-–—\"“”„«»‘’'")
    if not core:
        return Frame(0, len(outside), None, "")
    for rx in (_TRAIL_PREP, _TRAIL_PASSIVE, _TRAIL_VS, _TRAIL_SV):
        fm = rx.match(core)
        if fm and _ok_source(fm.group("src")):
            return Frame(0, len(outside), fm.group("src"), core)
    fm = re.match(rf"^(?P<src>{_SRC})\s+(?:{_VERBS}){_ADJUNCT}$", core)
    if fm and _ok_source(fm.group("src")):
        return Frame(0, len(outside), fm.group("src"), core)
    return None


def leading_frame(text: str) -> Frame | None:
    """A frame that starts ``text``: "According to X, ...", "X said (that) ...", "It was stated that ..."."""
    m = _LEAD_IMPERSONAL.match(text)
    if m:
        return Frame(0, m.end(), None, text[: m.end()].strip())
    m = _LEAD_AS.match(text)
    if m and len(text[m.end():].split()) >= 3:
        src = m.group("src") or m.group("src2")
        if _ok_source(src):
            return Frame(0, m.end(), src, text[: m.end()].strip(" ,"))
    for rx in (_LEAD_PREP, _LEAD_THAT, _LEAD_PLAIN):
        m = rx.match(text)
        if m and _ok_source(m.group("src")) and len(text[m.end():].split()) >= 3:
            return Frame(0, m.end(), m.group("src"), text[: m.end()].strip(" ,:"))
    return None


def middle_frames(text: str) -> list[Frame]:
    """Frames between commas inside a sentence: "X, the Kremlin said, and Y" / "X, according to Y, Z"."""
    out = []
    for m in re.finditer(r",\s*([^,;]{3,120}?)\s*,", text):
        inner = m.group(1).strip()
        for rx in (_TRAIL_PREP, _TRAIL_VS, _TRAIL_SV):
            fm = rx.match(inner)
            if fm and _ok_source(fm.group("src")):
                out.append(Frame(m.start(), m.end(), fm.group("src"), inner))
                break
    return out


_SUBJECT_VERB = re.compile(
    rf"^(?P<src>{_SRC})(?:\s*,\s*[^,;\"“”«»]{{2,40}},)?\s+(?:also\s+)?"
    rf"(?:described|characteri[sz]ed|called|termed|labell?ed|{_VERBS})\b")


def subject_source(text: str) -> str | None:
    """The subject of ``text`` when it is a reporting subject ("The Kremlin described the call as ...")."""
    m = _SUBJECT_VERB.match(text)
    if m and _ok_source(m.group("src")):
        return m.group("src")
    return None


_QUOTE_THEN = re.compile(
    rf"^[\s,.]*[-–—]*\s*(?P<frame>(?P<src>{_SRC})\s+(?:{_VERBS}))\s*,?\s+(?:adding|noting|stressing|and\s+added"
    r"|and\s+said|and\s+noted)\s+(?:that\s+)?")


def quote_then(after: str) -> Frame | None:
    """'"...," the Kremlin underscored adding that X': the frame after a quotation that
    goes on with more content; ``end`` is where that content starts."""
    m = _QUOTE_THEN.match(after)
    if m and _ok_source(m.group("src")) and len(after[m.end():].split()) >= 3:
        return Frame(0, m.end(), m.group("src"), m.group("frame"))
    return None


def is_hedged(text: str) -> bool:
    return bool(_HEDGE.search(text))


def reportedly(text: str) -> bool:
    return bool(_REPORTEDLY.search(text))


# --------------------------------------------------------------------------- normalising

_OUTLETS = {
    "tass": "TASS", "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "interfax": "Interfax",
    "reuters": "Reuters", "associated press": "AP", "ap": "AP", "afp": "AFP", "bloomberg": "Bloomberg",
    "sputnik": "Sputnik", "cnn": "CNN", "bbc": "BBC", "trend": "Trend", "rt": "RT", "kommersant": "Kommersant",
    "izvestia": "Izvestia", "xinhua": "Xinhua",
}
_DOC_NOUNS = re.compile(r"\b(?:statement|message|readout|communiqu[eé]|press\s+release|account|report|transcript)s?\b")
_ANON = re.compile(r"\b(?:sources?|people|persons|officials?|diplomats?|insiders?)\b.*\b(?:familiar|close|knowledge|"
                   r"briefed|anonymity|condition)\b|\b(?:sources?|insiders?)\b|\bunnamed\b|\banonymous\b")
_OFFICIAL = re.compile(r"\b(?:ministry|state\s+department|spokes(?:man|woman|person)|press\s+secretary|government|"
                       r"embassy|office|administration|presidential\s+(?:press\s+)?service|press[- ]service|"
                       r"foreign\s+minist(?:er|ry)|mfa|cabinet|department|agency|palace|council|committee|"
                       r"parliament|duma|senate|congress|chancellery|presidency|commission)\b")
_BARE_PRESS = re.compile(r"^(?:presidential\s+)?press(?:[- ]?service|\s+office)$")
_PRONOUNS = {"he", "she", "they", "we", "i", "him", "her", "them"}
_TITLES = {"president", "prime", "minister", "deputy", "foreign", "secretary", "spokesman", "spokeswoman",
           "press", "chancellor", "mr", "mrs", "ms", "dr", "russian", "american", "us", "u.s.", "general",
           "senator", "ambassador", "kremlin", "white", "house", "adviser", "advisor", "aide", "leader", "head"}


def _clean(raw: str) -> str:
    s = re.sub(r"[’']s\b", "", raw.strip(" \t,.;:-–—\"“”«»'’"))
    s = re.sub(r"^(?:the|a|an|one|some|several)\s+", "", s, flags=re.I)
    s = re.sub(r"\s+(?:also|further|then|later|earlier|again|meanwhile|too)$", "", s, flags=re.I)
    return re.sub(r"\s+", " ", s)


def normalise_source(raw: str | None) -> Source:
    """A short, comparable name and a kind for a frame's source words."""
    if raw is None:
        return Source(None, None)
    s = _clean(raw)
    low = s.lower()
    if not low or low in _PRONOUNS:
        return Source(None, "pronoun" if low in _PRONOUNS else None)
    if _ANON.search(low):
        if "familiar" in low:
            return Source(re.sub(r"^(?:persons|officials?)\b", "people", low), "anonymous")
        if "kremlin" in low:
            return Source("Kremlin source", "anonymous")
        return Source("sources", "anonymous")
    if "kremlin" in low or "кремл" in low:
        if re.search(r"press[- ]?service|пресс", low):
            return Source("Kremlin press service", "official")
        if re.search(r"press\s+office|press\s+secretary|spokes", low):
            return Source("Kremlin press service", "official")
        return Source("Kremlin", "official")
    if "white house" in low:
        return Source("White House", "official")
    owner = re.match(r"^press[- ]?service\s+of\s+(?:the\s+)?(?P<o>.{2,60})$", s, re.I)
    if owner:  # "the press service of the Elysee" = "the Elysee press service"
        return normalise_source(f"{owner.group('o')} press service")
    if _BARE_PRESS.match(low):
        return Source("press service", "official")  # whose: see qualified_press_service
    for key, name in _OUTLETS.items():
        if re.search(rf"\b{re.escape(key)}\b", low) and (len(low.split()) <= 3 or key not in {"ap", "rt", "trend"}):
            return Source(name, "outlet")
    if re.search(r"\b(?:news\s+)?agency\b|\bnewspaper\b|\bmedia\b|\bbroadcaster\b|\btelevision\b", low):
        return Source(low, "outlet")
    if _DOC_NOUNS.search(low):
        return Source("statement", "official")
    words = s.split()
    if (len(words) >= 2 and re.match(r"[A-ZА-Я][a-zа-я’'-]+$", words[-1])
            and words[-1].lower() not in _TITLES and not _OFFICIAL.search(words[-1].lower())):
        return Source(words[-1], "person")  # "Deputy Foreign Minister Sergei Ryabkov"
    if _OFFICIAL.search(low):
        return Source(s, "official")
    caps = [w for w in re.findall(r"[A-ZА-Я][\w’'-]+", s) if w.lower() not in _TITLES]
    if caps:
        return Source(caps[-1], "person")
    return Source(low, "person" if re.search(r"\b(?:leaders?|presidents?|sides?|ministers?)\b", low) else None)


# --------------------------------------------------------------------------- press services

_PRESS_OWNER = (
    re.compile(r"\b((?:[A-ZА-Я][\w’'-]+\s+){0,2}[A-ZА-Я][\w’'-]+)(?:’s|'s)?\s+press[- ]service\b"),
    re.compile(r"\bpress[- ]service\s+of\s+(?:the\s+)?((?:[A-ZА-Я][\w’'-]+\s+){0,2}[A-ZА-Я][\w’'-]+)"),
    re.compile(r"(пресс-служб\w*\s+Кремля)"),
)
MAX_PRESS_SCAN = 200_000


def qualified_press_service(text: str) -> Source | None:
    """The one press service ``text`` names with its owner ("the Kremlin press service",
    "the press service of the Elysee"), so a bare "the press service said" elsewhere can
    be credited to it; None when there is none or several."""
    found: dict[str, Source] = {}
    for rx in _PRESS_OWNER:
        for m in rx.finditer(text[:MAX_PRESS_SCAN]):
            owner = re.sub(r"^(?:The|A|An|This|That|Its|His|Her|Their)\b\s*", "", m.group(1))
            if not owner:
                continue
            src = (Source("Kremlin press service", "official") if owner.startswith("пресс")
                   else normalise_source(f"{owner} press service"))
            if src.name and src.name != "press service" and src.kind == "official":
                found[src.name] = src
            if len(found) > 1:
                return None
    return next(iter(found.values()), None)


# --------------------------------------------------------------------------- speakers

# Who a statement or action is put on: the subject before the main verb.
_SPEAKER_LEAD = re.compile(
    r"^(?:(?:on|in|at|during|after|before|regarding|concerning|as\s+for|as\s+to|speaking\s+(?:of|about)|earlier|later"
    r"|since|following|amid|under|last|this"
    r"|with\s+regard\s+to|turning\s+to|for\s+(?:his|her|their)\s+part)\b[^,]{1,60},\s*"
    r"|(?:separately|meanwhile|also|earlier|later|however|moreover|in\s+addition|additionally|furthermore"
    r"|besides|then|now|today|yesterday|first|finally|at\s+the\s+same\s+time)\s*,?\s+)", re.I)
_PLURAL = re.compile(
    r"^(?:both(?:\s+(?:leaders|presidents|sides|men|countries|ministers|heads\s+of\s+state|parties|governments))?"
    r"|the\s+(?:two\s+|both\s+|[\w.’'-]+\s+and\s+[\w.’'-]+\s+)?(?:presidents|leaders|sides|heads\s+of\s+state"
    r"|ministers|parties|counterparts|men"
    r"|countries|governments|delegations|chancellors|premiers|interlocutors)|the\s+two\s+[\w-]+|they|each\s+side"
    # without an article, as machine translation writes them: "Presidents agreed to ..."
    r"|(?:presidents|leaders|sides|parties|heads\s+of\s+state|counterparts|interlocutors)(?=\s+[a-z])"
    r"|стороны|лидеры|президенты)\b", re.I)
# A capitalised common noun that starts a sentence is a thing, not a speaker
# ("Conversation had a constructive character", machine-translated without "The").
_THINGS = frozenset(("conversation", "call", "talks", "meeting", "discussion", "exchange", "dialogue", "agreement",
                     "statement", "readout", "negotiations", "visit", "summit", "telephone", "phone", "contact",
                     "contacts", "cooperation", "situation", "issue", "question", "topic", "conference", "this",
                     "here", "there", "everything", "nothing", "all"))
_ROLES = (r"president|leader|side|minister|chancellor|premier|prime\s+minister|spokes(?:man|woman|person)"
          r"|head\s+of\s+state|counterpart|delegation|government|ministry|embassy|administration|host|guest"
          r"|foreign\s+minister|secretary\s+of\s+state|kremlin|white\s+house")
_ROLE = re.compile(rf"^(?:the\s+)?(?-i:[A-Z][\w’'.-]*\s+){{0,3}}(?:{_ROLES})\b(?-i:(?:\s+[A-Z][\w’'.-]*){{0,3}})",
                   re.I)
_NAME = re.compile(r"^[A-ZА-ЯЁ][\w’'.-]*(?:\s+(?:(?:of|the|de|von|van|al|bin|and|и)\s+){0,2}[A-ZА-ЯЁ][\w’'.-]*){0,10}")
_NOT_NAME_WORDS = "the a an this that these those it there its their his her our in on at as after while when if but"
_NOT_NAME = frozenset((*_NOT_NAME_WORDS.split(), "and", "or"))
_PAIR = re.compile(r"^([A-ZА-ЯЁ][\w’'.-]+)\s*,\s*([A-ZА-ЯЁ][\w’'.-]+)\s+")
_AFTER = re.compile(r"^(?:\s*,[^,]{1,60},)?\s+(?:also\s+|again\s+|then\s+|later\s+|reportedly\s+|allegedly\s+"
                    r"|personally\s+|once\s+again\s+)?(?P<verb>[a-zа-яё]+)\b(?:\s+(?P<next>[a-zа-яё]+))?")
_IRREGULAR_WORDS = (
    "said says told tells held holds had has have spoke speaks met meets made makes gave gives took takes sent sends "
    "will would can could did does is was are were wants hopes thinks thought knew knows went goes saw sees wrote "
    "writes began brought sought felt kept left led paid put set stood won chose drew "
    "agree agrees urge urges call calls thank thanks stress stresses note notes say tell discuss discusses "
    "invite invites hold meet talk talks speak ask asks express expresses offer offers warn warns hails backs "
    "seeks vows slams praises rejects denies proposes pledges welcomes plans congratulates promises confirms "
    "reaffirms agreed must may might should shall spoken given taken written shown seen done")
_IRREGULAR = frozenset(_IRREGULAR_WORDS.split())
_BE = frozenset(("is", "was", "are", "were"))
_HAVE = frozenset(("has", "have", "had"))
_FIRST_PERSON = re.compile(r"^(?:i|we)\b", re.I)
_SECOND_PERSON = re.compile(r"^you\b", re.I)
# "Ministry of Foreign Affairs and Trade": one body, its "and" inside an "of" phrase.
_OF_AND = re.compile(r"\sof\s.*\s(?:and|и)\s")
_SINGULAR_PRONOUN = re.compile(r"^(?:he|she)\b", re.I)
_NAME_TITLES = _TITLES | {"of", "state", "chief", "vice", "king", "queen", "emir", "sheikh", "premier",
                          "spokesperson", "chairman", "chair", "commissioner", "envoy", "representative",
                          "special", "national", "security", "defence", "defense", "interior", "affairs"}


def _verbish(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR or bool(re.match(r"^[a-z]{2,}ed$|^[а-яё]{3,}(?:л|ла|ли|ет|ит)$", w))


def _strip_titles(name: str) -> str:
    """ "Russian President Vladimir Putin" -> "Vladimir Putin"; a bare title is kept."""
    words = name.split()
    i = 0
    while i < len(words) - 1:
        w = words[i].lower().strip(".")
        nxt = words[i + 1].lower().strip(".")
        title = w in _NAME_TITLES or w.replace(".", "") in _NAME_TITLES
        # "German Chancellor", "Greek Prime Minister": a capitalised word before a title
        nation = words[i][:1].isupper() and (nxt in _NAME_TITLES or nxt.replace(".", "") in _NAME_TITLES)
        if not (title or nation):
            break
        i += 1
    rest = words[i:]
    if not rest or all(w.lower().strip(".") in _NAME_TITLES for w in rest):
        return name
    return " ".join(rest)


def speaker(text: str) -> str | None:
    """The person or body ``text`` puts its statement or action on: the leading name or role
    before the main verb ("Vladimir Putin", "Russian President", "Kremlin"), ``"both"`` for a
    plural or two-sided subject ("The presidents", "Putin and Trump"), ``"he"``/``"she"``/``"we"``
    for a pronoun the caller may resolve, or None (the subject is a thing: "The call was ...",
    "Conversation had ...", a passive, the reader: "You have read ...").

    A speaker need not be a person: a country, capital or institution that acts or speaks
    ("Russia should ...", "Tokyo marked ...", "The White House called ...", "The ministry
    said ...") is returned as written (titles and articles stripped), so that the flags can
    tell an institution's statement from a leader's.  ``"both"`` means a joint or plural
    subject only: "X and Y", "X, Y <verb>", "X and his counterpart Y", "the two leaders",
    "the sides", "they"; not a body named with "of ... and" ("The Ministry of Foreign Affairs
    and Trade said").  A country whose name has "and" ("Trinidad and Tobago") still reads as
    two."""
    s = text[:300].lstrip(" \"“«„‘'")
    m = _SPEAKER_LEAD.match(s)
    if m and len(s[m.end():].split()) >= 2:
        s = s[m.end():]
    if _PLURAL.match(s):
        return "both"
    if _FIRST_PERSON.match(s):
        return "we"
    if _SECOND_PERSON.match(s):  # "You have read 3 of 5 free articles": the reader, nobody in the story
        return None
    if _SINGULAR_PRONOUN.match(s):
        return s[:3].strip().lower()
    pair = _PAIR.match(s)
    if pair and s[pair.end():pair.end() + 1].islower():  # "Putin, Trump mark the anniversary"
        return "both"
    for rx in (_ROLE, _NAME):
        m = rx.match(s)
        if not m:
            continue
        subj = m.group(0).strip()
        if subj.lower() in _NOT_NAME or subj.lower() in _THINGS:
            continue
        if re.match(r"\s+and\s+(?:his|her|their)\s", s[m.end():]):  # "X and her Czech counterpart Y"
            return "both"
        after = _AFTER.match(s[m.end():])
        if after is None or not _verbish(after.group("verb")) or re.search(r"(?:’s|'s)$", subj):
            continue
        nxt = after.group("next") or ""
        verb = after.group("verb")
        if (verb in _BE and re.match(r"^[a-z]{3,}ed$", nxt)) or (verb in _HAVE and nxt == "been"):
            return None  # passive: "The treaty was signed ...", the subject is not the agent
        if re.search(r"\s(?:and|и)\s", subj):
            if not _OF_AND.search(subj):
                return "both"
            return re.sub(r"^the\s+", "", subj, flags=re.I)
        return _strip_titles(re.sub(r"^the\s+", "", subj, flags=re.I))
    return None


# --------------------------------------------------------------------------- speakers


class _PieceLike(Protocol):
    """What the resolver reads of a claim piece (``compare.claims.extract._Piece``)."""

    @property
    def sentence(self) -> int: ...
    @property
    def quoted(self) -> bool: ...
    @property
    def shares_subject(self) -> bool: ...
    @property
    def agent(self) -> str | None: ...


class Speakers:
    """Resolves each claim's speaker: its own subject, the subject it shares with the clause
    before ("... and agreed to ..."), "he"/"she" to the last named person, "we" in a quotation
    to whoever is quoted."""

    def __init__(self) -> None:
        self.last_named: str | None = None

    def resolve(self, piece: _PieceLike, body: str, src: Source, prev: Claim | None) -> str | None:
        who = speaker(body)
        if who is None and piece.agent is not None:
            who = piece.agent
        elif who is None and piece.shares_subject and prev is not None and prev.sentence == piece.sentence:
            who = prev.speaker
        elif who in ("he", "she"):  # "Costa said he ..." is Costa; else the last person named
            who = src.name if src.kind == "person" and not piece.quoted else self.last_named
        elif who == "we":
            who = src.name if piece.quoted and src.kind in ("official", "person") else None
        if who is not None and who != "both":
            self.last_named = who
        return who

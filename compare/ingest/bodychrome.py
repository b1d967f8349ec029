"""Site chrome inside and after an article's body, found by its shape in any language.

:func:`compare.ingest.boilerplate.clean_text_lines` runs these after its own steps, on
the same line states (keep, drop, blank):

* a related-articles list: a paragraph of two or more lines that end with a bracketed
  date ("Ministers meet in Riga (12-05-2031)", "... (4 พ.ย. 2574)");
* the end of the article: a share bar ("Share: Facebook | X", a labelled row of short
  items, or a row naming two or more social networks) after the body, and only short
  lines after it (the office's footer, related headlines);
* a photo caption standing alone between paragraphs: "<label>: <text>" (a label of one
  or two words) without a sentence end or closed by a credit ("... (Photo by X)",
  "© X"), or a short sentence closed by a "<label>: <name>" credit;
* a "<label>: <headline>" teaser after the body followed only by short lines.

Words of no language are used besides the names of the social networks (brands, the
same on pages in every language).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compare.core.textnorm import CLOSERS, SENTENCE_PUNCT, ends_sentence_strict, word_count

KEEP, DROP, BLANK = 0, 1, 2
HEADING_MAX_WORDS = 8
# A bracketed date closing a line: a few characters, at least one digit (of any script).
_BRACKETED_DATE = re.compile(r"\(\s*[^()\n]{0,20}\d[^()\n]{0,20}\)\s*$")
RELATED_MIN_LINES = 2
_BAR_SPLIT = re.compile(r"\s*\|\s*")
BAR_MIN_ITEMS = 2
BAR_MAX_ITEM_WORDS = 3
NETWORKS = frozenset({"facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "line", "zalo", "viber",
                      "vk", "vkontakte", "weibo", "wechat", "reddit", "pinterest", "messenger", "threads",
                      "bluesky", "mastodon", "kakaotalk", "e-mail", "email", "tumblr", "xing"})
BAR_MIN_NETWORKS = 2
# A caption's label: one or two words of letters ("Photo", "Picture credit"), then a colon.
_LABEL = re.compile(r"^([^\W\d_][^\s:|]{0,30}(?:\s[^\W\d_][^\s:|]{0,30})?)\s*:\s+(\S.*)$")
# A credit closing a caption after its sentence: "(Photo by X)", "© X".
_CREDIT = re.compile(r"[" + re.escape(SENTENCE_PUNCT) + r"]\s*(?:\([^()\n]{1,60}\)|©[^\n]{1,60})\s*$")
# A short sentence closed by a "<label>: <name>" credit.
_TRAILING_CREDIT = re.compile(r"^.+[" + re.escape(SENTENCE_PUNCT) + r"]\s+[^\W\d_][^\s:|]{0,30}\s*:\s*"
                              r"(?:[^\W\d_][^\s:|.!?]*\s*){1,4}$")
CAPTION_MAX_WORDS = 40
# Without a credit, a caption is short: a longer "<label>: <text>" without a sentence end
# is a cut paragraph or a run-in lead ("Analysis: the ...", 29-36 words on realdev and
# multiling), whose cut the truncation check needs.
UNCREDITED_CAPTION_MAX_WORDS = 20
TEASER_MAX_WORDS = 15
# the share of capitalised words of a Title Case headline (teaser_min_capitalised of
# rules/boilerplate.yaml)
TITLE_CASE_SHARE = 0.7
TAIL_MAX_WORDS = 8
# a line after a share bar is still the body when it is prose: a sentence of this many
# words (twice as many in scripts without sentence punctuation)
PROSE_MIN_WORDS = 12


def _blocks(state: Sequence[int], start: int) -> list[list[int]]:
    """The paragraphs (runs of non-blank lines) from line ``start`` on."""
    out: list[list[int]] = []
    cur: list[int] = []
    for i in range(start, len(state)):
        if state[i] == BLANK:
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(i)
    if cur:
        out.append(cur)
    return out


def drop_related_by_dates(state: list[int], norm: Sequence[str], wc: Sequence[int], start: int) -> None:
    """A paragraph after ``start`` with two or more lines ending in a bracketed date, whose
    other kept lines are short headings, is a related-articles list."""
    for block in _blocks(state, start + 1):
        dated = [i for i in block if _BRACKETED_DATE.search(norm[i])]
        if len(dated) < RELATED_MIN_LINES:
            continue
        kept = [i for i in block if state[i] == KEEP]
        if all(i in dated or (wc[i] <= HEADING_MAX_WORDS and not ends_sentence_strict(norm[i])) for i in kept):
            for i in kept:
                state[i] = DROP


def is_share_bar(line: str) -> bool:
    """A row of short items split by "|": labelled ("Share: Facebook | X") or naming two or
    more social networks."""
    items = [p for p in _BAR_SPLIT.split(line.strip()) if p]
    if len(items) < BAR_MIN_ITEMS or any(len(p.split()) > BAR_MAX_ITEM_WORDS for p in items):
        return False
    if re.match(r"^[^\W\d_][^:|]{0,30}:\s*\S", items[0]) and not items[0][:1].isdigit():
        return True
    named = sum(1 for p in items if any(w.lower().strip(":") in NETWORKS for w in p.split()))
    return named >= BAR_MIN_NETWORKS


def _is_prose(line: str, words: int) -> bool:
    return words >= 2 * PROSE_MIN_WORDS or (words >= PROSE_MIN_WORDS and ends_sentence_strict(line))


def drop_after_share_bar(state: list[int], norm: Sequence[str], wc: Sequence[int], start: int) -> None:
    """After a share bar past line ``start``, the kept lines are chrome when none is prose."""
    bar = next((i for i in range(start + 1, len(state)) if state[i] != BLANK and is_share_bar(norm[i])), None)
    if bar is None:
        return
    after = [i for i in range(bar + 1, len(state)) if state[i] == KEEP]
    if not any(_is_prose(norm[i], wc[i]) for i in after):
        for i in after:
            state[i] = DROP


def _alone(state: Sequence[int], i: int) -> bool:
    """Line ``i`` is a paragraph of its own."""
    return (i == 0 or state[i - 1] == BLANK) and (i + 1 == len(state) or state[i + 1] == BLANK)


def is_caption(line: str) -> bool:
    """"<label>: <text>" without a sentence end inside or at the end, or closed by a credit;
    or a sentence closed by a "<label>: <name>" credit."""
    m = _LABEL.match(line)
    if m is not None:
        rest = m.group(2)
        if _CREDIT.search(rest):
            return True
        inner = rest.rstrip()
        if rest[:1].islower():
            return False  # a run-in label before a sentence ("Analysis: the talks ..."), not a picture's
        return word_count(line) <= UNCREDITED_CAPTION_MAX_WORDS and not ends_sentence_strict(inner) and not re.search(
            r"[" + re.escape(SENTENCE_PUNCT) + r"]\s", inner)
    return _TRAILING_CREDIT.match(line) is not None and line.count(":") == 1


def drop_captions(state: list[int], norm: Sequence[str], wc: Sequence[int], start: int) -> None:
    """Captions standing alone between paragraphs after line ``start``."""
    for i in range(start + 1, len(state)):
        if state[i] == KEEP and wc[i] <= CAPTION_MAX_WORDS and _alone(state, i) and is_caption(norm[i]):
            state[i] = DROP


def _headline_like(text: str) -> bool:
    """A headline, not a statement: no closing full stop (a question or nothing), or its
    words capitalised ("Our Standards: The Trust Principles."); "Background: The two
    leaders last met in 2029." is the body's last statement."""
    s = text.rstrip().rstrip(CLOSERS)
    if not s.endswith((".", "。", "।", "۔")):
        return True
    cased = [w for w in s.split() if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    return bool(cased) and sum(w[0].isupper() for w in cased) >= TITLE_CASE_SHARE * len(cased)


def drop_trailing_teaser(state: list[int], norm: Sequence[str], wc: Sequence[int], start: int) -> None:
    """A short "<label>: <headline>" line after the body followed by short lines only."""
    kept = [i for i in range(start + 1, len(state)) if state[i] == KEEP]
    for k, i in enumerate(kept):
        m = _LABEL.match(norm[i])
        if m is not None and wc[i] <= TEASER_MAX_WORDS and _headline_like(m.group(2)) and all(
                wc[j] <= TAIL_MAX_WORDS and not ends_sentence_strict(norm[j]) for j in kept[k + 1:]):
            for j in kept[k:]:
                state[j] = DROP
            return

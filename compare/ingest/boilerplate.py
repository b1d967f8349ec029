"""Boilerplate removal: site chrome out, article body in, with a map back to the source.

The rules are data (``rules/boilerplate.yaml``): line patterns for the kinds of
chrome seen across news sites (cookie banners, share bars, captions, teasers,
comment widgets, footers), list headings ("Most popular", "READ ALSO") whose
teaser list goes with them, tail markers after which a page holds only chrome,
and a few numbers for the structural heuristics (menus made of short lines,
pipe-separated navigation, inserted Title Case headlines, repeated headlines).
Structural steps that need no words of any language remove what follows the
body: paragraphs of headlines (lines that neither end nor continue a sentence:
"related" blocks, tickers, share bars), runs of bulleted headlines, and trailing
lines of labels.  Line lengths are counted in word units of any script
(:func:`compare.core.textnorm.word_count`: Chinese and Japanese runs are cut into
word-sized pieces), so a paragraph of a spaceless script is prose, not a short line.

:func:`clean_text` works line by line and never rewrites a kept line beyond
whitespace normalisation, so every character of the cleaned text maps back to
the source (:class:`compare.core.models.Segment`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from attrs import frozen

from compare.core.errors import RuleError, RuleProblem
from compare.core.models import Segment
from compare.core.rulefiles import RuleFile, compile_pattern
from compare.core.textnorm import (
    INVISIBLE,
    JOINERS,
    ODD_SPACES,
    LinePatterns,
    ends_sentence,
    ends_sentence_strict,
    is_list_item,
    iter_lines,
    normalise_line,
    strip_bullet,
    word_count,
)
from compare.ingest.bodychrome import (
    drop_after_share_bar,
    drop_captions,
    drop_related_by_dates,
    drop_trailing_teaser,
)

MAX_CLEAN_CHARS = 4_000_000
PROTECT_MAX_WORDS = 20
LIST_ITEM_MAX_WORDS = 30
HEADING_MAX_WORDS = 8
SECTIONS = ("drop_lines", "protect_lines", "list_headings", "tail_markers")
_NAV_SPLIT = re.compile(r"\s*\|\s*|\s+[•·]\s+")
_GAP_SPLIT = re.compile(r"\s{2,}")
_ODD_OR_INVISIBLE = re.compile("[" + ODD_SPACES + INVISIBLE + JOINERS + "]")
GAP_NAV_MIN_ITEMS = 4
_KEEP, _DROP, _BLANK = 0, 1, 2
# A line ending with one of these is a statement (a body sentence), not a headline.
_STATEMENT_END = (".", "。", "।", "۔", "…", ":", ";")


@frozen
class Heuristics:
    nav_min_separators: int = 2
    nav_max_item_words: int = 4
    run_min_lines: int = 3
    run_max_words: int = 4
    bullet_run_min_lines: int = 2
    bullet_max_words: int = 5
    caps_max_words: int = 5
    repeat_max_words: int = 40
    teaser_min_words: int = 4
    teaser_max_words: int = 18
    teaser_min_capitalised: float = 0.7
    prose_min_words: int = 12
    tail_max_words: int = 15


@frozen
class BoilerplateRules:
    """Compiled boilerplate rules; each field tests its patterns on all lines of a text at once."""

    drop: LinePatterns | None = None
    protect: LinePatterns | None = None
    list_headings: LinePatterns | None = None
    tails: LinePatterns | None = None
    heuristics: Heuristics = Heuristics()
    names: tuple[str, ...] = ()


def _combine(patterns: Sequence[str]) -> LinePatterns | None:
    return LinePatterns(patterns) if patterns else None


def parse_boilerplate_rules(rf: RuleFile) -> BoilerplateRules:
    """Parse ``boilerplate.yaml``; every bad pattern is reported with file:line: path."""
    problems: list[RuleProblem] = []
    compiled: dict[str, list[str]] = {s: [] for s in SECTIONS}
    names: list[str] = []
    for section in SECTIONS:
        entries = rf.get(section, []) or []
        if not isinstance(entries, list):
            problems.append(rf.problem((section,), "must be a list of entries"))
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("patterns"), list):
                problems.append(rf.problem((section, i), "each entry needs 'name' and a list of 'patterns'"))
                continue
            names.append(str(entry.get("name", f"{section}[{i}]")))
            for j, pattern in enumerate(entry["patterns"]):
                if not isinstance(pattern, str) or not pattern:
                    problems.append(rf.problem((section, i, "patterns", j), "a pattern must be a non-empty string"))
                    continue
                try:
                    compile_pattern(pattern, rf, (section, i, "patterns", j))
                except RuleError as exc:
                    problems.extend(exc.problems)
                    continue
                compiled[section].append(pattern)
    raw_h = rf.get("heuristics", {}) or {}
    values: dict[str, Any] = {}
    if not isinstance(raw_h, dict):
        problems.append(rf.problem(("heuristics",), "must be a mapping"))
        raw_h = {}
    defaults = Heuristics()
    for key, value in raw_h.items():
        if not hasattr(defaults, key):
            problems.append(rf.problem(("heuristics", key), "unknown heuristic"))
            continue
        want = type(getattr(defaults, key))
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            problems.append(rf.problem(("heuristics", key), "must be a non-negative number"))
            continue
        values[key] = float(value) if want is float else int(value)
    if problems:
        raise RuleError(problems)
    return BoilerplateRules(
        drop=_combine(compiled["drop_lines"]),
        protect=_combine(compiled["protect_lines"]),
        list_headings=_combine(compiled["list_headings"]),
        tails=_combine(compiled["tail_markers"]),
        heuristics=Heuristics(**values),
        names=tuple(names),
    )


def _hits(patterns: LinePatterns | None, lines: Sequence[str], filled: Sequence[int]) -> set[int]:
    """Indices of ``lines`` a pattern matches, testing only the non-blank lines ``filled``.

    Blank lines are never tested: patterns that can span a newline ("\\W", "\\s")
    would otherwise match across every paragraph gap and cost a search each.
    """
    if patterns is None or not filled:
        return set()
    return {filled[k] for k in patterns.matching([lines[i] for i in filled])}


def _is_nav(raw: str, h: Heuristics) -> bool:
    """A menu line: items split by pipes/bullets, or (at least four) by wide gaps, all short."""
    s = raw.strip()
    if h.nav_min_separators < 1 or "|" in s or "•" in s or "·" in s:  # else there is one item
        items = [p for p in _NAV_SPLIT.split(s) if p]
        if len(items) >= h.nav_min_separators + 1:
            return all(word_count(it) <= h.nav_max_item_words for it in items)
    if s.isascii() and s.isprintable() and "  " not in s:  # no run of two spaces of any kind
        return False
    items = [p for p in _GAP_SPLIT.split(s) if p]
    return len(items) >= GAP_NAV_MIN_ITEMS and all(
        word_count(it) <= 2 and not ends_sentence(it) for it in items)


def _is_caps(line: str, h: Heuristics) -> bool:
    if not line.isupper():  # a lower-case letter, or no cased letter at all: not a masthead
        return False
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)
            and word_count(line) <= h.caps_max_words)


def _title_case_share(line: str) -> float:
    tokens = [t.strip("'\"‘’“”«»()[]:,") for t in line.split()]
    long_words = [t for t in tokens if len(t) >= 4 and t[:1].isalpha()]
    if not long_words:
        return 0.0
    return sum(1 for t in long_words if t[0].isupper()) / len(long_words)


def clean_text(text: str, rules: BoilerplateRules) -> tuple[str, tuple[Segment, ...]]:
    """Remove boilerplate lines and normalise whitespace.

    Returns the cleaned text (paragraphs separated by a blank line, lines of one
    paragraph by a newline) and the segments mapping it back to ``text``.
    """
    clean, segments, _ = clean_text_lines(text, rules)
    return clean, segments


def clean_text_lines(text: str, rules: BoilerplateRules) -> tuple[str, tuple[Segment, ...], tuple[int, ...]]:
    """:func:`clean_text`, plus the 1-based line of ``text`` each segment comes from."""
    text = text[:MAX_CLEAN_CHARS]
    h = rules.heuristics
    offsets: list[int] = []
    raws: list[str] = []
    norm: list[str] = []
    pieces: list[list[tuple[int, int, int]]] = []
    # most lines need no space work: tested with str methods, not one regex call per line
    plain = _ODD_OR_INVISIBLE.search(text) is None
    for off, raw in iter_lines(text):
        if plain and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
            line, p = raw, ([(0, 0, len(raw))] if raw else [])
        else:
            line, p = normalise_line(raw)
        offsets.append(off)
        raws.append(raw)
        norm.append(line)
        pieces.append(p)
    n = len(norm)
    wc = [word_count(x) for x in norm]
    # what the patterns see: the line without Markdown emphasis or quote marks around it
    keys = [x.strip("*_> ").strip() for x in norm]
    state = [_BLANK if not x else _KEEP for x in norm]
    filled = [i for i, x in enumerate(norm) if x]
    protect_hits = _hits(rules.protect, norm, filled)
    protected = [bool(x) and wc[i] <= PROTECT_MAX_WORDS and i in protect_hits for i, x in enumerate(norm)]
    drop_hits = _hits(rules.drop, keys, filled)
    tail_hits = _hits(rules.tails, keys, filled)
    heading_hits = _hits(rules.list_headings, keys, filled)

    def short(i: int) -> bool:
        return wc[i] <= h.run_max_words and not ends_sentence(norm[i]) and not protected[i]

    # 1. explicit line patterns
    for i in range(n):
        if state[i] == _KEEP and i in drop_hits:
            state[i] = _DROP
    first_prose = next((i for i in range(n) if state[i] == _KEEP and wc[i] >= h.prose_min_words), n)
    # 2. tails: a marker after the body with nothing but short lines after it
    for i in range(first_prose + 1, n):
        if norm[i] and wc[i] <= HEADING_MAX_WORDS and i in tail_hits and all(
                state[j] != _KEEP or wc[j] <= h.tail_max_words for j in range(i + 1, n)):
            for j in range(i, n):
                if state[j] == _KEEP:
                    state[j] = _DROP
            break
    # 3. list headings and the teaser list that follows them
    for i in range(n):
        if state[i] == _BLANK or wc[i] > HEADING_MAX_WORDS or i not in heading_hits:
            continue
        state[i] = _DROP
        same_block = True  # no blank line yet between the heading and the item
        for j in range(i + 1, n):
            if state[j] == _BLANK or state[j] == _DROP:
                same_block = same_block and state[j] != _BLANK
                continue
            if (is_list_item(norm[j]) and wc[j] <= LIST_ITEM_MAX_WORDS) or short(j) or (
                    same_block and wc[j] <= h.teaser_max_words and not norm[j].endswith(_STATEMENT_END)):
                # a headline in the heading's own block may be a question ("Why ...?")
                state[j] = _DROP
                continue
            break
    # 4. navigation lines, all-capital mastheads
    for i in range(n):
        if state[i] == _KEEP and not protected[i] and (_is_nav(raws[i], h) or _is_caps(norm[i], h)):
            state[i] = _DROP
    # 5. runs of short bullet items, then runs of short lines (menus)
    _drop_runs(state, lambda i: is_list_item(norm[i]) and wc[i] <= h.bullet_max_words + 1
               and not protected[i], h.bullet_run_min_lines)
    _drop_runs(state, lambda i: short(i) or (is_list_item(norm[i]) and wc[i] <= h.bullet_max_words + 1),
               h.run_min_lines)
    # 6. repeated lines (headline or caption printed twice)
    seen: set[str] = set()
    for i in range(n):
        if state[i] == _BLANK:
            continue
        key = norm[i].casefold()
        if state[i] == _KEEP and key in seen and wc[i] <= h.repeat_max_words:
            state[i] = _DROP
        seen.add(key)
    # 7. inserted related-article headline between body paragraphs
    first_prose = next((i for i in range(n) if state[i] == _KEEP and wc[i] >= h.prose_min_words), n)
    for i in range(first_prose + 1, n):
        if (state[i] == _KEEP and not protected[i] and h.teaser_min_words <= wc[i] <= h.teaser_max_words
                and not ends_sentence_strict(norm[i]) and not norm[i].endswith(":")
                and not norm[i].startswith("#") and not is_list_item(norm[i])
                and _title_case_share(norm[i]) >= h.teaser_min_capitalised):
            nxt = next((j for j in range(i + 1, n) if state[j] == _KEEP), None)
            if nxt is not None and wc[nxt] >= h.prose_min_words:
                state[i] = _DROP
    # 8. headline lists after the body: a paragraph of two or more lines, none of
    #    which ends a sentence or continues one (starts in lower case): a
    #    "related"/"read also" block, a share bar, a ticker of other stories, in
    #    any language, with or without a heading the rules know
    body_start = next((i for i in range(n) if state[i] == _KEEP and wc[i] >= h.prose_min_words
                       and ends_sentence_strict(norm[i])), n)
    _drop_headline_lists(state, norm, wc, protected, body_start, heading_hits)
    _drop_bulleted_headlines(state, norm, wc, body_start)
    # 8c. chrome of any language by its shape (compare/ingest/bodychrome.py): related lists
    #     of dated headlines, what follows a share bar, captions, a trailing teaser
    first_prose = next((i for i in range(n) if state[i] == _KEEP and wc[i] >= h.prose_min_words), n)
    drop_related_by_dates(state, norm, wc, first_prose)
    drop_after_share_bar(state, norm, wc, first_prose)
    drop_captions(state, norm, wc, first_prose)
    drop_trailing_teaser(state, norm, wc, first_prose)
    # 9. what trails the last body line when it is only short lines of labels (footer
    #    links, share buttons); a short cut sentence stays (it tells the text is cut)
    _drop_trailing_chrome(state, norm, wc, protected, h)
    return _assemble(state, offsets, norm, pieces)


LIST_MIN_LINES = 2
TRAIL_MIN_WORDS = 2
TRAIL_MAX_WORDS = 8
LABEL_JOINER_MAX_CHARS = 3


def _is_stamp(i: int, wc: Sequence[int], protected: Sequence[bool]) -> bool:
    """A line that is (nearly) only a date or time: kept for the dates stage."""
    return protected[i] and wc[i] <= HEADING_MAX_WORDS // 2


INTRO_MIN_WORDS = 3


def _introduces_list(line: str) -> bool:
    """A sentence-like line ending in a colon ("The delegation included:"), not a heading
    ("Read more:", "相关阅读："): a few words, one of them in lower case."""
    s = line.rstrip()
    return (s.endswith((":", "：")) and word_count(s) >= INTRO_MIN_WORDS
            and any(t[:1].islower() for t in s.split()[1:]))


def _starts_lower(line: str) -> bool:
    first = next((c for c in line if c.isalnum()), "")
    return first.islower()


def _drop_headline_lists(state: list[int], norm: Sequence[str], wc: Sequence[int],
                         protected: Sequence[bool], first_prose: int, headings: set[int]) -> None:
    """Step 8 of :func:`clean_text_lines`; a block under a heading (a short line already
    dropped) needs only one item left."""
    n = len(state)
    i = first_prose + 1
    while i < n:
        if state[i] == _BLANK:
            i += 1
            continue
        j = i
        while j < n and state[j] != _BLANK:
            j += 1
        block = [k for k in range(i, j) if state[k] == _KEEP]
        if block and _introduces_list(norm[block[0]]):  # "The delegation included:" + names: body
            i = j
            continue
        headed = i in headings or (j - i >= LIST_MIN_LINES and state[i] == _DROP and wc[i] <= HEADING_MAX_WORDS
                                   and not ends_sentence_strict(norm[i]))
        if (block and (len(block) >= LIST_MIN_LINES or headed)
                and not any(ends_sentence_strict(norm[k]) or _starts_lower(norm[k])
                            or wc[k] > LIST_ITEM_MAX_WORDS for k in block)):
            for k in block:
                if not _is_stamp(k, wc, protected):
                    state[k] = _DROP
        i = j


BULLETED_HEADLINES_MIN = 3


def _drop_bulleted_headlines(state: list[int], norm: Sequence[str], wc: Sequence[int], body_start: int) -> None:
    """Step 8b: a run of at least three bulleted lines after the body start, none ending a
    sentence or continuing one (teaser headlines), also inside a paragraph (pages without
    blank lines).  Bulleted body points end their sentences; short menu bullets went in step 5."""
    run: list[int] = []
    for i in range(body_start + 1, len(state) + 1):
        if i < len(state) and state[i] == _DROP:
            continue
        if (i < len(state) and state[i] == _KEEP and is_list_item(norm[i]) and wc[i] <= LIST_ITEM_MAX_WORDS
                and not ends_sentence_strict(norm[i]) and not _starts_lower(strip_bullet(norm[i]))):
            run.append(i)
            continue
        if len(run) >= BULLETED_HEADLINES_MIN:
            for k in run:
                state[k] = _DROP
        run = []


def _is_label_line(line: str) -> bool:
    """A line of labels (menu items, share buttons): every word capitalised or of an uncased
    script, except short lower-case joiners ("du", "and").  A cut sentence ("The talks
    were s") has lower-case content words."""
    toks = [t for t in (x.strip("'\"‘’“”«»()[]:,.-–—") for x in line.split()) if t[:1].isalpha()]
    return all(not t[0].islower() or len(t) <= LABEL_JOINER_MAX_CHARS for t in toks)


def _drop_trailing_chrome(state: list[int], norm: Sequence[str], wc: Sequence[int],
                          protected: Sequence[bool], h: Heuristics) -> None:
    kept = [i for i, st in enumerate(state) if st == _KEEP]
    last_body = next((i for i in reversed(kept)
                      if ends_sentence_strict(norm[i]) or wc[i] >= h.prose_min_words), None)
    if last_body is None:
        return
    tail = [i for i in kept if i > last_body and not _is_stamp(i, wc, protected)]
    if tail and all(TRAIL_MIN_WORDS <= wc[i] <= TRAIL_MAX_WORDS and not ends_sentence_strict(norm[i])
                    and _is_label_line(norm[i]) for i in tail):
        for i in tail:
            state[i] = _DROP


def _drop_runs(state: list[int], member: Any, min_len: int) -> None:
    """Drop runs of kept lines satisfying ``member`` (blank and dropped lines do not break a run)."""
    run: list[int] = []
    for i in range(len(state) + 1):
        if i < len(state) and state[i] != _KEEP:
            continue
        if i < len(state) and member(i):
            run.append(i)
            continue
        if len(run) >= min_len:
            for j in run:
                state[j] = _DROP
        run = []


def _assemble(state: list[int], offsets: list[int], norm: list[str],
              pieces: list[list[tuple[int, int, int]]]) -> tuple[str, tuple[Segment, ...], tuple[int, ...]]:
    out: list[str] = []
    segments: list[Segment] = []
    lines: list[int] = []
    pos = 0
    gap = False
    for i, st in enumerate(state):
        if st != _KEEP:
            gap = gap or bool(out)
            continue
        if out:
            sep = "\n\n" if gap else "\n"
            out.append(sep)
            pos += len(sep)
        gap = False
        for c, s, ln in pieces[i]:
            segments.append(Segment(clean_start=pos + c, source_start=offsets[i] + s, length=ln))
            lines.append(i + 1)
        out.append(norm[i])
        pos += len(norm[i])
    return "".join(out), tuple(segments), tuple(lines)


def segment_index(segments: Sequence[Segment], offset: int) -> int | None:
    """Index of the last segment starting at or before cleaned-text ``offset`` (None before the first)."""
    best: int | None = None
    lo, hi = 0, len(segments)
    while lo < hi:
        mid = (lo + hi) // 2
        if segments[mid].clean_start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid
    return best


def source_offset(segments: Sequence[Segment], offset: int) -> int | None:
    """The source offset of cleaned-text ``offset`` (the nearest mapped character before it)."""
    k = segment_index(segments, offset)
    if k is None:
        return None
    best = segments[k]
    return best.source_start + min(offset - best.clean_start, max(best.length - 1, 0))

"""Zero-width joiners in cleaning: spelling between letters, junk elsewhere.

Every text here is invented for these tests.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.core.textnorm import JOINERS, normalise_line, word_count, words
from compare.evaluation.metrics import locate

ZWNJ, ZWJ = "\u200c", "\u200d"


def test_persian_half_space_stays_inside_the_word() -> None:
    line = f"وزیر  می{ZWNJ}خواهد با هم{ZWNJ}تایان خود گفت{ZWNJ}وگو کند"
    clean, _ = normalise_line(line)
    assert f"می{ZWNJ}خواهد" in clean and f"گفت{ZWNJ}وگو" in clean
    assert "  " not in clean
    # a quote written with the half-space is found in the cleaned text
    assert locate(f"هم{ZWNJ}تایان خود گفت{ZWNJ}وگو", clean) is not None
    # and the half-space joins one word, as a hyphen does
    assert f"گفت{ZWNJ}وگو" in words(clean)
    assert word_count(clean) == 7


def test_indic_conjuncts_keep_their_joiners() -> None:
    hindi = f"क्{ZWJ}ष और र्{ZWNJ}य"
    assert normalise_line(hindi)[0] == hindi
    malayalam = f"അവന്{ZWJ} വന്നു"  # chillu: consonant, virama, ZWJ at the word's end
    assert normalise_line(malayalam)[0] == malayalam


def test_stray_joiners_go() -> None:
    assert normalise_line(f"{ZWNJ}Talks ended {ZWJ} today.{ZWNJ}")[0] == "Talks ended today."
    assert normalise_line(f"word{ZWNJ}, next")[0] == "word, next"


_CHARS = st.sampled_from([*"ab ہمی.,", ZWNJ, ZWJ, "\u200b", "\u00a0", "\u094d", "क"])


@given(st.text(_CHARS, max_size=40))
def test_pieces_map_back_and_no_joiner_is_stray(line: str) -> None:
    clean, pieces = normalise_line(line)
    for c, s, n in pieces:
        assert clean[c:c + n] == line[s:s + n].replace("\u00a0", " ")  # a space stands for an odd one
    assert sum(n for _, _, n in pieces) == len(clean)
    for i, ch in enumerate(clean):
        if ch in JOINERS:
            before = clean[i - 1] if i else " "
            assert before not in " .,"  # a joiner follows a letter or a mark

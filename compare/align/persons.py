"""Who says or does what in a claim: the people the lexicon names, the single
actor or the joint subject ("Putin and Trump agreed"), the speaker, and the
``attribution_change`` / narrowed joint position of
:func:`compare.align.discrepancies.compare_pair` built on them.

All names come from the lexicon (rules/lexicon.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from compare.align.lexicon import Lexicon
from compare.align.normalize import canonical_tokens
from compare.core.models import Claim


def has_phrase(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` (a token tuple) occurs in ``tokens``."""
    k = len(phrase)
    first = phrase[0]
    return any(tokens[i] == first and tuple(tokens[i:i + k]) == phrase
               for i in range(len(tokens) - k + 1))


@lru_cache(maxsize=16)
def person_tokens(lexicon: Lexicon) -> frozenset[str]:
    """The canonical tokens of the people the lexicon names."""
    return frozenset(lexicon.person_token(p) for p in lexicon.names)


def people_at(tokens: Sequence[str], people: frozenset[str]) -> list[tuple[str, int]]:
    return [(t, i) for i, t in enumerate(tokens) if t in people]


# Tokens that may stand between two names of one joint subject ("Putin and Trump").
_JOINT = frozenset({"and", "&", "with", "или", "и"})


def actor(tokens: Sequence[str], people: frozenset[str]) -> str | None:
    """The single person acting in a claim: the first name, unless the claim
    names two people jointly ("Putin and Trump discussed ...")."""
    found = people_at(tokens, people)
    if not found:
        return None
    first, i = found[0]
    between = tokens[i + 1:i + 3]
    if any(t in _JOINT for t in between) and any(t in people and t != first
                                                 for t in tokens[i + 1:i + 4]):
        return None
    return first


def joint_subject(tokens: Sequence[str], people: frozenset[str]) -> bool:
    """The claim opens with two people as one subject ("Putin and Trump agreed")."""
    found = people_at(tokens, people)
    if not found or found[0][1] > 1:
        return False
    first, i = found[0]
    return (any(t in _JOINT for t in tokens[i + 1:i + 3])
            and any(t in people and t != first for t in tokens[i + 1:i + 4]))


def sole_subject(tokens: Sequence[str], person: str, people: frozenset[str]) -> bool:
    """The claim opens with ``person`` alone as its subject: no "and" or "with"
    in the next two tokens and no other person next to it ("Putin urged
    Trump", not "Putin and his counterpart Trump" or "Putin, Trump speak")."""
    i = tokens.index(person)
    after = tokens[i + 1:i + 3]
    return (i <= 1 and not any(t in _JOINT for t in after)
            and not (after and after[0] in people))


def speaker_token(claim: Claim, lexicon: Lexicon) -> str | None:
    """The canonical person token of ``claim.speaker`` (when the claims stage
    gives one) or None."""
    speaker = getattr(claim, "speaker", None)
    if not isinstance(speaker, str) or not speaker.strip():
        return None
    people = person_tokens(lexicon)
    for t in canonical_tokens(speaker, lexicon):
        if t in people:
            return t
    return None


def person_change(ref: Claim, other: Claim, rc: Sequence[str], oc: Sequence[str],
                   lexicon: Lexicon) -> str | None:
    """A statement or action put on another person: the speakers differ, the
    acting person differs and the reference does not name the new one at all
    (a reciprocal "X spoke with Y" / "Y spoke with X" is no change), or what
    two people did jointly is put on one of them as the sole subject."""
    people = person_tokens(lexicon)
    sp_r, sp_o = speaker_token(ref, lexicon), speaker_token(other, lexicon)
    if ref.speaker == "both" and sp_o:
        # One side of a joint position: a narrowed subject (wording), not
        # another source.
        return None
    if sp_o and sp_r and sp_o != sp_r and sp_o not in rc:
        return (f"statement credited to {display_name(sp_o, lexicon)} instead of "
                f"{display_name(sp_r, lexicon)}")
    in_ref = {t for t, _ in people_at(rc, people)}
    in_other = {t for t, _ in people_at(oc, people)}
    if sp_o and not sp_r and sp_o not in in_ref:
        return f"statement credited to {display_name(sp_o, lexicon)}"
    ar, ao = actor(rc, people), actor(oc, people)
    if ar and ao and ar != ao and ao not in in_ref and ar not in in_other:
        return f"subject changed: {display_name(ar, lexicon)} -> {display_name(ao, lexicon)}"
    if (ar is None and ao and ao in in_ref and len(in_ref) >= 2
            and joint_subject(rc, people) and sole_subject(oc, ao, people)):
        # "Putin and Trump spoke in favour of a meeting" -> "Putin invited Trump"
        return f"joint position put on one side: {display_name(ao, lexicon)}"
    if ao and not in_ref and not sp_o:
        i = oc.index(ao)
        if speaks(oc, i, lexicon):
            return f"statement credited to {display_name(ao, lexicon)}"
    return None


def speaks(tokens: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """The person at ``i`` is followed by a verb of saying ("Trump described ...")."""
    window = list(tokens[i + 1:i + 3])
    return any(has_phrase(window, v) for v in lexicon.attribution_verbs)


def display_name(token: str, lexicon: Lexicon) -> str:
    for p in lexicon.names:
        if lexicon.person_token(p) == token:
            return p.name
    return token


def narrowed_position(ref: Claim, other: Claim, oc: Sequence[str], lexicon: Lexicon) -> str | None:
    """A joint position of both sides ("The presidents agreed") put on one
    person who acts alone in the document's claim ("Trump agreed")."""
    if ref.speaker != "both" or other.speaker == "both":
        return None
    sp_o = speaker_token(other, lexicon)
    if sp_o is None:
        return None
    named = {t for t, _ in people_at(oc, person_tokens(lexicon))}
    if named - {sp_o}:
        return None
    return f"joint position put on one side: {display_name(sp_o, lexicon)}"

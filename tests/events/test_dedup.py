"""Near-duplicate republications."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest
import yaml

from compare.core.models import Document
from compare.events.dedup import mark_duplicates, shingles

DEVSET = Path(__file__).parent.parent.parent.parent / "shared" / "devset"
BODY = ("The harbour authority on Wednesday approved a night ferry service to the outer islands, its chairman "
        "said, ending a two-year dispute with island councils. The service will start in May and run three "
        "times a week, the chairman told a news conference. Island councillors welcomed the decision but "
        "said fares should be capped for residents and students. The operator said it would hire twelve "
        "new crew members and refit an older vessel for night sailings.")
QUOTE = "The conversation was constructive and businesslike, the ministry said in a statement."


def doc(i: str, text: str, published: dt.date | None = None) -> Document:
    return Document(id=i, path=f"{i}.txt", sha256=i, text=text, published=published)


def test_republication_points_to_earliest() -> None:
    a = doc("gazette", "Night ferry approved\n\n" + BODY + "\n\nRead more on our site.", dt.date(2019, 3, 14))
    b = doc("coastnews", "Islands get night ferry at last\n\n" + BODY, dt.date(2019, 3, 13))
    c = doc("zz-other", "Unrelated story about a bakery that won a regional prize for its rye bread this year "
                        "after a long competition with twenty other bakeries from the county.")
    out = {d.id: d.duplicate_of for d in mark_duplicates([a, b, c])}
    assert out == {"gazette": "coastnews", "coastnews": None, "zz-other": None}


def test_same_event_different_articles_are_not_duplicates() -> None:
    a = doc("a", "Ministers from both countries spoke by phone on Friday about fishing quotas and the "
                 "disputed northern waters, officials said. " + QUOTE + " They agreed to meet in June.")
    b = doc("b", "A phone call between the two fisheries ministers ended without agreement on catch limits, "
                 "according to people briefed on the talks. " + QUOTE + " Fishermen's groups criticised the delay.")
    assert [d.duplicate_of for d in mark_duplicates([a, b])] == [None, None]


def test_shingles_are_stable() -> None:
    assert shingles("One two three four five six") == shingles("one  TWO three four five six")
    assert len(shingles("one two three four five six")) == 2


def test_many_documents_only_the_copy_is_marked() -> None:
    # Throughput is measured in benchmarks/bench_ingest.py, never asserted here.
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(2000)]
    docs = [doc(f"d{i:05d}", " ".join(rng.choice(vocab) for _ in range(300))) for i in range(500)]
    docs.append(doc("zcopy", "New headline here\n" + docs[42].text))
    out = mark_duplicates(docs)
    assert [d.id for d in out if d.duplicate_of] == ["zcopy"]
    assert out[-1].duplicate_of == "d00042"


@pytest.mark.devset
@pytest.mark.skipif(not (DEVSET / "gold.yaml").is_file(), reason="needs ../shared/devset")
def test_devset_only_balticdigest_is_a_copy() -> None:
    from compare.core.rulefiles import RuleFile, default_rules_dir
    from compare.ingest.boilerplate import clean_text, parse_boilerplate_rules

    path = default_rules_dir() / "boilerplate.yaml"
    rules = parse_boilerplate_rules(RuleFile("boilerplate", (str(path),), yaml.safe_load(path.read_text()), {}))
    gold = yaml.safe_load((DEVSET / "gold.yaml").read_text("utf-8"))
    docs = [doc(Path(d["file"]).stem, clean_text((DEVSET / d["file"]).read_text("utf-8"), rules)[0],
                dt.date.fromisoformat(d["published"])) for d in gold["documents"] if d["file"].startswith("docs/")]
    dups = {d.id: d.duplicate_of for d in mark_duplicates(docs) if d.duplicate_of}
    assert dups == {"balticdigest_2020-06-02_putin-trump-phone-call-kremlin":
                    "nordwire_2020-06-01_putin-trump-discuss-g7-oil-space"}


def _naive_shared_counts(sets: list[np.ndarray], members: list[int]) -> set[tuple[int, int, int]]:
    """Every pair's count of shingles held by 2..MAX_POSTING members, pair by pair."""
    from collections import Counter

    from compare.events.dedup import MAX_POSTING

    posting: Counter[int] = Counter(int(h) for i in members for h in sets[i])
    kept = {h for h, n in posting.items() if 2 <= n <= MAX_POSTING}
    out = set()
    for a, i in enumerate(members):
        for j in members[a + 1:]:
            n = len(kept & {int(h) for h in sets[i]} & {int(h) for h in sets[j]})
            if n:
                out.add((i, j, n))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shared_counts_match_a_pair_by_pair_count(seed: int) -> None:
    """The inverted index (built without an all-shingles inverse) counts what a
    pair-by-pair intersection counts, for every pair that can be a copy; shingles
    held by more than MAX_POSTING documents are left out of both."""
    from compare.events import dedup

    rng = np.random.default_rng(seed)
    pool = rng.integers(0, 2**32, size=600, dtype=np.uint64).astype(np.uint32)
    common = pool[:5]  # in every document: more than MAX_POSTING holders when lowered below
    sets: list[np.ndarray] = []
    for k in range(40):
        if k % 4 == 1:  # a near-copy of the one before: some shingles dropped, a few added
            before = sets[-1]
            kept = before[rng.random(before.size) < 0.9]
            sets.append(np.unique(np.concatenate([kept, rng.choice(pool[5:], size=3)])))
        else:
            sets.append(np.unique(np.concatenate([common, rng.choice(
                pool[5:], size=int(rng.integers(0, 60)), replace=False)])))
    members = [i for i in range(40) if i % 7 != 3]
    old = dedup.MAX_POSTING
    try:
        dedup.MAX_POSTING = 30
        got = set(dedup._shared_counts(sets, members))
        want = _naive_shared_counts(sets, members)
    finally:
        dedup.MAX_POSTING = old
    lengths = {i: len(s) for i, s in enumerate(sets)}
    possible = {(i, j, n) for i, j, n in want
                if min(lengths[i], lengths[j]) >= dedup.MIN_SHINGLES
                and min(lengths[i], lengths[j]) >= dedup.SIZE_RATIO * max(lengths[i], lengths[j])
                and n >= dedup.CONTAINMENT * min(lengths[i], lengths[j]) * 0.5}
    assert got == possible and possible

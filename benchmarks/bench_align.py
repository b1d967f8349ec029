"""Timing of align_event + flag_event on one synthetic event (a script, not a test).

One primary document of 30 claims and 99 documents that perturb it (dropped,
reworded, reordered sentences, changed numbers, added sentences); the aim is
under 2 s of CPU time on one core (process_time, so a busy machine does not skew it).

    .venv/bin/python benchmarks/bench_align.py [--docs 100] [--claims 30] [--majority] [--cdist] [--align-only]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from compare.align.alignment import align_event
from compare.align.flags import flag_event
from compare.align.lexicon import parse_lexicon
from compare.align.matching import parse_matching_config
from compare.core.models import Claim, Document, Event
from compare.core.rulefiles import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = ["The ministers", "The delegations", "The presidents", "Both sides", "The leaders"]
VERBS = ["discussed", "agreed on", "reviewed", "touched upon", "expressed support for"]
TOPICS = ["river shipping", "grain exports", "the customs union", "energy prices", "rail links",
          "fishing quotas", "the border crossing", "student exchanges", "cyber security",
          "water management", "air traffic", "the gas pipeline", "visa rules", "tourism",
          "the joint commission", "port fees", "hydrogen research", "a film festival",
          "wildfire aid", "migration", "the trade balance", "space research", "vaccines",
          "the bridge project", "roaming charges", "farm subsidies", "steel tariffs",
          "a museum loan", "the fishing fleet", "postal services", "chess olympiad",
          "bird protection", "the wine fair", "lake pollution", "tax treaties"]
SWAPS = {"discussed": "talked about", "agreed on": "decided on", "reviewed": "went over"}


def corpus(n_docs: int, n_claims: int, seed: int = 7) -> tuple[Event, list[Document],
                                                                list[Claim]]:
    rng = random.Random(seed)
    base = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {TOPICS[i % len(TOPICS)]} "
            f"in {rng.randint(3, 30)} meetings during round {i + 1}." for i in range(n_claims)]
    docs, claims = [], []
    for d in range(n_docs):
        sents = list(base)
        if d:
            sents = [s for s in sents if rng.random() > 0.15]
            for i, s in enumerate(sents):
                r = rng.random()
                if r < 0.2:
                    for a, b in SWAPS.items():
                        s = s.replace(a, b)
                elif r < 0.25:
                    s = s.replace(" in ", f" in {rng.randint(31, 60)} or ", 1)
                sents[i] = s
            rng.shuffle(sents)
            sents += [f"Commentators noted {rng.choice(TOPICS)} remained open ({d}-{k})."
                      for k in range(rng.randint(0, 3))]
        did = f"d{d:03d}"
        docs.append(Document(id=did, path=did, sha256=did, text=" ".join(sents),
                             outlet=f"outlet{d}", outlet_role="primary" if d == 0 else "outlet"))
        pos = 0
        for k, s in enumerate(sents):
            claims.append(Claim(id=f"{did}:c{k + 1}", document=did, event="ev", text=s,
                                span=(pos, pos + len(s))))
            pos += len(s) + 1
    event = Event(id="ev", date=None, label="bench", kind="meeting", participants=(),
                  documents=tuple(d.id for d in docs), reference="d000")
    return event, docs, claims


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--claims", type=int, default=30)
    ap.add_argument("--majority", action="store_true", help="no primary document")
    ap.add_argument("--cdist", action="store_true",
                    help="also time bare rapidfuzz cdist over the same candidate pairs")
    ap.add_argument("--align-only", action="store_true",
                    help="no flags (they take minutes on 1,000 documents)")
    args = ap.parse_args()
    lexicon = parse_lexicon(load_rule_file("lexicon", [ROOT / "rules"]))
    config = parse_matching_config(load_rule_file("matching", [ROOT / "rules"]))
    event, docs, claims = corpus(args.docs, args.claims)
    if args.majority:
        import attrs
        event = attrs.evolve(event, reference=None)
        docs = [attrs.evolve(d, outlet_role="outlet") for d in docs]
    calls: list[tuple[list[str], list[str], object, object]] = []
    t0 = time.process_time()
    with _recording(calls, args.cdist):
        event, groups = align_event(event, docs, claims, config, lexicon)
    t1 = time.process_time()
    flags = [] if args.align_only else flag_event(event, docs, claims, groups, lexicon, config)
    t2 = time.process_time()
    print(f"{len(docs)} docs, {len(claims)} claims: align {t1 - t0:.3f} s, "
          f"flags {t2 - t1:.3f} s, total {t2 - t0:.3f} s; {len(groups)} groups, "
          f"{len(flags)} flags")
    if args.cdist:
        bare = _bare_cdist(docs, claims, config, lexicon)
        print(f"bare rapidfuzz cdist over the same candidate pairs (pivot x each document, "
              f"scorer {config.scorer}): {bare:.3f} s; alignment / cdist = {(t1 - t0) / bare:.1f}x")
        replay = _replay(calls)
        pairs = sum(len(a) * len(b) for a, b, _, _ in calls)
        print(f"bare rapidfuzz cdist replaying every call the alignment made ({len(calls)} calls, "
              f"{pairs:,} pairs of distinct texts: the pivot against each document and the "
              f"left-over claims against each other): {replay:.3f} s; alignment / cdist = "
              f"{(t1 - t0) / replay:.1f}x")


@contextmanager
def _recording(calls: list[tuple[list[str], list[str], object, object]], on: bool) -> Iterator[None]:
    """Within the block, every rapidfuzz cdist call of the alignment is recorded
    (its texts, scorer and score cutoff) to be replayed bare afterwards."""
    from rapidfuzz import process

    from compare.align import scoring

    if not on:
        yield
        return
    real = process.cdist

    def spy(a: Any, b: Any, **kw: Any) -> Any:
        calls.append((list(a), list(b), kw.get("scorer"), kw.get("score_cutoff")))
        return real(a, b, **kw)

    scoring.process.cdist = spy  # type: ignore[attr-defined]
    try:
        yield
    finally:
        scoring.process.cdist = real  # type: ignore[attr-defined]


def _replay(calls: Sequence[tuple[list[str], list[str], object, object]]) -> float:
    """CPU seconds of the recorded cdist calls, run again on their own."""
    from rapidfuzz import process

    t0 = time.process_time()
    for a, b, scorer, cutoff in calls:
        process.cdist(a, b, scorer=scorer, score_cutoff=cutoff, dtype=np.float32)
    return time.process_time() - t0


def _bare_cdist(docs: list[Document], claims: list[Claim], config: object, lexicon: object) -> float:
    """CPU seconds of rapidfuzz cdist alone on the candidate pairs the alignment scores
    (the reference's claims against each other document's), on the normalised texts."""
    from rapidfuzz import process

    from compare.align.matching import SCORERS
    from compare.align.normalize import normalize

    by_doc: dict[str, list[str]] = {}
    for c in claims:
        by_doc.setdefault(c.document, []).append(normalize(c.text, lexicon).text)  # type: ignore[arg-type]
    ref = by_doc[docs[0].id]
    scorer = SCORERS[config.scorer]  # type: ignore[attr-defined]
    t0 = time.process_time()
    for d in docs[1:]:
        process.cdist(ref, by_doc.get(d.id, []), scorer=scorer)
    return time.process_time() - t0


if __name__ == "__main__":
    main()

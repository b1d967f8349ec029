"""Error analysis of the claim alignment on gold events (a script, not a test).

Aligns the gold events of a claim-gold set (``fit_align.prepare``, gold
clustering) with the shipped settings and prints, per gold claim, the missed
pairs (two mentions of one gold claim in no common group) and the false pairs
(two claims in one group that share no gold claim), each with the readings of
the two claims and their fused similarity.  Texts are printed, never stored:

    .venv/bin/python benchmarks/align_errors.py [--set realdev|devset|multiling]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_align import MULTILING, ROOT, prepare

from compare.align.alignment import align_event
from compare.align.languages import reading
from compare.align.normalize import normalize
from compare.align.scoring import similarity_edges
from compare.core.models import Claim
from compare.evaluation.metrics import (
    locate,
    match_documents,
    normalise_with_map,
    overlaps,
)
from compare.rules import compile_rules


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=("realdev", "devset", "multiling"), default="realdev")
    args = ap.parse_args(argv)
    rules = compile_rules([])
    shared = ROOT.parent / "shared"
    if args.set == "realdev":
        p = prepare("realdev", shared / "realdev" / "gold.yaml", rules,
                    shared / "realdev" / "manifest.csv", None)
    elif args.set == "devset":
        p = prepare("devset", shared / "devset" / "gold.yaml", rules, None, ROOT / "seeds")
    else:
        p = prepare("multiling", MULTILING / "gold.yaml", rules, MULTILING / "manifest.csv", None)
    cfg = rules.matching
    matched = match_documents(p.docs, p.gold)
    for ev, ds, cs in p.events["gold"]:
        _, als = align_event(ev, ds, cs, cfg, rules.lexicon)
        group_of: dict[str, set[str]] = defaultdict(set)
        for al in als:
            for cid in al.claims:
                group_of[cid].add(al.id)
        by_doc: dict[str, list[Claim]] = defaultdict(list)
        for c in cs:
            by_doc[c.document].append(c)
        docs = {d.id: d for d in ds}
        gold_of: dict[str, set[str]] = defaultdict(set)
        mentions: list[tuple[str, str, list[Claim]]] = []
        ids = {d.id for d in ds}
        for m in p.gold.mentions:
            if m.claim is None or p.gold.document(m.doc).event != ev.id:
                continue
            doc = matched.get(m.doc)
            if doc is None or doc.id not in ids:
                continue
            span = locate(m.quote, "", normalise_with_map(doc.text))
            over = [] if span is None else [c for c in by_doc[doc.id] if overlaps(c.span, span)]
            for c in over:
                gold_of[c.id].add(m.claim)
            mentions.append((m.claim, doc.id, over))
        texts = sorted({reading(c) for c in cs})
        idx = {t: i for i, t in enumerate(texts)}
        lex = [normalize(t, rules.lexicon).text for t in texts]
        lang = [docs[next(c for c in cs if reading(c) == t).document].language or "und"
                for t in texts]
        r, k, s, _ = similarity_edges(texts, lex, cfg, 0.0, groups=lang)
        sim = np.zeros((len(texts), len(texts)), dtype=np.float32)
        sim[r, k] = s
        sim[k, r] = s

        def sc(a: Claim, b: Claim, sim: np.ndarray = sim, idx: dict[str, int] = idx) -> float:
            return float(sim[idx[reading(a)], idx[reading(b)]])

        print(f"=== {ev.id}: {len(als)} groups")
        n_miss = 0
        for (g1, d1, o1), (g2, d2, o2) in itertools.combinations(mentions, 2):
            if g1 != g2 or d1 == d2:
                continue
            if set().union(*(group_of[c.id] for c in o1)) & set().union(
                    *(group_of[c.id] for c in o2)):
                continue
            n_miss += 1
            best = max(((sc(a, b), a, b) for a in o1 for b in o2), default=None,
                       key=lambda x: x[0])
            if best is None:
                print(f"MISS {g1}: a mention without a claim")
                continue
            a, b = best[1], best[2]
            print(f"MISS {g1} sim {best[0]:.3f} grouped {bool(group_of[a.id])}/"
                  f"{bool(group_of[b.id])}\n   A {reading(a)!r}\n   B {reading(b)!r}")
        for al in als:
            mem = [c for c in cs if c.id in al.claims and gold_of.get(c.id)]
            for a, b in itertools.combinations(mem, 2):
                if a.document != b.document and not gold_of[a.id] & gold_of[b.id]:
                    print(f"FALSE {al.id} {sorted(gold_of[a.id])} vs {sorted(gold_of[b.id])}"
                          f" sim {sc(a, b):.3f}\n   A {reading(a)!r}\n   B {reading(b)!r}")
        print(f"missed pairs {n_miss}")
        # Fragments: the groups holding the mentions of one gold claim, with the
        # average similarity between each two and whether they share a document.
        members = {al.id: [c for c in cs if c.id in al.claims] for al in als}
        by_gold: dict[str, set[str]] = defaultdict(set)
        for g, _, over in mentions:
            for c in over:
                by_gold[g] |= group_of[c.id]
        for g, gids in sorted(by_gold.items()):
            if len(gids) < 2:
                continue
            print(f"FRAG {g}: {len(gids)} groups")
            for gid in sorted(gids):
                own = [c for c in members[gid] if g in gold_of.get(c.id, set())]
                print(f"  {gid} {len(members[gid])} claims, {len(own)} of {g}: "
                      + " | ".join(repr(reading(c)[:60]) for c in members[gid][:4]))
            for a, b in itertools.combinations(sorted(gids), 2):
                ma, mb = members[a], members[b]
                avg = float(np.mean([sc(x, y) for x in ma for y in mb]))
                shared = {x.document for x in ma} & {y.document for y in mb}
                print(f"  {a}~{b} avg {avg:.3f} shared docs {len(shared)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Error analysis of the claim alignment on gold events (a script, not a test).

Aligns the gold events of a claim-gold set (``fit_align.prepare``, gold
clustering) with the shipped settings and prints, per gold claim, the missed
pairs (two mentions of one gold claim in no common group) and the false pairs
(two claims in one group that share no gold claim), each with the readings of
the two claims and their fused similarity.  Texts are printed, never stored:

    .venv/bin/python benchmarks/align_errors.py [--set realdev|devset|multiling|xlfit|...]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_align import MULTILING, ROOT, prepare

from compare.align.alignment import align_event
from compare.align.languages import reading
from compare.align.normalize import normalize
from compare.align.scoring import similarity_edges
from compare.core.models import Alignment, Claim, Document
from compare.evaluation.metrics import (
    locate,
    match_documents,
    normalise_with_map,
    overlaps,
)
from compare.rules import compile_rules


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="realdev",
                    choices=("realdev", "devset", "multiling", "xlfit", "worldset", "worldset2"))
    ap.add_argument("--causes", action="store_true",
                    help="print only the missed pairs counted by cause (see classify)")
    args = ap.parse_args(argv)
    rules = compile_rules([])
    shared = ROOT.parent / "shared"
    if args.set == "realdev":
        p = prepare("realdev", shared / "realdev" / "gold.yaml", rules,
                    shared / "realdev" / "manifest.csv", None)
    elif args.set == "devset":
        p = prepare("devset", shared / "devset" / "gold.yaml", rules, None, ROOT / "seeds")
    elif args.set == "multiling":
        p = prepare("multiling", MULTILING / "gold.yaml", rules, MULTILING / "manifest.csv", None)
    else:
        data = ROOT / "tests" / "data" / args.set
        p = prepare(args.set, data / "gold.yaml", rules, data / "manifest.csv", None)
    cfg = rules.matching
    matched = match_documents(p.docs, p.gold)
    causes: Counter[str] = Counter()
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

        if args.causes:
            causes.update(classify(mentions, group_of, gold_of, als, docs, sc, cfg.align_threshold))
            continue
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
    if args.causes:
        total = sum(n for name, n in causes.items() if not name.startswith(" "))
        print(f"{args.set}: {total} missed gold pairs (gold events)")
        for name, n in causes.most_common():
            print(f"  {n:4d} {n / max(total, 1):6.1%}  {name}")
    return 0


VERBOSE = False


def classify(mentions: Sequence[tuple[str, str, list[Claim]]],
             group_of: Mapping[str, set[str]], gold_of: Mapping[str, set[str]],
             als: Sequence[Alignment], docs: Mapping[str, Document],
             sc: Callable[[Claim, Claim], float], threshold: float) -> Counter[str]:
    """The missed pairs (two mentions of one gold claim in different documents,
    in no common group) counted by their first cause in this order:

    * ``no claim``: a mention overlaps none of our claims (not extracted);
    * ``cross-lingual``: the two documents are in different languages;
    * ``not aligned``: no claim of one mention is in any group;
    * ``compound claim``: the closest pair of claims has one that states
      several gold claims and sits in a group of another gold claim (ours is
      split coarser than the gold);
    * ``wrong group``: a claim that states only this gold claim sits in a group
      whose most frequent gold claim is another one;
    * ``two groups, similar``: both claims sit in groups of this gold claim and
      the pair scores at least ``threshold`` (the clustering kept apart two
      groups of one claim);
    * ``two groups, low similarity``: the same, with the pair under
      ``threshold`` (a paraphrase the similarity does not see).
    ``spread`` is added to the name when a mention overlaps two or more of
    our claims (ours is split finer than the gold)."""
    counts: dict[str, Counter[str]] = {}
    for al in als:
        counts[al.id] = Counter(g for cid in al.claims for g in gold_of.get(cid, ()))

    def main_golds(gid: str) -> set[str]:
        """The gold claims most frequent in group ``gid`` (ties all count)."""
        best = max(counts[gid].values(), default=0)
        return {g for g, n in counts[gid].items() if n == best > 0}

    out: Counter[str] = Counter()
    for (g1, d1, o1), (g2, d2, o2) in itertools.combinations(mentions, 2):
        if g1 != g2 or d1 == d2:
            continue
        grp1 = set().union(*(group_of.get(c.id, set()) for c in o1))
        grp2 = set().union(*(group_of.get(c.id, set()) for c in o2))
        if grp1 & grp2:
            continue
        spread = " (spread)" if len(o1) > 1 or len(o2) > 1 else ""
        if VERBOSE and spread:
            for o in (o1, o2):
                if len(o) > 1:
                    print(f"SPREAD {g1} " + " | ".join(
                        f"{sorted(group_of.get(c.id, ()))} {reading(c)[:70]!r}" for c in o))
        if not o1 or not o2:
            out["no claim"] += 1
            continue
        if (docs[d1].language or "und") != (docs[d2].language or "und"):
            out["cross-lingual" + spread] += 1
            continue
        if not grp1 or not grp2:
            out["not aligned" + spread] += 1
            continue
        _, a, b = max(((sc(x, y), x, y) for x in o1 for y in o2 if group_of.get(x.id)
                       and group_of.get(y.id)), key=lambda t: t[0])
        off = [c for c in (a, b) if all(g1 not in main_golds(k) for k in group_of[c.id])]
        if a.headline or b.headline:
            out["  of them: a headline claim"] += 1
        if any(len(gold_of.get(c.id, ())) > 1 for c in off):
            out["compound claim" + spread] += 1
            if VERBOSE:
                for c in off:
                    print(f"COMPOUND {g1} {sorted(gold_of.get(c.id, ()))} in "
                          f"{[(k, sorted(main_golds(k))) for k in sorted(group_of[c.id])]}: {reading(c)!r}")
        elif off:
            out["wrong group" + spread] += 1
            if VERBOSE:
                for c in off:
                    print(f"WRONG {g1} {sorted(gold_of.get(c.id, ()))} in "
                          f"{[(k, sorted(main_golds(k))) for k in sorted(group_of[c.id])]}: {reading(c)!r}")
        elif sc(a, b) >= threshold:
            out["two groups, similar" + spread] += 1
        else:
            out["two groups, low similarity" + spread] += 1
        if VERBOSE and not off:
            print(f"TWO {g1} {sorted(group_of[a.id])} {sorted(group_of[b.id])} {sc(a, b):.2f}")
    return out


if __name__ == "__main__":
    raise SystemExit(main())

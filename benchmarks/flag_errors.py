"""Error analysis of the flags (not a test): every flag of the claim-gold events
of ../shared/realdev (run with its manifest) and of ../shared/devset, with its
features, its confidence under the shipped model and whether the gold judges it
right.  Writes one JSON line per flag (``--out``) and prints, per flag kind,
the features whose means differ most between right and wrong flags.

    .venv/bin/python benchmarks/flag_errors.py --out /tmp/flags.jsonl

The texts of realdev stay outside the repository: the dump goes where --out says.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import attrs
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_flags import ROOT, flags_with_features, run_set

from compare.align.flagmodel import FlagModel, default_flag_model
from compare.core.models import Claim, Report
from compare.evaluation.gold import (
    Gold,
    GoldMention,
    load_gold,
)
from compare.evaluation.metrics import (
    claims_to_gold,
    locate,
    match_documents,
    overlaps,
    score_report,
)
from compare.rules import compile_rules


def gold_view(report: Report, gold: Gold) -> tuple[dict[str, set[str]], dict[tuple[str, str], str],
                                                   dict[str, list[tuple[tuple[int, int], str]]]]:
    """claim id -> gold claims its span states; (file, gold claim) -> what the gold
    says of the pair (a mention's status, ``omitted`` or ``truncated``); file ->
    located gold mentions (span, status)."""
    matched = match_documents(report.documents, gold)
    file_of = {d.id: f for f, d in matched.items()}
    spans: dict[str, list[tuple[tuple[int, int], str]]] = defaultdict(list)
    pair: dict[tuple[str, str], str] = {}
    by_file: dict[str, list[Claim]] = defaultdict(list)
    for c in report.claims:
        if c.document in file_of:
            by_file[file_of[c.document]].append(c)
    # What score_report judges flags by: the deciding quotes and the alt quotes.
    located: list[tuple[GoldMention, tuple[int, int] | None]] = []
    for m in gold.mentions:
        if m.doc not in matched:
            continue
        text = matched[m.doc].text
        sp = locate(m.quote, text)
        if m.claim:
            located += [(m, sp), *((m, locate(a, text)) for a in m.alt_quotes)]
        if sp is None:
            continue
        spans[m.doc].append((sp, m.status if m.claim else "addition"))
        if m.claim:
            pair[(m.doc, m.claim)] = m.status
    of_claim = claims_to_gold(located, by_file)
    for o in gold.omissions:
        pair[(o.doc, o.claim)] = "omitted"
    for o in gold.truncated_pairs:
        pair[(o.doc, o.claim)] = "truncated"
    return of_claim, pair, spans


_OMISSION_KINDS = ("omission", "possibly_truncated")


def why_wrong(row: dict) -> str:
    """Why a wrong flag is wrong, from the gold alone (the error classes of
    issue 14): out of scope, a knock-on of alignment, truncation, a surface
    difference over-read."""
    stated = [s for s in row["claim_gold"] if s != "addition"]
    if row["kind"] == "addition":
        return ("states a gold claim (alignment missed it)" if stated
                else "no gold mention (background, reaction, furniture, fragment)")
    if row["kind"] in _OMISSION_KINDS:
        pair = set(row["gold_pair"])
        if not row["ref_gold"]:
            return "reference claim is no gold claim"
        if "truncated" in pair:
            return "gold truncated pair"
        if pair & {"omitted"}:
            return "gold omission, flagged as the other kind"
        return "the document states it (alignment missed it)"
    if not row["ref_gold"]:
        return "reference claim is no gold claim"
    if not row["claim_gold"]:
        return "claim states no gold claim (wrong pairing)"
    return "gold: " + "/".join(row["claim_gold"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    shipped = default_flag_model()
    rules = attrs.evolve(compile_rules(), flag_model=FlagModel())
    real = run_set("realdev", args.realdev / "gold.yaml", [args.realdev / "docs"],
                   args.realdev / "manifest.csv", rules)
    dev_gold = load_gold(args.devset / "gold.yaml", args.seeds)
    dev = run_set("devset", args.devset / "gold.yaml", [d.path for d in dev_gold.documents],
                  None, rules, args.seeds)
    model = attrs.evolve(shipped, confidence=None)
    rows = []
    for s in (real, dev):
        rep, feats = flags_with_features(s, rules, model)
        conf = shipped.confidence
        rep = attrs.evolve(rep, flags=tuple(
            attrs.evolve(f, score=round(conf.predict(feats[f.id]), 3) if conf else f.score)
            for f in rep.flags))
        claims = {c.id: c for c in rep.claims}
        of_claim, pair, spans = gold_view(rep, s.gold)
        for j in score_report(rep, s.gold, cut=shipped.default_cut).flags:
            c = claims.get(j.flag.claim or "")
            r = claims.get(j.flag.reference_claim or "")
            rows.append({"id": j.flag.id, "set": s.name, "file": j.file, "kind": j.flag.kind, "bucket": j.bucket,
                         "correct": j.correct, "confidence": j.flag.score,
                         "claim": c.text if c else None, "reference": r.text if r else None,
                         "detail": j.flag.detail, "features": feats[j.flag.id],
                         "ref_doc": next((f for f, d in match_documents(rep.documents, s.gold).items()
                                          if r and d.id == r.document), None),
                         "ref_gold": sorted(of_claim.get(r.id, ())) if r else [],
                         "gold_pair": sorted({pair.get((j.file, g), "-")
                                              for g in of_claim.get(r.id, ())}) if r else [],
                         "claim_gold": sorted({st for sp, st in spans[j.file]
                                               if c and overlaps(c.span, sp)})})
    for row in rows:
        row["why_wrong"] = None if row["correct"] else why_wrong(row)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    by_kind: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[(row["set"], row["kind"])].append(row)
    for (name, kind), rs in sorted(by_kind.items()):
        right = [r for r in rs if r["correct"]]
        print(f"\n{name} {kind}: {len(rs)} flags, {len(right)} right; "
              f"mean confidence right {np.mean([r['confidence'] for r in right] or [0]):.3f}, "
              f"wrong {np.mean([r['confidence'] for r in rs if not r['correct']] or [0]):.3f}")
        whys: dict[str, int] = defaultdict(int)
        for r in rs:
            if not r["correct"]:
                whys[r["why_wrong"]] += 1
        for why, n in sorted(whys.items(), key=lambda kv: -kv[1]):
            print(f"  wrong: {n:3d} {why}")
        names = sorted({k for r in rs for k in r["features"]})
        diffs = []
        for n in names:
            a = np.array([r["features"].get(n, 0.0) for r in rs])
            y = np.array([r["correct"] for r in rs])
            if a.std() < 1e-9 or y.all() or not y.any():
                continue
            d = (a[y].mean() - a[~y].mean()) / a.std()
            diffs.append((abs(d), n, a[y].mean(), a[~y].mean()))
        for _, n, mr, mw in sorted(diffs, reverse=True)[:8]:
            print(f"  {n:28s} right {mr:7.3f}  wrong {mw:7.3f}")
    print(f"\nwrote {args.out} ({len(rows)} flags)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Why each false flag is false (error analysis, not a test): runs a claim-gold
set as ``outlet-compare eval`` does and puts every flag that matches no gold
item in one cause class (issue 14), by the gold alone:

* ``ref-doc``: the event's reference document is not the gold's reference
  (two primary readouts, or a majority reference), counted before the others;
* ``ref-not-event``: the flag's reference claim states no gold claim
  (background, a reaction, chrome in the reference);
* ``claim-not-event``: an addition, or the claim of a pair flag, that states
  no gold claim and is no gold addition (background, reactions, furniture);
* ``aligned-as-addition``: an addition whose claim states a gold claim the
  reference also makes (alignment missed it); ``/xl`` when the document's
  language differs from the reference's;
* ``stated-not-omitted``: an omission of a claim the document states
  (alignment missed it); ``/xl`` as above;
* ``truncation``: an omission on a gold truncated pair, or a
  ``possibly_truncated`` flag on a claim the document states or omits;
* ``wrong-ref-claim``: a pair flag whose claim and reference claim state
  different gold claims;
* ``over-read``: a pair flag on a mention the gold calls faithful or a
  paraphrase (``/xl``: a translation); ``wrong-kind``: the gold mention is a
  discrepancy of another kind.

Texts go to the terminal only (``--verbose``), never to a file:

    .venv/bin/python benchmarks/flag_false.py --set worldset [--verbose] [--cut]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flag_errors import gold_view
from flag_misses import SETS, run_named

from compare.evaluation.metrics import match_documents, overlaps, score_report

_PAIR_KINDS = ("wording_drift", "number_or_date_change", "attribution_change", "negation_or_hedge")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="worldset")
    ap.add_argument("--verbose", action="store_true", help="print the texts of each false flag")
    ap.add_argument("--cut", action="store_true", help="only the flags at or above the default cut")
    args = ap.parse_args(argv)
    gold, rep, _, model = run_named(args.set)
    score = score_report(rep, gold, cut=model.default_cut)
    of_claim, pair, spans = gold_view(rep, gold)
    matched = match_documents(rep.documents, gold)
    file_of = {d.id: f for f, d in matched.items()}
    docs = {d.id: d for d in rep.documents}
    claims = {c.id: c for c in rep.claims}
    events = {e.id: e for e in rep.events}
    gold_ref = {}
    for gd in gold.documents:
        for ge in gold.events:
            if gd.event == ge.id:
                gold_ref[gd.file] = ge.reference
    causes: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for j in score.flags:
        if j.bucket not in ("omission", "omission_truncated", "addition", *_PAIR_KINDS):
            continue
        if args.cut and j.flag.score < model.default_cut:
            continue
        totals[j.bucket] += 1
        if j.correct:
            continue
        f = j.flag
        c = claims.get(f.claim or "")
        r = claims.get(f.reference_claim or "")
        doc = docs[f.document]
        ev = events.get(doc.event_id or "")
        ref_doc = docs.get(r.document) if r else (docs.get(ev.reference or "") if ev else None)
        xl = "/xl" if ref_doc is not None and ref_doc.language != doc.language else ""
        c_gold = {st for sp, st in spans[j.file] if c and overlaps(c.span, sp)}
        c_claims = of_claim.get(c.id, set()) if c else set()
        r_claims = of_claim.get(r.id, set()) if r else set()
        want = gold_ref.get(j.file)
        tool_ref = file_of.get(ev.reference or "") if ev else None
        if want is not None and ev is not None and tool_ref is not None and tool_ref != want:
            cause = "ref-doc"
        elif f.kind == "addition":
            cause = "aligned-as-addition" + xl if c_claims else "claim-not-event"
        elif j.bucket in ("omission", "omission_truncated"):
            states = {pair.get((j.file, g), "-") for g in r_claims}
            if r is not None and not r_claims:
                cause = "ref-not-event"
            elif "truncated" in states or f.kind == "possibly_truncated":
                cause = "truncation"
            else:
                cause = "stated-not-omitted" + xl
        else:
            stat = c_gold - {"addition"}
            if r is not None and not r_claims:
                cause = "ref-not-event"
            elif not c_claims:
                cause = "claim-not-event"
            elif not c_claims & r_claims:
                cause = "wrong-ref-claim" + xl
            elif stat & {"faithful", "paraphrase"}:
                cause = "over-read" + xl
            else:
                cause = "wrong-kind" + xl
        causes[(j.bucket, cause)] += 1
        print(f"[{j.bucket}] {cause}: {j.file} score {f.score:.2f} {f.detail[:90]!r}")
        if args.verbose:
            print(f"     ref  ({ref_doc.language if ref_doc else '-'}, {sorted(r_claims)}): "
                  f"{r.text[:200] if r else '-'}")
            print(f"     claim({doc.language}, {sorted(c_claims)} {sorted(c_gold)}): "
                  f"{c.text[:200] if c else '-'}")
    print(f"\n{args.set}: false flags by cause ({'at the cut' if args.cut else 'all'}); "
          f"flags per bucket {dict(totals)}")
    for (bucket, cause), n in sorted(causes.items()):
        print(f"  {bucket:24s} {cause:26s} {n}")
    by_cause: Counter[str] = Counter()
    for (bucket, cause), n in causes.items():
        if bucket != "omission_truncated":
            by_cause[cause] += n
    print("  micro buckets:", dict(by_cause.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

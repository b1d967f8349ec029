"""Why each gold flag is missed (error analysis, not a test): runs a claim-gold
set as ``outlet-compare eval`` does and puts every missed gold item (an
omission or a discrepant mention no flag finds, at no cut) in one cause class
(issue 14):

* ``a-not-aligned``: the document's claim stating the gold claim is in no
  reference group (or, for an omission, the document's claim was put in the
  reference claim's group although it states another gold claim);
* ``b-no-discrepancy``: aligned with a reference claim stating the same gold
  claim, and :func:`compare_pair` found nothing (or found another kind);
* ``c-wrong-reference``: aligned, but the group's reference claim states
  another gold claim (or no reference claim states the gold claim);
* ``d-elsewhere/truncated``: an omission not flagged because the reference
  claim counts as reported within another claim, as not carried, or because
  the document is cut (``possibly_truncated``);
* ``f-other``: no claim overlaps the quote, an addition filtered out, ...

Texts are printed, never stored:

    .venv/bin/python benchmarks/flag_misses.py --set realdev [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_flags import ROOT, run_set
from flag_errors import gold_view

from compare.align.discrepancies import compare_pair, states_contact
from compare.align.flagbase import minor as _minor
from compare.align.flagmodel import FlagModel, default_flag_model
from compare.core.models import Report
from compare.evaluation.gold import Gold, load_gold
from compare.evaluation.metrics import match_documents, overlaps, score_report
from compare.rules import Rules, compile_rules

SHARED = ROOT.parent / "shared"
SETS = {
    "realdev": (SHARED / "realdev" / "gold.yaml", SHARED / "realdev" / "manifest.csv", None),
    "devset": (SHARED / "devset" / "gold.yaml", None, ROOT / "seeds"),
    "multiling": (ROOT / "tests/data/multiling/gold.yaml",
                  ROOT / "tests/data/multiling/manifest.csv", None),
    "worldset": (ROOT / "tests/data/worldset/gold.yaml",
                 ROOT / "tests/data/worldset/manifest.csv", None),
    "worldset2": (ROOT / "tests/data/worldset2/gold.yaml",
                  ROOT / "tests/data/worldset2/manifest.csv", None),
    "evalset": (ROOT / "tests/data/evalset/gold.yaml", None, None),
    "xlfit": (ROOT / "tests/data/xlfit/gold.yaml", ROOT / "tests/data/xlfit/manifest.csv", None),
}


def run_named(name: str) -> tuple[Gold, Report, Rules, FlagModel]:
    """One set of :data:`SETS` run as ``eval`` runs it: its gold, the report,
    the shipped rules and flag model."""
    gold_path, manifest, seeds = SETS[name]
    rules = compile_rules()
    gold = load_gold(gold_path, seeds)
    s = run_set(name, gold_path, [d.path for d in gold.documents], manifest, rules, seeds)
    return gold, s.report, rules, default_flag_model()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="realdev")
    ap.add_argument("--verbose", action="store_true", help="print the texts of each miss")
    args = ap.parse_args(argv)
    gold, rep, rules, model = run_named(args.set)
    score = score_report(rep, gold, worst=100000, cut=model.default_cut)
    missed = score.details["worst_misses"]["missed"]
    of_claim, _, _ = gold_view(rep, gold)
    matched = match_documents(rep.documents, gold)
    claims = {c.id: c for c in rep.claims}
    events = {e.id: e for e in rep.events}
    by_doc: dict[str, list] = defaultdict(list)
    for c in rep.claims:
        by_doc[c.document].append(c)
    group_of: dict[str, list] = defaultdict(list)
    for a in rep.alignments:
        for cid in a.claims:
            group_of[cid].append(a)
    flags_of: dict[str, list] = defaultdict(list)
    for f in rep.flags:
        flags_of[f.document].append(f)
    causes: Counter[tuple[str, str]] = Counter()
    lex, cfg = rules.lexicon, rules.matching

    def note(kind: str, cause: str, why: str, lines: list[str]) -> None:
        causes[(kind, cause)] += 1
        print(f"[{kind}] {cause}: {why}")
        if args.verbose:
            for line in lines:
                print("     " + line)

    for it in missed:
        kind, file, gclaim = it["kind"], it["doc"], it["claim"]
        doc = matched.get(file)
        if doc is None or doc.event_id is None:
            note(kind, "f-other", f"{file} not matched/grouped", [])
            continue
        ev = events[doc.event_id]
        ref_doc = ev.reference
        refs = [c for c in by_doc.get(ref_doc or "", []) if gclaim and gclaim in of_claim.get(c.id, ())]
        ref_groups = {a.id: a for a in rep.alignments
                      if a.event == ev.id and a.reference_claim is not None}
        head = f"{file} {gclaim or ''} | {it['quote'][:110]}"
        if kind in ("omission", "omission_truncated"):
            if ev.reference_basis == "majority":
                # groups without a reference claim: the members stating the gold claim
                stating = [a for a in rep.alignments if a.event == ev.id and any(
                    gclaim in of_claim.get(c, ()) for c in a.claims)]
                if not stating:
                    note(kind, "c-wrong-reference", f"majority event: no group states it | {head}",
                         [])
                    continue
                best = max(stating, key=lambda a: len({claims[c].document for c in a.claims}))
                docs_in = {claims[c].document for c in best.claims}
                mine = [claims[c] for c in best.claims if claims[c].document == doc.id]
                fl = [f for f in flags_of[doc.id] if f.alignment == best.id]
                lines = [f"{sorted(of_claim.get(c, ()))} {claims[c].text[:140]}"
                         for c in best.claims]
                if mine:
                    note(kind, "a-not-aligned", f"majority event: the document's claim is in the "
                         f"group ({len(docs_in)} docs) | {head}", lines)
                elif fl:
                    note(kind, "d-elsewhere/truncated", "majority event: flagged as " + ",".join(
                        f.kind for f in fl) + f" | {head}", lines)
                else:
                    note(kind, "c-wrong-reference" if len(docs_in) < 3 else "d-elsewhere/truncated",
                         f"majority event: best group has {len(docs_in)} docs "
                         f"(of {len(stating)} groups stating it; truncated={doc.truncated}) | {head}",
                         lines)
                continue
            if not refs:
                note(kind, "c-wrong-reference", f"no reference claim states {gclaim}: {head}", [])
                continue
            lines: list[str] = []
            cause, why = "f-other", "?"
            for r in refs:
                grp = [a for a in ref_groups.values() if a.reference_claim == r.id]
                if not grp:
                    cause, why = "a-not-aligned", "reference claim heads no group"
                    lines.append(f"ref: {r.text[:160]}")
                    continue
                a = grp[0]
                mine = [claims[c] for c in a.claims if claims[c].document == doc.id]
                fl = [f for f in flags_of[doc.id] if f.reference_claim == r.id]
                lines.append(f"ref: {r.text[:160]}")
                if mine:
                    cause = "a-not-aligned"
                    why = "a claim of the document is in the reference group: " + "; ".join(
                        f"{sorted(of_claim.get(m.id, ()))} {m.text[:120]}" for m in mine)
                elif fl:
                    cause = "d-elsewhere/truncated"
                    why = "flagged as " + ",".join(f.kind for f in fl)
                elif r.event_statement or _minor(r, lex, cfg):
                    cause, why = "f-other", "reference claim is event sentence / minor"
                else:
                    share = len({claims[c].document for c in a.claims}) / max(
                        1, len(ev.documents))
                    cause = "d-elsewhere/truncated"
                    why = (f"not flagged (reported within another claim or not carried; "
                           f"group share {share:.2f}, truncated={doc.truncated})")
                break
            note(kind, cause, f"{why} | {head}", lines)
            continue
        # a mention: the document's claims overlapping the gold quote
        span = None
        from compare.evaluation.metrics import locate
        span = locate(it["quote"], doc.text)
        over = [c for c in by_doc[doc.id] if span is not None and overlaps(c.span, span)]
        if not over:
            note(kind, "f-other", f"no claim overlaps the quote (located={span is not None}) | {head}",
                 [])
            continue
        fl = [f for f in flags_of[doc.id] if f.claim in {c.id for c in over}]
        lines = [f"claim: {c.text[:200]}" for c in over]
        if fl:
            note(kind, "f-other", "flagged as another kind: " + ",".join(
                f"{f.kind}({f.detail[:60]})" for f in fl) + f" | {head}", lines)
            continue
        in_ref = [(c, a) for c in over for a in group_of.get(c.id, ()) if a.id in ref_groups]
        if kind == "addition":
            if in_ref:
                c, a = in_ref[0]
                r = claims[a.reference_claim or ""]
                note(kind, "a-not-aligned", f"aligned with reference claim "
                     f"{sorted(of_claim.get(r.id, ()))} | {head}", [*lines, f"ref: {r.text[:200]}"])
            else:
                c = over[0]
                why = ("states the contact" if states_contact(c, lex) else
                       "minor" if _minor(c, lex, cfg) else "filtered (scope/elsewhere/restated)")
                note(kind, "f-other", f"addition {why} | {head}", lines)
            continue
        if not in_ref:
            note(kind, "a-not-aligned", f"in no reference group ({len(refs)} reference claims "
                 f"state it) | {head}", [*lines, *(f"ref: {r.text[:200]}" for r in refs)])
            continue
        right = [(c, a) for c, a in in_ref if gclaim in of_claim.get(a.reference_claim or "", ())]
        if not right:
            c, a = in_ref[0]
            r = claims[a.reference_claim or ""]
            note(kind, "c-wrong-reference", f"reference claim states "
                 f"{sorted(of_claim.get(r.id, ()))} | {head}", [*lines, f"ref: {r.text[:200]}"])
            continue
        c, a = right[0]
        r = claims[a.reference_claim or ""]
        found = compare_pair(r, c, lex, language=doc.language)
        note(kind, "b-no-discrepancy", f"compare_pair -> {found} | {head}",
             [*lines, f"ref: {r.text[:200]}"])
    print("\ncauses:")
    for (kind, cause), n in sorted(causes.items()):
        print(f"  {kind:24s} {cause:24s} {n}")
    total: Counter[str] = Counter()
    for (kind, cause), n in causes.items():
        if kind != "omission_truncated":
            total[cause] += n
    print("  total (micro buckets):", dict(total))
    return 0


if __name__ == "__main__":
    sys.exit(main())

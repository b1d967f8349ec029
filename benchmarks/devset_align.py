"""Measure claim alignment and discrepancy flags on ../shared/devset (not a test).

Claims are the gold mention quotes (one claim per quote, in its document);
the gold alignment joins quotes with the same claim id.  Prints pairwise
alignment precision/recall/F1 for every scorer and threshold, flag
precision/recall per kind against the gold statuses and omissions, and the
same for a plain ``difflib.SequenceMatcher`` aligner baseline.

    .venv/bin/python benchmarks/devset_align.py [--devset DIR] [--seeds DIR]
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import attrs
import yaml

from compare.align.alignment import align_event
from compare.align.flags import flag_event
from compare.align.lexicon import Lexicon, parse_lexicon
from compare.align.matching import MatchingConfig, parse_matching_config
from compare.core.models import Alignment, Claim, Document, Event, Flag
from compare.core.rulefiles import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("omission", "addition", "wording_drift", "number_or_date_change",
         "attribution_change", "negation_or_hedge")


@attrs.frozen
class DevEvent:
    event: Event
    docs: tuple[Document, ...]
    claims: tuple[Claim, ...]
    gold_claim: dict[str, str | None]     # claim id -> gold claim id
    gold_status: dict[str, str]           # claim id -> gold status
    omissions: frozenset[tuple[str, str]]  # (doc id, gold claim id)


def _doc_id(file: str) -> str:
    return Path(file).stem


def load_devset(devset: Path, seeds: Path) -> list[DevEvent]:
    gold = yaml.safe_load((devset / "gold.yaml").read_text("utf-8"))
    events = {e["id"]: e for e in gold["events"] if e.get("claims")}
    out = []
    for ev_id, ev in events.items():
        docs = []
        for d in gold["documents"]:
            if d.get("event") != ev_id:
                continue
            path = (seeds / Path(d["file"]).name if d["file"].startswith("seeds/")
                    else devset / d["file"])
            text = path.read_text("utf-8").replace("\u00a0", " ")
            docs.append(Document(
                id=_doc_id(d["file"]), path=str(path), sha256="", text=text,
                outlet=d["outlet"], outlet_role=d.get("role", "unknown"),
                relays=(d["relays"],) if d.get("relays") else (),
                duplicate_of=_doc_id(d["duplicate_of"]) if d.get("duplicate_of") else None,
                event_id=ev_id))
        by_id = {d.id: d for d in docs}
        claims: list[Claim] = []
        gold_claim: dict[str, str | None] = {}
        gold_status: dict[str, str] = {}
        counter: dict[str, int] = defaultdict(int)
        for m in gold["mentions"]:
            did = _doc_id(m["doc"])
            if did not in by_id:
                continue
            quote = m["quote"].replace("\u00a0", " ")
            start = by_id[did].text.find(quote)
            counter[did] += 1
            cid = f"{did}:c{counter[did]}"
            claims.append(Claim(id=cid, document=did, event=ev_id, text=quote,
                                span=(start, start + len(quote))))
            gold_claim[cid] = m["claim"]
            gold_status[cid] = m["status"]
        ref = _doc_id(ev["reference"])
        event = Event(id=ev_id, date=None, label=ev_id, kind="call", participants=(),
                      documents=tuple(d.id for d in docs),
                      reference=ref, reference_basis="primary")
        oms = frozenset((_doc_id(o["doc"]), o["claim"]) for o in gold["omissions"]
                        if _doc_id(o["doc"]) in by_id)
        out.append(DevEvent(event, tuple(docs), tuple(claims), gold_claim, gold_status, oms))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pair_scores(dev: Sequence[DevEvent], groups: Sequence[Sequence[Sequence[str]]]
                ) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for de, grps in zip(dev, groups, strict=True):
        pred = {}
        for n, g in enumerate(grps):
            for c in g:
                pred[c] = n
        doc = {c.id: c.document for c in de.claims}
        for a, b in itertools.combinations([c.id for c in de.claims], 2):
            if doc[a] == doc[b]:
                continue
            g = de.gold_claim[a] is not None and de.gold_claim[a] == de.gold_claim[b]
            p = a in pred and b in pred and pred[a] == pred[b]
            tp += g and p
            fp += p and not g
            fn += g and not p
    return prf(tp, fp, fn)


def flag_scores(dev: Sequence[DevEvent], flags: Sequence[Sequence[Flag]],
                aligns: Sequence[Sequence[Alignment]]) -> dict[str, tuple[float, float, float]]:
    counts = {k: [0, 0, 0] for k in KINDS}
    for de, fl, al in zip(dev, flags, aligns, strict=True):
        ref = de.event.reference
        ref_gold = {a.id: de.gold_claim.get(a.reference_claim or "") for a in al}
        pred_om = set()
        pred_claim: dict[str, str] = {}
        for f in fl:
            if f.kind in ("omission", "possibly_truncated"):
                pred_om.add((f.document, ref_gold.get(f.alignment or "")))
            elif f.claim:
                pred_claim[f.claim] = f.kind
        c = counts["omission"]
        c[0] += len(pred_om & de.omissions)
        c[1] += len(pred_om - de.omissions)
        c[2] += len(de.omissions - pred_om)
        for cl in de.claims:
            if cl.document == ref:
                continue
            gold = de.gold_status[cl.id]
            pred = pred_claim.get(cl.id)
            for k in KINDS[1:]:
                counts[k][0] += gold == k and pred == k
                counts[k][1] += pred == k and gold != k
                counts[k][2] += gold == k and pred != k
    return {k: prf(*v) for k, v in counts.items()}


def run(dev: Sequence[DevEvent], config: MatchingConfig, lexicon: Lexicon
        ) -> tuple[list[list[Alignment]], list[list[Flag]]]:
    aligns, flags = [], []
    for de in dev:
        ev, al = align_event(de.event, de.docs, de.claims, config, lexicon)
        aligns.append(al)
        flags.append(flag_event(ev, de.docs, de.claims, al, lexicon, config))
    return aligns, flags


def difflib_baseline(dev: Sequence[DevEvent], threshold: float = 0.5
                     ) -> tuple[list[list[list[str]]], dict[str, tuple[float, float, float]]]:
    """Greedy best-match against the reference with SequenceMatcher.ratio."""
    all_groups: list[list[list[str]]] = []
    counts = {k: [0, 0, 0] for k in KINDS}
    for de in dev:
        ref = de.event.reference
        refc = [c for c in de.claims if c.document == ref]
        groups = [[c.id] for c in refc]
        for d in de.docs:
            if d.id == ref:
                continue
            mine = [c for c in de.claims if c.document == d.id]
            hit = set()
            for c in mine:
                scores = [difflib.SequenceMatcher(None, c.text.lower(), r.text.lower()).ratio()
                          for r in refc]
                best = max(range(len(refc)), key=lambda i: scores[i]) if refc else -1
                gold = de.gold_status[c.id]
                if best >= 0 and scores[best] >= threshold:
                    groups[best].append(c.id)
                    hit.add(de.gold_claim[refc[best].id])
                    pred = "wording_drift" if scores[best] < 0.9 else None
                else:
                    pred = "addition"
                for k in KINDS[1:]:
                    counts[k][0] += gold == k and pred == k
                    counts[k][1] += pred == k and gold != k
                    counts[k][2] += gold == k and pred != k
            pred_om = {(d.id, de.gold_claim[r.id]) for r in refc} - {(d.id, h) for h in hit}
            gold_om = {o for o in de.omissions if o[0] == d.id}
            counts["omission"][0] += len(pred_om & gold_om)
            counts["omission"][1] += len(pred_om - gold_om)
            counts["omission"][2] += len(gold_om - pred_om)
        all_groups.append(groups)
    return all_groups, {k: prf(*v) for k, v in counts.items()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--sweep", action="store_true", help="scorer x threshold sweep")
    ap.add_argument("--errors", action="store_true", help="print flag disagreements")
    args = ap.parse_args(argv)
    if not (args.devset / "gold.yaml").is_file():
        print(f"no devset at {args.devset}", file=sys.stderr)
        return 1
    lexicon = parse_lexicon(load_rule_file("lexicon", [ROOT / "rules"]))
    config = parse_matching_config(load_rule_file("matching", [ROOT / "rules"]))
    dev = load_devset(args.devset, args.seeds)
    if args.sweep:
        print("scorer            weight thr   P     R     F1")
        for scorer in ("token_set_ratio", "token_sort_ratio", "WRatio", "ratio", "jaccard"):
            for w in ((1.0, 0.5) if scorer != "jaccard" else (0.0,)):
                for thr in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
                    cfg = attrs.evolve(config, scorer=scorer, fuzzy_weight=w, match_threshold=thr,
                                       restatement_threshold=max(thr, config.restatement_threshold))
                    al = [align_event(de.event, de.docs, de.claims, cfg, lexicon)[1] for de in dev]
                    p, r, f = pair_scores(dev, [[a.claims for a in x] for x in al])
                    print(f"{scorer:17} {w:.1f}    {thr:.2f}  {p:.3f} {r:.3f} {f:.3f}")
    aligns, flags = run(dev, config, lexicon)
    p, r, f = pair_scores(dev, [[a.claims for a in x] for x in aligns])
    print(f"\nchosen config ({config.scorer}, w={config.fuzzy_weight}, "
          f"match={config.match_threshold}): alignment P={p:.3f} R={r:.3f} F1={f:.3f}")
    for kind, (fp_, fr, ff) in flag_scores(dev, flags, aligns).items():
        print(f"  {kind:22} P={fp_:.3f} R={fr:.3f} F1={ff:.3f}")
    groups, base = difflib_baseline(dev)
    p, r, f = pair_scores(dev, groups)
    print(f"\ndifflib baseline: alignment P={p:.3f} R={r:.3f} F1={f:.3f}")
    for kind, (fp_, fr, ff) in base.items():
        print(f"  {kind:22} P={fp_:.3f} R={fr:.3f} F1={ff:.3f}")
    if args.errors:
        for de, fl in zip(dev, flags, strict=True):
            pred = {f.claim: f for f in fl if f.claim}
            for c in de.claims:
                if c.document == de.event.reference:
                    continue
                g = de.gold_status[c.id]
                g = g if g in KINDS else None
                k = pred[c.id].kind if c.id in pred else None
                if g != k:
                    detail = pred[c.id].detail if c.id in pred else ""
                    print(f"[{c.document[:14]}] gold={g} pred={k} {c.text[:90]!r} | {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

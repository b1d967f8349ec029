"""Which features rank the flags of each family, and on which sets (not a test).

Runs the pipeline as a user would on ../shared/realdev (with its manifest),
../shared/devset (with ./seeds), the multilingual set and the evalset of
tests/data, scores every flag of the claim-gold events against the gold and
prints, per flag family (omission ``om``, possibly_truncated ``pt``, wording
drift ``drift``, the other pair kinds ``pair``, addition ``ad``):

1. the univariate AUC of right vs wrong flags of every feature on every set
   (``nan``: the set has no flag of the family, or all of them are right or all
   wrong), and whether its direction agrees on every set with at least
   :data:`MIN_EACH` right and :data:`MIN_EACH` wrong flags (at least two such sets);
2. the ranking (AUC) of the confidence model's out-of-fold logits within each
   family, folds by claim group and by event, for the features of
   benchmarks/fit_flags.py (CONFIDENCE_FEATURES) with ``--add`` / ``--drop``
   applied, and the held-out multilingual set and evalset ranked by a model
   fitted on realdev and the devset.

Besides the pipeline's features it computes candidate features of a wording
drift (``dr_*``, zero outside the family, see :func:`drift_candidates`):
general properties of the two wordings and of the other outlets' wordings of
the same claim, to try before any goes into compare/align.

    .venv/bin/python benchmarks/flag_family_auc.py [--family drift] [--add dr_length] [--drop pr_scope]

Findings of 2026-12-07 (main d12fe91, branch flags6), AUC of right vs wrong
wording drifts, realdev / devset (48 flags, 19 right / 13 flags, 11 right; the
multilingual set has no drift flag, the evalset's 3 are all right):

* the pair features the model shares across the pair kinds point different
  ways per set for drifts: pr_scope 0.61/0.27, pr_ref_scope 0.41/0.66,
  pr_cosine 0.49/0.64, pr_doc_share 0.69/0.34, pr_group_share 0.56/0.14; for
  the other pair kinds pr_peer_cosine is 0.86 realdev / 0.10 multiling and
  pr_margin 0.36/0.00 while both agree for drifts (0.63/0.55, 0.58/0.77);
* candidates: dr_lost (of the reference words the word diff deletes, the
  share the document states nowhere) 0.62/0.98, dr_length 0.70/0.59 (for the other pair kinds 0.21 realdev, 0.35
  multiling: a per-family feature), dr_ref_cover 0.64/0.75, dr_peer_keep
  0.54/0.82; the "odd one out" features do not agree: dr_odd_rank 0.54/0.27,
  dr_peer_max 0.73/0.41, dr_claim_cover 0.40/0.55, and dr_peer_gap 0.43/0.41
  is weak; dr_reduction is never set (no document wording on these sets only
  drops words of the reference claim: outlets add a verb of saying or a source);
* out-of-fold AUC, all flags by claim group / by event (drifts alone):
  CONFIDENCE_FEATURES realdev 0.701/0.697 (0.38/0.38), devset 0.481/0.432
  (0.91/0.41); ``--add dr_length --drop pr_scope --drop pr_ref_scope`` realdev
  0.713/0.707 (0.52/0.50), devset 0.477/0.462 (0.82/0.64), multiling held out
  0.593 -> 0.590.  Refitted with it (as a flagevidence feature, fit_flags.py
  --keep-gates) no drift or addition reached the cut (the best out-of-fold
  drift probability about 0.6, a wrong flag; additions below 0.45) and realdev
  at the cut went 0.865/0.331 -> 0.863/0.323 (cut 0.67): not kept.  With
  dr_lost as well (both as flagevidence features pr_drift_lost and
  pr_drift_length): realdev 0.701/0.697 -> 0.715/0.710, devset 0.481/0.432 ->
  0.500/0.481 (fit_flags.py's own folds), and again 0.863/0.323 at cut 0.67,
  no drift or addition at the cut: not kept.  The in-sample drift scores of
  that model top out at 0.59 (7 of the top 10 right): the realdev pair
  intercept is shared with number, attribution and negation changes (1 of 15
  right).  A family of its own for drifts (own intercept per set, as ``om``,
  ``pt``, ``pr``, ``ad``) did not lift them either: the best out-of-fold drift
  probability stays about 0.69, and that flag is wrong (a tone word rendered by
  another adjective that the gold calls a paraphrase), all flags 0.716/0.720.
* additions: ad_text_cover (0.71 realdev / 0.40 multiling) and
  ad_ref_text_cover (0.37/0.54) disagree across the sets; without them (and
  without pr_scope, pr_ref_scope) realdev 0.703/0.702, additions 0.63 -> 0.60
  by claim group: not kept either.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_flags import CONFIDENCE_FEATURES, ROOT, Set, flags_with_features, golds_present, run_set
from fitting import auc, fit_logistic, out_of_fold, stratum

from compare.align.flagmodel import default_flag_model
from compare.align.languages import _root, languages_differ
from compare.align.lexicon import Lexicon
from compare.align.matching import MatchingConfig
from compare.align.normalize import normalize
from compare.align.scoring import claim_embeddings
from compare.align.worddiff import word_diff
from compare.core.models import Claim, Flag
from compare.evaluation.gold import load_gold
from compare.evaluation.metrics import score_report
from compare.rules import Rules, compile_rules

PAIR_KINDS = ("wording_drift", "number_or_date_change", "attribution_change",
              "negation_or_hedge")
FAMILY_NAMES = ("om", "pt", "drift", "pair", "ad")
# A set's direction counts only with this many right and this many wrong flags.
MIN_EACH = 2
L2 = 100.0  # the strength benchmarks/fit_flags.py chose on 2026-12-07


def family(kind: str) -> str:
    return {"omission": "om", "possibly_truncated": "pt", "wording_drift": "drift",
            "addition": "ad"}.get(kind, "pair")


# --------------------------------------------------------------------------- candidates


def content_cover(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s content stems found in ``whole`` (0 for an empty part)."""
    return len(part & whole) / len(part) if part else 0.0


def length_ratio(ref: str, claim: str, lexicon: Lexicon) -> float:
    """Log ratio of the content words of ``claim`` to those of ``ref``."""
    a = len(normalize(ref, lexicon).content)
    b = len(normalize(claim, lexicon).content)
    return math.log((1 + b) / (1 + a))


def odd_rank(here: float, others: Sequence[float]) -> float:
    """Share of the other wordings closer to the reference than this one
    (ties count half); 0.5 without others."""
    if not others:
        return 0.5
    o = np.asarray(others, dtype=float)
    return float(((o > here).sum() + 0.5 * (o == here).sum()) / len(o))


def lost_share(ref: str, claim: str, doc_stems: frozenset[str], lexicon: Lexicon) -> float:
    """Of the content words the word diff deletes from ``ref``, the share the
    document (``doc_stems``: the content stems of its whole text) states
    nowhere; 0 when it deletes none."""
    gone = " ".join(op.text for op in word_diff(ref, claim) if op.op == "delete")
    deleted = normalize(gone, lexicon).stems
    return len(deleted - doc_stems) / len(deleted) if deleted else 0.0


def drift_candidates(ref: str, claim: str, others: Sequence[str], lexicon: Lexicon,
                     vec: Mapping[str, np.ndarray] | None, same_language: bool,
                     doc_stems: frozenset[str] = frozenset()) -> dict[str, float]:
    """Candidate features of a wording drift between ``ref`` and ``claim``;
    ``others``: the other independent outlets' wordings of the claim group;
    ``vec``: unit embeddings of the texts (None: no embedding features);
    ``doc_stems``: the content stems of the document's whole text.
    Word features only for two texts of one language (0 otherwise)."""
    f: dict[str, float] = {}
    a, b = normalize(ref, lexicon).stems, normalize(claim, lexicon).stems
    if same_language:
        f["dr_lost"] = lost_share(ref, claim, doc_stems | b, lexicon)
        f["dr_ref_cover"] = content_cover(a, b)
        f["dr_claim_cover"] = content_cover(b, a)
        f["dr_reduction"] = float(bool(b) and b < a)
        f["dr_length"] = length_ratio(ref, claim, lexicon)
        keep = [content_cover(a, normalize(o, lexicon).stems) for o in others]
        f["dr_peer_keep"] = float(np.mean(keep)) if keep else 0.0
    if vec is not None:
        here = float(vec[ref] @ vec[claim])
        to_ref = [float(vec[ref] @ vec[o]) for o in others]
        f["dr_odd_rank"] = odd_rank(here, to_ref)
        f["dr_peer_gap"] = here - float(np.mean(to_ref)) if to_ref else 0.0
        f["dr_peer_max"] = max((float(vec[claim] @ vec[o]) for o in others), default=0.0)
    return f


def add_candidates(s: Set, feats: dict[str, dict[str, float]], lexicon: Lexicon,
                   config: MatchingConfig) -> None:
    """The drift candidates of every wording drift of the set (in place)."""
    rep = s.report
    cl = {c.id: c for c in rep.claims}
    docs = {d.id: d for d in rep.documents}
    groups = {a.id: a for a in rep.alignments}
    todo: list[tuple[Flag, Claim, Claim, list[str]]] = []
    for f in rep.flags:
        ref, claim = cl.get(f.reference_claim or ""), cl.get(f.claim or "")
        group = groups.get(f.alignment or "")
        if f.kind != "wording_drift" or ref is None or claim is None or group is None:
            continue
        mine = {_root(docs[f.document], docs), _root(docs[ref.document], docs)}
        others = [cl[c].text for c in group.claims if c in cl and c not in (ref.id, claim.id)
                  and _root(docs[cl[c].document], docs) not in mine]
        todo.append((f, ref, claim, others))
    texts = sorted({t for _, r, c, o in todo for t in (r.text, c.text, *o)})
    emb = claim_embeddings(texts, config) if texts else None
    vec = None
    if emb is not None:
        unit = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
        vec = {t: unit[i] for i, t in enumerate(texts)}
    stems: dict[str, frozenset[str]] = {}
    for f, ref, claim, others in todo:
        same = not languages_differ(docs[ref.document], docs[f.document])
        if f.document not in stems:
            stems[f.document] = normalize(docs[f.document].text, lexicon).stems
        feats[f.id].update(drift_candidates(ref.text, claim.text, others, lexicon, vec, same,
                                            stems[f.document]))


# --------------------------------------------------------------------------- main


@attrs.frozen
class Row:
    set: str
    kind: str
    group: str
    event: str
    right: int
    features: Mapping[str, float]


def collect(s: Set, rules: Rules) -> list[Row]:
    model = attrs.evolve(default_flag_model(), confidence=None)
    rep, feats = flags_with_features(s, rules, model)
    add_candidates(attrs.evolve(s, report=rep), feats, rules.lexicon, rules.matching)
    rows = []
    for j in score_report(rep, s.gold, cut=0.0).flags:
        f = j.flag
        group = (f"{s.name}:{f.event}:{f.alignment}" if f.alignment
                 else f"{s.name}:{j.file}")
        rows.append(Row(s.name, f.kind, group, f"{s.name}:{f.event}", int(j.correct),
                        feats[f.id]))
    return rows


def univariate(rows: Sequence[Row], fam: str, sets: Sequence[str]) -> list[str]:
    by_set = {n: [r for r in rows if r.set == n and family(r.kind) == fam] for n in sets}
    names = sorted({k for rs in by_set.values() for r in rs for k in r.features
                    if k.startswith(("dr_", "pr_") if fam in ("drift", "pair") else
                                    ("om_",) if fam in ("om", "pt") else (f"{fam}_",))})
    counts = "  ".join(f"{n} {len(rs)}/{sum(r.right for r in rs)} right" for n, rs in by_set.items())
    out = [f"{fam}: {counts}", f"  {'feature':26s} " + " ".join(f"{n[:9]:>9s}" for n in sets)]
    for name in names:
        vals = []
        agree: list[bool] = []
        for rs in by_set.values():
            y = [r.right for r in rs]
            a = auc([r.features.get(name, 0.0) for r in rs], y) if rs else float("nan")
            vals.append(a)
            if sum(y) >= MIN_EACH and len(y) - sum(y) >= MIN_EACH and abs(a - 0.5) > 1e-9:
                agree.append(a > 0.5)
        if all(math.isnan(v) or abs(v - 0.5) < 1e-9 for v in vals):
            continue
        mark = ("" if len(agree) < 2 else "DISAGREES" if len(set(agree)) > 1
                else f"agrees on {len(agree)} sets")
        out.append(f"  {name:26s} " + " ".join(f"{v:9.2f}" for v in vals) + f"  {mark}")
    return out


def ranking(rows: Sequence[Row], names: frozenset[str], held_out: Sequence[str]) -> list[str]:
    train = [r for r in rows if r.set in ("realdev", "devset")]
    x = [{k: v for k, v in r.features.items() if k in names} for r in train]
    y = [r.right for r in train]
    strata = [stratum(r.set, xi) for r, xi in zip(train, x, strict=True)]
    by_group = out_of_fold(x, y, [r.group for r in train], L2, logits=True, strata=strata)
    by_event = out_of_fold(x, y, [r.event for r in train], L2, logits=True, strata=strata)
    out = []
    for name in ("realdev", "devset"):
        idx = [i for i, r in enumerate(train) if r.set == name]
        line = (f"  {name}: all {auc(by_group[idx], [y[i] for i in idx]):.3f} by group, "
                f"{auc(by_event[idx], [y[i] for i in idx]):.3f} by event")
        for fam in FAMILY_NAMES:
            j = [i for i in idx if family(train[i].kind) == fam]
            if j:
                line += (f" | {fam} {auc(by_group[j], [y[i] for i in j]):.2f}/"
                         f"{auc(by_event[j], [y[i] for i in j]):.2f}")
        out.append(line)
    model = fit_logistic(x, y, L2, strata)
    for name in held_out:
        rs = [r for r in rows if r.set == name]
        z = [model.logit(r.features) for r in rs]
        line = f"  {name} (held out): all {auc(z, [r.right for r in rs]):.3f}"
        for fam in FAMILY_NAMES:
            j = [i for i, r in enumerate(rs) if family(r.kind) == fam]
            if j:
                line += f" | {fam} {auc([z[i] for i in j], [rs[i].right for i in j]):.2f}"
        out.append(line)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--family", choices=FAMILY_NAMES, action="append",
                    help="families whose univariate AUCs to print (default: drift, pair, ad)")
    ap.add_argument("--add", action="append", default=[],
                    help="a feature to add to CONFIDENCE_FEATURES for the ranking")
    ap.add_argument("--drop", action="append", default=[],
                    help="a feature to drop from CONFIDENCE_FEATURES for the ranking")
    args = ap.parse_args(argv)
    if not golds_present(args.realdev, args.devset):
        return 1
    t0 = time.perf_counter()
    rules = compile_rules()
    sets = [run_set("realdev", args.realdev / "gold.yaml", [args.realdev / "docs"],
                    args.realdev / "manifest.csv", rules)]
    dev_gold = load_gold(args.devset / "gold.yaml", args.seeds)
    sets.append(run_set("devset", args.devset / "gold.yaml", [d.path for d in dev_gold.documents],
                        None, rules, args.seeds))
    data = ROOT / "tests" / "data"
    sets.append(run_set("multiling", data / "multiling" / "gold.yaml",
                        [data / "multiling" / "docs"], data / "multiling" / "manifest.csv", rules))
    ev_gold = load_gold(data / "evalset" / "gold.yaml")
    sets.append(run_set("evalset", data / "evalset" / "gold.yaml",
                        [d.path for d in ev_gold.documents], None, rules))
    rows: list[Row] = []
    for s in sets:
        rows += collect(s, rules)
    print(f"pipeline and features on {len(sets)} sets: {time.perf_counter() - t0:.1f} s")
    names = [s.name for s in sets]
    for fam in args.family or ("drift", "pair", "ad"):
        print("\n" + "\n".join(univariate(rows, fam, names)))
    base = frozenset(CONFIDENCE_FEATURES)
    print("\nout-of-fold AUC (by claim group / by event) within each family, "
          "CONFIDENCE_FEATURES:")
    print("\n".join(ranking(rows, base, names[2:])))
    if args.add or args.drop:
        names_with = (base | set(args.add)) - set(args.drop)
        print(f"with {' '.join('+' + a for a in args.add)} "
              f"{' '.join('-' + d for d in args.drop)}:")
        print("\n".join(ranking(rows, frozenset(names_with), names[2:])))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Evaluation metrics: pure functions scoring a Report against gold annotations.

Every definition is spelled out in docs/gold-format.md ("Metrics").  The
primitives (:func:`prf`, :func:`bcubed`, :func:`pairwise`, :func:`locate`) are
generic; :func:`score_report` maps a :class:`compare.core.models.Report` onto a
:class:`compare.evaluation.gold.Gold` and computes every metric of one system.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from compare.align.flagmodel import default_cut
from compare.core.models import Claim, Document, Flag, Report
from compare.evaluation.gold import DISCREPANCIES, Gold, GoldMention

MENTION_KINDS: tuple[str, ...] = DISCREPANCIES  # wording_drift ... addition
FLAG_BUCKETS: tuple[str, ...] = ("omission", *MENTION_KINDS)
TRUNCATED_BUCKET = "omission_truncated"
Span = tuple[int, int]


@frozen
class PRF:
    """Precision over predictions, recall over gold items, and their harmonic mean.

    ``tp_pred`` predictions out of ``n_pred`` are correct; ``tp_gold`` gold items out
    of ``n_gold`` are found.  An empty side scores 1.0 (nothing to get wrong)."""

    p: float
    r: float
    f1: float
    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> PRF:
    p = tp_pred / n_pred if n_pred else 1.0
    r = tp_gold / n_gold if n_gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f1, tp_pred, n_pred, tp_gold, n_gold)


def add_prf(parts: Iterable[PRF]) -> PRF:
    """Micro-average: sum the counts, then recompute."""
    items = list(parts)
    return prf(sum(x.tp_pred for x in items), sum(x.n_pred for x in items),
               sum(x.tp_gold for x in items), sum(x.n_gold for x in items))


# --------------------------------------------------------------------------- clustering


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """B-cubed precision/recall over the items of ``gold`` (item -> cluster label).

    Items missing from ``pred`` count as singletons.  P and R are the means over
    items of |pred cluster ∩ gold cluster| / |pred cluster| (resp. / |gold cluster|).
    The counts in the result are item counts (``tp_*`` = rounded sums are not kept)."""
    items = list(gold)
    if not items:
        return prf(0, 0, 0, 0)
    plabel = {it: pred.get(it, ("__singleton__", it)) for it in items}
    pclusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    gclusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    for it in items:
        pclusters[plabel[it]].add(it)
        gclusters[gold[it]].add(it)
    p_sum = r_sum = 0.0
    for it in items:
        pc, gc = pclusters[plabel[it]], gclusters[gold[it]]
        common = len(pc & gc)
        p_sum += common / len(pc)
        r_sum += common / len(gc)
    p, r = p_sum / len(items), r_sum / len(items)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f1, len(items), len(items), len(items), len(items))


def _pairs(labels: Mapping[Hashable, Hashable]) -> set[frozenset[Hashable]]:
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item, label in labels.items():
        groups[label].append(item)
    return {frozenset(pair) for members in groups.values()
            for pair in itertools.combinations(members, 2)}


def pairwise(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PRF:
    """Pair-counting P/R over the items of ``gold``: a pair is positive when both items
    share a cluster; items missing from ``pred`` are singletons."""
    items = list(gold)
    plabel = {it: pred.get(it, ("__singleton__", it)) for it in items}
    ppairs, gpairs = _pairs(plabel), _pairs({it: gold[it] for it in items})
    tp = len(ppairs & gpairs)
    return prf(tp, len(ppairs), tp, len(gpairs))


# --------------------------------------------------------------------------- spans


_SPACES = frozenset("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t\n\r\f\v ")


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """NBSP and other spaces -> ' ', runs of whitespace collapsed to one space.

    Returns the normalised text and, for each of its characters, the index of the
    character in ``text`` it came from."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch in _SPACES or ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
        else:
            out.append(ch)
            index.append(i)
            in_space = False
    return "".join(out), index


def normalise(text: str) -> str:
    return normalise_with_map(text)[0].strip()


def locate(quote: str, text: str, normalised: tuple[str, list[int]] | None = None) -> Span | None:
    """The span of ``quote`` in ``text`` after whitespace normalisation of both (exact
    case first, then case-insensitive), or None when it is not there."""
    needle = normalise(quote)
    if not needle:
        return None
    hay, index = normalised or normalise_with_map(text)
    at = hay.find(needle)
    if at < 0:
        at = hay.lower().find(needle.lower())
        if at < 0 or len(hay.lower()) != len(hay):
            return None
    end = at + len(needle) - 1
    return (index[at], index[end] + 1)


def overlaps(a: Span, b: Span) -> bool:
    """True when the half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------- documents


def claims_to_gold(located: Iterable[tuple[GoldMention, Span | None]],
                   claims_by_file: Mapping[str, Sequence[Claim]]) -> dict[str, set[str]]:
    """Claim id -> the gold claims it states: those of the located mentions
    (gold mention, its span in the document's text or None) whose span the
    claim's span overlaps; ``claims_by_file`` gives each gold file's claims."""
    out: dict[str, set[str]] = {}
    for m, span in located:
        if m.claim is None or span is None:
            continue
        for c in claims_by_file.get(m.doc, ()):
            if overlaps(c.span, span):
                out.setdefault(c.id, set()).add(m.claim)
    return out


def match_documents(docs: Sequence[Document], gold: Gold) -> dict[str, Document]:
    """Gold file -> report document: same resolved path, else the same unique file name."""
    by_path: dict[Path, Document] = {}
    by_name: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_path.setdefault(Path(doc.path).resolve(), doc)
        by_name[Path(doc.path).name].append(doc)
    out: dict[str, Document] = {}
    for gd in gold.documents:
        hit = by_path.get(gd.path.resolve())
        if hit is None:
            named = by_name.get(Path(gd.file).name, [])
            hit = named[0] if len(named) == 1 else None
        if hit is not None:
            out[gd.file] = hit
    return out


def _within(pred: dt.date | None, gold: dt.date, days: int) -> bool:
    return pred is not None and abs((pred - gold).days) <= days


def _root(file: str, parent: Mapping[str, str | None]) -> str:
    seen: set[str] = set()
    while (nxt := parent.get(file)) is not None and file not in seen:
        seen.add(file)
        file = nxt
    return file


# --------------------------------------------------------------------------- scoring


@frozen
class Score:
    """Every metric of one system: ``metrics`` flat (name -> value) for tables and
    floors, ``details`` JSON-able (counts, per-document dates, worst misses)."""

    metrics: dict[str, float]
    details: dict[str, Any]
    # every scored flag and whether it is right (for fitting the confidence
    # model; not written to eval.json)
    flags: tuple[JudgedFlag, ...] = ()


@frozen
class _Item:
    bucket: str
    doc: str  # gold file
    span: Span | None
    claim: str | None
    quote: str


def score_report(report: Report, gold: Gold, *, texts: Mapping[str, str] | None = None,
                 worst: int = 10, cut: float | None = None) -> Score:
    """Score one report against the gold (definitions: docs/gold-format.md).

    ``cut`` is the confidence at and above which flags are listed (default: the
    shipped flag model's ``default_cut``); ``flags.at_cut.*`` score those flags."""
    matched = match_documents(report.documents, gold)
    file_of = {doc.id: f for f, doc in matched.items()}
    metrics: dict[str, float] = {}
    details: dict[str, Any] = {"documents_matched": len(matched),
                               "documents_gold": len(gold.documents)}

    # ---- dates
    events = {e.id: e for e in gold.events}
    per_doc: list[dict[str, Any]] = []
    exact = within = n_event = pub_ok = 0
    for gd in gold.documents:
        doc = matched.get(gd.file)
        row: dict[str, Any] = {"doc": gd.file, "matched": doc is not None}
        gdate = events[gd.event].date if gd.event else None
        pdate = doc.event_date if doc else None
        ppub = doc.published if doc else None
        if gdate is not None:
            n_event += 1
            row.update(event_date=gdate.isoformat(),
                       predicted_event_date=pdate.isoformat() if pdate else None,
                       exact=pdate == gdate, within_one_day=_within(pdate, gdate, 1))
            exact += pdate == gdate
            within += _within(pdate, gdate, 1)
        ok = doc is not None and ppub == gd.published
        pub_ok += ok
        row.update(published=gd.published.isoformat() if gd.published else None,
                   predicted_published=ppub.isoformat() if ppub else None, published_ok=ok)
        per_doc.append(row)
    metrics["dates.event_exact"] = exact / n_event if n_event else 1.0
    metrics["dates.event_within1"] = within / n_event if n_event else 1.0
    metrics["dates.published"] = pub_ok / len(gold.documents) if gold.documents else 1.0
    details["per_document"] = per_doc

    # ---- clustering and duplicates
    glabel: dict[Hashable, Hashable] = {gd.file: gd.event or ("none", gd.file) for gd in gold.documents}
    plabel: dict[Hashable, Hashable] = {}
    for gd in gold.documents:
        doc = matched.get(gd.file)
        if doc is not None and doc.event_id is not None:
            plabel[gd.file] = doc.event_id
    for name, val in (("bcubed", bcubed(plabel, glabel)), ("pair", pairwise(plabel, glabel))):
        metrics[f"cluster.{name}_p"], metrics[f"cluster.{name}_r"] = val.p, val.r
        metrics[f"cluster.{name}_f1"] = val.f1
    gparent = {gd.file: gd.duplicate_of for gd in gold.documents}
    pparent: dict[str, str | None] = {
        f: file_of.get(doc.duplicate_of) if doc.duplicate_of else None for f, doc in matched.items()}
    dup = pairwise({f: _root(f, pparent) for f in matched},
                   {gd.file: _root(gd.file, gparent) for gd in gold.documents})
    metrics["duplicates.p"], metrics["duplicates.r"], metrics["duplicates.f1"] = dup.p, dup.r, dup.f1

    # ---- mentions located in the cleaned texts
    scored = {gd.file for gd in gold.documents if gd.event is not None and gd.duplicate_of is None}
    reference_files = {e.reference for e in gold.events if e.reference}
    cache: dict[str, tuple[str, list[int]]] = {}

    def span_of(file: str, quote: str) -> Span | None:
        doc = matched.get(file)
        if doc is None:
            return None
        if file not in cache:
            text = texts.get(doc.id, doc.text) if texts is not None else doc.text
            cache[file] = normalise_with_map(text)
        return locate(quote, "", cache[file])

    mentions = [(m, span_of(m.doc, m.quote)) for m in gold.mentions if m.doc in scored]
    details["mentions_unlocated"] = [
        {"doc": m.doc, "quote": m.quote} for m, span in mentions if span is None][:50]
    claims_by_doc: dict[str, list[Claim]] = defaultdict(list)
    claim_by_id: dict[str, Claim] = {}
    for c in report.claims:
        claim_by_id[c.id] = c
        if c.document in file_of:
            claims_by_doc[file_of[c.document]].append(c)

    def over(file: str, span: Span | None) -> list[Claim]:
        return [] if span is None else [c for c in claims_by_doc[file] if overlaps(c.span, span)]

    claim_mentions = [(m, span) for m, span in mentions if m.claim is not None]
    covered = sum(1 for m, span in claim_mentions if over(m.doc, span))
    metrics["claims.coverage"] = covered / len(claim_mentions) if claim_mentions else 1.0

    # ---- alignment (pairs of mentions of one gold claim across documents)
    groups_of: dict[str, set[str]] = defaultdict(set)
    for al in report.alignments:
        for cid in al.claims:
            groups_of[cid].add(al.id)
    gold_claims_of = claims_to_gold(claim_mentions, claims_by_doc)
    n_gold_pairs = found = 0
    for (m1, s1), (m2, s2) in itertools.combinations(claim_mentions, 2):
        if m1.claim != m2.claim or m1.doc == m2.doc:
            continue
        n_gold_pairs += 1
        g1 = set().union(*(groups_of[c.id] for c in over(m1.doc, s1)))
        g2 = set().union(*(groups_of[c.id] for c in over(m2.doc, s2)))
        found += bool(g1 & g2)
    pred_pairs: dict[frozenset[str], bool] = {}
    for al in report.alignments:
        members = [claim_by_id[c] for c in al.claims if c in claim_by_id and gold_claims_of.get(c)]
        for c1, c2 in itertools.combinations(members, 2):
            if c1.document != c2.document:
                pred_pairs[frozenset((c1.id, c2.id))] = bool(
                    gold_claims_of[c1.id] & gold_claims_of[c2.id])
    align = prf(sum(pred_pairs.values()), len(pred_pairs), found, n_gold_pairs)
    metrics["alignment.p"], metrics["alignment.r"], metrics["alignment.f1"] = align.p, align.r, align.f1

    # ---- flags: only on the documents of events with claim gold (an event
    # without claims has nothing a flag could match)
    claim_events = {e.id for e in gold.events if e.claims}
    flag_files = {f for f in scored if gold.document(f).event in claim_events}
    items: list[_Item] = []
    for m, span in mentions:
        if m.status in MENTION_KINDS and m.doc not in reference_files and m.doc in flag_files:
            items.append(_Item(m.status, m.doc, span, m.claim, m.quote))
    for bucket_name, pairs in (("omission", gold.omissions), (TRUNCATED_BUCKET, gold.truncated_pairs)):
        for o in pairs:
            if o.doc in flag_files:
                items.append(_Item(bucket_name, o.doc, None, o.claim,
                                   f"(omitted) {gold.claim(o.claim).text}"))
    flags = [(f, file_of[f.document]) for f in report.flags
             if f.document in file_of and file_of[f.document] in flag_files]
    # The gold claims a claim states, for judging flags: also through the other
    # occurrences of a mention (``alt_quotes``): an omission whose reference
    # claim is a verbatim other occurrence of a gold claim is judged against
    # that claim (alignment above is scored on the deciding quotes alone).
    flag_gold_of = claims_to_gold(
        [*claim_mentions, *((m, span_of(m.doc, alt)) for m, _ in claim_mentions
                            for alt in m.alt_quotes)], claims_by_doc)
    judged = _judge_flags(flags, items, claim_by_id, flag_gold_of)
    per_bucket = _buckets(judged)
    cut = default_cut() if cut is None else cut
    for name, val in per_bucket.items():
        metrics[f"flags.{name}.p"], metrics[f"flags.{name}.r"] = val.p, val.r
        metrics[f"flags.{name}.f1"] = val.f1
    for name, val in _buckets(judged, cut).items():
        metrics[f"flags.at_cut.{name}.p"], metrics[f"flags.at_cut.{name}.r"] = val.p, val.r
        metrics[f"flags.at_cut.{name}.f1"] = val.f1
    truncated_gold = {(o.doc, o.claim) for o in gold.truncated_pairs}
    on_pairs = [j for j in judged.flags if j.flag.kind == "omission" and any(
        (j.file, g) in truncated_gold
        for g in flag_gold_of.get(j.flag.reference_claim or "", set()))]
    on_truncated = len(on_pairs)
    details["flag_confidence"] = {
        "default_cut": cut,
        # omission flags on a gold truncated pair (each is a false flag)
        "omissions_on_truncated_pairs": on_truncated,
        "omissions_on_truncated_pairs_at_cut": sum(j.flag.score >= cut - 1e-12 for j in on_pairs),
        "flags_scored": len(judged.flags),
        "reliability": reliability(judged),
        "pr_curve": pr_curve(judged)}
    missed = [it for it in items if it not in judged.found]
    spurious = [(j.flag, j.file) for j in judged.flags if not j.correct]
    details["counts"] = {name: {"tp_pred": v.tp_pred, "n_pred": v.n_pred, "tp_gold": v.tp_gold,
                                "n_gold": v.n_gold}
                         for name, v in {**per_bucket, "alignment": align}.items()}
    details["worst_misses"] = worst_misses(missed, spurious, claim_by_id, worst)
    return Score(metrics, details, judged.flags)


@frozen
class JudgedFlag:
    flag: Flag
    file: str  # gold file of the flag's document
    bucket: str
    correct: bool
    # span of the flagged claim in the cleaned text (None for omissions)
    span: Span | None = None


@frozen
class Judged:
    flags: tuple[JudgedFlag, ...]
    items: tuple[_Item, ...]
    # gold item -> the flags that find it
    found: dict[_Item, tuple[str, ...]]


def flag_bucket(flag: Flag) -> str:
    """The scoring bucket of a flag: its kind, ``omission_truncated`` for
    ``possibly_truncated``."""
    return TRUNCATED_BUCKET if flag.kind == "possibly_truncated" else flag.kind


def _judge_flags(flags: Sequence[tuple[Flag, str]], items: Sequence[_Item],
                 claims: Mapping[str, Claim], gold_claims_of: Mapping[str, set[str]]) -> Judged:
    """Which flags are right (they find a gold item of their bucket in their
    document) and which gold items each flag finds."""

    def hits(flag: Flag, file: str, item: _Item) -> bool:
        if item.doc != file or flag_bucket(flag) != item.bucket:
            return False
        if item.bucket in ("omission", TRUNCATED_BUCKET):
            ref = claims.get(flag.reference_claim or "")
            if ref is None:
                return flag.kind == "possibly_truncated"
            return item.claim in gold_claims_of.get(ref.id, set())
        claim = claims.get(flag.claim or "")
        return claim is not None and item.span is not None and overlaps(claim.span, item.span)

    by_doc: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        by_doc[it.doc].append(it)
    judged: list[JudgedFlag] = []
    found: dict[_Item, list[str]] = defaultdict(list)
    for flag, file in flags:
        ok = False
        for it in by_doc.get(file, ()):
            if hits(flag, file, it):
                ok = True
                found[it].append(flag.id)
        claim = claims.get(flag.claim or "")
        judged.append(JudgedFlag(flag, file, flag_bucket(flag), ok,
                                 claim.span if claim is not None else None))
    return Judged(tuple(judged), tuple(items), {k: tuple(v) for k, v in found.items()})


def _buckets(judged: Judged, cut: float = 0.0) -> dict[str, PRF]:
    """P/R per bucket, ``micro`` and ``any_discrepancy`` of the flags scoring at
    least ``cut``."""
    kept = {j.flag.id for j in judged.flags if j.flag.score >= cut - 1e-12}
    out: dict[str, PRF] = {}
    for name in (*FLAG_BUCKETS, TRUNCATED_BUCKET):
        pflags = [j for j in judged.flags if j.bucket == name and j.flag.id in kept]
        gitems = [it for it in judged.items if it.bucket == name]
        ok_items = sum(1 for it in gitems if any(f in kept for f in judged.found.get(it, ())))
        out[name] = prf(sum(j.correct for j in pflags), len(pflags), ok_items, len(gitems))
    out["micro"] = add_prf(out[b] for b in FLAG_BUCKETS)
    # any_discrepancy: a mention-kind flag on any discrepant claim of its document
    mflags = [j for j in judged.flags if j.bucket in MENTION_KINDS and j.flag.id in kept]
    mitems = [it for it in judged.items if it.bucket in MENTION_KINDS]
    out["any_discrepancy"] = prf(
        sum(any(_same_claim(j, it) for it in mitems) for j in mflags), len(mflags),
        sum(any(_same_claim(j, it) for j in mflags) for it in mitems), len(mitems))
    return out


def _same_claim(j: JudgedFlag, item: _Item) -> bool:
    span = j.span
    return item.doc == j.file and span is not None and item.span is not None and overlaps(
        span, item.span)


def reliability(judged: Judged, bins: int = 10) -> list[dict[str, Any]]:
    """Predicted confidence against observed precision, per confidence bin of
    width 1/``bins`` (the last bin includes 1.0)."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [j for j in judged.flags
                  if lo <= j.flag.score < hi or (b == bins - 1 and j.flag.score >= hi)]
        n = len(inside)
        rows.append({"bin": [round(lo, 2), round(hi, 2)], "n": n,
                     "predicted": round(sum(j.flag.score for j in inside) / n, 4) if n else None,
                     "observed": round(sum(j.correct for j in inside) / n, 4) if n else None})
    return rows


def pr_curve(judged: Judged, step: float = 0.05) -> list[dict[str, float]]:
    """Micro precision and recall of the flags at or above each cut."""
    rows = []
    for k in range(round(1 / step) + 1):
        cut = round(k * step, 4)
        micro = _buckets(judged, cut)["micro"]
        rows.append({"cut": cut, "p": round(micro.p, 4), "r": round(micro.r, 4),
                     "flags": micro.n_pred})
    return rows


def worst_misses(missed: Sequence[_Item], spurious: Sequence[tuple[Flag, str]],
                 claims: Mapping[str, Claim], n: int) -> dict[str, list[dict[str, Any]]]:
    """The top ``n`` false negatives (round-robin over kinds, so every kind shows) and
    false positives (round-robin over documents, highest score first within a round):
    what to fix next."""
    by_kind: dict[str, list[_Item]] = defaultdict(list)
    for it in missed:
        by_kind[it.bucket].append(it)
    order: list[_Item] = []
    for row in itertools.zip_longest(*by_kind.values()):
        order += [it for it in row if it is not None]
    fns = [{"doc": it.doc, "kind": it.bucket, "claim": it.claim, "quote": it.quote,
            "quote_located": it.span is not None if it.bucket in MENTION_KINDS else None}
           for it in order[:n]]
    by_doc: dict[str, list[tuple[Flag, str]]] = defaultdict(list)
    for pair in sorted(spurious, key=lambda x: -x[0].score):
        by_doc[pair[1]].append(pair)
    ranked: list[tuple[Flag, str]] = []
    for row2 in itertools.zip_longest(*by_doc.values()):
        ranked += sorted((x for x in row2 if x is not None), key=lambda x: -x[0].score)
    fps = []
    for flag, file in ranked[:n]:
        claim = claims.get(flag.claim or "") or claims.get(flag.reference_claim or "")
        fps.append({"doc": file, "kind": flag.kind, "flag": flag.id, "score": flag.score,
                    "quote": claim.text if claim else flag.detail})
    return {"missed": fns, "spurious": fps}


def gold_doc_paths(gold: Gold) -> list[Path]:
    """The files of every gold document, in gold order."""
    return [gd.path for gd in gold.documents]

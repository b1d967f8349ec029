"""``outlet-compare eval``: score the tool (and baselines) against gold annotations.

:func:`run_eval` loads the gold (:mod:`compare.evaluation.gold`), gets a Report (runs the
pipeline on the given paths, or on exactly the gold's documents, with the scraper
manifest when one is given, exactly as ``run --manifest``; or reads an existing
report folder), scores it with :func:`compare.evaluation.metrics.score_report`,
does the same for each requested baseline (:mod:`compare.evaluation.baselines`), writes
``eval.json`` atomically and compares the tool's metrics with the floors file (its
top-level floors, or one named section such as ``realdev:``).
Metric definitions: docs/gold-format.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import Factory, field, frozen

from compare.core.atomic import atomic_write_text
from compare.core.errors import CompareError, InputError
from compare.core.models import Alignment, Claim, Document, Event, Evidence, Flag, Report, Review
from compare.evaluation.gold import Gold, load_gold
from compare.evaluation.metrics import Score, gold_doc_paths, score_report
from compare.ingest.read import read_manifest

EVAL_SCHEMA = "outlet-compare/eval/v1"
MAX_FLOORS_BYTES = 1024 * 1024
MAX_REPORT_BYTES = 200 * 1024 * 1024

# Rows of the table, in order (every metric is also in eval.json).
TABLE_METRICS: tuple[str, ...] = (
    "dates.event_exact", "dates.event_within1", "dates.published",
    "cluster.bcubed_f1", "cluster.pair_f1", "duplicates.p", "duplicates.r",
    "claims.coverage", "alignment.p", "alignment.r", "alignment.f1",
    "flags.omission.f1", "flags.addition.f1", "flags.wording_drift.f1",
    "flags.number_or_date_change.f1", "flags.attribution_change.f1",
    "flags.negation_or_hedge.f1", "flags.omission_truncated.f1",
    "flags.any_discrepancy.p", "flags.any_discrepancy.r",
    "flags.micro.p", "flags.micro.r", "flags.micro.f1",
    # the flags a reviewer sees: at or above the default confidence cut
    "flags.at_cut.omission.p", "flags.at_cut.omission.r", "flags.at_cut.addition.p",
    "flags.at_cut.addition.r", "flags.at_cut.wording_drift.p", "flags.at_cut.wording_drift.r",
    "flags.at_cut.micro.p", "flags.at_cut.micro.r", "flags.at_cut.micro.f1",
)


@frozen
class EvalOptions:
    gold: Path
    paths: Sequence[Path] = ()
    report_dir: Path | None = None
    baselines: Sequence[str] = ()
    seeds_dir: Path | None = None
    rules_dirs: Sequence[Path] = ()
    out: Path = Path("eval.json")
    floors: Path | None = None
    # Scraper manifest (path, outlet, url, published, title), read exactly as ``run --manifest``.
    manifest: Path | None = None
    # Section of the floors file to check (None: its top-level floors, the devset's).
    floors_section: str | None = None


@frozen
class EvalResult:
    table: str
    floor_failures: list[str]
    # system name ("tool", "difflib", "ngram", "embed") -> metric name -> value
    metrics: dict[str, dict[str, float]]
    # system name -> details (counts, per-document dates, worst misses)
    details: dict[str, dict[str, Any]] = field(default=Factory(dict))


# --------------------------------------------------------------------------- reports


def analyse_paths(paths: Sequence[Path], rules_dirs: Sequence[Path],
                  manifest: Path | None = None) -> Report:
    """Run the whole pipeline (no reviews, no writing) on ``paths``, with the scraper
    ``manifest`` read exactly as ``run --manifest`` reads it."""
    from compare.ingest.read import read_inputs
    from compare.pipeline import DEFAULT_MAX_BYTES, analyse
    from compare.rules import compile_rules

    rules = compile_rules(list(rules_dirs))
    sources, skipped = read_inputs(list(paths), manifest=manifest, max_bytes=DEFAULT_MAX_BYTES)
    return analyse(sources, rules, skipped=skipped)


def gold_inputs(gold: Gold) -> list[Path]:
    """The gold's documents, each checked to exist (a clear error names the missing one)."""
    paths = gold_doc_paths(gold)
    for gd, path in zip(gold.documents, paths, strict=True):
        if not path.is_file():
            hint = " (use --seeds DIR)" if gd.file.startswith("seeds/") else ""
            raise InputError(str(gold.path), f"document {gd.file} not found at {path}{hint}")
    return paths


def load_report(report_dir: Path) -> Report:
    """A written report folder: ``output.read_report`` when available, else report.json
    (DESIGN.md schema) with the cleaned texts from ``texts/<doc id>.txt``."""
    try:
        from compare.report.output import read_report
    except ImportError:
        return read_report_json(report_dir)
    report: Report = read_report(Path(report_dir))
    return report


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(str(path), "no report.json in the report folder")
    if path.stat().st_size > MAX_REPORT_BYTES:
        raise InputError(str(path), f"larger than {MAX_REPORT_BYTES} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("outlet-compare/report/"):
        raise InputError(str(path), "not an outlet-compare report (missing schema)")
    return data


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def read_report_json(report_dir: Path) -> Report:
    """Build a Report from ``report_dir/report.json`` (schema outlet-compare/report/v1)
    and the cleaned texts in ``texts/<doc id>.txt``; through :mod:`compare.report.jsonio`
    when it is installed, else with the small reader below."""
    path = Path(report_dir) / "report.json"
    data = _read_json(path)
    texts = {}
    for d in data.get("documents", []):
        doc_id = d.get("id") if isinstance(d, dict) else None
        text_file = Path(report_dir) / "texts" / f"{doc_id}.txt"
        if isinstance(doc_id, str) and text_file.is_file():
            texts[doc_id] = text_file.read_text(encoding="utf-8", errors="replace")
    try:
        from compare.report.jsonio import report_from_dict, validate_report_dict
    except ImportError:
        return _report_from_json(data, texts, path)
    validate_report_dict(data, str(path))
    report: Report = report_from_dict(data, texts)
    return report


def _report_from_json(data: Mapping[str, Any], texts: Mapping[str, str], path: Path) -> Report:
    try:
        docs = []
        for d in data.get("documents", []):
            ev = d.get("date_evidence")
            docs.append(Document(
                id=d["id"], path=d.get("path") or "", sha256=d.get("sha256") or "",
                text=texts.get(d["id"], ""),
                title=_opt(d.get("title")), language=d.get("language") or "en",
                outlet=d.get("outlet") or "unknown", published=_date(d.get("published")),
                event_date=_date(d.get("event_date")),
                event_date_evidence=Evidence(str(ev.get("quote", "")), str(ev.get("rule", "")))
                if isinstance(ev, dict) else None,
                event_id=_opt(d.get("event_id")), duplicate_of=_opt(d.get("duplicate_of")),
                truncated=bool(d.get("truncated", False))))
        events = [Event(id=e["id"], date=_date(e.get("date")), label=e.get("label") or "",
                        kind=e.get("kind") or "other", participants=tuple(e.get("participants", ())),
                        documents=tuple(e.get("documents", ())), reference=_opt(e.get("reference")))
                  for e in data.get("events", [])]
        claims = [Claim(id=c["id"], document=c["document"], event=_opt(c.get("event")),
                        text=c.get("text") or "", span=(int(c["span"][0]), int(c["span"][1])),
                        type=c.get("type") or "other", attribution=_opt(c.get("attribution")))
                  for c in data.get("claims", [])]
        alignments = [Alignment(id=a["id"], event=a.get("event") or "", claims=tuple(a["claims"]),
                                type=a.get("type") or "other",
                                reference_claim=_opt(a.get("reference_claim")))
                      for a in data.get("alignments", [])]
        flags = [Flag(id=f["id"], event=f.get("event") or "", kind=f["kind"], document=f["document"],
                      claim=_opt(f.get("claim")), reference_claim=_opt(f.get("reference_claim")),
                      score=float(f.get("score") or 0.0), detail=f.get("detail") or "",
                      review=Review(status=(f.get("review") or {}).get("status", "open")))
                 for f in data.get("flags", [])]
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise InputError(str(path), f"malformed report ({type(exc).__name__}: {exc})") from None
    return Report(tool_version=str(data.get("tool_version", "")), documents=tuple(docs),
                  events=tuple(events), claims=tuple(claims), alignments=tuple(alignments),
                  flags=tuple(flags))


# --------------------------------------------------------------------------- floors and table


def load_floors(path: Path, section: str | None = None) -> dict[str, float]:
    """``{metric: floor}`` from a YAML file (the ``why:`` maps are documentation only).

    The top-level ``metric: floor`` entries are the default floors (the devset's); a
    top-level key whose value is a mapping is a named section with floors of its own
    (e.g. ``realdev:``), chosen with ``section``.  An unknown section is an error."""
    import yaml

    from compare.core.yamlsafe import load_yaml

    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "floors file not found")
    if path.stat().st_size > MAX_FLOORS_BYTES:
        raise InputError(str(path), f"larger than {MAX_FLOORS_BYTES} bytes")
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not valid YAML ({exc})".splitlines()[0]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(str(path), "must be a mapping of metric name to floor")
    sections = {str(k): v for k, v in data.items() if k != "why" and isinstance(v, dict)}
    if section is None:
        chosen: dict[Any, Any] = {k: v for k, v in data.items() if str(k) not in sections}
        where = ""
    elif section in sections:
        chosen = sections[section]
        where = f"{section}."
    else:
        known = ", ".join(sorted(sections)) or "none"
        raise InputError(str(path), f"no floors section {section!r} (sections: {known})")
    floors: dict[str, float] = {}
    for key, value in chosen.items():
        if key == "why":
            if not isinstance(value, dict | None):
                raise InputError(str(path), f"{where}why: must be a mapping of metric name to reason")
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise InputError(str(path), f"{where}{key}: floor must be a number between 0 and 1, "
                                        f"got {value!r}")
        floors[str(key)] = float(value)
    return floors


def check_floors(metrics: Mapping[str, float], floors: Mapping[str, float]) -> list[str]:
    """One line per metric below its floor (an unknown metric name is a failure too)."""
    failures = []
    for name, floor in floors.items():
        if name not in metrics:
            failures.append(f"{name}: unknown metric (floor {floor:.2f})")
        elif metrics[name] < floor - 1e-9:
            failures.append(f"{name} {metrics[name]:.2f} < floor {floor:.2f}")
    return failures


def format_table(metrics: Mapping[str, Mapping[str, float]]) -> str:
    """Metric rows, one column per system (tool | difflib | ngram | embed)."""
    from tabulate import tabulate

    systems = list(metrics)
    rows = [[name, *(f"{metrics[s][name]:.3f}" if name in metrics[s] else "-" for s in systems)]
            for name in TABLE_METRICS]
    return tabulate(rows, headers=["metric", *systems], tablefmt="github", disable_numparse=True)


def format_misses(details: Mapping[str, Any], limit: int = 10) -> str:
    """The worst misses of one system as short lines for the terminal."""
    lines = []
    misses = details.get("worst_misses", {})
    for what, label in (("missed", "missed"), ("spurious", "spurious")):
        for m in misses.get(what, [])[:limit]:
            quote = " ".join(str(m.get("quote", "")).split())
            quote = quote if len(quote) <= 90 else quote[:87] + "..."
            lines.append(f"  {label:8} {m['kind']:22} {Path(m['doc']).name[:40]:40} {quote!r}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- run


def score_systems(report: Report, gold: Gold, baselines: Sequence[str] = (),
                  cut: float | None = None) -> dict[str, Score]:
    """Scores of the tool's report and of each baseline on the same documents
    (``cut``: the confidence cut of ``flags.at_cut.*``, default the shipped one)."""
    from compare.evaluation.baselines import run_baseline

    scores = {"tool": score_report(report, gold, cut=cut)}
    for name in baselines:
        scores[name] = score_report(run_baseline(report, name), gold, cut=cut)
    return scores


def run_eval(opts: EvalOptions) -> EvalResult:
    """Score the tool (and baselines) against ``opts.gold``; write ``opts.out``."""
    if opts.report_dir is not None and opts.manifest is not None:
        raise CompareError("--manifest cannot be combined with --report (give the manifest to "
                           "the run that wrote the report folder)")
    if opts.floors_section is not None and opts.floors is None:
        raise CompareError("--floors-section needs --floors FILE")
    from compare.evaluation.baselines import check_baseline

    for name in opts.baselines:  # before the run: a missing model package fails in one line at once
        check_baseline(name)
    if opts.manifest is not None and not Path(opts.manifest).is_file():
        raise InputError(str(opts.manifest), "manifest not found")
    gold = load_gold(opts.gold, opts.seeds_dir)
    floors = load_floors(opts.floors, opts.floors_section) if opts.floors is not None else {}
    if opts.manifest is not None:
        read_manifest(Path(opts.manifest))  # a bad manifest fails before the run, naming its line
    if opts.report_dir is not None:
        report = load_report(opts.report_dir)
    else:
        paths = list(opts.paths) or gold_inputs(gold)
        report = analyse_paths(paths, opts.rules_dirs, opts.manifest)
    cut = None
    if opts.rules_dirs:  # the cut of the flag model the run used (--rules may bring one)
        from compare.rules import compile_rules

        cut = compile_rules(list(opts.rules_dirs)).flag_model.default_cut
    scores = score_systems(report, gold, opts.baselines, cut)
    metrics = {name: s.metrics for name, s in scores.items()}
    details = {name: s.details for name, s in scores.items()}
    failures = check_floors(metrics["tool"], floors)
    payload = {"schema": EVAL_SCHEMA, "gold": str(opts.gold),
               "manifest": str(opts.manifest) if opts.manifest is not None else None,
               "tool_version": report.tool_version,
               "systems": {name: {"metrics": s.metrics, **s.details} for name, s in scores.items()},
               "floors": floors, "floors_section": opts.floors_section, "floor_failures": failures}
    atomic_write_text(Path(opts.out), json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    table = format_table(metrics)
    misses = format_misses(details["tool"])
    if misses:
        table += "\n\nWorst misses of the tool (details in " + str(opts.out) + "):\n" + misses
    return EvalResult(table=table, floor_failures=failures, metrics=metrics, details=details)

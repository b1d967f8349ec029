"""The Markdown report: ``index.md`` and one page per event (DESIGN.md, step 7).

Markdown rendering only: the tables, quotes, word diffs and flag sections of
the pages.  What is shown and the texts themselves come from the view model,
:mod:`compare.report.view`.  Rendering is pure: strings in, strings out, in a
stable order and without timestamps, so re-running gives identical files.
Every string from an article goes through :mod:`compare.core.escape`.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from tabulate import tabulate

from compare.core.escape import clean_inline, md_cell, md_code, md_link, md_text, md_url
from compare.core.models import Claim, DiffOp, Event, Flag, Report
from compare.report.view import (
    FOOTER,
    KIND_HELP,
    KIND_ORDER,
    KIND_TITLES,
    LABEL_LIMIT,
    LOW_CONFIDENCE_HELP,
    QUOTE_LIMIT,
    SYMBOLS,
    View,
    claim_text,
    column_names,
    confidence_text,
    coverage,
    credited_text,
    date_evidence_text,
    detail_text,
    doc_facts,
    doc_role,
    event_page_name,
    flag_diff,
    flag_quotes,
    kind_counts,
    lone_documents,
    low_confidence_title,
    reference_label,
    reference_text,
    relay_chain,
    review_command,
    review_progress,
    review_text,
    reviewable_flags,
    shown_events,
    source_href,
    source_label,
    source_line,
    split_by_confidence,
    uncompared_text,
)

# Quotes in Markdown are shortened to this many characters (the HTML page has them in full).
QUOTE_SHORT = 320


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return tabulate([list(r) for r in rows], headers=list(headers), tablefmt="github",
                    disable_numparse=True)


def plural(n: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render_index(report: Report, *, page_dir: Path, orphaned: int = 0) -> str:
    """``index.md``: the events table, lone documents, skipped inputs, rules, review state."""
    view = View.of(report)
    events = shown_events(report)
    flags = reviewable_flags(report)
    open_flags = sum(1 for f in flags if f.review.status == "open")
    out = ["# outlet-compare report", "",
           f"{plural(len(report.documents), 'document')}, "
           f"{plural(len(events), 'event')} with more than one document, "
           f"{plural(len(flags), 'flag')} ({open_flags} open), {plural(len(report.skipped), 'skipped input')}.",
           ""]
    out += ["## Events", ""]
    rows = []
    for ev in events:
        ev_flags = view.event_flags(ev.id)
        outlets = sorted({view.label(d) for d in ev.documents})
        rows.append([str(ev.date or "undated"),
                     md_link(ev.label or ev.id, md_url(f"events/{event_page_name(ev.id)}.md")),
                     str(len(ev.documents)), md_cell(", ".join(outlets)),
                     md_cell(reference_text(view, ev)),
                     md_cell(kind_counts(split_by_confidence(report, ev_flags)[0])
                             + _low_note(report, ev_flags)), review_progress(ev_flags)])
    out += [_table(["date", "event", "documents", "outlets", "reference", "flags", "review"], rows)
            if rows else "No event has more than one document.", ""]
    lone = lone_documents(report)
    out += ["## Documents not in a multi-document event", ""]
    if lone:
        out += ["Nothing to compare them with: no other document reports the same event.", "",
                _table(["document", "outlet", "published", "event date", "title", "source"], [
                    [md_cell(d.id), md_cell(d.outlet), str(d.published or ""), str(d.event_date or ""),
                     md_cell(d.title or "", LABEL_LIMIT),
                     md_link(d.path, source_href(d, page_dir, None))] for d in lone])]
    else:
        out.append("None.")
    out += ["", "## Skipped inputs", ""]
    if report.skipped:
        out.append(_table(["file", "reason"], [[md_cell(s.path), md_cell(s.reason)]
                                               for s in report.skipped]))
    else:
        out.append("None.")
    if report.warnings:
        out += ["", "## Input warnings", "", "These inputs were read, but check them: the text of the "
                "document may be garbled, or the manifest may be out of date.", ""]
        out.append(_table(["file", "document", "warning"], [
            [md_cell(w.path), md_cell(w.document or ""), md_cell(w.message)] for w in report.warnings]))
    out += ["", "## Rules files used", ""]
    if report.rules:
        out += ["The rule files this run loaded, in loading order:", ""]
        out += [f"{n}. {md_code(r)}" for n, r in enumerate(report.rules, 1)]
    else:
        out.append("Not recorded.")
    rdir = page_dir.as_posix()
    out += ["", "## Review", "",
            f"{review_progress(flags)}. List the open flags with "
            f"{md_code(f'outlet-compare review {shlex.quote(rdir)}')}; "
            "each flag on an event page shows the command that confirms it "
            f"(or use {md_code('--dismiss')}, {md_code('--note TEXT')})."]
    if orphaned:
        out += ["", f"{orphaned} review decision(s) refer to flags this run no longer produces; "
                "they are kept in reviews.yaml, marked orphaned."]
    out += ["", "---", "", f"{FOOTER} {clean_inline(report.tool_version)}, schema {report.schema}.", ""]
    return "\n".join(out)


def _low_note(report: Report, flags: Sequence[Flag]) -> str:
    low = len(split_by_confidence(report, flags)[1])
    return f" (+{low} low confidence)" if low else ""


def _diff_md(ops: Sequence[DiffOp]) -> str:
    """Words joined by single spaces: ~~only in the reference~~ **only in the document**."""
    parts: list[str] = []
    for op in ops:
        core = md_text(op.text, QUOTE_LIMIT)
        if not core:
            continue
        if op.op == "delete":
            parts.append(f"~~{core}~~")
        elif op.op == "insert":
            parts.append(f"**{core}**")
        else:
            parts.append(core)
    return " ".join(parts)


def _quote_md(view: View, label: str, claim: Claim | None, page_dir: Path) -> list[str]:
    if claim is None:
        return []
    doc = view.docs.get(claim.document)
    where = ""
    if doc is not None:
        line = source_line(doc, claim.span[0])
        where = " (" + md_link(source_label(doc, line), source_href(doc, page_dir, line)) + ")"
    return [f"**{md_text(label)}**{where}:", "", "> " + md_text(claim_text(claim), QUOTE_SHORT), ""]


def _flag_md(view: View, flag: Flag, event: Event | None, page_dir: Path, report_dir: str) -> list[str]:
    ref, claim = flag_quotes(view, flag)
    doc = view.docs.get(flag.document)
    label = view.label(flag.document)
    out = [f"#### {md_text(label)} — {md_text(flag.id)}", ""]
    facts_line = doc_facts(view, flag)
    if facts_line:
        out += ["*" + md_text(facts_line[:1].upper() + facts_line[1:]) + "*", ""]
    out += _quote_md(view, reference_label(view, event, ref), ref, page_dir)
    if claim is not None:
        out += _quote_md(view, label, claim, page_dir)
    elif doc is not None:
        out += [f"**{md_text(label)}**: not in this text "
                f"({md_link(doc.path, source_href(doc, page_dir, None))}).", ""]
    ops = flag_diff(flag, ref, claim)
    if ops:
        out += [f"**Diff:** {_diff_md(ops)}", ""]
    facts = [f"- What changed: {md_text(detail_text(flag, (ref, claim)), QUOTE_SHORT)}"]
    credited = credited_text(view, flag, event, ref, claim)
    if credited:
        facts.append(f"- Credited to: {md_text(credited)}")
    facts.append(f"- {confidence_text(flag)}"
                 + (f", lexicon class {md_text(flag.lexicon_class)}" if flag.lexicon_class else ""))
    facts.append(f"- Review: **{md_text(review_text(flag))}**"
                 + (f" — {md_text(flag.review.note, QUOTE_SHORT)}" if flag.review.note else ""))
    action = "--confirm" if flag.review.status != "confirmed" else "--reopen"
    facts.append(f"- Decide: {md_code(review_command(report_dir, flag.id, action))}")
    return [*out, *facts, ""]


def _flags_by_kind_md(view: View, flags: Sequence[Flag], event: Event, page_dir: Path,
                      report_dir: str) -> list[str]:
    out: list[str] = []
    for kind in KIND_ORDER:
        of_kind = [f for f in flags if f.kind == kind]
        if not of_kind:
            continue
        out += [f"### {KIND_TITLES[kind]} ({len(of_kind)})", "", f"*{md_text(KIND_HELP.get(kind, kind))}.*", ""]
        for flag in of_kind:
            out += _flag_md(view, flag, event, page_dir, report_dir)
    return out


def render_event(report: Report, event: Event, *, page_dir: Path) -> str:
    """``events/<event id>.md``: documents, coverage matrix, flags grouped by kind."""
    view = View.of(report)
    flags = view.event_flags(event.id)
    report_dir = page_dir.parent.as_posix()
    out = [f"# {md_text(event.label or event.id)} ({event.date or 'undated'})", "",
           "[All events](../index.md)", "",
           f"- Event id: {md_text(event.id)}",
           f"- Kind: {md_text(event.kind)}"
           + (f"; participants: {md_text(', '.join(event.participants))}" if event.participants else ""),
           f"- Compared against: {md_text(reference_text(view, event))}",
           *([f"- Not compared: {md_text(uncompared_text(view, event))}"] if event.uncompared else []),
           f"- Flags: {md_text(kind_counts(split_by_confidence(report, flags)[0]))}"
           f"{_low_note(report, flags)}; {review_progress(flags)}", ""]
    out += ["## Documents", ""]
    docs, rows = coverage(view, event)
    out.append(_table(
        ["document", "outlet", "role", "relay chain", "published", "event date", "date evidence",
         "duplicate of"],
        [[md_link(d.id, source_href(d, page_dir, None)), md_cell(d.outlet),
          md_cell(doc_role(d, event)), md_cell(relay_chain(d)), str(d.published or ""),
          str(d.event_date or ""), md_cell(date_evidence_text(d), 200), md_cell(d.duplicate_of or "")]
         for d in docs]))
    out += ["", "## Coverage", ""]
    if rows:
        out += ["One row per claim (what is said, in the reference's words where it has the claim), "
                "one column per document, the reference first.", ""]
        out.append(_table(["claim", "type", *(md_cell(n) for n in column_names(docs, event))],
                          [[md_cell(r.label, LABEL_LIMIT), md_cell(r.type), *r.cells] for r in rows]))
        out += ["", "Legend: " + "; ".join(f"{s} {t}" for s, t in SYMBOLS) + "."]
    else:
        out.append("No claim groups.")
    listed, low = split_by_confidence(report, flags)
    out += ["", "## Flags", ""]
    if not listed:
        out += ["No flags." if not low else
                f"No flags at or above confidence {report.min_confidence:.2f}.", ""]
    else:
        out += ["Most important kinds first; within a kind by outlet, in the order of the text. "
                "Struck-through words are only in the reference, bold words only in the document.", ""]
    out += _flags_by_kind_md(view, listed, event, page_dir, report_dir)
    if low:
        # Collapsed: GitHub and most Markdown viewers render <details> folded.
        # The title is the tool's own text (no article words): no escaping needed.
        out += ["<details>", f"<summary>{low_confidence_title(report, len(low))}</summary>",
                "", f"*{md_text(LOW_CONFIDENCE_HELP)}.*", ""]
        out += _flags_by_kind_md(view, low, event, page_dir, report_dir)
        out += ["</details>", ""]
    out += ["---", "", f"{FOOTER} {clean_inline(report.tool_version)}.", ""]
    return "\n".join(out)

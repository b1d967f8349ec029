"""The optional HTML report (``--format html``): static, self-contained pages.

Same content as the Markdown report (:mod:`compare.report.view` provides the
shared view helpers), plus a side-by-side view of the two quotes of each flag:
the reference with its removed words in ``<del>``, the document with its added
words in ``<ins>``.  Inline CSS, no scripts, no external assets; every string
from an article goes through :func:`html.escape`.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from compare.core.escape import html_text, safe_filename
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

CSS = """
:root{--fg:#1d2330;--muted:#5b6475;--line:#d8dde6;--bg:#fff;--soft:#f5f7fa;--del:#fde2e1;
--delfg:#8a1c17;--ins:#dcf5e3;--insfg:#14532d;--accent:#2557a7}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg);margin:0 auto;max-width:1200px;padding:24px 32px}
h1{font-size:1.6em;margin:.2em 0 .4em}h2{font-size:1.25em;margin:1.6em 0 .5em;
border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.08em;margin:1.4em 0 .5em}
a{color:var(--accent)}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.92em}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.sym{text-align:center;font-size:1.1em;width:7em}
.sym-ok{color:#1b7f3b}.sym-drift{color:#a15c00;background:#fff4e0}.sym-omit{color:#b3261e;
background:#fde7e6}.sym-add{color:#1f5fb8;background:#e6f0fd}.sym-trunc{color:#6b4fa3;
background:#efe9fb}.sym-dup{color:var(--muted)}.sym-none{color:#b0b6c0}
.sym-skip{color:var(--muted);background:var(--soft)}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;margin:.2em 0 1em;color:var(--muted)}
.flag{border:1px solid var(--line);border-radius:8px;margin:14px 0;overflow:hidden}
.flag header{display:flex;justify-content:space-between;align-items:center;gap:12px;
background:var(--soft);padding:8px 12px;border-bottom:1px solid var(--line)}
.flag header .id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.side{display:grid;grid-template-columns:1fr 1fr}
.side>div{padding:10px 12px}.side>div+div{border-left:1px solid var(--line)}
.side .label{font-size:.8em;color:var(--muted)}.side .label b{text-transform:uppercase;
letter-spacing:.04em;font-weight:600}
.docs td:nth-child(5),.docs td:nth-child(6){white-space:nowrap}
.quote{white-space:pre-wrap;margin:.3em 0}.none{color:var(--muted);font-style:italic}
del{background:var(--del);color:var(--delfg);text-decoration:line-through}
ins{background:var(--ins);color:var(--insfg);text-decoration:none;font-weight:600}
.facts{padding:8px 12px;border-top:1px solid var(--line);font-size:.92em;display:flex;
flex-wrap:wrap;gap:4px 20px}
.status{border-radius:10px;padding:1px 9px;font-size:.85em;font-weight:600}
.status-open{background:#eef1f5;color:#4a5466}.status-confirmed{background:#fde2e1;color:#8a1c17}
.status-dismissed{background:#e3e7ec;color:#5b6475}
code.cmd{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;background:var(--soft);
border:1px solid var(--line);border-radius:4px;padding:1px 6px;user-select:all}
.attr{padding:6px 12px;border-top:1px solid var(--line);font-size:.9em}
.relay{font-size:.85em;color:var(--muted);font-weight:normal}.help{color:var(--muted);margin:-.3em 0 .6em}
footer{margin-top:2em;color:var(--muted);font-size:.85em}
""".strip()

_SYMBOL_CLASS = {"✓": "sym-ok", "~": "sym-drift", "✗": "sym-omit", "+": "sym-add",
                 "?": "sym-trunc", "=": "sym-dup", "–": "sym-skip", "·": "sym-none"}


def _page(title: str, body: Sequence[str], report: Report) -> str:
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src 'none'\">",
        f"<title>{html_text(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        *body,
        f"<footer>{FOOTER} {html_text(report.tool_version)}, schema {html_text(report.schema)}."
        "</footer>", "</body>", "</html>", ""])


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], raw: bool = False,
           cls: str = "") -> str:
    """A table; cells are escaped unless ``raw`` (then they are already HTML)."""
    head = "".join(f"<th>{h if raw else html_text(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c if raw else html_text(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _a(label: str, href: str) -> str:
    return f'<a href="{html_text(href)}">{html_text(label)}</a>'


def render_index_html(report: Report, *, page_dir: Path, orphaned: int = 0) -> str:
    view = View.of(report)
    events = shown_events(report)
    flags = reviewable_flags(report)
    open_flags = sum(1 for f in flags if f.review.status == "open")
    body = ["<h1>outlet-compare report</h1>",
            f'<p class="muted">{len(report.documents)} documents, {len(events)} events with more than '
            f"one document, {len(flags)} flags ({open_flags} open), "
            f"{len(report.skipped)} skipped inputs.</p>",
            "<h2>Events</h2>"]
    rows = []
    for ev in events:
        ev_flags = view.event_flags(ev.id)
        rows.append([html_text(str(ev.date or "undated")),
                     _a(ev.label or ev.id, f"events/{safe_filename(ev.id)}.html"),
                     str(len(ev.documents)),
                     html_text(", ".join(sorted({view.label(d) for d in ev.documents}))),
                     html_text(reference_text(view, ev)), html_text(_counts(report, ev_flags)),
                     review_progress(ev_flags)])
    body.append(_table(["date", "event", "documents", "outlets", "reference", "flags", "review"],
                       rows, raw=True) if rows else "<p>No event has more than one document.</p>")
    lone = lone_documents(report)
    body.append("<h2>Documents not in a multi-document event</h2>")
    if lone:
        body.append('<p class="muted">Nothing to compare them with: no other document reports '
                    "the same event.</p>")
    body.append(_table(["document", "outlet", "published", "event date", "title", "source"], [
        [html_text(d.id), html_text(d.outlet), str(d.published or ""), str(d.event_date or ""),
         html_text(d.title or "", LABEL_LIMIT), _a(d.path, source_href(d, page_dir, None))]
        for d in lone], raw=True) if lone else "<p>None.</p>")
    body.append("<h2>Skipped inputs</h2>")
    body.append(_table(["file", "reason"], [[s.path, s.reason] for s in report.skipped])
                if report.skipped else "<p>None.</p>")
    if report.warnings:
        body.append("<h2>Input warnings</h2>")
        body.append(_table(["file", "document", "warning"],
                           [[w.path, w.document or "", w.message] for w in report.warnings]))
    body.append("<h2>Rules files used</h2>")
    if report.rules:
        body.append('<p class="muted">The rule files this run loaded, in loading order:</p><ol>'
                    + "".join(f"<li><code>{html_text(r)}</code></li>" for r in report.rules) + "</ol>")
    else:
        body.append("<p>Not recorded.</p>")
    rdir = page_dir.parent.as_posix()
    body.append(f"<h2>Review</h2><p>{review_progress(flags)}. List the open flags with "
                f'<code class="cmd">outlet-compare review {html_text(shlex.quote(rdir))}</code>; each flag '
                "on an event page shows the command that confirms it (or use <code>--dismiss</code>, "
                "<code>--note TEXT</code>).</p>")
    if orphaned:
        body.append(f"<p>{orphaned} review decision(s) refer to flags this run no longer produces; "
                    "they are kept in reviews.yaml, marked orphaned.</p>")
    return _page("outlet-compare report", body, report)


def _side(ops: Sequence[DiffOp], keep: str, fallback: Claim | None) -> str:
    """One side of the side-by-side view: ``keep`` is ``delete`` (reference) or ``insert``.
    Words are joined by single spaces (diff steps carry no reliable whitespace)."""
    if ops:
        tag = "del" if keep == "delete" else "ins"
        parts: list[str] = []
        for op in ops:
            if op.op not in ("equal", keep):
                continue
            core = html_text(op.text, QUOTE_LIMIT)
            if core:
                parts.append(core if op.op == "equal" else f"<{tag}>{core}</{tag}>")
        return f'<p class="quote">{" ".join(parts)}</p>'
    if fallback is None:
        return '<p class="quote none">(not in this text)</p>'
    return f'<p class="quote">{html_text(claim_text(fallback), QUOTE_LIMIT)}</p>'


def _where(view: View, claim: Claim | None, page_dir: Path) -> str:
    if claim is None or claim.document not in view.docs:
        return ""
    doc = view.docs[claim.document]
    line = source_line(doc, claim.span[0])
    return " · " + _a(source_label(doc, line), source_href(doc, page_dir, line))


def _flag_html(view: View, flag: Flag, event: Event, page_dir: Path) -> str:
    ref, claim = flag_quotes(view, flag)
    ops = flag_diff(flag, ref, claim) if ref is not None and claim is not None else ()
    status = flag.review.status
    label = view.label(flag.document)
    note = f" — {html_text(flag.review.note, QUOTE_LIMIT)}" if flag.review.note else ""
    facts = [f"<span>{html_text(detail_text(flag, (ref, claim)), QUOTE_LIMIT)}</span>",
             f"<span>{html_text(confidence_text(flag))}</span>"]
    if flag.lexicon_class:
        facts.append(f"<span>Lexicon class: {html_text(flag.lexicon_class)}</span>")
    facts.append(f'<span>Review: <span class="status status-{html_text(status)}">'
                 f"{html_text(review_text(flag))}</span>{note}</span>")
    action = "--confirm" if status != "confirmed" else "--reopen"
    facts.append(f'<span>Decide: <code class="cmd">'
                 f"{html_text(review_command(page_dir.parent.parent.as_posix(), flag.id, action))}"
                 "</code></span>")
    doc = view.docs.get(flag.document)
    extra = doc_facts(view, flag)
    credited = credited_text(view, flag, event, ref, claim)
    attr = f'<div class="attr">Credited to: {html_text(credited)}</div>' if credited else ""
    missing = '<p class="quote none">(not in this text'
    if doc is not None:
        missing += " · " + _a(doc.path, source_href(doc, page_dir, None))
    missing += ")</p>"
    right = _side(ops, "insert", claim) if claim is not None else missing
    return "\n".join([
        f'<section class="flag" id="{html_text(flag.id)}">',
        f"<header><strong>{html_text(label)}"
        + (f' <span class="relay">{html_text(extra)}</span>' if extra else "")
        + f'</strong><span class="id">{html_text(flag.id)}</span></header>',
        '<div class="side">',
        f'<div><div class="label"><b>{html_text(reference_label(view, event, ref))}</b>'
        f"{_where(view, ref, page_dir)}</div>{_side(ops, 'delete', ref)}</div>",
        f'<div><div class="label"><b>{html_text(label)}</b>'
        f"{_where(view, claim, page_dir)}</div>{right}</div>",
        "</div>", attr,
        f'<div class="facts">{"".join(facts)}</div>',
        "</section>"])


def _counts(report: Report, flags: Sequence[Flag]) -> str:
    listed, low = split_by_confidence(report, flags)
    return kind_counts(listed) + (f" (+{len(low)} low confidence)" if low else "")


def _flags_by_kind_html(view: View, flags: Sequence[Flag], event: Event, page_dir: Path
                        ) -> list[str]:
    out: list[str] = []
    for kind in KIND_ORDER:
        of_kind = [f for f in flags if f.kind == kind]
        if of_kind:
            out.append(f"<h3>{html_text(KIND_TITLES[kind])} ({len(of_kind)})</h3>")
            out.append(f'<p class="help">{html_text(KIND_HELP.get(kind, kind))}.</p>')
            out.extend(_flag_html(view, f, event, page_dir) for f in of_kind)
    return out


def render_event_html(report: Report, event: Event, *, page_dir: Path) -> str:
    view = View.of(report)
    flags = view.event_flags(event.id)
    body = ['<p><a href="../index.html">All events</a></p>',
            f"<h1>{html_text(event.label or event.id)} ({event.date or 'undated'})</h1>",
            '<div class="meta">',
            f"<span>Event id: {html_text(event.id)}</span>",
            f"<span>Kind: {html_text(event.kind)}</span>",
            f"<span>Participants: {html_text(', '.join(event.participants) or 'n/a')}</span>",
            f"<span>Compared against: {html_text(reference_text(view, event))}</span>",
            *([f"<span>Not compared: {html_text(uncompared_text(view, event))}</span>"]
              if event.uncompared else []),
            f"<span>Flags: {html_text(_counts(report, flags))}; {review_progress(flags)}</span>",
            "</div>", "<h2>Documents</h2>"]
    docs, rows = coverage(view, event)
    body.append(_table(
        ["document", "outlet", "role", "relay chain", "published", "event date", "date evidence",
         "duplicate of"],
        [[_a(d.id, source_href(d, page_dir, None)), html_text(d.outlet), html_text(doc_role(d, event)),
          html_text(relay_chain(d)), str(d.published or ""), str(d.event_date or ""),
          html_text(date_evidence_text(d), 200), html_text(d.duplicate_of or "")] for d in docs],
        raw=True, cls="docs"))
    body.append("<h2>Coverage</h2>")
    if rows:
        body.append('<p class="muted">One row per claim (what is said, in the reference\'s words '
                    "where it has the claim), one column per document, the reference first.</p>")
        head = ["claim", "type", *column_names(docs, event)]
        trs = "".join(
            f'<tr><td title="{html_text(r.label, QUOTE_LIMIT)}">{html_text(r.label, LABEL_LIMIT)}</td>'
            f"<td>{html_text(r.type)}</td>"
            + "".join(f'<td class="sym {_SYMBOL_CLASS.get(c, "")}">{html_text(c)}</td>' for c in r.cells)
            + "</tr>" for r in rows)
        body.append("<table><thead><tr>" + "".join(f"<th>{html_text(h)}</th>" for h in head)
                    + f"</tr></thead><tbody>{trs}</tbody></table>")
        body.append('<p class="muted">Legend: ' + "; ".join(
            f'<span class="{_SYMBOL_CLASS[s]}">{html_text(s)}</span> {html_text(t)}' for s, t in SYMBOLS)
            + ".</p>")
    else:
        body.append("<p>No claim groups.</p>")
    listed, low = split_by_confidence(report, flags)
    body.append("<h2>Flags</h2>")
    if not listed:
        body.append("<p>No flags.</p>" if not low else
                    f"<p>No flags at or above confidence {report.min_confidence:.2f}.</p>")
    else:
        body.append('<p class="muted">Most important kinds first; within a kind by outlet, in the order '
                    "of the text. <del>Struck-through</del> words are only in the reference, "
                    "<ins>marked</ins> words only in the document.</p>")
    body.extend(_flags_by_kind_html(view, listed, event, page_dir))
    if low:
        body.append('<details class="low-confidence">'
                    f"<summary>{html_text(low_confidence_title(report, len(low)))}</summary>"
                    f'<p class="help">{html_text(LOW_CONFIDENCE_HELP)}.</p>')
        body.extend(_flags_by_kind_html(view, low, event, page_dir))
        body.append("</details>")
    return _page(f"{event.label or event.id} ({event.date or 'undated'})", body, report)

"""Escaping untrusted article text for Markdown and HTML output.

Everything that comes from an article (titles, quotes, outlet names found in
text, file paths) is untrusted.  In Markdown it must never become markup: no
emphasis, links, images, raw HTML, comments, headings, lists, code, and it must
never break a table row.  The approach is conservative: whitespace (including
newlines) collapses to single spaces, control and bidi-override characters are
dropped, and every ASCII punctuation character that has a meaning in
CommonMark or GitHub-flavoured Markdown is backslash-escaped (CommonMark
guarantees a backslash before any ASCII punctuation is a literal).
"""

from __future__ import annotations

import hashlib
import html
import re
from urllib.parse import quote

# Characters with a Markdown meaning anywhere in a line (CommonMark + GFM tables,
# strikethrough, GitHub math).  ``.`` ``)`` ``-`` ``+`` ``=`` only matter at the
# start of a line, handled separately.
_MD_SPECIAL = frozenset("\\`*_{}[]()<>#!|~&$")
_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in _MD_SPECIAL})
# Zero-width and bidi-control characters that can disguise text, and C0/C1 controls.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
                        "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACE = re.compile(r"\s+")
_LIST_START = re.compile(r"^(\d{1,9})([.)])")


def clean_inline(text: str, limit: int | None = None) -> str:
    """One line of plain text: controls dropped, whitespace collapsed, optionally shortened."""
    text = _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 1)].rstrip() + "…"
    return text


def md_text(text: str, limit: int | None = None) -> str:
    """``text`` as literal inline Markdown (safe in paragraphs, headings, lists and table cells)."""
    text = clean_inline(text, limit)
    out = text.translate(_MD_ESCAPES)
    # Line-start constructs: lists ("- ", "+ ", "1. "), setext/thematic ("=", "-").
    if out[:1] in ("-", "+", "="):
        out = "\\" + out
    match = _LIST_START.match(out)
    if match:
        out = match.group(1) + "\\" + out[len(match.group(1)):]
    return out


def md_cell(text: str, limit: int | None = None) -> str:
    """A table cell: like :func:`md_text`; an empty value stays empty."""
    return md_text(text, limit)


_BACKTICKS = re.compile("`+")


def md_code(text: str, limit: int | None = None) -> str:
    """``text`` as an inline code span (for commands to copy): one line, fenced with
    more backticks than any run inside, padded when it starts or ends with one."""
    text = clean_inline(text, limit)
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}" if text else ""


def md_url(path: str) -> str:
    """A relative link target from a file path: percent-encoded, so it can carry no
    scheme (``javascript:``), no spaces or brackets that end the link early."""
    encoded = quote(path.replace("\\", "/"), safe="/-._~")
    # No ":" survives, so no scheme; "#" is encoded too (callers append "#L<line>").
    return encoded


_HREF_OK = re.compile(r"[A-Za-z0-9/%._~-]*(#L[0-9]+)?")


def md_link(label: str, href: str) -> str:
    """``[label](href)`` with the label escaped; ``href`` should come from :func:`md_url`
    (plus ``#L<line>``); anything else is percent-encoded here."""
    if not _HREF_OK.fullmatch(href):
        href = md_url(href)
    return f"[{md_text(label)}]({href})"


def html_text(text: str, limit: int | None = None) -> str:
    """Text for an HTML element body or attribute (quotes escaped too)."""
    return html.escape(clean_inline(text, limit), quote=True)


def html_block(text: str) -> str:
    """Longer text for HTML: controls dropped, whitespace kept for CSS pre-wrap."""
    return html.escape(_INVISIBLE.sub("", text), quote=True)


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._\-]")


def safe_filename(ident: str) -> str:
    """A file name for a document or event id: ``[A-Za-z0-9._-]`` only, never hidden,
    never ``..``; ids that need no change keep their name (so links stay readable),
    others get a short hash so two ids never share a file."""
    name = _UNSAFE_NAME.sub("_", ident)[:120]
    if name == ident and name and not name.startswith("."):
        return name
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"_{name}-{digest}"

"""Reading inputs: files and folders of articles into :class:`SourceText` records.

The only stage that reads files.  Formats: ``.txt``, ``.md``, ``.html``/``.htm``
and ``.jsonl`` (one article per line: ``text`` or ``html``, optional ``url``,
``outlet``, ``published``, ``title``).  Folders are walked recursively in sorted
order; inside a folder, files of other types, hidden files, ``README*``,
``CHANGELOG*``, ``LICENSE*`` and the manifest itself are ignored (they are not
articles), while a file named explicitly is always read or reported.

Every file or folder that cannot be used becomes a :class:`Skipped` with one
reason; a bad manifest raises :class:`InputError` naming its file and line.
Problems that do not stop a file from being read become an
:class:`InputWarning` (a file mixing UTF-8 with another encoding, with the byte
offsets of the other runs; a manifest row naming a file that does not exist).
The output folder and any folder holding a ``report.json`` of this tool are
never read as input (a report is not an article): a note says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html as htmlmod
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from compare.core.errors import InputError
from compare.core.models import InputWarning, Skipped, SourceText

FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
NOT_ARTICLES = ("readme", "changelog", "license", "licence", "contributing")
MAX_TEXT_CHARS = 2_000_000
MAX_FIELD_CHARS = 1_000
MAX_MANIFEST_BYTES = 50 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_DROP_ELEMENTS = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|nav|"
                        r"figure|figcaption|blockquote|time|title)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.M)
_META = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>'"]+)""")
SITE_NAME_KEYS = ("og:site_name", "application-name")
META_SCAN_CHARS = 300_000


@frozen
class ManifestEntry:
    line: int
    path: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None


class _Skip(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- public


def read_inputs(paths: Sequence[Path], *, manifest: Path | None, max_bytes: int,
                exclude: Sequence[Path] = (), warnings: list[InputWarning] | None = None,
                notes: list[str] | None = None,
                progress: Callable[[Iterable[Any], str, int], Iterable[Any]] | None = None,
                ) -> tuple[list[SourceText], list[Skipped]]:
    """Read every article under ``paths`` (files or folders); see the module docstring.

    Folders in ``exclude`` (the output folder) and report folders are not read; a
    line for each goes to ``notes``.  Problems with files that were still read go
    to ``warnings`` (and, for a file, into its ``SourceText.warnings``)."""
    entries = read_manifest(manifest) if manifest is not None else {}
    manifest_dir = manifest.resolve().parent if manifest is not None else None
    if warnings is not None and manifest is not None and manifest_dir is not None:
        warnings.extend(missing_manifest_files(manifest, entries, manifest_dir))
    sources: list[SourceText] = []
    skipped: list[Skipped] = []
    excluded = {os.path.realpath(p) for p in exclude}
    walk: Iterable[tuple[Path, bool]] = _walk(paths, manifest, excluded, skipped,
                                              notes if notes is not None else [])
    if progress is not None:
        walk = progress(walk, "reading", 0)
    for path, explicit in walk:
        shown = str(path)
        if not path.exists() and not path.is_symlink():
            skipped.append(Skipped(shown, "file or folder not found"))
            continue
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            if explicit:
                skipped.append(Skipped(shown, f"unsupported file type '{path.suffix or path.name}' "
                                              "(expected .txt, .md, .html, .htm or .jsonl)"))
            continue
        entry = _match_entry(entries, path, manifest_dir)
        try:
            data = _read_bytes(path, max_bytes)
            if fmt == "jsonl":
                got, bad = _read_jsonl(shown, data, entry)
                if not got and not bad:
                    raise _Skip("empty file (no JSON lines)")
                sources.extend(got)
                skipped.extend(bad)
            else:
                source = _read_document(shown, data, fmt, entry)
                sources.append(source)
                if warnings is not None:
                    warnings.extend(InputWarning(shown, w) for w in source.warnings)
        except _Skip as exc:
            skipped.append(Skipped(shown, exc.reason))
    return sources, skipped


def missing_manifest_files(manifest: Path, entries: dict[str, ManifestEntry],
                           manifest_dir: Path) -> list[InputWarning]:
    """A warning for each manifest row whose file does not exist (paths are relative
    to the manifest's folder)."""
    out = []
    for e in sorted(entries.values(), key=lambda e: e.line):
        if not (manifest_dir / e.path).exists():
            out.append(InputWarning(f"{manifest}:{e.line}", f"manifest row names a missing file: {e.path[:200]}"))
    return out


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Entries keyed by their ``path`` as written; raises InputError naming file and line."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise InputError(shown, f"manifest larger than {MAX_MANIFEST_BYTES} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(shown, "manifest not found") from None
    except UnicodeDecodeError:
        raise InputError(shown, "manifest is not UTF-8") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read manifest: {exc.strerror}") from None
    rows: list[tuple[int, dict[str, Any]]] = []
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(shown, f"bad JSON: {exc.msg}", line=n) from None
            if not isinstance(obj, dict):
                raise InputError(shown, "each line must be a JSON object", line=n)
            rows.append((n, obj))
    else:
        reader = csv.DictReader(io.StringIO(text), strict=True)
        start = 1
        try:
            fieldnames = reader.fieldnames
            if not fieldnames or "path" not in [f.strip().lower() for f in fieldnames]:
                raise InputError(shown, "the manifest needs a 'path' column (path,outlet,url,published,title)",
                                 line=1)
            start = reader.line_num + 1
            for row in reader:
                if None in row:
                    raise InputError(shown, f"{len(fieldnames) + len(row[None])} fields where the header has "
                                     f"{len(fieldnames)}", line=start)
                rows.append((start, {(k or "").strip().lower(): v for k, v in row.items()}))
                start = reader.line_num + 1
        except csv.Error as exc:
            # An unclosed quote runs to the end of the file: name the line it opened on.
            raise InputError(shown, f"bad CSV: {exc} (a quote opened on line {start} is not closed?)"
                             if "end of data" in str(exc) or "EOF" in str(exc) else f"bad CSV: {exc}",
                             line=start) from None
    entries: dict[str, ManifestEntry] = {}
    for n, row in rows:
        p = row.get("path")
        if not isinstance(p, str) or not p.strip():
            raise InputError(shown, "missing 'path'", line=n)
        try:
            published = parse_published(row.get("published"))
        except ValueError as exc:
            raise InputError(shown, f"published: {exc}", line=n) from None
        entries[p.strip()] = ManifestEntry(n, p.strip(), _field(row.get("outlet")), _field(row.get("url")),
                                           published, _field(row.get("title")))
    return entries


def parse_published(value: Any) -> dt.date | None:
    """``2020-07-23``, ``2020-07-23T21:05:00+04:00`` (the local date is kept) or empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date, got {value!r}")
    s = value.strip()
    try:
        return dt.date.fromisoformat(s[:10]) if len(s) >= 10 else dt.date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"not an ISO date: {s[:40]!r}") from None


# --------------------------------------------------------------------------- walking


def is_report_folder(folder: Path) -> bool:
    """True when ``folder`` holds a ``report.json`` written by this tool."""
    try:
        with open(folder / "report.json", "rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return b'"outlet-compare/report/' in head


def _walk(paths: Sequence[Path], manifest: Path | None, excluded: set[str], skipped: list[Skipped],
          notes: list[str]) -> Iterator[tuple[Path, bool]]:
    skip = manifest.resolve() if manifest is not None else None

    def excluded_dir(folder: Path) -> bool:
        if os.path.realpath(folder) in excluded:
            notes.append(f"{folder}: the output folder is not read as input")
            return True
        if is_report_folder(folder):
            notes.append(f"{folder}: holds a report.json of outlet-compare; not read as input")
            return True
        return False

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else "?"
        skipped.append(Skipped(str(where), f"cannot read folder: {exc.strerror or exc}"))

    for p in paths:
        p = Path(p)
        if p.is_dir():
            if excluded_dir(p):
                continue
            for root, dirs, files in os.walk(p, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not excluded_dir(Path(root) / d))
                for name in sorted(files):
                    f = Path(root) / name
                    if (name.startswith(".") or name.lower().startswith(NOT_ARTICLES)
                            or f.suffix.lower() not in FORMATS or (skip is not None and f.resolve() == skip)):
                        continue
                    yield f, False
        else:
            yield p, True


def _match_entry(entries: dict[str, ManifestEntry], path: Path,
                 manifest_dir: Path | None) -> ManifestEntry | None:
    if not entries:
        return None
    resolved = path.resolve()
    by_name = [e for e in entries.values() if Path(e.path).name == path.name]
    for e in entries.values():
        if manifest_dir is not None and (manifest_dir / e.path).resolve() == resolved:
            return e
    return by_name[0] if len(by_name) == 1 else None


def _field(value: Any) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())[:MAX_FIELD_CHARS]
    return s or None


# --------------------------------------------------------------------------- bytes and text


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Skip(f"file too large ({size} bytes; the limit is {max_bytes})")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise _Skip("cannot read file: permission denied") from None
    except IsADirectoryError:
        raise _Skip("not a file") from None
    except OSError as exc:
        raise _Skip(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _Skip(f"file too large (more than {max_bytes} bytes)")
    if not data.strip():
        raise _Skip("empty file")
    return data


def decode(data: bytes) -> tuple[str, str]:
    """Decode article bytes: BOMs first, then strict UTF-8, then charset-normalizer."""
    text, enc, _ = decode_checked(data)
    return text, enc


# A valid UTF-8 sequence of two to four bytes (no overlongs, no surrogates).
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                         rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}"
                         rb"|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# A file is "UTF-8 with foreign runs" when at least this share of its non-ASCII
# bytes form valid UTF-8 sequences.  benchmarks/mixed_encoding_share.py (the
# seeds and realdev articles re-encoded): whole files in cp1251, KOI8-R or
# cp1252 have a share of 0.000 (126 files, max 0.000); UTF-8 files with one
# paragraph in one of them 0.273 to 0.998 (291 files, median 0.931).  0.10
# sits between, nearer the legacy side.
MIXED_MIN_SHARE = 0.10
MAX_RUNS_SHOWN = 3


def decode_checked(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """:func:`decode` plus warnings: a file that is UTF-8 except for some runs of
    bytes in another encoding (pasted from another page) is decoded run by run,
    and each foreign run is named by its byte offsets."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "utf-8-sig", ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _strict(data[2:], enc), "utf-16", ()
    if b"\x00" in data:
        raise _Skip("binary file (contains NUL bytes)")
    warnings: tuple[str, ...] = ()
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        mixed = _decode_mixed(data)
        if mixed is not None:
            text, enc, warnings = mixed
        else:
            from charset_normalizer import from_bytes

            best = from_bytes(data, cp_isolation=None).best()
            if best is None:
                raise _Skip("cannot decode text (unknown character encoding)") from None
            text, enc = str(best), str(best.encoding)
    if len(_CONTROL.findall(text[:20000])) > max(8, len(text[:20000]) // 100):
        raise _Skip("binary file (control characters)")
    return text, enc, warnings


def _foreign_runs(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges that are not valid UTF-8; two ranges separated only by ASCII are one run."""
    runs: list[tuple[int, int]] = []
    pos = 0
    while True:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + exc.end
            if runs and not _NON_ASCII.search(data[runs[-1][1]:start]):
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
            pos = end
    return runs


def _decode_mixed(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    non_ascii = len(_NON_ASCII.findall(data))
    valid = sum(len(m) for m in _UTF8_MULTI.findall(data))
    if non_ascii == 0 or valid / non_ascii < MIXED_MIN_SHARE:
        return None
    runs = _foreign_runs(data)
    foreign = b" ".join(data[a:b] for a, b in runs)
    from charset_normalizer import from_bytes

    best = from_bytes(foreign, cp_isolation=None).best() if len(foreign) >= 8 else None
    other = str(best.encoding) if best is not None else "cp1252"
    parts: list[str] = []
    pos = 0
    for a, b in runs:
        parts.append(data[pos:a].decode("utf-8"))
        parts.append(data[a:b].decode(other, errors="replace"))
        pos = b
    parts.append(data[pos:].decode("utf-8"))
    shown = ", ".join(f"{a}-{b - 1}" if b - a > 1 else str(a) for a, b in runs[:MAX_RUNS_SHOWN])
    more = f" and {len(runs) - MAX_RUNS_SHOWN} more" if len(runs) > MAX_RUNS_SHOWN else ""
    n_bytes = sum(b - a for a, b in runs)
    warning = (f"mixed encodings: {n_bytes} bytes are not UTF-8 (byte offsets {shown}{more}); "
               f"read them as {other}, check the text")
    return "".join(parts), "utf-8", (warning,)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _Skip(f"cannot decode text (invalid {encoding.upper()} after the byte-order mark)") from None


def html_to_text(markup: str) -> tuple[str, str | None, dt.date | None]:
    """Article text, page title and published date (from metadata) of an HTML page.

    trafilatura extracts the main text; when it finds nothing, the markup is
    stripped to plain text instead.
    """
    text, title, published, _ = html_extract(markup)
    return text, title, published


def html_extract(markup: str) -> tuple[str, str | None, dt.date | None, str | None]:
    """:func:`html_to_text` plus the site's own name (og:site_name, application-name)."""
    import trafilatura

    markup = markup[:MAX_TEXT_CHARS * 2]
    text = None
    title = None
    published = None
    site = site_name(markup)
    try:
        text = trafilatura.extract(markup, include_comments=False, include_tables=False,
                                   favor_recall=True, deduplicate=False)
        meta = trafilatura.extract_metadata(markup)
        if meta is not None:
            title = meta.title or None
            if site is None and meta.sitename and not _looks_like_host(meta.sitename):
                site = _field(meta.sitename)
            try:
                published = parse_published(meta.date) if meta.date else None
            except ValueError:
                published = None
    except Exception:  # trafilatura/lxml errors on broken markup: fall back below
        text = None
    if not title:
        m = _TITLE.search(markup) or _H1.search(markup)
        title = _strip_markup(m.group(1)).strip() if m else None
    if not text or not text.strip():
        text = _strip_markup(markup)
    return text, (title or None), published, site


def site_name(markup: str) -> str | None:
    """The site's name from ``<meta property="og:site_name">`` or ``<meta name="application-name">``."""
    found: dict[str, str] = {}
    for tag in _META.findall(markup[:META_SCAN_CHARS]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        value = _field(htmlmod.unescape(attrs.get("content", "")))
        if key in SITE_NAME_KEYS and value and not _looks_like_host(value):
            found.setdefault(key, value[:100])
    return next((found[k] for k in SITE_NAME_KEYS if k in found), None)


def _looks_like_host(name: str) -> bool:
    """'example.com' or 'www.site.org' is a host name, not the name a site gives itself."""
    s = name.strip()
    return " " not in s and "." in s.strip(".")


def _strip_markup(markup: str) -> str:
    s = _DROP_ELEMENTS.sub(" ", markup)
    s = _BLOCK_TAG.sub("\n", s)
    s = _TAG.sub(" ", s)
    s = htmlmod.unescape(s)
    lines = [" ".join(x.split()) for x in s.splitlines()]
    return "\n".join(x for x in lines if x)


def _read_document(shown: str, data: bytes, fmt: str, entry: ManifestEntry | None) -> SourceText:
    text, enc, warnings = decode_checked(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    html_title: str | None = None
    site: str | None = None
    published = entry.published if entry else None
    if fmt == "html":
        text, html_title, meta_date, site = html_extract(text)
        published = published or meta_date
    elif fmt == "md":
        m = _MD_HEADING.search(text[:20000])
        html_title = m.group(1).strip() if m else None
    if not text.strip():
        raise _Skip("no text found" if fmt == "html" else "empty file")
    return SourceText(
        path=shown, text=text[:MAX_TEXT_CHARS], fmt=fmt, sha256=hashlib.sha256(data).hexdigest(),  # type: ignore[arg-type]
        url=entry.url if entry else None, outlet_hint=entry.outlet if entry else None,
        published_hint=published, title_hint=entry.title if entry else None,
        encoding=enc, html_title=_field(html_title), site_name=site, warnings=warnings)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """JSON escapes can encode lone surrogates ("\\ud800"), which no UTF-8 tool accepts: U+FFFD them."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _read_jsonl(shown: str, data: bytes, entry: ManifestEntry | None) -> tuple[list[SourceText], list[Skipped]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    sources: list[SourceText] = []
    skipped: list[Skipped] = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            skipped.append(Skipped(shown, f"bad JSON on line {n}: not UTF-8"))
            continue
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(shown, f"bad JSON on line {n}: {exc.msg}"))
            continue
        if not isinstance(obj, dict):
            skipped.append(Skipped(shown, f"bad JSON on line {n}: expected an object"))
            continue
        body = obj.get("text")
        markup = obj.get("html")
        if not (isinstance(body, str) and body.strip()) and not (isinstance(markup, str) and markup.strip()):
            skipped.append(Skipped(shown, f"line {n}: no 'text' or 'html' field"))
            continue
        try:
            published = parse_published(obj.get("published"))
        except ValueError as exc:
            skipped.append(Skipped(shown, f"line {n}: published: {exc}"))
            continue
        html_title = None
        site: str | None = None
        if isinstance(body, str) and body.strip():
            text = body
        else:
            text, html_title, meta_date, site = html_extract(str(markup))
            published = published or meta_date
        text = _no_surrogates(text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_TEXT_CHARS])
        sources.append(SourceText(
            path=shown, text=text, fmt="jsonl", sha256=hashlib.sha256(raw.rstrip(b"\r")).hexdigest(), line=n,
            url=_field(obj.get("url")) or (entry.url if entry else None),
            outlet_hint=_field(obj.get("outlet")) or (entry.outlet if entry else None),
            published_hint=published or (entry.published if entry else None),
            title_hint=_field(obj.get("title")) or (entry.title if entry else None),
            html_title=_field(html_title), site_name=site))
    return sources, skipped

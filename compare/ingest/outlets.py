"""Which outlet published an article, in what role, and whom it relays.

Rules come from ``rules/outlets.yaml`` (see the comments there).  The order of
trust is: the manifest/JSONL hint, then the article URL, then the page's own
self-identification (site header or footer line, the HTML metadata site name
(og:site_name), copyright footer, dateline
agency tag, "<sentence>, Trend reports" credit, a caption's "- Sputnik
International" suffix), then outlets that are not listed but name themselves
in a dateline or a copyright footer (lower confidence).  Otherwise the outlet is
``unknown`` with the reason in the evidence; it is never guessed.

Names of outlets inside the story ("TASS reported", "according to Interfax")
are relays, nearest first.  When an article relays a wire and reads as a
relayed official statement ("the Kremlin said in a statement" at least twice),
the official source ends the chain: Trend citing TASS citing the Kremlin gives
relays ``("TASS", "Kremlin")``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast
from urllib.parse import urlsplit

import re2
from attrs import Factory, field, frozen

from compare.core.errors import RuleError, RuleProblem
from compare.core.models import Evidence, Role
from compare.core.rulefiles import RuleFile, compile_pattern
from compare.core.textnorm import _SPACE_TABLE, LinePatterns, PatternSet, squash, word_count

ROLES = ("primary", "wire", "outlet")
WHERE = ("head", "foot", "lead", "anywhere")
HEAD_LINES = 15
FOOT_LINES = 10
LEAD_LINES = 20
CAPTION_MIN_WORDS = 15
MAX_SCAN_CHARS = 400_000


@frozen
class Outlet:
    name: str
    role: Role
    names: tuple[str, ...]
    urls: tuple[Any, ...] = ()
    headers: frozenset[str] = frozenset()
    patterns: tuple[Any, ...] = ()


@frozen
class IdentityRule:
    name: str
    where: str
    confidence: float
    regex: Any
    role: Role = "outlet"  # only for generic rules
    # the same pattern, run over all lines of a scope at once to find the lines to test
    finder: LinePatterns | None = field(default=None, eq=False, repr=False)

    def lines(self, scope: Sequence[str]) -> Sequence[str]:
        """The lines of ``scope`` (in order) that the rule's pattern can match."""
        if self.finder is None:
            return scope
        if self.where == "head":  # searched three times per article; the other scopes once
            return _matching_lines(self.finder, tuple(scope))
        return [scope[i] for i in sorted(self.finder.matching(scope))]


@lru_cache(maxsize=64)
def _matching_lines(finder: LinePatterns, scope: tuple[str, ...]) -> tuple[str, ...]:
    """Cached: one article's head is searched by the same rule while identifying
    the outlet, settling its name and finding its relays."""
    return tuple(scope[i] for i in sorted(finder.matching(scope)))


@frozen
class OutletRules:
    outlets: tuple[Outlet, ...] = ()
    identity: tuple[IdentityRule, ...] = ()
    generic: tuple[IdentityRule, ...] = ()
    relays: tuple[Any, ...] = ()
    primary_templates: tuple[Any, ...] = ()
    primary_min_count: int = 2
    name_roles: tuple[tuple[Role, Any], ...] = ()
    masthead_lines: int = 3
    legal_suffix: Any = None
    release_marker: Any = None
    # every outlet pattern at once (pattern index -> outlet index in ``pattern_owner``)
    edge_patterns: LinePatterns | None = field(default=None, eq=False, repr=False)
    pattern_owner: tuple[int, ...] = field(default=(), eq=False, repr=False)
    # the host of a government's own site ("mofa.go.jp", "www.gov.pl"): an unlisted
    # outlet published there is a primary source
    government_host: Any = None
    # the relay and primary templates as sets: which of them occur in a text at all
    _relay_set: PatternSet = field(init=False, eq=False, repr=False, default=Factory(
        lambda self: PatternSet([r.pattern for r in self.relays]), takes_self=True))
    _primary_set: PatternSet = field(init=False, eq=False, repr=False, default=Factory(
        lambda self: PatternSet([r.pattern for r in self.primary_templates]), takes_self=True))

    def relays_in(self, text: str) -> list[Any]:
        """The relay templates (in order) that match somewhere in ``text``."""
        return [self.relays[k] for k in self._relay_set.which(text)]

    def primary_templates_in(self, text: str) -> list[Any]:
        """The primary-attribution templates (in order) that match somewhere in ``text``."""
        return [self.primary_templates[k] for k in self._primary_set.which(text)]
    _names: dict[str, Outlet] = field(init=False, eq=False, repr=False,
                                      default=Factory(lambda self: _name_index(self.outlets), takes_self=True))
    _headers: dict[str, tuple[int, ...]] = field(
        init=False, eq=False, repr=False, default=Factory(lambda self: _header_index(self.outlets), takes_self=True))

    def role_of_name(self, name: str) -> Role | None:
        """The role an unlisted outlet's own name implies (``name_roles``), or None."""
        for role, regex in self.name_roles:
            if regex.search(name) is not None:
                return role
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The first listed outlet whose name or one of whose names is ``name`` (case-insensitive)."""
        return self._names.get(name.casefold())

    def header_outlets(self, line: str) -> tuple[int, ...]:
        """Indices of the outlets whose header is ``line`` (already squashed)."""
        return self._headers.get(line.casefold().rstrip(":"), ())


def _name_index(outlets: Sequence[Outlet]) -> dict[str, Outlet]:
    index: dict[str, Outlet] = {}
    for o in outlets:
        for n in (o.name, *o.names):
            index.setdefault(n.casefold(), o)
    return index


def _header_index(outlets: Sequence[Outlet]) -> dict[str, tuple[int, ...]]:
    index: dict[str, tuple[int, ...]] = {}
    for i, o in enumerate(outlets):
        for h in o.headers:
            index[h] = (*index.get(h, ()), i)
    return index


@frozen
class OutletMatch:
    name: str
    role: Role
    relays: tuple[str, ...]
    evidence: Evidence


# --------------------------------------------------------------------------- parsing


def _names_group(outlets: Sequence[Outlet], group: str = "name") -> str:
    names = sorted({n for o in outlets for n in o.names}, key=lambda n: (-len(n), n))
    return f"(?P<{group}>(?-i:" + "|".join(re2.escape(n) for n in names) + "))"


def _template(rf: RuleFile, path: tuple[str | int, ...], template: Any, group: str) -> Any:
    if not isinstance(template, str) or "{name}" not in template:
        raise RuleError([rf.problem(path, "a template must be a string containing {name}")])
    compile_pattern(template.replace("{name}", "NAME"), rf, path)
    return compile_pattern(template.replace("{name}", group), rf, path)


def parse_outlet_rules(rf: RuleFile) -> OutletRules:
    """Parse ``outlets.yaml``; problems are reported as file:line: path: message."""
    problems: list[RuleProblem] = []
    outlets: list[Outlet] = []
    entries = rf.get("outlets", []) or []
    if not isinstance(entries, list):
        raise RuleError([rf.problem(("outlets",), "must be a list of outlets")])
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            problems.append(rf.problem(("outlets", i), "each outlet needs a 'name'"))
            continue
        role = e.get("role", "outlet")
        if role not in ROLES:
            problems.append(rf.problem(("outlets", i, "role"), f"{role!r} is not one of {', '.join(ROLES)}"))
            continue
        try:
            urls = tuple(compile_pattern(str(p), rf, ("outlets", i, "urls", j))
                         for j, p in enumerate(e.get("urls", []) or []))
            pats = tuple(compile_pattern(str(p), rf, ("outlets", i, "patterns", j))
                         for j, p in enumerate(e.get("patterns", []) or []))
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        names = tuple(str(n) for n in (e.get("names") or [e["name"]]) if str(n).strip())
        headers = frozenset(squash(str(h)).casefold().rstrip(":") for h in e.get("headers", []) or [])
        outlets.append(Outlet(e["name"], cast(Role, role), names or (e["name"],), urls, headers, pats))
    group = _names_group(outlets)
    identity: list[IdentityRule] = []
    generic: list[IdentityRule] = []
    relays: list[Any] = []
    primary: list[Any] = []
    for key, target in (("identity_templates", identity), ("generic_identity", generic)):
        for i, t in enumerate(rf.get(key, []) or []):
            path: tuple[str | int, ...] = (key, i)
            try:
                if not isinstance(t, dict) or t.get("where", "anywhere") not in WHERE:
                    raise RuleError([rf.problem(path, f"needs 'pattern' and 'where' one of {', '.join(WHERE)}")])
                if key == "identity_templates":
                    regex = _template(rf, (*path, "pattern"), t.get("pattern"), group)
                else:
                    pattern = str(t.get("pattern", ""))
                    if "(?P<outlet>" not in pattern:
                        raise RuleError([rf.problem((*path, "pattern"), "needs a group (?P<outlet>...)")])
                    regex = compile_pattern(pattern, rf, (*path, "pattern"))
                role = t.get("role", "outlet")
                if role not in ROLES:
                    raise RuleError([rf.problem((*path, "role"), f"{role!r} is not one of {', '.join(ROLES)}")])
                target.append(IdentityRule(str(t.get("name", f"{key}[{i}]")), str(t.get("where", "anywhere")),
                                           float(t.get("confidence", 0.5)), regex, role,
                                           LinePatterns([regex.pattern])))
            except RuleError as exc:
                problems.extend(exc.problems)
    for i, t in enumerate(rf.get("relay_templates", []) or []):
        try:
            relays.append(_template(rf, ("relay_templates", i), t, group))
        except RuleError as exc:
            problems.extend(exc.problems)
    pa = rf.get("primary_attribution", {}) or {}
    prim_outlets = [o for o in outlets if o.role == "primary"]
    if prim_outlets:
        pgroup = _names_group(prim_outlets)
        for i, t in enumerate(pa.get("templates", []) or []):
            try:
                primary.append(_template(rf, ("primary_attribution", "templates", i), t, pgroup))
            except RuleError as exc:
                problems.extend(exc.problems)
    name_roles: list[tuple[Role, Any]] = []
    for i, t in enumerate(rf.get("name_roles", []) or []):
        path = ("name_roles", i)
        if not isinstance(t, dict) or t.get("role") not in ROLES or not isinstance(t.get("pattern"), str):
            problems.append(rf.problem(path, f"needs 'pattern' and 'role' one of {', '.join(ROLES)}"))
            continue
        try:
            name_roles.append((cast(Role, t["role"]), compile_pattern(t["pattern"], rf, (*path, "pattern"))))
        except RuleError as exc:
            problems.extend(exc.problems)
    single: dict[str, Any] = {}
    for key in ("legal_suffixes", "release_markers", "government_hosts"):
        if rf.get(key):
            try:
                single[key] = compile_pattern(str(rf.get(key)), rf, (key,))
            except RuleError as exc:
                problems.extend(exc.problems)
    if problems:
        raise RuleError(problems)
    owner = [k for k, o in enumerate(outlets) for _ in o.patterns]
    edge = LinePatterns([r.pattern for o in outlets for r in o.patterns]) if owner else None
    return OutletRules(tuple(outlets), tuple(identity), tuple(generic), tuple(relays), tuple(primary),
                       int(pa.get("min_count", 2)), tuple(name_roles), int(rf.get("masthead_lines", 3) or 0),
                       single.get("legal_suffixes"), single.get("release_markers"), edge, tuple(owner),
                       single.get("government_hosts"))


# --------------------------------------------------------------------------- matching


# odd spaces that do not end a line (\v and \f do, for splitlines): translated in one pass
_INLINE_SPACES = {k: v for k, v in _SPACE_TABLE.items() if chr(k) not in "\v\f"}


def _scopes(text: str) -> dict[str, list[str]]:
    """Squashed non-empty lines (as :func:`squash` of each line gives them), with the edge scopes."""
    spaced = text[:MAX_SCAN_CHARS].translate(_INLINE_SPACES).replace("\u200b", "")
    # after the translation a line's only whitespace is " ": most lines need no re-joining
    lines = [x if "  " not in x and x[:1] != " " and x[-1:] != " " else " ".join(x.split())
             for x in spaced.splitlines()]
    lines = [x for x in lines if x]
    return {"head": lines[:HEAD_LINES], "foot": lines[-FOOT_LINES:], "lead": lines[:LEAD_LINES],
            "anywhere": lines}


def _unknown(reason: str) -> Evidence:
    return Evidence(quote="", rule=f"none: {reason}", confidence=0.0)


def identify_outlet(text: str, url: str | None, hint: str | None, title: str | None,
                    rules: OutletRules, site_name: str | None = None) -> OutletMatch:
    """The outlet of one article (see the module docstring for the order of trust).

    ``site_name`` is the name the page's metadata gives its site (og:site_name).
    """
    scopes = _scopes(text)
    found = _identify(scopes, url, hint, title, rules, site_name)
    unknown: tuple[str, Role, Evidence] = ("unknown", "unknown",
                                           _unknown("no manifest hint, known URL or self-identification"))
    name, role, ev = _settle(found, scopes, rules) if found else unknown
    if role in ("outlet", "unknown") and rules.by_name(name) is None and _government_site(url, rules):
        role = "primary"  # an unlisted name on a government's own site: its readout
    chain = _relays(scopes, name, rules)
    return OutletMatch(name=name, role=role, relays=chain, evidence=ev)


def _government_site(url: str | None, rules: OutletRules) -> bool:
    """Whether ``url`` is on a host ``government_hosts`` matches."""
    if not url or rules.government_host is None:
        return False
    host = urlsplit(url.strip()).hostname or ""
    return bool(host) and rules.government_host.search(host) is not None


def _identify(scopes: dict[str, list[str]], url: str | None, hint: str | None, title: str | None,
              rules: OutletRules, site_name: str | None = None) -> tuple[str, Role, Evidence] | None:
    if hint and hint.strip():
        o = rules.by_name(hint.strip())
        if o is not None:
            return o.name, o.role, Evidence(quote=hint, rule="hint")
        return hint.strip(), "outlet", Evidence(quote=hint, rule="hint", confidence=0.9)
    if url:
        for o in rules.outlets:
            if any(r.search(url) for r in o.urls):
                return o.name, o.role, Evidence(quote=url, rule="url", confidence=0.95)
    edge = _site_line(scopes["head"] + scopes["foot"], rules)
    if edge is not None:
        return edge
    name = squash(site_name or "")[:100]
    if len(name) >= 2:  # the site's own metadata name: the publisher, even of a wire story
        o = rules.by_name(name)
        if o is not None:
            return o.name, o.role, Evidence(quote=name, rule="site-name", confidence=0.95)
        return name, "outlet", Evidence(quote=name, rule="site-name", confidence=0.85)
    for rule in rules.identity:  # in file order: footers first, then datelines and credits
        for line in rule.lines(scopes[rule.where]):
            m = rule.regex.search(line)
            if m is None or (rule.name.startswith("copyright") and " / " in line):
                continue
            o = rules.by_name(m.group("name"))
            if o is None:
                continue
            if rule.name.startswith("caption") and (o.role == "primary" or word_count(line) < CAPTION_MIN_WORDS):
                continue
            return o.name, o.role, Evidence(quote=line, rule=rule.name, confidence=rule.confidence)
        # a footer naming an unlisted site beats a listed wire's dateline: it is the site
        # ... and so does a government body's masthead on its own release
        if rule.name.startswith("copyright"):
            hit = _generic(scopes, rules, "foot") or _official_masthead(scopes["head"], rules)
            if hit:
                return hit
    return _official_masthead(scopes["head"], rules) or _generic(scopes, rules, None)


_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")  # the tool's own pattern: stdlib re is fine


def masthead_name(line: str) -> str:
    """The site name part of a masthead line: the text before a ' | ' / ' - ' / ' — ' separator."""
    return _SEPARATORS.split(line, maxsplit=1)[0].strip() if ("|" in line or " " in line) else line


_CONNECTORS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "'s", "&"})


def _official_masthead(head: list[str], rules: OutletRules) -> tuple[str, Role, Evidence] | None:
    """A government body's name as a whole masthead line (one of the first lines): its own release.

    The page must mark itself as a release (``release_markers``) unless the
    line reads as a name (no lower-case word but connectors), not a headline.
    """
    marked: bool | None = None  # looked for only when a line names a body (rare)
    for line in head[:rules.masthead_lines]:
        for name in dict.fromkeys((line, masthead_name(line))):
            if rules.by_name(name) is not None or rules.role_of_name(name) != "primary":
                continue
            if marked is None:
                marked = rules.release_marker is not None and any(
                    rules.release_marker.search(x) for x in head)
            if marked or all(w[:1].isupper() or w.casefold() in _CONNECTORS for w in name.split()):
                return name, "primary", Evidence(quote=line, rule="official-masthead", confidence=0.85)
    return None


def _settle(found: tuple[str, Role, Evidence], scopes: dict[str, list[str]],
            rules: OutletRules) -> tuple[str, Role, Evidence]:
    """Name and role of an outlet that is not listed, from its own name and page.

    The copyright holder's company form goes ("Harbour Media Ltd", or "Harbour
    Media" under the masthead "HARBOUR | news"), the name's role
    (``name_roles``) applies, and a site whose own dateline names it is a wire.
    """
    name, role, ev = found
    if rules.by_name(name) is not None or name == "unknown":
        return found
    if ev.rule != "hint":
        if rules.legal_suffix is not None:
            bare = rules.legal_suffix.sub("", name).strip(" ,")
            name = bare if len(bare) >= 2 else name
        if scopes["head"]:
            top = masthead_name(scopes["head"][0]).casefold()
            if len(top) >= 2 and name.casefold().startswith(top + " "):
                name = name[:len(top)]
    named = rules.role_of_name(name)
    if named is not None:
        return name, named, ev
    if role == "outlet":
        for rule in rules.generic:
            if rule.where != "head" or rule.role == "outlet":
                continue
            for line in rule.lines(scopes["head"]):
                m = rule.regex.search(line)
                if m is not None and m.group("outlet").strip(" .-'").casefold() == name.casefold():
                    return name, rule.role, ev
    return name, role, ev


def _site_line(edge: list[str], rules: OutletRules) -> tuple[str, Role, Evidence] | None:
    """The first listed outlet whose header or pattern is an edge line (its first such line).

    Per line the header is tested before the patterns, as an outlet-by-outlet,
    line-by-line scan would.
    """
    best: tuple[int, int, int] | None = None  # (outlet, line, 0 header / 1 pattern)
    for i, line in enumerate(edge):
        for k in rules.header_outlets(line):
            best = min(best or (k, i, 0), (k, i, 0))
    if rules.edge_patterns is not None:
        for i, found in rules.edge_patterns.line_hits(edge).items():
            for j in found:
                best = min(best or (rules.pattern_owner[j], i, 1), (rules.pattern_owner[j], i, 1))
    if best is None:
        return None
    o = rules.outlets[best[0]]
    line = edge[best[1]]
    if best[2] == 0:
        return o.name, o.role, Evidence(quote=line, rule="site-header", confidence=0.95)
    return o.name, o.role, Evidence(quote=line, rule="site-pattern", confidence=0.9)


def _generic(scopes: dict[str, list[str]], rules: OutletRules,
             only: str | None) -> tuple[str, Role, Evidence] | None:
    for rule in rules.generic:
        if only is not None and rule.where != only:
            continue
        for line in rule.lines(scopes[rule.where]):
            m = rule.regex.search(line)
            if m is None or " / " in line:
                continue
            name = m.group("outlet").strip(" .-'")
            if len(name) < 2:
                continue
            known = rules.by_name(name)
            if known is not None:
                return known.name, known.role, Evidence(quote=line, rule=rule.name, confidence=rule.confidence)
            return name, rule.role, Evidence(quote=line, rule=rule.name, confidence=rule.confidence)
    return None


def _relays(scopes: dict[str, list[str]], identity: str, rules: OutletRules) -> tuple[str, ...]:
    """Outlets the article relays, nearest first, then the official source of a relayed statement."""
    found: list[tuple[int, str]] = []
    # A dateline of another agency on a site that identified itself is the nearest relay.
    for rule in rules.generic:
        if rule.where != "head":
            continue
        for line in rule.lines(scopes["head"]):
            m = rule.regex.search(line)
            if m is not None:
                name = m.group("outlet").strip(" .-'")
                known = rules.by_name(name)
                found.append((-1, known.name if known else name))
    body = "\n".join(scopes["anywhere"])
    for regex in rules.relays_in(body):
        for m in regex.finditer(body):
            o = rules.by_name(m.group("name"))
            if o is not None and o.role != "primary":
                found.append((m.start(), o.name))
    chain: list[str] = []
    for _, name in sorted(found):
        if name != identity and name not in chain:
            chain.append(name)
    if chain:
        counts: dict[str, int] = {}
        for regex in rules.primary_templates_in(body):
            for m in regex.finditer(body):
                o = rules.by_name(m.group("name"))
                if o is not None:
                    counts[o.name] = counts.get(o.name, 0) + 1
        if counts:
            top = max(sorted(counts), key=lambda k: counts[k])
            if counts[top] >= rules.primary_min_count and top != identity and top not in chain:
                chain.append(top)
    return tuple(chain)

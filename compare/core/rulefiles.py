"""Loading, layering and validating the YAML rule files.

Rules are data (DESIGN.md, "Rules"): ``outlets.yaml``, ``boilerplate.yaml``,
``claim_types.yaml``, ``lexicon.yaml``, ``events.yaml``, ``matching.yaml`` and
``flag_model.yaml`` (fitted by ``benchmarks/fit_flags.py``).
The shipped defaults live in the repository's ``rules/`` folder; a user's folder
(``--rules DIR``) is layered over them: a list of named entries (``name:`` or
``id:``) is merged entry by entry, the user's entry replacing the default one of
the same name; any other value replaces the default.  ``replace: true`` at the top
of a user's file drops the defaults of that file.

Files are read with PyYAML's safe loader only.  Every value keeps the file and
line it came from, so that a problem is reported as
``rules/claim_types.yaml:14: claim_types[2].patterns[0]: missing )``.

This module owns only the generic part.  The meaning of each file is owned by
the stage that uses it (``outlets.parse_outlet_rules`` etc.), which calls
:meth:`RuleFile.problem` and :func:`compile_pattern` to report errors.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import re2
import yaml
from attrs import frozen

from compare.core.errors import RuleError, RuleProblem
from compare.core.yamlsafe import BoundedLoader, YamlLimitError

RULE_FILES: tuple[str, ...] = (
    "outlets",
    "boilerplate",
    "claim_types",
    "lexicon",
    "events",
    "matching",
    "flag_model",
)
MAX_RULE_FILE_BYTES = 5 * 1024 * 1024
# Values in one rule file once its aliases are expanded (the line map holds one
# entry per value).  The shipped files have at most 1,134; a lexicon of 20,000
# names with five variants each stays under it.
MAX_RULE_VALUES = 250_000
PathKey = tuple[str | int, ...]
# Where each value came from: (file shown, line, its path in that file).  The
# path differs from the layered one when a user file's list entries are merged
# into the shipped list (entry 0 of the user file may be entry 14 after it).
Origin = tuple[str, int, PathKey]
Lines = dict[PathKey, Origin]


MAX_MESSAGE = 300


def clip(text: str, limit: int = MAX_MESSAGE) -> str:
    """One line of at most ``limit`` characters: an error message quoting a huge
    value (a key of a megabyte) stays readable."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def format_path(path: Sequence[str | int]) -> str:
    """``("claim_types", 2, "patterns", 0)`` -> ``claim_types[2].patterns[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@frozen
class RuleFile:
    """One rule file after layering: the data and where each value came from."""

    name: str
    sources: tuple[str, ...]
    data: Mapping[str, Any]
    lines: Mapping[PathKey, Origin]

    def origin(self, path: Sequence[str | int]) -> tuple[str, int | None, PathKey]:
        """The file, line and path within that file of ``path`` (or of its
        nearest ancestor that has one, with the rest of ``path`` appended)."""
        key = tuple(path)
        while True:
            if key in self.lines:
                file, line, own = self.lines[key]
                return file, line or None, (*own, *tuple(path)[len(key):])
            if not key:
                return (self.sources[-1] if self.sources else f"{self.name}.yaml", None, tuple(path))
            key = key[:-1]

    def where(self, path: Sequence[str | int]) -> tuple[str, int | None]:
        """The file and line of ``path``, or of its nearest ancestor that has one."""
        file, line, _ = self.origin(path)
        return file, line

    def problem(self, path: Sequence[str | int], message: str) -> RuleProblem:
        file, line, own = self.origin(path)
        return RuleProblem(file=file, line=line, path=format_path(own), message=message)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@frozen
class RuleSet:
    files: Mapping[str, RuleFile]

    def __getitem__(self, name: str) -> RuleFile:
        return self.files[name]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(s for rf in self.files.values() for s in rf.sources)


# --------------------------------------------------------------------------- paths


def default_rules_dir() -> Path:
    """The shipped rules: ``rules/`` beside the package in a checkout, else the
    copy installed inside the package (``compare/default_rules``)."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "rules"
    if (checkout / "outlets.yaml").is_file():
        return checkout
    return Path(str(resources.files("compare") / "default_rules"))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- YAML


_SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp", "binary", "set", "omap", "pairs")
)


def _bad_character(shown: str, text: str, exc: yaml.reader.ReaderError) -> RuleError:
    line = text.count("\n", 0, exc.position) + 1
    return RuleError([RuleProblem(shown, line, "", f"character {exc.character!r} is not allowed in YAML")])


def read_yaml_with_lines(path: Path) -> tuple[Any, Lines]:
    """Safe-load one YAML file and record the line of every value."""
    shown = _display(path)
    try:
        size = path.stat().st_size
        if size > MAX_RULE_FILE_BYTES:
            raise RuleError([RuleProblem(shown, None, "", f"larger than {MAX_RULE_FILE_BYTES} bytes")])
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError([RuleProblem(shown, None, "", f"not UTF-8 ({exc.reason})")]) from None
    except OSError as exc:
        raise RuleError([RuleProblem(shown, None, "", f"cannot read: {exc.strerror}")]) from None
    try:
        loader = BoundedLoader(text, max_nodes=MAX_RULE_VALUES)
    except yaml.reader.ReaderError as exc:  # the reader checks the characters at once
        raise _bad_character(shown, text, exc) from None
    lines: Lines = {}
    problems: list[RuleProblem] = []
    try:
        node = loader.get_single_node()

        def build(n: yaml.Node, path: PathKey) -> Any:
            lines[path] = (shown, n.start_mark.line + 1, path)
            if n.tag not in _SAFE_TAGS:
                raise yaml.constructor.ConstructorError(
                    None, None, f"unsupported tag {n.tag}", n.start_mark)
            if isinstance(n, yaml.MappingNode):
                loader.flatten_mapping(n)
                out: dict[Any, Any] = {}
                for k_node, v_node in n.value:
                    key = loader.construct_object(k_node, deep=True)
                    if not isinstance(key, str | int | float | bool) or key is None:
                        problems.append(RuleProblem(shown, k_node.start_mark.line + 1,
                                                    format_path(path), "keys must be plain scalars"))
                        continue
                    skey = str(key)
                    if skey in out:
                        problems.append(RuleProblem(shown, k_node.start_mark.line + 1,
                                                    format_path((*path, skey)), "duplicate key"))
                    out[skey] = build(v_node, (*path, skey))
                return out
            if isinstance(n, yaml.SequenceNode):
                return [build(item, (*path, i)) for i, item in enumerate(n.value)]
            return loader.construct_object(n, deep=True)

        data = build(node, ()) if node is not None else {}
    except YamlLimitError as exc:
        where = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise RuleError([RuleProblem(shown, where, "", str(exc.problem))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RuleError([RuleProblem(shown, line, "", f"YAML syntax error: {clip(str(exc.problem))}")]) from None
    except yaml.reader.ReaderError as exc:
        raise _bad_character(shown, text, exc) from None
    except yaml.YAMLError as exc:
        raise RuleError([RuleProblem(shown, None, "", f"YAML error: {clip(str(exc))}")]) from None
    finally:
        loader.dispose()
    if problems:
        raise RuleError(problems)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RuleError([RuleProblem(shown, 1, "", "the file must be a mapping at the top level")])
    return data, lines


# --------------------------------------------------------------------------- layering


def _entry_key(item: Any) -> str | None:
    if isinstance(item, dict):
        for k in ("name", "id"):
            if isinstance(item.get(k), str):
                return str(item[k])
    return None


def _children(lines: Mapping[PathKey, Origin], path: PathKey) -> dict[str | int, Lines]:
    """The entries of ``lines`` below ``path``, grouped by the next path element (one
    pass: regrouping per key made a rule file of 20,000 keys take minutes)."""
    n = len(path)
    out: dict[str | int, Lines] = {}
    for k, v in lines.items():
        if len(k) > n and k[:n] == path:
            out.setdefault(k[n], {})[k] = v
    return out


def _moved(group: Mapping[PathKey, Origin], old: PathKey, new: PathKey) -> Lines:
    if old == new:
        return dict(group)
    n = len(old)
    return {new + k[n:]: v for k, v in group.items()}


def _merge(base: Any, base_lines: Lines, top: Any, top_lines: Lines,
           path: PathKey) -> tuple[Any, Lines]:
    """Layer ``top`` over ``base`` (both at ``path``); returns data and lines.
    ``base_lines``/``top_lines`` hold (at least) the lines at and below ``path``."""
    if isinstance(base, dict) and isinstance(top, dict):
        out: dict[str, Any] = {}
        lines: Lines = {path: top_lines.get(path, base_lines.get(path, ("", 0, path)))}
        top_kids, base_kids = _children(top_lines, path), _children(base_lines, path)
        for key in list(base) + [k for k in top if k not in base]:
            sub = (*path, key)
            if key in top and key in base:
                out[key], sub_lines = _merge(base[key], base_kids.get(key, {}), top[key], top_kids.get(key, {}), sub)
            elif key in top:
                out[key], sub_lines = top[key], top_kids.get(key, {})
            else:
                out[key], sub_lines = base[key], base_kids.get(key, {})
            lines.update(sub_lines)
        return out, lines
    if (isinstance(base, list) and isinstance(top, list) and base and top
            and all(_entry_key(i) for i in base) and all(_entry_key(i) for i in top)):
        merged: list[Any] = []
        lines = {path: top_lines.get(path, ("", 0, path))}
        top_kids, base_kids = _children(top_lines, path), _children(base_lines, path)
        top_by_key = {_entry_key(i): (j, i) for j, i in enumerate(top)}
        used: set[str | None] = set()
        for j, item in enumerate(base):
            k = _entry_key(item)
            if k in top_by_key:
                tj, titem = top_by_key[k]
                used.add(k)
                lines.update(_moved(top_kids.get(tj, {}), (*path, tj), (*path, len(merged))))
                merged.append(titem)
            else:
                lines.update(_moved(base_kids.get(j, {}), (*path, j), (*path, len(merged))))
                merged.append(item)
        for j, item in enumerate(top):
            if _entry_key(item) not in used:
                lines.update(_moved(top_kids.get(j, {}), (*path, j), (*path, len(merged))))
                merged.append(item)
        return merged, lines
    n = len(path)
    return top, {k: v for k, v in top_lines.items() if k[:n] == path}


# --------------------------------------------------------------------------- schemas


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``compare/schemas`` (``rules-outlets`` etc.)."""
    text = (resources.files("compare") / "schemas" / f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _has_schema(name: str) -> bool:
    return (resources.files("compare") / "schemas" / f"rules-{name}.schema.json").is_file()


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extra = [k for k in error.instance if k not in allowed]
        parts = []
        for key in extra:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(allowed)}"
            parts.append(f"unknown key '{clip(key, 80)}'{hint}")
        return clip("; ".join(parts))
    if error.validator == "required" and isinstance(error.validator_value, list):
        return str(error.message).replace("is a required property", "is required")
    if error.validator == "enum":
        return clip(f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}")
    return clip(str(error.message))


def validate(rf: RuleFile, schema: Mapping[str, Any]) -> list[RuleProblem]:
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(rf.data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set((error.schema.get("properties") or {}).keys())
            extra = [k for k in error.instance if k not in allowed]
            if extra:
                path = (*path, extra[0])
        problems.append(rf.problem(path, _schema_message(error)))
    return problems


# --------------------------------------------------------------------------- patterns


_RE2_MESSAGES = {
    "missing )": "unbalanced parenthesis",
    "unexpected )": "unbalanced parenthesis",
    "missing ]": "unbalanced bracket",
    "invalid perl operator": "unsupported syntax (look-arounds are not allowed)",
    "invalid escape sequence": "invalid escape sequence (back-references are not allowed)",
}


@cache
def _compile(pattern: str, case_sensitive: bool) -> Any:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = case_sensitive
    options.max_mem = 8 << 20
    return re2.compile(pattern, options)


def compile_pattern(pattern: str, rf: RuleFile | None = None, path: Sequence[str | int] = (),
                    *, case_sensitive: bool = False) -> Any:
    """Compile a user pattern with google-re2 (linear time, no catastrophic
    backtracking).  A bad pattern raises :class:`RuleError` naming file, line and path."""
    try:
        return _compile(pattern, case_sensitive)
    except Exception as exc:  # re2 raises its own error class
        raw = exc.args[0] if exc.args else exc
        detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        message = detail
        for prefix, friendly in _RE2_MESSAGES.items():
            if detail.startswith(prefix):
                message = friendly
                break
        if rf is None:
            raise RuleError([RuleProblem("<pattern>", None, format_path(path), message)]) from None
        raise RuleError([rf.problem(path, message)]) from None


# --------------------------------------------------------------------------- loading


def load_rule_file(name: str, dirs: Sequence[Path]) -> RuleFile:
    data: Any = {}
    lines: Lines = {}
    sources: list[str] = []
    for folder in dirs:
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        top, top_lines = read_yaml_with_lines(path)
        if top.pop("replace", False) is True:
            data, lines = top, top_lines
        else:
            data, lines = _merge(data, lines, top, top_lines, ())
        sources.append(_display(path))
    return RuleFile(name=name, sources=tuple(sources), data=data, lines=lines)


def _unknown_files(dirs: Iterable[Path]) -> list[RuleProblem]:
    problems = []
    for folder in dirs:
        for path in sorted(folder.glob("*.y*ml")):
            stem = path.stem
            if stem not in RULE_FILES:
                close = difflib.get_close_matches(stem, RULE_FILES, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]}.yaml?" if close else (
                    f"; rule files are {', '.join(f + '.yaml' for f in RULE_FILES)}")
                problems.append(RuleProblem(_display(path), None, "", f"unknown rule file{hint}"))
    return problems


def load_rules(user_dirs: Sequence[Path] = (), *, include_defaults: bool = True) -> RuleSet:
    """Load every rule file: defaults first, then each user folder over them.

    Raises :class:`RuleError` with every problem found (syntax, schema, unknown files).
    Stage-specific checks (patterns) happen when the stages parse their rules.
    """
    dirs = ([default_rules_dir()] if include_defaults else []) + [Path(d) for d in user_dirs]
    problems: list[RuleProblem] = []
    for d in user_dirs:
        if not Path(d).is_dir():
            problems.append(RuleProblem(str(d), None, "", "rules folder not found"))
    if problems:
        raise RuleError(problems)
    problems.extend(_unknown_files(Path(d) for d in user_dirs))
    files: dict[str, RuleFile] = {}
    for name in RULE_FILES:
        try:
            rf = load_rule_file(name, dirs)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        if _has_schema(name):
            problems.extend(validate(rf, load_schema(f"rules-{name}")))
        files[name] = rf
    if problems:
        raise RuleError(problems)
    return RuleSet(files=files)

"""Bounded YAML loading: the one loader for every YAML file the tool reads.

PyYAML's safe loader shares the node of an alias (``*a``) instead of copying
it, but anything that walks the loaded tree (the rule files' line map, schema
validation, merge keys ``<<: [*a, *a]``, which PyYAML flattens by copying)
pays for every expansion: a few hundred bytes of nested aliases ("billion
laughs") grow to gigabytes.  Deep nesting (``[[[[...]]]]``) overflows
PyYAML's recursive composer instead.

:class:`BoundedLoader` refuses, before anything is constructed:

* more than ``max_aliases`` aliases in one file (hand-written rule files and
  tool-written reviews files use none or a few);
* a tree that would hold more than ``max_nodes`` values once every alias is
  expanded (counted on the composed node graph, each shared node once, so the
  check itself is linear);
* nesting deeper than ``max_depth``.

The refusal is a :class:`YamlLimitError`, a ``yaml.MarkedYAMLError`` whose
``problem_mark`` is the line where the limit was crossed, so callers that
already report YAML errors as ``file:line: message`` report it the same way.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_ALIASES = 100
MAX_NODES = 1_000_000
MAX_DEPTH = 100


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML file over one of the loader's limits (aliases, expanded size, depth)."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)

    def __str__(self) -> str:  # the one-line form; PyYAML's adds a snippet of the file
        line = f"line {self.problem_mark.line + 1}: " if self.problem_mark is not None else ""
        return f"{line}{self.problem}"


class BoundedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with limits on aliases, expanded size and depth."""

    def __init__(self, stream: str | bytes, *, max_aliases: int = MAX_ALIASES,
                 max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> None:
        super().__init__(stream)
        self.max_aliases = max_aliases
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self._aliases = 0
        self._depth = 0

    def _mark(self) -> yaml.Mark:
        mark: yaml.Mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        return mark

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > self.max_aliases:
                raise YamlLimitError(f"more than {self.max_aliases} YAML aliases (*name); refused",
                                     self._mark())
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise YamlLimitError(f"nested deeper than {self.max_depth} levels; refused",
                                     self._mark())
            node: yaml.Node = super().compose_node(parent, index)  # type: ignore[no-untyped-call,assignment]
            return node
        finally:
            self._depth -= 1

    def get_single_node(self) -> yaml.Node | None:
        node: yaml.Node | None = super().get_single_node()  # type: ignore[no-untyped-call]
        if node is not None:
            check_expansion(node, self.max_nodes)
        return node


def check_expansion(root: yaml.Node, max_nodes: int = MAX_NODES) -> int:
    """The number of values in ``root`` with every alias expanded; raises
    :class:`YamlLimitError` at the value that takes it past ``max_nodes``."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a cycle (not possible from the composer) counts once
        total = 1
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                children += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        for child in children:
            total += size(child)
            if total > max_nodes:
                raise YamlLimitError(f"YAML aliases expand to more than {max_nodes} values "
                                     "(an alias bomb?); refused", child.start_mark)
        sizes[id(node)] = total
        return total

    return size(root)


def load_yaml(text: str | bytes, **limits: int) -> Any:
    """``yaml.safe_load`` with the limits of :class:`BoundedLoader`."""
    loader = BoundedLoader(text, **limits)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def compose_yaml(text: str | bytes, **limits: int) -> yaml.Node | None:
    """``yaml.compose`` with the limits of :class:`BoundedLoader`."""
    loader = BoundedLoader(text, **limits)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()

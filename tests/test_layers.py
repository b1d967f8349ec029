"""The package's layering, read from the code's own imports with ``ast``.

Each folder of ``compare/`` is one part of the pipeline.  A module may import the
base (``compare.core``), its own folder and the folders before it in the pipeline,
never a later stage, the report or evaluation layers from a stage, nor the entry
points; and no two modules import each other, directly or through others.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "compare"

# Rank of each part, in pipeline order: a module may import only ranks <= its own.
RANKS = {
    "compare": 0,  # the package itself (__version__)
    "compare.core": 0,
    "compare.ingest": 1,
    "compare.events": 2,
    "compare.claims": 3,
    "compare.align": 4,
    "compare.report": 5,
    "compare.rules": 6,
    "compare.distributed": 6,
    "compare.pipeline": 6,
    "compare.evaluation": 7,
    "compare.cli": 8,
    "compare.__main__": 9,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def rank(module: str) -> int:
    best = ""
    for part in RANKS:
        if (module == part or module.startswith(part + ".")) and len(part) > len(best):
            best = part
    assert best, f"{module} belongs to no part: add its folder to RANKS in this test"
    return RANKS[best]


def imports_of(path: Path) -> set[str]:
    """Every compare module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "compare")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "compare":
            assert node.level == 0, f"{path}: relative import"
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                sub = PACKAGE.parent / Path(*candidate.split("."))
                is_module = sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file()
                found.add(candidate if is_module else node.module)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_imports_only_its_own_part_and_earlier_ones() -> None:
    upward = [f"{mod} (rank {rank(mod)}) imports {dep} (rank {rank(dep)})"
              for mod, deps in graph().items() for dep in sorted(deps) if rank(dep) > rank(mod)]
    assert upward == []


def test_no_import_cycle() -> None:
    g = graph()
    # a package's __init__ re-exports its modules; the edge package -> module is not a cycle
    edges = {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in g.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(edges.get(node, ())):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep):], dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


@pytest.mark.parametrize("part", ["core", "ingest", "events", "claims", "align", "report", "evaluation"])
def test_each_part_is_a_folder_with_modules_of_a_readable_size(part: str) -> None:
    folder = PACKAGE / part
    assert (folder / "__init__.py").is_file()
    sizes = {p.name: len(p.read_text("utf-8").splitlines()) for p in folder.glob("*.py") if p.name != "__init__.py"}
    assert sizes and max(sizes.values()) <= 650, sizes


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The rule is not vacuous: a stage importing the report layer inside a function is caught."""
    stage = tmp_path / "dates.py"
    stage.write_text("def f():\n    from compare.report.output import read_report\n    return read_report\n")
    deps = imports_of(stage)
    assert deps == {"compare.report.output"}
    assert rank("compare.report.output") > rank("compare.events.dates")

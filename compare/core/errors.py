"""Exceptions the library raises for bad input and bad rules.

The CLI turns each of them into one line on stderr and a non-zero exit; they
never reach the user as a traceback.  ``str(error)`` is that line.
"""

from __future__ import annotations

from attrs import frozen


class CompareError(Exception):
    """Base class: a problem the user can fix (input, rules, options)."""


class InputError(CompareError):
    """An input file or folder that cannot be used.  The message names the file."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


@frozen
class RuleProblem:
    """One problem in a rule file: ``file:line: path: message``."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        path = self.path if len(self.path) <= 200 else self.path[:199] + "…"
        return f"{where}: {path}: {self.message}" if path else f"{where}: {self.message}"


class RuleError(CompareError):
    """One or more problems in rule files; ``str()`` gives the first, ``problems`` all."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "rule error"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class ReviewError(CompareError):
    """A review command that cannot be carried out (unknown flag id, bad reviews file)."""

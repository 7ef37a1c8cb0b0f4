"""The outcome of checking a whole discovery list."""

from __future__ import annotations

from dataclasses import dataclass, field

from .header import Header
from .problems import ListProblem


@dataclass(frozen=True)
class ListReport:
    """The outcome of checking a whole list. ``problems`` are the kept ones, in row order;
    ``counts`` count every problem by code, kept or not."""

    rows: int
    valid_rows: int
    problems: tuple[ListProblem, ...]
    counts: dict[str, int]
    errors: int
    warnings: int
    header: Header | None = field(default=None, compare=False)

    @property
    def total(self) -> int:
        return self.errors + self.warnings

    @property
    def truncated(self) -> bool:
        return len(self.problems) < self.total

    @property
    def valid(self) -> bool:
        """No errors: warnings alone do not stop a list being the party's list."""
        return self.errors == 0

"""Check a stored or uploaded list file: the readers feed the pure validator row by row."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from practice_directions.rules.discovery import (
    ListConventions,
    ListProblem,
    ListReport,
    ListValidator,
)

from .readers import open_list


@dataclass(frozen=True)
class CheckedList:
    """A list's format and encoding as read, and the validator's report."""

    format: str
    encoding: str
    report: ListReport


def check_list_file(
    path: str | os.PathLike[str],
    conventions: ListConventions,
    *,
    keep: int = 1000,
    sink: Callable[[ListProblem], None] | None = None,
) -> CheckedList:
    """Validate the list at ``path``; raises ``readers.ListUnreadable`` if it cannot be read."""
    validator = ListValidator(conventions, keep=keep, sink=sink)
    with open_list(path) as source:
        validator.start(source.header)
        feed = validator.feed
        for cells in source.rows:
            feed(cells)
        return CheckedList(source.format, source.encoding, validator.finish())

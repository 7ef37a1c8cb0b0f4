"""Exports of a stored list (PN127 paras 20-21): delimited ASCII text, an Excel workbook, and a
court book index for the hearing; and the full problem report. Each streams: the stored file is
read again row by row, never loaded whole.

Cells that a spreadsheet would take as a formula (beginning ``=``, ``+``, ``-``, ``@``, or a
tab or carriage return) are prefixed with an apostrophe (OWASP "CSV injection"), so opening an
export never runs anything. Document IDs and PN127 dates never begin with those characters, so
the data the parties exchange is unchanged.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from typing import IO

from practice_directions.rules.discovery import (
    ListConventions,
    ListProblem,
    ListValidator,
)
from practice_directions.rules.discovery import fields as F

from .readers import open_list

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 500
COURT_BOOK_COLUMNS = (
    "Tab",
    F.DOCUMENT_ID,
    F.DATE,
    F.DOCUMENT_TYPE,
    F.TITLE,
    F.AUTHOR,
    F.ADDRESSEE,
)
REPORT_COLUMNS = (
    "row",
    "document_id",
    "field",
    "severity",
    "code",
    "message",
    "paragraph",
    "value",
)


def escape_cell(value: str) -> str:
    """A cell safe to open in a spreadsheet."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_chunks(rows: Iterator[list[str]], *, delimiter: str = ",") -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for count, row in enumerate(rows, start=1):
        writer.writerow([escape_cell(c) for c in row])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def _list_rows(path: str | os.PathLike[str], conventions: ListConventions) -> Iterator[list[str]]:
    """The header (Recommended Field names where matched) and each row, padded to its width."""
    with open_list(path) as source:
        validator = ListValidator(conventions, keep=0)
        header = validator.start(source.header)
        names = header.output_names()
        yield names
        width = len(names)
        for cells in source.rows:
            yield (cells + [""] * (width - len(cells)))[:width]


def stream_delimited(
    path: str | os.PathLike[str], conventions: ListConventions, *, delimiter: str = ","
) -> Iterator[bytes]:
    """The list as delimited text (UTF-8, CRLF), formula cells escaped."""
    return _csv_chunks(_list_rows(path, conventions), delimiter=delimiter)


def write_xlsx(path: str | os.PathLike[str], conventions: ListConventions) -> IO[bytes]:
    """The list as an Excel workbook in a temporary file (openpyxl write-only mode keeps one
    row in memory); the caller streams and closes it."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Discovery list")
    for row in _list_rows(path, conventions):
        sheet.append([escape_cell(c) for c in row])
    output = tempfile.NamedTemporaryFile(prefix="discovery-", suffix=".xlsx")  # noqa: SIM115
    workbook.save(output.name)
    output.seek(0)
    return output


def _court_book_rows(
    path: str | os.PathLike[str], conventions: ListConventions
) -> Iterator[list[str]]:
    rows = _list_rows(path, conventions)
    names = next(rows)
    index = {name: i for i, name in enumerate(names)}
    yield list(COURT_BOOK_COLUMNS)
    wanted = [index.get(name) for name in COURT_BOOK_COLUMNS[1:]]
    privilege = index.get(F.PRIVILEGE)
    tab = 0
    for cells in rows:
        # A document wholly privileged is not produced, so it has no place in the court book.
        if privilege is not None and cells[privilege].strip() == "YES":
            continue
        tab += 1
        yield [str(tab)] + [cells[i] if i is not None else "" for i in wanted]


def stream_court_book_index(
    path: str | os.PathLike[str], conventions: ListConventions
) -> Iterator[bytes]:
    """An index to the hearing's court book from the discovery database (para 21)."""
    return _csv_chunks(_court_book_rows(path, conventions))


def stream_report(path: str | os.PathLike[str], conventions: ListConventions) -> Iterator[bytes]:
    """Every problem of the list as CSV, found again from the stored file as it streams."""
    pending: list[ListProblem] = []
    validator = ListValidator(conventions, keep=0, sink=pending.append)

    def rows() -> Iterator[list[str]]:
        yield list(REPORT_COLUMNS)
        with open_list(path) as source:
            validator.start(source.header)
            for count, cells in enumerate(source.rows, start=1):
                validator.feed(cells)
                if count % ROWS_PER_CHUNK == 0:
                    yield from _problem_rows(pending)
            validator.finish()
        yield from _problem_rows(pending)

    return _csv_chunks(rows())


def _problem_rows(pending: list[ListProblem]) -> Iterator[list[str]]:
    for p in pending:
        yield [
            "" if p.row is None else str(p.row),
            p.document_id,
            p.field,
            p.severity,
            p.code,
            p.message,
            p.paragraph,
            p.value,
        ]
    pending.clear()

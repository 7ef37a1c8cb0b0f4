"""Sample discovery lists in the PN127 Schedule's fields: the one generator behind the demo's
lists, the benchmark's 100,000-row list and the tests' writers.

``generated_rows`` writes a good list of any length (hosts with two attachments, hosts without,
privileged documents, estimated dates, undated rows), one row at a time so that a large list
never sits in memory; ``csv_bytes`` writes rows as a CSV file's bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from practice_directions.rules.discovery.dates import MONTHS

HEADER = [
    "Document ID",
    "Date",
    "Estimated Date",
    "Document type",
    "Author",
    "Author Organisation",
    "Addressee",
    "Addressee Organisation",
    "Title",
    "Privilege",
    "Basis of Privilege",
    "Status",
    "Document Group",
    "Host Document Number",
    "Attachments",
    "Source",
    "Non-paper record",
]
TYPES = ["Letter", "Memo", "Deed", "Facsimile", "Minutes", "Report", "Email"]
PEOPLE = ["Smith B", "Jones J; Brown K", "O'Brien K", "Nguyen T; Patel R; Lee S"]
# The highest page a folder is numbered to before the next folder starts.
LAST_PAGE = 9990


def generated_rows(rows: int, *, prefix: str = "ABC", undated: str = "") -> Iterator[list[str]]:
    """A good list of ``rows`` rows in ``HEADER``'s order: every fourth document a host with
    two attachments, every seventh privileged, every tenth with an estimated date, every fiftieth
    undated (its Date ``undated``: blank, the PN127 default, or the date the parties agreed)."""
    written, box, folder, page = 0, 1, 1, 1
    while written < rows:
        base = f"{prefix}.{box:03d}.{folder:03d}."
        doc = f"{base}{page:04d}"
        n = written
        day, month, year = 1 + n % 28, MONTHS[n % 12].title(), 1990 + n % 30
        estimated = n % 10 == 3
        date = f"01/{month}/{year}" if estimated else f"{day:02d}/{month}/{year}"
        if n % 50 == 7:
            date = undated
        privilege = ("NO", "YES", "PART")[n % 3] if n % 7 == 0 else "NO"
        common = [
            TYPES[n % len(TYPES)],
            PEOPLE[n % len(PEOPLE)],
            "Acme Pty Ltd",
            PEOPLE[(n + 1) % len(PEOPLE)],
            "Beta Union",
            f"Document {n} about rosters and wages",
            privilege,
            "Evidence Act s118" if privilege != "NO" else "",
            ("Copy", "Original", "Fax")[n % 3],
        ]
        dated = [date, "Yes" if estimated else "", *common]
        if n % 4 == 0 and written + 3 <= rows and page + 2 <= LAST_PAGE:
            attachments = [f"{base}{page + 1:04d}", f"{base}{page + 2:04d}"]
            yield [doc, *dated, "HWA", "", ", ".join(attachments), "", "NO"]
            for attachment in attachments:
                yield [attachment, *dated, "ATT", doc, "", "", "NO"]
            written += 3
            page += 3
        else:
            yield [doc, *dated, "HNA", "", "", "Subpoena" if n % 11 == 0 else "", "NO"]
            written += 1
            page += 1
        if page > LAST_PAGE:
            page, folder = 1, folder + 1
            if folder > 999:
                folder, box = 1, box + 1


def csv_bytes(
    rows: Iterable[Sequence[str]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    """The rows under ``header`` as a CSV file's bytes (CRLF line ends, as spreadsheets write)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)

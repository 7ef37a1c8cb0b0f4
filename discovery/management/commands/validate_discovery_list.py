"""validate_discovery_list: check a party's electronic discovery list against PN127's
Recommended Fields before it is exchanged or uploaded.

    python manage.py validate_discovery_list FILE [--pattern REGEX]
        [--undated blank|01/Jan/1801] [--json]

Reads delimited text (comma or tab), Excel .xlsx and Concordance .dat. With ``--json`` it
prints one JSON object ``{"rows", "valid_rows", "problems": [{"row", "field", "code",
"message", "paragraph"}]}`` (``row`` null for a problem of the whole list). Exit status 0 when
there is no problem (warnings included), 1 when there is any, 2 when the file cannot be read at
all. The conventions default to PN127's (Document ID ``AAA.NNN.NNN.NNNN``, undated left blank).
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from discovery.checking import check_list_file
from discovery.readers import FORMAT_LABELS, ListUnreadable
from practice_directions.rules.discovery import (
    PN127_DEFAULTS,
    UNDATED_BLANK,
    ListReport,
    check_date,
)

# Enough for any real list; beyond it the problems are counted and a note goes to stderr.
KEEP_PROBLEMS = 1_000_000


def _undated(value: str) -> str:
    if value == "blank":
        return UNDATED_BLANK
    if check_date(value).code is not None:
        raise CommandError(
            f"--undated takes 'blank' or a date such as 01/Jan/1801, not {value!r}.", returncode=2
        )
    return value


def _human(path: str, fmt: str, encoding: str, report: ListReport) -> list[str]:
    described = FORMAT_LABELS.get(fmt, fmt) + (f", {encoding}" if encoding else "")
    verdict = "NO PROBLEMS" if report.total == 0 else f"{report.errors} errors, "
    if report.total:
        verdict += f"{report.warnings} warnings"
    lines = [
        f"{path}: {described}",
        f"  {report.rows:,} rows, {report.valid_rows:,} without errors: {verdict}",
    ]
    for problem in report.problems:
        where = "list" if problem.row is None else f"row {problem.row}"
        field = f" {problem.field}" if problem.field else ""
        lines.append(
            f"  {where}{field}: {problem.severity} {problem.code} ({problem.paragraph}): "
            f"{problem.message}"
        )
    return lines


class Command(BaseCommand):
    help = (
        "Check an electronic discovery list (CSV/TSV, .xlsx or Concordance .dat) against the "
        "PN127 Recommended Fields. Exit 0: no problems; 1: problems; 2: unreadable file."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="The list to check.")
        parser.add_argument(
            "--pattern",
            metavar="REGEX",
            default=PN127_DEFAULTS.document_id_pattern,
            help="The Document ID pattern agreed in the protocol (default AAA.NNN.NNN.NNNN).",
        )
        parser.add_argument(
            "--undated",
            default="blank",
            metavar="blank|01/Jan/1801",
            help="How undated documents are coded: left blank (default) or an agreed date.",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            re.compile(options["pattern"])
        except re.error as error:
            raise CommandError(
                f"--pattern is not a regular expression: {error}.", returncode=2
            ) from None
        conventions = dataclasses.replace(
            PN127_DEFAULTS,
            document_id_pattern=options["pattern"],
            undated=_undated(options["undated"]),
        )
        path = options["file"]
        try:
            checked = check_list_file(path, conventions, keep=KEEP_PROBLEMS)
        except ListUnreadable as error:
            raise CommandError(
                f"{path}: cannot be read as a discovery list: {error}", returncode=2
            ) from None
        report = checked.report
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "rows": report.rows,
                        "valid_rows": report.valid_rows,
                        "problems": [p.to_dict() for p in report.problems],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write("\n".join(_human(path, checked.format, checked.encoding, report)))
        if report.truncated:
            self.stderr.write(
                f"Only the first {len(report.problems):,} of {report.total:,} problems are shown."
            )
        if report.total:
            raise CommandError(f"{report.total:,} problems in {report.rows:,} rows.", returncode=1)

"""verify_documents: the scheduled integrity check of every stored electronic copy.

PD16 para 5 makes the electronic copy part of what is filed ("the same text as the paper
copy"); the registry must go on holding exactly the bytes it received, whose SHA-256 the Notice
of Lodgment gives.

Re-hashes each stored copy chunk by chunk (``filings.selectors.integrity``) and compares it with
the SHA-256 recorded at lodgment. Each copy that is missing or changed is logged on
``filings.integrity``, recorded in the audit trail as ``integrity_failed`` (where the clerks'
workspace shows it) and reported here. Exit status 0 when every copy matches, 1 otherwise.

Run it from cron or a systemd timer, e.g. nightly: ``python manage.py verify_documents --json``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.services import audit_integrity_failure
from filings.selectors.integrity import verify_stored_copies

SOURCE = "verify_documents"


class Command(BaseCommand):
    help = (
        "Re-hash every stored electronic copy and compare it with the SHA-256 recorded when it "
        "was lodged; record each missing or changed copy in the audit trail. Exit status 0 when "
        "every copy matches, 1 otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object per line per problem (the summary goes to stderr).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_json = options["json"]
        checked = failed = 0
        for check in verify_stored_copies():
            checked += 1
            problem = check.problem
            if problem is None:
                continue
            failed += 1
            audit_integrity_failure(problem=problem, source=SOURCE)
            if as_json:
                self.stdout.write(json.dumps(problem.to_dict(), ensure_ascii=False))
            else:
                now = "missing" if not problem.actual_sha256 else problem.actual_sha256
                self.stdout.write(
                    f"{problem.filing_reference} document {problem.position:02d} "
                    f"({problem.title}): {problem.code}\n"
                    f"  lodged SHA-256 {problem.expected_sha256}\n"
                    f"  now            {now}"
                )
        summary = (
            f"Checked {checked} stored cop{'y' if checked == 1 else 'ies'}: "
            f"{checked - failed} match, {failed} failed."
        )
        if failed:
            raise CommandError(summary, returncode=1)
        (self.stderr if as_json else self.stdout).write(summary)

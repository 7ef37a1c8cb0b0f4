"""ingest_disc: lodge the contents of a diskette or CD-ROM handed in at the counter.

    python manage.py ingest_disc PATH --party "NAME" [--matter IRCYYYY/NNNN] [--dry-run] [--json]

PATH is the mounted disc's folder, a ZIP of it or an ISO 9660 image. The para 6 label
(LABEL.txt) is checked against the files and against --matter. Outcome: filed, refused, or
needs_clerk (a file not named the registry's way, or an unlabelled disc with no --matter):
the clerk settles those on the counter disc page. The outcome is in the output, and in the
exit status: 0 filed (on a dry run: would be), 1 refused, 2 PATH cannot be read as a disc,
3 needs the clerk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from intake.services.disc import disc_ingest

EXIT_REFUSED, EXIT_UNREADABLE, EXIT_NEEDS_CLERK = 1, 2, 3


class Command(BaseCommand):
    help = "Lodge a disc's contents (PD16 paras 4 and 6) from a folder, ZIP or ISO image."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The disc's folder, a ZIP or an ISO 9660 image.")
        parser.add_argument("--party", required=True, help="The lodging party's name.")
        parser.add_argument("--matter", help="The matter number, e.g. IRC2026/0002.")
        parser.add_argument("--dry-run", action="store_true", help="Check, but lodge nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = disc_ingest(
            path=Path(options["path"]),
            party_name=options["party"],
            matter_number=options["matter"],
            dry_run=options["dry_run"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(outcome.to_dict(), ensure_ascii=False))
        else:
            label = outcome.label
            self.stdout.write(
                f"Label: {label['matter_number']} {label['abbreviated_title']}"
                if label["found"]
                else "Label: none (the disc was unlabelled)"
            )
            for f in outcome.files:
                verdict = "acceptable" if f["acceptable"] else "not acceptable"
                named = f"{f['kind'] or '?'}: {f['title'] or '?'}"
                self.stdout.write(f"  {f['name']}: {f['format']}, {verdict}; {named}")
            for problem in outcome.problems:
                self.stdout.write(f"  {problem['message']}")
            self.stdout.write(f"Outcome: {outcome.outcome} {outcome.filing}".rstrip())
        if outcome.outcome == "filed":
            return
        if any(p["code"] == "disc.unreadable" for p in outcome.problems):
            raise CommandError(
                "The disc cannot be read; nothing was lodged.", returncode=EXIT_UNREADABLE
            )
        if outcome.outcome == "needs_clerk":
            raise CommandError(
                "The clerk must settle this disc on the counter page; nothing was lodged.",
                returncode=EXIT_NEEDS_CLERK,
            )
        raise CommandError("The disc was refused; nothing was lodged.", returncode=EXIT_REFUSED)

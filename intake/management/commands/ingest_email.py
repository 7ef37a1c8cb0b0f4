"""ingest_email: read e-mail lodgments from a Maildir, mbox, .eml files or an IMAP mailbox.

    python manage.py ingest_email SOURCE [SOURCE ...] [--dry-run] [--json]

SOURCE is a Maildir folder, an mbox file, one or more .eml files, or
imap://user@host[:port]/INBOX with the password in REGISTRY_IMAP_PASSWORD (TLS unless the host
is this machine). Each message is recorded once (PD16 paras 9-10): filed, queued for a clerk
("unmatched"), rejected, or skipped as a duplicate. Exit status 0 when every message was read,
2 when the source cannot be read.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from intake.services import mailbox_ingest
from intake.sources import SourceError


class Command(BaseCommand):
    help = "Ingest e-mail lodgments (PD16 paras 9-10) from a Maildir, mbox, .eml files or IMAP."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("source", nargs="+", help="Maildir, mbox, .eml file(s) or imap:// URL")
        parser.add_argument("--dry-run", action="store_true", help="Judge, but record nothing.")
        parser.add_argument("--json", action="store_true", help="One JSON object per message.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcomes = mailbox_ingest(source=options["source"], dry_run=options["dry_run"])
        except SourceError as error:
            raise CommandError(str(error), returncode=2) from None
        for outcome in outcomes:
            if options["json"]:
                self.stdout.write(json.dumps(outcome.to_dict(), ensure_ascii=False))
                continue
            where = outcome.matter or "no matter"
            self.stdout.write(
                f"{outcome.outcome:<10} {where:<14} {outcome.message_id or '(no Message-ID)'}"
            )
            for problem in outcome.problems:
                self.stdout.write(f"    {problem['message']}")
        if not options["json"]:
            counts: dict[str, int] = {}
            for outcome in outcomes:
                counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
            summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no messages"
            prefix = "Dry run: " if options["dry_run"] else ""
            self.stdout.write(f"{prefix}{summary}.")

"""ingest_email: read e-mail lodgments from a Maildir, mbox, .eml files or an IMAP mailbox.

    python manage.py ingest_email [SOURCE ...] [--dry-run] [--json]
    python manage.py ingest_email --enqueue

SOURCE is a Maildir folder, an mbox file, one or more .eml files, or
imap://user@host[:port]/INBOX with the password in REGISTRY_IMAP_PASSWORD (TLS unless the host
is this machine); without one, the sources in REGISTRY_MAIL_SOURCES. Each message is recorded
once (PD16 paras 9-10): filed, queued for a clerk ("unmatched"), rejected, or skipped as a
duplicate. Exit status 0 when every message was read, 2 when the source cannot be read or none
is given. ``--enqueue`` reads nothing here: it has the worker do it (``intake.tasks``), which is
what a scheduler runs every few minutes.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.services import mailbox_ingest
from intake.sources import SourceError
from intake.tasks import ingest_mail


class Command(BaseCommand):
    help = "Ingest e-mail lodgments (PD16 paras 9-10) from a Maildir, mbox, .eml files or IMAP."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "source",
            nargs="*",
            help="Maildir, mbox, .eml file(s) or imap:// URL (default: REGISTRY_MAIL_SOURCES)",
        )
        parser.add_argument("--dry-run", action="store_true", help="Judge, but record nothing.")
        parser.add_argument("--json", action="store_true", help="One JSON object per message.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Have the task worker ingest the sources."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sources = options["source"] or list(settings.REGISTRY_MAIL_SOURCES)
        if not sources:
            raise CommandError("Give a SOURCE, or set REGISTRY_MAIL_SOURCES.", returncode=2)
        if options["enqueue"]:
            if options["dry_run"]:
                raise CommandError("--dry-run reads here; it cannot be enqueued.", returncode=2)
            result = ingest_mail.enqueue(options["source"] or None)
            if options["json"]:
                self.stdout.write(json.dumps({"enqueued": str(result.id), "sources": sources}))
            else:
                self.stdout.write(f"Enqueued for the worker: {', '.join(sources)}.")
            return
        try:
            outcomes = mailbox_ingest(source=sources, dry_run=options["dry_run"])
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

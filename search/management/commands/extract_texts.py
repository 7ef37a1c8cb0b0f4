"""extract_texts: read the text of every lodged copy not yet read (documents lodged before
full-text search existed, or while no worker ran). The worker reads new lodgments itself."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from search.services import document_texts_extract_pending


class Command(BaseCommand):
    help = "Read the text of lodged copies whose text has not been read yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, help="At most this many documents.")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        run = document_texts_extract_pending(limit=options["limit"])
        counts = {"extracted": run.extracted, "failed": run.failed, "unsupported": run.unsupported}
        if options["json"]:
            self.stdout.write(json.dumps(counts))
        else:
            self.stdout.write(
                f"Read {run.extracted} documents; {run.failed} failed; "
                f"{run.unsupported} in formats whose text is not read."
            )

"""sweep_held_uploads: remove the files kept after refused submissions once their time is up
(``REGISTRY_HELD_UPLOAD_SECONDS``; ``filings.held_uploads``). Run it from a scheduler, e.g.
hourly; a successful lodgment also sweeps, on commit. It also removes uploads spooled in the
store's folder by requests that never ended (``filings.storage.abandoned_uploads_remove``)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from filings.held_uploads import held_uploads_sweep
from filings.storage import abandoned_uploads_remove


class Command(BaseCommand):
    help = "Remove files kept after refused submissions once they have expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help='Print {"removed": N}.')

    def handle(self, *args: Any, **options: Any) -> None:
        removed = held_uploads_sweep()
        abandoned = abandoned_uploads_remove()
        if options["json"]:
            self.stdout.write(json.dumps({"removed": removed}))
        else:
            self.stdout.write(f"Removed {removed} expired kept file(s).")
            if abandoned:
                self.stdout.write(f"Removed {abandoned} upload(s) abandoned by killed requests.")

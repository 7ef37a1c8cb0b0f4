"""sweep_held_uploads: remove the files kept after refused submissions once their time is up
(``REGISTRY_HELD_UPLOAD_SECONDS``; ``filings.held_uploads``). Run it from a scheduler, e.g.
hourly; a successful lodgment also sweeps, on commit."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from filings.held_uploads import held_uploads_sweep


class Command(BaseCommand):
    help = "Remove files kept after refused submissions once they have expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help='Print {"removed": N}.')

    def handle(self, *args: Any, **options: Any) -> None:
        removed = held_uploads_sweep()
        if options["json"]:
            self.stdout.write(json.dumps({"removed": removed}))
        else:
            self.stdout.write(f"Removed {removed} expired kept file(s).")

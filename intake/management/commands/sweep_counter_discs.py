"""``manage.py sweep_counter_discs [--json]``: remove disc uploads abandoned at the counter page.

A disc uploaded at the counter (PD16 paras 4 and 6) is kept between the page's steps and
removed once lodged; one the clerk never lodged is removed here once it is older than
``REGISTRY_COUNTER_DISC_GRACE_SECONDS``. Run it daily from the scheduler.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from intake.services.counter import counter_discs_sweep


class Command(BaseCommand):
    help = "Remove disc uploads abandoned at the counter page after the grace period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help='Print {"removed": N}.')

    def handle(self, *args: Any, **options: Any) -> None:
        removed = counter_discs_sweep()
        if options["json"]:
            self.stdout.write(json.dumps({"removed": len(removed)}))
        else:
            self.stdout.write(f"{len(removed)} abandoned disc upload(s) removed.")

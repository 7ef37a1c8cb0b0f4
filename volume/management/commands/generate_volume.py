"""generate_volume: synthetic matters, parties, filings and documents in proportion, for
measuring pages at volume (docs/benchmarks.md). Refused with production settings."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from volume.generate import CLERK_USERNAME, PASSWORD, SOLICITOR_USERNAME, generate_volume


class Command(BaseCommand):
    help = "Add N synthetic matters with parties, filings and documents in proportion."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--matters", type=int, required=True, help="How many matters to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (deterministic).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.REGISTRY_SYNTHETIC_DATA_ALLOWED:
            raise CommandError(
                "generate_volume writes synthetic records and is refused with production "
                "settings (REGISTRY_SYNTHETIC_DATA_ALLOWED is off).",
                returncode=2,
            )
        if options["matters"] < 1:
            raise CommandError("--matters must be at least 1.", returncode=2)
        started = time.monotonic()

        def progress(done: int) -> None:
            if options["verbosity"] > 1 or done % 10_000 == 0 or done == options["matters"]:
                self.stderr.write(f"{done:,} matters ({time.monotonic() - started:.0f} s)")

        report = generate_volume(
            matters=options["matters"], seed=options["seed"], progress=progress
        )
        self.stdout.write(
            f"Added {report.matters:,} matters, {report.parties:,} parties, "
            f"{report.filings:,} filings ({report.awaiting_review:,} awaiting review) and "
            f"{report.documents:,} documents in {time.monotonic() - started:.1f} s.\n"
            f"Sign in as {CLERK_USERNAME} or {SOLICITOR_USERNAME}, password {PASSWORD}."
        )

"""Queue today's reminders and overdue notices; run it daily from a scheduler (cron, a systemd
timer). A second run for the same day queues nothing new."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from notices.services.reminders import reminders_send


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Queue a reminder some days before a copy, a direction or a Rule 32 award falls due, "
        "and a notice when it becomes overdue (sent by the worker, manage.py db_worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="The day to run for, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be queued; queue nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help='Print {"reminders": N, "overdue": N}.'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        run = reminders_send(today=today, dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(run.to_dict()))
            return
        verb = "Would queue" if options["dry_run"] else "Queued"
        self.stdout.write(
            f"{verb} {run.reminders} reminder(s) and {run.overdue} overdue notice(s) "
            f"for {today.isoformat()}."
        )

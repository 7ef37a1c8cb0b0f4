"""seed_demo: demo matters, accounts and filings for trying the registry (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.seed import SeedReport, seed_demo_data
from practice_directions.selectors import rules_read_once


def login_table(report: SeedReport) -> list[str]:
    """The demo logins as an aligned text table, one account a row."""
    header = ("username", "password", "role", "name", "organisation")
    rows = [header] + [
        (x.username, x.password, x.role, x.name, x.organisation) for x in report.logins
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]


class Command(BaseCommand):
    help = (
        "Create demo accounts, matters of every proceeding type, and filings of real DOC, RTF, "
        "TIFF, GIF and JPEG documents; print the demo logins. Running it again creates nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG off. Never on a real registry: the passwords are public.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this may be a real registry: the demo accounts have published "
                "passwords (an administrator among them). Use --force on a demo database only.",
                returncode=2,
            )
        with rules_read_once():  # the rules rows once for every filing seeded
            report = seed_demo_data()
        # Mail for the clerks' unmatched-mail queue, through e-mail intake (PD16 paras 9-10).
        from intake.demo import seed_demo_mail

        mail = seed_demo_mail()
        self.stdout.write(f"Demo mail: {sum(o.outcome != 'duplicate' for o in mail)} received")
        for what in sorted(report.created.keys() | report.present.keys()):
            created, present = report.created[what], report.present[what]
            self.stdout.write(f"{what}: {created} created, {present} already present")
        self.stdout.write("")
        self.stdout.write("Demo logins (demo data only: these passwords are published):")
        for line in login_table(report):
            self.stdout.write(f"  {line}")

"""open_matter: open a matter from a clerk's script, through the same service as the pages."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from filings.services import PartySpec, matter_open

PROCEEDINGS = ["s84", "s99", "s130", "s106", "s34", "s324", "rule32", "other"]


def _parse_party(value: str) -> PartySpec:
    parts = value.rsplit(":", 2)
    if len(parts) != 3 or not parts[0].strip():
        raise CommandError(
            f'--party {value!r}: expected "NAME:ROLE:REPRESENTATION", e.g. '
            '"Jane Citizen:applicant:solicitor".',
            returncode=2,
        )
    name, role, representation = (p.strip() for p in parts)
    return PartySpec(name=name, role=role.lower(), representation=representation.lower())


def _parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--opened-on {value!r}: expected a date as YYYY-MM-DD.", returncode=2
        ) from None


class Command(BaseCommand):
    help = "Open a matter, allocating its IRCYYYY/NNNN number, and print it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--proceeding", required=True, choices=PROCEEDINGS)
        parser.add_argument("--title", required=True)
        parser.add_argument("--abbreviated-title", default="")
        parser.add_argument("--agreement-short-title", default="")
        parser.add_argument("--opened-on", default=None, help="YYYY-MM-DD (default today)")
        parser.add_argument(
            "--party",
            action="append",
            default=[],
            metavar="NAME:ROLE:REPRESENTATION",
            help="ROLE: applicant, respondent or intervenor; REPRESENTATION: barrister, "
            "solicitor, agent, industrial-organisation or unrepresented. Repeatable.",
        )
        parser.add_argument("--json", action="store_true", help="Print the matter as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        opened_on = (
            _parse_date(options["opened_on"]) if options["opened_on"] else timezone.localdate()
        )
        parties = [_parse_party(value) for value in options["party"]]
        try:
            matter = matter_open(
                proceeding_code=options["proceeding"],
                title=options["title"],
                abbreviated_title=options["abbreviated_title"],
                agreement_short_title=options["agreement_short_title"],
                opened_on=opened_on,
                parties=parties,
            )
        except ValidationError as error:
            lines = [
                f"{field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            raise CommandError("\n".join(lines), returncode=2) from None

        if options["json"]:
            payload = {
                "number": matter.number,
                "title": matter.title,
                "abbreviated_title": matter.abbreviated_title,
                "agreement_short_title": matter.agreement_short_title,
                "proceeding": matter.proceeding_id,
                "opened_on": matter.opened_on.isoformat(),
                "parties": [
                    {"name": p.name, "role": p.role, "representation": p.representation}
                    for p in matter.parties.order_by("pk")
                ],
            }
            self.stdout.write(json.dumps(payload))
        else:
            self.stdout.write(f"Opened {matter.number}: {matter.title}")

"""PN127 paras 17-19: how an electronic list of documents is verified.

Para 18: a hard copy list is verified by affidavit unless the Court dispenses with it. Para 19:
alternatively the verifying affidavit may "identify the documents by reference to the medium by
which the data was served and the date of service", e.g. "the documents described in the
database contained on the compact disks served on the defendant under cover of letters date
21 January, 24 January and 29 March 2003". ``para19_wording`` writes that sentence from the
services recorded.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

MEDIA: dict[str, tuple[str, str]] = {
    # key: (singular, plural) as the affidavit names them
    "cd": ("compact disk", "compact disks"),
    "dvd": ("DVD", "DVDs"),
    "usb": ("USB drive", "USB drives"),
    "floppy": ("floppy disk", "floppy disks"),
    "email": ("electronic mail message", "electronic mail messages"),
    "internet": ("internet site", "internet sites"),
    "other": ("medium", "media"),
}
PARAGRAPH = "PN127 para 19"


@dataclass(frozen=True)
class Service:
    """One service of the list's data: the medium, the party served (as the affidavit names
    it, e.g. "the respondent") and the date of the covering letter."""

    medium: str
    served_on: str
    letter_date: datetime.date


def _day_month(day: datetime.date) -> str:
    return f"{day.day} {day:%B}"


def letter_dates(dates: Sequence[datetime.date]) -> str:
    """ "21 January, 24 January and 29 March 2003": the year once per run of the same year."""
    ordered = sorted(set(dates))
    parts = []
    for i, day in enumerate(ordered):
        last_of_year = i == len(ordered) - 1 or ordered[i + 1].year != day.year
        parts.append(f"{_day_month(day)} {day.year}" if last_of_year else _day_month(day))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def para19_wording(services: Sequence[Service]) -> str:
    """The para 19 description of the documents, from the services of the list's data."""
    if not services:
        return ""
    groups: dict[tuple[str, str], list[datetime.date]] = {}
    for service in services:
        groups.setdefault((service.medium, service.served_on), []).append(service.letter_date)
    clauses = []
    for (medium, served_on), dates in groups.items():
        singular, plural = MEDIA.get(medium, MEDIA["other"])
        many = len(set(dates)) > 1
        clauses.append(
            f"contained on the {plural if many else singular} served on {served_on} under "
            f"cover of {'letters' if many else 'letter'} dated {letter_dates(dates)}"
        )
    return "the documents described in the database " + "; and ".join(clauses)

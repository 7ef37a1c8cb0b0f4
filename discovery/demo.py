"""Demo discovery lists: for one represented party of a demo matter, a first list with the
problems practitioners commonly make and the corrected list that replaced it (idempotent)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import Matter, PartyRepresentative

from .models import DiscoveryList
from .services import discovery_list_upload

HEADER = [
    "Document ID",
    "Date",
    "Estimated Date",
    "Document type",
    "Author",
    "Author Organisation",
    "Addressee",
    "Addressee Organisation",
    "Title",
    "Privilege",
    "Basis of Privilege",
    "Status",
    "Document Group",
    "Host Document Number",
    "Attachments",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def demo_list(prefix: str, *, with_problems: bool) -> bytes:
    rows: list[list[str]] = []
    page = 1
    for n in range(40):
        doc = f"{prefix}.001.001.{page:04d}"
        date = f"{1 + n % 27:02d}/{MONTHS[n % 12]}/2025"
        common = ["Letter", "Smith B", "Riverina Council", "Nguyen T", "Allied Trades Union"]
        title = f"Correspondence about the roster, item {n + 1}"
        if n % 10 == 0:
            attachment = f"{prefix}.001.001.{page + 1:04d}"
            rows.append([doc, date, "", *common, title, "NO", "", "Copy", "HWA", "", attachment])
            rows.append(
                [
                    attachment,
                    date,
                    "",
                    "Roster",
                    *common[1:],
                    "Roster",
                    "NO",
                    "",
                    "Copy",
                    "ATT",
                    doc,
                    "",
                ]
            )
            page += 2
        else:
            privileged = n % 9 == 4
            rows.append(
                [
                    doc,
                    date,
                    "",
                    *common,
                    title,
                    "YES" if privileged else "NO",
                    "Evidence Act s118" if privileged else "",
                    "Original",
                    "HNA",
                    "",
                    "",
                ]
            )
            page += 1
    if with_problems:
        rows[3][1] = "August 2025"  # month and year only, not coded as 01/Aug/2025
        rows[5][11] = "Scanned"  # not Copy, Original or Fax
        rows[7][9], rows[7][10] = "YES", ""  # privilege claimed without its basis
        rows[8][4] = "Bob Smith"  # not in the "Smith B" form (a warning)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def seed_discovery_lists(matters: dict[str, Matter], report: Any) -> None:
    """Lists for the first demo matter with a represented party, unless it has lists already."""
    for matter in matters.values():
        link = (
            PartyRepresentative.objects.filter(party__matter=matter)
            .select_related("party", "user")
            .order_by("party__role", "pk")
            .first()
        )
        if link is None:
            continue
        if DiscoveryList.objects.filter(party=link.party).exists():
            report.count("discovery lists", created=False)
            return
        prefix = "".join(c for c in link.party.name.upper() if c.isalpha())[:3].ljust(3, "X")
        for name, problems in (("list-first.csv", True), ("list-corrected.csv", False)):
            discovery_list_upload(
                matter=matter,
                party=link.party,
                upload=SimpleUploadedFile(name, demo_list(prefix, with_problems=problems)),
                user=link.user,
            )
            report.count("discovery lists", created=True)
        return

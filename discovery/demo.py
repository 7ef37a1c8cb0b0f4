"""Demo discovery lists: for one represented party of a demo matter, a first list with the
problems practitioners commonly make and the corrected list that replaced it (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import Matter, PartyRepresentative

from .models import DiscoveryList
from .sample_lists import HEADER, csv_bytes, generated_rows
from .selectors import list_conventions_for
from .services import discovery_list_upload


def demo_list(prefix: str, *, with_problems: bool, undated: str = "") -> bytes:
    """A 44-row list (``discovery.sample_lists``); with problems, four rows carry the mistakes
    practitioners commonly make; undated documents follow ``undated``, the matter's convention."""
    rows = list(generated_rows(44, prefix=prefix, undated=undated))
    if with_problems:
        column = HEADER.index
        rows[3][column("Date")] = "August 2025"  # month and year only, not coded as 01/Aug/2025
        rows[5][column("Status")] = "Scanned"  # not Copy, Original or Fax
        rows[7][column("Privilege")] = "YES"  # privilege claimed without its basis
        rows[7][column("Basis of Privilege")] = ""
        rows[8][column("Author")] = "Bob Smith"  # not in the "Smith B" form (a warning)
    return csv_bytes(rows)


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
        undated = list_conventions_for(matter).undated
        for name, problems in (("list-first.csv", True), ("list-corrected.csv", False)):
            discovery_list_upload(
                matter=matter,
                party=link.party,
                upload=SimpleUploadedFile(
                    name, demo_list(prefix, with_problems=problems, undated=undated)
                ),
                user=link.user,
            )
            report.count("discovery lists", created=True)
        return

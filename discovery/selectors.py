"""Reads for discovery lists: the conventions a matter's lists follow, and the lists a user
may see. Practitioners see the lists of the parties they act for (``filings.selectors.access``
scopes them); clerks see every list of a matter, read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Sum

from filings.models import Matter, Party
from filings.selectors import access
from practice_directions.rules.discovery import PN127_DEFAULTS, ListConventions
from practice_directions.rules.discovery.fields import match_header

from .models import DiscoveryList, ListService, StoredProblem


def list_conventions_for(matter: Matter) -> ListConventions:
    """The conventions the matter's lists are checked against: what the matter's protocol
    (app ``protocols``) records as agreed or ordered, PN127's defaults where it records
    nothing (para 15)."""
    from protocols.selectors import protocol_list_settings

    settings = protocol_list_settings(matter)
    if not settings.applies:
        return PN127_DEFAULTS
    fields = tuple(
        name for name in (match_header(f) for f in settings.fields_in_use) if name is not None
    )
    return ListConventions(
        document_id_pattern=settings.document_id_regex or PN127_DEFAULTS.document_id_pattern,
        undated="" if settings.undated_convention in ("", "blank") else settings.undated_convention,
        tiff_multi_page=settings.multi_page_images,
        image_dpi=settings.resolution_dpi or PN127_DEFAULTS.image_dpi,
        fields_in_use=tuple(dict.fromkeys((*PN127_DEFAULTS.fields_in_use, *fields))),
    )


def lists_for(user: Any, matter: Matter) -> QuerySet[DiscoveryList]:
    """The lists of the parties ``user`` acts for in ``matter``, newest first."""
    return (
        DiscoveryList.objects.filter(
            matter=matter, party__in=access.parties_for(user, matter).values("pk")
        )
        .select_related("party", "uploaded_by")
        .order_by("-uploaded_at", "-pk")
    )


def list_exists(pk: int) -> bool:
    """Whether any list has this key (for the audit of a refused one; never shown)."""
    return DiscoveryList.objects.filter(pk=pk).exists()


def parties_to_serve(discovery_list: DiscoveryList) -> QuerySet[Party]:
    """The other parties of the list's matter, on whom its data may be served (para 19)."""
    return Party.objects.filter(matter_id=discovery_list.matter_id).exclude(
        pk=discovery_list.party_id
    )


def matter_lists(matter: Matter) -> QuerySet[DiscoveryList]:
    """Every list of ``matter`` (the clerks' read-only view)."""
    return (
        DiscoveryList.objects.filter(matter=matter)
        .select_related("party", "uploaded_by")
        .order_by("party__role", "party__name", "-uploaded_at", "-pk")
    )


def first_problems(discovery_list: DiscoveryList) -> list[StoredProblem]:
    return list(discovery_list.problems.order_by("position"))


def list_services(discovery_list: DiscoveryList) -> list[ListService]:
    return list(discovery_list.services.select_related("served_on").order_by("letter_date", "pk"))


def para19_text(services: list[ListService]) -> str:
    """The para 19 wording from the recorded services ("... served on the respondent under
    cover of letter dated 21 January 2003")."""
    from practice_directions.rules.discovery import Service, para19_wording

    return para19_wording(
        [
            Service(
                medium=s.medium,
                served_on=f"the {s.served_on.get_role_display().lower()}, {s.served_on.name}",
                letter_date=s.letter_date,
            )
            for s in services
        ]
    )


def listed_document_count(matter: Matter) -> int:
    """Documents in the parties' current lists between them (PN127 para 11's 500)."""
    total = DiscoveryList.objects.filter(matter=matter, is_current=True).aggregate(
        n=Sum("row_count")
    )["n"]
    return total or 0

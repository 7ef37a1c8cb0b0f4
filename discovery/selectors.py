"""Reads for discovery lists: the conventions a matter's lists follow, and the lists a user
may see. Practitioners see the lists of the parties they act for (``filings.selectors.access``
scopes them); clerks see every list of a matter, read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from filings.models import Matter
from filings.selectors import access
from practice_directions.rules.discovery import PN127_DEFAULTS, ListConventions

from .models import DiscoveryList, ListService, StoredProblem


def list_conventions_for(matter: Matter) -> ListConventions:
    """The conventions the matter's lists are checked against: the PN127 defaults (para 15)
    until the matter's protocol (app ``protocols``) records agreed or ordered ones."""
    return PN127_DEFAULTS


def lists_for(user: Any, matter: Matter) -> QuerySet[DiscoveryList]:
    """The lists of the parties ``user`` acts for in ``matter``, newest first."""
    return (
        DiscoveryList.objects.filter(
            matter=matter, party__in=access.parties_for(user, matter).values("pk")
        )
        .select_related("party", "uploaded_by")
        .order_by("-uploaded_at", "-pk")
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

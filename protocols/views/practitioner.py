"""The protocol as the practitioners of the matter see it: propose, agree, print.

The matter is found through ``filings.selectors.access`` (another matter answers 404 and the
refusal is audited); a party is one the practitioner acts for, or 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import request_client_ip
from filings.models import Matter, Party
from filings.selectors import access
from filings.views.clerk.common import error_summary
from filings.views.practitioner.common import represented_matter_or_404
from registry.roles import practitioner_required

from ..forms import PartyForm, ProposeForm, SettingsForm, settings_initial
from ..selectors import ProtocolState, protocol_state
from ..services import (
    ProtocolAccessDenied,
    protocol_agree,
    protocol_propose,
    protocol_propose_settings,
)
from .common import render_protocol, render_summary, service_errors, summary_download

ROLE = "practitioner"


def _page_url(slug: str, fragment: str = "") -> str:
    url = reverse("protocols:practitioner", args=[slug])
    return f"{url}#{fragment}" if fragment else url


def _party(request: HttpRequest, matter: Matter, party_id: int | None) -> Party:
    """The party the practitioner acts for: the one named, or their only one; else 404."""
    parties = list(access.parties_for(request.user, matter))
    if party_id is None and len(parties) == 1:
        return parties[0]
    for party in parties:
        if party.pk == party_id:
            return party
    raise Http404("You do not act for that party.")


def _page(
    request: HttpRequest,
    matter: Matter,
    *,
    errors: list | None = None,
    settings_form: SettingsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    state = protocol_state(matter)
    mine = list(access.parties_for(request.user, matter))
    return render_protocol(
        request,
        state,
        role=ROLE,
        context={
            "slug": access.matter_slug(matter.number),
            "my_parties": mine,
            "my_party_ids": {p.pk for p in mine},
            "errors": errors or [],
            "settings_form": settings_form
            or SettingsForm(initial=settings_initial(state.settings)),
        },
        status=status,
    )


@practitioner_required
def protocol_page(request: HttpRequest, matter: str) -> HttpResponse:
    """The matter's protocol: what applies in each group and why, and what waits for whom."""
    return _page(request, represented_matter_or_404(request, matter))


def _done(request: HttpRequest, slug: str, message: str, fragment: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(_page_url(slug, fragment))


@practitioner_required
@require_POST
def propose(request: HttpRequest, matter: str) -> HttpResponse:
    record = represented_matter_or_404(request, matter)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        anchor = f"group-{request.POST.get('group', '')}"
        return _page(
            request,
            record,
            errors=[*service_errors(ValidationError("Choose an option."), anchor)],
            status=400,
        )
    data: dict[str, Any] = form.cleaned_data
    party = _party(request, record, data["party"])
    try:
        proposal = protocol_propose(
            matter=record,
            party=party,
            user=request.user,
            group_code=data["group"],
            option_id=data["option"],
            client_ip=request_client_ip(request),
        )
    except ProtocolAccessDenied:
        raise Http404("No such party.") from None
    except ValidationError as error:
        return _page(
            request, record, errors=service_errors(error, f"group-{data['group']}"), status=400
        )
    return _done(
        request,
        matter,
        f"{party.name} proposed “{proposal.option.label if proposal.option else ''}” "
        f"(proposal #{proposal.pk}).",
        f"group-{data['group']}",
    )


@practitioner_required
@require_POST
def agree(request: HttpRequest, matter: str, proposal: int) -> HttpResponse:
    record = represented_matter_or_404(request, matter)
    form = PartyForm(request.POST)
    party = _party(request, record, form.cleaned_data["party"] if form.is_valid() else None)
    try:
        protocol_agree(
            matter=record,
            proposal_id=proposal,
            party=party,
            user=request.user,
            client_ip=request_client_ip(request),
        )
    except ProtocolAccessDenied:
        raise Http404("No such proposal.") from None
    except ValidationError as error:
        return _page(
            request, record, errors=service_errors(error, f"proposal-{proposal}"), status=400
        )
    return _done(
        request, matter, f"{party.name} agreed to proposal #{proposal}.", f"proposal-{proposal}"
    )


@practitioner_required
@require_POST
def propose_settings(request: HttpRequest, matter: str) -> HttpResponse:
    record = represented_matter_or_404(request, matter)
    form = SettingsForm(request.POST)
    if form.is_valid():
        party = _party(request, record, form.cleaned_data["party"])
        try:
            proposal = protocol_propose_settings(
                matter=record,
                party=party,
                user=request.user,
                values=form.values(),
                client_ip=request_client_ip(request),
            )
        except ProtocolAccessDenied:
            raise Http404("No such party.") from None
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return _done(
                request,
                matter,
                f"{party.name} proposed settings (proposal #{proposal.pk}).",
                "settings",
            )
    return _page(request, record, errors=error_summary(form), settings_form=form, status=400)


def _state(request: HttpRequest, matter: str) -> ProtocolState:
    return protocol_state(represented_matter_or_404(request, matter))


@practitioner_required
def summary(request: HttpRequest, matter: str) -> HttpResponse:
    """The protocol summary, printable."""
    state = _state(request, matter)
    return render_summary(
        request,
        state,
        role=ROLE,
        back=_page_url(matter),
        text_url=reverse("protocols:practitioner_summary_text", args=[matter]),
    )


@practitioner_required
def summary_text(request: HttpRequest, matter: str) -> HttpResponse:
    """The protocol summary as a text file."""
    return summary_download(_state(request, matter))

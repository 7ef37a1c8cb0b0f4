"""Pages that record something on a matter: parties and their representatives, the Certificate of
Unsuccessful Conciliation (para 3(b)), para 7 directions and waivers, PN127 (para 8), the
direction that submissions be filed (para 9) and Rule 32 awards (para 11). Each is one form and
one service call; errors come back onto the fields."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import Actor
from filings.forms.clerk import (
    AccessibleForm,
    CertificateForm,
    DirectionForm,
    PartyAddForm,
    PartyRepresentationForm,
    PracticeNoteForm,
    RepresentativeLinkForm,
    RepresentativeUnlinkForm,
    Rule32OrderForm,
    Rule32ReceiptForm,
)
from filings.forms.clerk_matter import SubmissionsDirectionForm
from filings.models import Matter, Party, Rule32Order
from filings.selectors import lookups
from filings.services import records, rule32
from filings.services.matter_directions import matter_record_submissions_direction
from registry.roles import clerk_required
from registry.typing import AuthenticatedHttpRequest

from .common import any_matter_or_404, error_summary, matter_url


def record_page(
    request: HttpRequest,
    *,
    matter: Matter,
    form: AccessibleForm,
    save: Callable[[dict[str, Any]], str],
    heading: str,
    submit: str,
    fragment: str,
    intro: str = "",
    party: Party | None = None,
) -> HttpResponse:
    """GET shows the form; POST validates it, calls ``save`` (one service call) and goes back to
    the matter with ``save``'s confirmation, or shows the form again with every problem."""
    if request.method == "POST" and form.is_valid():
        try:
            confirmation = save(form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, confirmation)
            return redirect(matter_url(matter, fragment))
    return render(
        request,
        "filings/clerk/record_form.html",
        {
            "matter": matter,
            "party": party,
            "form": form,
            "heading": heading,
            "intro": intro,
            "submit": submit,
            "back": matter_url(matter, fragment),
            "errors": error_summary(form),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _fields(data: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """The named cleaned values, as the keyword arguments of the service: each form names its
    fields after the arguments they fill."""
    return {name: data[name] for name in names}


def _party_or_404(matter: Matter, party: int) -> Party:
    try:
        return lookups.party_in_matter(matter, party)
    except Party.DoesNotExist:
        raise Http404("No such party in this matter.") from None


@clerk_required
@require_http_methods(["GET", "POST"])
def party_add(request: HttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)

    def save(data: dict[str, Any]) -> str:
        party = records.party_add(
            matter=record,
            **_fields(data, "name", "role", "representation", "representative_organisation"),
            actor=Actor.from_request(request),
        )
        return f"{party} added to {record.number}."

    return record_page(
        request,
        matter=record,
        form=PartyAddForm(request.POST or None),
        save=save,
        heading="Add a party",
        submit="Add the party",
        fragment="parties",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def party_representation(request: HttpRequest, matter: str, party: int) -> HttpResponse:
    record = any_matter_or_404(matter)
    target = _party_or_404(record, party)

    def save(data: dict[str, Any]) -> str:
        records.party_set_representation(
            party=target,
            **_fields(data, "representation", "representative_organisation"),
            actor=Actor.from_request(request),
        )
        return f"Representation of {target.name} recorded."

    initial = {
        "representation": target.representation,
        "representative_organisation": target.representative_organisation_id,
    }
    return record_page(
        request,
        matter=record,
        party=target,
        form=PartyRepresentationForm(request.POST or None, initial=initial),
        save=save,
        heading=f"Representation of {target.name}",
        submit="Record the representation",
        fragment="parties",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def representative_link(request: HttpRequest, matter: str, party: int) -> HttpResponse:
    record = any_matter_or_404(matter)
    target = _party_or_404(record, party)

    def save(data: dict[str, Any]) -> str:
        link = records.party_link_representative(
            party=target, **_fields(data, "user", "since"), actor=Actor.from_request(request)
        )
        return f"{link.user.get_username()} now acts for {target.name}."

    return record_page(
        request,
        matter=record,
        party=target,
        form=RepresentativeLinkForm(request.POST or None),
        save=save,
        heading=f"Link a practitioner to {target.name}",
        intro="A linked practitioner sees this matter and lodges filings for this party.",
        submit="Link the practitioner",
        fragment="parties",
    )


@clerk_required
@require_POST
def representative_unlink(request: HttpRequest, matter: str, party: int) -> HttpResponse:
    record = any_matter_or_404(matter)
    target = _party_or_404(record, party)
    form = RepresentativeUnlinkForm(request.POST)
    link = None
    if form.is_valid():
        link = lookups.representative_link(target, form.cleaned_data["user"])
    if link is None:
        raise Http404("That practitioner is not linked to this party.")
    records.party_unlink_representative(
        party=target, user=link.user, actor=Actor.from_request(request)
    )
    messages.success(request, f"{link.user.get_username()} no longer acts for {target.name}.")
    return redirect(matter_url(record, "parties"))


@clerk_required
@require_http_methods(["GET", "POST"])
def certificate(request: HttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)

    def save(data: dict[str, Any]) -> str:
        records.matter_record_conciliation_certificate(
            matter=record, **_fields(data, "issued_on"), actor=Actor.from_request(request)
        )
        return "Certificate of Unsuccessful Conciliation recorded."

    return record_page(
        request,
        matter=record,
        form=CertificateForm(request.POST or None),
        save=save,
        heading="Record the Certificate of Unsuccessful Conciliation",
        intro="PD16 para 3(b): in s.106 proceedings the direction applies once the certificate "
        "issues; both parties must then file, within 28 days, electronic copies of all "
        "documentation filed in the proceedings.",
        submit="Record the certificate",
        fragment="certificate",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def direction_add(request: AuthenticatedHttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)

    def save(data: dict[str, Any]) -> str:
        direction = records.direction_record(
            matter=record,
            recorded_by=request.user,
            **_fields(
                data,
                "kind",
                "made_by",
                "made_on",
                "parties",
                "document_kinds",
                "serve",
                "scope",
                "due_on",
            ),
            actor=Actor.from_request(request),
        )
        return f"{direction.get_kind_display()} recorded."

    return record_page(
        request,
        matter=record,
        form=DirectionForm(request.POST or None, matter=record),
        save=save,
        heading="Record a direction or waiver (PD16 para 7)",
        intro="The Registrar or the Commission may direct parties to file, or to file and serve, "
        "documentation in computer-readable format, or waive their obligations in whole or part.",
        submit="Record it",
        fragment="directions",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def practice_note(request: AuthenticatedHttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)

    def save(data: dict[str, Any]) -> str:
        records.practice_note_apply(
            matter=record,
            recorded_by=request.user,
            **_fields(data, "made_by", "applied_on", "extent", "parts", "conditions"),
            actor=Actor.from_request(request),
        )
        return "Application of Practice Note 127 recorded."

    return record_page(
        request,
        matter=record,
        form=PracticeNoteForm(request.POST or None),
        save=save,
        heading="Record the application of Practice Note 127 (PD16 para 8)",
        intro="The Registrar or the Commission may apply Supreme Court Practice Note No 127 to "
        "the matter, in whole or in part, subject to conditions or otherwise.",
        submit="Record it",
        fragment="practice-note",
    )


@clerk_required
@require_POST
def submissions_direction(request: HttpRequest, matter: str) -> HttpResponse:
    """Posted from the matter page's one button; a refusal (a closed matter, or another clerk
    got there first) shows the form with its errors."""
    record = any_matter_or_404(matter)

    def save(data: dict[str, Any]) -> str:
        matter_record_submissions_direction(
            matter=record, **_fields(data, "directed"), actor=Actor.from_request(request)
        )
        if data["directed"]:
            return "Recorded: the Commission has directed that submissions be filed (para 9)."
        return "Withdrawn: the direction that submissions be filed (para 9)."

    return record_page(
        request,
        matter=record,
        form=SubmissionsDirectionForm(request.POST),
        save=save,
        heading="Submissions directed by the Commission (PD16 para 9)",
        intro="In a matter where the Commission has directed that submissions of parties be "
        "filed, submissions may be e-mailed to the client services address, with the "
        "transmission report filed in lieu of a diskette or CD-ROM.",
        submit="Record it",
        fragment="submissions",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def rule32_order_add(request: AuthenticatedHttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)

    def save(data: dict[str, Any]) -> str:
        order = rule32.rule32_order_record(
            matter=record,
            recorded_by=request.user,
            **_fields(data, "description", "made_on", "file_by"),
            actor=Actor.from_request(request),
        )
        return f"Rule 32 deadline recorded: file by {order.file_by:%d/%m/%Y}."

    return record_page(
        request,
        matter=record,
        form=Rule32OrderForm(request.POST or None),
        save=save,
        heading="Record an award or variation and its deadline (Rule 32, PD16 para 11)",
        intro="The applicant must file the award or variation in computer-readable format within "
        "the time the Commission specified when making it.",
        submit="Record the deadline",
        fragment="rule32",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def rule32_receipt(request: HttpRequest, matter: str, order: int) -> HttpResponse:
    record = any_matter_or_404(matter)
    try:
        target = lookups.rule32_order_in_matter(record, order)
    except Rule32Order.DoesNotExist:
        raise Http404("No such Rule 32 order in this matter.") from None

    def save(data: dict[str, Any]) -> str:
        rule32.rule32_receipt_record(
            order=target,
            **_fields(data, "received_on", "received_filing"),
            actor=Actor.from_request(request),
        )
        return "Receipt recorded; the Office of Industrial Relations has been notified."

    return record_page(
        request,
        matter=record,
        form=Rule32ReceiptForm(request.POST or None, matter=record),
        save=save,
        heading=f"Record receipt of {target.description}",
        intro="PD16 para 11: the Registry passes the award or variation to the Office of "
        "Industrial Relations immediately upon receipt.",
        submit="Record receipt and notify",
        fragment="rule32",
    )

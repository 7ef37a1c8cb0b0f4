"""The protocol as registry clerks see it: every proposal, agreement and order with who and
when, and the recording of Court orders fixing a group or the settings (PN127 para 4)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import request_client_ip
from filings.models import Matter
from filings.views.clerk.common import any_matter_or_404, error_summary
from registry.roles import clerk_required

from ..forms import OrderForm, OrderSettingsForm, settings_initial
from ..selectors import protocol_state
from ..services import protocol_order, protocol_order_settings
from .common import render_protocol, render_summary, summary_download

ROLE = "clerk"


def _page_url(matter: Matter, fragment: str = "") -> str:
    url = reverse("protocols:clerk", args=[matter.number])
    return f"{url}#{fragment}" if fragment else url


def _page(
    request: HttpRequest,
    matter: Matter,
    *,
    errors: list | None = None,
    order_form: OrderForm | None = None,
    settings_form: OrderSettingsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    state = protocol_state(matter)
    return render_protocol(
        request,
        state,
        role=ROLE,
        context={
            "errors": errors or [],
            "order_form": order_form,
            "settings_form": settings_form
            or OrderSettingsForm(initial=settings_initial(state.settings)),
        },
        status=status,
    )


@clerk_required
def protocol_page(request: HttpRequest, matter: str) -> HttpResponse:
    return _page(request, any_matter_or_404(matter))


@clerk_required
@require_POST
def order(request: HttpRequest, matter: str) -> HttpResponse:
    """Record the Court's order fixing one group's option."""
    record = any_matter_or_404(matter)
    form = OrderForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            protocol_order(
                matter=record,
                group_code=data["group"],
                option_id=data["option"],
                made_on=data["made_on"],
                terms=data["terms"],
                recorded_by=request.user,
                client_ip=request_client_ip(request),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "Court order recorded.")
            return redirect(_page_url(record, f"group-{data['group']}"))
    return _page(request, record, errors=error_summary(form), order_form=form, status=400)


@clerk_required
@require_POST
def order_settings(request: HttpRequest, matter: str) -> HttpResponse:
    """Record the Court's order fixing the protocol's settings."""
    record = any_matter_or_404(matter)
    form = OrderSettingsForm(request.POST)
    if form.is_valid():
        try:
            protocol_order_settings(
                matter=record,
                values=form.values(),
                made_on=form.cleaned_data["made_on"],
                terms=form.cleaned_data["terms"],
                recorded_by=request.user,
                client_ip=request_client_ip(request),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "Court order on the settings recorded.")
            return redirect(_page_url(record, "settings"))
    return _page(request, record, errors=error_summary(form), settings_form=form, status=400)


@clerk_required
def summary(request: HttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)
    return render_summary(
        request,
        protocol_state(record),
        role=ROLE,
        back=_page_url(record),
        text_url=reverse("protocols:clerk_summary_text", args=[record.number]),
    )


@clerk_required
def summary_text(request: HttpRequest, matter: str) -> HttpResponse:
    return summary_download(protocol_state(any_matter_or_404(matter)))

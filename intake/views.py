"""The clerks' intake pages: the unmatched-mail queue and the counter disc page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from filings.views.clerk.common import error_summary, paginate, query_without_page
from filings.views.clerk.review import filing_url
from intake import selectors
from intake.forms import AssignForm, DiscLodgeForm, DiscUploadForm, RejectForm
from intake.models import InboundMessage
from intake.services import inbound_message_assign, inbound_message_reject
from intake.services.counter import (
    UploadGone,
    counter_disc_check,
    counter_disc_lodge,
    counter_disc_read,
)
from intake.services.disc import DiscOutcome
from registry.roles import clerk_required


@clerk_required
def mail_queue(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("show") == "all"
    page = paginate(request, selectors.unmatched_mail(show_all=show_all))
    return render(
        request,
        "intake/mail_queue.html",
        {"page": page, "show_all": show_all, "query": query_without_page(request)},
    )


def _message_or_404(pk: int) -> InboundMessage:
    try:
        return selectors.inbound_message(pk)
    except InboundMessage.DoesNotExist:
        raise Http404("No such message.") from None


@clerk_required
@require_http_methods(["GET", "POST"])
def mail_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inbound = _message_or_404(pk)
    action = request.POST.get("action") if request.method == "POST" else None
    number = (request.POST.get("matter") or request.GET.get("matter") or "").strip()
    if not number and inbound.matter_id:
        number = inbound.matter.number
    matter = selectors.matter_by_number(number) if number else None
    assign = AssignForm(
        request.POST if action == "assign" else None,
        parties=selectors.parties_of(matter) if matter else None,
        initial={"matter": number},
    )
    reject = RejectForm(request.POST if action == "reject" else None)
    if action == "assign" and assign.is_valid():
        if matter is None:
            assign.add_error(
                "matter",
                ValidationError(f"There is no matter {number}.", code="intake.matter_unknown"),
            )
        else:
            try:
                lodged = inbound_message_assign(
                    inbound=inbound, party=assign.cleaned_data["party"], assigned_by=request.user
                )
            except ValidationError as error:
                assign.add_service_errors(error)
            else:
                messages.success(request, f"Lodged as filing {lodged.filing.reference}.")
                return redirect(filing_url(lodged.filing))
    if action == "reject" and reject.is_valid():
        try:
            inbound_message_reject(
                inbound=inbound, reason=reject.cleaned_data["reason"], rejected_by=request.user
            )
        except ValidationError as error:
            reject.add_service_errors(error)
        else:
            messages.success(request, "The message was rejected and the sender told why.")
            return redirect("intake:mail_queue")
    return render(
        request,
        "intake/mail_detail.html",
        {
            "inbound": inbound,
            "body": selectors.stored_text(inbound),
            "matter": matter,
            "assign": assign,
            "reject": reject,
            "errors": error_summary(assign, reject),
        },
        status=400 if action else 200,
    )


def _needs(outcome: DiscOutcome) -> list[str]:
    return [f["name"] for f in outcome.files if f["kind"] is None or not f["title"]]


@clerk_required
@require_http_methods(["GET", "POST"])
def counter_disc(request: HttpRequest) -> HttpResponse:
    upload = DiscUploadForm()
    outcome: DiscOutcome | None = None
    lodge: DiscLodgeForm | None = None
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "upload":
        upload = DiscUploadForm(request.POST, request.FILES)
        if upload.is_valid():
            data = upload.cleaned_data
            token, outcome = counter_disc_check(
                disc=data["disc"],
                party_name=data["party"],
                matter_number=data["matter"] or None,
                channel=data["channel"],
            )
            lodge = DiscLodgeForm(
                needs=_needs(outcome),
                initial={
                    "token": token,
                    "party": data["party"],
                    "matter": data["matter"],
                    "channel": data["channel"],
                },
            )
    elif action == "lodge":
        token = request.POST.get("token", "")
        common: dict[str, Any] = {
            "party_name": request.POST.get("party", ""),
            "matter_number": request.POST.get("matter") or None,
            "channel": request.POST.get("channel") or None,
        }
        try:
            outcome = counter_disc_read(token=token, **common)
            lodge = DiscLodgeForm(request.POST, needs=_needs(outcome))
            if lodge.is_valid() and outcome.outcome != "refused":
                outcome = counter_disc_lodge(
                    token=token, **common, lodged_by=request.user, choices=lodge.choices()
                )
        except UploadGone:
            raise Http404("That upload has expired or was lodged; upload the disc again.") from None
        if outcome.outcome == "filed":
            messages.success(request, f"The disc was lodged as filing {outcome.filing}.")
            number, _, sequence = outcome.filing.rpartition("-F")
            return redirect(
                reverse("clerk:filing", kwargs={"matter": number, "sequence": int(sequence)})
            )
    return render(
        request,
        "intake/counter_disc.html",
        {
            "upload": upload,
            "outcome": outcome,
            "lodge": lodge,
            "errors": error_summary(upload, *([lodge] if lodge is not None else [])),
        },
        status=400 if action == "upload" and not upload.is_valid() else 200,
    )

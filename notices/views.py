"""The notices pages: a user's own notices, a served filing (PD16 para 7), reminder
preferences; and for clerks, the notices needing attention (with retry) and the limits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from filings import packaging
from filings.selectors.access import matter_slug
from filings.selectors.practitioner_pages import filing_documents
from notices import selectors
from notices.forms import LimitsForm, PreferencesForm, apply_errors
from notices.models import Notice
from notices.services.outbox import notice_retry
from notices.services.preferences import notice_preferences_update, reminder_limits_update
from registry.roles import clerk_required, practitioner_required

PAGE_SIZE = 25


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notices_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notices/list.html", {"page": page})


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "notices/detail.html", {"notice": selectors.notice_for(request.user, pk)}
    )


@practitioner_required
def served_filing(request: HttpRequest, matter: str, sequence: int) -> HttpResponse:
    filing, notice = selectors.served_filing_for(
        request.user, matter_slug=matter, sequence=sequence
    )
    documents = filing_documents(filing)
    return render(
        request,
        "notices/served.html",
        {
            "filing": filing,
            "notice": notice,
            "slug": matter_slug(filing.matter.number),
            "entries": packaging.document_entries(filing, documents),
            "lodged_at": packaging.lodged_at_text(filing.lodged_at),
        },
    )


@practitioner_required
def preferences(request: HttpRequest) -> HttpResponse:
    limits = selectors.reminder_limits()
    current = selectors.effective_preferences(
        limits, getattr(request.user, "notice_preferences", None)
    )
    initial = {
        "days_before": current.days_before,
        "remind_copies": current.remind_copies,
        "remind_directions": current.remind_directions,
        "remind_rule32": current.remind_rule32,
        "overdue": current.overdue,
    }
    form = PreferencesForm(request.POST or None, initial=initial, limits=limits)
    if request.method == "POST" and form.is_valid():
        try:
            notice_preferences_update(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your reminder choices are saved.")
            return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form, "limits": limits})


@clerk_required
def outbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notices_needing_a_clerk(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "notices/outbox.html", {"page": page, "counts": selectors.outbox_counts()}
    )


@clerk_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notice = notice_retry(notice_id=pk, retried_by=request.user)
    except Notice.DoesNotExist:
        raise Http404("No such notice.") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Notice {notice.pk} is queued to be sent again.")
    return redirect("notices:outbox")


@clerk_required
def limits(request: HttpRequest) -> HttpResponse:
    current = selectors.reminder_limits()
    form = LimitsForm(
        request.POST or None,
        initial={
            "min_days_before": current.min_days_before,
            "default_days_before": current.default_days_before,
            "max_days_before": current.max_days_before,
            "overdue_required": current.overdue_required,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            reminder_limits_update(updated_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The reminder limits are saved.")
            return redirect("notices:limits")
    return render(request, "notices/limits.html", {"form": form})

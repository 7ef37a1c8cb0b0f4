"""The clerks' work queue page and the assignment actions (one service call each)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from audit.services import request_client_ip
from filings.models import Filing
from filings.selectors.lookups import filing_by_pk
from filings.views.clerk.common import paginate, query_without_page
from registry.roles import clerk_required
from workqueue import selectors as reads
from workqueue import services
from workqueue.forms import AssignForm, QueueFilterForm, requested_tab


@clerk_required
def queue(request: HttpRequest) -> HttpResponse:
    tab = requested_tab(request.GET)
    counts = reads.queue_counts(user=request.user, tab=tab)
    clerks = list(reads.clerks())
    form = QueueFilterForm(request.GET or None, counts=counts, clerks=clerks)
    filters = form.filters()
    page = paginate(
        request,
        reads.queue_filings(user=request.user, filters=filters),
        count=counts.matching(filters),
    )
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    return render(
        request,
        "workqueue/queue.html",
        {
            "form": form,
            "tab": tab,
            "counts": counts,
            "page": page,
            "rows": reads.queue_rows(page.object_list),
            "querystring": query_without_page(request),
            "sort": filters.sort,
            "sort_query": params.urlencode(),
            "can_assign": request.user.has_perm(services.ASSIGN_PERMISSION),
            "assign_clerks": clerks,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _filing_or_404(pk: int) -> Filing:
    try:
        return filing_by_pk(pk)
    except Filing.DoesNotExist:
        raise Http404("No such filing.") from None


def _back(request: HttpRequest, filing: Filing) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(
        reverse(
            "clerk:filing", kwargs={"matter": filing.matter.number, "sequence": filing.sequence}
        )
    )


@clerk_required
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    filing = _filing_or_404(pk)
    try:
        services.filing_assignment_take(
            filing=filing, clerk=request.user, client_ip=request_client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{filing.reference} is in your queue.")
    return _back(request, filing)


@clerk_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    filing = _filing_or_404(pk)
    form = AssignForm(request.POST, clerks=reads.clerks())
    if not form.is_valid():
        messages.error(request, "Choose a clerk to assign the filing to.")
        return _back(request, filing)
    try:
        services.filing_assignment_assign(
            filing=filing,
            assignee=form.cleaned_data["assignee"],
            assigned_by=request.user,
            client_ip=request_client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{filing.reference} assigned to {services.clerk_name(form.cleaned_data['assignee'])}.",
        )
    return _back(request, filing)


@clerk_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    filing = _filing_or_404(pk)
    try:
        services.filing_assignment_release(
            filing=filing, clerk=request.user, client_ip=request_client_ip(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{filing.reference} is back in the section queue.")
    return _back(request, filing)

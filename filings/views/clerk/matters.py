"""The workspace (with stored copies that failed their integrity check first), the matter list
and search, opening a matter, and a matter's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.services import Actor
from filings.forms.clerk import MatterOpenForm, MatterSearchForm, PartyRowFormSet
from filings.models import Matter
from filings.selectors import registry as reads
from filings.selectors.integrity import recent_integrity_failures
from filings.selectors.matter_directions import submissions_email_address
from filings.selectors.workspace import workspace_summary
from filings.services.matters import PartySpec, matter_open
from registry.roles import clerk_required

from .common import PAGE_SIZE, error_summary, matter_url, paginate, query_without_page


@clerk_required
def dashboard(request: HttpRequest) -> HttpResponse:
    summary = workspace_summary()
    return render(
        request,
        "filings/clerk/dashboard.html",
        {
            "waiting": summary.waiting,
            "open_matters": summary.open_matters,
            "search_form": MatterSearchForm(),
            "integrity": recent_integrity_failures(),
        },
    )


@clerk_required
def matter_list(request: HttpRequest) -> HttpResponse:
    form = MatterSearchForm(request.GET or None)
    query, proceeding = "", ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        proceeding = form.cleaned_data["proceeding"].code if form.cleaned_data["proceeding"] else ""
    page = reads.matter_search_page(
        query=query,
        proceeding_code=proceeding,
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "filings/clerk/matter_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "querystring": query_without_page(request),
            "errors": error_summary(form),
        },
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def matter_open_view(request: HttpRequest) -> HttpResponse:
    form = MatterOpenForm(request.POST or None)
    parties = PartyRowFormSet(request.POST or None, prefix="parties")
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        specs = [
            PartySpec(name=row["name"], role=row["role"], representation=row["representation"])
            for row in parties.cleaned_data
            if row
        ]
        try:
            matter = matter_open(
                proceeding_code=form.cleaned_data["proceeding"].code,
                title=form.cleaned_data["title"],
                abbreviated_title=form.cleaned_data["abbreviated_title"],
                agreement_short_title=form.cleaned_data["agreement_short_title"],
                opened_on=form.cleaned_data["opened_on"],
                parties=specs,
                actor=Actor.from_request(request),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Matter {matter.number} opened.")
            return redirect(matter_url(matter))
    return render(
        request,
        "filings/clerk/matter_open.html",
        {
            "form": form,
            "parties": parties,
            "errors": error_summary(form, parties, row_label="Party"),
        },
        status=400 if form.is_bound and (form.errors or parties.total_error_count()) else 200,
    )


@clerk_required
def matter_detail(request: HttpRequest, matter: str) -> HttpResponse:
    try:
        record = reads.matter_detail(number=matter)
    except Matter.DoesNotExist:
        raise Http404("No such matter.") from None
    # PD16 para 9: where the Commission directed submissions, the page says where to e-mail them.
    submissions_email = submissions_email_address() if record.submissions_directed else ""
    filings = paginate(request, reads.matter_filings(matter=record), param="filings_page")
    return render(
        request,
        "filings/clerk/matter_detail.html",
        {
            "matter": record,
            "submissions_email": submissions_email,
            "filings_page": filings,
            # Closed: the page keeps the record but offers no lodging or recording.
            "open": record.status == Matter.Status.OPEN,
        },
    )

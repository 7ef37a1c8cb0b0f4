"""A matter's audit trail, for the registry clerks: who did what on the matter, when, from
where, and the values before and after (issue 9 §3). Paginated, two queries a page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.selectors import matter_trail_page
from registry.roles import clerk_required

from .common import any_matter_or_404


@clerk_required
@require_GET
def matter_trail(request: HttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)
    page = matter_trail_page(matter_number=record.number, page=request.GET.get("page"))
    return render(request, "filings/clerk/matter_trail.html", {"matter": record, "page": page})

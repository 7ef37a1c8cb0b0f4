"""My filings and my profile: thin views over ``portal.selectors``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from filings.models import Filing
from filings.selectors import access
from filings.selectors.keyset import CountedPaginator
from portal import selectors as reads
from registry.roles import practitioner_required

FILINGS_PER_PAGE = 25
NOTICE_PREFERENCES_URL = "/notices/preferences/"


@practitioner_required
def my_filings(request: HttpRequest) -> HttpResponse:
    """Every filing across the practitioner's matters, with its status."""
    status = request.GET.get("status", "")
    if status not in Filing.Status.values:
        status = ""
    listing = reads.my_filings_listing(user=request.user, status=status)
    page = CountedPaginator(
        listing.filings, FILINGS_PER_PAGE, count=listing.listed(status)
    ).get_page(request.GET.get("page"))
    for filing in page.object_list:
        filing.slug = access.matter_slug(filing.matter.number)
    counts = listing.counts
    return render(
        request,
        "portal/my_filings.html",
        {
            "page": page,
            "status": status,
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in Filing.Status.choices
            ],
            "total": listing.total,
            "querystring": f"status={status}" if status else "",
        },
    )


@practitioner_required
def profile(request: HttpRequest) -> HttpResponse:
    """The practitioner's firm, matters and a link to their notice preferences."""
    details = reads.profile(user=request.user)
    return render(
        request,
        "portal/profile.html",
        {
            "profile": details,
            "matters": [(m, access.matter_slug(m.number)) for m in details.matters],
            "notice_preferences_url": NOTICE_PREFERENCES_URL,
        },
    )

"""What every clerk page shares: finding a matter by its number, paginating, the error summary
(``filings.views.error_summary``, shared with the practitioners' pages)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse

from filings.models import Matter
from filings.selectors.keyset import BoundedPaginator, CountedPaginator
from filings.selectors.lookups import matter_by_number
from filings.views.error_summary import SummaryItem, error_summary

PAGE_SIZE = 25


def any_matter_or_404(number: str) -> Matter:
    """Any matter a URL names (the converter has turned IRC2026-0001 into IRC2026/0001), or 404:
    clerks see every matter (practitioners: ``represented_matter_or_404``)."""
    try:
        return matter_by_number(number)
    except Matter.DoesNotExist:
        raise Http404("No such matter.") from None


def matter_url(matter: Matter, fragment: str = "") -> str:
    url = reverse("clerk:matter", kwargs={"matter": matter.number})
    return f"{url}#{fragment}" if fragment else url


def paginate(
    request: HttpRequest,
    items: QuerySet[Any],
    *,
    per_page: int = PAGE_SIZE,
    bounded: bool = False,
    param: str = "page",
    count: int | None = None,
) -> Page:
    """The page ``?page=`` (or ``param``) asks for: the last if past the end, the first if not
    a number. ``bounded`` numbers the pages of the first ``keyset.COUNT_LIMIT`` rows only, so
    that the count stops there (``BoundedPaginator``); ``count``, when the caller has already
    counted the rows, saves the count query (``CountedPaginator``)."""
    paginator: Paginator
    if count is not None:
        paginator = CountedPaginator(items, per_page, count=count)
    elif bounded:
        paginator = BoundedPaginator(items, per_page)
    else:
        paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get(param))


def query_without_page(request: HttpRequest) -> str:
    """The list's filters as a query string, for the pagination links to carry along (without
    the page number, or the cursors of a keyset-paged list)."""
    params = request.GET.copy()
    for name in ("page", "after", "before"):
        params.pop(name, None)
    return params.urlencode()


# Every page's error summary (clerks' and practitioners'): one builder, one template.
__all__ = [
    "PAGE_SIZE",
    "SummaryItem",
    "any_matter_or_404",
    "error_summary",
    "matter_url",
    "paginate",
    "query_without_page",
]

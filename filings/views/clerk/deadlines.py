"""The deadlines page: s.106 windows after the certificate (PD16 para 3(b)), Rule 32 awards
(para 11) and dated directions (para 7): due, met (by which filing) and overdue, per party,
within a window of days around today (``filings.selectors.deadlines.DeadlineWindow``), each
list paged in the database."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from filings.selectors import deadlines as reads
from filings.selectors.directions_due import dated_directions, direction_obligations
from filings.selectors.rule32_deadlines import rule32_deadlines_for_orders, rule32_orders_due
from practice_directions.selectors import load_rules
from registry.roles import clerk_required

from .common import PAGE_SIZE


def _other_pages(request: HttpRequest, own: str) -> str:
    """The query string without ``own``, so paging one list keeps the other's page."""
    params = request.GET.copy()
    params.pop(own, None)
    return params.urlencode()


# A direction is a row for each party it binds (every party to the matter when it names none):
# ten directions make about as many rows as the other lists' 25.
DIRECTIONS_PAGE_SIZE = 10


@clerk_required
def deadlines(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    window = reads.DeadlineWindow(today=today)
    rules = load_rules()
    s106_page = reads.s106_window_page(
        today=today,
        rules=rules,
        window=window,
        page_number=request.GET.get("s106_page"),
        per_page=PAGE_SIZE,
    )
    windows = reads.s106_windows(matters=list(s106_page.object_list), today=today, rules=rules)
    rule32_page = Paginator(
        rule32_orders_due(due_from=window.due_from, due_to=window.due_to), PAGE_SIZE
    ).get_page(request.GET.get("rule32_page"))
    rule32 = rule32_deadlines_for_orders(orders=list(rule32_page.object_list), today=today)
    directions_page = Paginator(
        dated_directions(due_from=window.due_from, due_to=window.due_to), DIRECTIONS_PAGE_SIZE
    ).get_page(request.GET.get("directions_page"))
    return render(
        request,
        "filings/clerk/deadlines.html",
        {
            "today": today,
            "window": window,
            "s106_page": s106_page,
            "windows": windows,
            "rule32_page": rule32_page,
            "rule32_rows": reads.rule32_rows(deadlines=rule32),
            "s106_query": _other_pages(request, "s106_page"),
            "rule32_query": _other_pages(request, "rule32_page"),
            "directions_page": directions_page,
            "direction_rows": direction_obligations(
                directions=list(directions_page.object_list), today=today
            ),
            "directions_query": _other_pages(request, "directions_page"),
        },
    )

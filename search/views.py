"""Search pages for clerks (every lodged document) and practitioners (their own filings')."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from filings.selectors.access import documents_for
from filings.selectors.lookups import every_document
from registry.roles import clerk_required, practitioner_required
from search.forms import DocumentSearchForm
from search.selectors import search_documents


def _search(request: HttpRequest, *, scope, role: str) -> HttpResponse:
    form = DocumentSearchForm(request.GET or None)
    page = None
    if form.is_valid():
        page = search_documents(
            scope=scope,
            query=form.cleaned_data["q"],
            filters=form.filters(),
            page=form.cleaned_data.get("page") or 1,
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/search.html",
        {"form": form, "page": page, "role": role, "query_string": params.urlencode()},
    )


@clerk_required
def clerk_search(request: HttpRequest) -> HttpResponse:
    return _search(request, scope=every_document(), role="clerk")


@practitioner_required
def practitioner_search(request: HttpRequest) -> HttpResponse:
    return _search(request, scope=documents_for(request.user), role="practitioner")

"""What every clerk page shares: finding a matter by its number, paginating, the error summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse

from filings.models import Matter
from filings.selectors.lookups import matter_by_number

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


def paginate(request: HttpRequest, items: QuerySet[Any], *, per_page: int = PAGE_SIZE) -> Page:
    """The page ``?page=`` asks for: the last if past the end, the first if not a number."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The list's filters as a query string, for the pagination links to carry along."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary: the message and the field it links to, if any."""

    message: str
    href: str = ""


def _field_href(bound: forms.BoundField) -> str:
    # Radio and checkbox groups have no single input: link to the first option.
    return f"#{bound.id_for_label or f'{bound.auto_id}_0'}"


def _form_items(form: forms.Form, row: str = "") -> list[SummaryItem]:
    items = [SummaryItem(f"{row}{e}") for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        items += [SummaryItem(f"{row}{bound.label}: {e}", _field_href(bound)) for e in errors]
    return items


def error_summary(*forms_or_formsets: Any, row_label: str = "Row") -> list[SummaryItem]:
    """Every error of the given forms and formsets, in page order, each linked to its field."""
    items: list[SummaryItem] = []
    for thing in forms_or_formsets:
        if thing is None or not thing.is_bound:
            continue
        if isinstance(thing, forms.BaseFormSet):
            items += [SummaryItem(str(e)) for e in thing.non_form_errors()]
            for number, form in enumerate(thing.forms, start=1):
                items += _form_items(form, f"{row_label} {number}, ")
        else:
            items += _form_items(thing)
    return items

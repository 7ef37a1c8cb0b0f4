"""The error summary every page shows above its form (practitioners' and clerks' alike): each
problem once, in page order, linked to the control it concerns, with its stable code.

One builder here and one template (``includes/error_summary.html``), so the lodgment pages of
practitioners and clerks, and every other form page, cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary: the message, the control it links to, and its code."""

    message: str
    href: str = ""
    code: str = ""


def _field_href(bound: forms.BoundField) -> str:
    # Radio and checkbox groups have no single input: link to the first option.
    return f"#{bound.id_for_label or f'{bound.auto_id}_0'}"


def _items(errors: Iterable[ValidationError], prefix: str, href: str) -> list[SummaryItem]:
    return [
        SummaryItem(f"{prefix}{message}", href, error.code or "")
        for error in errors
        for message in error
    ]


def _form_items(
    form: forms.Form, *, row: str = "", row_href: str = "", lower_labels: bool = False
) -> list[SummaryItem]:
    items = _items(form.non_field_errors().as_data(), f"{row}: " if row else "", row_href)
    for name, errors in form.errors.as_data().items():
        if name == "__all__":
            continue
        bound = form[name]
        label = str(bound.label)
        if lower_labels:
            label = label[:1].lower() + label[1:]
        prefix = f"{row}, {label}: " if row else f"{label}: "
        items += _items(errors, prefix, _field_href(bound))
    return items


def error_summary(
    *forms_or_formsets: Any,
    row_label: str = "Row",
    row_anchor: str = "",
    rows_anchor: str = "",
) -> list[SummaryItem]:
    """Every error of the given forms and formsets, in page order, each linked to its field.

    A formset's rows are named "<row_label> <n>"; ``row_anchor`` (with ``{index}``, counted
    from 0) links a row's own errors to the row, ``rows_anchor`` the formset's to the rows.
    """
    items: list[SummaryItem] = []
    for thing in forms_or_formsets:
        if thing is None or not thing.is_bound:
            continue
        if isinstance(thing, forms.BaseFormSet):
            href = f"#{rows_anchor}" if rows_anchor else ""
            items += _items(thing.non_form_errors().as_data(), "", href)
            for index, form in enumerate(thing.forms):
                row_href = f"#{row_anchor.format(index=index)}" if row_anchor else ""
                items += _form_items(
                    form,
                    row=f"{row_label} {index + 1}",
                    row_href=row_href,
                    lower_labels=True,
                )
        else:
            items += _form_items(thing)
    return items

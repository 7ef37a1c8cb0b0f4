"""Rendering the lodgment form's plain widgets in Python, with the markup Django's templates give.

The lodgment form has some thirty widgets a page (three document rows of selects, inputs and
checkboxes, the party, the management form), and the kinds select alone has an option per kind
of document. Through Django's template-based widget renderer each of them, and each option, is a
template include: most of the form page's time (docs/benchmarks.md). ``PlainWidgetRenderer``
writes the select, its options, and the input-based widgets (text, hidden, checkbox, file)
directly, escaping every value as the templates' autoescaping would; any other widget (radio
groups, the clearable file input) still goes through its template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: Mapping[str, Any]) -> str:
    # django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Mapping[str, Any]) -> str:
    # django/forms/widgets/input.html
    value = widget["value"]
    shown = f' value="{conditional_escape(str(value))}"' if value is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _select(widget: Mapping[str, Any]) -> str:
    # django/forms/widgets/select.html and select_option.html
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )  # the option template's own line end, kept so the markup is Django's to the byte
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


PLAIN_WIDGETS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/hidden.html": _input,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/file.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/email.html": _input,
    "django/forms/widgets/select.html": _select,
}


class PlainWidgetRenderer(DjangoTemplates):
    """Django's default form renderer, with the plain widgets written in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        write = PLAIN_WIDGETS.get(template_name)
        if write is None or "widget" not in context:
            return super().render(template_name, context, request)
        return SafeString(mark_safe(write(context["widget"])))


@cache
def plain_widget_renderer() -> PlainWidgetRenderer:
    """One renderer for every lodgment form (it holds the template engine, built once)."""
    return PlainWidgetRenderer()

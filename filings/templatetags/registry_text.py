"""How pages name a paragraph: "PD16 para 3(b)", "PN127 para 10", never "para PN127 10"."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def paragraph_ref(paragraph: str | None) -> str:
    """A paragraph as stored ("4", "3(b)", "PN127 10") as a reader names it."""
    value = (paragraph or "").strip()
    if not value:
        return ""
    if value.startswith("PN127"):
        return f"PN127 para {value.removeprefix('PN127').strip()}"
    return f"PD16 para {value}"

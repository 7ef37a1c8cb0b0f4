"""The one URL converter for matter numbers, on the clerks' and the practitioners' side alike:
IRC2026-0001 in the URL, IRC2026/0001 in the view; ``{% url %}`` takes either form."""

from __future__ import annotations

from django.urls import register_converter

from filings.selectors.access import matter_number_from_slug, matter_slug


class MatterNumberConverter:
    regex = r"IRC[0-9]{4}-[0-9]{1,6}"

    def to_python(self, value: str) -> str:
        return matter_number_from_slug(value)

    def to_url(self, value: str) -> str:
        return matter_slug(value)


register_converter(MatterNumberConverter, "matter_number")

"""How pages write a paragraph ("PD16 para 3(b)", "PN127 para 10", never "para PN127 10"), a
file's size and a detected format: the filters of ``filings.text``, one place for each."""

from __future__ import annotations

from django import template

from filings.text import file_size, format_name, paragraph_ref

register = template.Library()

register.filter("paragraph_ref", paragraph_ref)
register.filter("file_size", file_size)
register.filter("format_name", format_name)

"""Shared pieces of a notice's text: the subject line, paragraph labels, links and HTML."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.urls import reverse

from filings.models import Filing, Matter
from filings.selectors.access import matter_slug
from notices.mail import site_link
from practice_directions.rules import long_date

SIGN_IN_LINE = "Links open after you sign in; nothing is attached to this e-mail."


def subject_for(matter: Matter, what: str) -> str:
    """Every subject starts with the matter number, e.g. "IRC2026/0012 Filing accepted: ..."."""
    return f"{matter.number} {what}"


def paragraph_label(paragraph: str) -> str:
    """ "4" -> "PD16 para 4"; "PN127 10" stays as written (a paragraph of the Practice Note)."""
    paragraph = paragraph.strip()
    if paragraph.upper().startswith("PN127"):
        return paragraph.replace("PN127", "PN127 para", 1)
    return f"PD16 para {paragraph}"


def filing_path(filing: Filing) -> str:
    return reverse("practitioner:filing", args=[matter_slug(filing.matter.number), filing.sequence])


def matter_path(matter: Matter) -> str:
    return reverse("practitioner:matter", args=[matter_slug(matter.number)])


def served_path(filing: Filing) -> str:
    return reverse("notices:served", args=[matter_slug(filing.matter.number), filing.sequence])


def day(value: datetime.date) -> str:
    return long_date(value)


def with_link(lines: list[str], path: str) -> tuple[str, str]:
    """The plain-text body (lines, then the link) and its HTML alternative."""
    url = site_link(path)
    text = "\n".join([*lines, "", url, "", SIGN_IN_LINE]) + "\n"
    html = render_to_string("notices/email.html", {"lines": lines, "url": url})
    return text, html

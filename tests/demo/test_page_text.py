"""A guard on what users read (issue 10 §3): every page each role reaches from its start pages,
over the demo data, shows no raw error code, no enum constant, no size in bytes and no paragraph
named twice or back to front.

The pages are found by following the links of the start pages (GET only, HTML only, at most
``MAX_PAGES`` a role), so a page added later is checked as soon as something links to it.
"""

from __future__ import annotations

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.test import Client

from filings.errors import CODES
from practice_directions.models import RejectionReason

MAX_PAGES = 120
START = {
    "clerk": [
        "/registry/",
        "/registry/matters/",
        "/registry/filings/",
        "/registry/queue/",
        "/registry/deadlines/",
        "/registry/intake/mail/",
        "/registry/intake/disc/",
        "/registry/search/?q=affidavit",
        "/notices/",
        "/notices/outbox/",
        "/notices/reminder-limits/",
    ],
    "solicitor": [
        "/lodge/",
        "/lodge/filings/",
        "/lodge/search/?q=affidavit",
        "/notices/",
        "/notices/preferences/",
        "/account/profile/",
    ],
    "officer": ["/lodge/", "/lodge/filings/", "/notices/"],
    "admin": ["/admin/"],
}
# Links not to follow: leaving, downloads (not pages), and the admin's forms for changing rows
# (their labels are the models' own, read on the change lists).
SKIP = re.compile(
    r"/accounts/logout|/documents/\d+/|\.zip|\.txt|\.csv|/export/|/report\.csv"
    r"|/admin/.+/(add|change|delete|history)/|/admin/logout|/admin/password_change"
    r"|/admin/r/|/admin/jsi18n"
)

REASON_ADMIN = "/admin/practice_directions/rejectionreason/"
BYTES = re.compile(r"\d[\d,.]*\s*bytes\b")
PARA_BACKWARDS = re.compile(r"para\s+PN127")
PARA_TWICE = re.compile(r"\(((?:PD16 |PN127 )?para [^)]+)\)\s*\(\1\)")
OPTIONAL_TWICE = re.compile(r"\(optional\)\s*\(optional\)")
TIME_DOTS = re.compile(r"[ap]\.m\.\.")
ADMIN_LABELS = re.compile(r"Rule32|under 3a\b")


class _Text(HTMLParser):
    """The text a reader sees: everything but scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def _enum_constants() -> set[str]:
    """What a page would show if it printed a choice's Python name (``NOT_READILY_AVAILABLE``)
    or stored value (``not_readily_available``) instead of its label, and the validation's
    constant for a file it could not name (``OTHER``)."""
    constants = {"OTHER"}
    for model in apps.get_models():
        for attribute in vars(model).values():
            if isinstance(attribute, type) and issubclass(attribute, models.Choices):
                constants |= {name for name in attribute.names if "_" in name}
                constants |= {str(value) for value in attribute.values if "_" in str(value)}
    return constants


def _problems(text: str, codes: set[str], constants: set[str], slugs: set[str]) -> list[str]:
    found = [f"error code {c}" for c in codes if re.search(rf"(?<![\w.@/-]){re.escape(c)}\b", text)]
    found += [f"enum constant {c}" for c in constants if re.search(rf"\b{re.escape(c)}\b", text)]
    found += [f"reason code {s}" for s in slugs if re.search(rf"(?<![\w-]){re.escape(s)}\b", text)]
    for name, pattern in {
        "size in bytes": BYTES,
        "paragraph named back to front": PARA_BACKWARDS,
        "paragraph twice": PARA_TWICE,
        "(optional) twice": OPTIONAL_TWICE,
        "time with two dots": TIME_DOTS,
        "admin label": ADMIN_LABELS,
    }.items():
        found += [f"{name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    return found


def _crawl(client: Client, start: list[str]) -> dict[str, str]:
    """Each page's visible text by its path, following links breadth first."""
    seen: set[str] = set()
    pages: dict[str, str] = {}
    queue = deque(start)
    while queue and len(pages) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Text()
        parser.feed(response.content.decode())
        pages[url] = parser.text
        queue.extend(link for link in parser.links if "page=" not in link or "page=2" in link)
    return pages


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=io.StringIO())


@pytest.mark.parametrize("username", sorted(START))
def test_pages_show_no_codes_constants_bytes_or_doubled_paragraphs(demo, username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    codes = set(CODES)
    constants = _enum_constants()
    slugs = set(RejectionReason.objects.values_list("code", flat=True))
    pages = _crawl(client, START[username])
    assert len(pages) >= 10
    problems = {}
    for url, text in pages.items():
        # The reasons' own admin list is where an administrator edits their codes.
        shown_slugs = set() if url.startswith(REASON_ADMIN) else slugs
        if found := _problems(text, codes, constants, shown_slugs):
            problems[url] = found
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())

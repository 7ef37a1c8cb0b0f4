"""The clerks' workspace shows stored copies that failed their integrity check, found by the
scheduled ``verify_documents`` or by a refused download, first and with a constant number of
queries."""

from __future__ import annotations

import datetime
import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filings.models import Filing
from filings.selectors.access import matter_slug
from filings.selectors.integrity import recent_integrity_failures
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, affidavit, lodge, matter_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client):
    client.force_login(ClerkFactory())
    return client


def lodged(title: str = "Affidavit of J Smith") -> Filing:
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    return lodge(party, practitioner, affidavit(title=title))


def tamper(filing: Filing, content: bytes | None = None) -> Path:
    path = Path(filing.documents.get().electronic_copy.path)
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    return path


def verify() -> None:
    with pytest.raises(CommandError):
        call_command("verify_documents", stdout=io.StringIO(), stderr=io.StringIO())


def dashboard(client) -> str:
    response = client.get(reverse("clerk:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_nothing_is_shown_while_every_copy_matches(clerk_client):
    lodged()
    call_command("verify_documents", stdout=io.StringIO())
    assert 'id="integrity-failures"' not in dashboard(clerk_client)


def test_a_tampered_copy_found_by_the_check_is_shown_with_both_hashes(clerk_client):
    filing = lodged(title="Affidavit of R Lindqvist")
    document = filing.documents.get()
    tamper(filing, b"not the lodged bytes")
    verify()
    html = dashboard(clerk_client)
    section = html[html.index('id="integrity-failures"') : html.index('class="cards"')]
    assert 'id="integrity-count">1<' in section
    assert "Affidavit of R Lindqvist" in section
    assert document.sha256 in section
    assert hashlib.sha256(b"not the lodged bytes").hexdigest() in section
    filing_url = reverse("clerk:filing", args=[filing.matter.number, filing.sequence])
    assert f'href="{filing_url}">{filing.reference}<' in section
    # Shown before everything else in the workspace.
    assert html.index('id="integrity-failures"') < html.index('id="queue-heading"')


def test_a_missing_copy_says_so(clerk_client):
    tamper(lodged())
    verify()
    assert "the file is missing" in dashboard(clerk_client)


def test_a_download_refused_by_its_hash_is_shown_too(client, clerk_client):
    filing = lodged()
    tamper(filing, b"changed")
    practitioner = filing.lodged_by
    client.force_login(practitioner)
    slug = matter_slug(filing.matter.number)
    assert client.get(reverse("practitioner:document", args=[slug, 1, 1])).status_code == 409
    client.force_login(ClerkFactory())
    assert filing.reference in dashboard(client)


def test_a_lasting_failure_is_listed_once_with_how_often(clerk_client):
    filing = lodged()
    tamper(filing, b"changed")
    verify()
    verify()
    verify()
    html = dashboard(clerk_client)
    assert html.count(f">{filing.reference}<") == 1
    assert "3 times since" in html


def test_only_the_last_30_days_are_shown():
    tamper(lodged(), b"changed")
    verify()
    later = timezone.now() + datetime.timedelta(days=31)
    assert recent_integrity_failures(now=later).failures == []
    assert len(recent_integrity_failures().failures) == 1


def test_the_workspace_takes_the_same_queries_for_more_failures(clerk_client):
    tamper(lodged(), b"changed")
    verify()
    dashboard(clerk_client)
    with CaptureQueriesContext(connection) as few:
        dashboard(clerk_client)
    # The same bytes are stored once: lodging them again repairs the changed copy (issue 9
    # §1), and the seven documents then share it, so changing it again fails all seven.
    for number in range(6):
        lodged(title=f"Affidavit {number}")
    tamper(Filing.objects.first(), b"changed")
    verify()
    verify()
    with CaptureQueriesContext(connection) as many:
        html = dashboard(clerk_client)
    assert 'id="integrity-count">7<' in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_no_more_than_ten_are_listed_and_the_total_is_given(clerk_client):
    for number in range(12):
        lodged(title=f"Affidavit {number}")
    tamper(Filing.objects.first(), b"changed")  # the one stored copy all twelve share
    verify()
    html = dashboard(clerk_client)
    assert 'id="integrity-count">12<' in html
    assert html.count('data-label="SHA-256 lodged"') == 10
    assert "The 10 most recent are listed" in html

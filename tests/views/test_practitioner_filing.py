"""A filing's page: the outcome, the coded reasons with paragraphs and documents, the clerk's
notes, the date for a correction and the offer to lodge one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from filings.selectors.access import matter_slug
from filings.services.lodgment import filing_lodge
from filings.services.review import RejectionSpec, filing_accept, filing_reject
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner():
    return PractitionerFactory()


@pytest.fixture
def filing(practitioner):
    return lodge(matter_for(practitioner)[1], practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def page(client, filing):
    args = [matter_slug(filing.matter.number), filing.sequence]
    return client.get(reverse("practitioner:filing", args=args)).content.decode()


def test_a_lodged_filing_awaits_review_and_lists_its_documents(signed_in, filing):
    html = page(signed_in, filing)
    assert "Awaiting review" in html
    assert 'id="correct-link"' not in html
    prefix = filing.matter.number.replace("/", "-")
    assert f"{prefix}_01_Affidavit-of-J-Smith.doc" in html
    assert 'id="zip-link"' in html and 'id="label-disc-link"' in html


def test_an_accepted_filing_says_so_with_the_clerks_notes(signed_in, filing):
    filing_accept(filing=filing, reviewed_by=ClerkFactory(), notes="All in order.")
    html = page(signed_in, filing)
    assert "status--accepted" in html
    assert "All in order." in html


def test_a_rejected_filing_shows_coded_reasons_notes_date_and_the_correction_offer(
    signed_in, filing
):
    due = timezone.localdate() + datetime.timedelta(days=10)
    filing_reject(
        filing=filing,
        reviewed_by=ClerkFactory(),
        reasons=[
            RejectionSpec("text-differs", 1, "Paragraph 4 differs from the paper copy."),
            RejectionSpec("label-incomplete"),
        ],
        correction_due_on=due,
        notes="Please lodge a corrected affidavit.",
    )
    html = page(signed_in, filing)
    assert "status--rejected" in html
    assert 'data-reason="text-differs"' in html and 'data-reason="label-incomplete"' in html
    assert "PD16 para 5" in html and "PD16 para 6" in html
    assert "01 Affidavit of J Smith" in html  # the document the reason concerns
    assert "The filing as a whole" in html
    assert "Paragraph 4 differs from the paper copy." in html
    assert "Please lodge a corrected affidavit." in html
    assert due.strftime("%-d %B %Y") in html
    correct = reverse("practitioner:correct", args=[matter_slug(filing.matter.number), 1])
    assert f'href="{correct}"' in html


def test_a_correction_links_both_ways(signed_in, practitioner, filing):
    filing = filing_reject(
        filing=filing, reviewed_by=ClerkFactory(), reasons=[RejectionSpec("text-differs")]
    )
    correction = filing_lodge(
        party=filing.party, lodged_by=practitioner, documents=[affidavit()], corrects=filing
    )
    assert correction.reference in page(signed_in, filing)
    assert "Corrects</dt><dd><a" in page(signed_in, correction)

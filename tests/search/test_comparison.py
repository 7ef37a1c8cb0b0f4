"""A correction's text beside the rejected filing's (PD16 para 5), on the clerk's filing page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from filings.models import Document
from search.comparison import correction_text_changes
from search.models import DocumentText
from tests.factories import FilingFactory, document_kind
from tests.factories_lodgment import ClerkFactory

pytestmark = pytest.mark.django_db

ORIGINAL = "AFFIDAVIT OF JANE CITIZEN\n\n1. I am the applicant.\n2. I worked 40 hours.\n"


def _document(filing, position, text=None, *, kind="Affidavit", title="Affidavit of J Citizen"):
    document = Document.objects.create(
        filing=filing, position=position, kind=document_kind(kind), title=title
    )
    if text is not None:
        DocumentText.objects.create(
            document=document, status="extracted", text=text, extracted_at=timezone.now()
        )
    return document


@pytest.fixture
def correction():
    rejected = FilingFactory(status="rejected", reviewed_at=timezone.now())
    correction = FilingFactory(matter=rejected.matter, party=rejected.party, corrects=rejected)
    _document(rejected, 1, ORIGINAL)
    _document(rejected, 2, "Annexure A", kind="Annexure or attachment", title="Annexure A")
    return rejected, correction


def test_lines_added_and_removed_are_listed_and_spacing_is_ignored(correction):
    rejected, filing = correction
    _document(filing, 1, ORIGINAL.replace("40 hours", "38 hours").replace("  ", " ") + "3. New.")

    (change,) = correction_text_changes(filing)

    assert change.counterpart == rejected.documents.get(position=1)
    assert change.removed == ("2. I worked 40 hours.",)
    assert change.added == ("2. I worked 38 hours.", "3. New.")


def test_a_document_is_paired_by_kind_and_title_when_its_position_moved(correction):
    _, filing = correction
    _document(filing, 1, "Annexure A", kind="Annexure or attachment", title="Annexure A")
    _document(filing, 2, "  ".join(ORIGINAL.split(" ")))
    _document(filing, 3, "Something new", kind="Submissions", title="Outline")
    _document(filing, 4, None, kind="Correspondence", title="Letter")

    changes = correction_text_changes(filing)

    assert [c.counterpart.position if c.counterpart else None for c in changes] == [
        2,
        1,
        None,
        None,
    ]
    assert [c.state for c in changes] == ["compared", "compared", "new", "new"]
    assert changes[0].unchanged and changes[1].unchanged


def test_an_unread_text_is_said_to_be_unread(correction):
    _, filing = correction
    _document(filing, 1, None)
    assert correction_text_changes(filing)[0].state == "unread"


def test_a_filing_that_corrects_nothing_has_no_comparison():
    assert correction_text_changes(FilingFactory()) == ()


def test_the_clerks_filing_page_shows_the_changes(client, correction):
    _, filing = correction
    _document(filing, 1, ORIGINAL.replace("40 hours", "38 hours"))
    client.force_login(ClerkFactory())

    html = client.get(
        reverse(
            "clerk:filing", kwargs={"matter": filing.matter.number, "sequence": filing.sequence}
        )
    ).content.decode()

    assert "What the correction changed" in html
    assert "1 line added, 1 removed" in html
    assert "<del>2. I worked 40 hours.</del>" in html
    assert "<ins>2. I worked 38 hours.</ins>" in html

"""Full-text search in the browser: a clerk finds a phrase in every lodged copy, narrows it to
a matter and opens the filing; a practitioner finds only their own parties' documents. Runs on
either database (CI runs it on PostgreSQL as well as SQLite)."""

from __future__ import annotations

from django.utils import timezone

from filings.models import Document
from search.models import DocumentText
from search.services import document_facets_fill, document_text_extract
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.factories import FilingFactory, document_kind


def _search(page, query: str, **fields: str) -> list[str]:
    page.get_by_role("textbox", name="Search the text of lodged documents").fill(query)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state("domcontentloaded")
    return page.locator(".search__result h2").all_inner_texts()


def test_a_phrase_is_found_highlighted_narrowed_and_scoped(
    page, open_page, live_server, clerk, practitioner, lodged_filing, urls
):
    # The worker's reading of the lodged Word copy (the TIFF annexure is left unread: OCR is
    # slow and its text is not what this test is about).
    affidavit = lodged_filing.documents.get(position=1)
    assert document_text_extract(document_id=affidavit.pk).status == "extracted"
    elsewhere = Document.objects.create(
        filing=FilingFactory(), position=1, kind=document_kind("Affidavit"), title="Reply"
    )
    DocumentText.objects.create(
        document=elsewhere,
        status="extracted",
        text="The respondent says Jane Citizen was rostered on weekends.",
        extracted_at=timezone.now(),
    )
    document_facets_fill()

    sign_in(page, live_server, clerk.username)
    page.goto(urls("search:clerk"))
    assert sorted(_search(page, '"jane citizen"')) == ["Affidavit of J Smith", "Reply"]
    assert "2 documents match, best first." in page.inner_text("#result-count")
    marked = page.locator(".search__result mark").all_inner_texts()
    # FTS5 marks the phrase whole, PostgreSQL word by word.
    assert set(" ".join(marked).lower().split()) == {"jane", "citizen"}
    assert serious_accessibility_violations(page) == []

    matter = lodged_filing.matter
    assert _search(page, '"jane citizen"', **{"Matter number": matter.number}) == [
        "Affidavit of J Smith"
    ]
    page.get_by_role("link", name="Affidavit of J Smith").click()
    page.wait_for_url(urls.clerk("filing", matter, lodged_filing.sequence))

    # The practitioner sees only the documents of the parties they act for.
    own = open_page()
    sign_in(own, live_server, practitioner.username)
    own.goto(urls("search:practitioner"))
    assert _search(own, "citizen NEAR/3 sydney") == ["Affidavit of J Smith"]
    assert _search(own, "rostered weekends") == []
    assert "No document matches." in own.inner_text("#result-count")

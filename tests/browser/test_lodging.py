"""A practitioner lodges through the browser: each chosen file's verdict is shown before the
filing is submitted (PD16 para 4), and a lodged filing ends on its Notice of Lodgment."""

from __future__ import annotations

import re

from filings.models import Document, Filing
from tests.browser.conftest import serious_accessibility_violations, sha256_of, sign_in
from tests.factories_lodgment import LODGMENT_FIXTURES

DOC = LODGMENT_FIXTURES / "affidavit.doc"
TIFF = LODGMENT_FIXTURES / "annexure-a.tif"
PDF = LODGMENT_FIXTURES / "affidavit.pdf"


def fill_row(page, index: int, *, kind: str, title: str, role: str = "principal") -> None:
    page.select_option(f"#id_documents-{index}-kind", label=kind)
    page.fill(f"#id_documents-{index}-title", title)
    page.select_option(f"#id_documents-{index}-role", role)
    # Asked of every row, and the para 5 declaration for the filing (PD16 para 5).
    page.check(f"#id_documents-{index}-paper_copy_lodged_0")
    page.check("#id_same_text")


def verdict_of(page, index: int):
    """The row's verdict area, once the server has answered (``data-acceptable`` is set)."""
    verdict = page.locator(f"#documents-{index}-verdict[data-acceptable]")
    verdict.wait_for()
    return verdict


def test_a_practitioner_lodges_a_doc_and_a_tiff_annexure_and_gets_the_notice(
    page, live_server, practitioner, party, urls
):
    matter = party.matter
    sign_in(page, live_server, practitioner.username)
    page.goto(urls.practitioner("lodge", matter))

    fill_row(page, 0, kind="Affidavit", title="Affidavit of J Smith")
    page.set_input_files("#id_documents-0-electronic_copy", str(DOC))
    doc_verdict = verdict_of(page, 0)

    fill_row(page, 1, kind="Annexure or attachment", title="Annexure A", role="annexure")
    page.select_option("#id_documents-1-annexed_to", "1")
    page.set_input_files("#id_documents-1-electronic_copy", str(TIFF))
    tiff_verdict = verdict_of(page, 1)

    # Both verdicts came from the server before anything was submitted.
    assert doc_verdict.get_attribute("data-acceptable") == "true"
    assert "DOC is acceptable as a principal document" in doc_verdict.inner_text()
    assert tiff_verdict.get_attribute("data-acceptable") == "true"
    assert "TIFF is acceptable as an annexure" in tiff_verdict.inner_text()
    assert Filing.objects.count() == 0

    page.click("#lodge-submit")
    page.wait_for_url(re.compile(r"/filings/1/notice/$"))

    reference = f"{matter.number}-F01"
    assert page.inner_text("#notice-filing-number") == reference
    assert page.inner_text("#notice-matter-number") == matter.number
    assert f"Lodged as {reference}" in page.inner_text(".messages")
    # The notice as first shown carries the flash message: axe checks that state too.
    assert serious_accessibility_violations(page) == []
    hashes = page.locator("#notice-documents td.hash").all_inner_texts()
    assert [h.strip() for h in hashes] == [sha256_of(DOC), sha256_of(TIFF)]

    filing = Filing.objects.get()
    assert filing.reference == reference and filing.status == Filing.Status.LODGED
    documents = list(filing.documents.order_by("position"))
    assert [(d.role, d.detected_format) for d in documents] == [
        (Document.Role.PRINCIPAL, "DOC"),
        (Document.Role.ANNEXURE, "TIFF"),
    ]
    assert documents[1].annexed_to_id == documents[0].pk
    for document, fixture in zip(documents, [DOC, TIFF], strict=True):
        with document.electronic_copy.open("rb") as stored:
            assert stored.read() == fixture.read_bytes()


def test_a_pdf_is_refused_with_the_para_4_message_before_submission(
    page, live_server, practitioner, party, urls
):
    sign_in(page, live_server, practitioner.username)
    page.goto(urls.practitioner("lodge", party.matter))
    fill_row(page, 0, kind="Affidavit", title="Affidavit of J Smith")
    page.set_input_files("#id_documents-0-electronic_copy", str(PDF))

    verdict = verdict_of(page, 0)
    assert verdict.get_attribute("data-acceptable") == "false"
    assert "PDF is not acceptable as a principal document" in verdict.inner_text()
    problem = verdict.locator('li[data-code="format.pdf_not_acceptable"]')
    assert "PD16 para 4" in problem.inner_text()
    # The file input is marked invalid and points at the verdict for screen readers.
    copy = page.locator("#id_documents-0-electronic_copy")
    assert copy.get_attribute("aria-invalid") == "true"
    assert "documents-0-verdict" in copy.get_attribute("aria-describedby").split()
    assert re.search(r"/lodge/$", page.url)
    assert Filing.objects.count() == 0 and Document.objects.count() == 0

    # Submitted anyway, the server refuses it too, on the same code, and lodges nothing.
    page.click("#lodge-submit")
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.locator('[data-code="format.pdf_not_acceptable"]').count() >= 1
    assert "nothing was lodged" in summary.inner_text()
    assert Filing.objects.count() == 0 and Document.objects.count() == 0


def test_the_lodge_page_works_without_javascript(open_page, live_server, practitioner, party, urls):
    page = open_page(java_script_enabled=False)
    sign_in(page, live_server, practitioner.username)
    page.goto(urls.practitioner("lodge", party.matter))
    # Without the script the "more rows" link stays a link (lodge.js turns it into a button).
    assert page.locator("a#add-row").count() == 1
    assert page.locator("#add-row-button").count() == 0

    fill_row(page, 0, kind="Affidavit", title="Affidavit of J Smith")
    page.set_input_files("#id_documents-0-electronic_copy", str(DOC))
    # Nothing checks the file in the page: the verdict area stays empty.
    assert page.inner_text("#documents-0-verdict") == ""
    page.click("#lodge-submit")
    page.wait_for_url(re.compile(r"/filings/1/notice/$"))

    assert page.inner_text("#notice-filing-number") == f"{party.matter.number}-F01"
    assert page.locator("#notice-documents td.hash").inner_text().strip() == sha256_of(DOC)
    assert Filing.objects.get().documents.get().sha256 == sha256_of(DOC)


def test_after_a_refusal_the_checked_file_is_kept_and_need_not_be_chosen_again(
    page, live_server, practitioner, party, urls
):
    """Issue 11 section 4: one row refused (a PDF, PD16 para 4), the other kept server-side;
    the resubmission lodges both without choosing the kept file again."""
    matter = party.matter
    sign_in(page, live_server, practitioner.username)
    page.goto(urls.practitioner("lodge", matter))
    fill_row(page, 0, kind="Affidavit", title="Affidavit of J Smith")
    page.set_input_files("#id_documents-0-electronic_copy", str(DOC))
    verdict_of(page, 0)
    fill_row(page, 1, kind="Annexure or attachment", title="Annexure A", role="annexure")
    page.select_option("#id_documents-1-annexed_to", "1")
    page.set_input_files("#id_documents-1-electronic_copy", str(PDF))
    verdict_of(page, 1)

    page.click("#lodge-submit")
    page.locator("#error-summary").wait_for()
    kept = page.locator("#documents-0-held")
    assert "Kept from your last attempt: affidavit.doc" in kept.inner_text()
    assert sha256_of(DOC)[:12] in kept.inner_text()
    assert "choose a file to replace it" in kept.inner_text()
    assert page.locator("#documents-1-held").count() == 0
    assert Filing.objects.count() == 0
    # The file input itself is empty: nothing is chosen again for the first row.
    assert page.eval_on_selector("#id_documents-0-electronic_copy", "e => e.files.length") == 0

    page.set_input_files("#id_documents-1-electronic_copy", str(TIFF))
    verdict_of(page, 1)
    page.click("#lodge-submit")
    page.wait_for_url(re.compile(r"/filings/1/notice/$"))
    hashes = page.locator("#notice-documents td.hash").all_inner_texts()
    assert [h.strip() for h in hashes] == [sha256_of(DOC), sha256_of(TIFF)]
    filing = Filing.objects.get()
    assert [d.original_filename for d in filing.documents.order_by("position")] == [
        "affidavit.doc",
        "annexure-a.tif",
    ]

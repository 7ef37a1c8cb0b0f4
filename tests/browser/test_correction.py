"""A practitioner corrects a rejected filing in the browser: the rows start filled in, the copy
the registry gave no reason about is carried over rather than chosen again, and the Notice of
Lodgment says it was carried over, with its original SHA-256."""

from __future__ import annotations

import re

from filings.models import Filing
from tests.browser.conftest import sign_in
from tests.factories_lodgment import LODGMENT_FIXTURES


def test_a_correction_carries_a_copy_over(page, live_server, practitioner, lodged_filing, urls):
    from filings.services.review import RejectionSpec, filing_reject
    from tests.factories_lodgment import ClerkFactory

    filing_reject(
        filing=lodged_filing,
        reviewed_by=ClerkFactory(),
        reasons=[RejectionSpec(reason_code="file-names-unclear", document_position=2)],
    )
    original = lodged_filing.documents.get(position=1)
    matter = lodged_filing.matter
    sign_in(page, live_server, practitioner.username)
    page.goto(urls.practitioner("filing", matter, lodged_filing.sequence))
    page.click("#correct-link")
    page.wait_for_url(re.compile(r"/correct/$"))

    # Kinds, titles and roles come from the rejected filing; the affidavit's copy is carried over.
    assert page.input_value("#id_documents-0-title") == "Affidavit of J Smith"
    assert page.input_value("#id_documents-1-role") == "annexure"
    assert page.input_value("#id_documents-0-carry_over_from") == str(original.pk)
    assert page.input_value("#id_documents-1-carry_over_from") == ""
    # The annexure the registry gave a reason about is chosen again.
    page.set_input_files(
        "#id_documents-1-electronic_copy", str(LODGMENT_FIXTURES / "annexure-a.tif")
    )
    page.locator("#documents-1-verdict[data-acceptable]").wait_for()
    page.check("#id_same_text")
    page.click("#lodge-submit")
    page.wait_for_url(re.compile(r"/filings/2/notice/$"))

    correction = Filing.objects.get(corrects=lodged_filing)
    carried = correction.documents.get(position=1)
    assert carried.carried_over_from == original and carried.sha256 == original.sha256
    notice = page.inner_text("#notice")
    assert (
        f"Carried over from {lodged_filing.reference} document 01, original SHA-256 "
        f"{original.sha256}" in notice
    )
    assert "contains the same text as its paper copy (PD16 para 5)" in notice

"""A registry clerk accepts a filing from the review queue, and the practitioner who lodged it
sees it accepted on their own filing page."""

from __future__ import annotations

from filings.models import Filing
from tests.browser.conftest import sign_in


def test_a_clerk_accepts_a_filing_and_the_practitioner_sees_it_accepted(
    page, open_page, live_server, clerk, practitioner, lodged_filing, urls
):
    reference = lodged_filing.reference
    sign_in(page, live_server, clerk.username)
    page.goto(urls("clerk:review_queue"))
    item = page.locator(f"#queue-row-{lodged_filing.pk}")
    assert "1 filing waiting" in page.inner_text(".result-count")
    # One compact row: the kinds of document and the scan status; the detail is on its page.
    assert "Affidavit" in item.inner_text()

    item.get_by_role("link", name=reference).click()
    page.wait_for_url(urls.clerk("filing", lodged_filing.matter, lodged_filing.sequence))
    assert page.inner_text("#filing-status") == "Lodged"
    page.click("#accept-submit")

    page.wait_for_url(urls("clerk:review_queue"))
    assert f"Filing {reference} accepted." in page.inner_text(".messages")
    assert "Nothing is waiting here." in page.inner_text("main")
    lodged_filing.refresh_from_db()
    assert lodged_filing.status == Filing.Status.ACCEPTED
    assert lodged_filing.reviewed_by == clerk

    # The practitioner, in a browser of their own.
    practitioner_page = open_page()
    sign_in(practitioner_page, live_server, practitioner.username)
    practitioner_page.goto(urls.practitioner("matter", lodged_filing.matter))
    practitioner_page.get_by_role("link", name=reference, exact=True).click()
    practitioner_page.wait_for_url(
        urls.practitioner("filing", lodged_filing.matter, lodged_filing.sequence)
    )
    assert practitioner_page.inner_text("#filing-status") == "Accepted"
    assert "Accepted by the registry on" in practitioner_page.inner_text("#outcome")

"""A clerk withdraws a direction from the matter page, then closes the matter, in the browser;
and the counter page's "add another document" (the lodgment form body shared with
practitioners) adds a row."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from filings.models import Direction, Matter
from tests.browser.conftest import serious_accessibility_violations, sign_in


def test_a_clerk_withdraws_a_direction_then_closes_the_matter(
    page, live_server, clerk, party, urls
):
    from filings.services.records import direction_record

    matter = party.matter
    today = timezone.localdate()
    direction = direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=max(matter.opened_on, today - datetime.timedelta(days=3)),
        due_on=today + datetime.timedelta(days=10),
        recorded_by=clerk,
    )
    back_to_matter = re.compile(re.escape(urls.clerk("matter", matter)) + r"(#[a-z-]+)?$")
    sign_in(page, live_server, clerk.username)
    page.goto(urls.clerk("matter", matter))
    page.get_by_role("link", name="Withdraw this direction or waiver").click()
    assert serious_accessibility_violations(page) == []
    page.fill("#id_withdrawn_on", today.isoformat())
    page.fill("#id_reason", "Vacated at the directions hearing.")
    page.click("#record-submit")
    page.wait_for_url(back_to_matter)
    item = page.locator(f"#direction-{direction.pk}")
    assert "Withdrawn on" in item.inner_text()
    assert item.locator("del").count() == 1
    direction.refresh_from_db()
    assert direction.withdrawn_by == clerk

    page.click("#matter-close-link")
    page.fill("#id_reason", "Proceedings discontinued.")
    page.click("#record-submit")
    page.wait_for_url(back_to_matter)
    assert "closed on" in page.inner_text("#matter-status")
    assert page.locator("#counter-lodgment-link").count() == 0
    assert page.locator("#matter-reopen-link").count() == 1
    matter.refresh_from_db()
    assert matter.status == Matter.Status.CLOSED


def test_the_counter_page_adds_a_document_row(page, live_server, clerk, party, urls):
    sign_in(page, live_server, clerk.username)
    page.goto(urls.clerk("counter_lodgment", party.matter))
    rows = page.locator("#document-rows .document-row")
    before = rows.count()
    assert page.locator("a#add-row").count() == 0  # the script made it a button
    page.click("#add-row-button")
    assert rows.count() == before + 1
    assert page.input_value("#id_documents-TOTAL_FORMS") == str(before + 1)
    assert page.locator(f"#id_documents-{before}-kind").count() == 1

"""A clerk works the queue in the browser: assign to me, review, and straight on to the next
filing; a second clerk opening the same filing is told who has it and cannot review it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from filings.models import Filing
from tests.browser.conftest import sign_in


def test_a_clerk_assigns_reviews_and_goes_on_to_the_next_filing(
    page, open_page, live_server, clerk, practitioner, party, urls
):
    from tests.factories_lodgment import ClerkFactory, affidavit, lodge

    first = lodge(party, practitioner, affidavit())
    second = lodge(party, practitioner, affidavit())
    Filing.objects.filter(pk=first.pk).update(lodged_at=timezone.now() - datetime.timedelta(days=2))
    sign_in(page, live_server, clerk.username)
    page.goto(urls("clerk:review_queue", query="?tab=section"))
    assert "Section queue (2)" in page.inner_text("nav.tabs")
    page.get_by_role("button", name=f"Assign {first.reference} to me").click()
    page.wait_for_load_state("networkidle")
    assert f"{first.reference} is in your queue." in page.inner_text(".messages")
    page.goto(urls("clerk:review_queue", query="?tab=mine"))
    assert "My queue (1)" in page.inner_text("nav.tabs")
    page.locator(f"#queue-row-{first.pk}").get_by_role("link", name=first.reference).click()
    page.wait_for_url(urls.clerk("filing", first.matter, first.sequence))
    assert page.inner_text("#assignment-status") == "You are reviewing this filing."

    # Another clerk, in a browser of their own, is told who has it and cannot review it.
    other = ClerkFactory(username="second-clerk", first_name="Sam", last_name="Second")
    other_page = open_page()
    sign_in(other_page, live_server, other.username)
    other_page.goto(urls.clerk("filing", first.matter, first.sequence))
    assert "Robin Clerk is reviewing this filing." in other_page.inner_text("#assignment-status")
    other_page.click("#accept-submit")
    other_page.locator("#error-summary").wait_for()
    assert "Robin Clerk is reviewing" in other_page.inner_text("#error-summary")
    first.refresh_from_db()
    assert first.status == Filing.Status.LODGED

    # The first clerk accepts, and the page goes on to the next filing of the queue.
    page.click("#accept-submit")
    page.wait_for_url(urls.clerk("filing", second.matter, second.sequence))
    assert f"Filing {first.reference} accepted." in page.inner_text(".messages")
    assert page.locator("#next-filing").count() == 0
    assert page.inner_text("#assignment-status").startswith("In the section queue")
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == (Filing.Status.ACCEPTED, clerk)

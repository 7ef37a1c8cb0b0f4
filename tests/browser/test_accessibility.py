"""Accessibility and small screens: axe-core finds no serious or critical violation on the main
pages of both roles (in the states a user meets: blank, with verdicts, with errors), and the
pages where work is done do not scroll sideways on a phone."""

from __future__ import annotations

import datetime
import pprint

import pytest
from django.utils import timezone

from filings.models import Rule32Order
from filings.services.lodgment import filing_lodge
from practice_directions.models import ProceedingType
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import LODGMENT_FIXTURES, affidavit, represent

PHONE = {"width": 375, "height": 812}


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def busy_registry(practitioner, clerk):
    """What makes the dashboards and the deadlines page show something: a s.106 matter whose
    certificate issued 10 days ago with an affidavit still owing its electronic copy (PD16 para
    3(b)), where the practitioner acts for the applicant; a Rule 32 award overdue and one due
    (para 11); a matter where the Commission directed submissions, so that e-mail lodgment is
    open to it (para 9)."""
    s106 = MatterFactory(
        proceeding=ProceedingType.objects.get(code="s106"),
        title="Citizen v Acme Widgets Pty Ltd",
        opened_on=days_ago(90),
    )
    applicant = PartyFactory(matter=s106, name="Jane Citizen")
    PartyFactory(matter=s106, name="Acme Widgets Pty Ltd", role="respondent")
    represent(practitioner, applicant)
    filing_lodge(
        party=applicant,
        lodged_by=practitioner,
        documents=[affidavit(path=None, original_filename="")],
        lodged_at=timezone.now() - datetime.timedelta(days=40),
    )
    s106.conciliation_certificate_on = days_ago(10)
    s106.save(update_fields=["conciliation_certificate_on"])

    award = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    PartyFactory(matter=award, name="Australian Services Union of NSW")
    for file_by in (days_ago(3), days_ago(-7)):
        Rule32Order.objects.create(
            matter=award,
            description="Clerical and Administrative Employees (State) Award variation",
            made_on=file_by - datetime.timedelta(days=14),
            file_by=file_by,
            recorded_by=clerk,
        )
    directed = MatterFactory(title="Union v Employer (submissions)", submissions_directed=True)
    PartyFactory(matter=directed, name="Health Services Union NSW")
    return directed


def check(page, url: str | None, label: str, found: dict[str, list[str]]) -> None:
    """Go to ``url`` (or stay, for a state reached in the page), run axe, note what it finds."""
    if url is not None:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    found[label] = serious_accessibility_violations(page)


def assert_none_found(found: dict[str, list[str]], expected_pages: int) -> None:
    assert len(found) == expected_pages
    violations = {label: lines for label, lines in found.items() if lines}
    assert not violations, "axe-core: serious or critical violations\n" + pprint.pformat(
        violations, width=100
    )


def test_practitioner_pages_have_no_serious_accessibility_violations(
    page, live_server, practitioner, lodged_filing, busy_registry, urls
):
    found: dict[str, list[str]] = {}
    matter = lodged_filing.matter
    sequence = lodged_filing.sequence
    check(page, urls("login"), "sign-in page", found)
    check(page, urls("home"), "home, signed out", found)
    sign_in(page, live_server, practitioner.username)
    check(page, None, "home, signed in", found)
    check(page, urls("practitioner:dashboard"), "dashboard", found)
    assert page.locator(".due--soon").count() >= 1  # the s.106 window is on the page checked
    check(page, urls.practitioner("matter", matter), "matter page", found)

    check(page, urls.practitioner("lodge", matter), "lodge page", found)
    page.select_option("#id_documents-0-kind", label="Affidavit")
    page.fill("#id_documents-0-title", "Affidavit of J Smith")
    page.set_input_files(
        "#id_documents-0-electronic_copy", str(LODGMENT_FIXTURES / "affidavit.pdf")
    )
    page.locator("#documents-0-verdict[data-acceptable=false]").wait_for()
    page.wait_for_load_state("networkidle")
    check(page, None, "lodge page with a refused file's verdict", found)
    page.click("#lodge-submit")
    page.locator("#error-summary").wait_for()
    check(page, None, "lodge page showing errors", found)

    check(page, urls.practitioner("notice", matter, sequence), "notice", found)
    check(page, urls.practitioner("label", matter, sequence), "label (disc)", found)
    label_a4 = urls.practitioner("label", matter, sequence) + "?variant=a4"
    check(page, label_a4, "label (A4)", found)
    check(page, urls.practitioner("filing", matter, sequence), "filing page", found)
    assert_none_found(found, expected_pages=12)


def test_clerk_pages_have_no_serious_accessibility_violations(
    page, live_server, clerk, lodged_filing, busy_registry, urls
):
    found: dict[str, list[str]] = {}
    matter = lodged_filing.matter
    sign_in(page, live_server, clerk.username)
    check(page, urls("clerk:dashboard"), "workspace", found)
    check(page, urls("clerk:matters"), "matters list", found)
    check(page, urls("clerk:matters", query="?q=Citizen"), "matters list, searched", found)
    check(page, urls.clerk("matter", matter), "matter page", found)
    check(page, urls("clerk:review_queue"), "review queue", found)
    assert page.locator(f"#queue-row-{lodged_filing.pk}").count() == 1

    check(page, urls.clerk("filing", matter, lodged_filing.sequence), "filing review", found)
    page.click("#reject-submit")  # no reason ticked: the page comes back with its errors
    page.locator("#error-summary").wait_for()
    check(page, None, "filing review showing errors", found)

    check(page, urls("clerk:filings"), "filings list", found)
    check(page, urls("clerk:deadlines"), "deadlines", found)
    assert page.locator(".badge--overdue").count() >= 1  # the Rule 32 award overdue
    check(page, urls("clerk:matter_open"), "open-matter form", found)
    check(page, urls.clerk("counter_lodgment", matter), "counter lodgment form", found)
    check(page, urls.clerk("email_lodgment", busy_registry), "e-mail lodgment form", found)
    assert page.locator("#lodgment-form").count() == 1  # the form, not "not open"
    assert_none_found(found, expected_pages=12)


def no_sideways_scroll(page) -> tuple[int, int]:
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def test_the_lodge_page_and_the_clerk_filing_page_fit_a_phone(
    open_page, live_server, practitioner, clerk, lodged_filing, urls
):
    matter = lodged_filing.matter
    phone = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(phone, live_server, practitioner.username)
    phone.goto(urls.practitioner("lodge", matter))
    # With a verdict shown, as a practitioner sees it before lodging.
    phone.select_option("#id_documents-0-kind", label="Affidavit")
    phone.set_input_files(
        "#id_documents-0-electronic_copy", str(LODGMENT_FIXTURES / "affidavit.pdf")
    )
    phone.locator("#documents-0-verdict[data-acceptable]").wait_for()
    scroll_width, client_width = no_sideways_scroll(phone)
    assert client_width == PHONE["width"]
    assert scroll_width <= client_width, f"lodge page is {scroll_width}px wide on a phone"

    clerk_phone = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(clerk_phone, live_server, clerk.username)
    clerk_phone.goto(urls.clerk("filing", matter, lodged_filing.sequence))
    # The 64-character SHA-256 of each document is the widest thing on this page.
    assert clerk_phone.locator(".hash").count() == 2
    scroll_width, client_width = no_sideways_scroll(clerk_phone)
    assert client_width == PHONE["width"]
    assert scroll_width <= client_width, f"clerk filing page is {scroll_width}px wide on a phone"

    # The parties table scrolls inside itself; its visually hidden header must not stick out.
    clerk_phone.goto(urls.clerk("matter", matter))
    assert clerk_phone.locator("table").count() >= 1
    scroll_width, client_width = no_sideways_scroll(clerk_phone)
    assert scroll_width <= client_width, f"clerk matter page is {scroll_width}px wide on a phone"

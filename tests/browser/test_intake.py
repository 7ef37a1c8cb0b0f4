"""A registry clerk works the unmatched-mail queue and the counter disc page in Chromium."""

from __future__ import annotations

import pytest

from filings.models import Filing
from intake.models import InboundMessage
from intake.services import mailbox_ingest
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.intake import discs
from tests.intake.conftest import CORPUS, mail_matters  # noqa: F401 - a fixture


@pytest.mark.usefixtures("mail_matters")
def test_a_clerk_assigns_one_message_and_rejects_another(page, live_server, clerk, urls):
    mailbox_ingest(source=[str(CORPUS / "no_matter.eml"), str(CORPUS / "pdf_only.eml")])
    sign_in(page, live_server, clerk.username)
    page.goto(urls("clerk:dashboard"))
    page.get_by_role("link", name="Unmatched mail").click()
    assert "2 messages waiting" in page.inner_text(".result-count")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Our documents").click()
    assert "Acceptable" in page.inner_text("main")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Matter number").fill("IRC2026/0101")
    page.get_by_role("button", name="Show the parties").click()
    page.get_by_label("Applicant in IRC2026/0101").check()
    page.get_by_role("button", name="Lodge for this party").click()
    page.wait_for_load_state("networkidle")
    filing = Filing.objects.get()
    assert f"Lodged as filing {filing.reference}." in page.inner_text(".messages")
    assert filing.channel == Filing.Channel.EMAIL

    page.goto(urls("intake:mail_queue"))
    page.get_by_role("link", name="Filing: Acme Widgets Enterprise Agreement 2026").click()
    assert "not acceptable" in page.inner_text("main").lower()
    page.get_by_label("Reason for rejecting it").fill("Send the agreement as a Word document.")
    page.get_by_role("button", name="Reject and tell the sender").click()
    page.wait_for_load_state("networkidle")
    assert "No mail is waiting." in page.inner_text("main")
    rejected = InboundMessage.objects.get(status=InboundMessage.Status.REJECTED)
    assert rejected.decided_by == clerk


@pytest.mark.usefixtures("mail_matters")
def test_a_clerk_confirms_the_party_then_reviews_the_email_filing(page, live_server, clerk, urls):
    mailbox_ingest(source=str(CORPUS / "party_to_confirm.eml"))
    sign_in(page, live_server, clerk.username)
    page.goto(urls("intake:mail_queue"))
    assert "Party to be confirmed" in page.inner_text("main")
    page.get_by_role("link", name="Filing: Acme Widgets Enterprise Agreement 2026").click()
    assert "stranger@elsewhere.example is not recorded as acting for a party" in page.inner_text(
        "#party-to-confirm"
    )
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Applicant in IRC2026/0101").check()
    page.get_by_role("button", name="Confirm the party and lodge").click()
    page.wait_for_load_state("networkidle")
    filing = Filing.objects.get()
    assert filing.party.name == "Applicant in IRC2026/0101"
    received = page.inner_text("#received-mail")
    assert "stranger@elsewhere.example" in received and "Acme Widgets" in received
    assert "(DOC): acceptable, lodged" in page.inner_text("#received-attachments")

    page.goto(urls("clerk:review_queue"))
    row = page.inner_text(f"#queue-row-{filing.pk}")
    assert "From stranger@elsewhere.example" in row and "acceptable" in row
    assert serious_accessibility_violations(page) == []


def test_a_clerk_lodges_a_disc_naming_the_kind_of_an_unnamed_file(
    page, live_server, clerk, urls, tmp_path
):
    from filings.models import Party
    from tests.factories import MatterFactory, PartyFactory

    matter = MatterFactory(number="IRC2026/0002", year=2026, sequence=2)
    PartyFactory(matter=matter, name="Hamid Karimi", role=Party.Role.APPLICANT)
    files = discs.good_files(matter.number)
    files["statement.doc"] = discs.DOC
    path = discs.as_zip(files, tmp_path / "disc.zip")

    sign_in(page, live_server, clerk.username)
    page.goto(urls("clerk:dashboard"))
    page.get_by_role("link", name="Disc at the counter").click()
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Disc (ZIP or ISO image)").set_input_files(str(path))
    page.get_by_label("Party's name").fill("Hamid Karimi")
    page.get_by_label("Diskette").check()
    page.get_by_role("button", name="Check the disc").click()
    page.wait_for_load_state("networkidle")
    main = page.inner_text("main")
    assert "statement.doc is on the disc but not on the label" in main
    assert "IRC2026-0002_01_Affidavit-of-H-Karimi.doc" in main
    assert serious_accessibility_violations(page) == []

    page.get_by_label("Kind of statement.doc").select_option(label="Statement of evidence")
    page.get_by_label("Title of statement.doc").fill("Statement of H Karimi")
    page.get_by_role("button", name="Lodge the disc").click()
    page.wait_for_load_state("networkidle")
    filing = Filing.objects.get()
    assert f"The disc was lodged as filing {filing.reference}." in page.inner_text(".messages")
    assert filing.channel == Filing.Channel.DISKETTE
    assert sorted(d.title for d in filing.documents.all()) == [
        "Affidavit of H Karimi",
        "Annexure A letter",
        "Statement of H Karimi",
    ]
    # The upload kept between the page's steps is gone once the filing committed.
    from filings.storage import document_storage
    from intake.services.counter import DISC_FOLDER

    assert document_storage.listdir(DISC_FOLDER)[1] == []

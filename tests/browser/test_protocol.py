"""PN127 in a matter, in the browser: a clerk applies PN127 (PD16 para 8), the applicant's
solicitor proposes an option, the respondent's barrister agrees (para 15: agreed once every
party has), and the protocol summary prints."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection, transaction

from filings.models import Party
from practice_directions.models import ChecklistOption
from protocols.models import ProtocolAgreement
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.factories import PartyFactory
from tests.factories_lodgment import PractitionerFactory, represent


@pytest.fixture(autouse=True)
def _protocol_records_emptied_before_flush(transactional_db):
    """The test ends with a flush; on SQLite that deletes row by row and the protocol records'
    append-only guard refuses it, so they are emptied first with the guard lifted for a moment
    (PostgreSQL truncates: no row trigger fires)."""
    yield
    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("protocols.migrations.0002_append_only")
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in migration.UNGUARD_SQL["sqlite"]:
            cursor.execute(sql)
        for table in reversed(migration.TABLES):
            cursor.execute(f"DELETE FROM {table}")
        for sql in migration.GUARD_SQL["sqlite"]:
            cursor.execute(sql)


def test_clerk_applies_pn127_practitioners_propose_and_agree_and_the_summary_prints(  # noqa: PLR0915 - one sequence of steps, clearer whole than split
    page, open_page, live_server, clerk, practitioner, party, urls
):
    matter = party.matter
    respondent = PartyFactory(
        matter=matter, name="Acme Manufacturing Pty Ltd", role=Party.Role.RESPONDENT
    )
    barrister = PractitionerFactory(username="hbarrett", first_name="Helen", last_name="Barrett")
    represent(barrister, respondent)

    # The clerk applies PN127 in whole, from the matter page.
    sign_in(page, live_server, clerk.username)
    page.goto(urls.clerk("matter", matter))
    page.click("#practice-note-link")
    page.get_by_label("The Commission").check()
    page.get_by_label("Applied on").fill(matter.opened_on.isoformat())
    page.get_by_label("In whole").check()
    page.click("#record-submit")
    page.wait_for_url(urls.clerk("matter", matter) + "#practice-note")
    assert "(PN127 para 14(a))" in page.inner_text("#pn127-guidance")

    # The applicant's solicitor proposes Excel for the discovery list format.
    solicitor_page = open_page()
    sign_in(solicitor_page, live_server, practitioner.username)
    solicitor_page.goto(urls.practitioner("matter", matter))
    solicitor_page.click("#protocol-link")
    solicitor_page.wait_for_url(urls.practitioner("matter", matter) + "protocol/")
    group = solicitor_page.locator("#group-discovery-format")
    assert "Delimited ASCII text file" in group.locator(".protocol-applies").inner_text()
    group.get_by_label("Option to propose").select_option(label="Excel spreadsheet")
    group.get_by_role("button", name="Propose for Electronic Document List Format").click()
    solicitor_page.wait_for_url("**#group-discovery-format")
    assert "proposed “Excel spreadsheet”" in solicitor_page.inner_text(".messages")
    assert "Awaiting Acme Manufacturing Pty Ltd" in solicitor_page.inner_text(
        "#group-discovery-format"
    )
    assert serious_accessibility_violations(solicitor_page) == []

    # The respondent's barrister agrees; the option is now agreed.
    barrister_page = open_page()
    sign_in(barrister_page, live_server, barrister.username)
    barrister_page.goto(urls.practitioner("matter", matter) + "protocol/")
    barrister_page.get_by_role(
        "button", name="Agree for Acme Manufacturing Pty Ltd to Excel spreadsheet"
    ).click()
    barrister_page.wait_for_url("**#proposal-*")
    applies = barrister_page.inner_text("#applies-discovery-format")
    assert "Excel spreadsheet" in applies and "Every party agreed" in applies
    assert ProtocolAgreement.objects.get().party == respondent

    # The summary: printed from the browser, and the same as text.
    barrister_page.click("#summary-link")
    barrister_page.wait_for_selector("#protocol-summary")
    summary = barrister_page.inner_text("#protocol-summary")
    assert "Excel spreadsheet" in summary and "Agreed by every party (PN127 para 15)" in summary
    assert "TIFF - Single" in summary
    barrister_page.evaluate("window.print = () => { window.printed = true; }")
    barrister_page.get_by_role("button", name="Print this summary").click()
    assert barrister_page.evaluate("window.printed") is True
    barrister_page.emulate_media(media="print")
    assert not barrister_page.is_visible("#summary-download")
    assert barrister_page.is_visible("#protocol-summary")
    with barrister_page.expect_download() as download:
        barrister_page.emulate_media(media="screen")
        barrister_page.click("#summary-download")
    with open(download.value.path(), encoding="utf-8") as saved:
        text = saved.read()
    assert "Electronic Document List Format: Excel spreadsheet" in text
    assert ChecklistOption.objects.filter(is_default=True).count() == 12

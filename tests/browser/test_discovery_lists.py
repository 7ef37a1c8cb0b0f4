"""A practitioner uploads a discovery list in the browser (with upload progress), sees its
problems beside their rows, uploads the fixed list and exports it (PN127 paras 16, 20-21)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from discovery.models import DiscoveryList
from tests.browser.conftest import serious_accessibility_violations, sign_in
from tests.conftest import FIXTURES

LISTS = FIXTURES / "discovery"


def test_a_practitioner_uploads_a_list_fixes_it_and_exports_it(
    page, live_server, practitioner, party, urls
):
    matter = party.matter
    sign_in(page, live_server, practitioner.username)
    page.goto(urls.practitioner("matter", matter))
    page.click("#discovery-lists-link")
    page.wait_for_selector("#list-upload-form")

    page.set_input_files("#id_file", str(LISTS / "sample-problems.csv"))
    page.click("#list-upload-submit")
    page.wait_for_url(re.compile(r"/discovery/matters/.+/lists/\d+/$"))
    assert page.inner_text("#error-count") == "3"
    assert page.inner_text("#warning-count") == "1"
    problems = page.locator("#problems-table")
    status_row = problems.locator('tr[data-code="status.invalid"]')
    assert "ABC.001.003.0001" in status_row.inner_text() and "Scan" in status_row.inner_text()
    assert "The list has errors" in page.inner_text("#list-verdict")
    assert serious_accessibility_violations(page) == []

    with page.expect_download() as report:
        page.click("#report-link")
    report_rows = list(csv.reader(io.StringIO(Path(report.value.path()).read_text())))
    assert len(report_rows) == 5

    page.click("nav.breadcrumbs >> text=Discovery lists")
    page.set_input_files("#id_file", str(LISTS / "sample-fixed.csv"))
    page.click("#list-upload-submit")
    page.wait_for_url(re.compile(r"/discovery/matters/.+/lists/\d+/$"))
    assert "provided to the Court" in page.inner_text("#list-verdict")
    assert page.inner_text("#error-count") == "0"
    assert DiscoveryList.objects.get(is_current=True).original_name == "sample-fixed.csv"

    with page.expect_download() as export:
        page.click("#export-csv")
    exported = list(csv.reader(io.StringIO(Path(export.value.path()).read_text("utf-8"))))
    assert exported[0][0] == "Document ID" and len(exported) == 7
    with page.expect_download() as workbook:
        page.click("#export-xlsx")
    assert workbook.value.suggested_filename.endswith(".xlsx")

    page.check("#id_method_1")
    page.click("#verification-form button")
    assert "recorded" in page.inner_text(".messages")

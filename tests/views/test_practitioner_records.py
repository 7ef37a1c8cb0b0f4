"""The Notice of Lodgment, the para 6 label, the ZIP and single downloads, with their headers
and the integrity check on every read."""

import hashlib
import io
import logging
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from filings import packaging
from filings.selectors.access import matter_slug
from filings.text import file_size
from tests.factories import document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner():
    return PractitionerFactory(first_name="Jane", last_name="Lawyer")


@pytest.fixture
def filing(practitioner):
    _, party = matter_for(practitioner, title="Smith v Acme Widgets Pty Ltd")
    return lodge(party, practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def url(name, filing, *extra):
    return reverse(
        f"practitioner:{name}", args=[matter_slug(filing.matter.number), filing.sequence, *extra]
    )


def assert_download_headers(response, file_name):
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"].startswith("sandbox")


def names(filing):
    prefix = filing.matter.number.replace("/", "-")
    return (
        f"{prefix}_01_Affidavit-of-J-Smith.doc",
        f"{prefix}_02_Annexure-A-letter-of-3-March-2026.tif",
    )


def test_the_notice_shows_every_particular(signed_in, filing):
    response = signed_in.get(url("notice", filing))
    html = response.content.decode()
    assert response.status_code == 200
    assert filing.reference in html
    assert filing.matter.number in html
    assert packaging.lodged_at_text(filing.lodged_at) in html
    assert "Jane Lawyer" in html
    for document, name in zip(filing.documents.order_by("position"), names(filing), strict=True):
        assert name in html
        assert document.sha256 in html
        assert file_size(document.size) in html
        assert document.kind.name in html
    assert "data-print" in html  # a print button (shown by the script)


def test_the_notice_downloads_as_text(signed_in, filing):
    response = signed_in.get(url("notice_text", filing))
    prefix = filing.matter.number.replace("/", "-")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert_download_headers(response, f"{prefix}_F01_Notice-of-Lodgment.txt")
    text = response.content.decode()
    assert text.startswith("NOTICE OF LODGMENT")
    assert f"Filing number:  {filing.reference}" in text
    assert all(name in text for name in names(filing))


@pytest.mark.parametrize(
    ("query", "variant"), [("?variant=disc", "disc"), ("?variant=a4", "a4"), ("?variant=x", "disc")]
)
def test_the_label_prints_as_a_disc_label_or_an_a4_sheet(signed_in, filing, query, variant):
    html = signed_in.get(url("label", filing) + query).content.decode()
    assert f'class="label label--{variant} label--' in html
    assert filing.matter.number in html
    assert filing.matter.abbreviated_title in html
    assert all(name in html for name in names(filing))


def test_the_label_downloads_as_text(signed_in, filing):
    response = signed_in.get(url("label_text", filing))
    prefix = filing.matter.number.replace("/", "-")
    assert_download_headers(response, f"{prefix}_F01_LABEL.txt")
    assert response.content.decode().startswith(f"Matter Number: {filing.matter.number}\r\n")


def test_the_zip_streams_each_copy_under_its_name_with_label_txt(signed_in, filing):
    response = signed_in.get(url("filing_zip", filing))
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert_download_headers(response, f"{filing.matter.number.replace('/', '-')}_F01.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["LABEL.txt", *names(filing)]
    for document, name in zip(filing.documents.order_by("position"), names(filing), strict=True):
        assert hashlib.sha256(archive.read(name)).hexdigest() == document.sha256
    label = archive.read("LABEL.txt").decode()
    assert f"Matter Number: {filing.matter.number}" in label
    assert all(name in label for name in names(filing))


def test_a_document_downloads_under_its_name_with_safe_headers(signed_in, filing):
    response = signed_in.get(url("document", filing, 1))
    assert response.streaming
    assert response["Content-Type"] == "application/msword"
    assert response["Content-Length"] == str((LODGMENT_FIXTURES / "affidavit.doc").stat().st_size)
    assert_download_headers(response, names(filing)[0])
    assert (
        b"".join(response.streaming_content) == (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()
    )


def test_a_document_without_a_copy_has_nothing_to_download(signed_in, practitioner):
    _, party = matter_for(practitioner)
    appearance = affidavit(kind=document_kind("Notice of Appearance"), path=None)
    filing = lodge(party, practitioner, appearance)
    assert signed_in.get(url("document", filing, 1)).status_code == 404
    assert signed_in.get(url("document", filing, 9)).status_code == 404


def test_a_copy_whose_hash_changed_is_refused_and_logged(signed_in, filing, caplog):
    document = filing.documents.get(position=1)
    path = Path(document.electronic_copy.path)
    path.write_bytes(path.read_bytes().replace(b"\x00", b"\x01", 1))
    with caplog.at_level(logging.ERROR, logger="filings.integrity"):
        single = signed_in.get(url("document", filing, 1))
        archive = signed_in.get(url("filing_zip", filing))
    for response in (single, archive):
        assert response.status_code == 409
        assert "Content-Disposition" not in response
        assert "SHA-256" in response.content.decode()
    logged = [r.getMessage() for r in caplog.records if r.name == "filings.integrity"]
    assert len(logged) == 2
    assert all(filing.reference in m and document.sha256 in m for m in logged)

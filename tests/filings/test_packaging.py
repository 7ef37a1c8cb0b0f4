"""The Notice of Lodgment, the PD16 para 6 label, file names and the streamed ZIP."""

import datetime
import hashlib
import io
import logging
import random
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from filings import packaging
from filings.models import Document
from filings.text import file_size
from tests.factories import document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
    tiff_annexure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing():
    user = PractitionerFactory(first_name="Jane", last_name="Lawyer")
    _, party = matter_for(user, title="Smith v Acme Widgets Pty Ltd")
    appearance = affidavit(
        kind=document_kind("Notice of Appearance"), title="Notice of Appearance", path=None
    )
    return lodge(party, user, affidavit(), tiff_annexure(), appearance)


def _documents(filing):
    return list(filing.documents.select_related("kind", "annexed_to").order_by("position"))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Affidavit of J Smith", "Affidavit-of-J-Smith"),
        ("Affidavit of J. Smith (sworn 3/3/2026)", "Affidavit-of-J-Smith-sworn-3-3-2026"),
        ("Déclaration — Zoë", "Declaration-Zoe"),
        ("../../etc/passwd", "etc-passwd"),
        ("***", "Document"),
    ],
)
def test_title_slug_is_ascii_words_joined_by_hyphens(title, slug):
    assert packaging.title_slug(title) == slug


def test_file_names_follow_one_convention_with_the_matter_number(filing):
    principal, annexure, appearance = _documents(filing)
    prefix = filing.matter.number.replace("/", "-")
    number = filing.matter.number
    assert (
        packaging.document_file_name(principal, matter_number=number)
        == f"{prefix}_01_Affidavit-of-J-Smith.doc"
    )
    assert (
        packaging.document_file_name(annexure, matter_number=number)
        == f"{prefix}_02_Annexure-A-letter-of-3-March-2026.tif"
    )
    entries = packaging.document_entries(filing, [principal, annexure, appearance])
    assert entries[2].has_copy is False
    assert entries[2].file_name == ""
    assert "3(e)" in entries[2].no_copy_explanation


def test_lodged_at_is_shown_in_sydney_time_with_its_zone():
    summer = datetime.datetime(2026, 1, 15, 1, 30, tzinfo=datetime.UTC)
    winter = datetime.datetime(2026, 7, 15, 1, 30, tzinfo=datetime.UTC)
    assert packaging.lodged_at_text(summer) == "Thursday 15 January 2026, 12:30:00 AEDT"
    assert packaging.lodged_at_text(winter) == "Wednesday 15 July 2026, 11:30:00 AEST"


def test_notice_text_carries_every_required_particular(filing):
    documents = _documents(filing)
    text = packaging.notice_of_lodgment_text(filing, packaging.document_entries(filing, documents))
    assert f"Filing number:  {filing.reference}" in text
    assert f"Matter number:  {filing.matter.number}" in text
    assert packaging.lodged_at_text(filing.lodged_at) in text
    assert "(Australia/Sydney)" in text
    assert "Lodged by:      Jane Lawyer" in text
    for document in documents[:2]:
        assert document.kind.name in text
        assert packaging.document_file_name(document, matter_number=filing.matter.number) in text
        assert f"Size:         {file_size(document.size)}" in text
        assert document.sha256 in text
    assert "No electronic copy: not required: exempt (PD16 para 3(e))" in text


def test_label_lists_matter_number_title_and_only_documents_in_electronic_form(filing):
    documents = _documents(filing)
    text = packaging.label_text(filing, packaging.document_entries(filing, documents))
    lines = text.split("\r\n")
    assert lines[0] == f"Matter Number: {filing.matter.number}"
    assert lines[1] == f"Title: {filing.matter.abbreviated_title}"
    assert "Documents filed in computer-readable format:" in lines
    assert any(line.startswith("01  Affidavit of J Smith (Affidavit)") for line in lines)
    assert any(line.startswith("02  Annexure A") for line in lines)
    assert not any("Notice of Appearance" in line for line in lines)


def test_zip_holds_the_label_and_each_copy_under_its_name_with_the_same_bytes(filing):
    documents = _documents(filing)
    data = b"".join(packaging.stream_filing_zip(filing, documents))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    prefix = filing.matter.number.replace("/", "-")
    assert archive.namelist() == [
        "LABEL.txt",
        f"{prefix}_01_Affidavit-of-J-Smith.doc",
        f"{prefix}_02_Annexure-A-letter-of-3-March-2026.tif",
    ]
    for document, name in zip(documents[:2], archive.namelist()[1:], strict=True):
        assert hashlib.sha256(archive.read(name)).hexdigest() == document.sha256
    label = archive.read("LABEL.txt").decode()
    assert label == packaging.label_text(filing, packaging.document_entries(filing, documents))


def test_zip_is_produced_in_chunks_no_larger_than_the_read_size(tmp_path):
    # 3 MB of incompressible bytes: the archive must come out piece by piece, never whole.
    user = PractitionerFactory()
    _, party = matter_for(user)
    big = tmp_path / "big.tif"
    noise = random.Random(16).randbytes(1024 * 1024 * 3)
    Image.frombytes("RGB", (1024, 1024), noise).save(big, format="TIFF")
    filing = lodge(party, user, affidavit(), tiff_annexure(path=big, original_filename="big.tif"))
    chunks = list(packaging.stream_filing_zip(filing, _documents(filing)))
    assert len(chunks) > 10
    assert max(len(c) for c in chunks) <= 2 * packaging.CHUNK_BYTES


def _tamper(document: Document) -> Path:
    path = Path(document.electronic_copy.path)
    path.write_bytes(path.read_bytes()[:-1] + b"!")
    return path


def test_a_changed_copy_is_refused_and_logged(filing, caplog):
    document = _documents(filing)[0]
    packaging.verify_stored_copy(document)
    _tamper(document)
    with caplog.at_level(logging.ERROR, logger="filings.integrity"):
        with pytest.raises(packaging.StoredCopyError):
            packaging.verify_stored_copy(document)
        with pytest.raises(packaging.StoredCopyError):
            b"".join(packaging.stream_stored_copy(document))
        with pytest.raises(packaging.StoredCopyError):
            b"".join(packaging.stream_filing_zip(filing, _documents(filing)))
    assert caplog.records
    assert all(document.sha256 in r.getMessage() for r in caplog.records)


def test_a_missing_copy_is_refused_and_logged(filing, caplog):
    document = _documents(filing)[0]
    Path(document.electronic_copy.path).unlink()
    with (
        caplog.at_level(logging.ERROR, logger="filings.integrity"),
        pytest.raises(packaging.StoredCopyError),
    ):
        packaging.verify_stored_copy(document)
    assert "missing" in caplog.records[0].getMessage()


def test_streamed_copy_has_the_lodged_bytes(filing):
    document = _documents(filing)[0]
    streamed = b"".join(packaging.stream_stored_copy(document))
    assert streamed == (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()


def test_zip_entries_are_dated_when_lodged_in_sydney(filing):
    filing.lodged_at = timezone.make_aware(datetime.datetime(2026, 5, 12, 10, 31, 5))  # noqa: DTZ001 - made aware in Sydney
    data = b"".join(packaging.stream_filing_zip(filing, _documents(filing)))
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("LABEL.txt")
    assert info.date_time == (2026, 5, 12, 10, 31, 4)  # ZIP times have 2-second resolution

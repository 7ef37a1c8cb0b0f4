"""PD16 para 4 says "a Microsoft Word document (any version)": a Word 95 document is accepted.

LibreOffice reads Word 6.0/95 but no longer writes it (its "MS Word 95" and "MS WinWord 6.0"
export filters fail), so the committed ``word95.doc`` is built by ``make_corpus.py``
(``office_files.word6_document``): a compound file whose WordDocument stream starts with the
Word 6/95 FIB (wIdent 0xA5DC, nFib 104, product 0x6027), the text in cp1252, one character and
one paragraph FKP page, a section table, a style sheet, a font table and a DOP. These tests
check that the registry accepts it, that a lodgment of it keeps it byte for byte, and that
LibreOffice opens it and reads its text.
"""

from __future__ import annotations

import hashlib
import shutil
import struct

import olefile
import pytest

from filings.validation import Format, validate_file
from tests.fixtures.make_corpus import AFFIDAVIT
from tests.validation.paths import CORPUS

WORD95 = CORPUS / "word95.doc"

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not on PATH: cannot check that it opens the file",
)


def test_the_fixture_is_a_word_95_file():
    with olefile.OleFileIO(str(WORD95)) as ole:
        fib = ole.openstream("WordDocument").read(32)
    ident, n_fib, product = struct.unpack_from("<HHH", fib, 0)
    assert (ident, n_fib, product) == (0xA5DC, 104, 0x6027)


def test_a_word_95_document_is_accepted_as_a_principal_document_and_an_annexure():
    for role in ("principal", "annexure"):
        result = validate_file(WORD95, role=role)
        assert result.format == Format.DOC
        assert result.acceptable, [f.code for f in result.errors]
        assert result.details.get("nfib") == 104


@pytest.mark.django_db
def test_a_word_95_document_is_lodged_and_kept_byte_for_byte():
    from filings.services.lodgment import filing_lodge
    from tests.factories_lodgment import PractitionerFactory, affidavit, matter_for

    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = filing_lodge(
        party=party,
        lodged_by=practitioner,
        documents=[affidavit(path=WORD95, original_filename="Affidavit (Word 95).doc")],
    )
    document = filing.documents.get()
    expected = hashlib.sha256(WORD95.read_bytes()).hexdigest()
    assert (document.detected_format, document.sha256) == ("DOC", expected)
    with document.electronic_copy.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == expected


@needs_soffice
def test_libreoffice_opens_the_word_95_document_and_reads_its_text(tmp_path):
    from demo.make_documents import text_via_libreoffice

    copy = tmp_path / "word95.doc"
    shutil.copy(WORD95, copy)
    text = " ".join(text_via_libreoffice([copy], tmp_path)[copy].split())
    assert AFFIDAVIT[3] in text
    assert AFFIDAVIT[1] in text

"""Every file of the committed corpus (tests/fixtures/make_corpus.py) gets the verdict PD16
para 4 calls for, decided from its bytes alone."""

from __future__ import annotations

import hashlib

import pytest

from filings.validation import Format, validate_file
from tests.validation.paths import CORPUS

BOTH = ("principal", "annexure")
ANNEXURE = ("annexure",)

# name: (format, valid, roles, error codes, warning codes, flags that must be present)
EXPECTED = {
    "affidavit.doc": (Format.DOC, True, BOTH, set(), set(), set()),
    "word95.doc": (Format.DOC, True, BOTH, set(), set(), {"word-6-95"}),
    "word6.doc": (Format.DOC, True, BOTH, set(), set(), {"word-6-95"}),
    "submissions.rtf": (Format.RTF, True, BOTH, set(), set(), set()),
    "embedded-object.doc": (
        Format.DOC,
        True,
        BOTH,
        set(),
        {"doc.embedded_objects"},
        {"embedded-objects"},
    ),
    "embedded-object.rtf": (
        Format.RTF,
        True,
        BOTH,
        set(),
        {"rtf.embedded_objects"},
        {"embedded-objects"},
    ),
    "rtf-named.doc": (
        Format.RTF,
        True,
        BOTH,
        set(),
        {"format.extension_mismatch"},
        {"extension-mismatch"},
    ),
    "multipage.tif": (Format.TIFF, True, ANNEXURE, set(), set(), {"multipage"}),
    "greyscale-lzw.tif": (Format.TIFF, True, ANNEXURE, set(), set(), set()),
    "big-endian.tif": (Format.TIFF, True, ANNEXURE, set(), set(), set()),
    "photo.jpg": (Format.JPEG, True, ANNEXURE, set(), set(), set()),
    "cmyk.jpg": (Format.JPEG, True, ANNEXURE, set(), set(), set()),
    "progressive.jpg": (Format.JPEG, True, ANNEXURE, set(), set(), set()),
    "low-resolution.jpg": (Format.JPEG, True, ANNEXURE, set(), {"image.resolution"}, set()),
    "no-resolution.jpg": (
        Format.JPEG,
        True,
        ANNEXURE,
        set(),
        {"image.resolution_missing"},
        set(),
    ),
    "jpeg-named.tif": (
        Format.JPEG,
        True,
        ANNEXURE,
        set(),
        {"format.extension_mismatch"},
        {"extension-mismatch"},
    ),
    "animated.gif": (
        Format.GIF,
        True,
        ANNEXURE,
        set(),
        {"image.resolution_missing"},
        {"animated"},
    ),
    "single.gif": (Format.GIF, True, ANNEXURE, set(), {"image.resolution_missing"}, set()),
    "affidavit.pdf": (Format.PDF, True, (), {"format.pdf_not_acceptable"}, set(), set()),
    "pdf-named.doc": (
        Format.PDF,
        True,
        (),
        {"format.pdf_not_acceptable"},
        {"format.extension_mismatch"},
        {"extension-mismatch"},
    ),
    "padded-pdf.bin": (
        Format.PDF,
        True,
        (),
        {"format.pdf_not_acceptable"},
        {"format.extension_mismatch"},
        set(),
    ),
    "truncated.pdf": (Format.PDF, False, (), {"format.pdf_not_acceptable"}, set(), {"truncated"}),
    "encrypted.doc": (Format.DOC, True, (), {"doc.encrypted"}, set(), {"encrypted"}),
    "macros.doc": (Format.DOC, True, (), {"doc.macros"}, set(), {"macros"}),
    "word95-macros.dot": (Format.DOC, True, (), {"doc.macros"}, set(), {"macros", "word-6-95"}),
    "truncated.doc": (Format.DOC, False, (), {"doc.truncated"}, set(), {"truncated"}),
    "wrong-magic.doc": (
        Format.OTHER,
        False,
        (),
        {"format.not_acceptable"},
        {"format.extension_mismatch"},
        set(),
    ),
    "spreadsheet.xls": (Format.OTHER, False, (), {"format.not_acceptable"}, set(), set()),
    "spreadsheet-named.doc": (
        Format.OTHER,
        False,
        (),
        {"format.not_acceptable"},
        {"format.extension_mismatch"},
        set(),
    ),
    "presentation.ppt": (Format.OTHER, False, (), {"format.not_acceptable"}, set(), set()),
    "affidavit.docx": (Format.OTHER, False, (), {"format.docx_not_acceptable"}, set(), {"docx"}),
    "affidavit.odt": (Format.OTHER, False, (), {"format.not_acceptable"}, set(), set()),
    "bundle.zip": (Format.OTHER, False, (), {"format.not_acceptable"}, set(), set()),
    "page.html": (Format.OTHER, False, (), {"format.not_acceptable"}, set(), set()),
    "notes.txt": (Format.OTHER, False, (), {"format.not_acceptable"}, set(), set()),
    "program.elf": (Format.OTHER, False, (), {"format.not_acceptable"}, set(), set()),
    "empty.doc": (Format.OTHER, False, (), {"file.empty"}, set(), {"empty"}),
    "truncated.rtf": (Format.RTF, False, (), {"rtf.truncated"}, set(), {"truncated"}),
    "unbalanced.rtf": (Format.RTF, False, (), {"rtf.unbalanced"}, set(), set()),
    "trailing-data.rtf": (Format.RTF, False, (), {"rtf.trailing_data"}, set(), {"trailing-data"}),
    "truncated.tif": (Format.TIFF, False, (), {"image.truncated"}, set(), {"truncated"}),
    "truncated.gif": (Format.GIF, False, (), {"image.truncated"}, set(), {"truncated"}),
    "truncated.jpg": (Format.JPEG, False, (), {"image.truncated"}, set(), {"truncated"}),
    "wrong-magic.jpg": (
        Format.OTHER,
        False,
        (),
        {"format.not_acceptable"},
        {"format.extension_mismatch"},
        set(),
    ),
    "polyglot.jpg": (Format.JPEG, False, (), {"image.trailing_data"}, set(), {"trailing-data"}),
    "bomb.gif": (Format.GIF, False, (), {"image.bomb"}, set(), {"bomb"}),
    "bomb.tif": (Format.TIFF, False, (), {"image.bomb"}, set(), {"bomb"}),
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_verdict(name):
    fmt, valid, roles, errors, warnings, flags = EXPECTED[name]
    result = validate_file(CORPUS / name, role="annexure")

    assert result.format == fmt
    assert result.valid is valid
    assert result.roles == roles
    assert set(result.error_codes) == errors
    assert set(result.warning_codes) == warnings
    assert flags <= set(result.flags)
    assert result.acceptable is (not errors)
    assert result.size == (CORPUS / name).stat().st_size
    assert result.sha256 == hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    for problem in result.errors + result.warnings:
        assert problem.message.endswith(".")
        assert problem.paragraph in {"4", "6", "PN127 9-10", "PN127 Schedule (a)"}


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if e[2] == ANNEXURE])
def test_images_are_refused_as_the_principal_document(name):
    result = validate_file(CORPUS / name, role="principal")

    assert result.roles == ANNEXURE
    assert not result.acceptable
    assert "format.image_not_principal" in result.error_codes
    assert result.acceptable_as("annexure")


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if e[2] == BOTH])
def test_word_processing_files_are_acceptable_in_either_role(name):
    for role in BOTH:
        result = validate_file(CORPUS / name, role=role)
        assert result.acceptable, result.errors
        assert result.errors == ()


def test_a_pdf_named_doc_is_refused_as_a_pdf_and_the_mismatch_is_named():
    result = validate_file(CORPUS / "pdf-named.doc")

    assert result.format == "PDF"
    assert result.error_codes == ("format.pdf_not_acceptable",)
    assert result.warning_codes == ("format.extension_mismatch",)
    assert "pdf-named.doc" in result.warnings[0].message


def test_multipage_tiff_reports_pages_size_and_resolution():
    result = validate_file(CORPUS / "multipage.tif", role="annexure")

    assert (result.pages, result.frames) == (3, 3)
    assert (result.width, result.height) == (1654, 2339)
    assert result.dpi == (200.0, 200.0)


def test_animated_gif_reports_its_frames():
    result = validate_file(CORPUS / "animated.gif", role="annexure")

    assert result.frames == 3
    assert "animated" in result.flags


def test_refused_files_are_named_in_words():
    assert validate_file(CORPUS / "spreadsheet.xls").description == "Microsoft Excel spreadsheet"
    assert "PowerPoint" in validate_file(CORPUS / "presentation.ppt").description
    assert "Excel" in validate_file(CORPUS / "spreadsheet.xls").errors[0].message
    assert ".docx" in validate_file(CORPUS / "affidavit.docx").description

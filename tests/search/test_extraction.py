"""Reading the text of real lodged copies: Word by antiword or catdoc, RTF by striprtf, images
by Tesseract; failures are results, never exceptions."""

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from search.extraction import extract_text
from tests.factories_lodgment import LODGMENT_FIXTURES


def test_a_word_document_is_read_by_antiword():
    result = extract_text(LODGMENT_FIXTURES / "affidavit.doc", detected_format="DOC")
    assert result.status == "extracted"
    assert result.method == "antiword"
    assert "AFFIDAVIT OF JANE CITIZEN" in result.text


def test_an_rtf_document_is_read_by_striprtf():
    result = extract_text(LODGMENT_FIXTURES / "submissions.rtf", detected_format="RTF")
    assert result.status == "extracted"
    assert "OUTLINE OF SUBMISSIONS OF THE APPLICANT" in result.text


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_an_image_annexure_is_read_by_text_recognition(tmp_path):
    image = Image.new("L", (1400, 300), 255)
    font = ImageFont.load_default(size=48)
    ImageDraw.Draw(image).text((40, 100), "ROSTER FOR MARCH 2026", font=font, fill=0)
    path = tmp_path / "annexure.tif"
    image.save(path, format="TIFF", dpi=(200, 200))

    result = extract_text(path, detected_format="TIFF")

    assert result.status == "extracted"
    assert result.method == "tesseract"
    assert "ROSTER FOR MARCH 2026" in result.text


def test_a_damaged_word_file_is_recorded_as_failed_not_raised(tmp_path):
    broken = tmp_path / "broken.doc"
    broken.write_bytes(LODGMENT_FIXTURES.joinpath("affidavit.doc").read_bytes()[:1500])
    result = extract_text(broken, detected_format="DOC")
    assert result.status == "failed"
    assert "antiword" in result.error


def test_a_program_that_hangs_is_stopped_at_the_time_limit(monkeypatch, tmp_path):
    monkeypatch.setattr("search.extraction.TIMEOUT_SECONDS", 1)
    slow = tmp_path / "antiword"
    slow.write_text("#!/bin/sh\n/bin/sleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = extract_text(LODGMENT_FIXTURES / "affidavit.doc", detected_format="DOC")
    assert result.status == "failed"
    assert "took longer than 1 s" in result.error


def test_formats_without_text_are_unsupported(tmp_path):
    result = extract_text(Path(tmp_path / "x.docx"), detected_format="DOCX")
    assert result.status == "unsupported"


def test_catdoc_reads_what_antiword_cannot(monkeypatch, tmp_path):
    if shutil.which("catdoc") is None:
        pytest.skip("catdoc is not installed")
    failing = tmp_path / "antiword"
    failing.write_text("#!/bin/sh\necho 'not a Word 97 file' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{Path(shutil.which('catdoc')).parent}")
    result = extract_text(LODGMENT_FIXTURES / "affidavit.doc", detected_format="DOC")
    assert result.status == "extracted", result.error
    assert result.method == "catdoc"
    assert "JANE CITIZEN" in result.text

"""validate_file's behaviour beyond the corpus verdicts: policy, roles, names, results and the
traps the issue names (each test builds the file it needs from a real corpus file)."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile
import pytest
from PIL import Image

from filings.validation import ValidationPolicy, ValidationResult, validate_file
from filings.validation.reader import CHUNK
from tests.validation.paths import CORPUS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
JSON_KEYS = [
    "path",
    "format",
    "valid",
    "roles",
    "acceptable",
    "errors",
    "warnings",
    "sha256",
    "size",
    "pages",
    "flags",
]


def copy_with(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- results ---------------------------------------------------------------------------------


def test_to_dict_has_exactly_the_json_keys_of_the_issue():
    result = validate_file(CORPUS / "macros.doc")
    payload = result.to_dict("macros.doc")

    assert list(payload) == JSON_KEYS
    assert payload["path"] == "macros.doc"
    assert payload["errors"] == [
        {"code": "doc.macros", "message": result.errors[0].message, "paragraph": "PN127 9-10"}
    ]
    assert json.loads(json.dumps(payload)) == payload


def test_result_is_frozen():
    result = validate_file(CORPUS / "affidavit.doc")

    with pytest.raises(AttributeError):
        result.valid = False  # type: ignore[misc]


def test_unknown_role_is_a_programming_error():
    with pytest.raises(ValueError):
        validate_file(CORPUS / "affidavit.doc", role="exhibit")


def test_filename_is_compared_with_the_content_but_never_decides_the_format(tmp_path):
    stored = copy_with(tmp_path, "upload-0001.tmp", (CORPUS / "affidavit.pdf").read_bytes())

    result = validate_file(stored, filename="affidavit.doc")

    assert result.format == "PDF"
    assert result.filename == "affidavit.doc"
    assert "format.extension_mismatch" in result.warning_codes
    assert validate_file(stored, filename="affidavit.pdf").warning_codes == ()


def test_a_name_without_extension_is_no_mismatch():
    assert validate_file(CORPUS / "affidavit.doc", filename="affidavit").warnings == ()


# --- policy ----------------------------------------------------------------------------------


def test_macros_are_only_flagged_when_the_registry_does_not_refuse_them():
    policy = ValidationPolicy(refuse_macros=False)

    for name in ("macros.doc", "word95-macros.dot"):
        result = validate_file(CORPUS / name, policy=policy)
        assert result.acceptable
        assert result.warning_codes == ("doc.macros",)
        assert "macros" in result.flags


def test_docx_is_admitted_as_word_when_the_registrar_specifies_it():
    result = validate_file(CORPUS / "affidavit.docx", policy=ValidationPolicy(accept_docx=True))

    assert result.format == "DOC"
    assert result.acceptable
    assert result.roles == ("principal", "annexure")
    assert "docx" in result.flags
    assert result.warnings == ()


def test_admitted_docx_is_still_checked_for_damage_and_macros(tmp_path):
    policy = ValidationPolicy(accept_docx=True)
    data = (CORPUS / "affidavit.docx").read_bytes()
    truncated = copy_with(tmp_path, "cut.docx", data[: len(data) // 2])
    assert validate_file(truncated, policy=policy).error_codes == ("doc.truncated",)

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 VBA project")
    macro = copy_with(tmp_path, "macro.docm", buffer.getvalue())
    assert validate_file(macro, policy=policy).error_codes == ("doc.macros",)


def test_policy_from_settings_reads_the_registry_settings(settings):
    settings.REGISTRY_ACCEPT_DOCX = True
    settings.REGISTRY_REFUSE_MACROS = False
    settings.REGISTRY_MAX_IMAGE_PIXELS = 1_000

    policy = ValidationPolicy.from_settings()

    assert (policy.accept_docx, policy.refuse_macros, policy.max_image_pixels) == (
        True,
        False,
        1_000,
    )


def test_pixel_limit_refuses_a_page_before_decoding_it():
    result = validate_file(
        CORPUS / "multipage.tif", role="annexure", policy=ValidationPolicy(max_image_pixels=10**6)
    )

    assert result.error_codes == ("image.bomb",)
    assert not result.valid
    assert result.pages == 3  # sized from the structure, without decoding


def test_total_pixels_and_frame_limits_refuse_many_modest_frames():
    # animated.gif: three frames of 400 x 300 = 120,000 pixels each.
    total = ValidationPolicy(max_total_pixels=300_000)
    frames = ValidationPolicy(max_frames=2)

    for policy in (total, frames):
        result = validate_file(CORPUS / "animated.gif", role="annexure", policy=policy)
        assert result.error_codes == ("image.bomb",)
    assert validate_file(CORPUS / "animated.gif", role="annexure").acceptable


def test_pillows_decompression_bomb_warning_is_an_error_too(monkeypatch):
    # The registry's own limit allows the page; Pillow's stricter global limit still refuses.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)

    result = validate_file(CORPUS / "multipage.tif", role="annexure")

    assert result.error_codes == ("image.bomb",)


def test_resolution_band_is_the_policys():
    narrow = ValidationPolicy(dpi_low=250, dpi_high=400)

    result = validate_file(CORPUS / "photo.jpg", role="annexure", policy=narrow)

    assert result.acceptable
    assert result.warning_codes == ("image.resolution",)


# --- Word ------------------------------------------------------------------------------------


def test_encryption_bit_in_the_word_header_is_refused(tmp_path):
    path = copy_with(tmp_path, "locked.doc", (CORPUS / "affidavit.doc").read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        header = bytearray(ole.openstream("WordDocument").read())
        header[0x0B] |= 0x01  # fEncrypted: bit 8 of the little-endian flags word at 0x0A
        ole.write_stream("WordDocument", bytes(header))

    result = validate_file(path)

    assert result.error_codes == ("doc.encrypted",)
    assert "encrypted" in result.flags


def test_word_file_with_a_damaged_text_table_is_corrupt(tmp_path):
    path = copy_with(tmp_path, "damaged.doc", (CORPUS / "affidavit.doc").read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        header = bytearray(ole.openstream("WordDocument").read())
        struct.pack_into("<I", header, 0x1A2, 0x7FFFFF00)  # fcClx far outside the table
        ole.write_stream("WordDocument", bytes(header))

    result = validate_file(path)

    assert result.error_codes == ("doc.corrupt",)
    assert not result.valid


@pytest.mark.parametrize("cut", [512, 2048, 6000, 9000])
def test_word_file_cut_anywhere_is_truncated_word(tmp_path, cut):
    data = (CORPUS / "affidavit.doc").read_bytes()
    result = validate_file(copy_with(tmp_path, "cut.doc", data[:cut]))

    assert not result.acceptable
    assert "truncated" in result.flags


def test_excel_is_told_from_word_by_reading_the_whole_ole_directory():
    # The first 4 KB of a DOC and an XLS written by LibreOffice look alike.
    result = validate_file(CORPUS / "spreadsheet-named.doc")

    assert result.format == "OTHER"
    assert result.description == "Microsoft Excel spreadsheet"
    assert "Microsoft Excel spreadsheet" in result.errors[0].message


# --- RTF -------------------------------------------------------------------------------------


def rtf(body: bytes) -> bytes:
    return b"{\\rtf1\\ansi " + body + b"}"


@pytest.mark.parametrize(
    "body, valid",
    [
        (b"Braces in text: \\{ and \\}.\\par ", True),
        (b"A backslash then a group: \\\\{\\b bold}\\par ", True),
        (b"{\\pict\\bin40 }}}}", False),  # the raw data runs past the end: truncated
        (b"{\\pict\\bin4 }}}}}\\par ", True),  # four raw braces are data, not groups
        (b"{\\b unclosed\\par ", False),
    ],
)
def test_rtf_groups_are_counted_as_rtf_counts_them(tmp_path, body, valid):
    result = validate_file(copy_with(tmp_path, "x.rtf", rtf(body)))

    assert result.valid is valid


@pytest.mark.parametrize("offset", range(-3, 4))
def test_rtf_tokens_straddling_chunk_boundaries_are_counted(tmp_path, offset):
    head = b"{\\rtf1\\ansi "
    filler = b"x" * (CHUNK - len(head) - 1 + offset)
    escaped = head + filler + b"\\{ \\\\ \\}" + b"{\\b text}" * 10 + b"}"
    closes_early = head + filler + b"\\{ \\\\}" + b"{\\b text}" * 10 + b"}"

    assert validate_file(copy_with(tmp_path, "escaped.rtf", escaped)).valid
    assert validate_file(copy_with(tmp_path, "early.rtf", closes_early)).error_codes == (
        "rtf.unbalanced",
    )


def test_rtf_with_page_count_reports_it(tmp_path):
    data = rtf(b"{\\info{\\nofpages7}}Text\\par ")

    assert validate_file(copy_with(tmp_path, "p.rtf", data)).pages == 7


def test_rtf_padding_after_the_last_brace_is_fine(tmp_path):
    data = rtf(b"Text\\par ") + b"\r\n\x00\x00\r\n"

    assert validate_file(copy_with(tmp_path, "pad.rtf", data)).acceptable


# --- images ----------------------------------------------------------------------------------


def test_zero_padding_after_a_jpeg_is_not_trailing_data(tmp_path):
    data = (CORPUS / "photo.jpg").read_bytes() + bytes(512)

    assert validate_file(copy_with(tmp_path, "pad.jpg", data), role="annexure").acceptable


@pytest.mark.parametrize("name", ["animated.gif", "greyscale-lzw.tif", "multipage.tif"])
def test_data_appended_to_gif_or_tiff_is_refused(tmp_path, name):
    data = (CORPUS / name).read_bytes() + (CORPUS / "bundle.zip").read_bytes()

    result = validate_file(copy_with(tmp_path, name, data), role="annexure")

    assert result.error_codes == ("image.trailing_data",)


def test_image_claiming_more_pages_than_it_has_is_refused(tmp_path):
    data = bytearray((CORPUS / "greyscale-lzw.tif").read_bytes())
    first_ifd = struct.unpack_from("<I", data, 4)[0]
    entries = struct.unpack_from("<H", data, first_ifd)[0]
    next_at = first_ifd + 2 + 12 * entries
    struct.pack_into("<I", data, next_at, len(data) + 4096)  # a second page beyond the end

    result = validate_file(copy_with(tmp_path, "lies.tif", bytes(data)), role="annexure")

    assert not result.acceptable
    assert result.error_codes == ("image.truncated",)


def test_pdf_header_after_padding_is_a_pdf_even_when_libmagic_says_data():
    result = validate_file(CORPUS / "padded-pdf.bin")

    assert result.format == "PDF"
    assert result.libmagic == "data"


# --- never crashes ---------------------------------------------------------------------------


def test_missing_file_gives_a_structured_result(tmp_path):
    result = validate_file(tmp_path / "nowhere.doc")

    assert isinstance(result, ValidationResult)
    assert result.error_codes == ("file.unreadable",)
    assert result.roles == ()


def test_directory_gives_a_structured_result(tmp_path):
    assert validate_file(tmp_path).error_codes == ("file.unreadable",)


def test_works_without_django_configured():
    script = (
        "import sys; from filings.validation import validate_file; "
        "r = validate_file(sys.argv[1]); print(r.format, r.acceptable)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    completed = subprocess.run(
        [sys.executable, "-c", script, str(CORPUS / "affidavit.doc")],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert completed.stdout.split() == ["DOC", "True"]
    assert "django.conf" not in completed.stderr

"""Hostile and unusual files (issue 9 §4): each built here from the corpus's real files.

Refused: a Word file with data appended after its compound-file structure, an IRM-protected
Word file, Word files whose header, piece table and text stream contradict one another, and RTF
without a known version. Accepted: multi-picture JPEGs (MPO) and 4-bit RGBA big-endian TIFFs.
Every refusal has its own code (PD16 para 4)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
from PIL import Image

from filings.validation import Flag, Format, ValidationPolicy, validate_file
from filings.validation.images import decode_slots, decoded_bytes
from filings.validation.pillow_tiff import restore_band_order
from tests.fixtures.office_files import read_cfb, write_cfb

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
AFFIDAVIT_DOC = CORPUS / "affidavit.doc"
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def codes(result) -> list[str]:
    return [problem.code for problem in result.errors]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def small_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ" + bytes(200))
    return buffer.getvalue()


# --- DOC: data after the compound file -------------------------------------------------------


@pytest.mark.parametrize(
    "appended",
    [
        pytest.param(small_zip(), id="zip"),
        pytest.param((CORPUS / "affidavit.pdf").read_bytes(), id="pdf"),
        pytest.param(EICAR, id="eicar"),
        pytest.param(bytes(512) + EICAR, id="eicar-after-a-zeroed-sector"),
    ],
)
def test_a_doc_with_data_appended_after_its_compound_file_is_refused(tmp_path, appended):
    path = write(tmp_path, "affidavit.doc", AFFIDAVIT_DOC.read_bytes() + appended)
    result = validate_file(path)
    assert result.format == Format.DOC
    assert codes(result) == ["doc.trailing_data"]
    assert Flag.TRAILING_DATA in result.flags
    assert "para 4" not in result.errors[0].message and result.errors[0].paragraph == "4"


def test_a_doc_padded_with_zeroed_sectors_is_still_accepted(tmp_path):
    path = write(tmp_path, "affidavit.doc", AFFIDAVIT_DOC.read_bytes() + bytes(1024))
    assert codes(validate_file(path)) == []


# --- DOC: rights-protected (IRM) -------------------------------------------------------------


@pytest.mark.parametrize("storage", ["\x06DataSpaces", "[6]DataSpaces"])
def test_an_irm_protected_word_document_is_refused_as_protected(tmp_path, storage):
    tree = read_cfb(AFFIDAVIT_DOC)
    tree[storage] = {
        "Version": struct.pack("<I", 0x3C)
        + "Microsoft.Container.DataSpaces".encode("utf-16-le")
        + struct.pack("<HHHHHH", 1, 0, 1, 0, 1, 0)
    }
    tree["\tDRMContent"] = bytes(4096)
    path = write(tmp_path, "protected.doc", write_cfb(tree))
    result = validate_file(path)
    assert result.format == Format.DOC
    assert codes(result) == ["doc.rights_protected"]
    assert "Information Rights Management" in result.errors[0].message
    assert result.roles == ()


# --- DOC: header, piece table and text contradicting each other (fuzzed) ------------------------


def _altered_word(tmp_path: Path, name: str, stream: str, offset: int, value: bytes) -> Path:
    """A copy of the affidavit with ``value`` written into ``stream`` at ``offset``."""
    path = write(tmp_path, name, AFFIDAVIT_DOC.read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream(stream).read())
        data[offset : offset + len(value)] = value
        ole.write_stream(stream, bytes(data))
    return path


def _clx_plc_offset(path: Path) -> tuple[int, int]:
    """Where the piece table's PlcPcd starts in the 1Table stream, and how many pieces."""
    with olefile.OleFileIO(str(path)) as ole:
        fib = ole.openstream("WordDocument").read(0x1AA)
        table = ole.openstream("1Table").read()
    fc_clx = struct.unpack_from("<I", fib, 0x1A2)[0]
    position = fc_clx
    while table[position] == 1:
        position += 3 + struct.unpack_from("<H", table, position + 1)[0]
    length = struct.unpack_from("<I", table, position + 1)[0]
    return position + 5, (length - 4) // 12


def test_a_header_counting_more_text_than_the_pieces_hold_is_refused(tmp_path):
    path = _altered_word(tmp_path, "fuzzed-ccp.doc", "WordDocument", 0x4C, struct.pack("<I", 10**6))
    result = validate_file(path)
    assert codes(result) == ["doc.corrupt"]
    assert "counts more text than its pieces hold" in result.errors[0].message


def test_a_header_whose_stream_size_contradicts_the_stream_is_refused(tmp_path):
    path = _altered_word(tmp_path, "fuzzed-cbmac.doc", "WordDocument", 0x40, b"\xff\xff\xff\x7f")
    assert codes(validate_file(path)) == ["doc.corrupt"]


def test_a_piece_pointing_outside_the_text_stream_is_refused(tmp_path):
    plc, pieces = _clx_plc_offset(AFFIDAVIT_DOC)
    fc_at = plc + 4 * (pieces + 1) + 2
    path = _altered_word(
        tmp_path, "fuzzed-piece.doc", "1Table", fc_at, struct.pack("<I", 0x3FFF0000)
    )
    result = validate_file(path)
    assert codes(result) == ["doc.corrupt"]
    assert "outside its text stream" in result.errors[0].message


def test_pieces_out_of_order_are_refused(tmp_path):
    plc, _ = _clx_plc_offset(AFFIDAVIT_DOC)
    path = _altered_word(tmp_path, "fuzzed-order.doc", "1Table", plc, struct.pack("<I", 5))
    assert codes(validate_file(path)) == ["doc.corrupt"]


def test_a_clx_outside_the_table_stream_is_refused(tmp_path):
    path = _altered_word(
        tmp_path, "fuzzed-clx.doc", "WordDocument", 0x1A6, struct.pack("<I", 10**6)
    )
    assert codes(validate_file(path)) == ["doc.corrupt"]


@pytest.mark.parametrize("name", ["affidavit.doc", "word6.doc", "word95.doc", "macros.doc"])
def test_real_word_files_pass_the_structure_checks(name):
    result = validate_file(CORPUS / name)
    assert "doc.corrupt" not in codes(result) and "doc.trailing_data" not in codes(result)


# --- RTF versions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, version",
    [
        (b"{\\rtf\\ansi", "none"),
        (b"{\\rtf2\\ansi", "2"),
        (b"{\\rtf12\\ansi", "12"),
        (b"{\\rtfansi", "none"),
    ],
)
def test_rtf_without_a_known_version_is_refused(tmp_path, header, version):
    path = write(tmp_path, "x.rtf", header + b" Affidavit of Jane Citizen\\par}")
    result = validate_file(path)
    assert result.format == Format.RTF
    assert codes(result) == ["rtf.version_unknown"]
    assert f"version: {version}" in result.errors[0].message


@pytest.mark.parametrize("header", [b"{\\rtf1\\ansi", b"{\\rtf0\\ansi", b"{\\rtf1 "])
def test_rtf_version_1_and_nextsteps_version_0_are_accepted(tmp_path, header):
    path = write(tmp_path, "x.rtf", header + b" Affidavit of Jane Citizen\\par}")
    assert codes(validate_file(path)) == []


# --- Multi-picture JPEG (MPO) -----------------------------------------------------------------


def mpo(pictures: int = 2) -> bytes:
    first, *rest = [
        Image.new("RGB", (160, 120), colour) for colour in ["navy", "orange", "green"][:pictures]
    ]
    buffer = io.BytesIO()
    first.save(buffer, format="MPO", save_all=True, append_images=rest, dpi=(200, 200))
    return buffer.getvalue()


@pytest.mark.parametrize("pictures", [2, 3])
def test_a_multi_picture_jpeg_is_accepted_as_one_annexure(tmp_path, pictures):
    data = mpo(pictures)
    assert Image.open(io.BytesIO(data)).format == "MPO"
    result = validate_file(write(tmp_path, "camera.jpg", data), role="annexure")
    assert (result.valid, codes(result)) == (True, [])
    assert result.frames == pictures
    assert f"MPO, {pictures} pictures" in result.description


def test_data_appended_after_the_last_picture_of_an_mpo_is_refused(tmp_path):
    result = validate_file(write(tmp_path, "camera.jpg", mpo() + small_zip()), role="annexure")
    assert codes(result) == ["image.trailing_data"]


def test_a_jpeg_with_a_second_jpeg_appended_but_no_picture_index_is_still_refused(tmp_path):
    single = io.BytesIO()
    Image.new("RGB", (160, 120), "navy").save(single, format="JPEG", dpi=(200, 200))
    data = single.getvalue() * 2
    assert codes(validate_file(write(tmp_path, "two.jpg", data), role="annexure")) == [
        "image.trailing_data"
    ]


# --- 4-bit RGBA big-endian TIFF (NeXTSTEP) ----------------------------------------------------


def rgba4_tiff(width: int = 40, height: int = 30, *, extra_samples: int = 1) -> bytes:
    """A big-endian, uncompressed TIFF of four 4-bit samples per pixel, as NeXTSTEP wrote."""
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            red, green, blue, alpha = (x * 15) // width, (y * 15) // height, 8, 15
            row += bytes([(red << 4) | green, (blue << 4) | alpha])
        rows.append(bytes(row))
    pixels = b"".join(rows)
    bits_at, xres_at, yres_at, data_at = 8, 16, 24, 32
    ifd_at = data_at + len(pixels) + len(pixels) % 2

    def entry(tag: int, kind: int, count: int, value: int) -> bytes:
        packed = (
            struct.pack(">HH", value, 0) if kind == 3 and count == 1 else struct.pack(">I", value)
        )
        return struct.pack(">HHI", tag, kind, count) + packed

    entries = [
        entry(256, 3, 1, width),
        entry(257, 3, 1, height),
        entry(258, 3, 4, bits_at),
        entry(259, 3, 1, 1),
        entry(262, 3, 1, 2),
        entry(273, 4, 1, data_at),
        entry(277, 3, 1, 4),
        entry(278, 3, 1, height),
        entry(279, 4, 1, len(pixels)),
        entry(282, 5, 1, xres_at),
        entry(283, 5, 1, yres_at),
        entry(284, 3, 1, 1),
        entry(296, 3, 1, 2),
        entry(338, 3, 1, extra_samples),
    ]
    return (
        b"MM\x00\x2a"
        + struct.pack(">I", ifd_at)
        + struct.pack(">4H", 4, 4, 4, 4)
        + struct.pack(">IIII", 200, 1, 200, 1)
        + pixels
        + bytes(len(pixels) % 2)
        + struct.pack(">H", len(entries))
        + b"".join(entries)
        + struct.pack(">I", 0)
    )


@pytest.mark.parametrize("extra_samples", [1, 2])
def test_a_nextstep_4_bit_rgba_big_endian_tiff_is_accepted(tmp_path, extra_samples):
    path = write(tmp_path, "icon.tiff", rgba4_tiff(extra_samples=extra_samples))
    result = validate_file(path, role="annexure")
    assert (result.valid, codes(result)) == (True, [])
    assert (result.width, result.height, result.dpi) == (40, 30, (200.0, 200.0))
    with Image.open(path) as image:
        image.load()
        assert restore_band_order(image).getpixel((39, 29)) == (14 * 17, 14 * 17, 8 * 17, 255)


def test_a_truncated_4_bit_rgba_tiff_is_still_refused(tmp_path):
    data = rgba4_tiff()
    path = write(tmp_path, "icon.tiff", data[:1000])
    assert codes(validate_file(path, role="annexure")) != []


# --- Bounded image decoding memory ------------------------------------------------------------


def greyscale_tiff(tmp_path: Path, size: tuple[int, int] = (2000, 1500)) -> Path:
    path = tmp_path / "scan.tif"
    Image.new("L", size, 255).save(path, compression="tiff_lzw", dpi=(200, 200))
    return path


def test_a_page_that_would_take_more_memory_than_a_check_may_is_refused_before_decoding(tmp_path):
    path = greyscale_tiff(tmp_path)
    # 3 megapixels of 8-bit grey: about 6 MB with the decoder's strip buffer.
    policy = ValidationPolicy(max_decoded_bytes=5 * 1024 * 1024)
    result = validate_file(path, role="annexure", policy=policy)
    assert codes(result) == ["image.too_large_to_check"]
    assert "about 6 MB" in result.errors[0].message and "at most 5 MB" in result.errors[0].message
    assert codes(validate_file(path, role="annexure")) == []  # the default limit takes it


def test_decoded_bytes_counts_pixels_by_mode_and_the_tiff_strip_buffer():
    assert decoded_bytes(Format.TIFF, "L", 1000, 1000) == 2_000_000
    assert decoded_bytes(Format.TIFF, "1", 1000, 1000) == 1_125_000
    assert decoded_bytes(Format.TIFF, "RGB", 1000, 1000) == 8_000_000
    assert decoded_bytes(Format.JPEG, "RGB", 8000, 8000, scale=8) == 4_000_000


def test_a_check_waits_for_a_decode_slot_and_says_so_when_none_comes_free(tmp_path):
    path = greyscale_tiff(tmp_path, (200, 150))
    policy = ValidationPolicy(max_concurrent_decodes=1, decode_wait_seconds=0.2)
    slots = decode_slots(1)
    assert slots.acquire(timeout=5)  # another check is decoding
    try:
        result = validate_file(path, role="annexure", policy=policy)
    finally:
        slots.release()
    assert codes(result) == ["image.check_busy"]
    assert "Try again in a few minutes" in result.errors[0].message
    assert codes(validate_file(path, role="annexure", policy=policy)) == []


# --- What the embedded-object warning promises ------------------------------------------------


@pytest.mark.parametrize("name", ["embedded-object.doc", "embedded-object.rtf"])
def test_with_no_scanner_the_embedded_object_warning_says_no_test_will_happen(name):
    result = validate_file(CORPUS / name, policy=ValidationPolicy(virus_scanner=False))
    (warning,) = [w for w in result.warnings if w.code.endswith("embedded_objects")]
    assert "will not be tested for viruses here" in warning.message
    assert "will test them" not in warning.message


@pytest.mark.parametrize("name", ["embedded-object.doc", "embedded-object.rtf"])
def test_with_a_scanner_the_warning_says_the_registry_tests_them(name):
    result = validate_file(CORPUS / name, policy=ValidationPolicy(virus_scanner=True))
    (warning,) = [w for w in result.warnings if w.code.endswith("embedded_objects")]
    assert "the registry will test them for viruses" in warning.message


def test_the_policy_knows_whether_a_scanner_is_configured(settings):
    settings.REGISTRY_CLAMD_ADDRESS = ""
    assert ValidationPolicy.from_settings().virus_scanner is False
    settings.REGISTRY_CLAMD_ADDRESS = "tcp://127.0.0.1:3310"
    assert ValidationPolicy.from_settings().virus_scanner is True

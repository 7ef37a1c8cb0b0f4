"""Details the format checks report that the corpus tests do not pin down: the mutation run
(docs/testing.md) showed these could change without any test failing.

- the Word 6/95 command table walk (macros behind menus, key bindings and names);
- the policy read from settings, field by field;
- the resolution in dots per inch from each format's units;
- how a refused file's kind is named, with its article.
"""

from __future__ import annotations

import struct

import pytest

from filings.validation import ValidationPolicy
from filings.validation.detect import describe, with_article
from filings.validation.doc import _word_6_macro_count
from filings.validation.image_structure import Structure
from filings.validation.images import _dpi_from_structure

TABLE_AT = 0x400


def _fib(table: bytes) -> bytes:
    """A Word 6/95 FIB whose command table (fcCmds, lcbCmds at 0x118) is ``table``."""
    fib = bytearray(0x120)
    struct.pack_into("<II", fib, 0x118, TABLE_AT, len(table))
    return bytes(fib)


def _reader(table: bytes):
    def read_word(offset: int, length: int) -> bytes:
        assert offset == TABLE_AT
        return table[:length]

    return read_word


def _menus(first: int, second: int) -> bytes:
    """Record 0x03: ``first`` menus of 14 bytes, then ``second`` entries of 4 and a byte (none
    when there are no entries)."""
    entries = bytes(4 * second + 1) if second else b""
    return bytes([0x03, first]) + bytes(14 * first) + bytes([second]) + entries


MENUS_WIDE = bytes([0x03, 0, 0, 2, 2]) + bytes(4 * 2 + 1)  # no menus, then a counted list
KEYS = b"\x05" + struct.pack("<H", 2) + bytes(12 * 2)
NAME = b"\x10" + struct.pack("<h", 3) + b"abc"
LONG_NAME = b"\x10" + struct.pack("<h", -1) + struct.pack("<h", 5) + b"abcde"
NAMES = b"\x11" + struct.pack("<H", 2) + b"\x00\x00\x03abc\x00" + b"\x00\x00\x01z\x00"


def _macros(count: int) -> bytes:
    return b"\x01" + struct.pack("<H", count)


@pytest.mark.parametrize(
    ("records", "macros"),
    [
        (_macros(7), 7),
        (_menus(1, 2) + _macros(3), 3),
        (_menus(2, 0) + _macros(4), 4),
        (MENUS_WIDE + _macros(5), 5),
        (KEYS + _macros(6), 6),
        (NAME + _macros(8), 8),
        (LONG_NAME + _macros(9), 9),
        (NAMES + _macros(10), 10),
        (_menus(1, 1) + KEYS + NAME + LONG_NAME + NAMES + _macros(11), 11),
        (b"\x12" + _macros(12), 0),  # the table ends before any macro record
        (_menus(3, 0), 0),  # cut short: no macro record
    ],
)
def test_the_word_6_command_table_is_walked_to_its_macro_count(records, macros):
    table = b"\xff" + records
    assert _word_6_macro_count(_fib(table), _reader(table)) == macros


def test_a_word_6_file_without_a_command_table_has_no_macros():
    def never(offset: int, length: int) -> bytes:
        raise AssertionError("nothing to read")

    assert _word_6_macro_count(_fib(b""), never) == 0


def test_a_macro_record_cut_short_counts_none():
    table = b"\xff" + _menus(1, 0) + b"\x01\x05"
    assert _word_6_macro_count(_fib(table), _reader(table)) == 0


def test_the_policy_reads_every_registry_setting(settings):
    settings.REGISTRY_ACCEPT_DOCX = True
    settings.REGISTRY_REFUSE_MACROS = False
    settings.REGISTRY_MAX_IMAGE_PIXELS = 1_001
    settings.REGISTRY_MAX_DECODED_BYTES = 2_002
    settings.REGISTRY_MAX_CONCURRENT_DECODES = 3
    settings.REGISTRY_DECODE_WAIT_SECONDS = 4.5
    settings.REGISTRY_CLAMD_ADDRESS = "127.0.0.1:3310"

    policy = ValidationPolicy.from_settings()

    assert policy == ValidationPolicy(
        accept_docx=True,
        refuse_macros=False,
        max_image_pixels=1_001,
        max_decoded_bytes=2_002,
        max_concurrent_decodes=3,
        decode_wait_seconds=4.5,
        virus_scanner=True,
    )


def test_the_policy_keeps_its_defaults_where_settings_say_nothing(settings):
    for name in (
        "REGISTRY_ACCEPT_DOCX",
        "REGISTRY_REFUSE_MACROS",
        "REGISTRY_MAX_IMAGE_PIXELS",
        "REGISTRY_MAX_DECODED_BYTES",
        "REGISTRY_MAX_CONCURRENT_DECODES",
        "REGISTRY_DECODE_WAIT_SECONDS",
        "REGISTRY_CLAMD_ADDRESS",
    ):
        if hasattr(settings, name):
            delattr(settings, name)

    assert ValidationPolicy.from_settings() == ValidationPolicy()


@pytest.mark.parametrize(
    ("image_format", "resolution", "dpi"),
    [
        ("TIFF", {"x": 200, "y": 300, "units": 2}, (200.0, 300.0)),  # inches
        ("TIFF", {"x": 200, "y": 300}, (200.0, 300.0)),  # TIFF's default unit is the inch
        ("TIFF", {"x": 78.74, "y": 39.37, "units": 3}, (200.0, 100.0)),  # centimetres
        ("TIFF", {"x": 200, "y": 200, "units": 1}, None),  # no absolute unit
        ("JPEG", {"x": 72, "y": 96, "units": 1}, (72.0, 96.0)),  # dots per inch
        ("JPEG", {"x": 78.74, "y": 118.11, "units": 2}, (200.0, 300.0)),  # dots per cm
        ("JPEG", {"x": 1, "y": 1}, None),  # JFIF units 0: an aspect ratio only
        ("JPEG", {"x": 1, "y": 1, "units": 0}, None),
        ("JPEG", {"y": 72, "units": 1}, None),
        ("JPEG", {"x": 72, "units": 1}, None),
        ("TIFF", {"x": 0, "y": 200, "units": 2}, None),
    ],
)
def test_the_resolution_is_read_in_each_formats_units(image_format, resolution, dpi):
    assert _dpi_from_structure(image_format, Structure(resolution=resolution)) == dpi


@pytest.mark.parametrize(
    ("description", "with_its_article"),
    [
        ("ZIP archive", "a ZIP archive"),
        ("HTML document", "an HTML document"),
        ("executable program", "an executable program"),
        ("Microsoft Excel spreadsheet", "a Microsoft Excel spreadsheet"),
        ("animated GIF image", "an animated GIF image"),
        ("(ODT) file", "an (ODT) file"),
        ("(Word) file", "a (Word) file"),
        ("RTF document", "an RTF document"),
        ("PDF document", "a PDF document"),
        ("Unknown thing", "an Unknown thing"),
    ],
)
def test_a_refused_files_kind_takes_the_article_it_is_read_with(description, with_its_article):
    assert with_article(description) == with_its_article


def test_a_refused_files_kind_comes_from_its_type_or_from_libmagic():
    assert describe("application/vnd.ms-excel", "") == "Microsoft Excel spreadsheet"
    assert describe("text/x-unknown", "Frobnicator data, version 2") == "Frobnicator data"
    assert describe("text/x-unknown", "x" * 150) == "x" * 100
    assert describe("text/x-unknown", "data") == describe("application/octet-stream", "")
    assert describe("text/x-unknown", "DATA, more") == describe("application/octet-stream", "")
    assert describe("text/x-unknown", "") == describe("application/octet-stream", "")

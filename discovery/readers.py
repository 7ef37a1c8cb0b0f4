"""Reading a party's discovery list: delimited ASCII text, Excel workbooks and Concordance
load files, row by row with bounded memory.

PN127's Technology Check List names "Delimited ASCII text file" (the default) and "Excel
spreadsheet" for exchanging document lists; litigation-support tools export Concordance
``.dat`` load files (þ, U+00FE, as the quote; ASCII 20, 0x14, as the delimiter).

Threat model. The file comes from a practitioner: its name and extension are claims. The format
is decided from the bytes (a ZIP signature for a workbook, the load file's delimiter, or else
delimited text), and every reader streams:

- Text: the encoding is decided once from a bounded sample (a byte order mark, strict UTF-8,
  or charset-normalizer's best guess) and the file is then decoded strictly as it is read; a
  file with NUL bytes in an 8-bit encoding is not a text list. ``csv`` keeps its field size
  limit, so a missing quote cannot make one cell swallow the file.
- Workbooks: the ZIP's directory is checked before anything is decompressed (entry count,
  declared sizes, compression ratio: zip bombs), then openpyxl reads it in read-only mode
  (one row in memory at a time) with defusedxml in place against XML entity expansion ("billion
  laughs") and external entities. Formulas are read as their cached values, never evaluated.
- Every reader caps the columns of a row and the rows of a list, so a hostile file costs at
  most bounded time and memory. Whatever the bytes, callers get rows or ``ListUnreadable``
  with a sentence to show; no other exception escapes for bad input.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from practice_directions.rules.discovery import format_date

FORMAT_CSV = "csv"
FORMAT_TSV = "tsv"
FORMAT_XLSX = "xlsx"
FORMAT_DAT = "dat"
FORMAT_LABELS = {
    FORMAT_CSV: "Delimited ASCII text (comma)",
    FORMAT_TSV: "Delimited ASCII text (tab)",
    FORMAT_XLSX: "Excel workbook (.xlsx)",
    FORMAT_DAT: "Concordance load file (.dat)",
}

SAMPLE_BYTES = 64 * 1024
MAX_COLUMNS = 200
MAX_ROWS = 2_000_000
DAT_DELIMITER = "\x14"
DAT_QUOTE = "\u00fe"
ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLSX_MAX_ENTRIES = 10_000
XLSX_MAX_UNCOMPRESSED = 1024 * 1024 * 1024
XLSX_MAX_RATIO = 200


class ListUnreadable(Exception):
    """The file cannot be read as a discovery list at all; ``str()`` says why, for a person."""


@dataclass
class ListSource:
    """An opened list: ``header`` is the first non-blank row; ``rows`` yields the rest."""

    format: str
    encoding: str
    header: list[str]
    rows: Iterator[list[str]]


def detect_encoding(sample: bytes) -> str:
    """The text encoding of a list from its first bytes."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        return _utf16_or_binary(sample)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" not in sample:
        # Not UTF-8 and 8-bit: Windows-1252 is what Australian litigation-support tools and
        # Excel write; statistical guessing mistakes it for its Baltic or Central European
        # cousins on short samples, so it is taken whenever it decodes.
        try:
            sample.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise ListUnreadable("The file is not text in any encoding the registry recognises.")
    return best.encoding


def _utf16_or_binary(sample: bytes) -> str:
    """NUL bytes in text without a byte order mark: UTF-16 (or 32) text, or not text at all."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        raise ListUnreadable("The file holds binary data, not a text list.")
    return best.encoding


def _sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",\t").delimiter
    except csv.Error:
        return "\t" if first_line.count("\t") > first_line.count(",") else ","


def _clean(cells: list[str]) -> list[str]:
    if len(cells) > MAX_COLUMNS:
        raise ListUnreadable(f"A row has {len(cells)} columns; a list has at most {MAX_COLUMNS}.")
    return cells


def _text_rows(stream: TextIO, *, delimiter: str, quotechar: str) -> Iterator[list[str]]:
    reader = csv.reader(stream, delimiter=delimiter, quotechar=quotechar, strict=False)
    count = 0
    try:
        for cells in reader:
            if not "".join(cells).strip():
                continue
            count += 1
            if count > MAX_ROWS:
                raise ListUnreadable(f"The list has more than {MAX_ROWS:,} rows.")
            if len(cells) > MAX_COLUMNS:
                _clean(cells)
            yield cells
    except UnicodeDecodeError as error:
        raise ListUnreadable(
            f"Line {reader.line_num + 1} is not valid {stream.encoding} text ({error.reason})."
        ) from None
    except csv.Error as error:
        raise ListUnreadable(f"Line {reader.line_num} cannot be read: {error}.") from None


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return format_date(value.date())
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_zip(path: str | os.PathLike[str]) -> None:
    """Refuse a workbook whose ZIP directory promises a bomb, before decompressing anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ListUnreadable(f"The workbook is damaged and cannot be opened ({error}).") from None
    if len(entries) > XLSX_MAX_ENTRIES:
        raise ListUnreadable("The workbook has too many parts to be a discovery list.")
    total = sum(e.file_size for e in entries)
    if total > XLSX_MAX_UNCOMPRESSED:
        raise ListUnreadable("The workbook expands to more than 1 GiB; split the list.")
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > XLSX_MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise ListUnreadable("The workbook is compressed suspiciously far (a zip bomb).")


def _xlsx_rows(path: str | os.PathLike[str]) -> Iterator[list[str]]:
    import openpyxl  # type: ignore[import-untyped]  # types-openpyxl is not installed
    from openpyxl import xml as openpyxl_xml

    if not openpyxl_xml.DEFUSEDXML:  # pragma: no cover - guarded by the dependencies
        raise ListUnreadable("Excel workbooks cannot be read safely here (defusedxml missing).")
    _check_zip(path)
    # A file object, not the path: openpyxl would otherwise judge the workbook by its name.
    handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged workbooks
        handle.close()
        raise ListUnreadable(f"The workbook cannot be opened ({type(error).__name__}).") from None
    try:
        if not workbook.worksheets:
            raise ListUnreadable("The workbook has no worksheet.")
        sheet = workbook.worksheets[0]
        count = 0
        try:
            for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
                cells = [_xlsx_cell(v) for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                if not any(c.strip() for c in cells):
                    continue
                count += 1
                if count > MAX_ROWS:
                    raise ListUnreadable(f"The list has more than {MAX_ROWS:,} rows.")
                yield _clean(cells)
        except ListUnreadable:
            raise
        except Exception as error:
            raise ListUnreadable(
                f"The workbook's first sheet cannot be read ({type(error).__name__})."
            ) from None
    finally:
        workbook.close()
        handle.close()


@contextlib.contextmanager
def open_list(path: str | os.PathLike[str]) -> Iterator[ListSource]:
    """Open the list at ``path``, deciding its format and encoding from its bytes."""
    try:
        with open(path, "rb") as probe:
            sample = probe.read(SAMPLE_BYTES)
    except OSError as error:
        raise ListUnreadable(f"The file cannot be opened ({error.strerror}).") from None
    if not sample.strip():
        raise ListUnreadable("The file is empty.")
    if sample.startswith(OLE2_SIGNATURE):
        raise ListUnreadable(
            "This is an Excel 97-2003 (.xls) workbook; save it as .xlsx or as delimited text."
        )
    if sample.startswith(ZIP_SIGNATURE):
        rows = _xlsx_rows(path)
        yield _with_header(FORMAT_XLSX, "", rows)
        return
    encoding = detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="ignore")
    is_dat = DAT_DELIMITER in text_sample or text_sample.lstrip("\ufeff").startswith(DAT_QUOTE)
    try:
        stream = open(path, encoding=encoding, newline="", errors="strict")  # noqa: SIM115
    except (OSError, LookupError) as error:
        raise ListUnreadable(f"The file cannot be opened ({error}).") from None
    with stream:
        if is_dat:
            rows = _text_rows(stream, delimiter=DAT_DELIMITER, quotechar=DAT_QUOTE)
            yield _with_header(FORMAT_DAT, encoding, rows)
        else:
            delimiter = _sniff_delimiter(text_sample.lstrip("\ufeff"))
            rows = _text_rows(stream, delimiter=delimiter, quotechar='"')
            fmt = FORMAT_TSV if delimiter == "\t" else FORMAT_CSV
            yield _with_header(fmt, encoding, rows)


def _with_header(fmt: str, encoding: str, rows: Iterator[list[str]]) -> ListSource:
    header = next(rows, None)
    if header is None:
        raise ListUnreadable("The file holds no rows.")
    header = [h.lstrip("\ufeff") for h in header]
    return ListSource(format=fmt, encoding=encoding, header=header, rows=rows)

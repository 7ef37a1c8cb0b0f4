"""Readers: each format from real bytes, encodings detected, unreadable files refused."""

import datetime
import io
import zipfile

import pytest

from discovery.checking import check_list_file
from discovery.readers import ListUnreadable, detect_encoding, open_list
from practice_directions.rules.discovery import PN127_DEFAULTS
from tests.discovery.lists import HEADER, csv_bytes, dat_bytes, good_rows, row, write, xlsx_bytes


def read_all(path):
    with open_list(path) as source:
        return source.format, source.encoding, source.header, list(source.rows)


@pytest.mark.parametrize("name", ["sample.csv", "sample.xlsx", "sample.dat"])
def test_committed_samples_are_good_lists_in_each_format(fixtures_dir, name):
    checked = check_list_file(fixtures_dir / "discovery" / name, PN127_DEFAULTS)
    assert checked.format == name.rsplit(".", 1)[1]
    assert checked.report.rows == 4 and checked.report.problems == ()


def test_comma_and_tab_delimited_text(tmp_path):
    for delimiter, fmt in ((",", "csv"), ("\t", "tsv")):
        path = write(tmp_path / f"list.{fmt}", csv_bytes(good_rows(), delimiter=delimiter))
        found, _, header, rows = read_all(path)
        assert found == fmt and header == HEADER and rows == good_rows()


def test_format_is_decided_by_content_not_by_name(tmp_path):
    path = write(tmp_path / "list.csv", xlsx_bytes(good_rows()))
    assert read_all(path)[0] == "xlsx"
    path = write(tmp_path / "list.xlsx", dat_bytes(good_rows()))
    assert read_all(path)[0] == "dat"


@pytest.mark.parametrize(
    "encoding,expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("cp1252", "cp1252"),
    ],
)
def test_encodings_are_detected(tmp_path, encoding, expected):
    rows = [row(Title="Café résumé - naïve façade, déjà vu, Müller's Grüße " * 3)]
    path = write(tmp_path / "list.csv", csv_bytes(rows, encoding=encoding))
    _, found, header, read = read_all(path)
    assert found.replace("_", "-").lower() in {expected, "windows-1252"}
    assert header == HEADER and read == rows


def test_concordance_load_file_in_utf16_with_bom(tmp_path):
    rows = good_rows()
    path = write(tmp_path / "export.dat", dat_bytes(rows, encoding="utf-16"))
    fmt, encoding, header, read = read_all(path)
    assert (fmt, encoding, header, read) == ("dat", "utf-16", HEADER, rows)


def test_concordance_load_file_in_cp1252(tmp_path):
    rows = [row(Title="Résumé of the façade works")]
    path = write(tmp_path / "export.dat", dat_bytes(rows, encoding="cp1252"))
    fmt, _, header, read = read_all(path)
    assert fmt == "dat" and header == HEADER and read == rows


def test_concordance_fields_may_hold_the_comma_and_newline(tmp_path):
    rows = [row(Title="Roster, March\r\nsecond line")]
    _fmt, _, _, read = read_all(write(tmp_path / "x.dat", dat_bytes(rows)))
    assert read == rows


def test_xlsx_dates_and_numbers_become_pn127_text(tmp_path):
    cells = row()
    cells[HEADER.index("Date")] = datetime.datetime(1996, 9, 5)  # noqa: DTZ001 - Excel cells carry no time zone: a naive value is what the format holds
    cells[HEADER.index("Source")] = 42.0
    _, _, _, read = read_all(write(tmp_path / "l.xlsx", xlsx_bytes([cells])))
    assert read[0][HEADER.index("Date")] == "05/Sep/1996"
    assert read[0][HEADER.index("Source")] == "42"


def test_blank_rows_are_skipped(tmp_path):
    data = csv_bytes([row(), ["", ""], row(Document_ID="ABC.001.001.0002")])
    _, _, _, read = read_all(write(tmp_path / "l.csv", data))
    assert len(read) == 2


def test_empty_file_is_unreadable(tmp_path):
    with pytest.raises(ListUnreadable, match="empty"):
        read_all(write(tmp_path / "empty.csv", b""))


def test_binary_file_is_unreadable(tmp_path):
    with pytest.raises(ListUnreadable):
        read_all(write(tmp_path / "x.csv", bytes(range(256)) * 200))


def test_old_excel_workbook_is_refused_with_advice(fixtures_dir):
    with pytest.raises(ListUnreadable, match=r"\.xlsx"):
        read_all(fixtures_dir / "corpus" / "spreadsheet.xls")


def test_damaged_workbook_is_unreadable(tmp_path):
    data = xlsx_bytes(good_rows())
    with pytest.raises(ListUnreadable):
        read_all(write(tmp_path / "x.xlsx", data[: len(data) // 2]))


def test_zip_bomb_workbook_is_refused_before_decompressing(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(ListUnreadable, match="zip bomb"):
        read_all(write(tmp_path / "bomb.xlsx", buffer.getvalue()))


def test_xml_entity_expansion_in_a_workbook_is_refused(tmp_path):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<workbook>&lol2;</workbook>"
    )
    source = io.BytesIO(xlsx_bytes(good_rows()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(buffer, "w") as out:
        for item in original.infolist():
            data = bomb if item.filename == "xl/workbook.xml" else original.read(item)
            out.writestr(item, data)
    with pytest.raises(ListUnreadable):
        read_all(write(tmp_path / "lol.xlsx", buffer.getvalue()))


def test_invalid_bytes_later_in_the_file_are_reported_with_the_line(tmp_path):
    good = csv_bytes([row(Document_ID=f"ABC.001.001.{i:04d}") for i in range(1, 3000)])
    path = write(tmp_path / "l.csv", good + b"ABC.001.002.0001,\xff\xfe\xfa bad\r\n")
    with pytest.raises(ListUnreadable, match="Line"):
        read_all(path)


def test_too_many_columns_are_refused(tmp_path):
    header = [*HEADER] + [f"Extra {i}" for i in range(300)]
    with pytest.raises(ListUnreadable, match="columns"):
        read_all(write(tmp_path / "wide.csv", csv_bytes([], header=header)))


def test_detect_encoding_prefers_boms():
    assert detect_encoding(b"\xef\xbb\xbfDocument ID") == "utf-8-sig"
    assert detect_encoding("Document ID".encode("utf-16")) == "utf-16"
    assert detect_encoding(b"Document ID,Date") == "utf-8"

"""Discovery lists for tests: a good list as rows, and writers for each format (real bytes); the
header and the CSV writer are ``discovery.sample_lists``'s, which the demo and benchmark use."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from discovery.sample_lists import HEADER, csv_bytes

__all__ = ["HEADER", "csv_bytes", "dat_bytes", "good_rows", "row", "write", "xlsx_bytes"]


def row(**values: str) -> list[str]:
    """One row of HEADER with good defaults; keyword names use underscores for spaces."""
    base = {
        "Document ID": "ABC.001.001.0001",
        "Date": "05/Sep/1996",
        "Estimated Date": "",
        "Document type": "Letter",
        "Author": "Smith B",
        "Author Organisation": "Acme Pty Ltd",
        "Addressee": "Jones J; Brown K",
        "Addressee Organisation": "Beta Union",
        "Title": "Letter about rosters",
        "Privilege": "NO",
        "Basis of Privilege": "",
        "Status": "Copy",
        "Document Group": "HNA",
        "Host Document Number": "",
        "Attachments": "",
        "Source": "",
        "Non-paper record": "NO",
    }
    for key, value in values.items():
        name = key.replace("_", " ").lower()
        match = next(h for h in HEADER if h.lower().replace("-", " ") == name)
        base[match] = value
    return [base[h] for h in HEADER]


def good_rows() -> list[list[str]]:
    """A host with two attachments, a host without, an estimated date and a privileged one."""
    return [
        row(
            Document_ID="ABC.001.001.0001",
            Document_Group="HWA",
            Attachments="ABC.001.001.0002, ABC.001.001.0003",
        ),
        row(
            Document_ID="ABC.001.001.0002",
            Document_Group="ATT",
            Host_Document_Number="ABC.001.001.0001",
            Document_type="Roster",
            Title="Roster March",
        ),
        row(
            Document_ID="ABC.001.001.0003",
            Document_Group="ATT",
            Host_Document_Number="ABC.001.001.0001",
            Date="01/Aug/1997",
            Estimated_Date="Yes",
        ),
        row(
            Document_ID="ABC.001.002.0001",
            Privilege="PART",
            Basis_of_Privilege="Evidence Act s118",
            Status="Original",
            Date="",
        ),
    ]


def dat_bytes(
    rows: Sequence[Sequence[str]], *, header: Sequence[str] = HEADER, encoding: str = "utf-8"
) -> bytes:
    """A Concordance load file: þ quotes every field, ASCII 20 between fields, CRLF."""
    lines = ["\x14".join(f"\u00fe{c}\u00fe" for c in r) for r in [header, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]], *, header: Sequence[str] = HEADER) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for r in rows:
        sheet.append(list(r))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path

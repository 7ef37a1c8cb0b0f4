"""Discs for the tests: folders, ZIPs and ISO 9660 images (pycdlib), good and hostile."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pycdlib

LODGMENT = Path(__file__).resolve().parents[1] / "fixtures" / "lodgment"
DOC = (LODGMENT / "affidavit.doc").read_bytes()
TIF = (LODGMENT / "annexure-a.tif").read_bytes()
PDF = (LODGMENT / "affidavit.pdf").read_bytes()


def label(number: str, title: str, lines: list[str]) -> bytes:
    """A label in the shape filings.packaging.label_text writes."""
    text = [
        f"Matter Number: {number}",
        f"Title: {title}",
        f"Filing: {number}-F01, lodged 9 March 2026",
        "",
        "Documents filed in computer-readable format:",
        *lines,
    ]
    return ("\r\n".join(text) + "\r\n").encode()


def good_files(number: str, title: str = "Karimi v Harbour Freight") -> dict[str, bytes]:
    prefix = number.replace("/", "-")
    affidavit = f"{prefix}_01_Affidavit-of-H-Karimi.doc"
    annexure = f"{prefix}_02_Annexure-or-attachment-A-letter.tif"
    return {
        affidavit: DOC,
        annexure: TIF,
        "LABEL.txt": label(
            number,
            title,
            [
                f"01  Affidavit of H Karimi (Affidavit)  {affidavit}",
                f"02  Annexure A letter (Annexure or attachment)  {annexure}",
            ],
        ),
    }


def as_folder(files: dict[str, bytes], root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (root / name).write_bytes(data)
    return root


def as_zip(files: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def zip_with_link(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo("evil.doc")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    return path


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.doc", b"\0" * (4 * 1024 * 1024))
    return path


def as_iso(files: dict[str, bytes], path: Path, *, symlink: str | None = None) -> Path:
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=3, joliet=3, rock_ridge="1.09")
    for number, (name, data) in enumerate(files.items()):
        iso.add_fp(
            io.BytesIO(data),
            len(data),
            f"/F{number:04d}.;1",
            rr_name=name,
            joliet_path=f"/{name}",
        )
    if symlink:
        iso.add_symlink(symlink_path="/LINK.;1", rr_symlink_name=symlink, rr_path="/etc/passwd")
    iso.write(str(path))
    iso.close()
    return path


def iso_with_rock_ridge_name(name: str, path: Path) -> Path:
    """An image whose Rock Ridge name is ``name`` as given (e.g. ``..\\evil.doc``)."""
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=3, rock_ridge="1.09")
    iso.add_fp(io.BytesIO(DOC), len(DOC), "/F0000.;1", rr_name=name)
    iso.write(str(path))
    iso.close()
    return path

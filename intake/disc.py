"""Reading a diskette or CD-ROM handed in at the counter (PD16 paras 4 and 6).

A disc arrives as a mounted folder, a ZIP of its contents or an ISO 9660 image.

Threat model. The disc is the practitioner's, and its structure is as untrusted as its files:
an archive may name entries ``../../etc/passwd`` or ``/abs/path`` (path traversal), carry
symbolic or hard links pointing outside it, declare tiny sizes that inflate to gigabytes (zip
bombs), hold thousands of files, or hold two names differing only in case that collide on a
case-insensitive file system. Nothing is extracted by the archive's own names: each accepted
file is copied, with a bounded read, to a server-chosen name in a private temporary folder,
and the disc is refused with its own code for each of those shapes before any file is judged.
Formats are then decided from the bytes (``filings.validation``), never from names.

Problem codes: disc.unreadable, disc.path_traversal, disc.link, disc.zip_bomb,
disc.too_many_files, disc.too_large, disc.names_differ_by_case, disc.encrypted, disc.empty.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from filings.text import file_size

MAX_FILES = 200
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
CHUNK = 64 * 1024
LABEL_NAMES = {"label.txt"}
LABEL_MAX_BYTES = 64 * 1024
IGNORED = {"thumbs.db", "desktop.ini", ".ds_store"}

LABEL_LINE = re.compile(
    r"^\s*(?P<position>\d{1,3})\s+(?P<title>.*?)\s+\((?P<kind>[^()]*)\)\s+(?P<name>\S+)\s*$"
)
NAME_ONLY = re.compile(r"^\s*(?:\d{1,3}[.)]?\s+)?(?P<name>[^\s]+\.[A-Za-z0-9]{1,5})\s*$")


@dataclass(frozen=True)
class DiscProblem:
    code: str
    message: str
    paragraph: str = ""


@dataclass(frozen=True)
class LabelEntry:
    name: str
    title: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Label:
    matter_number: str
    abbreviated_title: str
    documents: tuple[LabelEntry, ...]


@dataclass
class DiscContents:
    files: list[tuple[str, Path]] = field(default_factory=list)
    label: Label | None = None
    problems: list[DiscProblem] = field(default_factory=list)
    kind: str = "folder"

    @property
    def refused(self) -> bool:
        return any(p.code.startswith("disc.") for p in self.problems)

    def refuse(self, code: str, message: str) -> None:
        if not any(p.code == code for p in self.problems):
            self.problems.append(DiscProblem(code, message))


def parse_label(text: str) -> Label:
    """The registry's ``LABEL.txt`` (``filings.packaging.label_text``) or plain text shaped
    like it: "Matter Number:", "Title:" and one document per line."""
    matter_number = title = ""
    documents: list[LabelEntry] = []
    in_list = False
    for line in text.splitlines():
        key, _, value = line.partition(":")
        lowered = key.strip().casefold()
        if not in_list and lowered == "matter number":
            matter_number = value.strip()
        elif not in_list and lowered in {"title", "abbreviated title"}:
            title = value.strip()
        elif lowered.startswith("documents"):
            in_list = True
        elif in_list and line.strip() and line.strip() != "(none)":
            full = LABEL_LINE.match(line)
            if full:
                documents.append(LabelEntry(full["name"], full["title"], full["kind"]))
            elif bare := NAME_ONLY.match(line):
                documents.append(LabelEntry(bare["name"]))
    return Label(matter_number, title, tuple(documents))


def _unsafe_path(name: str) -> bool:
    name = name.replace("\\", "/")
    parts = PurePosixPath(name).parts
    return (
        name.startswith("/")
        or ".." in parts
        or (bool(parts) and ":" in parts[0])
        or any(ord(ch) < 32 for ch in name)
    )


def _accept_name(contents: DiscContents, name: str) -> str | None:
    """The file's own name (folders dropped) if it is a document to consider."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if not base or base.casefold() in IGNORED or base.startswith("."):
        return None
    return base


def _add_file(contents: DiscContents, base: str, path: Path, seen: dict[str, str]) -> None:
    key = base.casefold()
    if key in seen:
        contents.refuse(
            "disc.names_differ_by_case",
            f'The disc holds "{seen[key]}" and "{base}": names must differ by more than case '
            "(or folder), so that each document can be recognised (para 6).",
        )
        return
    seen[key] = base
    if key in LABEL_NAMES:
        data = path.read_bytes()[:LABEL_MAX_BYTES]
        contents.label = parse_label(data.decode("utf-8", "replace"))
        return
    contents.files.append((base, path))


def _count_check(contents: DiscContents, count: int) -> bool:
    if count > MAX_FILES:
        contents.refuse(
            "disc.too_many_files",
            f"The disc holds {count} files; the registry takes at most {MAX_FILES} at once.",
        )
        return False
    return True


def read_folder(root: Path, work: Path) -> DiscContents:
    contents = DiscContents(kind="folder")
    entries: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in [*dirnames, *filenames]:
            full = Path(dirpath) / name
            if full.is_symlink():
                contents.refuse("disc.link", f"{name} is a link; a disc may hold only files.")
        for name in filenames:
            full = Path(dirpath) / name
            if not full.is_symlink() and stat.S_ISREG(full.lstat().st_mode):
                entries.append((str(full.relative_to(root)), full))
        if not _count_check(contents, len(entries)):
            return contents
    total = sum(path.stat().st_size for _, path in entries)
    if total > MAX_TOTAL_BYTES:
        contents.refuse("disc.too_large", f"The disc holds {file_size(total)}; too much at once.")
    if contents.refused:
        return contents
    seen: dict[str, str] = {}
    for name, path in entries:
        base = _accept_name(contents, name)
        if base:
            _add_file(contents, base, path, seen)
    return contents


def read_zip(archive: Path, work: Path) -> DiscContents:  # noqa: C901 - one branch per case the format or rule reads, kept together to be read as one
    contents = DiscContents(kind="zip")
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        contents.refuse("disc.unreadable", f"The ZIP cannot be read: {error}.")
        return contents
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if not _count_check(contents, len(infos)):
            return contents
        total = 0
        for info in infos:
            if _unsafe_path(info.filename):
                contents.refuse(
                    "disc.path_traversal", f'"{info.filename}" points outside the disc.'
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                contents.refuse("disc.link", f"{info.filename} is a link; a disc holds files.")
            if info.flag_bits & 0x1:
                contents.refuse("disc.encrypted", f"{info.filename} is encrypted.")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
                contents.refuse(
                    "disc.zip_bomb", f"{info.filename} expands {ratio:,.0f} times: refused."
                )
        if total > MAX_TOTAL_BYTES:
            contents.refuse("disc.zip_bomb", f"The ZIP expands to {file_size(total)}: refused.")
        if contents.refused:
            return contents
        seen: dict[str, str] = {}
        for number, info in enumerate(infos):
            base = _accept_name(contents, info.filename)
            if not base:
                continue
            target = work / f"{number:04d}"
            if not _copy_bounded(zf.open(info), target, info.file_size):
                contents.refuse("disc.zip_bomb", f"{info.filename} is larger than it declares.")
                return contents
            _add_file(contents, base, target, seen)
    return contents


def _copy_bounded(source, target: Path, limit: int) -> bool:  # type: ignore[no-untyped-def]
    written = 0
    with source, target.open("wb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                return False
            out.write(chunk)
    return True


def read_iso(image: Path, work: Path) -> DiscContents:
    import pycdlib
    from pycdlib.pycdlibexception import PyCdlibException

    contents = DiscContents(kind="iso")
    iso = pycdlib.PyCdlib()
    try:
        iso.open(str(image))
    except (PyCdlibException, OSError, ValueError) as error:
        contents.refuse("disc.unreadable", f"The disc image cannot be read: {error}.")
        return contents
    try:
        facade = (
            "rr_path" if iso.has_rock_ridge() else "joliet_path" if iso.has_joliet() else "iso_path"
        )
        entries: list[tuple[str, int, str]] = []
        for dirpath, _dirs, files in iso.walk(**{facade: "/"}):
            for name in files:
                path = f"{dirpath.rstrip('/')}/{name}"
                clean = name.split(";", 1)[0] if facade == "iso_path" else name
                if _unsafe_path(clean) or "/" in clean or "\\" in clean:
                    contents.refuse("disc.path_traversal", f'"{clean}" points outside the disc.')
                    continue
                record = iso.get_record(**{facade: path})
                if facade == "rr_path" and record.is_symlink():
                    contents.refuse("disc.link", f"{clean} is a link; a disc holds files.")
                    continue
                entries.append((clean, record.get_data_length(), path))
            if not _count_check(contents, len(entries)):
                return contents
        if sum(size for _, size, _ in entries) > MAX_TOTAL_BYTES:
            contents.refuse("disc.too_large", "The disc image holds too much at once.")
        if contents.refused:
            return contents
        seen: dict[str, str] = {}
        for number, (name, _size, path) in enumerate(entries):
            base = _accept_name(contents, name)
            if not base:
                continue
            target = work / f"{number:04d}"
            with target.open("wb") as out:
                iso.get_file_from_iso_fp(out, **{facade: path})
            _add_file(contents, base, target, seen)
    except (PyCdlibException, OSError, ValueError) as error:
        contents.refuse("disc.unreadable", f"The disc image cannot be read: {error}.")
    finally:
        iso.close()
    return contents


def read_disc(path: Path, work: Path) -> DiscContents:
    """The disc at ``path`` (folder, ZIP or ISO image), its files copied into ``work``."""
    if path.is_dir():
        contents = read_folder(path, work)
    elif not path.is_file():
        contents = DiscContents()
        contents.refuse("disc.unreadable", f"{path.name} does not exist.")
    else:
        with path.open("rb") as handle:
            head = handle.read(4)
            handle.seek(0x8001)
            iso_magic = handle.read(5)
        if head.startswith(b"PK"):
            contents = read_zip(path, work)
        elif iso_magic == b"CD001":
            contents = read_iso(path, work)
        else:
            contents = DiscContents()
            contents.refuse(
                "disc.unreadable", "Give a disc's folder, a ZIP of it or an ISO 9660 image."
            )
    if not contents.refused and not contents.files:
        contents.refuse("disc.empty", "The disc holds no documents.")
    return contents

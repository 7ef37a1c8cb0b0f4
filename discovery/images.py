"""The images of a party's documents checked against its list (PN127 Schedule (a)-(b) and the
Check List's "Electronic image formats: TIFF single **").

Each image is named as its Document ID, the dots of which may be omitted except the one before
the extension (Schedule (b): ``AAA.NNN.NNN.NNNN.tiff`` or ``AAANNNNNNNNNNN.tif``); it is a TIFF,
single-page unless the protocol allows multi-page; and it is around the protocol's resolution
(Schedule (a), a warning only). Images naming no row, and rows said to be imaged without an
image, are reported. A row is "said to be imaged" when the list's agreed ``Imaged`` column says
Yes; without such a column every row is, except non-paper records.

Threat model. A ZIP of images comes from a practitioner: every name is hostile until checked.
Entries with absolute paths, ``..`` parts, backslashes, NUL bytes or symbolic-link modes are
refused, not extracted; the number of entries, each entry's size and the total are capped
before anything is decompressed, and each entry is copied out in chunks counting the real
bytes, so a directory that lies about sizes cannot fill the disk. Each image is extracted to a
private temporary folder, checked by the registry's own format validation
(``filings.validation.validate_file``: decoded by content, with its pixel limits), and removed.
A folder (for the command line) is walked without following symbolic links.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from filings.validation import Format, Role, ValidationPolicy, validate_file
from practice_directions.rules.discovery import ListConventions, ListValidator
from practice_directions.rules.discovery import fields as F

from .readers import open_list

SCHEDULE_B = "PN127 Schedule (b) Filename Structure"
SCHEDULE_A = "PN127 Schedule (a) Image Resolution"
IMAGE_FORMATS = "PN127 Technology Check List: Electronic image formats (TIFF single)"
TIFF_EXTENSIONS = (".tif", ".tiff")
IMAGED_COLUMN = "imaged"
MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
COPY_CHUNK = 1024 * 1024


class ImagesUnreadable(Exception):
    """The ZIP or folder cannot be checked at all; ``str()`` says why."""


@dataclass(frozen=True)
class ImageProblem:
    name: str
    document_id: str
    code: str
    message: str
    paragraph: str
    severity: str = "error"


@dataclass(frozen=True)
class ImagesReport:
    images: int
    expected: int
    problems: tuple[ImageProblem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def image_key(name: str) -> str:
    """The Document ID an image file names, dots removed (Schedule (b) lets them go)."""
    stem = PurePosixPath(name).name
    base, _, _ = stem.rpartition(".")
    return (base or stem).replace(".", "").upper()


def expected_images(
    list_path: str | os.PathLike[str], conventions: ListConventions
) -> dict[str, tuple[str, bool]]:
    """Each Document ID of the list (dots removed) -> (Document ID, said to be imaged)."""
    expected: dict[str, tuple[str, bool]] = {}
    with open_list(list_path) as source:
        header = ListValidator(conventions, keep=0).start(source.header)
        id_column = header.columns.get(F.DOCUMENT_ID)
        if id_column is None:
            return expected
        lowered = [h.strip().lower() for h in header.names]
        imaged_column = lowered.index(IMAGED_COLUMN) if IMAGED_COLUMN in lowered else None
        non_paper = header.columns.get(F.NON_PAPER_RECORD)
        for cells in source.rows:
            doc = cells[id_column].strip() if id_column < len(cells) else ""
            if not doc:
                continue
            if imaged_column is not None:
                cell = cells[imaged_column] if imaged_column < len(cells) else ""
                imaged = cell.strip().lower() in ("yes", "y")
            else:
                imaged = not (
                    non_paper is not None
                    and non_paper < len(cells)
                    and cells[non_paper].strip() == "YES"
                )
            expected[doc.replace(".", "").upper()] = (doc, imaged)
    return expected


def _safe_member(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    if "\x00" in name or "\\" in name or name.startswith("/"):
        return False
    if any(part in ("..", "") for part in PurePosixPath(name).parts):
        return False
    mode = info.external_attr >> 16
    return not stat.S_ISLNK(mode)


def zip_images(zip_path: str | os.PathLike[str], workdir: str) -> Iterator[tuple[str, str]]:
    """(name, extracted path) for each file in the ZIP, one at a time, each removed after."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ImagesUnreadable(f"The ZIP cannot be opened ({error}).") from None
    with archive:
        entries = [e for e in archive.infolist() if not e.is_dir()]
        if len(entries) > MAX_ENTRIES:
            raise ImagesUnreadable(f"The ZIP holds more than {MAX_ENTRIES:,} files.")
        if sum(e.file_size for e in entries) > MAX_TOTAL_BYTES:
            raise ImagesUnreadable("The ZIP expands to more than 4 GiB; send the images on disk.")
        for entry in entries:
            if not _safe_member(entry):
                raise ImagesUnreadable(f"The ZIP holds an unsafe name ({entry.filename[:80]!r}).")
            if entry.file_size > MAX_ENTRY_BYTES:
                raise ImagesUnreadable(f"{entry.filename[:80]} is larger than 200 MB.")
        for index, entry in enumerate(entries):
            target = os.path.join(workdir, f"image-{index}")
            copied = 0
            try:
                with archive.open(entry) as source, open(target, "wb") as out:
                    while chunk := source.read(COPY_CHUNK):
                        copied += len(chunk)
                        if copied > entry.file_size or copied > MAX_ENTRY_BYTES:
                            raise ImagesUnreadable(
                                f"{entry.filename[:80]} expands past its declared size."
                            )
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
                raise ImagesUnreadable(
                    f"{entry.filename[:80]} cannot be extracted ({error})."
                ) from None
            try:
                yield entry.filename, target
            finally:
                os.unlink(target)


def folder_images(folder: str | os.PathLike[str]) -> Iterator[tuple[str, str]]:
    """(relative name, path) for each regular file under ``folder``, links not followed."""
    root = Path(folder)
    if not root.is_dir():
        raise ImagesUnreadable(f"{folder} is not a folder.")
    for dirpath, _dirnames, filenames in os.walk(root, followlinks=False):
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_symlink() or not path.is_file():
                continue
            yield path.relative_to(root).as_posix(), str(path)


def check_images(
    images: Iterator[tuple[str, str]],
    expected: dict[str, tuple[str, bool]],
    conventions: ListConventions,
) -> ImagesReport:
    """Check each image, then report the rows said to be imaged that have none."""
    policy = ValidationPolicy(
        dpi_low=conventions.image_dpi * 0.75, dpi_high=conventions.image_dpi * 1.5
    )
    problems: list[ImageProblem] = []
    seen: dict[str, str] = {}
    count = 0
    for name, path in images:
        count += 1
        key = image_key(name)
        doc, _ = expected.get(key, ("", False))
        if not doc:
            problems.append(
                ImageProblem(
                    name,
                    "",
                    "images.no_row",
                    f"{name} is not named as any Document ID in the list.",
                    SCHEDULE_B,
                )
            )
        elif key in seen:
            problems.append(
                ImageProblem(
                    name,
                    doc,
                    "images.duplicate",
                    f"{name} and {seen[key]} are both images of {doc}.",
                    SCHEDULE_B,
                )
            )
        else:
            seen[key] = name
        if not name.lower().endswith(TIFF_EXTENSIONS):
            problems.append(
                ImageProblem(
                    name,
                    doc,
                    "images.not_tiff_name",
                    f"{name} should end in .tif or .tiff, like {doc or 'AAA.NNN.NNN.NNNN'}.tiff.",
                    SCHEDULE_B,
                )
            )
        problems.extend(_check_one(name, path, doc, conventions, policy))
    for key, (doc, imaged) in expected.items():
        if imaged and key not in seen:
            problems.append(
                ImageProblem(
                    "",
                    doc,
                    "images.missing",
                    f"{doc} is said to be imaged, but no image is named for it.",
                    SCHEDULE_B,
                )
            )
    return ImagesReport(images=count, expected=len(expected), problems=tuple(problems))


def _check_one(
    name: str, path: str, doc: str, conventions: ListConventions, policy: ValidationPolicy
) -> list[ImageProblem]:
    result = validate_file(path, role=Role.ANNEXURE, filename=os.path.basename(name), policy=policy)
    found: list[ImageProblem] = []
    if result.format != Format.TIFF:
        found.append(
            ImageProblem(
                name,
                doc,
                "images.not_tiff",
                f"{name} is {result.format}, not a TIFF image.",
                IMAGE_FORMATS,
            )
        )
        return found
    for problem in result.errors:
        found.append(ImageProblem(name, doc, "images.invalid", problem.message, problem.paragraph))
    if (result.frames or result.pages or 1) > 1 and not conventions.tiff_multi_page:
        found.append(
            ImageProblem(
                name,
                doc,
                "images.multi_page",
                f"{name} has {result.frames or result.pages} pages; the protocol uses single-page "
                "TIFF images.",
                IMAGE_FORMATS,
            )
        )
    for problem in result.warnings:
        if problem.code.startswith("image.resolution"):
            found.append(
                ImageProblem(name, doc, "images.resolution", problem.message, SCHEDULE_A, "warning")
            )
    return found


def check_images_zip(
    zip_path: str | os.PathLike[str],
    list_path: str | os.PathLike[str],
    conventions: ListConventions,
) -> ImagesReport:
    """Check a ZIP of images against a stored list."""
    expected = expected_images(list_path, conventions)
    workdir = tempfile.mkdtemp(prefix="discovery-images-")
    try:
        return check_images(zip_images(zip_path, workdir), expected, conventions)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def check_uploaded_images(
    upload: Any, list_path: str | os.PathLike[str], conventions: ListConventions
) -> ImagesReport:
    """Check an uploaded ZIP (a Django ``UploadedFile``) against a stored list."""
    with tempfile.NamedTemporaryFile(prefix="discovery-images-", suffix=".zip") as spooled:
        size = 0
        for chunk in upload.chunks(COPY_CHUNK):
            size += len(chunk)
            if size > MAX_TOTAL_BYTES:
                raise ImagesUnreadable("The ZIP is larger than 4 GiB; send the images on disk.")
            spooled.write(chunk)
        spooled.flush()
        return check_images_zip(spooled.name, list_path, conventions)

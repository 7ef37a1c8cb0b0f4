"""PDF and ZIP-based files (DOCX, ODT, XLSX ...): recognised and, by default, refused.

PDF is not an acceptable format (PD16 para 4). Office Open XML Word files (.docx) are refused
unless the Registrar has specified them (``ValidationPolicy.accept_docx``); when admitted they
are checked as ZIP archives: the Word parts present, every member's CRC verified by reading it
in chunks, declared sizes bounded (zip bombs), no encrypted members, and macro-enabled files
(a ``vbaProject.bin`` part) treated as Word files carrying macros (PN127 paras 9-10).
"""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO

from filings.validation.detect import MIME_DESCRIPTIONS
from filings.validation.doc import report_macros
from filings.validation.findings import Findings, warn_embedded_objects
from filings.validation.policy import ValidationPolicy
from filings.validation.reader import read_at
from filings.validation.results import Flag, Format

PDF_TAIL = 1024  # readers look for %%EOF near the end
MAX_ZIP_DIRECTORY = 8 * 1024 * 1024
MAX_ZIP_ENTRIES = 20_000
ZIP_CHUNK = 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCM_MIME = "application/vnd.ms-word.document.macroenabled.12"
WORD_MAIN_PART = "word/document.xml"


def check_pdf(fd: int, size: int, findings: Findings, libmagic_text: str) -> None:
    findings.format = Format.PDF
    version = libmagic_text.split("version", 1)[-1].split(",")[0].strip()
    findings.description = (
        f"PDF document (version {version})" if "version" in libmagic_text else ("PDF document")
    )
    if b"%%EOF" in read_at(fd, max(0, size - PDF_TAIL), PDF_TAIL):
        findings.valid = True
    else:
        findings.flag(Flag.TRUNCATED)
    findings.error(
        "format.pdf_not_acceptable",
        "PDF is not an acceptable format under PD16 para 4. Lodge the document in Microsoft "
        "Word (DOC) or Rich Text Format (RTF); an annexure that cannot be provided in those "
        "formats may be a TIFF, GIF or JPEG image.",
    )


def zip_names(fd: int, fileobj: BinaryIO, size: int) -> list[str] | None:
    """The member names of a ZIP file, or None when its directory is missing or too large
    to read safely (the directory is read whole, so its size is checked first)."""
    tail = read_at(fd, max(0, size - 65_557), 65_557)
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) - end < 22:
        return None
    entries, directory_size = struct.unpack_from("<HI", tail, end + 10)
    if entries > MAX_ZIP_ENTRIES or directory_size > MAX_ZIP_DIRECTORY:
        return None
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            return archive.namelist()
    except Exception:
        return None


def is_docx(mime: str, names: list[str] | None) -> bool:
    return mime in (DOCX_MIME, DOCM_MIME) or bool(names and WORD_MAIN_PART in names)


def check_docx(
    fileobj: BinaryIO,
    size: int,
    names: list[str] | None,
    findings: Findings,
    policy: ValidationPolicy,
) -> None:
    """A .docx admitted by the Registrar: intact, unencrypted, without macros by default."""
    findings.format = Format.DOC
    findings.flag(Flag.DOCX)
    findings.description = MIME_DESCRIPTIONS[DOCX_MIME]
    if names is None:
        findings.error(
            "doc.truncated",
            "The Word file is incomplete: its table of contents is missing, so it was probably "
            "cut short when it was copied or uploaded.",
            flag=Flag.TRUNCATED,
        )
        return
    if WORD_MAIN_PART not in names or "[Content_Types].xml" not in names:
        findings.error("doc.corrupt", "The Word file is damaged: its main text part is missing.")
        return
    problem = _zip_damage(fileobj, size)
    if problem == "encrypted":
        findings.valid = True
        findings.error(
            "doc.encrypted",
            "The Word file is password-protected (encrypted), so the Commission's systems cannot "
            "read it. Save it again without a password and lodge that copy.",
            flag=Flag.ENCRYPTED,
        )
        return
    if problem:
        findings.error("doc.corrupt", f"The Word file is damaged: {problem}.")
        return
    findings.valid = True
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        findings.description = MIME_DESCRIPTIONS[DOCM_MIME]
        report_macros(findings, policy)
    if any(name.startswith("word/embeddings/") for name in names):
        warn_embedded_objects(
            findings, "doc.embedded_objects", "Word", scanner=policy.virus_scanner
        )


def _zip_damage(fileobj: BinaryIO, size: int) -> str:
    """Read every member through its CRC check: "" when all are whole."""
    budget = max(256 * 1024 * 1024, 100 * size)  # Word XML compresses well; bombs far better
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if any(member.flag_bits & 0x1 for member in members):
                return "encrypted"
            if sum(member.file_size for member in members) > budget:
                return "it would expand to far more than its size (a zip bomb)"
            for member in members:
                with archive.open(member) as stream:
                    while stream.read(ZIP_CHUNK):
                        pass
    except zipfile.BadZipFile as error:
        return f"a part fails its integrity check ({str(error)[:80]})"
    except Exception as error:
        return f"a part cannot be read ({type(error).__name__})"
    return ""


def refuse_docx(findings: Findings) -> None:
    findings.format = Format.OTHER
    findings.flag(Flag.DOCX)
    findings.description = MIME_DESCRIPTIONS[DOCX_MIME]
    findings.error(
        "format.docx_not_acceptable",
        "Word 2007+ files (.docx) are not accepted: PD16 para 4 names Microsoft Word (DOC) "
        'and Rich Text Format (RTF). Save the document as "Word 97-2003 Document (.doc)" or '
        "as RTF and lodge that copy.",
    )

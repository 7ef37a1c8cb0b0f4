"""What a filing is handed back as: the Notice of Lodgment, the para 6 label and a ZIP of copies.

PD16 para 6: the electronic version is labelled with the Matter Number, an abbreviated Title
and a list of the documents filed in computer-readable format, and the documents are saved
"in such a way that allows for easy recognition" including the IRC matter number. One naming
convention serves the ZIP, the label and the notice::

    IRC2004-1000_03_Affidavit-of-J-Smith.doc
    (matter number, "/" as "-") _ (position in the filing) _ (title) . (extension of the format)

Stored copies are named by their SHA-256 (``filings.storage``); every read here re-computes
the hash, and a copy whose bytes no longer match is refused and logged on the
``filings.integrity`` logger for the registry to act on. Reads go chunk by chunk: neither a
download nor a ZIP holds a whole file in memory.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO, cast
from zoneinfo import ZoneInfo

from filings.models import Document, Filing
from filings.text import file_size, format_name
from filings.validation import FORMAT_CONTENT_TYPES, FORMAT_EXTENSIONS

SYDNEY = ZoneInfo("Australia/Sydney")
CHUNK_BYTES = 64 * 1024
LABEL_FILE_NAME = "LABEL.txt"
TITLE_SLUG_MAX = 80
# Above this an entry needs ZIP64 headers; on a stream they must be chosen before writing.
ZIP64_THRESHOLD = 0x7FFFFFFF

STATUS_WORDS = {
    "required": "required",
    "exempt": "not required: exempt",
    "waived": "not required: waived by direction",
    "not_in_force": "not required: PD16 not in force on the filing date",
    "awaiting_certificate": "not yet required: awaiting the Certificate of Unsuccessful "
    "Conciliation",
}

integrity_log = logging.getLogger("filings.integrity")


class StoredCopyError(Exception):
    """A stored electronic copy is missing or its bytes no longer match its SHA-256.

    ``code`` is ``MISSING`` or ``CHANGED``; ``actual_sha256`` is what the bytes hash to now
    (empty when the copy is missing), for the audit trail.
    """

    MISSING = "integrity.copy_missing"
    CHANGED = "integrity.copy_changed"

    def __init__(
        self, document: Document, problem: str, *, code: str = CHANGED, actual_sha256: str = ""
    ) -> None:
        super().__init__(f"{document}: {problem}")
        self.document = document
        self.problem = problem
        self.code = code
        self.actual_sha256 = actual_sha256


@dataclass(frozen=True)
class DocumentEntry:
    """One line of the notice and the label: a document and the name its copy goes by."""

    position: int
    kind: str
    title: str
    role: str
    annexed_to: int | None
    file_name: str
    original_filename: str
    detected_format: str
    size: int | None
    sha256: str
    has_copy: bool
    copy_status: str
    paragraphs: tuple[str, ...]
    paper_copy_lodged: bool = True
    # "IRC2026/0001-F01 document 02" when the copy was carried over from a rejected filing.
    carried_over_from: str = ""

    @property
    def no_copy_explanation(self) -> str:
        """Why no electronic copy came with the document, with the paragraphs relied on."""
        words = STATUS_WORDS.get(self.copy_status, self.copy_status or "none lodged")
        if self.paragraphs:
            return f"{words} (PD16 para {', '.join(self.paragraphs)})"
        return words


def matter_file_prefix(matter_number: str) -> str:
    """IRC2004/1000 -> IRC2004-1000 (a "/" cannot appear in a file name)."""
    return matter_number.replace("/", "-")


def title_slug(title: str) -> str:
    """ "Affidavit of J. Smith (sworn 3/3)" -> "Affidavit-of-J-Smith-sworn-3-3": ASCII only."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", ascii_title)
    slug = "-".join(words)[:TITLE_SLUG_MAX].rstrip("-")
    return slug or "Document"


def extension_for(document: Document) -> str:
    """The extension of the detected format; the lodged name's only if the format is unknown."""
    known = FORMAT_EXTENSIONS.get(document.detected_format.upper())
    if known:
        return known
    suffix = document.original_filename.rpartition(".")[2].lower()
    return suffix if suffix.isalnum() and len(suffix) <= 5 else "bin"


def document_file_name(document: Document, *, matter_number: str) -> str:
    """The recognisable name of a document's copy, e.g. IRC2004-1000_03_Affidavit-of-J-Smith.doc."""
    return (
        f"{matter_file_prefix(matter_number)}_{document.position:02d}_"
        f"{title_slug(document.title)}.{extension_for(document)}"
    )


def content_type_for(document: Document) -> str:
    return FORMAT_CONTENT_TYPES.get(document.detected_format.upper(), "application/octet-stream")


def document_entries(filing: Filing, documents: Iterable[Document]) -> list[DocumentEntry]:
    """The filing's documents as lines for the notice and the label, in filing order.

    ``documents`` should come with ``kind`` and ``annexed_to`` selected (no query per row).
    """
    entries = []
    for document in sorted(documents, key=lambda d: d.position):
        decision = document.rules_decision or {}
        paragraphs = tuple(
            dict.fromkeys(r.get("paragraph", "") for r in decision.get("reasons", []))
        )
        entries.append(
            DocumentEntry(
                position=document.position,
                kind=document.kind.name,
                title=document.title,
                role=document.get_role_display(),
                annexed_to=document.annexed_to.position if document.annexed_to else None,
                file_name=document_file_name(document, matter_number=filing.matter.number)
                if document.has_electronic_copy
                else "",
                original_filename=document.original_filename,
                detected_format=document.detected_format,
                size=document.size,
                sha256=document.sha256,
                has_copy=document.has_electronic_copy,
                copy_status=decision.get("status", ""),
                paragraphs=tuple(p for p in paragraphs if p),
                paper_copy_lodged=document.paper_copy_lodged,
                carried_over_from=_carried_from(document),
            )
        )
    return entries


def _carried_from(document: Document) -> str:
    original = document.carried_over_from if document.carried_over_from_id else None
    if original is None:
        return ""
    return f"{original.filing.reference} document {original.position:02d}"


def declaration_text(filing: Filing) -> str:
    """What the practitioner declared under PD16 para 5, as the notice prints it."""
    if filing.same_text_declared:
        return (
            "The practitioner declared that each electronic copy contains the same text as "
            "its paper copy (PD16 para 5)."
        )
    return "No declaration under PD16 para 5 was asked for with this lodgment."


def lodged_at_text(moment: datetime.datetime) -> str:
    """Tuesday 12 May 2026, 10:31:05 AEST: the time in Sydney, whatever the server's zone."""
    local = moment.astimezone(SYDNEY)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M:%S %Z}"


def lodged_by_text(filing: Filing) -> str:
    """The lodging user's name and, where recorded, their organisation."""
    user = filing.lodged_by
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "practitioner_profile", None)
    if profile is not None and profile.organisation_id:
        return f"{name}, {profile.organisation.name}"
    return name


def notice_of_lodgment_text(filing: Filing, entries: Sequence[DocumentEntry]) -> str:
    """The Notice of Lodgment as plain text (the downloadable form of the printable page)."""
    matter = filing.matter
    lines = [
        "NOTICE OF LODGMENT",
        "Industrial Relations Commission of New South Wales - Industrial Registry",
        "Practice Direction No 16: Filing of Documents in Computer-Readable Format",
        "",
        f"Filing number:  {filing.reference}",
        f"Matter number:  {matter.number}",
        f"Matter:         {matter.abbreviated_title}",
        f"Party:          {filing.party.name} ({filing.party.get_role_display()})",
        f"Lodged at:      {lodged_at_text(filing.lodged_at)} (Australia/Sydney)",
        f"Lodged by:      {lodged_by_text(filing)}",
        f"Lodged by way:  {filing.get_channel_display()}",
        f"Status:         {filing.get_status_display()}",
    ]
    if filing.corrects:
        lines.append(f"Corrects:       {filing.corrects.reference}")
    lines += ["", f"DOCUMENTS ({len(entries)})"]
    for entry in entries:
        lines += ["", f"{entry.position:02d}  {entry.title}", f"    Kind:         {entry.kind}"]
        role = entry.role
        if entry.annexed_to:
            role += f", annexed to document {entry.annexed_to:02d}"
        lines.append(f"    Role:         {role}")
        lines.append(f"    Paper copy:   {'lodged' if entry.paper_copy_lodged else 'not lodged'}")
        if entry.carried_over_from:
            lines.append(
                f"    Carried over: from {entry.carried_over_from}, original SHA-256 {entry.sha256}"
            )
        if entry.has_copy:
            lines += [
                f"    Stored as:    {entry.file_name}",
                f"    Lodged as:    {entry.original_filename}",
                f"    Format:       {format_name(entry.detected_format)}",
                f"    Size:         {file_size(entry.size)}",
                f"    SHA-256:      {entry.sha256}",
            ]
        else:
            lines.append(f"    No electronic copy: {entry.no_copy_explanation}")
    lines += [
        "",
        "DECLARATION",
        declaration_text(filing),
        "",
        "The SHA-256 of each electronic copy identifies its exact bytes: the registry",
        "re-computes it whenever the copy is read.",
    ]
    return "\n".join(lines) + "\n"


# How much of a document list a disc label's lower half holds at each type size (points), as
# the list's height in points: each title and each file name takes whole lines, a title about
# LABEL_TITLE_POINTS / size characters a line (proportional type, broken at words), a file name
# LABEL_FILE_POINTS / size (monospace at .85 of the size, broken anywhere). Measured in a
# browser for lists of 1 to 10 documents with titles of 20 to 200 characters: every line then
# lies inside the disc (tests/browser/test_label.py). Past the tightest, no legible size holds
# the list inside the disc: "overflow" (the disc says so and the A4 sheet lists them all).
LABEL_SIZES = (("normal", 7.0, 79.0), ("compact", 5.5, 99.0), ("tight", 4.5, 108.0))
LABEL_TITLE_POINTS = 180
LABEL_FILE_POINTS = 185
FILE_LINE_HEIGHT = 0.85


def _label_list_height(entries: Sequence[DocumentEntry], size: float) -> float:
    title_chars = LABEL_TITLE_POINTS / size
    file_chars = LABEL_FILE_POINTS / size
    return sum(
        size * math.ceil(len(e.title) / title_chars)
        + FILE_LINE_HEIGHT * size * math.ceil(len(e.file_name) / file_chars)
        for e in entries
    )


def label_density(entries: Sequence[DocumentEntry]) -> str:
    """The type size of the disc label's document list: "normal", "compact" or "tight", or
    "overflow" when no legible size fits it inside a disc."""
    for density, size, capacity in LABEL_SIZES:
        if _label_list_height(entries, size) <= capacity:
            return density
    return "overflow"


def label_text(filing: Filing, entries: Sequence[DocumentEntry]) -> str:
    """The PD16 para 6 label: Matter Number, abbreviated Title, documents in electronic form."""
    matter = filing.matter
    with_copies = [e for e in entries if e.has_copy]
    lines = [
        f"Matter Number: {matter.number}",
        f"Title: {matter.abbreviated_title}",
        f"Filing: {filing.reference}, lodged {lodged_at_text(filing.lodged_at)}",
        "",
        "Documents filed in computer-readable format:",
    ]
    lines += [f"{e.position:02d}  {e.title} ({e.kind})  {e.file_name}" for e in with_copies]
    if not with_copies:
        lines.append("(none)")
    return "\r\n".join(lines) + "\r\n"


def _open_stored(document: Document) -> BinaryIO:
    storage = document.electronic_copy.storage
    try:
        return cast(BinaryIO, storage.open(str(document.electronic_copy.name), "rb"))
    except FileNotFoundError as missing:
        integrity_log.error(
            "Stored copy missing: filing %s document %s (pk %s), expected SHA-256 %s at %s",
            document.filing.reference,
            document.position,
            document.pk,
            document.sha256,
            document.electronic_copy.name,
        )
        raise StoredCopyError(
            document, "the stored copy is missing", code=StoredCopyError.MISSING
        ) from missing


def _mismatch(document: Document, actual: str) -> StoredCopyError:
    integrity_log.error(
        "Stored copy fails its SHA-256 check: filing %s document %s (pk %s), "
        "lodged %s, now %s, at %s",
        document.filing.reference,
        document.position,
        document.pk,
        document.sha256,
        actual,
        document.electronic_copy.name,
    )
    return StoredCopyError(
        document,
        "the stored copy no longer matches its SHA-256",
        code=StoredCopyError.CHANGED,
        actual_sha256=actual,
    )


def verify_stored_copy(document: Document) -> None:
    """Re-hash a stored copy; ``StoredCopyError`` (logged) if it is missing or changed."""
    digest = hashlib.sha256()
    with _open_stored(document) as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
    if digest.hexdigest() != document.sha256:
        raise _mismatch(document, digest.hexdigest())


def stream_stored_copy(document: Document) -> Iterator[bytes]:
    """The stored bytes, chunk by chunk, hashed as they go.

    Call ``verify_stored_copy`` first so a changed copy is refused before any byte is sent;
    this second check catches a change in between, and ends the stream (the download is then
    visibly incomplete) rather than let it finish as if it were good.
    """
    digest = hashlib.sha256()
    with _open_stored(document) as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
            yield chunk
    if digest.hexdigest() != document.sha256:
        raise _mismatch(document, digest.hexdigest())


class _ChunkSink:
    """A write-only, unseekable file for ``zipfile``: what it is given is handed on in chunks."""

    def __init__(self) -> None:
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._pending.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered beyond ``drain``."""

    def drain(self) -> Iterator[bytes]:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            yield data


def _zip_info(name: str, moment: datetime.datetime) -> zipfile.ZipInfo:
    local = moment.astimezone(SYDNEY)
    info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def stream_filing_zip(filing: Filing, documents: Sequence[Document]) -> Iterator[bytes]:
    """A ZIP of the filing's electronic copies and ``LABEL.txt``, produced as it is sent.

    ``zipfile`` writes into an unseekable sink (sizes go in data descriptors), so memory stays
    at about one chunk whatever the sizes. Each copy is re-hashed as it is packed; a mismatch
    is logged and ends the stream before the archive's directory is written.
    """
    entries = document_entries(filing, documents)
    sink = _ChunkSink()
    with zipfile.ZipFile(cast(IO[bytes], sink), mode="w", allowZip64=True) as archive:
        archive.writestr(
            _zip_info(LABEL_FILE_NAME, filing.lodged_at), label_text(filing, entries).encode()
        )
        yield from sink.drain()
        for document in sorted(documents, key=lambda d: d.position):
            if not document.has_electronic_copy:
                continue
            info = _zip_info(
                document_file_name(document, matter_number=filing.matter.number),
                filing.lodged_at,
            )
            digest = hashlib.sha256()
            large = (document.size or 0) > ZIP64_THRESHOLD
            with (
                _open_stored(document) as source,
                archive.open(info, mode="w", force_zip64=large) as target,
            ):
                while chunk := source.read(CHUNK_BYTES):
                    digest.update(chunk)
                    target.write(chunk)
                    yield from sink.drain()
            if digest.hexdigest() != document.sha256:
                raise _mismatch(document, digest.hexdigest())
    yield from sink.drain()


def zip_file_name(filing: Filing) -> str:
    """IRC2004-1000_F03.zip"""
    return f"{matter_file_prefix(filing.matter.number)}_F{filing.sequence:02d}.zip"

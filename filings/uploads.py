"""Receiving uploads: streamed to temporary files, with the registry's limits enforced as they come.

Django keeps small uploads in memory by default; here every file goes to a temporary file
whatever its size, and the per-file and per-filing limits (``REGISTRY_MAX_FILE_BYTES``,
``REGISTRY_MAX_FILING_BYTES``) are counted byte by byte while the request is read, so an
oversized upload is dropped as it arrives rather than after it has filled a disk. A request
whose declared length is already over the limit is refused before its body is parsed, and
the number of files is capped by ``DATA_UPLOAD_MAX_NUMBER_FILES``.

File names: the registry keeps at most ``MAX_FILE_NAME_CHARACTERS`` characters of a name
(``filings.services.lodgment.ORIGINAL_NAME_MAX``). A longer name is refused here with that limit
named, rather than silently cut (Django's ``UploadedFile`` would cut it to 255). A name so long
that its part's headers pass Django's 1,024-byte limit (``MultiPartParser``) used to end the
request as a bare 400; that error is caught here and refused the same way.

Each file is hashed (SHA-256) as its chunks are written, and spooled in the lodged-document
store's own folder when it has one (``filings.storage.upload_folder``): a lodgment then keeps
that very file, already hashed, instead of copying it and hashing it twice more
(``HashedUpload``; ``filings.storage.store_received_copy``).

Views using this must be ``csrf_exempt`` on the outside and ``csrf_protect`` inside: the CSRF
check reads ``request.POST``, which would parse the upload before the handlers are set.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import SkipFile, StopUpload, TemporaryFileUploadHandler
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError

from filings.services.lodgment import ORIGINAL_NAME_MAX
from filings.storage import upload_folder
from filings.text import file_size

# Multipart headers and the form's text fields travel with the files; a request may exceed
# the filing limit by this much before its declared length alone gets it refused.
FORM_ALLOWANCE_BYTES = 1024 * 1024
DRAIN_CHUNK_BYTES = 64 * 1024
MAX_FILE_NAME_CHARACTERS = ORIGINAL_NAME_MAX
SHOWN_NAME_CHARACTERS = 60


@dataclass(frozen=True)
class UploadRefusal:
    """Why (part of) an upload was not accepted; ``field_name`` names the file input, if one."""

    code: str
    message: str
    field_name: str = ""


def file_too_large(file_name: str = "", field_name: str = "") -> UploadRefusal:
    limit = file_size(settings.REGISTRY_MAX_FILE_BYTES)
    subject = f"\u201c{file_name}\u201d" if file_name else "The file"
    return UploadRefusal(
        "upload.file_too_large",
        f"{subject} is larger than {limit}, the most the registry accepts for one file. "
        "Nothing was lodged.",
        field_name,
    )


def file_name_too_long(file_name: str = "", field_name: str = "") -> UploadRefusal:
    if file_name:
        shown = file_name[:SHOWN_NAME_CHARACTERS] + "\u2026"
        subject = f"The file name \u201c{shown}\u201d is {len(file_name):,} characters long"
    else:
        subject = "A file name is too long for the registry to read"
    return UploadRefusal(
        "upload.file_name_too_long",
        f"{subject}; the registry accepts file names of at most {MAX_FILE_NAME_CHARACTERS} "
        "characters. Rename the file with a shorter name and choose it again. Nothing was lodged.",
        field_name,
    )


def upload_unreadable() -> UploadRefusal:
    return UploadRefusal(
        "upload.unreadable",
        "The registry could not read the files sent (the upload was malformed or cut off). "
        "Nothing was lodged: choose the files again and resend.",
    )


def filing_too_large() -> UploadRefusal:
    limit = file_size(settings.REGISTRY_MAX_FILING_BYTES)
    return UploadRefusal(
        "upload.filing_too_large",
        f"The files together are larger than {limit}, the most one filing may carry. "
        "Nothing was lodged: lodge fewer or smaller files in each filing.",
    )


def too_many_files() -> UploadRefusal:
    return UploadRefusal(
        "upload.too_many_files",
        f"A filing may carry at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files. "
        "Nothing was lodged.",
    )


class HashedUpload(TemporaryUploadedFile):
    """An upload spooled to a temporary file in ``folder``, with the SHA-256 of the bytes
    written to it (``sha256``, set when the file is complete; empty until then).

    The file is created by this process alone (``NamedTemporaryFile``: mode 0600, a random
    name) and removed when the request ends, unless the store has linked it under its own name.
    """

    def __init__(
        self,
        name: str,
        content_type: str,
        charset: str | None,
        folder: Path | None,
        content_type_extra: dict[str, bytes] | None = None,
    ):
        _, ext = os.path.splitext(name)
        directory = str(folder) if folder is not None else settings.FILE_UPLOAD_TEMP_DIR
        # Open for the upload's life: closed (and removed) with the request.
        file = tempfile.NamedTemporaryFile(suffix=".upload" + ext, dir=directory)  # noqa: SIM115
        # TemporaryUploadedFile's own __init__ would open a second file: set up as it would.
        super(TemporaryUploadedFile, self).__init__(
            file, name, content_type, 0, charset, content_type_extra
        )
        self._spool = file
        self.sha256 = ""
        self._hasher = hashlib.sha256()

    def write_hashed(self, data: bytes) -> None:
        self._spool.write(data)
        self._hasher.update(data)

    def complete(self, size: int) -> None:
        self._spool.flush()
        self.sha256 = self._hasher.hexdigest()
        self.size = size
        self.seek(0)


def received_digest(upload: Any) -> tuple[str, int] | None:
    """The SHA-256 and size an upload was hashed to as it arrived, or None (not hashed so:
    a kept file, a file from another source)."""
    if isinstance(upload, HashedUpload) and upload.sha256:
        return upload.sha256, int(upload.size or 0)
    return None


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Streams each file to a temporary file, hashing it as it comes; drops a file over the
    per-file limit and stops the whole upload once the files together pass the per-request
    limit."""

    def __init__(self, request: HttpRequest, *, max_file_bytes: int, max_total_bytes: int):
        super().__init__(request)
        self.max_file_bytes = max_file_bytes
        self.max_total_bytes = max_total_bytes
        self.refusals: list[UploadRefusal] = []
        self._file_bytes = 0
        self._total_bytes = 0
        self._folder: Path | None = upload_folder()
        if self._folder is not None:
            self._folder.mkdir(parents=True, exist_ok=True)

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        if len(file_name or "") > MAX_FILE_NAME_CHARACTERS:
            self.refusals.append(file_name_too_long(file_name, field_name))
            raise SkipFile  # the parser reads this file's bytes away
        # FileUploadHandler.new_file records the name, type and charset (no file yet).
        super(TemporaryFileUploadHandler, self).new_file(field_name, file_name, *args, **kwargs)
        self._upload = HashedUpload(
            self.file_name or "",
            self.content_type or "",
            self.charset,
            self._folder,
            self.content_type_extra,
        )
        self.file = self._upload  # where Django's handler keeps it (upload_interrupted)
        self._file_bytes = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self._file_bytes += len(raw_data)
        self._total_bytes += len(raw_data)
        if self._file_bytes > self.max_file_bytes:
            self.refusals.append(file_too_large(self.file_name or "", self.field_name or ""))
            # The parser deletes this file's temporary file and reads the rest of it away.
            self._total_bytes -= self._file_bytes
            raise SkipFile
        if self._total_bytes > self.max_total_bytes:
            self.refusals.append(filing_too_large())
            # The parser deletes the temporary files and reads the rest of the body away.
            raise StopUpload(connection_reset=False)
        self._upload.write_hashed(raw_data)

    def file_complete(self, file_size: int) -> HashedUpload:
        self._upload.complete(file_size)
        return self._upload


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def drain(request: HttpRequest) -> None:
    """Read a refused body away in small chunks, so the client can read the refusal."""
    while request.read(DRAIN_CHUNK_BYTES):
        pass


@dataclass(frozen=True)
class Received:
    """The outcome of reading an upload: refusals (empty if all is well), and whether the body
    was parsed (a body refused on its declared length is read away unparsed)."""

    refusals: tuple[UploadRefusal, ...]
    parsed: bool


def receive(
    request: HttpRequest, *, max_file_bytes: int, max_total_bytes: int, single_file: bool = False
) -> Received:
    """Parse the upload with the limits. Call before anything reads ``request.POST``.

    ``single_file``: the request carries one file, so its total limit is that file's limit.
    """
    if declared_length(request) > max_total_bytes + FORM_ALLOWANCE_BYTES:
        drain(request)
        refusal = file_too_large() if single_file else filing_too_large()
        return Received((refusal,), parsed=False)
    handler = LimitedTemporaryFileUploadHandler(
        request, max_file_bytes=max_file_bytes, max_total_bytes=max_total_bytes
    )
    request.upload_handlers = [handler]
    try:
        request.POST  # noqa: B018 - parses the body through the handler above
    except TooManyFilesSent:
        return Received((too_many_files(),), parsed=False)
    except (RequestDataTooBig, TooManyFieldsSent):
        return Received((filing_too_large(),), parsed=False)
    except MultiPartParserError as error:
        drain(request)
        too_long = "header size" in str(error)  # a part's headers: only a file name grows them
        return Received((file_name_too_long() if too_long else upload_unreadable(),), parsed=False)
    return Received(tuple(handler.refusals), parsed=True)


def refusal_status(refusals: tuple[UploadRefusal, ...] | list[UploadRefusal]) -> int:
    """413 when the upload was too large (size or count), 400 when it was malformed."""
    malformed = {"upload.file_name_too_long", "upload.unreadable"}
    return 400 if refusals and all(r.code in malformed for r in refusals) else 413

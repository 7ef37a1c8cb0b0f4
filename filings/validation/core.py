"""``validate_file``: one file on disk in, one frozen ``ValidationResult`` out, never an exception
for anything the file's bytes hold.

Cheap checks first (size), then content (libmagic and the leading bytes), then deep structure
(the format's own check). The SHA-256 is taken on a second thread meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import PurePath

from filings.validation.containers import (
    check_docx,
    check_pdf,
    is_docx,
    refuse_docx,
    zip_names,
)
from filings.validation.detect import (
    PDF_WINDOW,
    describe,
    libmagic_verdict,
    route,
    with_article,
)
from filings.validation.doc import check_ole
from filings.validation.findings import Findings, problem
from filings.validation.images import check_image
from filings.validation.policy import ValidationPolicy
from filings.validation.reader import BackgroundHash, KnownHash, read_at
from filings.validation.results import Flag, Format, Role, ValidationResult
from filings.validation.rtf import check_rtf

EXTENSIONS = {
    Format.DOC: {".doc", ".dot"},
    Format.RTF: {".rtf"},
    Format.TIFF: {".tif", ".tiff"},
    Format.GIF: {".gif"},
    Format.JPEG: {".jpg", ".jpeg", ".jpe", ".jfif"},
    Format.PDF: {".pdf"},
}
DOCX_EXTENSIONS = {".docx", ".docm", ".dotx", ".dotm"}
CLAIMS = {
    Format.DOC: "a Microsoft Word (DOC) file",
    Format.RTF: "a Rich Text Format (RTF) file",
    Format.TIFF: "a TIFF image",
    Format.GIF: "a GIF image",
    Format.JPEG: "a JPEG image",
    Format.PDF: "a PDF document",
}
IMAGE_ROUTES = {"jpeg": Format.JPEG, "gif": Format.GIF, "tiff": Format.TIFF}


def validate_file(
    path: str | os.PathLike[str],
    *,
    role: str = Role.PRINCIPAL,
    filename: str | None = None,
    policy: ValidationPolicy | None = None,
    hashed_as_written: tuple[str, int] | None = None,
) -> ValidationResult:
    """Validate the file at ``path`` for lodgment in ``role`` ("principal" or "annexure").

    ``filename`` is the name the practitioner gave the file (it defaults to the path's own
    name); it is only compared with the content, never used to decide the format. ``policy``
    defaults to ``ValidationPolicy()``, so no Django configuration is needed.

    ``hashed_as_written``: the SHA-256 and size of the file's bytes, already taken as they were
    written (an upload hashed as it arrived); the file is then not hashed again, but its size
    must still match, or it is refused as changed.
    """
    if role not in Role.ALL:
        raise ValueError(f"role must be one of {Role.ALL}, not {role!r}")
    policy = policy or ValidationPolicy()
    name = filename if filename is not None else os.path.basename(os.fsdecode(path))
    findings = Findings()
    digest, size = "", 0
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError, TypeError) as error:
        _unreadable(findings, error)
        return _result(findings, role=role, name=name, digest=digest, size=size, magic=("", ""))
    magic_verdict = ("", "")
    try:
        file_stat = os.fstat(fd)
        if not stat.S_ISREG(file_stat.st_mode):
            _unreadable(findings, OSError("not a regular file"))
            return _result(findings, role=role, name=name, digest="", size=0, magic=("", ""))
        hasher: BackgroundHash | KnownHash = (
            KnownHash(*hashed_as_written) if hashed_as_written is not None else BackgroundHash(fd)
        )
        try:
            magic_verdict = _examine(fd, file_stat.st_size, findings, policy)
        except Exception as error:  # the layer's promise: a result, never an exception
            findings.valid = False
            findings.error(
                "file.check_failed",
                "The registry could not finish checking this file, so it cannot take it. "
                "Save it again and lodge the new copy.",
            )
            findings.details["exception"] = f"{type(error).__name__}: {error}"[:300]
        try:
            digest, size = hasher.result()
        except OSError as error:
            _unreadable(findings, error)
        if size != file_stat.st_size and not findings.errors:
            _unreadable(findings, OSError("the file changed while it was being checked"))
    finally:
        os.close(fd)
    return _result(findings, role=role, name=name, digest=digest, size=size, magic=magic_verdict)


def _examine(fd: int, size: int, findings: Findings, policy: ValidationPolicy) -> tuple[str, str]:
    if size == 0:
        findings.description = "empty file"
        findings.error("file.empty", "The file is empty (0 bytes).", flag=Flag.EMPTY)
        return "empty", "application/x-empty"
    libmagic_text, mime = libmagic_verdict(fd)
    kind = route(read_at(fd, 0, PDF_WINDOW))
    with open(fd, "rb", closefd=False) as fileobj:
        if kind == "pdf":
            check_pdf(fd, size, findings, libmagic_text)
        elif kind == "ole":
            # olefile seeks before every 512-byte sector: unbuffered reads cost less there.
            with open(fd, "rb", buffering=0, closefd=False) as raw:
                check_ole(fd, raw, size, findings, policy)
        elif kind == "rtf":
            check_rtf(fd, size, findings, policy)
        elif kind in IMAGE_ROUTES:
            check_image(fd, fileobj, size, IMAGE_ROUTES[kind], findings, policy)
        elif kind == "zip":
            names = zip_names(fd, fileobj, size)
            if is_docx(mime, names):
                if policy.accept_docx:
                    check_docx(fileobj, size, names, findings, policy)
                else:
                    refuse_docx(findings)
            else:
                findings.description = describe(mime, libmagic_text)
        else:
            findings.description = describe(mime, libmagic_text)
    if findings.format == Format.OTHER and not findings.errors:
        findings.error(
            "format.not_acceptable",
            f"The file is {with_article(findings.description)}, which is not an acceptable "
            "format: PD16 para 4 accepts Microsoft Word (DOC) or Rich Text Format (RTF), and "
            "TIFF, GIF or JPEG images for annexures that cannot be provided in those formats.",
        )
    return libmagic_text, mime


def _unreadable(findings: Findings, error: BaseException) -> None:
    findings.valid = False
    findings.description = findings.description or "unreadable file"
    reason = getattr(error, "strerror", None) or str(error)
    findings.error("file.unreadable", f"The file could not be read ({reason}).")


def _roles(findings: Findings) -> tuple[str, ...]:
    if not findings.valid or findings.errors:
        return ()
    if findings.format in Format.WORD_PROCESSING:
        return (Role.PRINCIPAL, Role.ANNEXURE)
    if findings.format in Format.IMAGES:
        return (Role.ANNEXURE,)
    return ()


def _extension_warning(findings: Findings, name: str) -> None:
    suffix = PurePath(name).suffix.lower() if name else ""
    if not suffix:
        return
    if Flag.DOCX in findings.flags:
        expected = DOCX_EXTENSIONS
    else:
        expected = EXTENSIONS.get(findings.format, set())
    if suffix in expected:
        return
    if findings.format == Format.OTHER and not any(
        suffix in known for known in [*EXTENSIONS.values(), DOCX_EXTENSIONS]
    ):
        return  # an unknown name on an unknown format: nothing to contradict
    claim = next((CLAIMS[f] for f, known in EXTENSIONS.items() if suffix in known), None)
    claim = claim or ("a Word 2007+ (.docx) file" if suffix in DOCX_EXTENSIONS else f"a {suffix}")
    shown = name if len(name) <= 80 else name[:77] + "..."
    findings.warn(
        "format.extension_mismatch",
        f'The file is named "{shown}", which says it is {claim}, but its content is '
        f"{with_article(findings.description or 'file')}. The registry goes by the content.",
        flag=Flag.EXTENSION_MISMATCH,
    )


def _result(
    findings: Findings,
    *,
    role: str,
    name: str,
    digest: str,
    size: int,
    magic: tuple[str, str],
) -> ValidationResult:
    if size:
        _extension_warning(findings, name)
    roles = _roles(findings)
    errors = list(findings.errors)
    if role not in roles and findings.format in Format.IMAGES and roles == (Role.ANNEXURE,):
        errors.append(
            problem(
                "format.image_not_principal",
                "An image (TIFF, GIF or JPEG) may be lodged only as an annexure or attachment, "
                "never as the principal document: lodge the document itself in Microsoft Word "
                "(DOC) or Rich Text Format (RTF).",
            )
        )
    return ValidationResult(
        format=findings.format,
        valid=findings.valid,
        roles=roles,
        role=role,
        errors=tuple(errors),
        warnings=tuple(findings.warnings),
        sha256=digest,
        size=size,
        description=findings.description,
        pages=findings.pages,
        flags=tuple(findings.flags),
        filename=name,
        width=findings.width,
        height=findings.height,
        dpi=findings.dpi,
        frames=findings.frames,
        libmagic=magic[0],
        mime_type=magic[1],
        details=dict(findings.details),
    )

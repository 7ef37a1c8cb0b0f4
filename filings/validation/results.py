"""What validation answers: a frozen result carrying every problem, each naming its paragraph."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


class Format:
    """The formats the registry tells apart (``ValidationResult.format``)."""

    DOC = "DOC"
    RTF = "RTF"
    TIFF = "TIFF"
    GIF = "GIF"
    JPEG = "JPEG"
    PDF = "PDF"
    OTHER = "OTHER"

    ALL = (DOC, RTF, TIFF, GIF, JPEG, PDF, OTHER)
    IMAGES = (TIFF, GIF, JPEG)
    WORD_PROCESSING = (DOC, RTF)


# What a lodged copy is stored and sent as, by its stored format (``stored_format``).
FORMAT_EXTENSIONS = {
    "DOC": "doc",
    "DOCX": "docx",
    "RTF": "rtf",
    "TIFF": "tif",
    "GIF": "gif",
    "JPEG": "jpg",
}
FORMAT_CONTENT_TYPES = {
    "DOC": "application/msword",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "RTF": "application/rtf",
    "TIFF": "image/tiff",
    "GIF": "image/gif",
    "JPEG": "image/jpeg",
}


class Role:
    """The roles a file may be lodged in (PD16 para 4): a document, or an annexure to one."""

    PRINCIPAL = "principal"
    ANNEXURE = "annexure"

    ALL = (PRINCIPAL, ANNEXURE)


class Flag:
    """Short markers of what was found, for programs and the ``--json`` output."""

    MACROS = "macros"
    ENCRYPTED = "encrypted"
    TRUNCATED = "truncated"
    BOMB = "bomb"
    MULTIPAGE = "multipage"
    ANIMATED = "animated"
    EXTENSION_MISMATCH = "extension-mismatch"
    TRAILING_DATA = "trailing-data"
    EMBEDDED_OBJECTS = "embedded-objects"
    DOCX = "docx"
    WORD_6_95 = "word-6-95"
    EMPTY = "empty"


@dataclass(frozen=True)
class Problem:
    """One error or warning: a stable ``code``, a sentence a practitioner understands, and the
    paragraph it rests on ("4" for PD16 para 4, "PN127 9-10" for the Practice Note)."""

    code: str
    message: str
    paragraph: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "paragraph": self.paragraph}


@dataclass(frozen=True)
class ValidationResult:
    """Everything the registry learnt about one file, from its bytes alone.

    ``valid`` says the bytes are an intact file of ``format``; ``roles`` are the roles it may be
    lodged in (empty when it may not be lodged at all); ``acceptable`` answers for ``role``.
    ``errors`` include the role's own refusal (an image lodged as the principal document), so
    a file with no errors is acceptable in ``role``.
    """

    format: str
    valid: bool
    roles: tuple[str, ...]
    role: str
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    sha256: str
    size: int
    description: str
    pages: int | None = None
    flags: tuple[str, ...] = ()
    filename: str = ""
    width: int | None = None
    height: int | None = None
    dpi: tuple[float, float] | None = None
    frames: int | None = None
    libmagic: str = ""
    mime_type: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def acceptable(self) -> bool:
        return not self.errors and self.role in self.roles

    def acceptable_as(self, role: str) -> bool:
        """Whether the file may be lodged in ``role`` ("principal" or "annexure")."""
        return role in self.roles

    @property
    def codes(self) -> tuple[str, ...]:
        """Every error and warning code, errors first (handy for tests and logs)."""
        return tuple(p.code for p in self.errors + self.warnings)

    @property
    def error_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.errors)

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.warnings)

    def to_dict(self, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """Exactly the keys ``check_document --json`` prints, JSON-ready."""
        return {
            "path": os.fspath(path) if path is not None else self.filename,
            "format": self.format,
            "valid": self.valid,
            "roles": list(self.roles),
            "acceptable": self.acceptable,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
            "sha256": self.sha256,
            "size": self.size,
            "pages": self.pages,
            "flags": list(self.flags),
        }

"""The problems validation can report, each tied to the paragraph it rests on, and the mutable
notebook the format checks write into before it is frozen into a ``ValidationResult``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from filings.validation.results import Flag, Format, Problem

PD16_FORMATS = "4"  # PD16 para 4: DOC or RTF; TIF, GIF, JPG for annexures; PDF is not acceptable
PD16_LABELLING = "6"  # PD16 para 6: saved "in such a way that allows for easy recognition"
PN127_VIRUSES = "PN127 9-10"  # PN127 paras 9-10: the risk of computer viruses
PN127_RESOLUTION = "PN127 Schedule (a)"  # "Images may be scanned in at around 200 dpi."

PARAGRAPHS: dict[str, str] = {
    "file.empty": PD16_FORMATS,
    "file.unreadable": PD16_FORMATS,
    "file.check_failed": PD16_FORMATS,
    "format.pdf_not_acceptable": PD16_FORMATS,
    "format.not_acceptable": PD16_FORMATS,
    "format.docx_not_acceptable": PD16_FORMATS,
    "format.image_not_principal": PD16_FORMATS,
    "format.extension_mismatch": PD16_LABELLING,
    "doc.corrupt": PD16_FORMATS,
    "doc.truncated": PD16_FORMATS,
    "doc.encrypted": PD16_FORMATS,
    "doc.rights_protected": PD16_FORMATS,
    "doc.trailing_data": PD16_FORMATS,
    "doc.macros": PN127_VIRUSES,
    "doc.embedded_objects": PN127_VIRUSES,
    "rtf.truncated": PD16_FORMATS,
    "rtf.unbalanced": PD16_FORMATS,
    "rtf.trailing_data": PD16_FORMATS,
    "rtf.version_unknown": PD16_FORMATS,
    "rtf.embedded_objects": PN127_VIRUSES,
    "image.corrupt": PD16_FORMATS,
    "image.truncated": PD16_FORMATS,
    "image.bomb": PD16_FORMATS,
    "image.trailing_data": PD16_FORMATS,
    "image.too_large_to_check": PD16_FORMATS,
    "image.check_busy": PD16_FORMATS,
    "image.resolution": PN127_RESOLUTION,
    "image.resolution_missing": PN127_RESOLUTION,
}


def problem(code: str, message: str) -> Problem:
    """A ``Problem`` for ``code``, citing the paragraph registered for it."""
    return Problem(code=code, message=message, paragraph=PARAGRAPHS[code])


@dataclass
class Findings:
    """What the checks have found so far about one file (internal; see ``ValidationResult``)."""

    format: str = Format.OTHER
    description: str = ""
    valid: bool = False
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    pages: int | None = None
    width: int | None = None
    height: int | None = None
    dpi: tuple[float, float] | None = None
    frames: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def error(self, code: str, message: str, *, flag: str | None = None) -> None:
        if code not in (p.code for p in self.errors):
            self.errors.append(problem(code, message))
        if flag:
            self.flag(flag)

    def warn(self, code: str, message: str, *, flag: str | None = None) -> None:
        if code not in (p.code for p in self.warnings):
            self.warnings.append(problem(code, message))
        if flag:
            self.flag(flag)

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)


def warn_embedded_objects(findings: Findings, code: str, kind: str, *, scanner: bool) -> None:
    """Embedded objects (PN127 paras 9-10), saying what will happen to them: scanned by the
    registry's virus scanner when one is configured, otherwise not tested here at all."""
    if scanner:
        then = "the registry will test them for viruses before the file is accepted."
    else:
        then = (
            "no virus scanner is configured for this registry, so they will not be tested for "
            "viruses here. The file can still be lodged; whoever opens it must first test it for "
            "viruses themselves (PN127 para 9)."
        )
    findings.warn(
        code,
        f"The {kind} file contains embedded objects (other files or programs inside it); {then}",
        flag=Flag.EMBEDDED_OBJECTS,
    )

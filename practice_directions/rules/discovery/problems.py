"""What a discovery list check reports: one frozen problem per finding, each naming its field,
a stable code and the PN127 passage it rests on."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class ListProblem:
    """``row`` counts from 1 for the first data row; None for a problem of the whole list."""

    row: int | None
    field: str
    code: str
    message: str
    paragraph: str
    severity: str = ERROR
    value: str = ""
    document_id: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, object]:
        """Exactly the keys ``validate_discovery_list --json`` prints for a problem."""
        return {
            "row": self.row,
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "paragraph": self.paragraph,
        }


# Every code the checks can give, with its severity (tests and the report rely on them).
CODES: dict[str, str] = {
    "header.empty": ERROR,
    "header.default_field_missing": ERROR,
    "header.field_missing": ERROR,
    "header.duplicate_column": ERROR,
    "row.extra_cells": ERROR,
    "document_id.missing": ERROR,
    "document_id.pattern": ERROR,
    "document_id.duplicate": ERROR,
    "document_id.attachment_sequence": ERROR,
    "document_group.invalid": ERROR,
    "host.missing": ERROR,
    "host.multiple": ERROR,
    "host.not_found": ERROR,
    "host.not_hwa": ERROR,
    "host.unexpected": ERROR,
    "attachments.missing": ERROR,
    "attachments.unexpected": ERROR,
    "attachments.mismatch": ERROR,
    "attachments.none_found": ERROR,
    "date.format": ERROR,
    "date.not_a_date": ERROR,
    "date.zero_part": ERROR,
    "date.numeric_month": ERROR,
    "date.words": ERROR,
    "date.month_year": ERROR,
    "date.year_only": ERROR,
    "date.no_year": ERROR,
    "date.undated_convention": ERROR,
    "estimated_date.invalid": ERROR,
    "estimated_date.not_first": WARNING,
    "privilege.invalid": ERROR,
    "privilege.basis_missing": ERROR,
    "status.invalid": ERROR,
    "non_paper_record.invalid": ERROR,
    "author.form": WARNING,
    "addressee.form": WARNING,
    "field.too_long": ERROR,
}

"""The header row of a discovery list: which column holds which Recommended Field, and which
required columns are missing (PN127 Schedule (d): the six default fields as a minimum)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .conventions import ListConventions
from .fields import DEFAULT_FIELDS, FIELDS_BY_NAME, match_header
from .problems import ListProblem

SCHEDULE_D = "PN127 Schedule (d): Recommended fields and default fields"


@dataclass(frozen=True)
class Header:
    """``columns`` maps a Recommended Field name to its column index; ``names`` are the
    headers as given; ``extra`` the columns that name no Recommended Field (agreed extras)."""

    names: tuple[str, ...]
    columns: dict[str, int]
    extra: tuple[str, ...]
    problems: tuple[ListProblem, ...]

    def output_names(self) -> list[str]:
        """Each column's name in an export: the Recommended Field's own name where matched."""
        by_index = {index: name for name, index in self.columns.items()}
        return [by_index.get(i, name.strip()) for i, name in enumerate(self.names)]


def read_header(cells: Sequence[str], conventions: ListConventions) -> Header:
    names = tuple(str(c) for c in cells)
    columns: dict[str, int] = {}
    extra: list[str] = []
    problems: list[ListProblem] = []
    if not any(n.strip() for n in names):
        problems.append(
            ListProblem(
                None,
                "",
                "header.empty",
                "The list has no header row naming its columns.",
                SCHEDULE_D,
            )
        )
        return Header(names, columns, (), tuple(problems))
    for index, name in enumerate(names):
        field = match_header(name)
        if field is None:
            extra.append(name)
        elif field in columns:
            problems.append(
                ListProblem(
                    None,
                    field,
                    "header.duplicate_column",
                    f"Two columns name the field {field} ('{names[columns[field]]}' and "
                    f"'{name}'); keep one.",
                    FIELDS_BY_NAME[field].reference,
                )
            )
        else:
            columns[field] = index
    for default in DEFAULT_FIELDS:
        if not any(c in columns for c in default.columns):
            problems.append(
                ListProblem(
                    None,
                    default.label,
                    "header.default_field_missing",
                    f"The list has no {default.label} column: it is default field "
                    f"{default.number}, which every list carries as a minimum standard.",
                    SCHEDULE_D,
                )
            )
    default_columns = {c for d in DEFAULT_FIELDS for c in d.columns}
    for name in conventions.fields_in_use:
        if name not in default_columns and name in FIELDS_BY_NAME and name not in columns:
            problems.append(
                ListProblem(
                    None,
                    name,
                    "header.field_missing",
                    f"The protocol uses the field {name}, but the list has no such column.",
                    FIELDS_BY_NAME[name].reference,
                )
            )
    return Header(names, columns, tuple(extra), tuple(problems))

"""PN127 "Recommended Fields" as data: each field's name, the header spellings taken for it,
and the length the note gives it.

The note's table gives, per field, a data type and a length. Lengths are kept exactly as the
note gives them: Document type 254, Privilege 6, Basis of Privilege 50, Status 10, Source 20,
Document Group 3, Non-paper record 3, Date 11, and 254 for Author, Author Organisation,
Addressee, Addressee Organisation, Parties and Title ("254 or as appropriate"). Document ID,
Attachments and Host Document Number have a length "depending on" the numbering structure, so
none is imposed here (the Document ID pattern bounds it instead).

"Estimated Date" is not a row of the table but the Date field's notes name it as "the next
field": a month-and-year or year-only date is coded as the first day and a "Yes" entered there.

Default fields (Schedule (d) and the table's "(Default field N)" marks): Document ID, Date,
Document type, Author/Author organisation, Addressee/Addressee organisation and Title. The
fourth and fifth are each one default field that the table spreads over two columns (both
columns carry the same "(Default field 4)" mark), so either column satisfies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOCUMENT_ID = "Document ID"
ATTACHMENTS = "Attachments"
HOST_DOCUMENT_NUMBER = "Host Document Number"
DOCUMENT_GROUP = "Document Group"
DATE = "Date"
ESTIMATED_DATE = "Estimated Date"
DOCUMENT_TYPE = "Document type"
PRIVILEGE = "Privilege"
BASIS_OF_PRIVILEGE = "Basis of Privilege"
STATUS = "Status"
AUTHOR = "Author"
AUTHOR_ORGANISATION = "Author Organisation"
ADDRESSEE = "Addressee"
ADDRESSEE_ORGANISATION = "Addressee Organisation"
PARTIES = "Parties"
TITLE = "Title"
SOURCE = "Source"
NON_PAPER_RECORD = "Non-paper record"


@dataclass(frozen=True)
class RecommendedField:
    """One column of a discovery list: ``max_length`` is None where the note sets none."""

    name: str
    max_length: int | None
    aliases: tuple[str, ...] = ()
    default_field: int | None = None

    @property
    def reference(self) -> str:
        return f"PN127 Recommended Fields: {self.name}"


RECOMMENDED_FIELDS: tuple[RecommendedField, ...] = (
    RecommendedField(
        DOCUMENT_ID, None, ("document id", "doc id", "docid", "document number", "doc no"), 1
    ),
    RecommendedField(ATTACHMENTS, None, ("attachment", "attachment ids", "attachment range")),
    RecommendedField(
        HOST_DOCUMENT_NUMBER,
        None,
        ("host document number", "host document", "host doc", "host id", "parent id"),
    ),
    RecommendedField(DOCUMENT_GROUP, 3, ("document group", "doc group", "group")),
    RecommendedField(DATE, 11, ("date", "document date", "doc date"), 2),
    RecommendedField(ESTIMATED_DATE, None, ("estimated date", "estimated", "date estimated")),
    RecommendedField(DOCUMENT_TYPE, 254, ("document type", "doc type", "type"), 3),
    RecommendedField(PRIVILEGE, 6, ("privilege", "privileged")),
    RecommendedField(BASIS_OF_PRIVILEGE, 50, ("basis of privilege", "privilege basis")),
    RecommendedField(STATUS, 10, ("status",)),
    RecommendedField(AUTHOR, 254, ("author", "authors"), 4),
    RecommendedField(
        AUTHOR_ORGANISATION,
        254,
        ("author organisation", "author organization", "author org", "author/author organisation"),
        4,
    ),
    RecommendedField(ADDRESSEE, 254, ("addressee", "addressees", "recipient", "recipients"), 5),
    RecommendedField(
        ADDRESSEE_ORGANISATION,
        254,
        (
            "addressee organisation",
            "addressee organization",
            "addressee org",
            "addressee/addressee organisation",
        ),
        5,
    ),
    RecommendedField(PARTIES, 254, ("parties",)),
    RecommendedField(TITLE, 254, ("title", "document title"), 6),
    RecommendedField(SOURCE, 20, ("source",)),
    RecommendedField(NON_PAPER_RECORD, 3, ("non-paper record", "non paper record", "nonpaper")),
)

FIELDS_BY_NAME: dict[str, RecommendedField] = {f.name: f for f in RECOMMENDED_FIELDS}


@dataclass(frozen=True)
class DefaultField:
    """One of the six default fields, satisfied by any of its ``columns``."""

    number: int
    label: str
    columns: tuple[str, ...]


DEFAULT_FIELDS: tuple[DefaultField, ...] = (
    DefaultField(1, "Document ID", (DOCUMENT_ID,)),
    DefaultField(2, "Date", (DATE,)),
    DefaultField(3, "Document type", (DOCUMENT_TYPE,)),
    DefaultField(4, "Author/Author organisation", (AUTHOR, AUTHOR_ORGANISATION)),
    DefaultField(5, "Addressee/Addressee organisation", (ADDRESSEE, ADDRESSEE_ORGANISATION)),
    DefaultField(6, "Title", (TITLE,)),
)
DEFAULT_FIELD_COLUMNS: tuple[str, ...] = tuple(c for d in DEFAULT_FIELDS for c in d.columns)

_SEPARATORS = re.compile(r"[\s_]+")


def normalise_header(text: str) -> str:
    """A header as compared: case-insensitive, BOM, outer spaces and underscores ignored."""
    return _SEPARATORS.sub(" ", text.replace("\ufeff", "").strip().lower()).strip()


_ALIASES: dict[str, str] = {}
for _field in RECOMMENDED_FIELDS:
    _ALIASES[normalise_header(_field.name)] = _field.name
    for _alias in _field.aliases:
        _ALIASES[normalise_header(_alias)] = _field.name


def match_header(text: str) -> str | None:
    """The Recommended Field a column header names, or None for an agreed extra column."""
    return _ALIASES.get(normalise_header(text))

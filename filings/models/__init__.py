"""Matters, parties, filings and documents, the records a clerk keeps on a matter, and the
audit trail."""

from .audit import AuditEvent
from .lodgment import Document, Filing, FilingRejection
from .matters import (
    Matter,
    MatterNumberCounter,
    Organisation,
    Party,
    PartyRepresentative,
    PractitionerProfile,
)
from .records import (
    Direction,
    PracticeNoteApplication,
    Rule32Order,
)

__all__ = [
    "AuditEvent",
    "Direction",
    "Document",
    "Filing",
    "FilingRejection",
    "Matter",
    "MatterNumberCounter",
    "Organisation",
    "Party",
    "PartyRepresentative",
    "PracticeNoteApplication",
    "PractitionerProfile",
    "Rule32Order",
]

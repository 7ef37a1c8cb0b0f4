"""Matters, parties, filings and documents, and the records a clerk keeps on a matter (the
audit trail is the ``audit`` app's)."""

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

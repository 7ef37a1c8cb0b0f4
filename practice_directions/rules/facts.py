"""The plain facts a caller gathers about one document before asking the rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .data import name_key

DIRECT = "direct"
WAIVE = "waive"
DIRECTION_KINDS = (DIRECT, WAIVE)

PRINCIPAL = "principal"
ANNEXURE = "annexure"
ROLES = (PRINCIPAL, ANNEXURE)

# Who makes a para 7 direction or applies PN127 (para 8).
REGISTRAR = "registrar"
COMMISSION = "commission"
MAKERS = (REGISTRAR, COMMISSION)

# PD16 para 8: PN127 applied to a matter in whole or in part.
PN127_WHOLE = "whole"
PN127_PART = "part"
PN127_EXTENT_VALUES = (PN127_WHOLE, PN127_PART)

# The model enums (filings.models: Document.Role, Direction.Kind, Direction.MadeBy,
# PracticeNoteApplication.Extent) take their values from these names.


@dataclass(frozen=True)
class DirectionFact:
    """A para 7 direction or waiver that covers the party whose document is assessed.

    ``document_kinds`` is ``None`` for "all documents", otherwise the kinds' names. Callers pass
    directions in the order they were made; where several cover a document the last one
    prevails (see ``assess_document``).
    """

    kind: str
    document_kinds: tuple[str, ...] | None = None
    made_on: datetime.date | None = None
    made_by: str = ""
    serve: bool = False

    def covers(self, document_kind: str) -> bool:
        """Whether this direction reaches documents of that kind (names match as in the data)."""
        if self.document_kinds is None:
            return True
        wanted = name_key(document_kind)
        return any(name_key(name) == wanted for name in self.document_kinds)


@dataclass(frozen=True)
class DocumentFacts:
    """Everything the decision depends on, gathered by the caller (no database in the rules).

    ``certificate_of_unsuccessful_conciliation_on`` matters only for s.106 proceedings (para
    3(b)), ``commission_deadline`` only for awards in Rule 32 matters (para 11), and
    ``submissions_directed`` only for submissions (para 9). ``practice_note_127`` is
    ``"whole"`` or ``"part"`` where the Registrar or the Commission has applied PN127 (para 8).
    """

    proceeding: str
    filed_on: datetime.date
    represented: bool
    document_kind: str
    role: str = PRINCIPAL
    annexure_not_readily_available: bool = False
    certificate_of_unsuccessful_conciliation_on: datetime.date | None = None
    commission_deadline: datetime.date | None = None
    submissions_directed: bool = False
    directions: tuple[DirectionFact, ...] = ()
    practice_note_127: str | None = None

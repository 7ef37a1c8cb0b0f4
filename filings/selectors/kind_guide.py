"""What the rules say today for each kind of document a party might lodge as a principal
document: the guide beside the lodgment form, so the answer is there without JavaScript."""

from __future__ import annotations

import datetime

from filings.models import Document, Party
from filings.selectors.obligations import ProposedDocument, assess_documents_for_party
from practice_directions.models import DocumentKind
from practice_directions.rules import Decision, RulesData


def principal_decisions_by_kind(
    *, party: Party, today: datetime.date, rules: RulesData
) -> list[tuple[DocumentKind, Decision]]:
    """Each active kind with the rules' decision for it lodged today by ``party``."""
    # One reading of the matter's directions, PN127 and Rule 32 orders for every kind.
    kinds = list(DocumentKind.objects.filter(active=True))
    decisions = assess_documents_for_party(
        party=party,
        documents=[ProposedDocument(document_kind=k, role=Document.Role.PRINCIPAL) for k in kinds],
        filed_on=today,
        rules=rules,
    )
    return list(zip(kinds, decisions, strict=True))

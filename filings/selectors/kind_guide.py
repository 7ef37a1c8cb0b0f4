"""What the rules say today for each kind of document a party might lodge as a principal
document: the guide beside the lodgment form, so the answer is there without JavaScript."""

from __future__ import annotations

import datetime
from dataclasses import replace

from filings.models import Document, Party
from filings.selectors.obligations import document_facts_for_party
from practice_directions.models import DocumentKind
from practice_directions.rules import Decision, DocumentFacts, RulesData, assess_document


def principal_decisions_by_kind(
    *, party: Party, today: datetime.date, rules: RulesData
) -> list[tuple[DocumentKind, Decision]]:
    """Each active kind with the rules' decision for it lodged today by ``party``."""
    # The gathered facts differ between kinds only in the Rule 32 deadline, which is read for
    # awards alone: gather them once for awards and once for the rest, then vary the kind.
    facts_by_award: dict[bool, DocumentFacts] = {}
    decisions = []
    for kind in DocumentKind.objects.filter(active=True):
        is_award = rules.document_kind(kind.name).is_award
        if is_award not in facts_by_award:
            facts_by_award[is_award] = document_facts_for_party(
                party=party,
                document_kind=kind,
                role=Document.Role.PRINCIPAL,
                filed_on=today,
                rules=rules,
            )
        facts = replace(facts_by_award[is_award], document_kind=kind.name)
        decisions.append((kind, assess_document(facts, rules)))
    return decisions

"""Reads: the admin-editable rules rows as plain, frozen data for the pure decisions."""

from __future__ import annotations

from .models import (
    DocumentKind,
    EmailClass,
    NotificationRecipient,
    PracticeDirection,
    ProceedingType,
)
from .rules import (
    DocumentKindRule,
    EmailClassRule,
    PracticeDirectionRule,
    ProceedingRule,
    RecipientRule,
    RulesData,
)


def load_rules() -> RulesData:
    """Every rules row, in five queries whatever their number. Load once per request or run."""
    rows = list(PracticeDirection.objects.order_by("number"))
    numbers = {pd.pk: pd.number for pd in rows}
    practice_directions = tuple(
        PracticeDirectionRule(
            number=pd.number,
            title=pd.title,
            gazetted_on=pd.gazetted_on,
            commences_on=pd.commences_on,
            replaces=numbers.get(pd.replaces_id) if pd.replaces_id is not None else None,
            requires_electronic_copies=pd.requires_electronic_copies,
        )
        for pd in rows
    )
    email_classes = tuple(
        EmailClassRule(
            code=e.code, name=e.name, address=e.address, subject_requirement=e.subject_requirement
        )
        for e in EmailClass.objects.all()
    )
    proceedings = tuple(
        ProceedingRule(
            code=p.code,
            name=p.name,
            statutory_reference=p.statutory_reference,
            exempt_under_3a=p.exempt_under_3a,
            awaits_conciliation_certificate=p.awaits_conciliation_certificate,
            period_after_certificate_days=p.period_after_certificate_days,
            deadline_set_by_commission=p.deadline_set_by_commission,
            notify_office_of_industrial_relations=p.notify_office_of_industrial_relations,
            email_class=p.email_class_id,
            needs_agreement_short_title=p.needs_agreement_short_title,
        )
        for p in ProceedingType.objects.all()
    )
    document_kinds = tuple(
        DocumentKindRule(
            name=k.name,
            exempt_form=k.exempt_form,
            is_proposed_orders=k.is_proposed_orders,
            is_submissions=k.is_submissions,
            is_award=k.is_award,
            active=k.active,
        )
        for k in DocumentKind.objects.all()
    )
    recipients = tuple(
        RecipientRule(code=r.code, name=r.name, address=r.address)
        for r in NotificationRecipient.objects.all()
    )
    return RulesData(
        practice_directions=practice_directions,
        proceedings=proceedings,
        email_classes=email_classes,
        document_kinds=document_kinds,
        recipients=recipients,
    )

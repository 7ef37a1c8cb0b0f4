"""Reads: the admin-editable rules rows as plain, frozen data for the pure decisions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .models import (
    ChecklistGroup,
    ChecklistOption,
    DocumentKind,
    EmailClass,
    NotificationRecipient,
    PracticeDirection,
    ProceedingType,
    RulesVersion,
)
from .rules import (
    DocumentKindRule,
    EmailClassRule,
    PracticeDirectionRule,
    ProceedingRule,
    RecipientRule,
    RulesData,
)
from .rules.technology_checklist import ChecklistRow, GroupFact

# The rules read in the current request or command, when it has opened a scope for them.
_loaded: ContextVar[list[RulesData] | None] = ContextVar("loaded_rules", default=None)
# The rules this process read last, with the version token read just before them: kept between
# requests, and read again once the token differs (``RulesVersion``, changed by triggers).
_remembered: dict[str, tuple[str, RulesData]] = {}
_remembered_lock = threading.Lock()


@contextmanager
def rules_read_once() -> Iterator[None]:
    """Within this block ``load_rules`` reads the rules rows once and then answers from memory.

    A request (``RulesReadOncePerRequest``) or a command opens one; an administrator's edit is
    seen by the next request. ``forget_loaded_rules`` drops them after an edit in the block.
    """
    token = _loaded.set([])
    try:
        yield
    finally:
        _loaded.reset(token)


def forget_loaded_rules() -> None:
    """After a rules row changes: the next ``load_rules`` in this block reads them again."""
    loaded = _loaded.get()
    if loaded is not None:
        loaded.clear()


class RulesReadOncePerRequest:
    """Middleware: one reading of the rules per request, however many selectors ask."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with rules_read_once():
            return self.get_response(request)


def load_rules() -> RulesData:
    """Every rules row: kept in memory between requests while their version token stands (one
    query to read it), read again in five queries whatever their number once it changes; inside
    ``rules_read_once``, asked once and then remembered for the rest of the block."""
    loaded = _loaded.get()
    if loaded is None:
        return _current_rules()
    if not loaded:
        loaded.append(_current_rules())
    return loaded[0]


def forget_remembered_rules() -> None:
    """Drop the rules this process keeps between requests (tests start from a cold process)."""
    with _remembered_lock:
        _remembered.clear()


def _current_rules(using: str = "default") -> RulesData:
    # The token first, then the rows: a change committed between the two is read with the
    # older token, so the next request reads the rows again; never the reverse.
    token = RulesVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).first()
    if token is None:  # no version row yet (a flushed database): nothing to compare with
        return _read_rules(using)
    with _remembered_lock:
        kept = _remembered.get(using)
    if kept is not None and kept[0] == token:
        return kept[1]
    rules = _read_rules(using)
    with _remembered_lock:
        _remembered[using] = (token, rules)
    return rules


def read_rules_from(using: str) -> RulesData:
    """The rules as they stand in database ``using`` now (never remembered)."""
    return _read_rules(using)


def _read_rules(using: str = "default") -> RulesData:
    rows = list(PracticeDirection.objects.using(using).order_by("number"))
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
        for e in EmailClass.objects.using(using)
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
        for p in ProceedingType.objects.using(using)
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
        for k in DocumentKind.objects.using(using)
    )
    recipients = tuple(
        RecipientRule(code=r.code, name=r.name, address=r.address)
        for r in NotificationRecipient.objects.using(using)
    )
    return RulesData(
        practice_directions=practice_directions,
        proceedings=proceedings,
        email_classes=email_classes,
        document_kinds=document_kinds,
        recipients=recipients,
    )


def _groups_with_options(
    using: str,
) -> tuple[list[ChecklistGroup], dict[int, list[ChecklistOption]]]:
    groups = list(ChecklistGroup.objects.using(using).order_by("position", "code"))
    options: dict[int, list[ChecklistOption]] = {group.pk: [] for group in groups}
    for option in ChecklistOption.objects.using(using).order_by("position", "pk"):
        options.setdefault(option.group_id, []).append(option)
    return groups, options


def load_checklist(*, using: str = "default") -> tuple[GroupFact, ...]:
    """The Technology Check List as plain facts for ``resolve_checklist``, in two queries."""
    groups, options = _groups_with_options(using)
    return tuple(
        GroupFact(
            code=group.code,
            stage=group.stage,
            label=group.label,
            options=tuple(o.label for o in options[group.pk]),
            default=next((o.label for o in options[group.pk] if o.is_default), None),
        )
        for group in groups
    )


def load_checklist_rows(*, using: str = "default") -> tuple[ChecklistRow, ...]:
    """The checklist as the admin holds it, for the system check (two queries)."""
    groups, options = _groups_with_options(using)
    return tuple(
        ChecklistRow(
            code=group.code,
            label=group.label,
            requires_default=group.requires_default,
            options=tuple(o.label for o in options[group.pk]),
            defaults=tuple(o.label for o in options[group.pk] if o.is_default),
        )
        for group in groups
    )

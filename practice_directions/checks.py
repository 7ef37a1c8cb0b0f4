"""System checks on the rules data.

``practice_directions.E001``: malformed rules data fails fast. The admin refuses an edit that
would make the data contradictory (two directions commencing the same day, an s.106 type
without its 28 days, an exempt form flagged as submissions …) as it is saved
(``practice_directions.admin``); E001 catches what arrives by other routes (shell, fixtures,
data migrations). Like W001 it reads the database, so it is registered under the ``database``
tag and runs where a command asks for one (``migrate``, ``check --database default``) and
before the rules commands, which need the rules.

``practice_directions.E002``: the Technology Check List annexed to PN127 is malformed: a group
the note gives a default (``**``) with none or several marked, a group it gives none with one
marked, or a group without options (para 15: the default applies where the parties do not agree).
Tagged ``database`` like W001, so it runs where a database is asked for (``migrate``,
``check --database default``).

``practice_directions.W001``: the Office of Industrial Relations, to which the Registry passes
awards and variations on receipt (PD16 para 11), still has no real address. PD16 does not give
one, so migration 0004 seeds a reserved, undeliverable placeholder for an administrator to
replace. Django gives a check a database only when asked to look at one (``migrate``, and
``check --database default``) and a check must not open one otherwise, so W001 appears there,
not on ``runserver`` or a settings-only ``check --deploy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from django.core.checks import CheckMessage, Error, Warning
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse

from .models import ChecklistGroup, NotificationRecipient
from .rules import validate_rules
from .rules.data import OFFICE_OF_INDUSTRIAL_RELATIONS
from .rules.technology_checklist import validate_checklist
from .selectors import load_checklist_rows, read_rules_from

E001 = "practice_directions.E001"
E002 = "practice_directions.E002"
W001 = "practice_directions.W001"
# The rules commands run only E001 (on the default database): they need no URLs or templates.
RULES_TAG = "rules"

# Domains reserved for documentation and testing (RFC 2606, RFC 6761): nothing sent to an
# address ending so is ever delivered, so such an address can only be a placeholder.
PLACEHOLDER_ENDINGS = (".invalid", ".example", ".test", "@example.com")


def check_rules_data(
    app_configs: Any = None, databases: Sequence[str] | None = ("default",), **kwargs: Any
) -> list[CheckMessage]:
    """Report every problem in the rules rows of each database given as E001 (none before the
    tables exist). Registered under the ``database`` tag: Django passes ``databases=None``
    unless a command asks for a database, and then this check reads none."""
    errors: list[CheckMessage] = []
    for alias in databases or ():
        errors += _rules_data_errors(alias)
    return errors


def _rules_data_errors(alias: str) -> list[CheckMessage]:
    try:
        rules = read_rules_from(alias)
    except DatabaseError:
        # No database yet, or not migrated: migrate must still be able to run.
        return []
    return [
        Error(
            problem.text,
            hint=f"Correct the rules data in the admin ({problem.code}).",
            obj=problem.obj,
            id=E001,
        )
        for problem in validate_rules(rules)
    ]


def is_placeholder_address(address: str) -> bool:
    """Whether ``address`` is missing or at a reserved domain that never receives mail."""
    address = address.strip().lower()
    return not address or address.endswith(PLACEHOLDER_ENDINGS)


def _admin_hint(office: NotificationRecipient | None) -> str:
    """Where in the admin to set the address: the recipient's page, or the list to add it to."""
    opts = NotificationRecipient._meta
    where = f"{opts.app_config.verbose_name} > {str(opts.verbose_name_plural).capitalize()}"
    url_name = "admin:practice_directions_notificationrecipient_changelist"
    args: tuple[str, ...] = ()
    if office is not None:
        where += f" > {office.name}"
        url_name, args = "admin:practice_directions_notificationrecipient_change", (office.pk,)
    # Without the admin mounted, the path in words is enough.
    with suppress(NoReverseMatch):
        where += f" ({reverse(url_name, args=args)})"
    if office is None:
        return f"Add it, code {OFFICE_OF_INDUSTRIAL_RELATIONS!r}, in the admin: {where}."
    return f"Set the Office's real address in the admin: {where}."


def check_oir_address(
    app_configs: Any = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """W001 for each database given whose Office of Industrial Relations address is missing or
    a placeholder (none before the tables exist, so that migrate can run)."""
    warnings: list[CheckMessage] = []
    for alias in databases or ():
        try:
            office = (
                NotificationRecipient.objects.using(alias)
                .filter(code=OFFICE_OF_INDUSTRIAL_RELATIONS)
                .first()
            )
        except DatabaseError:
            continue  # Not migrated yet.
        if office is None:
            text = (
                "There is no Office of Industrial Relations among the notification recipients: "
                "awards and variations received under Rule 32 cannot be passed to it (PD16 "
                "para 11)."
            )
        elif is_placeholder_address(office.address):
            text = (
                f"The Office of Industrial Relations' address is {office.address!r}, a "
                "placeholder that never receives mail: awards and variations received under "
                "Rule 32 would not reach the Office (PD16 para 11)."
            )
        else:
            continue
        warnings.append(Warning(text, hint=_admin_hint(office), obj=office, id=W001))
    return warnings


def check_technology_checklist(
    app_configs: Any = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """E002 for each problem in the checklist data of each database given."""
    errors: list[CheckMessage] = []
    for alias in databases or ():
        try:
            rows = load_checklist_rows(using=alias)
        except DatabaseError:
            continue  # Not migrated yet.
        groups = {g.code: g for g in ChecklistGroup.objects.using(alias).all()} if rows else {}
        errors += [
            Error(
                problem.text,
                hint=f"Correct the Technology Check List in the admin ({problem.code}).",
                obj=groups.get(problem.group),
                id=E002,
            )
            for problem in validate_checklist(rows)
        ]
    return errors

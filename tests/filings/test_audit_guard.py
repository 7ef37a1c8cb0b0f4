"""The audit trail is append-only at the database: triggers made by the migration refuse to
change or delete an event, whatever sends the statement (the ORM, raw SQL), on SQLite and on
PostgreSQL (run the suite with DATABASE_URL=postgres://... for the latter). The one change let
through is SET_NULL of ``user`` when an account is removed."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action


@pytest.fixture
def event():
    user = UserFactory(username="recorder")
    return audit_record(
        action=Action.FILING_LODGED,
        user=user,
        matter_number="IRC2026/0001",
        filing_reference="IRC2026/0001-F01",
        document_id=7,
        detail={"channel": "web"},
        client_ip="192.0.2.1",
    )


def _refused(statement) -> None:
    with pytest.raises(IntegrityError, match=r"audit\.append_only"), transaction.atomic():
        statement()


def test_saving_a_changed_event_is_refused_by_the_database(event):
    event.detail = {"channel": "email"}
    _refused(event.save)
    event.refresh_from_db()
    assert event.detail == {"channel": "web"}


def test_queryset_update_and_delete_are_refused_by_the_database(event):
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(username="someone-else"))
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).delete())
    _refused(event.delete)
    assert AuditEvent.objects.filter(pk=event.pk, username="recorder").exists()


def test_raw_sql_cannot_change_or_delete_an_event(event):
    with connection.cursor() as cursor:
        _refused(lambda: cursor.execute("DELETE FROM filings_auditevent"))
        _refused(
            lambda: cursor.execute(
                "UPDATE filings_auditevent SET action = %s WHERE id = %s",
                [Action.SIGN_IN, event.pk],
            )
        )
    assert AuditEvent.objects.get(pk=event.pk).action == Action.FILING_LODGED


CHANGES = {
    "at": timezone.now() - datetime.timedelta(days=3),
    "action": Action.SIGN_IN,
    "username": "mallory",
    "client_ip": "198.51.100.9",
    "matter_number": "IRC2026/0002",
    "filing_reference": "IRC2026/0002-F01",
    "document_id": 8,
    "detail": {"channel": "email"},
    "user_id": None,
}


@pytest.mark.parametrize("column", sorted(CHANGES))
def test_every_column_is_guarded(event, column):
    # user_id may only become NULL when the account is deleted; setting it to NULL on its own
    # by hand is the one UPDATE the guard lets through, so the test for it changes two columns.
    changes = {column: CHANGES[column]}
    if column == "user_id":
        changes["username"] = "mallory"
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(**changes))


def test_the_user_cannot_be_swapped_for_another(event):
    other = UserFactory()
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(user=other))
    anonymous = audit_record(action=Action.SIGN_IN_FAILED, username="guess")
    _refused(lambda: AuditEvent.objects.filter(pk=anonymous.pk).update(user=other))


def test_the_id_cannot_be_moved(event):
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(id=F("id") + 1000))


def test_removing_a_user_keeps_their_events_and_name(event):
    before = AuditEvent.objects.filter(pk=event.pk).values().get()
    get_user_model().objects.filter(username="recorder").delete()
    after = AuditEvent.objects.filter(pk=event.pk).values().get()
    assert after["user_id"] is None
    assert {k: v for k, v in after.items() if k != "user_id"} == {
        k: v for k, v in before.items() if k != "user_id"
    }
    assert after["username"] == "recorder"


def test_the_guard_of_this_vendor_is_installed():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                ["filings_auditevent"],
            )
            expected = {"filings_auditevent_no_update", "filings_auditevent_no_delete"}
        else:
            assert connection.vendor == "postgresql"
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'filings_auditevent'::regclass "
                "AND NOT tgisinternal"
            )
            expected = {"filings_auditevent_append_only"}
        assert {row[0] for row in cursor.fetchall()} == expected

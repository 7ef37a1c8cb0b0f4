"""The outbox's delivery: retries with back-off after a temporary refusal, a failed state after
a permanent one or too many tries, a clerk's retry, and never the same notice twice; proven
against a real SMTP server (aiosmtpd) and django-tasks' own database worker."""

from __future__ import annotations

import datetime
import signal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from notices.models import Notice
from notices.services.outbox import (
    notice_deliver,
    notice_queue,
    notice_retry,
    notices_sweep,
    retry_delay,
)
from notices.tasks import send_notice
from tests.notices.worker import run_worker
from tests.smtp_server import PERMANENT_FAILURE

pytestmark = pytest.mark.django_db


def queue(matter, user, key="test:1", **kw):
    with transaction.atomic():
        return notice_queue(
            kind=Notice.Kind.DIRECTION_RECORDED,
            recipient=user,
            matter=matter,
            subject=f"{matter.number} A direction",
            body="A direction was recorded.\n",
            dedupe_key=key,
            **kw,
        )


@pytest.fixture
def queued(matter, solicitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return queue(matter, solicitor)


def test_a_temporary_refusal_is_retried_after_a_back_off_then_delivered(queued, smtp, settings):
    settings.NOTICES_RETRY_BASE_SECONDS = 0
    smtp.refuse_next(2)
    run_worker()
    queued.refresh_from_db()
    assert (queued.state, queued.attempts, smtp.handler.refused) == (Notice.State.SENT, 3, 2)
    assert len(smtp.received) == 1
    assert queued.last_error == ""


def test_after_a_temporary_refusal_the_next_try_waits_for_its_time(queued, smtp, settings):
    settings.NOTICES_RETRY_BASE_SECONDS = 120
    smtp.refuse_next(1)
    before = timezone.now()
    run_worker()
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (Notice.State.QUEUED, 1)
    assert "451" in queued.last_error
    assert queued.next_attempt_at >= before + datetime.timedelta(seconds=120)
    # The next try is a task deferred to that time: not run yet, and not sent early.
    deferred = DBTaskResult.objects.filter(status="READY").get()
    assert deferred.run_after >= before + datetime.timedelta(seconds=120)
    assert notice_deliver(notice_id=queued.pk) == "skipped"
    assert smtp.received == []


def test_back_off_doubles_and_is_capped(settings):
    settings.NOTICES_RETRY_BASE_SECONDS = 60
    settings.NOTICES_RETRY_MAX_SECONDS = 300
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 300]


def test_a_permanent_refusal_fails_at_once_and_a_clerk_retry_sends_it(
    queued, smtp, clerk, django_capture_on_commit_callbacks
):
    smtp.refuse_next(1, PERMANENT_FAILURE)
    run_worker()
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (Notice.State.FAILED, 1)
    assert "554" in queued.last_error
    with django_capture_on_commit_callbacks(execute=True):
        notice_retry(notice_id=queued.pk, retried_by=clerk)
    run_worker()
    queued.refresh_from_db()
    assert queued.state == Notice.State.SENT
    assert len(smtp.received) == 1
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE)
    assert event.detail["change"] == "notice_retry"


def test_too_many_temporary_refusals_end_in_the_failed_state(queued, smtp, settings):
    settings.NOTICES_RETRY_BASE_SECONDS = 0
    settings.NOTICES_MAX_ATTEMPTS = 3
    smtp.refuse_next(10)
    run_worker()
    queued.refresh_from_db()
    assert (queued.state, queued.attempts, smtp.handler.refused) == (Notice.State.FAILED, 3, 3)


def test_only_a_failed_notice_can_be_retried(queued, clerk):
    with pytest.raises(ValidationError) as error:
        notice_retry(notice_id=queued.pk, retried_by=clerk)
    assert error.value.code == "notice.not_failed"


def test_a_notice_is_never_sent_twice(queued, smtp):
    # Three tasks for one notice (a duplicate enqueue, a sweep, a second worker's pick)...
    send_notice.enqueue(queued.pk)
    send_notice.enqueue(queued.pk)
    run_worker()
    # ...send it once; the others find it no longer queued.
    assert len(smtp.received) == 1
    results = sorted(DBTaskResult.objects.values_list("return_value", flat=True))
    assert results == ["sent", "skipped", "skipped"]
    assert notice_deliver(notice_id=queued.pk) == "skipped"
    assert len(smtp.received) == 1


def test_a_notice_claimed_by_another_worker_is_not_sent(queued, smtp):
    Notice.objects.filter(pk=queued.pk).update(state=Notice.State.SENDING)
    run_worker()
    assert smtp.received == []


def test_a_send_interrupted_midway_is_failed_for_a_clerk_never_resent(queued, smtp, settings):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Notice.objects.filter(pk=queued.pk).update(state=Notice.State.SENDING, claimed_at=long_ago)
    assert notices_sweep()["interrupted"] == 1
    queued.refresh_from_db()
    assert queued.state == Notice.State.FAILED
    assert "may have been delivered" in queued.last_error
    run_worker()
    assert smtp.received == []


def test_the_same_event_is_queued_once(matter, solicitor):
    assert queue(matter, solicitor, key="once") is not None
    assert queue(matter, solicitor, key="once") is None
    assert Notice.objects.filter(dedupe_key="once").count() == 1


def test_a_rolled_back_event_leaves_neither_its_notice_nor_a_task_to_send_it(matter, solicitor):
    class EventFailed(Exception):
        pass

    with pytest.raises(EventFailed), transaction.atomic():
        assert queue(matter, solicitor) is not None
        assert DBTaskResult.objects.filter(task_path="notices.tasks.send_notice").exists()
        raise EventFailed

    assert Notice.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_notice_outside_its_events_transaction_is_refused():
    from filings.models import Matter

    with pytest.raises(RuntimeError):
        notice_queue(
            kind=Notice.Kind.REMINDER,
            to_address="someone@example.com",
            matter=Matter(number="IRC2026/0001"),
            subject="IRC2026/0001 x",
            body="x",
            dedupe_key="k",
        )
    assert Notice.objects.count() == 0


def test_a_notice_without_the_matter_number_or_text_is_refused(matter, solicitor):
    with pytest.raises(ValidationError) as error, transaction.atomic():
        notice_queue(
            kind=Notice.Kind.REMINDER,
            recipient=solicitor,
            matter=matter,
            subject="Reminder",
            body=" ",
            dedupe_key="k",
        )
    assert {e.code for e in error.value.error_list} == {"notice.subject", "notice.body"}


def test_an_account_without_an_address_gets_a_failed_notice_a_clerk_can_retry_later(
    matter, solicitor, clerk, smtp, django_capture_on_commit_callbacks
):
    solicitor.email = ""
    solicitor.save(update_fields=["email"])
    notice = queue(matter, solicitor)
    assert (notice.state, notice.last_error) == (
        Notice.State.FAILED,
        "The account has no e-mail address.",
    )
    with pytest.raises(ValidationError) as error:
        notice_retry(notice_id=notice.pk, retried_by=clerk)
    assert error.value.code == "notice.no_address"
    solicitor.email = "fixed@firm.example"
    solicitor.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notice_retry(notice_id=notice.pk, retried_by=clerk)
    run_worker()
    assert [r.rcpt_tos for r in smtp.received] == [["fixed@firm.example"]]


def test_the_db_worker_command_sends_what_was_committed(
    seeded_transactional_db, matter, solicitor, smtp
):
    """django-tasks' own ``db_worker`` command, as ``make run`` starts it, in batch mode (it
    stops when nothing is left): the lodgment-style commit enqueues, the worker delivers."""
    notice = queue(matter, solicitor)  # autocommit: the task is enqueued on commit
    assert DBTaskResult.objects.count() == 1
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--interval=0",
            "--no-reload",
            verbosity=0,
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    notice.refresh_from_db()
    assert notice.state == Notice.State.SENT
    assert [r.rcpt_tos for r in smtp.received] == [["solicitor@firm.example"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.postgres_only
def test_workers_racing_for_one_notice_send_it_once(
    seeded_transactional_db, matter, solicitor, smtp
):
    """Four workers on four connections claim the same notice at the same moment: the row lock
    (skip locked) and the conditional claim let exactly one send it."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Row locks between concurrent connections need PostgreSQL; SQLite serialises.")
    notice = queue(matter, solicitor)
    start = threading.Barrier(4)
    results: list[str] = []

    def deliver() -> None:
        from django.db import connection as thread_connection

        try:
            start.wait()
            results.append(notice_deliver(notice_id=notice.pk))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["sent", "skipped", "skipped", "skipped"]
    assert len(smtp.received) == 1

"""The outbox: queue a notice in the caller's transaction, deliver it once, retry with back-off.

``notice_queue`` must be called inside the transaction of the event that causes the notice;
the row commits or rolls back with the event, and so does its sending task
(``enqueue_with_commit``: the database queue's row is written in the same transaction).
Delivery (``notice_deliver``, run by the worker) claims the row with
``select_for_update(skip_locked=True)`` and a conditional queued -> sending update, so two
workers never send the same notice; a row interrupted while "sending" is never resent on its
own, since it may have been delivered: ``notices_sweep`` marks it failed for a clerk to check.

Temporary failures (a 4xx reply, a refused or dropped connection) are retried after
``NOTICES_RETRY_BASE_SECONDS`` doubling per attempt up to ``NOTICES_RETRY_MAX_SECONDS``, at most
``NOTICES_MAX_ATTEMPTS`` times; a permanent refusal (5xx) fails at once. A failed notice stays
failed until a clerk retries it (``notice_retry``).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Filing, Matter, Rule32Order
from filings.services.effects import enqueue_with_commit
from notices.mail import build_message
from notices.models import Notice

log = logging.getLogger("notices")
ERROR_MAX = 2000


def _enqueue(notice_id: int, run_after: datetime.datetime | None = None) -> None:
    """Queue the sending of a notice with the transaction that queued or requeued it."""
    from notices.tasks import send_notice

    task = send_notice if run_after is None else send_notice.using(run_after=run_after)
    enqueue_with_commit(task, notice_id)


def notice_queue(  # noqa: PLR0913 - keyword-only: each argument is a fact the service records
    *,
    kind: str,
    matter: Matter | None,
    subject: str,
    body: str,
    dedupe_key: str,
    recipient: Any = None,
    to_address: str = "",
    html_body: str = "",
    link: str = "",
    filing: Filing | None = None,
    rule32_order: Rule32Order | None = None,
    in_reply_to: str = "",
) -> Notice | None:
    """Write a notice to the outbox in the caller's transaction; None if ``dedupe_key`` was
    already queued (the same event for the same recipient goes once).

    The subject must start with the matter number, and there must be a plain-text body. The
    address is the recipient's account address unless ``to_address`` is given; an account
    without one gets a notice that is visible in the application and failed for delivery.

    An acknowledgement of mail received (PD16 para 9) is a reply: it keeps the subject of the
    message it answers (``in_reply_to``, its Message-ID), so the sender's mail program threads
    it, and has no matter when the message matched none.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notice_queue belongs inside the transaction of its event.")
    problems = []
    if kind not in Notice.Kind.values:
        problems.append(ValidationError(f"{kind!r} is not a kind of notice.", code="notice.kind"))
    reply = kind == Notice.Kind.MAIL_ACKNOWLEDGED
    if matter is None and not reply:
        problems.append(ValidationError("A notice concerns a matter.", code="notice.matter"))
    if matter is not None and not reply and not subject.startswith(matter.number):
        problems.append(
            ValidationError("A notice's subject starts with the matter number.", "notice.subject")
        )
    if not body.strip():
        problems.append(ValidationError("A notice needs a plain-text body.", "notice.body"))
    if recipient is None and not to_address:
        problems.append(ValidationError("A notice needs a recipient.", "notice.recipient"))
    if problems:
        raise ValidationError(problems)
    address = to_address or (getattr(recipient, "email", "") or "")
    now = timezone.now()
    try:
        # A savepoint, so that a duplicate leaves the caller's transaction usable.
        with transaction.atomic():
            notice = Notice.objects.create(
                kind=kind,
                recipient=recipient,
                to_address=address,
                matter=matter,
                matter_number=matter.number if matter is not None else "",
                filing=filing,
                rule32_order=rule32_order,
                subject=subject[: Notice._meta.get_field("subject").max_length],
                body=body,
                html_body=html_body,
                link=link,
                in_reply_to=in_reply_to,
                state=Notice.State.QUEUED if address else Notice.State.FAILED,
                last_error="" if address else "The account has no e-mail address.",
                next_attempt_at=now,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        if Notice.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    if address:
        _enqueue(notice.pk)
    return notice


def _claim(notice_id: int, now: datetime.datetime) -> Notice | None:
    """queued -> sending, for one worker only; None when it is not (or not yet) to be sent."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(skip_locked=True)
            .filter(pk=notice_id, state=Notice.State.QUEUED, next_attempt_at__lte=now)
            .first()
        )
        if notice is None:
            return None
        # Conditional as well as locked: correct on databases without row locks (SQLite).
        claimed = Notice.objects.filter(pk=notice.pk, state=Notice.State.QUEUED).update(
            state=Notice.State.SENDING, attempts=F("attempts") + 1, claimed_at=now
        )
        if not claimed:
            return None
    notice.refresh_from_db()
    return notice


def is_permanent(error: BaseException) -> bool:
    """A 5xx reply is the server's final word; anything else may pass on a later try."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def retry_delay(attempts: int) -> datetime.timedelta:
    """Back-off after the ``attempts``-th failed try: base, 2 x base, 4 x base, ... capped."""
    seconds = settings.NOTICES_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.NOTICES_RETRY_MAX_SECONDS))


def _record_failure(notice: Notice, error: BaseException) -> str:
    now = timezone.now()
    text = f"{type(error).__name__}: {error}"[:ERROR_MAX]
    final = is_permanent(error) or notice.attempts >= settings.NOTICES_MAX_ATTEMPTS
    next_attempt = now + retry_delay(notice.attempts)
    with transaction.atomic():
        Notice.objects.filter(pk=notice.pk, state=Notice.State.SENDING).update(
            state=Notice.State.FAILED if final else Notice.State.QUEUED,
            last_error=text,
            next_attempt_at=now if final else next_attempt,
        )
        if not final:
            _enqueue(notice.pk, run_after=next_attempt)
    log.warning("Notice %s attempt %s failed (%s): %s", notice.pk, notice.attempts, final, text)
    return "failed" if final else "retry"


def notice_deliver(*, notice_id: int) -> str:
    """Send one queued notice if it is due and no one else is sending it.

    Returns what happened: "sent", "retry" (queued again with back-off), "failed" (for a clerk
    to retry) or "skipped" (not queued, not yet due, or taken by another worker).
    """
    notice = _claim(notice_id, timezone.now())
    if notice is None:
        return "skipped"
    try:
        build_message(notice).send(fail_silently=False)
    except Exception as error:  # any failure of the backend is recorded, never lost
        return _record_failure(notice, error)
    Notice.objects.filter(pk=notice.pk, state=Notice.State.SENDING).update(
        state=Notice.State.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def notice_retry(*, notice_id: int, retried_by: Any) -> Notice:
    """A clerk sends a failed notice again: queued now, attempts counted afresh, the address
    read again from the account (a clerk may have just corrected it). Raises
    ``Notice.DoesNotExist`` for no such notice."""
    with transaction.atomic():
        locked = (
            Notice.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .get(pk=notice_id)
        )
        before_address = locked.to_address
        if locked.state != Notice.State.FAILED:
            raise ValidationError(
                f"Only a failed notice can be retried; this one is {locked.get_state_display()}.",
                code="notice.not_failed",
            )
        address = locked.to_address
        if locked.recipient is not None:
            address = locked.recipient.email
        if not address:
            raise ValidationError(
                "The account has no e-mail address: add one, then retry.",
                code="notice.no_address",
            )
        locked.to_address = address
        locked.state = Notice.State.QUEUED
        locked.attempts = 0
        locked.next_attempt_at = timezone.now()
        locked.last_error = f"Retried by {retried_by.get_username()}; before: {locked.last_error}"[
            :ERROR_MAX
        ]
        locked.save(
            update_fields=["to_address", "state", "attempts", "next_attempt_at", "last_error"]
        )
        audit_record(
            action=AuditEvent.Action.ADMIN_CHANGE,
            user=retried_by,
            matter_number=locked.matter_number,
            detail={
                "change": "notice_retry",
                "notice": locked.pk,
                "before": {"state": Notice.State.FAILED, "to_address": before_address},
                "after": {"state": Notice.State.QUEUED, "to_address": address},
            },
        )
        _enqueue(locked.pk)
    return locked


def notices_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The outbox's safety net, run with the daily reminders (or more often).

    A notice left "sending" past ``NOTICES_SENDING_TIMEOUT_SECONDS`` was interrupted and may
    have gone: it is marked failed, for a clerk to check and retry, never resent unasked. A
    queued notice due for more than that long lost its task (a worker stopped mid-task, or a
    queue outside the database): its task is enqueued again (the claim makes a duplicate task
    harmless).
    """
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.NOTICES_SENDING_TIMEOUT_SECONDS)
    with transaction.atomic():
        interrupted = Notice.objects.filter(
            state=Notice.State.SENDING, claimed_at__lt=stale
        ).update(
            state=Notice.State.FAILED,
            last_error="Interrupted while sending: it may have been delivered. Check before "
            "retrying.",
        )
        stranded = list(
            Notice.objects.filter(state=Notice.State.QUEUED, next_attempt_at__lt=stale)
            .values_list("pk", flat=True)
            .order_by("pk")
        )
        for pk in stranded:
            _enqueue(pk)
    return {"interrupted": interrupted, "requeued": len(stranded)}

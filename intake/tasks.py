"""Background work of the intake app (django-tasks; ``python manage.py db_worker`` runs it).

``ingest_mail`` reads the registry's mailboxes (``REGISTRY_MAIL_SOURCES``) as ``ingest_email``
does. A scheduler enqueues it every few minutes (``manage.py ingest_email --enqueue``), so the
reading happens in the worker, beside the outbox that sends the acknowledgements. Runs that
overlap are harmless: each message is recorded once (by Message-ID or SHA-256), and a second
reading is a duplicate.
"""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from intake.services import mailbox_ingest


@task()
def ingest_mail(sources: list[str] | None = None) -> dict[str, int]:
    """Ingest every message of ``sources`` (by default ``REGISTRY_MAIL_SOURCES``); returns how
    many messages had each outcome. A source that cannot be read fails the task (its error is
    kept on the task's result) after the sources before it were read."""
    chosen = list(sources if sources is not None else settings.REGISTRY_MAIL_SOURCES)
    counts: dict[str, int] = {}
    if not chosen:
        return counts
    for outcome in mailbox_ingest(source=chosen):
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    return counts

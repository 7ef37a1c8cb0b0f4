"""Background tasks (django-tasks; ``python manage.py db_worker`` runs them)."""

from django_tasks import task


@task()
def send_notice(notice_id: int) -> str:
    """Deliver one notice from the outbox (``notices.services.outbox.notice_deliver``)."""
    from notices.services.outbox import notice_deliver

    return notice_deliver(notice_id=notice_id)

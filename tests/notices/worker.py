"""Running django-tasks' database worker in the test process, for a bounded time."""

from __future__ import annotations

from unittest import mock

from django.test import TestCase
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def _run_ready_tasks(max_tasks: int) -> None:
    # The worker closes "old" connections between tasks, as a long-running process should; in a
    # test that would close the test's own connection, mid-transaction (PostgreSQL).
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        _worker(max_tasks).run()


def _worker(max_tasks: int) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def run_worker(*, rounds: int = 10, max_tasks: int = 50) -> int:
    """Run every ready task (the db_worker's own loop, in batch mode, without its signal
    handlers) and return how many ran.

    Inside a test's transaction nothing commits, so what a task defers to ``on_commit`` (the
    next try of a notice) is run as a commit would run it, and the worker goes round again,
    ``rounds`` times at most.
    """
    before = DBTaskResult.objects.finished().count()
    for _ in range(rounds):
        ready = DBTaskResult.objects.ready().count()
        with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
            _run_ready_tasks(max_tasks)
        if not callbacks and not ready:
            break
    return DBTaskResult.objects.finished().count() - before

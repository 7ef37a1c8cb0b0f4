"""What a service does after its transaction: the one place side effects are scheduled.

A top-level service writes in one durable transaction (``transaction.atomic(durable=True)``:
it refuses to run nested in someone else's, so its commit is the commit). What must not
happen unless that commit does (sending mail) is scheduled here with ``after_commit``; what
must happen if it does not (removing a file this attempt stored and no committed row names)
runs through ``after_rollback``. Either way the database decides, never a half-finished send.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.db.transaction import Atomic

if TYPE_CHECKING:
    from django_tasks.base import Task

logger = logging.getLogger(__name__)


def after_commit(effect: Callable[[], object], *, name: str) -> None:
    """Run ``effect`` once the current transaction commits (never if it rolls back).

    A failing effect is logged and does not undo the commit, nor stop the other effects
    (``robust``): what it leaves undone is visible in the data (an unsent notice has no
    ``sent_at``) for a retry to pick up.
    """

    def run() -> None:
        logger.info("after commit: %s", name)
        effect()

    transaction.on_commit(run, robust=True)


def enqueue_with_commit(task: Task[Any, Any], *args: Any) -> None:
    """Queue background work that belongs to the current transaction: it runs if, and only if,
    the transaction commits.

    With the database queue in the registry's own database (production's), the task's row is
    written in the transaction itself: it commits with the event or not at all, so no crash
    between the commit and a later enqueue can lose it, the worker cannot see it before the
    commit, and the event costs one commit rather than one more per task. With any other
    backend (tests' immediate one, a broker elsewhere) it is enqueued once the transaction
    commits (``after_commit``).
    """
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    in_transaction = transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block
    same_database = router.db_for_write(DBTaskResult) == DEFAULT_DB_ALIAS
    if in_transaction and same_database and isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        after_commit(lambda: task.enqueue(*args), name=f"{task.name} queued")


@contextmanager
def after_rollback(clean_up: Callable[[], None], *, name: str) -> Iterator[None]:
    """Wrap a durable transaction: when it fails, ``clean_up`` runs after the rollback, and
    the failure propagates unchanged."""
    try:
        yield
    except BaseException:
        try:
            clean_up()
        except Exception:  # the transaction's own failure is the one to report
            logger.exception("clean-up after rollback failed: %s", name)
        raise


_composing = contextvars.ContextVar("registry_composed_transaction", default=False)


def service_atomic() -> Atomic:
    """A top-level service's transaction: durable (it refuses to run inside another, so its
    commit is the commit), except inside ``composed_transaction``, where it is a savepoint."""
    return transaction.atomic(durable=not _composing.get())


@contextmanager
def composed_transaction() -> Iterator[None]:
    """One durable transaction for a service that records other services' writes as one unit
    (e-mail intake: the message, its filing and its Rule 32 receipt commit together, so a
    message is never filed twice nor half-recorded). The services inside it run as savepoints;
    their after-commit effects wait for this commit."""
    token = _composing.set(True)
    try:
        with transaction.atomic(durable=True):
            yield
    finally:
        _composing.reset(token)

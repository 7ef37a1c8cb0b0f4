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

from django.db import transaction
from django.db.transaction import Atomic

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

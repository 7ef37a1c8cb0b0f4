"""Two clerks never review one filing at once, proven with real concurrent PostgreSQL
connections: the review and assignment services lock the filing row, then its assignment
(``select_for_update``), so racing clerks are serialised and the losers told who has it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from filings.models import Filing
from filings.services.review import filing_accept
from tests.factories_lodgment import ClerkFactory
from tests.workqueue.conftest import waiting_filing
from workqueue.models import FilingAssignment
from workqueue.services import filing_assignment_take

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]

# Skipped before the database is touched: restoring the serialized rows needs the real thing.
pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="Row locks between concurrent connections need PostgreSQL; SQLite serialises.",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrations_data_seeded"),
]

CLERKS = 8


def race(work: Callable[[int], object], count: int) -> tuple[list[object], list[BaseException]]:
    """Run ``work(i)`` in ``count`` threads released at once, each on its own connection."""
    results: list[object] = []
    failures: list[BaseException] = []
    start = threading.Barrier(count)

    def run(index: int) -> None:
        from django.db import connection as thread_connection

        try:
            start.wait()
            results.append(work(index))
        except BaseException as exc:  # collected and asserted by the caller
            failures.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, failures


def test_of_clerks_taking_one_filing_at_once_one_gets_it_and_the_rest_are_told_who():
    filing = waiting_filing()
    clerks = [ClerkFactory() for _ in range(CLERKS)]
    results, failures = race(
        lambda i: filing_assignment_take(filing=filing, clerk=clerks[i]), CLERKS
    )
    assert len(results) == 1
    assert len(failures) == CLERKS - 1
    winner = FilingAssignment.objects.get(filing=filing).assignee
    for failure in failures:
        assert isinstance(failure, ValidationError)
        assert [e.code for e in failure.error_list] == ["queue.assigned_to_other"]
        assert winner.get_full_name() in failure.messages[0]


def test_of_clerks_each_taking_and_accepting_one_filing_only_one_reviews_it():
    filing = waiting_filing()
    clerks = [ClerkFactory() for _ in range(CLERKS)]

    def take_and_accept(index: int) -> Filing:
        filing_assignment_take(filing=filing, clerk=clerks[index])
        return filing_accept(filing=filing, reviewed_by=clerks[index])

    results, failures = race(take_and_accept, CLERKS)
    assert len(results) == 1
    codes = {e.code for failure in failures for e in failure.error_list}
    assert codes <= {"queue.assigned_to_other", "queue.already_reviewed"}
    filing.refresh_from_db()
    assert filing.status == Filing.Status.ACCEPTED
    assert filing.reviewed_by == results[0].reviewed_by


def test_a_review_waits_for_a_take_in_progress_and_is_then_refused():
    filing = waiting_filing()
    holder, latecomer = ClerkFactory(first_name="Hold", last_name="Er"), ClerkFactory()
    taken = threading.Event()
    failures: list[BaseException] = []

    def take_slowly() -> None:
        from django.db import connection as thread_connection

        try:
            with transaction.atomic():
                filing_assignment_take(filing=filing, clerk=holder)
                taken.set()
                time.sleep(0.5)  # the locks are held until this transaction commits
        except BaseException as exc:
            failures.append(exc)
        finally:
            thread_connection.close()

    thread = threading.Thread(target=take_slowly)
    thread.start()
    assert taken.wait(10)
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        filing_accept(filing=filing, reviewed_by=latecomer)
    waited = time.monotonic() - started
    thread.join()
    assert failures == []
    assert waited >= 0.3  # it waited on the row lock rather than reading stale state
    assert [e.code for e in caught.value.error_list] == ["queue.assigned_to_other"]
    assert "Hold Er" in caught.value.messages[0]
    filing.refresh_from_db()
    assert filing.status == Filing.Status.LODGED

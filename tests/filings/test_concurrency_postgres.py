"""Two things at the same moment, on real PostgreSQL connections (issue 10 §5): two filings
lodged in one matter get distinct sequence numbers, and of two clerks reviewing one filing at
once only one decision is recorded."""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from audit.models import AuditEvent
from filings.models import Filing
from filings.services.review import filing_accept
from tests.factories import PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, affidavit, lodge, represent

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrations_data_seeded"),
]


def _at_once(*actions: Callable[[], object]) -> tuple[list[object], list[BaseException]]:
    """Run each action in its own thread and database connection, released together."""
    if connection.vendor != "postgresql":
        pytest.skip("Row locks between concurrent connections need PostgreSQL; SQLite serialises.")
    results: list[object] = []
    failures: list[BaseException] = []
    start = threading.Barrier(len(actions))

    def run(action: Callable[[], object]) -> None:
        from django.db import connection as thread_connection

        try:
            start.wait()
            results.append(action())
        except BaseException as exc:  # collected and asserted by the test
            failures.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, failures


def test_two_filings_lodged_in_one_matter_at_once_get_distinct_sequences():
    practitioner = PractitionerFactory()
    applicant = PartyFactory(representation="solicitor")
    respondent = PartyFactory(
        matter=applicant.matter, role="respondent", representation="solicitor"
    )
    represent(practitioner, applicant)
    represent(practitioner, respondent)
    results, failures = _at_once(
        lambda: lodge(applicant, practitioner, affidavit()),
        lambda: lodge(respondent, practitioner, affidavit()),
    )
    assert failures == []
    assert sorted(f.sequence for f in results) == [1, 2]
    assert sorted(
        Filing.objects.filter(matter=applicant.matter).values_list("sequence", flat=True)
    ) == [1, 2]


def test_two_clerks_accepting_one_filing_at_once_record_one_decision():
    practitioner = PractitionerFactory()
    party = PartyFactory(representation="solicitor")
    represent(practitioner, party)
    filing = lodge(party, practitioner, affidavit())
    first, second = ClerkFactory(), ClerkFactory()
    results, failures = _at_once(
        lambda: filing_accept(filing=Filing.objects.get(pk=filing.pk), reviewed_by=first),
        lambda: filing_accept(filing=Filing.objects.get(pk=filing.pk), reviewed_by=second),
    )
    assert len(results) == 1
    [failure] = failures
    assert isinstance(failure, ValidationError)
    filing.refresh_from_db()
    assert filing.status == Filing.Status.ACCEPTED
    assert filing.reviewed_by in (first, second)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.FILING_ACCEPTED).count() == 1

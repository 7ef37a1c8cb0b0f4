"""Issue 10 §1: a request reads the rules rows once, however many selectors and services ask.

Measured: recording an e-mail lodgment took 44 queries with a reading of the rules per caller,
29 with one per request; the live subject check 17 and 12 (docs/testing.md).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.views.test_clerk_lodgments import clerk, email_data, rule32_party  # noqa: F401

pytestmark = pytest.mark.django_db


def _readings_of_the_rules(queries) -> int:
    # load_rules reads the document kinds once per reading, and nothing else reads them all.
    return sum(
        1
        for query in queries
        if 'FROM "practice_directions_documentkind"' in query["sql"] and "WHERE" not in query["sql"]
    )


def test_recording_an_email_lodgment_reads_the_rules_once(client, clerk, rule32_party):  # noqa: F811
    url = reverse("clerk:email_lodgment", args=[rule32_party.matter.number])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, email_data(rule32_party))
    assert response.status_code == 302
    assert _readings_of_the_rules(queries.captured_queries) == 1


def test_the_live_subject_check_reads_the_rules_once(client, clerk, rule32_party):  # noqa: F811
    url = reverse("clerk:email_subject_check", args=[rule32_party.matter.number])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"subject": "Award", "sent_to": "someone@example.org"})
    assert response.status_code == 200
    assert _readings_of_the_rules(queries.captured_queries) == 1

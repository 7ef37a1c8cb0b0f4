"""The notices pages: each user's own notices (paginated, constant queries), a notice's page,
reminder preferences within the clerk's limits, and the clerks' failed list with retry."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from notices.models import Notice, NoticePreferences, ReminderLimits
from notices.services.outbox import notice_queue
from tests.factories_lodgment import PractitionerFactory, error_codes

pytestmark = pytest.mark.django_db


def make_notices(matter, user, count, *, start=0, state=None):
    with transaction.atomic():
        notices = [
            notice_queue(
                kind=Notice.Kind.REMINDER,
                recipient=user,
                matter=matter,
                subject=f"{matter.number} Reminder {n}",
                body=f"Reminder {n}\n",
                link="/lodge/",
                dedupe_key=f"page-test:{user.pk}:{n}",
            )
            for n in range(start, start + count)
        ]
    if state:
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(
            state=state, last_error="SMTPDataError: 451"
        )
    return notices


def test_users_see_only_their_own_notices_in_constant_queries(
    client, matter, solicitor, opponent, django_assert_num_queries
):
    make_notices(matter, opponent, 2)
    client.force_login(solicitor)
    url = reverse("notices:list")
    make_notices(matter, solicitor, 3)
    with django_assert_num_queries(5) as few:  # the session, user, roles, count and page
        response = client.get(url)
    assert response.content.decode().count("Reminder ") == 3
    make_notices(matter, solicitor, 30, start=3)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    page = response.content.decode()
    assert page.count(f"{matter.number} Reminder ") == 25
    assert "Page 1 of 2" in page


def test_a_notice_opens_for_its_recipient_only(client, matter, solicitor, opponent):
    [notice] = make_notices(matter, solicitor, 1)
    url = reverse("notices:detail", args=[notice.pk])
    client.force_login(opponent)
    assert client.get(url).status_code == 404
    client.force_login(solicitor)
    response = client.get(url)
    assert response.status_code == 200
    assert "Reminder 0" in response.content.decode()


def test_preferences_are_saved_within_the_limits(client, solicitor):
    client.force_login(solicitor)
    url = reverse("notices:preferences")
    assert client.get(url).status_code == 200
    refused = client.post(url, {"days_before": 99, "remind_copies": "on", "overdue": "on"})
    assert "preferences.days_out_of_range" in error_codes(refused)
    assert not NoticePreferences.objects.exists()
    saved = client.post(url, {"days_before": 5, "remind_rule32": "on", "overdue": "on"})
    assert saved.status_code == 302
    chosen = NoticePreferences.objects.get(user=solicitor)
    assert (chosen.days_before, chosen.remind_copies, chosen.remind_rule32) == (5, False, True)
    # Overdue notices stay on while the clerk requires them: the box cannot turn them off.
    client.post(url, {"days_before": 5})
    assert NoticePreferences.objects.get(user=solicitor).overdue is True


def test_clerks_see_failed_notices_and_retry_them(client, matter, solicitor, clerk):
    [failed] = make_notices(matter, solicitor, 1, state=Notice.State.FAILED)
    make_notices(matter, solicitor, 1, start=1)  # queued just now: not a clerk's concern yet
    client.force_login(clerk)
    page = client.get(reverse("notices:outbox")).content.decode()
    assert "Reminder 0" in page and "Reminder 1" not in page
    assert "SMTPDataError: 451" in page
    assert client.post(reverse("notices:retry", args=[failed.pk])).status_code == 302
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (Notice.State.QUEUED, 0)
    # No such notice: a plain 404, nothing written.
    assert client.post(reverse("notices:retry", args=[failed.pk + 1000])).status_code == 404


def test_practitioners_cannot_see_the_outbox_or_retry(client, matter, solicitor):
    [failed] = make_notices(matter, solicitor, 1, state=Notice.State.FAILED)
    client.force_login(solicitor)
    assert client.get(reverse("notices:outbox")).status_code == 404
    assert client.post(reverse("notices:retry", args=[failed.pk])).status_code == 404
    failed.refresh_from_db()
    assert failed.state == Notice.State.FAILED


def test_clerks_set_the_limits(client, clerk):
    client.force_login(clerk)
    url = reverse("notices:limits")
    refused = client.post(
        url, {"min_days_before": 5, "default_days_before": 3, "max_days_before": 4}
    )
    assert "limits.min_above_max" in error_codes(refused)
    saved = client.post(
        url, {"min_days_before": 2, "default_days_before": 4, "max_days_before": 10}
    )
    assert saved.status_code == 302
    limits = ReminderLimits.objects.get()
    assert (limits.min_days_before, limits.max_days_before, limits.overdue_required) == (
        2,
        10,
        False,
    )


def test_practitioners_cannot_set_the_limits(client):
    client.force_login(PractitionerFactory())
    assert client.get(reverse("notices:limits")).status_code == 404

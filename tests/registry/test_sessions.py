"""Sessions (security checklist: "Access control and sessions"): a new session at sign-in,
deleted at sign-out, 30 minutes idle (renewed at most once a minute, so that pages write
nothing) and 12 hours absolute."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as live_settings
from django.contrib import messages
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry.middleware import RENEWED_AT_SESSION_KEY, SIGNED_IN_AT_SESSION_KEY
from tests.registry.signing_in import is_signed_in, move_sign_in_back, session_store, sign_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


# ---- sessions ----


def test_signing_in_replaces_a_session_planted_beforehand(lockout, client, practitioner):
    planted = session_store()
    planted["chosen_by"] = "an attacker"
    planted.save()
    client.cookies[live_settings.SESSION_COOKIE_NAME] = planted.session_key

    assert sign_in(client, "jsmith").status_code == 302

    assert is_signed_in(client)
    assert client.session.session_key != planted.session_key
    assert not session_store().exists(planted.session_key)


def test_signing_out_deletes_the_session_on_the_server(lockout, client, practitioner):
    sign_in(client, "jsmith")
    old_key = client.session.session_key
    assert Session.objects.filter(session_key=old_key).exists()

    assert client.post(reverse("logout")).status_code == 302

    assert not Session.objects.filter(session_key=old_key).exists()
    # The old cookie, replayed, is a stranger's.
    replay = Client()
    replay.cookies[live_settings.SESSION_COOKIE_NAME] = old_key
    assert replay.get(reverse("practitioner:dashboard")).status_code == 302


def _stored_session(client: Client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_expires_after_thirty_idle_minutes_and_a_request_renews_it(
    settings, client, practitioner
):
    assert settings.SESSION_COOKIE_AGE == settings.REGISTRY_SESSION_IDLE_SECONDS == 30 * 60
    client.force_login(practitioner)
    dashboard = reverse("practitioner:dashboard")

    session = client.session
    session[RENEWED_AT_SESSION_KEY] -= 29 * 60  # signed in 29 minutes ago, idle since
    session.save()
    Session.objects.filter(pk=_stored_session(client).pk).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get(dashboard).status_code == 200
    renewed = _stored_session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)

    Session.objects.filter(pk=_stored_session(client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(dashboard)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def _expire_in(client: Client, delta: timedelta) -> None:
    Session.objects.filter(pk=_stored_session(client).pk).update(expire_date=timezone.now() + delta)


def test_a_session_is_renewed_at_most_once_a_minute_so_pages_write_nothing(
    settings, client, practitioner
):
    assert settings.REGISTRY_SESSION_RENEW_SECONDS == 60
    client.force_login(practitioner)  # signing in saves the session: a renewal
    dashboard = reverse("practitioner:dashboard")
    _expire_in(client, timedelta(minutes=20))

    # Within the minute: the page reads the session and writes nothing.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == []
    left = _stored_session(client).expire_date - timezone.now()
    assert left <= timedelta(minutes=20)

    # A minute after the last renewal, the next request renews the full idle limit.
    session = client.session
    session[RENEWED_AT_SESSION_KEY] -= 61
    session.save()
    _expire_in(client, timedelta(minutes=20))
    assert client.get(dashboard).status_code == 200
    renewed = _stored_session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)


def test_a_session_with_a_forged_renewal_time_is_renewed_not_trusted(client, practitioner):
    client.force_login(practitioner)
    session = client.session
    session[RENEWED_AT_SESSION_KEY] = timezone.now().timestamp() + 3600  # in the future
    session.save()
    _expire_in(client, timedelta(minutes=5))

    assert client.get(reverse("practitioner:dashboard")).status_code == 200

    renewed = _stored_session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)
    assert abs(client.session[RENEWED_AT_SESSION_KEY] - timezone.now().timestamp()) < 60


def test_the_sign_in_time_is_recorded_at_sign_in_and_not_moved_by_activity(
    lockout, client, practitioner
):
    sign_in(client, "jsmith")
    recorded = client.session[SIGNED_IN_AT_SESSION_KEY]
    assert abs(timezone.now().timestamp() - recorded) < 60

    move_sign_in_back(client, 3600)
    client.get(reverse("practitioner:dashboard"))

    assert client.session[SIGNED_IN_AT_SESSION_KEY] == recorded - 3600


def test_a_sign_in_lasts_twelve_hours_however_active(settings, client, practitioner):
    assert settings.REGISTRY_SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    client.force_login(practitioner)
    dashboard = reverse("practitioner:dashboard")
    assert client.get(dashboard).status_code == 200

    move_sign_in_back(client, 12 * 60 * 60 - 60)
    assert client.get(dashboard).status_code == 200
    old_key = client.session.session_key

    move_sign_in_back(client, 61)
    response = client.get(dashboard)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={dashboard}"
    assert not Session.objects.filter(session_key=old_key).exists()
    assert not is_signed_in(client)
    login_page = client.get(response.url)
    notices = list(login_page.context["messages"])
    assert [notice.level for notice in notices] == [messages.WARNING]
    assert "12 hours" in str(notices[0])


def test_a_session_signed_in_before_the_limit_existed_starts_its_clock(client, practitioner):
    client.force_login(practitioner)
    session = client.session
    session.pop(SIGNED_IN_AT_SESSION_KEY, None)
    session.save()

    assert client.get(reverse("practitioner:dashboard")).status_code == 200

    assert abs(timezone.now().timestamp() - client.session[SIGNED_IN_AT_SESSION_KEY]) < 60


def test_a_form_posted_after_the_limit_goes_to_the_sign_in_page_without_next(
    settings, client, practitioner
):
    settings.REGISTRY_SESSION_ABSOLUTE_SECONDS = 60  # the limit is read on every request
    client.force_login(practitioner)
    client.get(reverse("practitioner:dashboard"))
    move_sign_in_back(client, 61)

    response = client.post(reverse("practitioner:dashboard"), {})

    assert response.status_code == 302 and response.url == reverse("login")
    assert not is_signed_in(client)


def test_signing_in_again_restarts_the_clock(lockout, client, practitioner):
    sign_in(client, "jsmith")
    move_sign_in_back(client, 11 * 60 * 60)

    sign_in(client, "jsmith")

    assert abs(timezone.now().timestamp() - client.session[SIGNED_IN_AT_SESSION_KEY]) < 60


def test_session_limits_come_from_the_environment():
    code = (
        "import registry.settings.base as s; print(s.SESSION_COOKIE_AGE,"
        " s.REGISTRY_SESSION_ABSOLUTE_SECONDS, s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME,"
        " s.REGISTRY_TRUSTED_PROXY_COUNT)"
    )
    environment = os.environ | {
        "REGISTRY_SESSION_IDLE_SECONDS": "600",
        "REGISTRY_SESSION_ABSOLUTE_SECONDS": "3600",
        "AXES_FAILURE_LIMIT": "3",
        "AXES_COOLOFF_MINUTES": "30",
        "REGISTRY_TRUSTED_PROXY_COUNT": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["600", "3600", "3", "0:30:00", "1"]

"""Sign-in lockout, sessions and response headers (security checklist: "Access control and
sessions", "Headers and deployment").

The test settings keep django-axes configured as in production but switched off; the
``lockout`` fixture switches it on, so these tests run the production chain: the axes backend
ahead of Django's, its middleware rendering the lockout page, and the lockout settings.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as live_settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from registry.middleware import (
    RENEWED_AT_SESSION_KEY,
    SIGNED_IN_AT_SESSION_KEY,
    client_ip_address,
)
from registry.roles import ADMINISTRATORS
from tests.factories import UserFactory
from tests.factories_lodgment import PractitionerFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
LOCKED_OUT = 'data-code="signin.locked_out"'
ANOTHER_ADDRESS = "203.0.113.7"


@pytest.fixture
def lockout(settings):
    """Sign-in lockout switched on, with the limits the base settings give a deployment."""
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def practitioner(db):
    return PractitionerFactory(username="jsmith")


def sign_in(client: Client, username: str, password: str = PASSWORD, **request_meta: str):
    return client.post(
        reverse("login"), {"username": username, "password": password}, **request_meta
    )


def fail(client: Client, username: str, times: int, **request_meta: str) -> list[int]:
    return [
        sign_in(client, username, "not the password", **request_meta).status_code
        for _ in range(times)
    ]


def is_signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def session_store():
    return import_module(live_settings.SESSION_ENGINE).SessionStore()


# ---- lockout after repeated failed sign-ins (django-axes) ----


def test_the_base_settings_lock_after_five_failures_for_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_the_failure_that_reaches_the_limit_shows_the_lockout_page(lockout, client, practitioner):
    lockout.AXES_COOLOFF_TIME = timedelta(minutes=20)  # the page states the configured wait

    assert fail(client, "jsmith", 4) == [200] * 4  # the sign-in form with its error
    response = sign_in(client, "jsmith", "still not the password")

    assert response.status_code == 429
    names = [template.name for template in response.templates]
    assert "registration/locked_out.html" in names and "base.html" in names
    page = response.content.decode()
    assert LOCKED_OUT in page
    assert "Try again in 20 minutes" in page
    assert '<main id="main"' in page  # the site's own page, not a bare message


def test_the_right_password_is_refused_while_locked(lockout, client, practitioner):
    fail(client, "jsmith", 5)

    response = sign_in(client, "jsmith")

    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert not is_signed_in(client)


def test_a_lockout_holds_one_username_at_one_address_only(lockout, client, practitioner):
    PractitionerFactory(username="colleague")
    fail(client, "jsmith", 5)

    assert sign_in(Client(), "colleague").status_code == 302
    assert sign_in(Client(), "jsmith", REMOTE_ADDR=ANOTHER_ADDRESS).status_code == 302
    assert sign_in(Client(), "jsmith").status_code == 429


def test_a_changed_user_agent_does_not_escape_the_lockout(lockout, client, practitioner):
    fail(client, "jsmith", 3, HTTP_USER_AGENT="first")
    fail(client, "jsmith", 2, HTTP_USER_AGENT="second")

    assert sign_in(client, "jsmith", HTTP_USER_AGENT="third").status_code == 429


def test_a_lockout_ends_after_the_cool_off(lockout, client, practitioner):
    fail(client, "jsmith", 5)
    cool_off = lockout.AXES_COOLOFF_TIME

    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off + timedelta(minutes=1))
    assert sign_in(client, "jsmith").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timedelta(seconds=1))
    assert sign_in(client, "jsmith").status_code == 302
    assert is_signed_in(client)


def test_an_attempt_while_locked_starts_the_wait_again(lockout, client, practitioner):
    fail(client, "jsmith", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))

    assert sign_in(client, "jsmith", "guess").status_code == 429

    attempt = AccessAttempt.objects.get()
    assert timezone.now() - attempt.attempt_time < timedelta(minutes=1)


def test_a_successful_sign_in_clears_the_failures(lockout, client, practitioner):
    fail(client, "jsmith", 4)
    assert sign_in(client, "jsmith").status_code == 302
    assert not AccessAttempt.objects.exists()
    client.post(reverse("logout"))

    assert fail(client, "jsmith", 4) == [200] * 4
    assert sign_in(client, "jsmith").status_code == 302


def test_an_unknown_username_is_locked_like_a_real_one(lockout, client, db):
    # The same answer for both, so the lockout does not reveal which usernames exist.
    assert fail(client, "nobody", 5)[-1] == 429


def test_behind_a_proxy_each_forwarded_client_is_locked_on_its_own(lockout, practitioner):
    lockout.REGISTRY_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    fail(Client(), "jsmith", 5, **first)

    assert sign_in(Client(), "jsmith", **second).status_code == 302
    # A client cannot pose as another by writing its own X-Forwarded-For: the proxy appends.
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.2, 198.51.100.1"}
    assert sign_in(Client(), "jsmith", **forged).status_code == 429
    assert AccessAttempt.objects.get().ip_address == "198.51.100.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.9", "10.0.0.2"),  # no proxy trusted: the header is the client's words
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "192.0.2.66, 198.51.100.9", "198.51.100.9"),  # left entries may be forged
        (2, "198.51.100.9, 10.0.0.1", "198.51.100.9"),
        (2, "198.51.100.9", "10.0.0.2"),  # fewer hops than configured: not via the proxies
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_ip_address_trusts_only_the_configured_proxies(
    settings, proxies, forwarded, expected
):
    settings.REGISTRY_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip_address(request) == expected


@pytest.mark.parametrize("superuser", [True, False], ids=["superuser", "administrators-group"])
def test_administrators_see_lockouts_in_the_admin_and_can_lift_one(
    lockout, practitioner, superuser
):
    fail(Client(), "jsmith", 5)
    administrator = UserFactory(username="registrar", is_staff=True, is_superuser=superuser)
    administrator.groups.add(Group.objects.get(name=ADMINISTRATORS))
    admin = Client()
    admin.force_login(administrator)

    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "jsmith" in changelist.content.decode()
    assert admin.get(reverse("admin:axes_accesslog_changelist")).status_code == 200
    attempt = AccessAttempt.objects.get()
    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    response = admin.post(delete_url, {"post": "yes"}, REMOTE_ADDR="198.51.100.77")
    assert response.status_code == 302

    assert sign_in(Client(), "jsmith").status_code == 302
    # Lifting it is an admin change: who, from where, and the row as it was (issue 9 §3).
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.ADMIN_CHANGE, detail__model="axes.accessattempt"
    )
    assert (event.user, event.client_ip) == (administrator, "198.51.100.77")
    assert event.detail["operation"] == "delete"
    assert event.detail["before"]["username"] == "jsmith"
    assert event.detail["before"]["failures_since_start"] == 5
    assert event.detail["after"] is None


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


def _move_sign_in_back(client: Client, seconds: float) -> None:
    session = client.session
    session[SIGNED_IN_AT_SESSION_KEY] -= seconds
    session.save()


def test_the_sign_in_time_is_recorded_at_sign_in_and_not_moved_by_activity(
    lockout, client, practitioner
):
    sign_in(client, "jsmith")
    recorded = client.session[SIGNED_IN_AT_SESSION_KEY]
    assert abs(timezone.now().timestamp() - recorded) < 60

    _move_sign_in_back(client, 3600)
    client.get(reverse("practitioner:dashboard"))

    assert client.session[SIGNED_IN_AT_SESSION_KEY] == recorded - 3600


def test_a_sign_in_lasts_twelve_hours_however_active(settings, client, practitioner):
    assert settings.REGISTRY_SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    client.force_login(practitioner)
    dashboard = reverse("practitioner:dashboard")
    assert client.get(dashboard).status_code == 200

    _move_sign_in_back(client, 12 * 60 * 60 - 60)
    assert client.get(dashboard).status_code == 200
    old_key = client.session.session_key

    _move_sign_in_back(client, 61)
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
    _move_sign_in_back(client, 61)

    response = client.post(reverse("practitioner:dashboard"), {})

    assert response.status_code == 302 and response.url == reverse("login")
    assert not is_signed_in(client)


def test_signing_in_again_restarts_the_clock(lockout, client, practitioner):
    sign_in(client, "jsmith")
    _move_sign_in_back(client, 11 * 60 * 60)

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


# ---- headers and deployment ----


def _deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REGISTRY_CLAMD"))
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "registry.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "registry.example",
        # Production names its database; an SQLite file stands in for the check.
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///:memory:"),
        "REGISTRY_CLAMD_ADDRESS": "tcp://127.0.0.1:3310",
    } | overrides
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deployment_check_is_clean_with_production_settings():
    result = _deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    # Nothing reported, and nothing hidden by SILENCED_SYSTEM_CHECKS.
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deployment_check_fails_when_scanning_is_required_and_no_scanner_is_configured():
    result = _deploy_check(REGISTRY_CLAMD_ADDRESS="")
    assert result.returncode != 0
    assert "filings.E001" in result.stderr + result.stdout
    assert "REGISTRY_CLAMD_ADDRESS is empty" in result.stderr + result.stdout
    assert (
        _deploy_check(REGISTRY_CLAMD_ADDRESS="", REGISTRY_REQUIRE_VIRUS_SCAN="false").returncode
        == 0
    )


def _directives(policy: str) -> dict[str, str]:
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value
    return directives


def _assert_page_headers(response) -> None:
    csp = _directives(response.headers["Content-Security-Policy"])
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_public_sign_in_page_carries_the_security_headers(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    _assert_page_headers(response)


def test_a_signed_in_page_is_never_stored_by_a_cache(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("practitioner:dashboard"))

    assert response.status_code == 200
    _assert_page_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_lockout_page_and_the_sign_out_redirect_carry_the_headers(
    lockout, client, practitioner
):
    fail(client, "jsmith", 4)
    _assert_page_headers(sign_in(client, "jsmith", "wrong"))

    signed_in = Client()
    signed_in.force_login(PractitionerFactory())
    signed_in.get(reverse("practitioner:dashboard"))
    _move_sign_in_back(signed_in, 12 * 60 * 60)
    response = signed_in.get(reverse("practitioner:dashboard"))
    assert response.status_code == 302
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_session_and_csrf_cookies_are_http_only_and_same_site(lockout, practitioner):
    client = Client(enforce_csrf_checks=True)
    form = client.get(reverse("login"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]

    response = client.post(
        reverse("login"),
        {"username": "jsmith", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    csrf = form.cookies[live_settings.CSRF_COOKIE_NAME]
    session = response.cookies[live_settings.SESSION_COOKIE_NAME]
    for cookie in (csrf, session):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
    assert session["max-age"] == 30 * 60

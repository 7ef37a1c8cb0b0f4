"""Sign-in lockout and response headers (security checklist: "Access control and sessions",
"Headers and deployment"); the sessions' limits are in ``test_sessions``.

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
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as live_settings
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from registry.middleware import (
    client_ip_address,
)
from registry.roles import ADMINISTRATORS
from tests.factories import UserFactory
from tests.factories_lodgment import PractitionerFactory
from tests.registry.signing_in import (
    PASSWORD,
    fail,
    is_signed_in,
    move_sign_in_back,
    sign_in,
)

ROOT = Path(__file__).resolve().parents[2]
LOCKED_OUT = 'data-code="signin.locked_out"'
ANOTHER_ADDRESS = "203.0.113.7"


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
    move_sign_in_back(signed_in, 12 * 60 * 60)
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

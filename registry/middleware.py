"""Request and response hardening (security checklist): the headers every page carries (CSP,
caching of private pages), the absolute limit on a sign-in, and the client address that sign-in
lockout is keyed by."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy, and keeps signed-in pages out of every cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view may set a stricter policy of its own (document downloads add "sandbox").
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address, as sign-in lockout keys it (django-axes' AXES_CLIENT_IP_CALLABLE).

    Behind ``REGISTRY_TRUSTED_PROXY_COUNT`` reverse proxies each proxy appends the address it was
    reached from to X-Forwarded-For, so the client is that many entries from the right; entries
    further left were written by the client and could be forged to dodge a lockout. Directly
    exposed (count 0), or when the header is short or malformed, REMOTE_ADDR is the client.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    hops = settings.REGISTRY_TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [address.strip() for address in forwarded.split(",") if address.strip()]
    if len(chain) < hops:
        return remote_addr
    try:
        return str(ipaddress.ip_address(chain[-hops]))
    except ValueError:
        return remote_addr


SIGNED_IN_AT_SESSION_KEY = "registry_signed_in_at"
RENEWED_AT_SESSION_KEY = "registry_renewed_at"
RECORD_SIGN_IN_TIME = "registry.middleware.record_sign_in_time"


def _duration_in_words(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def record_sign_in_time(sender: type, request: HttpRequest, user: object, **kwargs: object) -> None:
    """``user_logged_in`` receiver: the start of the absolute limit, kept in the session, and
    of the idle limit (signing in saves the session with a full ``SESSION_COOKIE_AGE``)."""
    session = getattr(request, "session", None)
    if session is not None:
        now = timezone.now().timestamp()
        session[SIGNED_IN_AT_SESSION_KEY] = now
        session[RENEWED_AT_SESSION_KEY] = now


class AbsoluteSessionLimitMiddleware:
    """Signs a user out once ``REGISTRY_SESSION_ABSOLUTE_SECONDS`` have passed since sign-in,
    however active they were (security checklist: 30 minutes idle, 12 hours absolute).

    The idle limit is Django's own (``SESSION_COOKIE_AGE`` renewed on every request); it cannot
    bound a session that is used every few minutes, which this does. The sign-in time is kept in
    the session, on the server, recorded on ``user_logged_in`` (connected here, so that only an
    installed middleware records it). A signed-in session without one (signed in before this
    middleware was installed) starts its clock at its next request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        user_logged_in.connect(record_sign_in_time, dispatch_uid=RECORD_SIGN_IN_TIME)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if self._has_expired(session):
            return self._sign_out(request)
        response = self.get_response(request)
        if SESSION_KEY in session and SIGNED_IN_AT_SESSION_KEY not in session:
            session[SIGNED_IN_AT_SESSION_KEY] = timezone.now().timestamp()
        return response

    @staticmethod
    def _has_expired(session: SessionBase) -> bool:
        if SESSION_KEY not in session or SIGNED_IN_AT_SESSION_KEY not in session:
            return False
        signed_in_at = session[SIGNED_IN_AT_SESSION_KEY]
        if not isinstance(signed_in_at, int | float):
            return True  # Only this middleware writes it: anything else fails closed.
        elapsed = timezone.now().timestamp() - signed_in_at
        return elapsed >= settings.REGISTRY_SESSION_ABSOLUTE_SECONDS

    @staticmethod
    def _sign_out(request: HttpRequest) -> HttpResponse:
        logout(request)  # flushes the session: its row is deleted from the session store
        limit = _duration_in_words(settings.REGISTRY_SESSION_ABSOLUTE_SECONDS)
        messages.warning(
            request,
            f"You have been signed out: a sign-in lasts at most {limit}, however active. "
            "Please sign in again.",
        )
        if request.method in {"GET", "HEAD"}:
            return redirect_to_login(request.get_full_path())
        # A form posted after the limit cannot be replayed from the sign-in page.
        return redirect(settings.LOGIN_URL)


class IdleSessionRenewalMiddleware:
    """Renews a signed-in session's idle limit (``SESSION_COOKIE_AGE``, 30 minutes) at most once
    every ``REGISTRY_SESSION_RENEW_SECONDS``, instead of writing the session on every request.

    A session expires ``SESSION_COOKIE_AGE`` after it was last saved. Saving it on every request
    (``SESSION_SAVE_EVERY_REQUEST``) makes every page a database write and a commit; renewing at
    the first request a minute or more after the last renewal keeps the limit within that minute
    (a session idle for 30 minutes is always signed out, one idle for 29 may be), and leaves
    pages read-only. The renewal time is kept in the session, on the server; setting it marks the
    session modified, so ``SessionMiddleware`` saves it with a new expiry and cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return response
        now = timezone.now().timestamp()
        renewed_at = session.get(RENEWED_AT_SESSION_KEY)
        stale = not isinstance(renewed_at, int | float) or not (
            0 <= now - renewed_at < settings.REGISTRY_SESSION_RENEW_SECONDS
        )
        if stale:
            session[RENEWED_AT_SESSION_KEY] = now
        return response

"""Signing in over HTTP, as the security tests do it."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings as live_settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from registry.middleware import SIGNED_IN_AT_SESSION_KEY

PASSWORD = "correct horse battery staple"


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


def move_sign_in_back(client: Client, seconds: float) -> None:
    """As if the client had signed in ``seconds`` earlier (the absolute limit's clock)."""
    session = client.session
    session[SIGNED_IN_AT_SESSION_KEY] -= seconds
    session.save()

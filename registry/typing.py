"""Types the views share: a request that has passed the sign-in check carries a real user."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """What a view behind ``login_required`` (or a role check) receives: ``user`` is a ``User``,
    never ``AnonymousUser``. For annotations only; Django builds the request."""

    user: User

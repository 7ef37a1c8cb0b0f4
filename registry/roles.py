"""The three roles (Django groups made by a data migration) and view decorators for them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from audit.models import AuditEvent
from audit.services import audit_record

PRACTITIONERS = "Practitioners"
CLERKS = "Registry clerks"
ADMINISTRATORS = "Administrators"


def _group_names(user: User | AnonymousUser) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached: set[str] | None = getattr(user, "_registry_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        setattr(user, "_registry_group_names", cached)  # noqa: B010 - a cache User does not declare
    return cached


def is_clerk(user: User | AnonymousUser) -> bool:
    """Registry clerks (and administrators, who can do what clerks do)."""
    return user.is_authenticated and (
        user.is_superuser or bool(_group_names(user) & {CLERKS, ADMINISTRATORS})
    )


def is_practitioner(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and PRACTITIONERS in _group_names(user)


def _role_required(
    check: Callable[[User | AnonymousUser], bool], role: str
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            # Signed in without the role: answer as if the page did not exist, and audit it.
            if not check(request.user):
                audit_record(
                    action=AuditEvent.Action.ACCESS_REFUSED,
                    request=request,
                    detail={"reason": "role_missing", "role": role, "path": request.path[:200]},
                )
                raise Http404("No such page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


clerk_required = _role_required(is_clerk, CLERKS)
practitioner_required = _role_required(is_practitioner, PRACTITIONERS)

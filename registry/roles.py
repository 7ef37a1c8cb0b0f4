"""The three roles (Django groups made by a data migration) and view decorators for them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from audit.models import AuditEvent
from audit.services import audit_record

PRACTITIONERS = "Practitioners"
CLERKS = "Registry clerks"
ADMINISTRATORS = "Administrators"


def _group_names(user: Any) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_registry_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._registry_group_names = cached
    return cached


def is_clerk(user: Any) -> bool:
    """Registry clerks (and administrators, who can do what clerks do)."""
    return user.is_authenticated and (
        user.is_superuser or bool(_group_names(user) & {CLERKS, ADMINISTRATORS})
    )


def is_practitioner(user: Any) -> bool:
    return user.is_authenticated and PRACTITIONERS in _group_names(user)


def _role_required(check: Callable[[Any], bool], role: str) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
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

"""Writing the audit trail (security checklist, "Audit"): one row per thing that happened.

Callers pass who (a user, or the request's), what (an ``AuditEvent.Action``), which record (plain
matter number, filing reference, document id) and from where (the request, or a client IP a
view worked out). ``audit_record`` joins the caller's transaction, so an event written inside a
service commits or rolls back with what it describes.

From where: the client's address as sign-in lockout sees it
(``registry.middleware.client_ip_address``): ``REMOTE_ADDR``, and ``X-Forwarded-For`` only as far
as ``REGISTRY_TRUSTED_PROXY_COUNT`` trusted proxies vouch for it, since anyone can send the header.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from filings.models import AuditEvent, Document, Filing, Matter
from filings.selectors.integrity import IntegrityProblem
from registry import middleware


def request_client_ip(request: HttpRequest) -> str | None:
    """The client's address for the audit trail; None when there is no valid one."""
    address = middleware.client_ip_address(request)
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def _capped(value: str, field_name: str) -> str:
    limit = AuditEvent._meta.get_field(field_name).max_length
    return (value or "")[:limit]


def audit_record(
    *,
    action: str,
    user: Any = None,
    request: HttpRequest | None = None,
    matter_number: str = "",
    filing_reference: str = "",
    document_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
    client_ip: str | None = None,
    username: str = "",
) -> AuditEvent:
    """Record one event. ``user`` defaults to the request's signed-in user; ``username`` names
    someone without an account (a failed sign-in) and defaults to the user's.

    ``client_ip`` is for services, which see no request: the view passes
    ``request_client_ip(request)`` down.
    """
    if action not in AuditEvent.Action.values:
        raise ValueError(f"Unknown audit action {action!r}.")
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    if request is not None and client_ip is None:
        client_ip = request_client_ip(request)
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=_capped(username or (user.get_username() if user is not None else ""), "username"),
        client_ip=client_ip,
        matter_number=_capped(matter_number, "matter_number"),
        filing_reference=_capped(filing_reference, "filing_reference"),
        document_id=document_id,
        detail=dict(detail or {}),
    )


def audit_document_event(
    *,
    action: str,
    document: Document,
    request: HttpRequest | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """An event about one document; ``document.filing.matter`` should be selected already."""
    filing = document.filing
    return audit_record(
        action=action,
        request=request,
        matter_number=filing.matter.number,
        filing_reference=filing.reference,
        document_id=document.pk,
        detail={"position": document.position, "sequence": filing.sequence, **(detail or {})},
    )


def audit_integrity_failure(
    *, problem: IntegrityProblem, source: str, request: HttpRequest | None = None
) -> AuditEvent:
    """A stored copy found missing or changed: by a download (``request`` is the one refused) or
    by the scheduled check (no request, no user)."""
    return audit_record(
        action=AuditEvent.Action.INTEGRITY_FAILED,
        request=request,
        matter_number=problem.matter_number,
        filing_reference=problem.filing_reference,
        document_id=problem.document_id,
        detail={**problem.to_dict(), "source": source},
    )


# --- Receivers of django.contrib.auth's signals (connected in FilingsConfig.ready) ---


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(action=AuditEvent.Action.SIGN_IN, user=user, request=request)


def on_user_logged_out(
    sender: Any, request: HttpRequest | None, user: Any = None, **kwargs: Any
) -> None:
    audit_record(action=AuditEvent.Action.SIGN_OUT, user=user, request=request)


def on_user_login_failed(
    sender: Any,
    credentials: Mapping[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # Django has already masked the password in ``credentials``; only the name is kept.
    username_field = get_user_model().USERNAME_FIELD
    attempted = credentials.get(username_field) or credentials.get("username") or ""
    audit_record(
        action=AuditEvent.Action.SIGN_IN_FAILED,
        user=AnonymousUser(),  # no account: not even the request's, if one is signed in
        request=request,
        username=str(attempted),
    )


def _record_concerned(obj: Any) -> dict[str, Any]:
    """The plain fields naming a matter, filing or document changed in the admin."""
    if isinstance(obj, Matter):
        return {"matter_number": obj.number}
    if isinstance(obj, Filing):
        return {"matter_number": obj.matter.number, "filing_reference": obj.reference}
    if isinstance(obj, Document):
        filing = obj.filing
        return {
            "matter_number": filing.matter.number,
            "filing_reference": filing.reference,
            "document_id": obj.pk,
        }
    return {}


def on_admin_change_logged(
    sender: Any,
    request: HttpRequest,
    operation: str,
    objects: list[Any],
    change_message: Any = "",
    **kwargs: Any,
) -> None:
    """Mirror of the admin's ``LogEntry``: one event per object added, changed or deleted."""
    for obj in objects:
        audit_record(
            action=AuditEvent.Action.ADMIN_CHANGE,
            request=request,
            detail={
                "operation": operation,
                "model": obj._meta.label_lower,
                "object_id": str(obj.pk),
                "object_repr": str(obj)[:200],
                "change_message": change_message,
            },
            **_record_concerned(obj),
        )

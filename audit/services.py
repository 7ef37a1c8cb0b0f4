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
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Field, Model
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest

from audit.models import AuditEvent
from registry import middleware

# Fields whose values never enter the trail, only the fact that they changed.
SECRET_FIELDS = frozenset({"password"})
SECRET_MASK = "(secret)"


def request_client_ip(request: HttpRequest) -> str | None:
    """The client's address for the audit trail; None when there is no valid one."""
    address = middleware.client_ip_address(request)
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Actor:
    """Who acts and from where, as a view hands it to a service (which sees no request)."""

    user: Any = None
    client_ip: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        return cls(user=getattr(request, "user", None), client_ip=request_client_ip(request))


NOBODY = Actor()


def _capped(value: str, field_name: str) -> str:
    field = AuditEvent._meta.get_field(field_name)
    if not isinstance(field, Field):
        raise TypeError(f"{field_name!r} is a relation, not a column")
    limit = field.max_length
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
    document: Any,
    request: HttpRequest | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """An event about one document (a ``filings.Document``); ``document.filing.matter`` should
    be selected already."""
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
    *, problem: Any, source: str, request: HttpRequest | None = None
) -> AuditEvent:
    """A stored copy found missing or changed (``problem``: a
    ``filings.selectors.integrity.IntegrityProblem``): by a download (``request`` is the one
    refused) or by the scheduled check (no request, no user)."""
    return audit_record(
        action=AuditEvent.Action.INTEGRITY_FAILED,
        request=request,
        matter_number=problem.matter_number,
        filing_reference=problem.filing_reference,
        document_id=problem.document_id,
        detail={**problem.to_dict(), "source": source},
    )


def _plain(value: Any) -> Any:
    """A field's value as JSON can keep it (files by their stored name)."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Model):
        return value.pk
    return value


def record_values(obj: Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The values of ``obj``'s fields (all concrete and many-to-many fields, or ``fields``) as
    they stand, for an event's ``before`` or ``after``: foreign keys as ids, many-to-many as
    sorted ids, secrets masked."""
    wanted = set(fields) if fields is not None else None
    values: dict[str, Any] = {}
    opts = obj._meta
    for field in [*opts.concrete_fields, *opts.many_to_many]:
        if wanted is not None and field.name not in wanted and field.attname not in wanted:
            continue
        if field.many_to_many:
            values[field.name] = (
                sorted(getattr(obj, field.name).values_list("pk", flat=True)) if obj.pk else []
            )
            continue
        value = _plain(field.value_from_object(obj))
        if field.name in SECRET_FIELDS:
            value = SECRET_MASK if value else ""
        values[field.name] = value
    return values


def changed_values(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields whose value differs, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    keys += [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def audit_change(
    *,
    action: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    detail: Mapping[str, Any] | None = None,
    actor: Actor | None = None,
    **kwargs: Any,
) -> AuditEvent:
    """Record a change to a record with the values ``before`` and ``after`` (None: the record
    did not exist before, or no longer exists after). ``actor`` gives who and from where;
    other arguments as ``audit_record``."""
    if actor is not None:
        kwargs.setdefault("user", actor.user)
        kwargs.setdefault("client_ip", actor.client_ip)
    encoded_before = _json_safe(before)
    encoded_after = _json_safe(after)
    return audit_record(
        action=action,
        detail={**(detail or {}), "before": encoded_before, "after": encoded_after},
        **kwargs,
    )


def _json_safe(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    # Round-trip through the encoder, so that what is stored is what reads back (dates as text).
    if values is None:
        return None
    return json.loads(json.dumps(dict(values), cls=DjangoJSONEncoder))


# --- Receivers of django.contrib.auth's signals (connected in AuditConfig.ready) ---


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

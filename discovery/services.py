"""Writes for discovery lists: upload (check and keep), verification and services (PN127
paras 17-20). Each service runs in one transaction and records an audit event with what was
before and after."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import tempfile
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Matter, Party
from filings.storage import get_document_storage

from .checking import check_list_file
from .models import DiscoveryList, ListService, StoredProblem, discovery_list_storage_name
from .readers import ListUnreadable
from .selectors import list_conventions_for

# Problems kept for display; the full report is produced again from the stored file.
STORED_PROBLEMS = 200
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
CHUNK = 1024 * 1024
MAX_NAME = 255


class DiscoveryListRefused(Exception):
    """The upload cannot be taken; ``str()`` says why, for the practitioner."""


def _max_bytes() -> int:
    return int(getattr(settings, "DISCOVERY_LIST_MAX_BYTES", DEFAULT_MAX_BYTES))


def _spool(upload: IO[bytes], destination: IO[bytes]) -> tuple[str, int]:
    """Copy ``upload`` to ``destination``, hashing it and refusing it past the size limit."""
    hasher = hashlib.sha256()
    size = 0
    limit = _max_bytes()
    chunks = (
        upload.chunks(CHUNK) if hasattr(upload, "chunks") else iter(lambda: upload.read(CHUNK), b"")
    )
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise DiscoveryListRefused(
                f"The list is larger than {limit // (1024 * 1024)} MB; split it or send it on a "
                "disk as the protocol allows."
            )
        hasher.update(chunk)
        destination.write(chunk)
    destination.flush()
    return hasher.hexdigest(), size


def _safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")).replace("\x00", "").strip()
    return (base or "discovery-list")[:MAX_NAME]


def discovery_list_upload(
    *,
    matter: Matter,
    party: Party,
    upload: Any,
    user: Any,
    client_ip: str | None = None,
) -> DiscoveryList:
    """Check an uploaded list against the matter's conventions and keep it with its first
    problems. A list without errors becomes the party's list (para 20), replacing the one
    before; a list with errors is kept too, so that its report can be read, but changes
    nothing. An unreadable file leaves nothing behind."""
    if party.matter_id != matter.pk:
        raise DiscoveryListRefused("That party is not a party to this matter.")
    conventions = list_conventions_for(matter)
    with tempfile.NamedTemporaryFile(prefix="discovery-", suffix=".upload") as spooled:
        digest, size = _spool(upload, spooled)
        if size == 0:
            raise DiscoveryListRefused("The file is empty.")
        try:
            checked = check_list_file(spooled.name, conventions, keep=STORED_PROBLEMS)
        except ListUnreadable as error:
            raise DiscoveryListRefused(str(error)) from None
        report = checked.report
        with transaction.atomic(durable=True):
            previous = (
                DiscoveryList.objects.select_for_update()
                .filter(party=party, is_current=True)
                .first()
            )
            discovery_list = DiscoveryList(
                matter=matter,
                party=party,
                original_name=_safe_name(getattr(upload, "name", "") or ""),
                sha256=digest,
                size=size,
                format=checked.format,
                encoding=checked.encoding[:40],
                row_count=report.rows,
                valid_row_count=report.valid_rows,
                error_count=report.errors,
                warning_count=report.warnings,
                counts_by_code=report.counts,
                conventions=dataclasses.asdict(conventions),
                validated=report.valid,
                uploaded_by=user,
            )
            spooled.seek(0)
            stored_name = get_document_storage().save(
                discovery_list_storage_name(discovery_list, ""), File(spooled)
            )
            discovery_list.file.name = stored_name
            if report.valid and previous is not None:
                previous.is_current = False
                previous.save(update_fields=["is_current"])
            discovery_list.is_current = report.valid
            discovery_list.save()
            StoredProblem.objects.bulk_create(
                StoredProblem(
                    discovery_list=discovery_list,
                    position=position,
                    row=problem.row,
                    field=problem.field[:60],
                    code=problem.code,
                    severity=problem.severity,
                    message=problem.message[:1000],
                    paragraph=problem.paragraph[:120],
                    value=problem.value[:254],
                    document_id=problem.document_id[:254],
                )
                for position, problem in enumerate(report.problems, start=1)
            )
            audit_record(
                action=AuditEvent.Action.DISCOVERY_LIST_UPLOADED,
                user=user,
                client_ip=client_ip,
                matter_number=matter.number,
                detail={
                    "list_id": discovery_list.pk,
                    "party_id": party.pk,
                    "sha256": digest,
                    "rows": report.rows,
                    "errors": report.errors,
                    "warnings": report.warnings,
                    "before": {"current_list_id": previous.pk if previous else None},
                    "after": {
                        "current_list_id": discovery_list.pk
                        if report.valid
                        else (previous.pk if previous else None)
                    },
                },
            )
    return discovery_list


def discovery_list_verify(
    *, discovery_list: DiscoveryList, method: str, user: Any, client_ip: str | None = None
) -> DiscoveryList:
    """Record how the party's list is verified (paras 17-19)."""
    if method not in DiscoveryList.Verification.values or not method:
        raise DiscoveryListRefused("Choose how the list is verified.")
    if not discovery_list.validated:
        raise DiscoveryListRefused("Only a list without errors can be verified.")
    with transaction.atomic(durable=True):
        locked = DiscoveryList.objects.select_for_update().get(pk=discovery_list.pk)
        before = locked.verification
        locked.verification = method
        locked.verification_recorded_by = user
        locked.verification_recorded_at = timezone.now()
        locked.save(
            update_fields=[
                "verification",
                "verification_recorded_by",
                "verification_recorded_at",
            ]
        )
        audit_record(
            action=AuditEvent.Action.DISCOVERY_LIST_VERIFIED,
            user=user,
            client_ip=client_ip,
            matter_number=locked.matter.number,
            detail={
                "list_id": locked.pk,
                "before": {"verification": before},
                "after": {"verification": method},
            },
        )
    return locked


def discovery_list_service_record(
    *,
    discovery_list: DiscoveryList,
    medium: str,
    served_on: Party,
    letter_date: datetime.date,
    user: Any,
    today: datetime.date,
    client_ip: str | None = None,
) -> ListService:
    """Record one service of the list's data on another party (para 19)."""
    if served_on.matter_id != discovery_list.matter_id or served_on.pk == discovery_list.party_id:
        raise DiscoveryListRefused("Serve the list on another party to this matter.")
    if medium not in dict(ListService.MEDIUM_CHOICES):
        raise DiscoveryListRefused("Choose the medium the data was served on.")
    if letter_date > today:
        raise DiscoveryListRefused("The covering letter cannot be dated in the future.")
    with transaction.atomic(durable=True):
        service = ListService.objects.create(
            discovery_list=discovery_list,
            medium=medium,
            served_on=served_on,
            letter_date=letter_date,
            recorded_by=user,
        )
        audit_record(
            action=AuditEvent.Action.DISCOVERY_LIST_SERVED,
            user=user,
            client_ip=client_ip,
            matter_number=discovery_list.matter.number,
            detail={
                "list_id": discovery_list.pk,
                "before": None,
                "after": {
                    "service_id": service.pk,
                    "medium": medium,
                    "served_on": served_on.pk,
                    "letter_date": letter_date.isoformat(),
                },
            },
        )
    return service

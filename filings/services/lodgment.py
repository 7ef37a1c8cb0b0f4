"""Lodging filings, on every channel (reviewing them is ``filings.services.review``).

``filing_lodge`` is the one entry point: the practitioners' page, the clerks' counter and
e-mail pages, and the intake of e-mails and discs all hand it ``DocumentSubmission`` rows and a
channel. It checks everything first (``filings.services.lodgment_check``: every problem at
once, nothing written) and then writes the filing, its documents, their stored copies and the
``filing_lodged`` audit event in one durable transaction: all or nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max

from audit.models import AuditEvent
from audit.services import audit_record
from filings.antivirus import ScanResult
from filings.models import Document, Filing, Matter, Party
from filings.services.effects import service_atomic
from filings.services.lodgment_check import (  # noqa: F401  (the lodgment vocabulary, re-exported)
    ORIGINAL_NAME_MAX,
    CheckedDocument,
    CheckedLodgment,
    DocumentSubmission,
    TransmissionReport,
    document_problem_prefix,
    lodgment_check,
    matter_closed_problem,
    safe_original_name,
)
from filings.storage import received_copies_synced, store_copy, store_received_copy
from filings.validation import Flag, ValidationResult
from notices.events import notify_filing_lodged
from search.tasks import text_extraction_enqueue


def filing_lodge(  # noqa: PLR0913 - keyword-only: each argument is a fact the service records
    *,
    party: Party,
    lodged_by: AbstractBaseUser,
    documents: Sequence[DocumentSubmission],
    channel: str = Filing.Channel.WEB,
    lodged_at: datetime.datetime | None = None,
    email_subject: str = "",
    transmission_report: TransmissionReport | None = None,
    problems_acknowledged: bool = False,
    corrects: Filing | None = None,
    client_ip: str | None = None,
    same_text_declared: bool | None = None,
) -> Filing:
    """Lodge a filing for ``party`` on ``channel``: check every document, then write all or
    nothing.

    E-mail (``Filing.Channel.EMAIL``) also takes the ``transmission_report`` and is checked
    against PD16 paras 9-10; ``problems_acknowledged`` lets a clerk record one whose subject or
    address is wrong, to reject it in review. Raises ValidationError with every problem (see
    ``lodgment_check``); ``client_ip`` is the lodging request's address, for the audit event.
    """
    # Uploads kept as they are (hashed as they arrived) reach the disk while they are checked.
    received = [d.path for d in documents if d.received is not None and d.path is not None]
    with received_copies_synced(received):
        checked = lodgment_check(
            party=party,
            documents=documents,
            channel=channel,
            lodged_at=lodged_at,
            email_subject=email_subject,
            transmission_report=transmission_report,
            problems_acknowledged=problems_acknowledged,
            corrects=corrects,
        )
    return filing_write(
        checked=checked,
        lodged_by=lodged_by,
        client_ip=client_ip,
        same_text_declared=same_text_declared,
    )


def filing_write(
    *,
    checked: CheckedLodgment,
    lodged_by: AbstractBaseUser,
    client_ip: str | None = None,
    same_text_declared: bool | None = None,
) -> Filing:
    """Write a checked lodgment: the filing under the next number of its matter, its documents
    and stored copies, and the audit event, in one durable transaction."""
    # The copies are stored first, outside the transaction and the matter's lock: each is
    # written atomically under its content name (filings.storage.store_copy). A failed
    # lodgment removes nothing: a concurrent lodgment of the same bytes may have shared the
    # file and not yet committed; its row is invisible to any check, and would point at
    # nothing once it commits. What no row names is left for verify_documents' sweeper.
    stored = {
        position: _store(item.submission.path, item.validation, item.submission.received)
        for position, item in enumerate(checked.documents, start=1)
        if item.validation is not None and item.submission.path is not None
    }
    with service_atomic():
        # Lock the matter so concurrent lodgments in it get consecutive filing numbers,
        # and judge its status under the lock: it may have closed since the check.
        matter = Matter.objects.select_for_update().filter(pk=checked.party.matter_id).get()
        if matter.status != Matter.Status.OPEN:
            closed = [matter_closed_problem(matter)]
            if checked.channel == Filing.Channel.EMAIL:
                raise ValidationError({NON_FIELD_ERRORS: closed})
            raise ValidationError(closed)
        last = Filing.objects.filter(matter_id=matter.pk).aggregate(n=Max("sequence"))
        report = checked.transmission_report
        filing = Filing.objects.create(
            matter=matter,
            party=checked.party,
            sequence=(last["n"] or 0) + 1,
            channel=checked.channel,
            lodged_by=lodged_by,
            lodged_at=checked.lodged_at,
            email_subject=checked.email_subject,
            corrects=checked.corrects,
            transmission_report_sent_at=report.sent_at if report else None,
            transmission_report_sent_to=report.sent_to if report else "",
            # PD16 para 5: the practitioner's declaration (None where it was not asked).
            same_text_declared=same_text_declared,
        )
        saved: dict[int, Document] = {}
        for position, item in enumerate(checked.documents, start=1):
            document = _document(filing, position, item, saved)
            if position in stored:
                document.electronic_copy.name = stored[position]
            document.save()
            saved[position] = document
        _audit_lodged(filing, list(saved.values()), client_ip=client_ip)
        notify_filing_lodged(filing=filing, documents=list(saved.values()))
        # Full-text search: the worker reads the copies' text once the lodgment commits.
        text_extraction_enqueue(
            document_ids=[d.pk for d in saved.values() if d.has_electronic_copy]
        )
    return filing


def _store(path: Path, validation: ValidationResult, received: tuple[str, int] | None) -> str:
    """The storage name of a checked copy, stored: an upload hashed as it arrived is kept as
    it is (``store_received_copy``); any other file is copied and verified."""
    if received is not None:
        return store_received_copy(source=path, sha256=validation.sha256, size=validation.size).name
    return store_copy(source=path, sha256=validation.sha256).name


def _document(
    filing: Filing, position: int, item: CheckedDocument, saved: dict[int, Document]
) -> Document:
    submission, validation = item.submission, item.validation
    document = Document(
        filing=filing,
        position=position,
        kind=submission.kind,
        title=submission.title.strip(),
        role=submission.role,
        annexed_to=saved.get(submission.annexed_to or 0),
        paper_copy_lodged=submission.paper_copy_lodged,
        annexure_not_readily_available=submission.annexure_not_readily_available,
        carried_over_from=submission.carried_over_from,
        rules_decision=item.decision,
    )
    if validation is not None and submission.path is not None:
        document.sha256 = validation.sha256
        document.size = validation.size
        # An admitted DOCX (REGISTRY_ACCEPT_DOCX) is stored and named as one.
        document.detected_format = "DOCX" if Flag.DOCX in validation.flags else validation.format
        document.original_filename = safe_original_name(
            submission.original_filename or Path(submission.path).name
        )
        document.validation = validation.to_dict(document.original_filename)
        if item.scan is not None:
            _record_scan(document, item.scan)
    return document


def _record_scan(document: Document, scan: tuple[ScanResult, datetime.datetime]) -> None:
    result, scanned_at = scan
    document.virus_scan_status = result.status
    document.virus_scan_signature = result.signature
    document.virus_scan_engine = result.engine
    document.virus_scanned_at = None if result.status == "not_scanned" else scanned_at


def _audit_lodged(filing: Filing, documents: list[Document], *, client_ip: str | None) -> None:
    audit_record(
        action=AuditEvent.Action.FILING_LODGED,
        user=filing.lodged_by,
        client_ip=client_ip,
        matter_number=filing.matter.number,
        filing_reference=filing.reference,
        detail={
            "channel": filing.channel,
            "party": filing.party.name,
            "corrects": filing.corrects.reference if filing.corrects else "",
            # The hashes as lodged, kept where no one can change them afterwards.
            "documents": [
                {"id": d.pk, "position": d.position, "sha256": d.sha256, "size": d.size}
                for d in documents
            ],
        },
    )


# --- The e-mail channel: a transmission report with the filing (PD16 paras 9 and 10) ---


def filing_record_email_lodgment(
    *,
    party: Party,
    lodged_by: AbstractBaseUser,
    documents: Sequence[DocumentSubmission],
    email_subject: str,
    sent_at: datetime.datetime,
    sent_to: str,
    problems_acknowledged: bool = False,
    lodged_at: datetime.datetime | None = None,
    client_ip: str | None = None,
) -> Filing:
    """Record a filing that complied with para 5 by e-mail, with its transmission report (para 9).

    The lodgment service on the e-mail channel (``filing_lodge``): subject and address problems
    (paras 9-10) stop the recording unless the clerk acknowledges them; the filing is then
    recorded as received, to be rejected in review with the reason. The filing and its
    transmission report are written together in the service's one transaction.
    """
    return filing_lodge(
        party=party,
        lodged_by=lodged_by,
        documents=documents,
        channel=Filing.Channel.EMAIL,
        lodged_at=lodged_at,
        email_subject=email_subject,
        transmission_report=TransmissionReport(sent_at=sent_at, sent_to=sent_to),
        problems_acknowledged=problems_acknowledged,
        client_ip=client_ip,
    )

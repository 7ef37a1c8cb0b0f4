"""Lodging filings (reviewing them is ``filings.services.review``).

A filing and its documents are written in one transaction; the electronic copies are checked
by content (``filings.validation``, PD16 para 4) and against the rules (``practice_directions``,
paras 3, 5 and 7) and scanned for viruses (``filings.antivirus``, PN127 paras 9-10) before
anything is written, and every problem is reported at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from filings.antivirus import ScanResult, scan_files, scan_problem
from filings.models import AuditEvent, Document, Filing, Matter, Party
from filings.selectors.obligations import ProposedDocument, assess_documents_for_party
from filings.services.audit import audit_record
from filings.storage import document_storage
from filings.validation import Flag, ValidationPolicy, ValidationResult, validate_file
from practice_directions.models import DocumentKind
from practice_directions.selectors import load_rules

ORIGINAL_NAME_MAX = 255


@dataclass(frozen=True)
class DocumentSubmission:
    """One document offered for lodgment, with its electronic copy on disk if there is one."""

    kind: DocumentKind
    title: str
    role: str = Document.Role.PRINCIPAL
    path: Path | None = None
    original_filename: str = ""
    annexed_to: int | None = None
    paper_copy_lodged: bool = True
    annexure_not_readily_available: bool = False
    # A correction's copy carried over from the rejected filing (``filings.services.carry_over``).
    carried_over_from: Document | None = None


def safe_original_name(name: str) -> str:
    """The practitioner's file name as metadata: no folders, no control characters, capped."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    return name.strip()[:ORIGINAL_NAME_MAX]


def document_problem_prefix(position: int) -> str:
    """How a problem of one document starts, so a reader knows which document it concerns."""
    return f"Document {position}: "


def _problem(position: int, message: str, code: str) -> ValidationError:
    # params carry the position for pages that put the problem beside its document; the "%"
    # escape keeps Django's message % params rendering from touching the text itself.
    text = f"{document_problem_prefix(position)}{message}".replace("%", "%%")
    return ValidationError(text, code=code, params={"position": position})


def carry_over_problems(
    position: int,
    submission: DocumentSubmission,
    validation: ValidationResult | None,
    corrects: Filing | None,
) -> list[ValidationError]:
    """A copy carried over (``filings.services.carry_over``) must come from the filing being
    corrected, no rejection reason may name it, and its bytes must still hash to the SHA-256
    lodged with the original."""
    original = submission.carried_over_from
    if original is None:
        return []
    if (
        corrects is None
        or original.filing_id != corrects.pk
        or original.rejections.exists()  # a copy the registry gave a reason about is corrected
    ):
        return [
            _problem(
                position,
                "a copy can be carried over only from the filing being corrected.",
                "carry_over.not_allowed",
            )
        ]
    if validation is None or validation.sha256 != original.sha256:
        return [
            _problem(
                position,
                "the stored copy no longer matches the SHA-256 lodged with it; choose the "
                "file again.",
                "carry_over.copy_changed",
            )
        ]
    return []


def _check_submission(
    *,
    position: int,
    submission: DocumentSubmission,
    roles_by_position: dict[int, str],
    validation: ValidationResult | None,
    copy_required: bool,
    required_because: str,
) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if submission.role not in Document.Role.values:
        problems.append(
            _problem(position, f"role {submission.role!r} is not known.", "document.role_invalid")
        )
    if not submission.title.strip():
        problems.append(_problem(position, "give the document a title.", "document.title_missing"))
    if not submission.kind.active:
        problems.append(
            _problem(
                position,
                f"{submission.kind.name} is no longer a kind of document the registry accepts.",
                "document.kind_inactive",
            )
        )
    if submission.role == Document.Role.ANNEXURE:
        target = submission.annexed_to
        if target is not None and roles_by_position.get(target) != Document.Role.PRINCIPAL:
            problems.append(
                _problem(
                    position,
                    "an annexure must be annexed to a principal document earlier in this filing.",
                    "document.annexed_to_invalid",
                )
            )
    else:
        if submission.annexed_to is not None:
            problems.append(
                _problem(
                    position,
                    "only an annexure can be annexed to another document.",
                    "document.annexed_to_invalid",
                )
            )
        if submission.annexure_not_readily_available:
            problems.append(
                _problem(
                    position,
                    "the para 3(d) exemption is for annexures and attachments only.",
                    "document.exemption_3d_not_annexure",
                )
            )
    if validation is not None:
        for error in validation.errors:
            problems.append(
                _problem(position, f"{error.message} (para {error.paragraph})", error.code)
            )
        if validation.size > settings.REGISTRY_MAX_FILE_BYTES:
            problems.append(
                _problem(
                    position,
                    f"the file is {validation.size:,} bytes; the registry takes at most "
                    f"{settings.REGISTRY_MAX_FILE_BYTES:,} bytes per file.",
                    "upload.file_too_large",
                )
            )
    elif copy_required:
        problems.append(
            _problem(
                position,
                f"an electronic copy is required ({required_because}).",
                "document.electronic_copy_missing",
            )
        )
    return problems


def filing_lodge(
    *,
    party: Party,
    lodged_by: AbstractBaseUser,
    documents: Sequence[DocumentSubmission],
    channel: str = Filing.Channel.WEB,
    lodged_at: datetime.datetime | None = None,
    email_subject: str = "",
    corrects: Filing | None = None,
    client_ip: str | None = None,
    same_text_declared: bool | None = None,
) -> Filing:
    """Lodge a filing for ``party``: validate every document, then write all or nothing.

    The ``filing_lodged`` audit event (with ``client_ip``, the lodging request's address) is
    written in the same transaction as the filing.
    """
    lodged_at = lodged_at or timezone.now()
    filed_on = timezone.localdate(lodged_at)
    errors: list[ValidationError] = []
    if channel not in Filing.Channel.values:
        errors.append(
            ValidationError(f"Unknown channel {channel!r}.", code="filing.channel_invalid")
        )
    if not documents:
        errors.append(ValidationError("A filing needs at least one document.", code="filing.empty"))
    if corrects is not None:
        # Judge the filing as it stands now, not as the caller last saw it.
        corrects = Filing.objects.get(pk=corrects.pk)
    if corrects is not None and (
        corrects.matter_id != party.matter_id
        or corrects.party_id != party.pk
        or corrects.status != Filing.Status.REJECTED
    ):
        errors.append(
            ValidationError(
                "A correction must follow a rejected filing of the same party in the same matter.",
                code="filing.corrects_invalid",
            )
        )

    rules = load_rules()
    policy = ValidationPolicy.from_settings()
    roles_by_position = {n: d.role for n, d in enumerate(documents, start=1)}
    checked: list[tuple[DocumentSubmission, ValidationResult | None, dict]] = []
    total_bytes = 0
    decisions = assess_documents_for_party(
        party=party,
        documents=[
            ProposedDocument(
                document_kind=d.kind,
                role=d.role,
                annexure_not_readily_available=d.annexure_not_readily_available,
            )
            for d in documents
        ],
        filed_on=filed_on,
        rules=rules,
    )
    for position, (submission, decision) in enumerate(
        zip(documents, decisions, strict=True), start=1
    ):
        validation = None
        if submission.path is not None:
            validation = validate_file(
                submission.path,
                role=submission.role,
                filename=submission.original_filename or Path(submission.path).name,
                policy=policy,
            )
            total_bytes += validation.size
        paragraphs = ", ".join(sorted({r.paragraph for r in decision.reasons}))
        errors.extend(
            _check_submission(
                position=position,
                submission=submission,
                roles_by_position=roles_by_position,
                validation=validation,
                copy_required=decision.electronic_copy_required
                and decision.due_by is not None
                and decision.due_by <= filed_on,
                required_because=f"PD16 para {paragraphs}" if paragraphs else "PD16 para 5",
            )
        )
        errors.extend(carry_over_problems(position, submission, validation, corrects))
        checked.append((submission, validation, decision.to_dict() | {"status": decision.status}))
    scans, scan_errors = _scan_copies(documents)
    errors.extend(scan_errors)
    if total_bytes > settings.REGISTRY_MAX_FILING_BYTES:
        errors.append(
            ValidationError(
                f"The files come to {total_bytes:,} bytes; a filing may carry at most "
                f"{settings.REGISTRY_MAX_FILING_BYTES:,} bytes.",
                code="upload.filing_too_large",
            )
        )
    if errors:
        raise ValidationError(errors)

    written: list[str] = []
    try:
        with transaction.atomic():
            # Lock the matter so concurrent lodgments in it get consecutive filing numbers.
            matter = Matter.objects.select_for_update().filter(pk=party.matter_id).get()
            last = Filing.objects.filter(matter_id=party.matter_id).aggregate(n=Max("sequence"))
            filing = Filing.objects.create(
                matter=matter,
                party=party,
                sequence=(last["n"] or 0) + 1,
                channel=channel,
                lodged_by=lodged_by,
                lodged_at=lodged_at,
                email_subject=email_subject.strip(),
                corrects=corrects,
                same_text_declared=same_text_declared,
            )
            saved: dict[int, Document] = {}
            for position, (submission, validation, decision) in enumerate(checked, start=1):
                scan = scans.get(position)
                document = Document(
                    filing=filing,
                    position=position,
                    kind=submission.kind,
                    title=submission.title.strip(),
                    role=submission.role,
                    annexed_to=saved.get(submission.annexed_to or 0),
                    paper_copy_lodged=submission.paper_copy_lodged,
                    annexure_not_readily_available=submission.annexure_not_readily_available,
                    rules_decision=decision,
                    carried_over_from=submission.carried_over_from,
                )
                if validation is not None and submission.path is not None:
                    document.sha256 = validation.sha256
                    document.size = validation.size
                    # An admitted DOCX (REGISTRY_ACCEPT_DOCX) is stored and named as one.
                    document.detected_format = (
                        "DOCX" if Flag.DOCX in validation.flags else validation.format
                    )
                    document.original_filename = safe_original_name(
                        submission.original_filename or Path(submission.path).name
                    )
                    document.validation = validation.to_dict(document.original_filename)
                    if scan is not None:
                        _record_scan(document, scan)
                    existed = document_storage.exists(
                        Document.electronic_copy.field.generate_filename(document, "")
                    )
                    with open(submission.path, "rb") as handle:
                        document.electronic_copy.save("", File(handle), save=False)
                    if not existed:
                        written.append(document.electronic_copy.name)
                document.save()
                saved[position] = document
            _audit_lodged(filing, list(saved.values()), client_ip=client_ip)
    except BaseException:
        # The rows rolled back: remove the files this attempt wrote, so nothing half-lodged stays.
        for name in written:
            if not Document.objects.filter(electronic_copy=name).exists():
                document_storage.delete(name)
        raise
    return filing


def _scan_copies(
    documents: Sequence[DocumentSubmission],
) -> tuple[dict[int, tuple[ScanResult, datetime.datetime]], list[ValidationError]]:
    """Scan every electronic copy (PN127 paras 9-10): the results by document position, and
    the problems that stop the lodgment (a virus; no scan when one is required)."""
    positions = [n for n, d in enumerate(documents, start=1) if d.path is not None]
    results = scan_files(
        [documents[n - 1].path for n in positions],
        address=settings.REGISTRY_CLAMD_ADDRESS,
        timeout=settings.REGISTRY_CLAMD_TIMEOUT,
    )
    scanned_at = timezone.now()
    problems: list[ValidationError] = []
    for position, result in zip(positions, results, strict=True):
        problem = scan_problem(result, scan_required=settings.REGISTRY_REQUIRE_VIRUS_SCAN)
        if problem is not None:
            problems.append(_problem(position, problem.message, problem.code))
    return {n: (r, scanned_at) for n, r in zip(positions, results, strict=True)}, problems


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

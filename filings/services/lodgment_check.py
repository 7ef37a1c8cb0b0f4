"""Checking a lodgment before anything is written: the first half of ``filing_lodge``.

Whatever the channel (the practitioners' page, the clerks' counter and e-mail pages, and the
intake of e-mails and discs), a lodgment arrives as ``DocumentSubmission`` rows, a channel and,
for e-mail, its transmission report. ``lodgment_check`` reads (the matter, the rules, the
files) and writes nothing: each electronic copy is checked by content (``filings.validation``,
PD16 para 4), against the rules (``practice_directions``, paras 3, 5 and 7) and by the virus
scanner (``filings.antivirus``, PN127 paras 9-10); an e-mail's subject and address against
paras 9 and 10. Every problem is collected and raised at once, each with a stable code; what
passes comes back as a ``CheckedLodgment`` for ``filings.services.lodgment`` to write.

A closed matter takes no lodgment on any channel (code ``matter.closed``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from filings.antivirus import ScanResult, scan_files, scan_problem
from filings.models import Document, Filing, Matter, Party
from filings.selectors.email import email_class_for, email_lodgment_problems
from filings.selectors.obligations import ProposedDocument, assess_documents_for_party
from filings.text import file_size, with_paragraph
from filings.validation import ValidationPolicy, ValidationResult, validate_file
from practice_directions.models import DocumentKind
from practice_directions.rules import RulesData
from practice_directions.selectors import load_rules

ORIGINAL_NAME_MAX = 255
MATTER_CLOSED = "matter.closed"


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
    # The SHA-256 and size of ``path``'s bytes taken as an upload wrote them
    # (``filings.uploads.received_digest``): not hashed again, and kept without a copy.
    received: tuple[str, int] | None = None


@dataclass(frozen=True)
class TransmissionReport:
    """PD16 para 9: the e-mail's transmission report, filed in lieu of a disc."""

    sent_at: datetime.datetime
    sent_to: str


@dataclass(frozen=True)
class CheckedDocument:
    """A submission that passed, with what the checks found (kept on the document row)."""

    submission: DocumentSubmission
    validation: ValidationResult | None
    decision: dict[str, Any]
    scan: tuple[ScanResult, datetime.datetime] | None


@dataclass(frozen=True)
class CheckedLodgment:
    """Everything ``filing_lodge`` writes, checked."""

    party: Party
    channel: str
    lodged_at: datetime.datetime
    documents: tuple[CheckedDocument, ...]
    email_subject: str = ""
    corrects: Filing | None = None
    transmission_report: TransmissionReport | None = None


@dataclass
class _Problems:
    """Problems by field: ``NON_FIELD_ERRORS`` for the filing and its documents (those carry
    their position in ``params``), the e-mail's fields by name."""

    by_field: dict[str, list[ValidationError]] = field(default_factory=dict)

    def add(self, error: ValidationError, field_name: str = NON_FIELD_ERRORS) -> None:
        self.by_field.setdefault(field_name, []).append(error)

    def extend(self, errors: Sequence[ValidationError]) -> None:
        for error in errors:
            self.add(error)

    def raise_if_any(self, *, keyed: bool) -> None:
        if not self.by_field:
            return
        if keyed:
            raise ValidationError(self.by_field)
        raise ValidationError([e for errors in self.by_field.values() for e in errors])


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


def matter_closed_problem(matter: Matter) -> ValidationError:
    """The refusal of anything lodged in a closed matter, the same on every channel."""
    return ValidationError(
        f"Matter {matter.number} is closed: nothing more can be lodged in it. "
        "Ask the Registry if the matter should be reopened.",
        code=MATTER_CLOSED,
    )


def _check_document(
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
                _problem(position, with_paragraph(error.message, error.paragraph), error.code)
            )
        if validation.size > settings.REGISTRY_MAX_FILE_BYTES:
            problems.append(
                _problem(
                    position,
                    f"the file is {file_size(validation.size)}; the registry takes at most "
                    f"{file_size(settings.REGISTRY_MAX_FILE_BYTES)} per file.",
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


def _check_filing(
    *, party: Party, matter: Matter, channel: str, documents: Sequence[DocumentSubmission]
) -> list[ValidationError]:
    problems = []
    if matter.status != Matter.Status.OPEN:
        problems.append(matter_closed_problem(matter))
    if channel not in Filing.Channel.values:
        problems.append(
            ValidationError(f"Unknown channel {channel!r}.", code="filing.channel_invalid")
        )
    if not documents:
        problems.append(
            ValidationError("A filing needs at least one document.", code="filing.empty")
        )
    return problems


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


def _check_correction(party: Party, corrects: Filing | None) -> tuple[Filing | None, list]:
    if corrects is None:
        return None, []
    # Judge the filing as it stands now, not as the caller last saw it.
    corrects = Filing.objects.get(pk=corrects.pk)
    if (
        corrects.matter_id != party.matter_id
        or corrects.party_id != party.pk
        or corrects.status != Filing.Status.REJECTED
    ):
        return corrects, [
            ValidationError(
                "A correction must follow a rejected filing of the same party in the same matter.",
                code="filing.corrects_invalid",
            )
        ]
    return corrects, []


def _check_email(
    problems: _Problems,
    *,
    matter: Matter,
    documents: Sequence[DocumentSubmission],
    email_subject: str,
    report: TransmissionReport | None,
    problems_acknowledged: bool,
    lodged_at: datetime.datetime,
    rules: RulesData,
) -> TransmissionReport | None:
    """PD16 paras 9-10. Subject and address problems stop the lodgment unless a clerk
    acknowledges them (it is then recorded, to be rejected in review with the reason)."""
    email_class = email_class_for(matter=matter, kinds=[d.kind for d in documents], rules=rules)
    if email_class is None:
        problems.add(
            ValidationError(
                f"{matter.proceeding.name} matters cannot comply by e-mail (PD16 para 9): e-mail "
                "is open to s.34, s.324 and Rule 32 matters and to submissions the Commission "
                "directed.",
                code="email.not_available",
            )
        )
    if report is None:
        problems.add(
            ValidationError(
                "An e-mail lodgment needs its transmission report (PD16 para 9).",
                code="email.transmission_report_missing",
            )
        )
        return None
    if not email_subject.strip():
        problems.add(
            ValidationError("Give the e-mail's subject line.", code="email.subject_missing"),
            "email_subject",
        )
    elif email_class is not None and not problems_acknowledged:
        for problem in email_lodgment_problems(
            matter=matter,
            email_class=email_class,
            subject=email_subject,
            sent_to=report.sent_to,
            rules=rules,
        ):
            problems.add(
                ValidationError(
                    with_paragraph(problem.message, problem.paragraph), code=problem.code
                ),
                "sent_to" if problem.code == "email.address_differs" else "email_subject",
            )
    sent_at = report.sent_at
    if timezone.is_naive(sent_at):
        sent_at = timezone.make_aware(sent_at)
    if sent_at > lodged_at:
        problems.add(
            ValidationError(
                "The e-mail cannot be sent in the future.", code="email.sent_in_future"
            ),
            "sent_at",
        )
    return TransmissionReport(sent_at=sent_at, sent_to=report.sent_to.strip())


def lodgment_check(
    *,
    party: Party,
    documents: Sequence[DocumentSubmission],
    channel: str,
    lodged_at: datetime.datetime | None = None,
    email_subject: str = "",
    transmission_report: TransmissionReport | None = None,
    problems_acknowledged: bool = False,
    corrects: Filing | None = None,
) -> CheckedLodgment:
    """Check a lodgment on any channel; raise every problem at once, or return it checked.

    Problems are a list (each with its code; a document's carry ``params["position"]``), except
    on the e-mail channel, where they are keyed by field (``email_subject``, ``sent_to``,
    ``sent_at``, and ``__all__`` for the rest), as the e-mail form shows them.
    """
    lodged_at = lodged_at or timezone.now()
    filed_on = timezone.localdate(lodged_at)
    # The matter as it stands now: it may have been closed since the caller read it.
    matter = Matter.objects.select_related("proceeding").get(pk=party.matter_id)
    party.matter = matter  # read once: the rules and the write below use this reading
    problems = _Problems()
    problems.extend(_check_filing(party=party, matter=matter, channel=channel, documents=documents))
    corrects, correction_problems = _check_correction(party, corrects)
    problems.extend(correction_problems)
    rules = load_rules()
    report = None
    if channel == Filing.Channel.EMAIL:
        report = _check_email(
            problems,
            matter=matter,
            documents=documents,
            email_subject=email_subject,
            report=transmission_report,
            problems_acknowledged=problems_acknowledged,
            lodged_at=lodged_at,
            rules=rules,
        )

    policy = ValidationPolicy.from_settings()
    roles_by_position = {n: d.role for n, d in enumerate(documents, start=1)}
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
    checked: list[tuple[DocumentSubmission, ValidationResult | None, dict[str, Any]]] = []
    total_bytes = 0
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
                hashed_as_written=submission.received,
            )
            total_bytes += validation.size
        paragraphs = ", ".join(sorted({r.paragraph for r in decision.reasons}))
        problems.extend(
            _check_document(
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
        problems.extend(carry_over_problems(position, submission, validation, corrects))
        checked.append((submission, validation, decision.to_dict() | {"status": decision.status}))
    scans, scan_problems = _scan_copies(documents)
    problems.extend(scan_problems)
    if total_bytes > settings.REGISTRY_MAX_FILING_BYTES:
        problems.add(
            ValidationError(
                f"The files come to {file_size(total_bytes)}; a filing may carry at most "
                f"{file_size(settings.REGISTRY_MAX_FILING_BYTES)}.",
                code="upload.filing_too_large",
            )
        )
    problems.raise_if_any(keyed=channel == Filing.Channel.EMAIL)
    return CheckedLodgment(
        party=party,
        channel=channel,
        lodged_at=lodged_at,
        documents=tuple(
            CheckedDocument(
                submission=submission,
                validation=validation,
                decision=decision,
                scan=scans.get(position),
            )
            for position, (submission, validation, decision) in enumerate(checked, start=1)
        ),
        email_subject=email_subject.strip(),
        corrects=corrects,
        transmission_report=report,
    )


def _scan_copies(
    documents: Sequence[DocumentSubmission],
) -> tuple[dict[int, tuple[ScanResult, datetime.datetime]], list[ValidationError]]:
    """Scan every electronic copy (PN127 paras 9-10): the results by document position, and
    the problems that stop the lodgment (a virus; no scan when one is required)."""
    copies = [(n, d.path) for n, d in enumerate(documents, start=1) if d.path is not None]
    positions = [n for n, _ in copies]
    results = scan_files(
        [path for _, path in copies],
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

"""E-mail intake: each message read once, stored, judged and lodged or queued (PD16 paras 9-10).

Exactly once. A message is known by its Message-ID, or by the SHA-256 of its bytes when it has
none; a message already recorded is a duplicate and creates nothing. The raw message is stored
first (content-addressed, so storing it twice is harmless), then its record, the filing it
becomes and the audit event are written in one transaction, and only after that transaction
commits is an IMAP message flagged and the acknowledgement sent. A crash before the commit
leaves no record and no filing, so the next run reads the message again.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Filing, Party, Rule32Order
from filings.services.effects import composed_transaction
from filings.services.lodgment import DocumentSubmission, TransmissionReport, filing_lodge
from filings.services.rule32 import rule32_receipt_record
from filings.storage import document_storage
from filings.validation import ValidationPolicy, validate_file
from intake.mail import (
    MailAttachment,
    MailLimits,
    MailProblem,
    ParsedMail,
    message_identity,
    parse_message,
)
from intake.matching import (
    ANNEXURE_KIND,
    PRINCIPAL_KIND_BY_CLASS,
    match_mail,
    sender_party,
    sender_user,
)
from intake.models import InboundMessage
from intake.services.acknowledgement import acknowledgement_send
from intake.sources import IncomingMessage, iter_messages
from practice_directions.models import DocumentKind
from practice_directions.selectors import load_rules

PRINCIPAL_FORMATS = {"DOC", "RTF", "DOCX"}
TITLE_MAX = 200


@dataclass
class MessageOutcome:
    """What became of one message; ``to_dict`` is the ``--json`` line."""

    message_id: str
    email_class: str
    matter: str | None
    outcome: str
    attachments: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)
    inbound_id: int | None = None
    filing: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "class": self.email_class or None,
            "matter": self.matter,
            "outcome": self.outcome,
            "attachments": [
                {k: a[k] for k in ("filename", "format", "acceptable")} for a in self.attachments
            ],
            "problems": [{"code": p["code"], "message": p["message"]} for p in self.problems],
        }


def intake_user() -> AbstractBaseUser:
    """The account lodgments by scripts are recorded against; it cannot sign in."""
    user, created = get_user_model().objects.get_or_create(
        username="registry-intake", defaults={"first_name": "Registry", "last_name": "intake"}
    )
    if created:
        user.set_unusable_password()
        user.is_active = False
        user.save(update_fields=["password", "is_active"])
    return user


def mailbox_ingest(*, source: str | Sequence[str], dry_run: bool = False) -> list[MessageOutcome]:
    """Ingest every message of ``source`` (Maildir, mbox, .eml paths or an imap:// URL).

    The plain function a scheduled worker task calls. Raises ``SourceError`` only when the
    source cannot be read at all."""
    sources = [source] if isinstance(source, str) else list(source)
    limits = MailLimits.from_settings()
    return [
        message_ingest(incoming=incoming, dry_run=dry_run, limits=limits)
        for incoming in iter_messages(sources, max_bytes=limits.max_bytes)
    ]


def _duplicate_of(sha256: str, message_id: str) -> InboundMessage | None:
    query = Q(raw_sha256=sha256)
    if message_id:
        query |= Q(message_id=message_id)
    return InboundMessage.objects.filter(query).first()


def _verdicts(attachments: Sequence[MailAttachment], folder: Path) -> list[dict[str, Any]]:
    """Each attachment's format verdict (para 4), its bytes written to ``folder``."""
    policy = ValidationPolicy.from_settings()
    verdicts = []
    for number, attachment in enumerate(attachments, start=1):
        path = folder / f"{number:03d}"
        path.write_bytes(attachment.content)
        result = validate_file(path, role="annexure", filename=attachment.filename, policy=policy)
        role = "principal" if result.format in PRINCIPAL_FORMATS else "annexure"
        if role == "principal":
            result = validate_file(
                path, role="principal", filename=attachment.filename, policy=policy
            )
        verdicts.append(
            {
                "filename": attachment.filename,
                "format": result.format,
                "acceptable": result.acceptable,
                "role": role,
                "size": result.size,
                "sha256": result.sha256,
                "path": str(path),
                "forwarded": attachment.forwarded,
                "problems": [
                    {"code": e.code, "message": e.message, "paragraph": e.paragraph}
                    for e in (*result.errors, *result.warnings)
                ],
            }
        )
    return verdicts


def _attachment_problems(verdicts: list[dict[str, Any]]) -> list[MailProblem]:
    problems = []
    for verdict in verdicts:
        for p in verdict["problems"]:
            problems.append(
                MailProblem(p["code"], f"{verdict['filename']}: {p['message']}", p["paragraph"])
            )
    return problems


def document_title(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    title = " ".join(stem.replace("_", " ").split())
    return (title or "Document")[:TITLE_MAX]


def submissions_for(
    verdicts: list[dict[str, Any]],
    *,
    email_class: str,
    kinds: dict[int, DocumentKind] | None = None,
) -> list[DocumentSubmission]:
    """The acceptable attachments as documents: principals first, then the images annexed to
    the first principal (para 4 admits images only as annexures)."""
    kinds = kinds or {}
    principal_kind = DocumentKind.objects.get(name=PRINCIPAL_KIND_BY_CLASS[email_class])
    annexure_kind = DocumentKind.objects.get(name=ANNEXURE_KIND)
    ordered = [v for v in verdicts if v["acceptable"] and v["role"] == "principal"]
    ordered += [v for v in verdicts if v["acceptable"] and v["role"] == "annexure"]
    documents = []
    for verdict in ordered:
        number = verdicts.index(verdict)
        principal = verdict["role"] == "principal"
        documents.append(
            DocumentSubmission(
                kind=kinds.get(number, principal_kind if principal else annexure_kind),
                title=document_title(verdict["filename"]),
                role=verdict["role"],
                path=Path(verdict["path"]),
                original_filename=verdict["filename"],
                annexed_to=None if principal else 1,
            )
        )
    return documents


def _record_verdicts(verdicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in verdict.items() if k != "path"} for verdict in verdicts]


def message_ingest(
    *, incoming: IncomingMessage, dry_run: bool = False, limits: MailLimits | None = None
) -> MessageOutcome:
    """Judge one message and record what became of it (nothing is written on a dry run)."""
    limits = limits or MailLimits.from_settings()
    # Known messages are recognised from the hash and the headers alone, before the body is
    # parsed: reading a mailbox again costs little.
    sha256, message_id = message_identity(incoming.raw)
    duplicate = _duplicate_of(sha256, message_id)
    if duplicate is not None:
        if not dry_run:
            incoming.mark_done()
        return MessageOutcome(
            message_id,
            duplicate.email_class,
            duplicate.matter.number if duplicate.matter is not None else None,
            "duplicate",
            problems=[
                {
                    "code": "mail.duplicate",
                    "message": "This message was received before; nothing new was recorded.",
                }
            ],
        )
    parsed = parse_message(incoming.raw, limits=limits)
    with tempfile.TemporaryDirectory(prefix="registry-mail-") as folder:
        verdicts = _verdicts(parsed.attachments, Path(folder))
        return _judge_and_record(parsed, incoming, verdicts, dry_run=dry_run)


def _judge_and_record(
    parsed: ParsedMail,
    incoming: IncomingMessage,
    verdicts: list[dict[str, Any]],
    *,
    dry_run: bool,
) -> MessageOutcome:
    problems = list(parsed.problems)
    match = match_mail(subject=parsed.subject, recipients=parsed.recipients, rules=load_rules())
    party = None
    if parsed.refused:
        status = InboundMessage.Status.REJECTED
    elif parsed.auto_generated:
        status = InboundMessage.Status.REJECTED
        problems.append(
            MailProblem(
                "mail.auto_generated",
                f"An automatic message ({parsed.auto_generated}); recorded, not answered.",
            )
        )
    else:
        problems += match.problems
        problems += _attachment_problems(verdicts)
        if match.matter is None:
            status = InboundMessage.Status.UNMATCHED
        elif not any(v["acceptable"] and v["role"] == "principal" for v in verdicts):
            status = InboundMessage.Status.UNMATCHED
            problems.append(
                MailProblem(
                    "email.no_acceptable_attachment",
                    "No attachment is a document the registry can accept: a Word (DOC) or RTF "
                    "document, with any annexures as TIFF, GIF or JPEG images.",
                    "4",
                )
            )
        else:
            party = sender_party(matter=match.matter, sender=parsed.sender)
            if party is None:
                status = InboundMessage.Status.PARTY_TO_CONFIRM
                problems.append(
                    MailProblem(
                        "email.party_to_be_confirmed",
                        f"{parsed.sender or 'The sender'} is not recorded as acting for a party "
                        f"in {match.matter.number}; a registry clerk will confirm the party.",
                        "9",
                    )
                )
            else:
                status = InboundMessage.Status.FILED
    outcome = MessageOutcome(
        parsed.message_id,
        match.email_class,
        match.matter.number if match.matter else None,
        _OUTCOME[status],
        attachments=_record_verdicts(verdicts),
        problems=[p.to_dict() for p in problems],
    )
    if dry_run:
        return outcome
    received_at = timezone.now()
    raw_name = ""
    if not any(p.code == "mail.too_large" for p in problems):
        # Stored before anything is recorded: a crash after this loses nothing.
        raw_name = document_storage.save(
            f"mail/{parsed.sha256[:2]}/{parsed.sha256}.eml", ContentFile(incoming.raw)
        )
    try:
        with composed_transaction():
            inbound = InboundMessage.objects.create(
                message_id=parsed.message_id,
                raw_sha256=parsed.sha256,
                raw_size=incoming.size,
                raw=raw_name,
                source=incoming.source,
                received_at=received_at,
                sent_at=parsed.sent_at,
                sender=parsed.sender[:254],
                sender_name=parsed.sender_name,
                recipients=list(parsed.recipients),
                subject=parsed.subject,
                email_class=match.email_class,
                auto_generated=parsed.auto_generated[:200],
                status=InboundMessage.Status.UNMATCHED
                if status == InboundMessage.Status.FILED
                else status,
                matter=match.matter,
                attachments=outcome.attachments,
                problems=outcome.problems,
            )
            if status == InboundMessage.Status.FILED and party is not None:
                _lodge_into(inbound, party=party, verdicts=verdicts, outcome=outcome)
            record_received(inbound)
            acknowledgement_send(inbound=inbound)
            transaction.on_commit(incoming.mark_done)
    except IntegrityError:
        # Another run recorded the same message between the check and the write.
        outcome.outcome = "duplicate"
        return outcome
    outcome.inbound_id = inbound.pk
    return outcome


_OUTCOME = {
    InboundMessage.Status.FILED: "filed",
    InboundMessage.Status.PARTY_TO_CONFIRM: "unmatched",
    InboundMessage.Status.UNMATCHED: "unmatched",
    InboundMessage.Status.REJECTED: "rejected",
}


def record_received(inbound: InboundMessage) -> None:
    """The audit event of a message's arrival (with its hash and what became of it)."""
    audit_record(
        action=AuditEvent.Action.MAIL_RECEIVED,
        matter_number=inbound.matter.number if inbound.matter is not None else "",
        filing_reference=inbound.filing.reference if inbound.filing is not None else "",
        detail={
            "message_id": inbound.message_id,
            "sha256": inbound.raw_sha256,
            "sender": inbound.sender,
            "status": inbound.status,
        },
        username="registry-intake",
    )


def _lodge_into(
    inbound: InboundMessage,
    *,
    party: Party,
    verdicts: list[dict[str, Any]],
    outcome: MessageOutcome,
    lodged_by: AbstractBaseUser | None = None,
    kinds: dict[int, DocumentKind] | None = None,
) -> None:
    """Lodge the acceptable attachments as a filing (channel e-mail), in a savepoint: when the
    lodgment service refuses them the message stays in the queue with its reasons."""
    user = lodged_by or sender_user(party=party, sender=inbound.sender) or intake_user()
    documents = submissions_for(verdicts, email_class=inbound.email_class, kinds=kinds)
    try:
        with transaction.atomic():
            filing = filing_lodge(
                party=party,
                lodged_by=user,
                documents=documents,
                channel=Filing.Channel.EMAIL,
                lodged_at=inbound.received_at,
                email_subject=inbound.subject[:300],
                # The message itself is the transmission record (PD16 para 9); a sender's
                # clock ahead of ours does not make it sent in the future.
                transmission_report=TransmissionReport(
                    sent_at=min(inbound.sent_at or inbound.received_at, inbound.received_at),
                    sent_to=next(iter(inbound.recipients), "")[:254],
                ),
                # A clerk who assigns a message the subject rules refused records it anyway,
                # to be rejected in review with the reason.
                problems_acknowledged=lodged_by is not None,
            )
    except ValidationError as error:
        problems = [
            {"code": e.code or "filing.refused", "message": e.messages[0], "paragraph": ""}
            for e in _flat(error)
        ]
        inbound.problems = [*inbound.problems, *problems]
        inbound.status = InboundMessage.Status.UNMATCHED
        inbound.save(update_fields=["problems", "status"])
        outcome.outcome = "unmatched"
        outcome.problems = inbound.problems
        if lodged_by is not None:
            raise
        return
    inbound.filing = filing
    inbound.status = InboundMessage.Status.FILED
    inbound.save(update_fields=["filing", "status"])
    outcome.outcome = "filed"
    outcome.filing = filing.reference
    if inbound.email_class == "rule32":
        _rule32_received(inbound, filing, outcome)


def _flat(error: ValidationError) -> list[ValidationError]:
    """Every problem of a refusal, whether given by field (the e-mail channel) or as a list."""
    if hasattr(error, "error_dict"):
        return [e for errors in error.error_dict.values() for e in errors]
    return list(error.error_list)


def _rule32_received(inbound: InboundMessage, filing: Filing, outcome: MessageOutcome) -> None:
    """PD16 para 11: an award received by e-mail meets its order and the Office is told."""
    order = (
        Rule32Order.objects.filter(matter_id=filing.matter_id, received_on__isnull=True)
        .order_by("made_on", "pk")
        .first()
    )
    if order is None:
        return
    try:
        with transaction.atomic():
            rule32_receipt_record(
                order=order,
                received_on=timezone.localdate(inbound.received_at),
                received_filing=filing,
            )
    except ValidationError as error:
        problem = {
            "code": "intake.rule32_receipt_not_recorded",
            "message": "The award was filed but its receipt could not be recorded: "
            + "; ".join(error.messages),
            "paragraph": "11",
        }
        inbound.problems = [*inbound.problems, problem]
        inbound.save(update_fields=["problems"])
        outcome.problems = inbound.problems


def reparsed(inbound: InboundMessage, folder: Path) -> list[dict[str, Any]]:
    """The stored message read again, its attachments written to ``folder`` with verdicts."""
    with inbound.raw.open("rb") as handle:
        raw = handle.read()
    parsed = parse_message(raw, limits=MailLimits.from_settings())
    return _verdicts(parsed.attachments, folder)


def received_on(inbound: InboundMessage) -> datetime.date:
    return timezone.localdate(inbound.received_at)

"""Demo mail for ``seed_demo``: messages that show the unmatched-mail queue (idempotent: each
message has its own Message-ID, so seeding again finds them as duplicates)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from demo.writing import Paragraph, rtf_document
from intake.services.mail import MessageOutcome, message_ingest
from intake.sources import IncomingMessage
from practice_directions.models import EmailClass

RIVERINA = "Riverina Regional Council Enterprise Agreement 2026"


def _message(key: str, *, to: str, sender: str, subject: str, attachment: bytes | None) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = f"<demo-{key}@registry-demo.example>"
    message.set_content("Please find the document attached for filing.\n")
    if attachment is not None:
        message.add_attachment(
            attachment, maintype="application", subtype="rtf", filename=f"{subject[:40]}.rtf"
        )
    return message.as_bytes()


def seed_demo_mail() -> list[MessageOutcome]:
    """Three messages to the registry's addresses: one from a sender who acts for no party
    (party to be confirmed), one naming no matter, one with a PDF only (para 4)."""
    electronic = EmailClass.objects.get(code="s34").address
    agreement = rtf_document(
        title=RIVERINA, author="Riverina Regional Council", blocks=[Paragraph(RIVERINA)]
    ).encode("cp1252")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    messages = [
        _message(
            "party-to-confirm",
            to=electronic,
            sender="Payroll Officer <payroll@riverina-council.example>",
            subject=f"For filing: {RIVERINA}",
            attachment=agreement,
        ),
        _message(
            "no-matter",
            to=electronic,
            sender="Office Manager <office@smallfirm.example>",
            subject="Documents for filing",
            attachment=agreement,
        ),
        _pdf_message(electronic, pdf),
    ]
    return [
        message_ingest(incoming=IncomingMessage(raw, "eml", "demo", len(raw))) for raw in messages
    ]


def _pdf_message(to: str, pdf: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = "Office Manager <office@smallfirm.example>"
    message["To"] = to
    message["Subject"] = f"Agreement for filing: {RIVERINA}"
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = "<demo-pdf-only@registry-demo.example>"
    message.set_content("The agreement is attached as a PDF.\n")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="Agreement.pdf")
    return message.as_bytes()

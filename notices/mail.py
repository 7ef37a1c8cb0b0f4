"""A notice as an e-mail: a plain-text part, an optional HTML alternative, and links only.

The Office of Industrial Relations' notice (PD16 para 11) is the one that carries documents:
the award's electronic copies from the filing that brought it, read from the store and
re-verified against their SHA-256 as they are read (``filings.packaging``), so a changed copy
is never passed on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from filings import packaging
from filings.models import Document
from notices.models import Notice


def site_link(path: str) -> str:
    """An absolute link to a page of the registry (behind sign-in)."""
    return settings.REGISTRY_SITE_URL.rstrip("/") + path


def message_id(notice: Notice) -> str:
    """One Message-ID per notice, the same on every try, so a receiver can tell a repeat."""
    domain = urlsplit(settings.REGISTRY_SITE_URL).hostname or "registry.invalid"
    return f"<notice-{notice.pk}@{domain}>"


def build_message(notice: Notice) -> EmailMultiAlternatives:
    headers = {
        "Message-ID": message_id(notice),
        "Auto-Submitted": "auto-generated",
        "X-Registry-Notice": notice.kind,
    }
    if notice.kind == Notice.Kind.MAIL_ACKNOWLEDGED:
        # RFC 3834: a reply to a message says so, which is what keeps two robots from
        # answering each other.
        headers["Auto-Submitted"] = "auto-replied"
    if notice.in_reply_to:
        headers |= {"In-Reply-To": notice.in_reply_to, "References": notice.in_reply_to}
    message = EmailMultiAlternatives(
        subject=notice.subject, body=notice.body, to=[notice.to_address], headers=headers
    )
    if notice.html_body:
        message.attach_alternative(notice.html_body, "text/html")
    if notice.kind == Notice.Kind.OIR_AWARD_RECEIVED and notice.filing_id:
        _attach_awards(message, notice)
    return message


def _attach_awards(message: EmailMultiAlternatives, notice: Notice) -> None:
    if notice.filing_id is None:
        return
    documents = (
        Document.objects.filter(filing_id=notice.filing_id, kind__is_award=True)
        .exclude(electronic_copy="")
        .select_related("filing__matter")
        .order_by("position")
    )
    for document in documents:
        name = document.original_filename or packaging.document_file_name(
            document, matter_number=notice.matter_number
        )
        if "." not in name:
            name = f"{name}.{packaging.extension_for(document)}"
        content = b"".join(packaging.stream_stored_copy(document))
        message.attach(name, content, packaging.content_type_for(document))

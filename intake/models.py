"""Mail the registry received at its lodgment addresses (PD16 paras 9 and 10).

Every message read is recorded here once, whatever became of it, so nothing is dropped
silently: the raw message is stored (content-addressed, by its SHA-256) as the transmission
record; a message that matched a matter and a party is linked to the filing it became.

Why a pending record rather than a filing without a party: ``Filing.party`` is required, and
the numbering, access control, notices and review all rest on it. A message whose matter is
known but whose sender acts for no party in it stays here, "party to be confirmed", and the
clerk's choice of party lodges the filing through the same lodgment service. No filing ever
exists without its party.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from filings.storage import get_document_storage


def raw_message_name(instance: InboundMessage, filename: str) -> str:
    """``mail/ab/abcdef….eml`` from the message's SHA-256. Referenced by migrations."""
    return f"mail/{instance.raw_sha256[:2]}/{instance.raw_sha256}.eml"


class InboundMessage(models.Model):
    class Status(models.TextChoices):
        FILED = "filed", "Filed"
        PARTY_TO_CONFIRM = "party_to_confirm", "Party to be confirmed"
        UNMATCHED = "unmatched", "Unmatched"
        REJECTED = "rejected", "Rejected"

    class Source(models.TextChoices):
        MAILDIR = "maildir", "Maildir"
        MBOX = "mbox", "mbox"
        EML = "eml", "Message file"
        IMAP = "imap", "IMAP"

    message_id = models.CharField(max_length=250, blank=True)
    raw_sha256 = models.CharField(max_length=64, unique=True)
    raw_size = models.PositiveBigIntegerField()
    # Blank only for a message refused for its size: its bytes are not kept.
    raw = models.FileField(
        upload_to=raw_message_name, storage=get_document_storage, max_length=200, blank=True
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    received_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    sender = models.CharField(max_length=254, blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    recipients = models.JSONField(default=list, blank=True)
    subject = models.TextField(blank=True)
    email_class = models.CharField(max_length=20, blank=True)
    auto_generated = models.CharField(
        max_length=200, blank=True, help_text="Why the message is never answered (RFC 3834)."
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    matter = models.ForeignKey(
        "filings.Matter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filing = models.OneToOneField(
        "filings.Filing",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inbound_message",
    )
    attachments = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id"],
                condition=~Q(message_id=""),
                name="inbound_message_unique_message_id",
            ),
            models.CheckConstraint(
                condition=Q(status="filed", filing__isnull=False)
                | (~Q(status="filed") & Q(filing__isnull=True)),
                name="inbound_message_filed_has_filing",
            ),
            models.CheckConstraint(
                condition=~Q(status="party_to_confirm") | Q(matter__isnull=False),
                name="inbound_message_party_to_confirm_has_matter",
            ),
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return f"{self.sender or 'unknown sender'}: {self.subject[:60]}"

    @property
    def in_queue(self) -> bool:
        return self.status in {self.Status.UNMATCHED, self.Status.PARTY_TO_CONFIRM}

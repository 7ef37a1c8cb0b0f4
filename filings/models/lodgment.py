"""Filings (lodgments) and the documents within them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from filings.storage import document_storage_name, get_document_storage
from practice_directions.rules import facts


class Filing(models.Model):
    """One lodgment by a party in a matter."""

    class Channel(models.TextChoices):
        WEB = "web", "Web upload"
        EMAIL = "email", "E-mail with transmission report (PD16 para 9)"
        DISKETTE = "diskette", "Diskette at the counter"
        CD_ROM = "cd-rom", "CD-ROM at the counter"

    class Status(models.TextChoices):
        LODGED = "lodged", "Lodged"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    matter = models.ForeignKey("filings.Matter", on_delete=models.PROTECT, related_name="filings")
    party = models.ForeignKey("filings.Party", on_delete=models.PROTECT, related_name="filings")
    sequence = models.PositiveIntegerField(editable=False, help_text="Within the matter.")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LODGED)
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lodged_filings"
    )
    lodged_at = models.DateTimeField()
    email_subject = models.CharField(max_length=300, blank=True)
    # PD16 para 9: the copy of the e-mail transmission report filed in lieu of a disc.
    transmission_report_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="PD16 para 9: when the report says the e-mail was sent."
    )
    transmission_report_sent_to = models.EmailField(
        blank=True, help_text="PD16 para 9: the address the report says it was sent to."
    )
    # PD16 para 5: what the practitioner declared on the web form; empty where not asked
    # (counter and e-mail lodgments, and filings lodged before the question was put).
    same_text_declared = models.BooleanField(
        null=True,
        blank=True,
        help_text="PD16 para 5: declared that each electronic copy contains the same text as "
        "the paper copy.",
    )
    review_notes = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_filings",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    correction_due_on = models.DateField(
        null=True, blank=True, help_text="Date by which a corrected filing may be lodged."
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text="The rejected filing this one corrects.",
    )

    class Meta:
        ordering = ["-lodged_at"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "sequence"], name="filing_unique_sequence"),
            models.CheckConstraint(
                condition=Q(status="lodged") | Q(reviewed_at__isnull=False),
                name="filing_reviewed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "lodged_at"]),
            # The clerks' filings list, newest first, read a page at a time.
            models.Index(fields=["-lodged_at", "-id"], name="filing_lodged_newest"),
            # The work queue: filings awaiting review, a few thousand among hundreds of
            # thousands; its counts read this index alone (channel and matter included).
            models.Index(
                fields=["lodged_at", "id"],
                name="filing_awaiting_review",
                include=["channel", "matter"],
                condition=Q(status="lodged"),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The filing number printed on the Notice of Lodgment, e.g. IRC2004/1000-F03."""
        return f"{self.matter.number}-F{self.sequence:02d}"


# Documents a clerk must look at in the work queue: the format validation warned (PD16 para 4),
# or a virus was found or the scanner failed (PN127 para 9). One expression for the queue's
# filter and for the partial index that serves it (which PostgreSQL uses only when the two
# match).
DOCUMENT_HAS_PROBLEMS = (Q(validation__has_key="warnings") & ~Q(validation__warnings=[])) | Q(
    virus_scan_status__in=["infected", "error"]
)


class Document(models.Model):
    """One document within a filing, and its electronic copy where one was lodged."""

    class Role(models.TextChoices):
        PRINCIPAL = facts.PRINCIPAL, "Principal document"
        ANNEXURE = facts.ANNEXURE, "Annexure or attachment"

    class VirusScan(models.TextChoices):
        CLEAN = "clean", "Clean"
        INFECTED = "infected", "Virus found"
        ERROR = "error", "Scanner error"
        NOT_SCANNED = "not_scanned", "Not scanned"

    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="documents")
    position = models.PositiveSmallIntegerField(help_text="Order within the filing, from 1.")
    kind = models.ForeignKey(
        "practice_directions.DocumentKind", on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(max_length=200, help_text='e.g. "Affidavit of J Smith".')
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PRINCIPAL)
    annexed_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="annexures"
    )
    paper_copy_lodged = models.BooleanField(default=True)
    annexure_not_readily_available = models.BooleanField(
        default=False,
        help_text="PD16 para 3(d): the party claims the annexure is not readily available "
        "in computer-readable format.",
    )
    electronic_copy = models.FileField(
        upload_to=document_storage_name,
        storage=get_document_storage,
        max_length=200,
        blank=True,
    )
    original_filename = models.CharField(max_length=255, blank=True)
    carried_over_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_over_to",
        help_text="The document of the rejected filing whose copy a correction carried over.",
    )
    detected_format = models.CharField(max_length=10, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    validation = models.JSONField(default=dict, blank=True)
    rules_decision = models.JSONField(default=dict, blank=True)
    # PN127 paras 9-10: the ClamAV verdict on the electronic copy; blank when none was lodged.
    virus_scan_status = models.CharField(max_length=12, choices=VirusScan.choices, blank=True)
    virus_scan_signature = models.CharField(max_length=200, blank=True)
    virus_scanned_at = models.DateTimeField(null=True, blank=True)
    virus_scan_engine = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["filing", "position"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "position"], name="document_unique_position"),
            models.CheckConstraint(
                condition=(Q(electronic_copy="") & Q(sha256="") & Q(size__isnull=True))
                | (
                    ~Q(electronic_copy="")
                    & Q(sha256__regex=r"^[0-9a-f]{64}$")
                    & Q(size__isnull=False)
                ),
                name="document_copy_has_hash_and_size",
            ),
            models.CheckConstraint(
                condition=Q(annexure_not_readily_available=False) | Q(role="annexure"),
                name="document_3d_claim_only_for_annexures",
            ),
        ]
        indexes = [
            # The deadlines page: documents still without an electronic copy (PD16 para 3(b)),
            # a small share of all documents.
            models.Index(
                fields=["filing"], name="document_without_copy", condition=Q(electronic_copy="")
            ),
            # The work queue: whether a filing has a document with problems, per filing.
            models.Index(
                fields=["filing"], name="document_with_problems", condition=DOCUMENT_HAS_PROBLEMS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filing.reference} #{self.position} {self.title}"

    @property
    def has_electronic_copy(self) -> bool:
        return bool(self.electronic_copy)


class FilingRejection(models.Model):
    """A coded reason a clerk gave for rejecting a filing, optionally about one document."""

    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="rejections")
    reason = models.ForeignKey("practice_directions.RejectionReason", on_delete=models.PROTECT)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="rejections"
    )
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.filing}: {self.reason_id}"

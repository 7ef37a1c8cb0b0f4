"""A matter's PN127 protocol: what each party proposed, who agreed, and what the Court ordered.

Every row is kept as written (append-only): a party that changes its mind proposes again, and a
later order or agreement prevails over an earlier one (``practice_directions.rules
.technology_checklist``). Nothing is updated or deleted by the services, and the admin shows
these rows read-only. Each row is also written to the audit trail by the service that adds it.

A proposal or an order concerns either one group of the Technology Check List (``group`` and
``option``) or the protocol's settings (``settings``, one ``ProtocolSettings`` row per version),
never both: a database constraint says so.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.db.models import Q


class Protocol(models.Model):
    """The protocol of one matter to which PN127 applies; made by the first proposal or order."""

    matter = models.OneToOneField(
        "filings.Matter", on_delete=models.PROTECT, related_name="protocol"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"PN127 protocol of {self.matter.number}"


class ProtocolSettings(models.Model):
    """One version of the protocol's settings, as a party proposed it or the Court ordered it.

    PN127 schedules (a)-(d) and the Recommended Fields: image resolution "around 200 dpi" (a);
    image file names (b); special requirements such as redaction and confidentiality (c); the
    Recommended Fields in use, the six default fields always (d); undated documents; the
    Document ID pattern and whether each page is numbered.
    """

    class FilenameStructure(models.TextChoices):
        DOCUMENT_ID = "document_id", "Named as the Document ID (ABC.001.001.0001.tif)"
        DOCUMENT_ID_NO_DOTS = (
            "document_id_no_dots",
            "Named as the Document ID without its dots (ABC0010010001.tif)",
        )
        FOLDER_STRUCTURE = "folder_structure", "According to an agreed folder structure"

    protocol = models.ForeignKey(Protocol, on_delete=models.PROTECT, related_name="settings")
    image_resolution_dpi = models.PositiveSmallIntegerField(default=200)
    filename_structure = models.CharField(
        max_length=24, choices=FilenameStructure.choices, default=FilenameStructure.DOCUMENT_ID
    )
    folder_structure = models.CharField(max_length=300, blank=True)
    special_considerations = models.TextField(blank=True)
    undated_convention = models.CharField(max_length=11, default="blank")
    document_id_pattern = models.CharField(max_length=40, default="AAA.NNN.NNN.NNNN")
    document_id_regex = models.CharField(max_length=400)
    each_page_numbered = models.BooleanField(default=True)
    fields_in_use = models.JSONField(default=list)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "protocol settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(image_resolution_dpi__gte=50) & Q(image_resolution_dpi__lte=1200),
                name="protocol_settings_resolution_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Settings {self.pk} of {self.protocol}"


def _one_subject(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(
            Q(group__isnull=False, option__isnull=False, settings__isnull=True)
            | Q(group__isnull=True, option__isnull=True, settings__isnull=False)
        ),
        name=f"{prefix}_option_or_settings",
    )


class ProtocolProposal(models.Model):
    """A party proposes an option of a checklist group, or a version of the settings."""

    protocol = models.ForeignKey(Protocol, on_delete=models.PROTECT, related_name="proposals")
    party = models.ForeignKey("filings.Party", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        "practice_directions.ChecklistGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    option = models.ForeignKey(
        "practice_directions.ChecklistOption",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    settings = models.ForeignKey(
        ProtocolSettings, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [_one_subject("protocol_proposal")]

    def __str__(self) -> str:
        return f"Proposal {self.pk} by {self.party}"


class ProtocolAgreement(models.Model):
    """Another party agrees to a proposal, by one of its practitioners."""

    proposal = models.ForeignKey(
        ProtocolProposal, on_delete=models.PROTECT, related_name="agreements"
    )
    party = models.ForeignKey("filings.Party", on_delete=models.PROTECT, related_name="+")
    agreed_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "party"], name="protocol_agreement_once"),
        ]

    def __str__(self) -> str:
        return f"{self.party} agrees to proposal {self.proposal_id}"


class ProtocolOrder(models.Model):
    """The Court fixed a group's option, or the settings (PN127 para 4), recorded by a clerk."""

    protocol = models.ForeignKey(Protocol, on_delete=models.PROTECT, related_name="orders")
    group = models.ForeignKey(
        "practice_directions.ChecklistGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    option = models.ForeignKey(
        "practice_directions.ChecklistOption",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    settings = models.ForeignKey(
        ProtocolSettings, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    made_on = models.DateField()
    terms = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [_one_subject("protocol_order")]

    def __str__(self) -> str:
        return f"Order {self.pk} in {self.protocol}"

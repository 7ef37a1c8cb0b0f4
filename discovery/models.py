"""A party's electronic discovery list in a matter (PN127 paras 11-21), its problems, the
services of its data and how it is verified."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from filings.storage import get_document_storage
from practice_directions.rules.discovery import MEDIA


def discovery_list_storage_name(instance: Any, filename: str) -> str:
    """``upload_to`` for lists: ``discovery-lists/ab/abcdef…`` from the file's SHA-256.

    Referenced by migrations: keep this importable under this name.
    """
    digest = instance.sha256
    return f"discovery-lists/{digest[:2]}/{digest}"


class DiscoveryList(models.Model):
    """One upload of a party's list, as checked. A list with no errors becomes the party's
    list (``is_current``, para 20: the data provided to the Court); at most one per party."""

    class Format(models.TextChoices):
        CSV = "csv", "Delimited ASCII text (comma)"
        TSV = "tsv", "Delimited ASCII text (tab)"
        XLSX = "xlsx", "Excel workbook (.xlsx)"
        DAT = "dat", "Concordance load file (.dat)"

    class Verification(models.TextChoices):
        NONE = "", "Not recorded"
        AFFIDAVIT = "affidavit", "By affidavit (para 18)"
        SERVICE = "service", "By reference to the medium and date of service (para 19)"

    matter = models.ForeignKey(
        "filings.Matter", on_delete=models.PROTECT, related_name="discovery_lists"
    )
    party = models.ForeignKey(
        "filings.Party", on_delete=models.PROTECT, related_name="discovery_lists"
    )
    original_name = models.CharField(max_length=255)
    file = models.FileField(
        storage=get_document_storage, upload_to=discovery_list_storage_name, max_length=200
    )
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    format = models.CharField(max_length=4, choices=Format.choices)
    encoding = models.CharField(max_length=40, blank=True)
    row_count = models.PositiveIntegerField()
    valid_row_count = models.PositiveIntegerField()
    error_count = models.PositiveIntegerField()
    warning_count = models.PositiveIntegerField()
    counts_by_code = models.JSONField(default=dict, blank=True)
    conventions = models.JSONField(
        default=dict, blank=True, help_text="The conventions the list was checked against."
    )
    validated = models.BooleanField(help_text="No errors (warnings allowed).")
    is_current = models.BooleanField(default=False, help_text="The party's list (para 20).")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    verification = models.CharField(
        max_length=10, choices=Verification.choices, default="", blank=True
    )
    verification_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verification_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["party"],
                condition=Q(is_current=True),
                name="discovery_one_current_list_per_party",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(validated=True, error_count=0),
                name="discovery_current_list_validated",
            ),
            models.CheckConstraint(
                condition=Q(validated=False) | Q(error_count=0),
                name="discovery_validated_has_no_errors",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party.name}: {self.original_name} ({self.row_count} rows)"

    @property
    def problem_count(self) -> int:
        return self.error_count + self.warning_count


class StoredProblem(models.Model):
    """One of the first problems of a list, kept for display beside its row (the full report
    is produced again from the stored file)."""

    discovery_list = models.ForeignKey(
        DiscoveryList, on_delete=models.CASCADE, related_name="problems"
    )
    position = models.PositiveIntegerField()
    row = models.PositiveIntegerField(null=True, blank=True)
    field = models.CharField(max_length=60, blank=True)
    code = models.CharField(max_length=60)
    severity = models.CharField(max_length=10)
    message = models.CharField(max_length=1000)
    paragraph = models.CharField(max_length=120)
    value = models.CharField(max_length=254, blank=True)
    document_id = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["discovery_list", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["discovery_list", "position"], name="discovery_problem_position"
            )
        ]

    def __str__(self) -> str:
        return f"row {self.row}: {self.code}"


class ListService(models.Model):
    """A service of the list's data on another party (para 19: medium and date of service)."""

    MEDIUM_CHOICES = [(key, singular) for key, (singular, _) in MEDIA.items()]

    discovery_list = models.ForeignKey(
        DiscoveryList, on_delete=models.PROTECT, related_name="services"
    )
    medium = models.CharField(max_length=10, choices=MEDIUM_CHOICES)
    served_on = models.ForeignKey("filings.Party", on_delete=models.PROTECT, related_name="+")
    letter_date = models.DateField(help_text="The date of the covering letter.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["letter_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_medium_display()} on {self.served_on.name}, {self.letter_date}"

"""What the Registrar or the Commission directs in a matter, and Rule 32 awards to be filed.

Notices sent because of them are in the ``notices`` outbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from practice_directions.rules import facts


class InForceQuerySet(models.QuerySet):
    """Directions and PN127 applications are never deleted: a withdrawn one stays on the record
    (struck through) and every decision reads only those in force."""

    def in_force(self) -> models.QuerySet:
        return self.filter(withdrawn_on__isnull=True)


class Withdrawable(models.Model):
    """When, by whom and why a record was withdrawn; the three go together (a check constraint
    in each model, since an abstract model's constraint needs its own name)."""

    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None


def _withdrawal_together(*, made: str, name: str) -> models.CheckConstraint:
    """Not withdrawn: no date, person or reason. Withdrawn: all three, not before it was made."""
    return models.CheckConstraint(
        condition=Q(withdrawn_on__isnull=True, withdrawn_by__isnull=True, withdrawal_reason="")
        | (
            Q(withdrawn_on__isnull=False, withdrawn_by__isnull=False)
            & ~Q(withdrawal_reason="")
            & Q(withdrawn_on__gte=models.F(made))
        ),
        name=name,
    )


class Direction(Withdrawable):
    """A para 7 direction to file electronic copies, or a waiver of the obligation."""

    class Kind(models.TextChoices):
        DIRECT = facts.DIRECT, "Direction to file in computer-readable format"
        WAIVE = facts.WAIVE, "Waiver of the obligation"

    class MadeBy(models.TextChoices):
        REGISTRAR = facts.REGISTRAR, "The Registrar"
        COMMISSION = facts.COMMISSION, "The Commission"

    matter = models.ForeignKey(
        "filings.Matter", on_delete=models.PROTECT, related_name="directions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    made_by = models.CharField(max_length=12, choices=MadeBy.choices)
    made_on = models.DateField()
    parties = models.ManyToManyField(
        "filings.Party", blank=True, help_text="Leave empty for every party to the matter."
    )
    document_kinds = models.ManyToManyField(
        "practice_directions.DocumentKind",
        blank=True,
        help_text="Leave empty for all documents.",
    )
    serve = models.BooleanField(default=False, help_text="File and serve (para 7).")
    due_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date by which to file (or file and serve); empty when none was set.",
    )
    scope = models.TextField(blank=True, help_text="Terms of the direction or waiver.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["matter", "made_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(kind="direct", due_on__gte=models.F("made_on")),
                name="direction_due_after_made",
            ),
            _withdrawal_together(made="made_on", name="direction_withdrawal_together"),
        ]
        indexes = [
            # The deadlines page: directions to file by a date within a window (para 7).
            models.Index(
                fields=["due_on", "id"],
                name="direction_dated_due_on",
                condition=Q(kind="direct", due_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter.number}: {self.get_kind_display()} ({self.made_on:%d/%m/%Y})"


class PracticeNoteApplication(Withdrawable):
    """PD16 para 8: Supreme Court Practice Note 127 applied to a matter, in whole or in part."""

    class Extent(models.TextChoices):
        WHOLE = facts.PN127_WHOLE, "In whole"
        PART = facts.PN127_PART, "In part"

    matter = models.ForeignKey(
        "filings.Matter", on_delete=models.PROTECT, related_name="practice_note_applications"
    )
    made_by = models.CharField(max_length=12, choices=Direction.MadeBy.choices)
    applied_on = models.DateField()
    extent = models.CharField(max_length=6, choices=Extent.choices, default=Extent.WHOLE)
    parts = models.TextField(blank=True, help_text="Which paragraphs of PN127, when in part.")
    conditions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(extent="whole") | ~Q(parts=""), name="pn127_part_names_parts"
            ),
            _withdrawal_together(made="applied_on", name="pn127_withdrawal_together"),
        ]

    def __str__(self) -> str:
        return f"{self.matter.number}: PN127 applied {self.get_extent_display().lower()}"


class Rule32Order(models.Model):
    """An award or variation made, and the time within which it must be filed (PD16 para 11)."""

    matter = models.ForeignKey(
        "filings.Matter", on_delete=models.PROTECT, related_name="rule32_orders"
    )
    description = models.CharField(max_length=300)
    made_on = models.DateField()
    file_by = models.DateField(help_text="The time the Commission specified when making it.")
    received_on = models.DateField(null=True, blank=True)
    received_filing = models.ForeignKey(
        "filings.Filing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "Rule 32 order"
        verbose_name_plural = "Rule 32 orders"
        ordering = ["file_by"]
        constraints = [
            models.CheckConstraint(
                condition=Q(file_by__gte=models.F("made_on")), name="rule32_due_after_made"
            ),
        ]
        indexes = [
            # The deadlines page: awards not yet received, due within a window (para 11).
            models.Index(
                fields=["file_by", "id"],
                name="rule32_open_file_by",
                condition=Q(received_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter.number}: {self.description}"

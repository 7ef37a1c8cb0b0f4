"""Notices the registry sends by e-mail, written to an outbox in the transaction that causes them.

A ``Notice`` row is the message itself (recipient, subject, plain text, optional HTML, the link
it carries) and its delivery state. It is written in the same transaction as the event it
reports (a lodgment, a review, a direction, the receipt of a Rule 32 award), so a notice exists
exactly when its event does; a background worker (django-tasks, ``notices.tasks``) sends it
after commit. ``dedupe_key`` is unique, so the same event for the same recipient can never be
queued twice, and a row moves queued -> sending -> sent (or back to queued with a later
``next_attempt_at``, or to failed) only by conditional updates, so it is never sent twice.

Documents are never attached to a practitioner's notice: it carries links to pages behind
sign-in. The one exception is the Office of Industrial Relations' notice (PD16 para 11), which
has no account: the Registry "provides such material" to it, so the award's copies go with it,
read from the store (and re-verified) when the message is built, never copied into this table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Notice(models.Model):
    """One e-mail to one recipient, and where it is on its way."""

    class Kind(models.TextChoices):
        FILING_LODGED = "filing_lodged", "Notice of Lodgment"
        FILING_ACCEPTED = "filing_accepted", "Filing accepted"
        FILING_REJECTED = "filing_rejected", "Filing rejected"
        FILING_SERVED = "filing_served", "Filing served on you (PD16 para 7)"
        DIRECTION_RECORDED = "direction_recorded", "Direction recorded (PD16 para 7)"
        WAIVER_RECORDED = "waiver_recorded", "Waiver recorded (PD16 para 7)"
        PRACTICE_NOTE_APPLIED = "pn127_applied", "Practice Note 127 applied (PD16 para 8)"
        DIRECTION_WITHDRAWN = "direction_withdrawn", "Direction or waiver withdrawn (PD16 para 7)"
        PRACTICE_NOTE_WITHDRAWN = "pn127_withdrawn", "Practice Note 127 withdrawn (PD16 para 8)"
        SUBMISSIONS_DIRECTION = "submissions_direction", "Submissions direction (PD16 para 9)"
        REMINDER = "reminder", "Reminder: falling due"
        OVERDUE = "overdue", "Overdue"
        OIR_AWARD_RECEIVED = "oir-award-received", "Award received: Office of Industrial Relations"
        MAIL_ACKNOWLEDGED = "mail_acknowledged", "Acknowledgement of mail received (PD16 para 9)"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
        help_text="Empty for an outside recipient (the Office of Industrial Relations).",
    )
    to_address = models.EmailField(blank=True, help_text="Empty when the account has none.")
    matter = models.ForeignKey(
        "filings.Matter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
        help_text="Empty only for the acknowledgement of mail that matched no matter.",
    )
    matter_number = models.CharField(max_length=16, blank=True, help_text="As it was when queued.")
    filing = models.ForeignKey(
        "filings.Filing", null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    rule32_order = models.ForeignKey(
        "filings.Rule32Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
    )
    subject = models.CharField(max_length=300)
    body = models.TextField(help_text="The plain-text part; every message has one.")
    html_body = models.TextField(blank=True, help_text="An optional HTML alternative.")
    link = models.CharField(
        max_length=500, blank=True, help_text="The page it points to, behind sign-in (a path)."
    )
    in_reply_to = models.CharField(
        max_length=250,
        blank=True,
        help_text="The Message-ID an acknowledgement answers (In-Reply-To).",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(
        max_length=200, unique=True, help_text="One event, one recipient: queued once only."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="notice_sent_has_time",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(to_address=""),
                name="notice_has_a_recipient",
            ),
            models.CheckConstraint(condition=~Q(subject=""), name="notice_has_subject"),
            models.CheckConstraint(condition=~Q(body=""), name="notice_has_plain_text"),
            models.CheckConstraint(
                condition=Q(matter__isnull=False) | Q(kind="mail_acknowledged"),
                name="notice_has_matter_unless_acknowledgement",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_recent"),
            models.Index(fields=["state", "next_attempt_at"], name="notice_state_due"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} -> {self.to_address or 'no address'} ({self.state})"


class ReminderLimits(models.Model):
    """What a clerk allows practitioners to choose about reminders (one row, ``pk=1``).

    A reminder goes a number of days before a copy, a direction or a Rule 32 award falls due;
    each user picks that number between ``min_days_before`` and ``max_days_before``, and may
    turn each kind of reminder off, and overdue notices off unless ``overdue_required``.
    """

    SINGLETON = 1

    default_days_before = models.PositiveSmallIntegerField(default=3)
    min_days_before = models.PositiveSmallIntegerField(default=1)
    max_days_before = models.PositiveSmallIntegerField(default=14)
    overdue_required = models.BooleanField(
        default=True, help_text="Overdue notices go to everyone bound, whatever they choose."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "reminder limits"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="reminder_limits_single_row"),
            models.CheckConstraint(
                condition=Q(min_days_before__lte=models.F("default_days_before"))
                & Q(default_days_before__lte=models.F("max_days_before")),
                name="reminder_limits_default_within",
            ),
            models.CheckConstraint(
                condition=Q(max_days_before__lte=60), name="reminder_limits_max_60_days"
            ),
        ]

    def __str__(self) -> str:
        return f"Reminders {self.min_days_before}-{self.max_days_before} days before"


class NoticePreferences(models.Model):
    """Which reminders a user receives; absent means the clerk's defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    days_before = models.PositiveSmallIntegerField()
    remind_copies = models.BooleanField(
        default=True, help_text="Electronic copies due (PD16 para 3(b))."
    )
    remind_directions = models.BooleanField(
        default=True, help_text="Directions to file, or file and serve (PD16 para 7)."
    )
    remind_rule32 = models.BooleanField(
        default=True, help_text="Rule 32 awards and variations (PD16 para 11)."
    )
    overdue = models.BooleanField(default=True, help_text="A notice when something is overdue.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "notice preferences"

    def __str__(self) -> str:
        return f"Notice preferences of {self.user}"

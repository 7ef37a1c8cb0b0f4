"""Matters, their parties, and who may act for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class MatterNumberCounter(models.Model):
    """The last matter number allocated in a year; locked with select_for_update()."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_sequence = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_sequence}"


class Matter(models.Model):
    """Proceedings before the Commission (PD16 para 4: "matter")."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    number = models.CharField(
        max_length=16, unique=True, editable=False, help_text="IRCYYYY/NNNN, allocated."
    )
    year = models.PositiveSmallIntegerField(editable=False)
    sequence = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=300)
    abbreviated_title = models.CharField(
        max_length=120, help_text="PD16 para 6: printed on the label of the electronic copy."
    )
    agreement_short_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="PD16 para 10: the short title of the enterprise or contract agreement.",
    )
    proceeding = models.ForeignKey(
        "practice_directions.ProceedingType", on_delete=models.PROTECT, related_name="matters"
    )
    opened_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    conciliation_certificate_on = models.DateField(
        null=True,
        blank=True,
        help_text="PD16 para 3(b): date the Certificate of Unsuccessful Conciliation issued.",
    )
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Empty while open.")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_reason = models.TextField(blank=True)
    submissions_directed = models.BooleanField(
        default=False,
        help_text="PD16 para 9: the Commission has directed that submissions be filed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="matter_unique_year_sequence"
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="matter_sequence_positive"),
            # An open matter carries no closing; a reopened one has it cleared (the audit trail
            # keeps every closing and reopening).
            models.CheckConstraint(
                condition=Q(status="closed")
                | Q(closed_at__isnull=True, closed_by__isnull=True, closed_reason=""),
                name="matter_open_has_no_closing",
            ),
        ]
        indexes = [
            models.Index(fields=["opened_on"]),
            # The workspace counts open matters.
            models.Index(fields=["status"], name="matter_status"),
            # The deadlines page: s.106 periods ending within a window of days (PD16 para 3(b)).
            models.Index(
                fields=["conciliation_certificate_on"],
                name="matter_certificate_on",
                condition=Q(conciliation_certificate_on__isnull=False),
            ),
            # The same, for the deadlines page's list of keys: each proceeding's range of
            # certificate dates read from the index alone, with the key to page by.
            models.Index(
                fields=["proceeding", "conciliation_certificate_on"],
                include=["id"],
                name="matter_s106_window",
                condition=Q(conciliation_certificate_on__isnull=False),
            ),
            # The review queue counts its filings by proceeding, looking each one's matter up
            # by key: from the index alone, without a visit to the matter's row (23 to 14 ms
            # for 5,400 queued filings). PostgreSQL only; elsewhere an index on the key.
            models.Index(fields=["id"], include=["proceeding"], name="matter_proceeding"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.abbreviated_title}"


class Organisation(models.Model):
    """A firm, chambers, agency or industrial organisation whose users act for parties."""

    class Kind(models.TextChoices):
        LAW_FIRM = "law-firm", "Law firm"
        CHAMBERS = "chambers", "Barristers' chambers"
        AGENT = "agent", "Agent"
        INDUSTRIAL_ORGANISATION = "industrial-organisation", "Industrial organisation"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PractitionerProfile(models.Model):
    """A practitioner's account details; one organisation may have many users."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practitioner_profile"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    phone = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Party(models.Model):
    """A party to a matter (PD16 para 4: "party" includes an intervenor)."""

    class Role(models.TextChoices):
        APPLICANT = "applicant", "Applicant"
        RESPONDENT = "respondent", "Respondent"
        INTERVENOR = "intervenor", "Intervenor"

    class Representation(models.TextChoices):
        BARRISTER = "barrister", "Barrister"
        SOLICITOR = "solicitor", "Solicitor"
        AGENT = "agent", "Agent"
        INDUSTRIAL_ORGANISATION = "industrial-organisation", "Industrial organisation"
        UNREPRESENTED = "unrepresented", "Unrepresented"

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="parties")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=12, choices=Role.choices)
    representation = models.CharField(max_length=30, choices=Representation.choices)
    representative_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="parties"
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="PartyRepresentative",
        related_name="represented_parties",
        blank=True,
    )

    class Meta:
        ordering = ["matter", "role", "name"]
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "name", "role"], name="party_unique_name_role_in_matter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_represented(self) -> bool:
        """PD16 para 3(c): represented by a barrister, solicitor, agent or organisation."""
        return self.representation != self.Representation.UNREPRESENTED


class PartyRepresentative(models.Model):
    """Links a practitioner's account to a party it acts for: the basis of all access."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="representative_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="party_links"
    )
    since = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["party", "user"], name="party_representative_unique"),
        ]
        indexes = [
            # A practitioner's parties, read from the index alone (their dashboard and lists).
            models.Index(fields=["user", "party"], name="party_representative_by_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.party}"

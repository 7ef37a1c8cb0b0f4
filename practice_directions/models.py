"""The rules as data: practice directions, proceeding types, document kinds, email classes.

These rows are seeded by data migrations from the text of PD16 and are editable in the
Django admin. The decisions themselves are pure functions in ``practice_directions.rules``
that take plain facts gathered from these rows; nothing here decides anything.
"""

from django.db import models
from django.db.models import F, Q


class PracticeDirection(models.Model):
    """A practice direction as gazetted (PD16 para 2: in force 14 days after gazettal)."""

    number = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    gazetted_on = models.DateField(null=True, blank=True, help_text="Industrial Gazette date.")
    commences_on = models.DateField(
        null=True, blank=True, help_text="PD16 para 2: 14 days after publication in the Gazette."
    )
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    requires_electronic_copies = models.BooleanField(
        default=True,
        help_text="Whether the paragraphs encoded here (PD16) govern while it is in force.",
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commences_on__isnull=True)
                | Q(gazetted_on__isnull=True)
                | Q(commences_on__gte=F("gazetted_on")),
                name="practice_direction_commences_after_gazettal",
            ),
        ]

    def __str__(self) -> str:
        return f"Practice Direction No {self.number}: {self.title}"


class EmailClass(models.Model):
    """A class of matter that may comply with para 5 by email (PD16 paras 9 and 10)."""

    class SubjectRequirement(models.TextChoices):
        AGREEMENT_SHORT_TITLE = "agreement_short_title", "Short title of the agreement"
        MATTER_TITLE_AND_NUMBER = (
            "matter_title_and_number",
            "Title of the matter and Commission file number (e.g. IRC2004/1000)",
        )

    code = models.SlugField(primary_key=True, max_length=20)
    name = models.CharField(max_length=120)
    address = models.EmailField(help_text="PD16 para 9: the address to e-mail.")
    subject_requirement = models.CharField(
        max_length=40, choices=SubjectRequirement.choices, help_text="PD16 para 10."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = "email classes"

    def __str__(self) -> str:
        return self.name


class ProceedingType(models.Model):
    """A kind of proceeding and how PD16 treats it."""

    code = models.SlugField(primary_key=True, max_length=20)
    name = models.CharField(max_length=120)
    statutory_reference = models.CharField(max_length=120, blank=True)
    exempt_under_3a = models.BooleanField(
        "exempt under para 3(a)",
        default=False,
        help_text="PD16 para 3(a): the direction does not apply.",
    )
    awaits_conciliation_certificate = models.BooleanField(
        default=False,
        help_text="PD16 para 3(b): does not apply until a Certificate of Unsuccessful "
        "Conciliation is issued.",
    )
    period_after_certificate_days = models.PositiveSmallIntegerField(
        "days after the certificate",
        null=True,
        blank=True,
        help_text="PD16 para 3(b): 28 days after the certificate.",
    )
    deadline_set_by_commission = models.BooleanField(
        default=False,
        help_text="PD16 para 11: filed within the time the Commission specifies (Rule 32).",
    )
    notify_office_of_industrial_relations = models.BooleanField(
        default=False, help_text="PD16 para 11: the Registry passes it on upon receipt."
    )
    email_class = models.ForeignKey(
        EmailClass,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="PD16 para 9: may comply by e-mail.",
    )
    needs_agreement_short_title = models.BooleanField(
        default=False, help_text="PD16 para 10: s.34 and s.324 subjects carry the short title."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(awaits_conciliation_certificate=False)
                | Q(period_after_certificate_days__isnull=False),
                name="proceeding_type_certificate_needs_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.Model):
    """A kind of document the registry accepts (registry-maintained)."""

    name = models.CharField(max_length=160, unique=True)
    exempt_form = models.BooleanField(
        default=False, help_text="PD16 para 3(e): one of the forms the direction does not cover."
    )
    is_proposed_orders = models.BooleanField(
        default=False, help_text="PD16 para 5: proposed orders and short minutes of orders."
    )
    is_submissions = models.BooleanField(
        default=False, help_text="PD16 para 9: submissions the Commission directs to be filed."
    )
    is_award = models.BooleanField(
        default=False, help_text="Rule 32 / PD16 para 11: an award or award variation."
    )
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RejectionReason(models.Model):
    """A coded reason a clerk may give for rejecting a filing, tied to its paragraph."""

    code = models.SlugField(primary_key=True, max_length=60)
    text = models.CharField(max_length=300)
    paragraph = models.CharField(
        max_length=40, help_text='As written in the direction, e.g. "4" or "PN127 10".'
    )
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        # Shown wherever a reason is named (the admin's lists and filters): its words, not its code.
        return self.text


class NotificationRecipient(models.Model):
    """Someone the Registry notifies because of a filing, and at which address.

    PD16 para 11: the Registry provides an award or variation to the Office of Industrial
    Relations immediately upon receipt (code ``oir``).
    """

    code = models.SlugField(primary_key=True, max_length=20)
    name = models.CharField(max_length=200)
    address = models.EmailField(help_text="Where the Registry's notices are e-mailed.")
    paragraph = models.CharField(
        max_length=40, help_text='The paragraph calling for the notice, e.g. "11".'
    )
    purpose = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>"


class ChecklistGroup(models.Model):
    """One heading of PN127's annexed Technology Check List, e.g. "Electronic Document Format".

    PN127 para 15: the parties consider these matters in their protocol; where they cannot
    agree, the option marked ``**`` (``ChecklistOption.is_default``) applies as a minimum
    standard. ``requires_default`` says whether the note marks one (it marks none under
    Special Considerations). System check ``practice_directions.E002`` keeps the two in step.
    """

    class Stage(models.TextChoices):
        PRE_TRIAL = "pre_trial", "Pre-Trial"
        DISCOVERY = "discovery", "Discovery"
        INSPECTION = "inspection", "Document Inspection"
        TRIAL = "trial", "Trial"

    code = models.SlugField(max_length=60, unique=True)
    stage = models.CharField(max_length=12, choices=Stage.choices)
    label = models.CharField(max_length=160)
    position = models.PositiveSmallIntegerField(default=0)
    requires_default = models.BooleanField(
        default=True, help_text="PN127 marks a default or minimum standard (**) in this group."
    )

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.label}"


class ChecklistOption(models.Model):
    """One option of a checklist group; ``is_default`` is the note's ``**``."""

    group = models.ForeignKey(ChecklistGroup, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=160)
    is_default = models.BooleanField(
        default=False, help_text="PN127: ** = default or minimum standard (para 15)."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "label"], name="checklist_option_unique"),
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(is_default=True),
                name="checklist_one_default_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}{' **' if self.is_default else ''}"


class RulesVersion(models.Model):
    """One row whose token changes whenever a rules row the decisions read does (practice
    directions, e-mail classes, proceeding types, document kinds, notification recipients):
    database triggers set a new random token on every insert, update or delete of them, whatever
    sends it (the admin, a data migration, raw SQL). Each process keeps the rules it read with
    the token it read first, and reads them again when the token differs
    (``practice_directions.selectors.load_rules``). A token never recurs, so a change rolled
    back cannot be mistaken for a later one."""

    token = models.CharField(max_length=32)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="rules_version_one_row")]

    def __str__(self) -> str:
        return f"Rules version {self.token}"

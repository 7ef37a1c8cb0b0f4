"""The rules data as plain, frozen values: what the decision functions read.

``practice_directions.selectors.load_rules`` builds a ``RulesData`` from the admin-editable rows;
tests build one by hand. Nothing here touches the database, so the decisions stay pure.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .errors import FactsError

# PD16 para 10: what the subject heading of each e-mail class must carry.
SUBJECT_AGREEMENT_SHORT_TITLE = "agreement_short_title"
SUBJECT_MATTER_TITLE_AND_NUMBER = "matter_title_and_number"
SUBJECT_REQUIREMENTS = (SUBJECT_AGREEMENT_SHORT_TITLE, SUBJECT_MATTER_TITLE_AND_NUMBER)

# PD16 para 9: the class for "matters in which the Commission has directed that submissions of
# parties be filed". Codes are primary keys, so this one is a stable name for that row.
SUBMISSIONS_EMAIL_CLASS = "submissions"

# PD16 para 11: the recipient the Registry notifies when an award or variation is received.
OFFICE_OF_INDUSTRIAL_RELATIONS = "oir"


@dataclass(frozen=True)
class PracticeDirectionRule:
    """A gazetted practice direction (PD16 para 2)."""

    number: int
    title: str
    gazetted_on: datetime.date | None
    commences_on: datetime.date | None
    replaces: int | None
    requires_electronic_copies: bool


@dataclass(frozen=True)
class EmailClassRule:
    """A class of matter that may comply with para 5 by e-mail (paras 9 and 10)."""

    code: str
    name: str
    address: str
    subject_requirement: str


@dataclass(frozen=True)
class ProceedingRule:
    """How PD16 treats a kind of proceeding."""

    code: str
    name: str
    statutory_reference: str = ""
    exempt_under_3a: bool = False
    awaits_conciliation_certificate: bool = False
    period_after_certificate_days: int | None = None
    deadline_set_by_commission: bool = False
    notify_office_of_industrial_relations: bool = False
    email_class: str | None = None
    needs_agreement_short_title: bool = False

    def certificate_period_ends(self, certificate_on: datetime.date | None) -> datetime.date | None:
        """PD16 para 3(b): the last day to file copies of the documents filed before the
        Certificate of Unsuccessful Conciliation (day 28 after it is on time, day 29 late).

        None when proceedings of this kind await no certificate or none has issued yet.
        """
        if certificate_on is None or not self.awaits_conciliation_certificate:
            return None
        return certificate_on + datetime.timedelta(days=self.period_after_certificate_days or 0)

    def earliest_certificate_with_open_period(self, today: datetime.date) -> datetime.date:
        """PD16 para 3(b): the earliest certificate date whose period has not ended by
        ``today`` (the inverse of ``certificate_period_ends``, for a database filter)."""
        return today - datetime.timedelta(days=self.period_after_certificate_days or 0)


@dataclass(frozen=True)
class DocumentKindRule:
    """A kind of document and the paragraphs that single it out."""

    name: str
    exempt_form: bool = False
    is_proposed_orders: bool = False
    is_submissions: bool = False
    is_award: bool = False
    active: bool = True


@dataclass(frozen=True)
class RecipientRule:
    """Someone the Registry notifies, e.g. the Office of Industrial Relations (para 11)."""

    code: str
    name: str
    address: str


def name_key(name: str) -> str:
    """Document kind names match case-insensitively and ignoring runs of whitespace."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class RulesData:
    """Every row the decisions need, as plain values; build once per request or command run."""

    practice_directions: tuple[PracticeDirectionRule, ...]
    proceedings: tuple[ProceedingRule, ...]
    email_classes: tuple[EmailClassRule, ...]
    document_kinds: tuple[DocumentKindRule, ...]
    recipients: tuple[RecipientRule, ...] = ()
    _proceedings: dict[str, ProceedingRule] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _email_classes: dict[str, EmailClassRule] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _kinds: dict[str, DocumentKindRule] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Indexes for lookups; frozen, so they are set once here and never change.
        object.__setattr__(self, "_proceedings", {p.code: p for p in self.proceedings})
        object.__setattr__(self, "_email_classes", {e.code: e for e in self.email_classes})
        object.__setattr__(self, "_kinds", {name_key(k.name): k for k in self.document_kinds})

    def proceeding(self, code: str) -> ProceedingRule:
        try:
            return self._proceedings[code]
        except KeyError:
            known = ", ".join(p.code for p in self.proceedings)
            raise FactsError(
                f"proceeding {code!r} is not known; expected one of: {known}"
            ) from None

    def email_class(self, code: str) -> EmailClassRule:
        try:
            return self._email_classes[code]
        except KeyError:
            known = ", ".join(e.code for e in self.email_classes)
            raise FactsError(
                f"e-mail class {code!r} is not known; expected one of: {known}"
            ) from None

    def email_class_or_none(self, code: str | None) -> EmailClassRule | None:
        return self._email_classes.get(code) if code else None

    def email_class_for(
        self,
        proceeding: ProceedingRule,
        *,
        kinds: tuple[DocumentKindRule, ...],
        submissions_directed: bool,
    ) -> EmailClassRule | None:
        """PD16 para 9: the e-mail class documents of ``kinds`` lodged together belong to.

        Submissions the Commission directed go to the submissions class; everything else
        follows the proceeding (s.34, s.324, Rule 32). An e-mail carries one subject, so a
        mixed one follows the proceeding. With no documents yet (a subject typed first),
        submissions are assumed only where the proceeding has no class of its own. None:
        e-mail lodgment is not open to them.
        """
        proceeding_class = self.email_class_or_none(proceeding.email_class)
        only_submissions = all(kind.is_submissions for kind in kinds) and (
            bool(kinds) or proceeding_class is None
        )
        if submissions_directed and only_submissions:
            submissions = self.email_class_or_none(SUBMISSIONS_EMAIL_CLASS)
            if submissions is not None:
                return submissions
        return proceeding_class

    def document_kind(self, name: str) -> DocumentKindRule:
        try:
            return self._kinds[name_key(name)]
        except KeyError:
            raise FactsError(f"document kind {name!r} is not known") from None

    def has_document_kind(self, name: str) -> bool:
        return name_key(name) in self._kinds

    def recipient(self, code: str) -> RecipientRule | None:
        return next((r for r in self.recipients if r.code == code), None)

    def practice_direction_in_force(self, on: datetime.date) -> PracticeDirectionRule | None:
        """PD16 para 2: the direction that had commenced by ``on`` and was not yet replaced."""
        commenced = [
            (pd.commences_on, index, pd)
            for index, pd in enumerate(self.practice_directions)
            if pd.commences_on is not None and pd.commences_on <= on
        ]
        return max(commenced, key=lambda found: found[:2], default=(None, 0, None))[2]

    def next_practice_direction(self, after: datetime.date) -> PracticeDirectionRule | None:
        """The first direction requiring electronic copies that commences after ``after``."""
        later = [
            (pd.commences_on, index, pd)
            for index, pd in enumerate(self.practice_directions)
            if pd.requires_electronic_copies
            and pd.commences_on is not None
            and pd.commences_on > after
        ]
        return min(later, key=lambda found: found[:2], default=(None, 0, None))[2]

    def practice_direction(self, number: int | None) -> PracticeDirectionRule | None:
        return next((pd for pd in self.practice_directions if pd.number == number), None)

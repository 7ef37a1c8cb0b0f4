"""Load the demo catalogue into the database through the registry's own services.

Idempotent: everything is looked up first by its natural key (a username, an organisation's
name, a matter's title, a filing's party and time of lodgment), so a second run creates nothing
and matter numbers may differ from one database to another.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, User
from django.utils import timezone

from filings.models import (
    Direction,
    Filing,
    Matter,
    Organisation,
    PartyRepresentative,
    PractitionerProfile,
    Rule32Order,
)
from filings.services import PartySpec, matter_open
from filings.services.lodgment import (
    DocumentSubmission,
    filing_lodge,
    filing_record_email_lodgment,
)
from filings.services.records import (
    direction_record,
    matter_record_conciliation_certificate,
    party_add,
    party_link_representative,
    party_set_representation,
)
from filings.services.review import RejectionSpec, filing_accept, filing_reject
from notices.demo import seed_demo_notices
from practice_directions.models import DocumentKind
from registry.roles import ADMINISTRATORS, CLERKS, PRACTITIONERS

from . import DOCUMENTS_DIR
from .catalogue import (
    ACCOUNTS,
    ADMINISTRATOR,
    CLERK,
    MATTERS,
    ORGANISATIONS,
    PRACTITIONER,
    DemoAccount,
    DemoFiling,
    DemoMatter,
)
from .lodgments import DIRECTIONS, FILINGS, RULE32_ORDERS
from .protocol import seed_protocol

GROUP_OF_ROLE = {PRACTITIONER: PRACTITIONERS, CLERK: CLERKS, ADMINISTRATOR: ADMINISTRATORS}
REVIEWER = "clerk"
PASSWORD_CHANGED = "(changed since seeding)"


@dataclass(frozen=True)
class Login:
    username: str
    password: str  # PASSWORD_CHANGED when the account no longer has its demo password
    role: str
    name: str
    organisation: str


@dataclass
class SeedReport:
    created: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)

    def count(self, what: str, *, created: bool) -> None:
        (self.created if created else self.present)[what] += 1


def _organisations(report: SeedReport) -> dict[str, Organisation]:
    found = {}
    for spec in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=spec.name, defaults={"kind": spec.kind}
        )
        report.count("organisations", created=created)
        found[spec.name] = organisation
    return found


def _account(spec: DemoAccount, organisations: dict[str, Organisation], report: SeedReport) -> User:
    found = User.objects.filter(username=spec.username).first()
    created = found is None
    if found is None:
        user = User.objects.create_user(
            username=spec.username,
            email=spec.email,
            password=spec.password,
            first_name=spec.first_name,
            last_name=spec.last_name,
            # Administrators use the Django admin; clerks work in the registry's own pages.
            is_staff=spec.role == ADMINISTRATOR,
            is_superuser=spec.role == ADMINISTRATOR,
        )
    else:
        user = found
    report.count("accounts", created=created)
    user.groups.add(Group.objects.get(name=GROUP_OF_ROLE[spec.role]))
    if spec.role == PRACTITIONER:
        PractitionerProfile.objects.get_or_create(
            user=user,
            defaults={"organisation": organisations[spec.organisation], "phone": spec.phone},
        )
    # Never reset a password someone changed: report it instead of printing a wrong one.
    password = spec.password if created or user.check_password(spec.password) else None
    report.logins.append(
        Login(
            username=spec.username,
            password=password or PASSWORD_CHANGED,
            role=spec.description,
            name=f"{spec.first_name} {spec.last_name}",
            organisation=spec.organisation,
        )
    )
    return user


def _matter(
    spec: DemoMatter,
    organisations: dict[str, Organisation],
    users: dict[str, User],
    report: SeedReport,
) -> Matter:
    matter = Matter.objects.filter(title=spec.title, proceeding_id=spec.proceeding).first()
    report.count("matters", created=matter is None)
    if matter is None:
        matter = matter_open(
            proceeding_code=spec.proceeding,
            title=spec.title,
            abbreviated_title=spec.abbreviated_title,
            agreement_short_title=spec.agreement_short_title,
            opened_on=spec.opened_on,
            parties=[PartySpec(p.name, p.role, p.representation) for p in spec.parties],
        )
    for party_spec in spec.parties:
        organisation = organisations.get(party_spec.organisation)
        party = matter.parties.filter(name=party_spec.name, role=party_spec.role).first()
        if party is None:
            party = party_add(
                matter=matter,
                name=party_spec.name,
                role=party_spec.role,
                representation=party_spec.representation,
            )
        if (party.representation, party.representative_organisation) != (
            party_spec.representation,
            organisation,
        ):
            party_set_representation(
                party=party,
                representation=party_spec.representation,
                representative_organisation=organisation,
            )
        for username in party_spec.representatives:
            linked = PartyRepresentative.objects.filter(party=party, user=users[username]).exists()
            report.count("representative links", created=not linked)
            if not linked:
                party_link_representative(party=party, user=users[username], since=spec.opened_on)
    if spec.conciliation_certificate_on and matter.conciliation_certificate_on is None:
        # PD16 para 3(b): s.106 proceedings await the certificate.
        matter = matter_record_conciliation_certificate(
            matter=matter, issued_on=spec.conciliation_certificate_on
        )
    return matter


def _kind(name: str) -> DocumentKind:
    return DocumentKind.objects.get(name=name)


def _review_time(lodged_at: datetime.datetime) -> datetime.datetime:
    """The next working morning after lodgment, when the demo's clerk reviewed the filing."""
    day = lodged_at + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day.replace(hour=10, minute=30)


def _filing(
    spec: DemoFiling,
    matter: Matter,
    users: dict[str, User],
    report: SeedReport,
) -> Filing:
    party = matter.parties.get(name=spec.party)
    existing = Filing.objects.filter(matter=matter, party=party, lodged_at=spec.lodged_at).first()
    report.count("filings", created=existing is None)
    if existing is not None:
        return existing
    # PD16 para 6: file names that allow easy recognition, with the matter number.
    prefix = matter.number.replace("/", "-")
    documents = [
        DocumentSubmission(
            kind=_kind(document.kind),
            title=document.title,
            role=document.role,
            path=DOCUMENTS_DIR / document.filename if document.filename else None,
            original_filename=f"{prefix} {document.filename}" if document.filename else "",
            annexed_to=document.annexed_to,
            annexure_not_readily_available=document.annexure_not_readily_available,
        )
        for document in spec.documents
    ]
    lodged_by = users[spec.lodged_by]
    subject = spec.email_subject.format(number=matter.number)
    if spec.channel == Filing.Channel.EMAIL:
        if spec.corrects_lodged_at is not None:
            raise ValueError("the demo records corrections as uploads, not e-mails")
        # PD16 para 9: the e-mail and a copy of its transmission report stand for the disc.
        filing = filing_record_email_lodgment(
            party=party,
            lodged_by=lodged_by,
            documents=documents,
            email_subject=subject,
            sent_at=spec.lodged_at - datetime.timedelta(minutes=7),
            sent_to=_email_address(matter),
            lodged_at=spec.lodged_at,
        )
    else:
        corrects = None
        if spec.corrects_lodged_at is not None:
            corrects = Filing.objects.get(
                matter=matter, party=party, lodged_at=spec.corrects_lodged_at
            )
        filing = filing_lodge(
            party=party,
            lodged_by=lodged_by,
            documents=documents,
            channel=spec.channel,
            lodged_at=spec.lodged_at,
            email_subject=subject,
            corrects=corrects,
        )
    return _review(spec, filing, users[REVIEWER])


def _review(spec: DemoFiling, filing: Filing, clerk: User) -> Filing:
    if spec.outcome == Filing.Status.ACCEPTED:
        filing = filing_accept(filing=filing, reviewed_by=clerk, notes=spec.review_notes)
    elif spec.outcome == Filing.Status.REJECTED:
        filing = filing_reject(
            filing=filing,
            reviewed_by=clerk,
            reasons=[
                RejectionSpec(r.reason_code, r.document_position, r.note) for r in spec.rejections
            ],
            notes=spec.review_notes,
        )
    else:
        return filing
    # The services stamp a review with the current time and refuse a correction date already
    # past, as they must for a real review; the demo's history happened in 2026, so its review
    # time and correction date are set where the story puts them.
    Filing.objects.filter(pk=filing.pk).update(
        reviewed_at=_review_time(spec.lodged_at), correction_due_on=spec.correction_due_on
    )
    filing.refresh_from_db()
    return filing


def _records(matters: dict[str, Matter], users: dict[str, User], report: SeedReport) -> None:
    clerk = users[REVIEWER]
    for spec in DIRECTIONS:
        matter = matters[spec.matter]
        exists = Direction.objects.filter(
            matter=matter, kind=spec.kind, made_on=spec.made_on
        ).exists()
        report.count("directions", created=not exists)
        if not exists:
            direction_record(
                matter=matter,
                kind=spec.kind,
                made_by=spec.made_by,
                made_on=spec.made_on,
                recorded_by=clerk,
                parties=[matter.parties.get(name=name) for name in spec.parties],
                document_kinds=[_kind(name) for name in spec.document_kinds],
                serve=spec.serve,
                scope=spec.scope,
                due_on=(
                    timezone.localdate() + datetime.timedelta(days=spec.due_in_days)
                    if spec.due_in_days is not None
                    else None
                ),
            )
    for order in RULE32_ORDERS:
        # PD16 para 11: the time the Commission set for filing the award or variation.
        _, created = Rule32Order.objects.get_or_create(
            matter=matters[order.matter],
            description=order.description,
            defaults={"made_on": order.made_on, "file_by": order.file_by, "recorded_by": clerk},
        )
        report.count("Rule 32 orders", created=created)


def seed_demo_data() -> SeedReport:
    """Create (or find) the demo accounts, matters, filings and records.

    Not one transaction: the lodgment and record services each commit their own (durable)
    transaction. Everything is found before it is created, so a run that stops part-way is
    completed by running again.
    """
    report = SeedReport()
    organisations = _organisations(report)
    users = {spec.username: _account(spec, organisations, report) for spec in ACCOUNTS}
    # Opened in date order, so the numbers run with the dates as a registry's would.
    matters = {
        spec.key: _matter(spec, organisations, users, report)
        for spec in sorted(MATTERS, key=lambda m: m.opened_on)
    }
    _records(matters, users, report)
    seed_protocol(matters, users, report)
    for spec in FILINGS:
        _filing(spec, matters[spec.matter], users, report)
    from discovery.demo import seed_discovery_lists

    seed_discovery_lists(matters, report)
    seed_demo_notices(report)
    return report


def _email_address(matter: Matter) -> str:
    """Where the matter's e-mail copies go (PD16 para 9); the demo lodges by e-mail only there."""
    email_class = matter.proceeding.email_class
    if email_class is None:
        raise ValueError(f"{matter.number}: its proceeding has no e-mail class")
    return email_class.address

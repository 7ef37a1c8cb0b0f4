"""What the demo registry holds: accounts, organisations and matters (filings and records are
in ``lodgments``).

Plain data, no Django imports, so that ``make_documents`` can print the same party names and
titles on the demo documents that ``seed_demo`` records. Every entry has a natural key (a
username, an organisation's name, a matter's title, a filing's party and time of lodgment)
so a second run of ``seed_demo`` finds what the first one made.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SYDNEY = ZoneInfo("Australia/Sydney")

PRACTITIONER = "practitioner"
CLERK = "clerk"
ADMINISTRATOR = "administrator"


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    """A time of lodgment in Sydney (aware)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SYDNEY)


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str  # filings.models.Organisation.Kind value


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str  # PRACTITIONER, CLERK or ADMINISTRATOR
    description: str
    organisation: str = ""
    phone: str = ""

    @property
    def password(self) -> str:
        # Known on purpose: printed by seed_demo. seed_demo refuses to run with DEBUG off.
        return f"{self.username}-demo-2026"

    @property
    def email(self) -> str:
        return f"{self.username}@demo.invalid"


@dataclass(frozen=True)
class DemoParty:
    name: str
    role: str  # applicant, respondent or intervenor
    representation: str  # filings.models.Party.Representation value
    organisation: str = ""  # who represents the party
    representatives: tuple[str, ...] = ()  # usernames linked by PartyRepresentative


@dataclass(frozen=True)
class DemoMatter:
    key: str
    proceeding: str
    title: str
    abbreviated_title: str
    opened_on: datetime.date
    parties: tuple[DemoParty, ...]
    agreement_short_title: str = ""
    conciliation_certificate_on: datetime.date | None = None


@dataclass(frozen=True)
class DemoDocument:
    kind: str  # practice_directions.models.DocumentKind name
    title: str
    filename: str = ""  # in documents/; empty when only a paper copy was lodged
    role: str = "principal"
    annexed_to: int | None = None
    annexure_not_readily_available: bool = False


@dataclass(frozen=True)
class DemoRejection:
    reason_code: str
    document_position: int | None
    note: str


@dataclass(frozen=True)
class DemoFiling:
    matter: str  # DemoMatter.key
    party: str  # DemoParty.name
    lodged_by: str  # username
    lodged_at: datetime.datetime
    documents: tuple[DemoDocument, ...]
    outcome: str = "lodged"  # lodged, accepted or rejected
    channel: str = "web"
    email_subject: str = ""  # "{number}" is replaced by the matter's allocated number
    review_notes: str = ""
    rejections: tuple[DemoRejection, ...] = ()
    correction_due_on: datetime.date | None = None
    corrects_lodged_at: datetime.datetime | None = None  # the rejected filing it corrects


@dataclass(frozen=True)
class DemoDirection:
    matter: str
    kind: str  # direct or waive (PD16 para 7)
    made_by: str  # registrar or commission
    made_on: datetime.date
    scope: str
    parties: tuple[str, ...] = ()  # empty: every party
    document_kinds: tuple[str, ...] = ()  # empty: all documents
    serve: bool = False
    due_in_days: int | None = None  # a date to file by, counted from the day of seeding


@dataclass(frozen=True)
class DemoRule32Order:
    matter: str
    description: str
    made_on: datetime.date
    file_by: datetime.date


LAW_FIRM = "Marlowe & Finch Lawyers"
OTHER_LAW_FIRM = "Delacourt Workplace Law"
CHAMBERS = "Greenway Chambers"
AGENCY = "Parramatta Industrial Advocates"
UNION = "NSW Allied Trades Union"
EMPLOYERS = "Harbour City Employers Federation"
OWNER_DRIVERS = "Transport Owner-Drivers Association of NSW"

ORGANISATIONS = (
    DemoOrganisation(LAW_FIRM, "law-firm"),
    DemoOrganisation(OTHER_LAW_FIRM, "law-firm"),
    DemoOrganisation(CHAMBERS, "chambers"),
    DemoOrganisation(AGENCY, "agent"),
    DemoOrganisation(UNION, "industrial-organisation"),
    DemoOrganisation(EMPLOYERS, "industrial-organisation"),
    DemoOrganisation(OWNER_DRIVERS, "industrial-organisation"),
)

ACCOUNTS = (
    DemoAccount("solicitor", "Priya", "Raman", PRACTITIONER, "Solicitor", LAW_FIRM, "02 9230 4410"),
    DemoAccount(
        "associate", "James", "Whitfield", PRACTITIONER, "Solicitor", LAW_FIRM, "02 9230 4412"
    ),
    DemoAccount(
        "officer", "Tom", "Okafor", PRACTITIONER, "Industrial officer", UNION, "02 9264 7700"
    ),
    DemoAccount(
        "barrister", "Helen", "Barrett", PRACTITIONER, "Barrister", CHAMBERS, "02 9151 2000"
    ),
    DemoAccount("agent", "Sam", "Nguyen", PRACTITIONER, "Industrial agent", AGENCY, "02 9633 1180"),
    DemoAccount("clerk", "Kate", "Morrison", CLERK, "Registry clerk"),
    DemoAccount("admin", "Alex", "Chen", ADMINISTRATOR, "Administrator"),
)

MATTERS = (
    DemoMatter(
        key="karimi",
        proceeding="s84",
        title="Ahmed Karimi v Harbourside Logistics Pty Ltd",
        abbreviated_title="Karimi v Harbourside Logistics",
        opened_on=datetime.date(2026, 2, 9),
        parties=(
            DemoParty("Ahmed Karimi", "applicant", "industrial-organisation", UNION, ("officer",)),
            DemoParty(
                "Harbourside Logistics Pty Ltd", "respondent", "solicitor", LAW_FIRM, ("solicitor",)
            ),
        ),
    ),
    DemoMatter(
        key="lindqvist",
        proceeding="s99",
        title="Rosa Lindqvist v Western Sydney Freight Services Pty Ltd",
        abbreviated_title="Lindqvist v Western Sydney Freight",
        opened_on=datetime.date(2026, 3, 3),
        parties=(
            DemoParty("Rosa Lindqvist", "applicant", "agent", AGENCY, ("agent",)),
            DemoParty(
                "Western Sydney Freight Services Pty Ltd", "respondent", "solicitor", OTHER_LAW_FIRM
            ),
        ),
    ),
    DemoMatter(
        key="coastal-water",
        proceeding="s130",
        title="NSW Allied Trades Union v Coastal Water Utilities Corporation",
        abbreviated_title="NSW Allied Trades Union v Coastal Water",
        opened_on=datetime.date(2026, 3, 17),
        parties=(
            DemoParty(UNION, "applicant", "industrial-organisation", UNION, ("officer",)),
            DemoParty(
                "Coastal Water Utilities Corporation",
                "respondent",
                "barrister",
                CHAMBERS,
                ("barrister",),
            ),
            DemoParty(EMPLOYERS, "intervenor", "industrial-organisation", EMPLOYERS),
        ),
    ),
    DemoMatter(
        key="oconnor",
        proceeding="s106",
        title="Margaret Anne O'Connor v Kingsford Property Developments Pty Ltd",
        abbreviated_title="O'Connor v Kingsford Property Developments",
        opened_on=datetime.date(2026, 1, 20),
        conciliation_certificate_on=datetime.date(2026, 4, 14),
        parties=(
            DemoParty(
                "Margaret Anne O'Connor",
                "applicant",
                "solicitor",
                LAW_FIRM,
                ("solicitor", "associate"),
            ),
            DemoParty(
                "Kingsford Property Developments Pty Ltd",
                "respondent",
                "barrister",
                CHAMBERS,
                ("barrister",),
            ),
        ),
    ),
    DemoMatter(
        key="riverina",
        proceeding="s34",
        title="Riverina Regional Council and NSW Allied Trades Union: application for approval "
        "of the Riverina Regional Council Enterprise Agreement 2026",
        abbreviated_title="Riverina Regional Council Enterprise Agreement 2026",
        agreement_short_title="Riverina Regional Council Enterprise Agreement 2026",
        opened_on=datetime.date(2026, 5, 4),
        parties=(
            DemoParty(
                "Riverina Regional Council", "applicant", "solicitor", LAW_FIRM, ("solicitor",)
            ),
            DemoParty(UNION, "applicant", "industrial-organisation", UNION, ("officer",)),
        ),
    ),
    DemoMatter(
        key="northern-rivers",
        proceeding="s324",
        title="Northern Rivers Haulage Pty Ltd and Transport Owner-Drivers Association of NSW: "
        "application for approval of the Northern Rivers Owner-Drivers Contract Agreement 2026",
        abbreviated_title="Northern Rivers Owner-Drivers Contract Agreement 2026",
        agreement_short_title="Northern Rivers Owner-Drivers Contract Agreement 2026",
        opened_on=datetime.date(2026, 5, 18),
        parties=(
            DemoParty("Northern Rivers Haulage Pty Ltd", "applicant", "agent", AGENCY, ("agent",)),
            DemoParty(OWNER_DRIVERS, "applicant", "industrial-organisation", OWNER_DRIVERS),
        ),
    ),
    DemoMatter(
        key="clerical-award",
        proceeding="rule32",
        title="NSW Allied Trades Union: application to vary the Clerical and Administrative "
        "Employees (Regional Services) (State) Award",
        abbreviated_title="Clerical (Regional Services) Award variation",
        opened_on=datetime.date(2026, 4, 1),
        parties=(
            DemoParty(UNION, "applicant", "industrial-organisation", UNION, ("officer",)),
            DemoParty(EMPLOYERS, "respondent", "industrial-organisation", EMPLOYERS),
        ),
    ),
    DemoMatter(
        key="papadopoulos",
        proceeding="other",
        title="Dimitri Papadopoulos v Southern Highlands Hospitality Group Pty Ltd",
        abbreviated_title="Papadopoulos v Southern Highlands Hospitality",
        opened_on=datetime.date(2026, 6, 22),
        parties=(
            DemoParty("Dimitri Papadopoulos", "applicant", "unrepresented"),
            DemoParty(
                "Southern Highlands Hospitality Group Pty Ltd",
                "respondent",
                "solicitor",
                LAW_FIRM,
                ("associate",),
            ),
        ),
    ),
)


def matter_by_key(key: str) -> DemoMatter:
    return next(m for m in MATTERS if m.key == key)

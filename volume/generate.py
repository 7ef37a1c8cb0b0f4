"""Realistic synthetic registry data in proportion, written as rows only, in batches.

Per matter, on average: 3 parties, 4 filings and 10 documents, with the mix a busy registry
has: most filings accepted, a few thousand awaiting review, some rejected; s.106 matters with
Certificates of Unsuccessful Conciliation (PD16 para 3(b)), some of them recent enough that
copies may still be owed; Rule 32 orders (para 11) on award matters; para 7 directions; and
practitioners of whom a few act in thousands of matters, as large firms and unions do.

Rows are bulk-inserted with ids chosen here, so that related rows can be written without a
round trip per row; no file is written (the copies' names and hashes are synthetic), and no
audit event is recorded: the data never passed through the registry's services. The
generator is deterministic for a given seed and continues after rows already present.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from filings.models import (
    Direction,
    Document,
    Filing,
    Matter,
    MatterNumberCounter,
    Organisation,
    Party,
    PartyRepresentative,
    PractitionerProfile,
    Rule32Order,
)
from practice_directions.models import DocumentKind, ProceedingType
from search.models import DocumentText
from search.services import document_facets_fill
from volume.bulk import analyze_tables, insert_rows, reset_sequences

BATCH_MATTERS = 1_000
# One matter in this many is long-running (an award's review, a test case): hundreds of filings.
LONG_RUNNING_EVERY = 2_000
# The accounts a benchmark signs in as; their password is printed by the command.
CLERK_USERNAME = "volume-clerk"
SOLICITOR_USERNAME = "volume-solicitor"
PASSWORD = "volume-password-2026"  # synthetic accounts; generate_volume is refused in production

SURNAMES = [
    *("Nguyen", "Smith", "Karimi", "Papadopoulos", "Wong", "O'Brien", "Singh", "Rossi"),
    *("Kowalski", "Tanaka", "Haddad", "Murphy", "Fernandes", "Ivanova", "Campbell", "Okafor"),
    *("Lee", "Novak", "Costa", "Brown", "Walker", "Khan", "Jones", "Martin", "Taylor"),
]
EMPLOYERS = [
    *("Harbour Logistics", "Western Health Services", "Pacific Freight", "Blue Gum Aged Care"),
    *("Northern Rivers Council", "Coastal Bakeries", "Sydney Metro Cleaning", "Illawarra Steel"),
    *("Hunter Valley Mining", "Riverina Grain", "Central Coast Transit", "Blacktown Childcare"),
]
UNIONS = [
    *("Health Services Union NSW", "Transport Workers Union NSW", "United Workers Union"),
    *("Australian Workers Union NSW", "Nurses and Midwives Association"),
    "Public Service Association",
]
# Words of the documents' synthetic text, most common first (drawn with Zipf-like weights, as
# words are in real text), so that searches meet both common and rare words.
VOCABULARY = (  # noqa: SIM905 - a paragraph of words reads better than a list
    "the of and to in that is for was applicant respondent employment award commission "
    "industrial employee employer agreement hours rates pay wages clause dismissal contract "
    "worked roster overtime shift penalty union member leave annual sick notice termination "
    "conciliation certificate hearing evidence affidavit submissions orders variation "
    "classification allowance superannuation casual permanent part-time full-time week weekend "
    "public holiday meal break travel uniform laundry redundancy severance consultation "
    "dispute grievance warning misconduct performance safety injury compensation workplace "
    "manager supervisor director secretary letter email memorandum report minutes meeting "
    "schedule annexure exhibit paragraph section act regulation rule practice direction "
    "reasonable unfair harsh unjust remedy reinstatement reemployment backpay interest costs "
    "registrar registry filing lodgment copy electronic diskette format document signed "
    "witness statement cross-examination tribunal jurisdiction appeal decision judgment "
    "nurse cleaner driver teacher carer baker miner steelworker clerk storeperson labourer"
).split()
WORD_WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
WORDS_PER_TEXT = 80

PROCEEDING_WEIGHTS = {
    "s84": 30,
    "s106": 20,
    "s130": 15,
    "s34": 10,
    "rule32": 10,
    "s324": 5,
    "s99": 5,
    "other": 5,
}


@dataclass
class VolumeReport:
    matters: int = 0
    parties: int = 0
    filings: int = 0
    documents: int = 0
    awaiting_review: int = 0
    practitioners: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(n=Max("id"))["n"] or 0) + 1


def _practitioners(rng: random.Random, count: int) -> list[int]:
    """Practitioner accounts (created once), the first of them the benchmark's solicitor."""
    users = get_user_model()
    group = Group.objects.get(name="Practitioners")
    existing = list(
        users.objects.filter(username__startswith="volume-p")
        .order_by("id")
        .values_list("id", flat=True)
    )
    missing = count - len(existing)
    if missing > 0:
        firms = [
            Organisation.objects.get_or_create(
                name=f"{rng.choice(SURNAMES)} & {rng.choice(SURNAMES)} Lawyers ({n})",
                defaults={"kind": Organisation.Kind.LAW_FIRM},
            )[0]
            for n in range(max(1, count // 20))
        ]
        made = users.objects.bulk_create(
            users(
                username=f"volume-p{len(existing) + n:05d}",
                first_name=rng.choice(["Alex", "Sam", "Jo", "Chris", "Pat", "Lee", "Kim"]),
                last_name=rng.choice(SURNAMES),
                email=f"volume-p{len(existing) + n:05d}@example.com",
                password="!",  # unusable: nobody signs in as these
            )
            for n in range(missing)
        )
        made = list(users.objects.filter(username__in=[u.username for u in made]))
        group.user_set.add(*made)
        PractitionerProfile.objects.bulk_create(
            PractitionerProfile(user=user, organisation=firms[n % len(firms)])
            for n, user in enumerate(made)
        )
        existing += [u.id for u in made]
    return existing


def _signing_accounts() -> tuple[int, int]:
    """The clerk and the solicitor a benchmark signs in as (created once)."""
    users = get_user_model()
    clerk, created = users.objects.get_or_create(
        username=CLERK_USERNAME, defaults={"first_name": "Volume", "last_name": "Clerk"}
    )
    if created:
        clerk.set_password(PASSWORD)
        clerk.save(update_fields=["password"])
        clerk.groups.add(Group.objects.get(name="Registry clerks"))
    solicitor, created = users.objects.get_or_create(
        username=SOLICITOR_USERNAME,
        defaults={"first_name": "Volume", "last_name": "Solicitor", "email": "vs@example.com"},
    )
    if created:
        solicitor.set_password(PASSWORD)
        solicitor.save(update_fields=["password"])
        solicitor.groups.add(Group.objects.get(name="Practitioners"))
        PractitionerProfile.objects.create(user=solicitor)
    return clerk.id, solicitor.id


def generate_volume(
    *,
    matters: int,
    seed: int = 1,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> VolumeReport:
    """Add ``matters`` synthetic matters and everything in proportion to them."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    clerk_id, solicitor_id = _signing_accounts()
    practitioner_ids = _practitioners(rng, max(20, matters // 50))
    # A few heavy practitioners (large firms, unions) act in thousands of matters each.
    heavy = [solicitor_id, *practitioner_ids[:19]]
    proceedings = {p.code: p for p in ProceedingType.objects.all()}
    codes = [c for c in PROCEEDING_WEIGHTS if c in proceedings]
    weights = [PROCEEDING_WEIGHTS[c] for c in codes]
    kinds = list(
        DocumentKind.objects.filter(active=True, exempt_form=False).values_list("id", "is_award")
    )
    award_kinds = [k for k, is_award in kinds if is_award] or [kinds[0][0]]
    ordinary_kinds = [k for k, is_award in kinds if not is_award]
    report = VolumeReport()
    done = 0
    while done < matters:
        size = min(BATCH_MATTERS, matters - done)
        with transaction.atomic():
            _write_batch(
                rng=rng,
                size=size,
                today=today,
                codes=codes,
                weights=weights,
                clerk_id=clerk_id,
                practitioner_ids=practitioner_ids,
                heavy=heavy,
                award_kinds=award_kinds,
                ordinary_kinds=ordinary_kinds,
                report=report,
            )
        done += size
        if progress:
            progress(done)
    reset_sequences()
    document_facets_fill()  # what full-text search filters on, for the documents just written
    analyze_tables()
    report.practitioners = len(practitioner_ids) + 1
    return report


def _write_batch(  # noqa: C901, PLR0913, PLR0915 - one branch per case the format or rule reads, kept together to be read as one
    *,
    rng: random.Random,
    size: int,
    today: datetime.date,
    codes: list[str],
    weights: list[int],
    clerk_id: int,
    practitioner_ids: list[int],
    heavy: list[int],
    award_kinds: list[int],
    ordinary_kinds: list[int],
    report: VolumeReport,
) -> None:
    matter_id, party_id, filing_id, document_id = (
        _next_id(Matter),
        _next_id(Party),
        _next_id(Filing),
        _next_id(Document),
    )
    counters = {c.year: c for c in MatterNumberCounter.objects.select_for_update()}
    matters: list[Matter] = []
    parties: list[Party] = []
    links: list[PartyRepresentative] = []
    filings: list[Filing] = []
    documents: list[Document] = []
    orders: list[Rule32Order] = []
    directions: list[Direction] = []
    tz = timezone.get_current_timezone()
    for index in range(report.matters, report.matters + size):
        opened_on = today - datetime.timedelta(days=int(rng.triangular(0, 6 * 365, 60)))
        counter = counters.get(opened_on.year)
        if counter is None:
            counter = counters[opened_on.year] = MatterNumberCounter.objects.create(
                year=opened_on.year
            )
        counter.last_sequence += 1
        code = rng.choices(codes, weights)[0]
        employee = f"{rng.choice(SURNAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}"
        employer = rng.choice(EMPLOYERS)
        title = (
            f"{employee} v {employer} Pty Ltd"
            if code in {"s84", "s99", "s106"}
            else f"{rng.choice(UNIONS)} and {employer} Pty Ltd"
        )
        certificate_on = None
        if code == "s106" and rng.random() < 0.6:
            # Most certificates long past; some within the 28 days of PD16 para 3(b).
            certificate_on = opened_on + datetime.timedelta(days=rng.randint(20, 200))
            if certificate_on > today:
                certificate_on = today - datetime.timedelta(days=rng.randint(0, 27))
        matter = Matter(
            id=matter_id,
            number=f"IRC{opened_on.year}/{counter.last_sequence:04d}",
            year=opened_on.year,
            sequence=counter.last_sequence,
            title=title,
            abbreviated_title=title[:120],
            agreement_short_title=(
                f"{employer} Enterprise Agreement {opened_on.year}"
                if code in {"s34", "s324"}
                else ""
            ),
            proceeding_id=code,
            opened_on=opened_on,
            status=Matter.Status.CLOSED if rng.random() < 0.35 else Matter.Status.OPEN,
            conciliation_certificate_on=certificate_on,
        )
        matters.append(matter)
        matter_parties = [
            Party(
                id=party_id,
                matter_id=matter_id,
                name=employee if code in {"s84", "s99", "s106"} else rng.choice(UNIONS),
                role=Party.Role.APPLICANT,
                representation=Party.Representation.SOLICITOR,
            ),
            Party(
                id=party_id + 1,
                matter_id=matter_id,
                name=f"{employer} Pty Ltd",
                role=Party.Role.RESPONDENT,
                representation=Party.Representation.SOLICITOR,
            ),
        ]
        # A third party in every matter: an intervenor, represented by an agent or not at all.
        matter_parties.append(
            Party(
                id=party_id + 2,
                matter_id=matter_id,
                name=rng.choice(UNIONS) if rng.random() < 0.5 else "Industrial Relations Secretary",
                role=Party.Role.INTERVENOR,
                representation=rng.choice(
                    [Party.Representation.AGENT, Party.Representation.UNREPRESENTED]
                ),
            )
        )
        party_id += len(matter_parties)
        parties.extend(matter_parties)
        acting_for: dict[int, int] = {}
        for party in matter_parties:
            if party.representation == Party.Representation.UNREPRESENTED:
                continue
            user = rng.choice(heavy) if rng.random() < 0.1 else rng.choice(practitioner_ids)
            acting_for[party.id] = user
            links.append(PartyRepresentative(party_id=party.id, user_id=user, since=opened_on))
        acting = [
            p for p in matter_parties if p.representation != Party.Representation.UNREPRESENTED
        ]
        days_open = max(1, (today - opened_on).days)
        # A few long-running matters (an award's review, a test case) gather hundreds of
        # filings, so that a matter's page is paged at volume as it is in a registry.
        filing_count = (
            rng.randint(100, 600)
            if index % LONG_RUNNING_EVERY == LONG_RUNNING_EVERY - 1
            else rng.choice((2, 3, 4, 4, 5, 6))
        )
        for sequence in range(1, filing_count + 1):
            party = rng.choice(acting)
            lodged_on = opened_on + datetime.timedelta(days=rng.randint(0, days_open))
            lodged_at = datetime.datetime.combine(
                lodged_on, datetime.time(rng.randint(8, 17), rng.randint(0, 59)), tz
            )
            roll = rng.random()
            recent = (today - lodged_on).days < 21
            status = (
                Filing.Status.LODGED
                if recent and roll < 0.2
                else Filing.Status.REJECTED
                if roll < 0.05
                else Filing.Status.ACCEPTED
            )
            reviewed = status != Filing.Status.LODGED
            filing = Filing(
                id=filing_id,
                matter_id=matter_id,
                party_id=party.id,
                sequence=sequence,
                channel=rng.choices([c.value for c in Filing.Channel], [80, 10, 3, 7])[0],
                status=status,
                lodged_by_id=clerk_id if roll > 0.97 else acting_for[party.id],
                lodged_at=lodged_at,
                reviewed_by_id=clerk_id if reviewed else None,
                reviewed_at=lodged_at + datetime.timedelta(days=rng.randint(0, 5))
                if reviewed
                else None,
                correction_due_on=lodged_on + datetime.timedelta(days=14)
                if status == Filing.Status.REJECTED
                else None,
            )
            filings.append(filing)
            report.awaiting_review += status == Filing.Status.LODGED
            principal_id = None
            for position in range(1, rng.choice((1, 2, 2, 3, 3, 4)) + 1):
                is_annexure = position > 1 and rng.random() < 0.5
                kind = (
                    rng.choice(award_kinds)
                    if code == "rule32" and position == 1
                    else rng.choice(ordinary_kinds)
                )
                digest = hashlib.sha256(f"volume-document-{document_id}".encode()).hexdigest()
                fmt = rng.choice(("TIFF", "JPEG")) if is_annexure else rng.choice(("DOC", "RTF"))
                documents.append(
                    Document(
                        id=document_id,
                        filing_id=filing_id,
                        position=position,
                        kind_id=kind,
                        title=f"{'Annexure to' if is_annexure else 'Affidavit of'} "
                        f"{rng.choice(SURNAMES)}",
                        role=Document.Role.ANNEXURE if is_annexure else Document.Role.PRINCIPAL,
                        annexed_to_id=principal_id if is_annexure else None,
                        electronic_copy=f"documents/{digest[:2]}/{digest}",
                        original_filename=f"document-{document_id}.{fmt.lower()[:3]}",
                        detected_format=fmt,
                        size=rng.randint(20_000, 4_000_000),
                        sha256=digest,
                        virus_scan_status=Document.VirusScan.CLEAN,
                        virus_scanned_at=lodged_at,
                    )
                )
                if not is_annexure:
                    principal_id = document_id
                document_id += 1
            filing_id += 1
        if code == "rule32":
            made_on = opened_on + datetime.timedelta(days=rng.randint(0, 60))
            file_by = made_on + datetime.timedelta(days=rng.choice((7, 14, 21)))
            orders.append(
                Rule32Order(
                    matter_id=matter_id,
                    description=f"{employer} Award {made_on.year}",
                    made_on=made_on,
                    file_by=file_by,
                    received_on=file_by if file_by < today and rng.random() < 0.9 else None,
                    recorded_by_id=clerk_id,
                )
            )
        if rng.random() < 0.05:
            direction_kind = rng.choice([Direction.Kind.DIRECT, Direction.Kind.WAIVE])
            made_on = opened_on + datetime.timedelta(days=rng.randint(0, 30))
            directions.append(
                Direction(
                    matter_id=matter_id,
                    kind=direction_kind,
                    made_by=Direction.MadeBy.REGISTRAR,
                    made_on=made_on,
                    # Most directions to file name the day (the deadlines page lists them).
                    due_on=made_on + datetime.timedelta(days=rng.choice((7, 14, 28, 56)))
                    if direction_kind == Direction.Kind.DIRECT and rng.random() < 0.7
                    else None,
                    recorded_by_id=clerk_id,
                )
            )
        matter_id += 1
    MatterNumberCounter.objects.bulk_update(counters.values(), ["last_sequence"])
    texts = [_text(rng, document, extracted_at=timezone.now()) for document in documents]
    for rows in (matters, parties, links, filings, documents, orders, directions, texts):
        if rows:
            insert_rows(rows)
    report.matters += len(matters)
    report.parties += len(parties)
    report.filings += len(filings)
    report.documents += len(documents)


def _text(rng: random.Random, document: Document, *, extracted_at: datetime.datetime) -> Any:
    """Synthetic extracted text: common words, names and a few rare ones, as search meets."""
    words = rng.choices(VOCABULARY, WORD_WEIGHTS, k=WORDS_PER_TEXT)
    words[rng.randrange(WORDS_PER_TEXT)] = rng.choice(SURNAMES)
    words[rng.randrange(WORDS_PER_TEXT)] = f"ref{document.pk % 50_000}"
    return DocumentText(
        document_id=document.pk,
        status=DocumentText.Status.EXTRACTED,
        method="synthetic",
        text=" ".join(words),
        extracted_at=extracted_at,
    )


def document_texts_generate(*, seed: int = 1, batch: int = 20_000) -> int:
    """Synthetic text for documents that have none (data generated before texts were)."""
    rng = random.Random(seed)
    made = 0
    while True:
        with transaction.atomic():
            pending = list(Document.objects.filter(text__isnull=True).order_by("pk")[:batch])
            if pending:
                now = timezone.now()
                insert_rows([_text(rng, document, extracted_at=now) for document in pending])
                made += len(pending)
        if not pending:
            document_facets_fill()
            return made

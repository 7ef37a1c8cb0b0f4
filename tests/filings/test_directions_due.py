"""Directions that bind (PD16 para 7) and Rule 32 awards met by lodgment (para 11): due with the
days left, met by which filing, or overdue, on the dashboard, the matter page and the clerks'
deadlines page."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filings.models import Direction, Filing, Party, Rule32Order
from filings.selectors import access
from filings.selectors.directions_due import dated_directions, direction_obligations
from filings.services.lodgment import TransmissionReport, filing_lodge
from filings.services.records import direction_record
from filings.services.review import RejectionSpec, filing_accept, filing_reject
from practice_directions.models import ProceedingType
from tests.factories import MatterFactory, PartyFactory, document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    represent,
)

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


@pytest.fixture
def world():
    """A matter; the respondent's practitioner is bound by a direction to file affidavits."""
    clerk = ClerkFactory()
    matter = MatterFactory(opened_on=days(-30))
    applicant = PartyFactory(matter=matter, name="Jane Citizen")
    respondent = PartyFactory(matter=matter, name="Acme Pty Ltd", role=Party.Role.RESPONDENT)
    for_applicant, for_respondent = PractitionerFactory(), PractitionerFactory()
    represent(for_applicant, applicant)
    represent(for_respondent, respondent)
    direction = direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=days(-2),
        due_on=days(6),
        serve=True,
        parties=[respondent],
        document_kinds=[document_kind("Affidavit")],
        recorded_by=clerk,
    )
    return {
        "clerk": clerk,
        "matter": matter,
        "applicant": applicant,
        "respondent": respondent,
        "for_applicant": for_applicant,
        "for_respondent": for_respondent,
        "direction": direction,
    }


def status_of(direction: Direction, party: Party):
    (row,) = [
        o
        for o in direction_obligations(directions=dated_directions(), today=today())
        if o.direction_id == direction.pk and o.party_id == party.pk
    ]
    return row.status


def test_a_direction_with_a_date_is_due_for_the_bound_party_only(client, world):
    client.force_login(world["for_respondent"])
    page = client.get(reverse("practitioner:dashboard")).content.decode()
    assert "Due " in page and "6 days left" in page
    assert "Acme Pty Ltd to file and serve Affidavit in computer-readable format" in page
    matter_url = reverse("practitioner:matter", args=[access.matter_slug(world["matter"].number)])
    assert "6 days left" in client.get(matter_url).content.decode()
    client.force_login(world["for_applicant"])
    assert "file and serve Affidavit" not in client.get(matter_url).content.decode()


def test_a_filing_of_a_covered_document_by_the_bound_party_meets_it(client, world):
    filing = filing_lodge(
        party=world["respondent"], lodged_by=world["for_respondent"], documents=[affidavit()]
    )
    status = status_of(world["direction"], world["respondent"])
    assert (status.state, status.met_by, status.on_time) == (
        "awaiting_review",
        filing.reference,
        True,
    )
    client.force_login(world["clerk"])
    page = client.get(reverse("clerk:deadlines")).content.decode()
    assert "Lodged on time, awaiting review" in page and filing.reference in page
    filing_accept(filing=filing, reviewed_by=world["clerk"])
    status = status_of(world["direction"], world["respondent"])
    assert (status.state, status.words) == ("met", f"met on time by {filing.reference}")


def test_other_parties_other_kinds_and_rejected_filings_do_not_meet_it(world):
    filing_lodge(
        party=world["applicant"], lodged_by=world["for_applicant"], documents=[affidavit()]
    )
    filing_lodge(
        party=world["respondent"],
        lodged_by=world["for_respondent"],
        documents=[affidavit(kind=document_kind("Statement of evidence"))],
    )
    rejected = filing_lodge(
        party=world["respondent"], lodged_by=world["for_respondent"], documents=[affidavit()]
    )
    filing_reject(
        filing=rejected,
        reviewed_by=world["clerk"],
        reasons=[RejectionSpec(reason_code="label-incomplete")],
    )
    assert status_of(world["direction"], world["respondent"]).state == "due"


def test_a_direction_not_met_by_its_date_is_overdue(client, world):
    Direction.objects.filter(pk=world["direction"].pk).update(made_on=days(-20), due_on=days(-4))
    status = status_of(world["direction"], world["respondent"])
    assert (status.state, status.words) == ("overdue", "overdue by 4 days")
    client.force_login(world["clerk"])
    assert "Overdue by 4 days" in client.get(reverse("clerk:deadlines")).content.decode()


def test_a_filing_before_the_direction_was_made_does_not_meet_it(world):
    filing_lodge(
        party=world["respondent"],
        lodged_by=world["for_respondent"],
        documents=[affidavit()],
        lodged_at=timezone.now() - datetime.timedelta(days=5),
    )
    assert status_of(world["direction"], world["respondent"]).state == "due"


def test_a_direction_naming_no_parties_binds_every_party(world):
    direction = direction_record(
        matter=world["matter"],
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=days(-1),
        due_on=days(3),
        recorded_by=world["clerk"],
    )
    rows = direction_obligations(directions=[direction], today=today())
    assert {r.party_name for r in rows} == {"Jane Citizen", "Acme Pty Ltd"}
    assert rows[0].what == "file all documentation in computer-readable format"


@pytest.mark.parametrize(
    ("kind", "due_offset", "code"),
    [
        (Direction.Kind.WAIVE, 5, "direction.due_with_waiver"),
        (Direction.Kind.DIRECT, -10, "direction.due_before_made"),
    ],
)
def test_a_date_to_file_by_is_checked(world, kind, due_offset, code):
    with pytest.raises(ValidationError) as caught:
        direction_record(
            matter=world["matter"],
            kind=kind,
            made_by=Direction.MadeBy.REGISTRAR,
            made_on=days(-1),
            due_on=days(due_offset),
            recorded_by=world["clerk"],
        )
    assert [e.code for e in caught.value.error_dict["due_on"]] == [code]


def test_the_clerk_records_a_direction_with_its_date_on_the_form(client, world):
    client.force_login(world["clerk"])
    response = client.post(
        reverse("clerk:direction_add", args=[world["matter"].number]),
        {
            "kind": "direct",
            "made_by": "registrar",
            "made_on": today().isoformat(),
            "due_on": days(8).isoformat(),
            "parties": [world["applicant"].pk],
        },
    )
    assert response.status_code == 302
    assert Direction.objects.filter(due_on=days(8), parties=world["applicant"]).exists()


def award_copy():
    """An award or variation with its electronic copy (para 11 requires one)."""
    return affidavit(
        kind=document_kind("Award or award variation"),
        title="Varied award",
        path=LODGMENT_FIXTURES / "submissions.rtf",
        original_filename="varied-award.rtf",
    )


def rule32_matter_with_order(*, file_by: datetime.date) -> tuple[Rule32Order, Party]:
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="rule32"), opened_on=days(-60)
    )
    applicant = PartyFactory(matter=matter, name="Australian Services Union of NSW")
    order = Rule32Order.objects.create(
        matter=matter,
        description="Clerical Award variation",
        made_on=file_by - datetime.timedelta(days=14),
        file_by=file_by,
        recorded_by=ClerkFactory(),
    )
    return order, applicant


@pytest.mark.parametrize(
    "channel", [Filing.Channel.EMAIL, Filing.Channel.WEB, Filing.Channel.CD_ROM]
)
def test_a_rule32_award_lodged_in_time_and_awaiting_review_is_never_overdue(client, channel):
    order, applicant = rule32_matter_with_order(file_by=days(-168))
    award = award_copy()
    lodged_at = timezone.now() - datetime.timedelta(days=170)
    e_mail = channel == Filing.Channel.EMAIL
    filing = filing_lodge(
        party=applicant,
        lodged_by=ClerkFactory(),
        documents=[award],
        channel=channel,
        lodged_at=lodged_at,
        # PD16 para 9: an e-mail lodgment comes with its transmission report.
        transmission_report=TransmissionReport(
            sent_at=lodged_at, sent_to="irc_electronic_services@agd.nsw.gov.au"
        )
        if e_mail
        else None,
        email_subject=f"{applicant.matter.title} {applicant.matter.number}" if e_mail else "",
        problems_acknowledged=e_mail,
    )
    client.force_login(ClerkFactory())
    response = client.get(reverse("clerk:deadlines"))
    (row,) = response.context["rule32_rows"]
    assert row.deadline.order_id == order.pk
    assert (row.deadline.overdue, row.deadline.status.met_by) == (False, filing.reference)
    html = response.content.decode()
    assert "Lodged on time, awaiting review" in html and "Overdue" not in html


def test_a_rule32_award_lodged_late_says_late_not_overdue(client):
    _order, applicant = rule32_matter_with_order(file_by=days(-10))
    award = award_copy()
    filing_lodge(party=applicant, lodged_by=ClerkFactory(), documents=[award])
    client.force_login(ClerkFactory())
    html = client.get(reverse("clerk:deadlines")).content.decode()
    assert "Lodged late, awaiting review" in html


def _due_in(days_ahead, *, matter, parties, clerk, affidavits=False):
    """A registrar's direction, made three days ago, to file by ``days_ahead`` from today."""
    return direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=days(-3),
        due_on=days(days_ahead),
        parties=parties,
        document_kinds=[document_kind("Affidavit")] if affidavits else [],
        recorded_by=clerk,
    )


def test_the_deadlines_page_costs_the_same_queries_with_more_directions(
    client, world, django_assert_num_queries
):
    client.force_login(world["clerk"])
    client.get(reverse("clerk:deadlines"))  # the rules read, and kept for the next requests
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("clerk:deadlines"))
    for offset in range(5):
        matter = MatterFactory(opened_on=days(-30))
        party = PartyFactory(matter=matter)
        _due_in(offset, matter=matter, parties=[party], clerk=world["clerk"], affidavits=True)
        filing_lodge(party=party, lodged_by=world["clerk"], documents=[affidavit()])
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("clerk:deadlines"))
    assert len(response.context["direction_rows"]) == 6


def test_the_deadlines_page_lists_ten_directions_a_page_each_a_row_per_bound_party(client, world):
    from filings.views.clerk.deadlines import DIRECTIONS_PAGE_SIZE

    assert DIRECTIONS_PAGE_SIZE == 10
    matter = MatterFactory(opened_on=days(-30))
    bound = [PartyFactory(matter=matter), PartyFactory(matter=matter)]
    for offset in range(11):
        _due_in(offset, matter=matter, parties=bound, clerk=world["clerk"])
    client.force_login(world["clerk"])
    first = client.get(reverse("clerk:deadlines"))
    second = client.get(reverse("clerk:deadlines") + "?directions_page=2")

    page = first.context["directions_page"]
    assert len(page.object_list) == 10
    assert page.paginator.count >= 11
    assert page.paginator.num_pages == -(-page.paginator.count // 10)
    # Each direction on the page is a row for each party it binds.
    ours = [d for d in page.object_list if d.matter_id == matter.pk]
    rows = [r for r in first.context["direction_rows"] if r.matter.pk == matter.pk]
    assert len(rows) == 2 * len(ours)
    assert second.status_code == 200
    assert second.context["directions_page"].number == 2

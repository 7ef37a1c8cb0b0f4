"""What a clerk records on a matter (filings.services.records): the certificate (PD16 para 3(b)),
para 7 directions and waivers, PN127 (para 8), parties and representatives (para 3(c)), and
e-mail lodgments with their transmission reports (paras 9 and 10)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from filings.models import (
    Direction,
    Filing,
    Matter,
    Party,
    PartyRepresentative,
    PracticeNoteApplication,
)
from filings.selectors import email as email_reads
from filings.services import records
from filings.services.lodgment import filing_record_email_lodgment
from practice_directions.models import DocumentKind, ProceedingType
from tests.factories import MatterFactory, OrganisationFactory, PartyFactory, UserFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, affidavit, represent

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def s106_matter(**fields):
    return MatterFactory(proceeding=ProceedingType.objects.get(code="s106"), **fields)


# --- Certificate of Unsuccessful Conciliation (para 3(b)) ---


def test_certificate_is_recorded_on_a_s106_matter():
    matter = s106_matter()
    records.matter_record_conciliation_certificate(
        matter=matter, issued_on=datetime.date(2026, 5, 4), today=TODAY
    )
    matter.refresh_from_db()
    assert matter.conciliation_certificate_on == datetime.date(2026, 5, 4)


def test_certificate_is_refused_outside_s106_and_reports_every_problem():
    matter = MatterFactory()  # "other" proceedings do not await a certificate
    with pytest.raises(ValidationError) as error:
        records.matter_record_conciliation_certificate(
            matter=matter, issued_on=datetime.date(2026, 6, 2), today=TODAY
        )
    assert codes(error.value) == {
        "__all__": ["certificate.not_applicable"],
        "issued_on": ["issued_on.in_future"],
    }
    matter.refresh_from_db()
    assert matter.conciliation_certificate_on is None


def test_certificate_cannot_predate_the_matter_or_be_recorded_twice():
    matter = s106_matter()
    with pytest.raises(ValidationError) as error:
        records.matter_record_conciliation_certificate(
            matter=matter, issued_on=datetime.date(2026, 1, 1), today=TODAY
        )
    assert codes(error.value) == {"issued_on": ["issued_on.before_matter_opened"]}
    records.matter_record_conciliation_certificate(
        matter=matter, issued_on=datetime.date(2026, 5, 4), today=TODAY
    )
    with pytest.raises(ValidationError) as error:
        records.matter_record_conciliation_certificate(
            matter=matter, issued_on=datetime.date(2026, 5, 5), today=TODAY
        )
    assert codes(error.value) == {"__all__": ["certificate.already_recorded"]}
    matter.refresh_from_db()
    assert matter.conciliation_certificate_on == datetime.date(2026, 5, 4)


def test_nothing_is_recorded_on_a_closed_matter():
    matter = s106_matter(status=Matter.Status.CLOSED)
    with pytest.raises(ValidationError) as error:
        records.matter_record_conciliation_certificate(
            matter=matter, issued_on=datetime.date(2026, 5, 4), today=TODAY
        )
    assert codes(error.value) == {"__all__": ["matter.closed"]}


# --- Directions and waivers (para 7) ---


def test_a_direction_is_recorded_with_its_parties_and_document_kinds():
    matter = MatterFactory()
    applicant = PartyFactory(matter=matter)
    PartyFactory(matter=matter, role="respondent")
    affidavits = DocumentKind.objects.get(name="Affidavit")
    direction = records.direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=datetime.date(2026, 5, 1),
        parties=[applicant],
        document_kinds=[affidavits],
        serve=True,
        scope="  File and serve affidavits in computer-readable format.  ",
        recorded_by=ClerkFactory(),
        today=TODAY,
    )
    direction.refresh_from_db()
    assert list(direction.parties.all()) == [applicant]
    assert list(direction.document_kinds.all()) == [affidavits]
    assert direction.serve is True
    assert direction.scope == "File and serve affidavits in computer-readable format."


def test_a_direction_reports_every_problem_and_creates_nothing():
    matter = MatterFactory()
    stranger = PartyFactory()  # a party to another matter
    with pytest.raises(ValidationError) as error:
        records.direction_record(
            matter=matter,
            kind=Direction.Kind.WAIVE,
            made_by="judge",
            made_on=datetime.date(2026, 7, 1),
            parties=[stranger],
            serve=True,
            recorded_by=ClerkFactory(),
            today=TODAY,
        )
    assert codes(error.value) == {
        "made_by": ["direction.made_by_invalid"],
        "made_on": ["made_on.in_future"],
        "parties": ["direction.party_not_in_matter"],
        "serve": ["direction.serve_with_waiver"],
    }
    assert Direction.objects.count() == 0


def test_a_waiver_for_every_party_and_document_leaves_both_lists_empty():
    matter = MatterFactory()
    waiver = records.direction_record(
        matter=matter,
        kind=Direction.Kind.WAIVE,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=datetime.date(2026, 5, 1),
        recorded_by=ClerkFactory(),
        today=TODAY,
    )
    assert waiver.parties.count() == 0
    assert waiver.document_kinds.count() == 0


# --- Practice Note 127 (para 8) ---


def test_pn127_applied_in_part_names_its_paragraphs():
    application = records.practice_note_apply(
        matter=MatterFactory(),
        made_by=Direction.MadeBy.COMMISSION,
        applied_on=datetime.date(2026, 5, 1),
        extent=PracticeNoteApplication.Extent.PART,
        parts="5, 6",
        conditions="Exchange by e-mail.",
        recorded_by=ClerkFactory(),
        today=TODAY,
    )
    assert (application.extent, application.parts) == ("part", "5, 6")


@pytest.mark.parametrize(
    ("extent", "parts", "code"),
    [("part", "  ", "pn127.parts_missing"), ("whole", "5", "pn127.parts_with_whole")],
)
def test_pn127_parts_go_with_an_application_in_part(extent, parts, code):
    with pytest.raises(ValidationError) as error:
        records.practice_note_apply(
            matter=MatterFactory(),
            made_by=Direction.MadeBy.REGISTRAR,
            applied_on=datetime.date(2026, 5, 1),
            extent=extent,
            parts=parts,
            recorded_by=ClerkFactory(),
            today=TODAY,
        )
    assert codes(error.value) == {"parts": [code]}
    assert PracticeNoteApplication.objects.count() == 0


# --- Parties and representation (para 3(c)) ---


def test_a_party_is_added_with_its_representation():
    matter = MatterFactory()
    firm = OrganisationFactory()
    party = records.party_add(
        matter=matter,
        name=" Acme Widgets Pty Ltd ",
        role="respondent",
        representation="solicitor",
        representative_organisation=firm,
    )
    assert (party.name, party.role, party.representative_organisation) == (
        "Acme Widgets Pty Ltd",
        "respondent",
        firm,
    )


def test_adding_a_party_reports_every_problem():
    with pytest.raises(ValidationError) as error:
        records.party_add(
            matter=MatterFactory(),
            name="  ",
            role="plaintiff",
            representation="unrepresented",
            representative_organisation=OrganisationFactory(),
        )
    assert codes(error.value) == {
        "name": ["party.name_missing"],
        "role": ["party.role_invalid"],
        "representative_organisation": ["party.organisation_for_unrepresented"],
    }
    assert Party.objects.count() == 0


def test_the_same_party_cannot_be_added_twice_whatever_the_case():
    matter = MatterFactory()
    records.party_add(matter=matter, name="Jane Citizen", role="applicant", representation="agent")
    with pytest.raises(ValidationError) as error:
        records.party_add(
            matter=matter, name="JANE CITIZEN", role="applicant", representation="agent"
        )
    assert codes(error.value) == {"name": ["party.duplicate"]}
    assert matter.parties.count() == 1


def test_a_party_with_practitioners_linked_cannot_become_unrepresented():
    party = PartyFactory()
    represent(PractitionerFactory(), party)
    with pytest.raises(ValidationError) as error:
        records.party_set_representation(party=party, representation="unrepresented")
    assert codes(error.value) == {"representation": ["party.representatives_linked"]}
    party.refresh_from_db()
    assert party.representation == "solicitor"
    records.party_set_representation(party=party, representation="barrister")
    party.refresh_from_db()
    assert party.representation == "barrister"


def test_a_practitioner_is_linked_once_and_unlinked():
    party, practitioner = PartyFactory(), PractitionerFactory()
    link = records.party_link_representative(
        party=party, user=practitioner, since=datetime.date(2026, 5, 1)
    )
    assert (link.party, link.user, link.since) == (party, practitioner, datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        records.party_link_representative(party=party, user=practitioner)
    assert codes(error.value) == {"user": ["representative.already_linked"]}
    records.party_unlink_representative(party=party, user=practitioner)
    assert not PartyRepresentative.objects.exists()
    with pytest.raises(ValidationError) as error:
        records.party_unlink_representative(party=party, user=practitioner)
    assert codes(error.value) == {"user": ["representative.not_linked"]}


def test_only_practitioners_act_for_represented_parties():
    party = PartyFactory(representation="unrepresented")
    with pytest.raises(ValidationError) as error:
        records.party_link_representative(party=party, user=UserFactory())
    assert codes(error.value) == {
        "user": ["representative.not_practitioner", "representative.party_unrepresented"]
    }
    assert not PartyRepresentative.objects.exists()


# --- E-mail lodgments and transmission reports (paras 9 and 10) ---


def rule32_matter():
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="rule32"),
        title="Clerical and Administrative Employees (State) Award",
    )
    return matter, PartyFactory(matter=matter, name="Australian Services Union of NSW")


def award():
    return affidavit(kind=DocumentKind.objects.get(name="Award or award variation"), title="Award")


def email_lodgment(party, **overrides):
    arguments = {
        "party": party,
        "lodged_by": ClerkFactory(),
        "documents": [award()],
        "email_subject": f"{party.matter.title} {party.matter.number}",
        "sent_at": timezone.now() - datetime.timedelta(hours=1),
        "sent_to": "irc_electronic_services@agd.nsw.gov.au",
    }
    arguments.update(overrides)
    return filing_record_email_lodgment(**arguments)


def test_an_email_lodgment_is_recorded_with_its_transmission_report():
    _, party = rule32_matter()
    sent_at = timezone.now() - datetime.timedelta(hours=2)
    filing = email_lodgment(party, sent_at=sent_at)
    filing.refresh_from_db()
    assert filing.channel == Filing.Channel.EMAIL
    assert filing.email_subject == f"{party.matter.title} {party.matter.number}"
    assert filing.transmission_report_sent_at == sent_at
    assert filing.transmission_report_sent_to == "irc_electronic_services@agd.nsw.gov.au"
    assert filing.status == Filing.Status.LODGED


def test_subject_and_address_problems_stop_the_recording_until_acknowledged():
    _, party = rule32_matter()
    with pytest.raises(ValidationError) as error:
        email_lodgment(party, email_subject="Award", sent_to="someone@example.com")
    assert codes(error.value) == {
        "email_subject": ["subject.file_number_missing", "subject.matter_title_missing"],
        "sent_to": ["email.address_differs"],
    }
    assert Filing.objects.count() == 0
    filing = email_lodgment(
        party, email_subject="Award", sent_to="someone@example.com", problems_acknowledged=True
    )
    assert filing.email_subject == "Award"


def test_email_lodgment_is_not_open_to_other_proceedings():
    party = PartyFactory()  # "other" proceedings have no para 9 class
    with pytest.raises(ValidationError) as error:
        email_lodgment(
            party, sent_at=timezone.now() + datetime.timedelta(hours=1), problems_acknowledged=True
        )
    assert codes(error.value) == {
        "__all__": ["email.not_available"],
        "sent_at": ["email.sent_in_future"],
    }
    assert Filing.objects.count() == 0


def test_directed_submissions_use_the_submissions_class():
    matter = MatterFactory(submissions_directed=True)
    submissions = DocumentKind.objects.get(name="Submissions")
    assert email_reads.email_class_for(matter=matter, kinds=[submissions]).code == "submissions"
    assert email_reads.email_class_for(matter=matter, kinds=[]).code == "submissions"
    s34 = MatterFactory(
        proceeding=ProceedingType.objects.get(code="s34"), submissions_directed=True
    )
    assert email_reads.email_class_for(matter=s34, kinds=[submissions]).code == "submissions"
    assert email_reads.email_class_for(matter=s34, kinds=[]).code == "s34"
    assert email_reads.email_class_for(matter=MatterFactory(), kinds=[submissions]) is None

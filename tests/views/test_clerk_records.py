"""Recording through the clerks' pages: parties and representatives, the certificate (PD16 para
3(b)), para 7 directions and waivers, PN127 (para 8) and Rule 32 deadlines and receipts (para 11).
Each write works through its page; bad input gets a specific message and creates nothing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from filings.models import (
    Direction,
    Party,
    PartyRepresentative,
    PracticeNoteApplication,
    Rule32Order,
)
from notices.models import Notice
from practice_directions.models import DocumentKind, ProceedingType
from tests.factories import MatterFactory, OrganisationFactory, PartyFactory, UserFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, represent
from tests.notices.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


def field_codes(response, field="__all__"):
    return [e.code for e in response.context["form"].errors.as_data().get(field, [])]


def test_a_party_is_added_through_its_page(client, clerk):
    matter = MatterFactory()
    firm = OrganisationFactory()
    response = client.post(
        reverse("clerk:party_add", args=[matter.number]),
        {
            "name": "Acme Widgets Pty Ltd",
            "role": "respondent",
            "representation": "solicitor",
            "representative_organisation": firm.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"{reverse('clerk:matter', args=[matter.number])}#parties")
    party = matter.parties.get()
    assert (party.name, party.representative_organisation) == ("Acme Widgets Pty Ltd", firm)


def test_a_duplicate_party_is_refused_on_the_name_field(client, clerk):
    matter = MatterFactory()
    PartyFactory(matter=matter, name="Jane Citizen", role="applicant")
    response = client.post(
        reverse("clerk:party_add", args=[matter.number]),
        {"name": "jane citizen", "role": "applicant", "representation": "agent"},
    )
    assert response.status_code == 400
    assert field_codes(response, "name") == ["party.duplicate"]
    assert matter.parties.count() == 1
    assert 'aria-describedby="id_name-error"' in response.content.decode()


def test_representation_is_changed_through_its_page(client, clerk):
    party = PartyFactory(representation="solicitor")
    url = reverse("clerk:party_representation", args=[party.matter.number, party.pk])
    assert client.get(url).context["form"].initial["representation"] == "solicitor"
    response = client.post(url, {"representation": "barrister"})
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.representation == "barrister"


def test_a_linked_party_cannot_be_made_unrepresented(client, clerk):
    party = PartyFactory()
    represent(PractitionerFactory(), party)
    url = reverse("clerk:party_representation", args=[party.matter.number, party.pk])
    response = client.post(url, {"representation": "unrepresented"})
    assert response.status_code == 400
    assert field_codes(response, "representation") == ["party.representatives_linked"]
    party.refresh_from_db()
    assert party.representation == "solicitor"


def test_a_practitioner_is_linked_by_username_or_email_and_unlinked(client, clerk):
    party = PartyFactory()
    practitioner = PractitionerFactory(username="jsmith", email="j.smith@example.com")
    url = reverse("clerk:representative_link", args=[party.matter.number, party.pk])
    assert client.post(url, {"user": "J.Smith@Example.com"}).status_code == 302
    assert PartyRepresentative.objects.filter(party=party, user=practitioner).exists()
    again = client.post(url, {"user": "JSMITH"})
    assert field_codes(again, "user") == ["representative.already_linked"]
    unlink = reverse("clerk:representative_unlink", args=[party.matter.number, party.pk])
    assert client.post(unlink, {"user": practitioner.pk}).status_code == 302
    assert not PartyRepresentative.objects.exists()
    assert client.post(unlink, {"user": practitioner.pk}).status_code == 404


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("nobody", "representative.account_unknown"),
        ("plainuser", "representative.not_practitioner"),
    ],
)
def test_linking_someone_who_is_not_a_practitioner_is_refused(client, clerk, typed, code):
    UserFactory(username="plainuser")
    party = PartyFactory()
    url = reverse("clerk:representative_link", args=[party.matter.number, party.pk])
    response = client.post(url, {"user": typed})
    assert response.status_code == 400
    assert field_codes(response, "user") == [code]
    assert not PartyRepresentative.objects.exists()


def test_the_certificate_is_recorded_on_a_s106_matter(client, clerk):
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="s106"))
    url = reverse("clerk:certificate", args=[matter.number])
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    refused = client.post(url, {"issued_on": future})
    assert field_codes(refused, "issued_on") == ["issued_on.in_future"]
    matter.refresh_from_db()
    assert matter.conciliation_certificate_on is None
    assert client.post(url, {"issued_on": "2026-05-04"}).status_code == 302
    matter.refresh_from_db()
    assert matter.conciliation_certificate_on == datetime.date(2026, 5, 4)


def test_the_certificate_is_refused_outside_s106(client, clerk):
    matter = MatterFactory()
    response = client.post(
        reverse("clerk:certificate", args=[matter.number]), {"issued_on": "2026-05-04"}
    )
    assert response.status_code == 400
    assert field_codes(response) == ["certificate.not_applicable"]
    assert 'class="form-errors"' in response.content.decode()


def test_a_direction_is_recorded_with_ticked_parties_and_kinds(client, clerk):
    matter = MatterFactory()
    respondent = PartyFactory(matter=matter, role="respondent")
    PartyFactory(matter=matter)
    affidavit = DocumentKind.objects.get(name="Affidavit")
    response = client.post(
        reverse("clerk:direction_add", args=[matter.number]),
        {
            "kind": "direct",
            "made_by": "commission",
            "made_on": "2026-05-01",
            "parties": [respondent.pk],
            "document_kinds": [affidavit.pk],
            "serve": "on",
            "scope": "Affidavits to be filed and served in Word.",
        },
    )
    assert response.status_code == 302
    direction = Direction.objects.get()
    assert list(direction.parties.all()) == [respondent]
    assert list(direction.document_kinds.all()) == [affidavit]
    assert direction.serve and direction.recorded_by == clerk


def test_a_waiver_cannot_direct_service_and_a_party_must_be_the_matter_s(client, clerk):
    matter = MatterFactory()
    stranger = PartyFactory()
    response = client.post(
        reverse("clerk:direction_add", args=[matter.number]),
        {
            "kind": "waive",
            "made_by": "registrar",
            "made_on": "2026-05-01",
            "parties": [stranger.pk],
            "serve": "on",
        },
    )
    assert response.status_code == 400
    # The form offers only this matter's parties; the service refuses service with a waiver.
    assert response.context["form"].errors.as_data()["parties"][0].code == "invalid_choice"
    assert Direction.objects.count() == 0
    response = client.post(
        reverse("clerk:direction_add", args=[matter.number]),
        {"kind": "waive", "made_by": "registrar", "made_on": "2026-05-01", "serve": "on"},
    )
    assert field_codes(response, "serve") == ["direction.serve_with_waiver"]
    assert Direction.objects.count() == 0


def test_pn127_is_applied_through_its_page(client, clerk):
    matter = MatterFactory()
    url = reverse("clerk:practice_note", args=[matter.number])
    refused = client.post(
        url, {"made_by": "commission", "applied_on": "2026-05-01", "extent": "part"}
    )
    assert field_codes(refused, "parts") == ["pn127.parts_missing"]
    assert PracticeNoteApplication.objects.count() == 0
    done = client.post(
        url,
        {"made_by": "commission", "applied_on": "2026-05-01", "extent": "part", "parts": "5, 6"},
    )
    assert done.status_code == 302
    assert PracticeNoteApplication.objects.get().parts == "5, 6"


def test_a_rule32_deadline_is_recorded_and_its_receipt_notifies_the_office(
    client, clerk, django_capture_on_commit_callbacks
):
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    PartyFactory(matter=matter)
    url = reverse("clerk:rule32_order_add", args=[matter.number])
    refused = client.post(
        url, {"description": "Award", "made_on": "2026-05-10", "file_by": "2026-05-01"}
    )
    assert field_codes(refused, "file_by") == ["rule32.file_by_before_made"]
    assert Rule32Order.objects.count() == 0
    done = client.post(
        url, {"description": "Clerical Award", "made_on": "2026-05-01", "file_by": "2026-05-15"}
    )
    assert done.status_code == 302
    order = Rule32Order.objects.get()
    receipt = reverse("clerk:rule32_receipt", args=[matter.number, order.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(receipt, {"received_on": "2026-05-14"}).status_code == 302
    run_worker()
    order.refresh_from_db()
    assert order.received_on == datetime.date(2026, 5, 14)
    assert Notice.objects.filter(rule32_order=order).count() == 1
    assert len(mail.outbox) == 1
    again = client.post(receipt, {"received_on": "2026-05-14"})
    assert field_codes(again) == ["rule32.already_received"]
    run_worker()
    assert len(mail.outbox) == 1


def test_a_rule32_deadline_is_refused_outside_rule32_matters(client, clerk):
    matter = MatterFactory()
    response = client.post(
        reverse("clerk:rule32_order_add", args=[matter.number]),
        {"description": "Award", "made_on": "2026-05-01", "file_by": "2026-05-15"},
    )
    assert field_codes(response) == ["rule32.not_a_rule32_matter"]
    assert Rule32Order.objects.count() == 0


def test_parties_of_another_matter_cannot_be_edited_through_this_one(client, clerk):
    matter, other = MatterFactory(), PartyFactory()
    url = reverse("clerk:party_representation", args=[matter.number, other.pk])
    assert client.post(url, {"representation": "barrister"}).status_code == 404
    assert Party.objects.get(pk=other.pk).representation == "solicitor"

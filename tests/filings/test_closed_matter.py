"""A closed matter takes no lodgment, on any channel (issue 9 §2): the service refuses it with
the stable code ``matter.closed`` and a clear message, and the practitioners' page, the clerks'
counter and e-mail pages show it. Nothing is written, no file is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from filings.models import Filing, Matter
from filings.selectors.access import matter_slug
from filings.services.lodgment import TransmissionReport, filing_lodge
from filings.services.matters import matter_close
from practice_directions.models import ProceedingType
from tests.factories import MatterFactory, PartyFactory, document_kind
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    error_codes,
    lodgment_post,
    matter_for,
    upload,
)
from tests.views.test_clerk_lodgments import email_data, rows

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [e.code for errors in error.error_dict.values() for e in errors]
    return [e.code for e in error.error_list]


def _stored(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _closed(matter: Matter) -> Matter:
    return matter_close(matter=matter)


def test_the_service_refuses_a_closed_matter_with_a_stable_code(settings):
    practitioner = PractitionerFactory()
    matter, party = matter_for(practitioner)
    _closed(matter)
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[affidavit()])
    assert "matter.closed" in _codes(error.value)
    assert f"Matter {matter.number} is closed" in str(error.value)
    assert Filing.objects.count() == 0
    assert _stored(settings) == []


def test_a_matter_closed_after_the_check_is_refused_under_the_lock(monkeypatch):
    """The check reads the matter open; it closes before the write: the write refuses it."""
    practitioner = PractitionerFactory()
    matter, party = matter_for(practitioner)
    from filings.services import lodgment

    real_check = lodgment.lodgment_check

    def check_then_close(**kwargs):
        checked = real_check(**kwargs)
        Matter.objects.filter(pk=matter.pk).update(status=Matter.Status.CLOSED)
        return checked

    monkeypatch.setattr(lodgment, "lodgment_check", check_then_close)
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[affidavit()])
    assert _codes(error.value) == ["matter.closed"]
    assert Filing.objects.count() == 0


def test_the_intake_entry_point_refuses_a_closed_matter_by_email():
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    party = PartyFactory(matter=matter)
    _closed(matter)
    from django.utils import timezone

    with pytest.raises(ValidationError) as error:
        filing_lodge(
            party=party,
            lodged_by=ClerkFactory(),
            documents=[affidavit(kind=document_kind("Award or award variation"))],
            channel=Filing.Channel.EMAIL,
            email_subject=f"{matter.title} {matter.number}",
            transmission_report=TransmissionReport(
                sent_at=timezone.now(), sent_to="irc_electronic_services@agd.nsw.gov.au"
            ),
        )
    assert "matter.closed" in _codes(error.value)


def test_the_practitioners_page_refuses_a_closed_matter(client, settings):
    practitioner = PractitionerFactory()
    matter, party = matter_for(practitioner)
    _closed(matter)
    client.force_login(practitioner)
    row = {
        "kind": document_kind("Affidavit").pk,
        "title": "Affidavit of J Smith",
        "role": "principal",
        "electronic_copy": upload("affidavit.doc"),
    }
    response = client.post(
        reverse("practitioner:lodge", args=[matter_slug(matter.number)]),
        lodgment_post(party, row),
    )
    assert response.status_code == 400
    assert "matter.closed" in error_codes(response)
    assert "is closed: nothing more can be lodged in it" in response.content.decode()
    assert Filing.objects.count() == 0
    assert _stored(settings) == []


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


def test_the_counter_page_refuses_a_closed_matter(client, clerk):
    party = PartyFactory()
    _closed(party.matter)
    response = client.post(
        reverse("clerk:counter_lodgment", args=[party.matter.number]),
        {
            "party": party.pk,
            "channel": "cd-rom",
            **rows(
                {
                    "kind": document_kind("Affidavit").pk,
                    "title": "Affidavit of J Smith",
                    "electronic_copy": upload("affidavit.doc"),
                }
            ),
        },
    )
    assert response.status_code == 400
    assert "matter.closed" in response.context["form"].error_codes()
    assert "is closed: nothing more can be lodged in it" in response.content.decode()
    assert Filing.objects.count() == 0


def test_the_email_page_refuses_a_closed_matter(client, clerk):
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="rule32"),
        title="Clerical and Administrative Employees (State) Award",
    )
    party = PartyFactory(matter=matter)
    _closed(matter)
    response = client.post(
        reverse("clerk:email_lodgment", args=[matter.number]),
        email_data(party, problems_acknowledged="on"),
    )
    assert response.status_code == 400
    assert "matter.closed" in response.context["form"].error_codes()
    assert Filing.objects.count() == 0


def test_closing_is_audited_and_refused_twice():
    matter = MatterFactory()
    _closed(matter)
    event = AuditEvent.objects.get(action=AuditEvent.Action.MATTER_CLOSED)
    assert event.detail["before"] == {
        "status": "open",
        "closed_at": None,
        "closed_by": None,
        "closed_reason": "",
    }
    assert event.detail["after"]["status"] == "closed"
    assert event.detail["after"]["closed_at"] is not None
    with pytest.raises(ValidationError) as error:
        _closed(matter)
    assert _codes(error.value) == ["matter.already_closed"]

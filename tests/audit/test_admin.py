"""The admin cannot touch the records (issue 9 §2): every add and change page of a record answers
a POST from an administrator with 403 and leaves the record as it was; what administrators do
edit (rules data, accounts) is audited with the values before and after."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db.models import Model
from django.forms.models import model_to_dict
from django.urls import reverse

from audit.models import AuditEvent
from filings.models import (
    Direction,
    Document,
    Filing,
    FilingRejection,
    Matter,
    MatterNumberCounter,
    Organisation,
    Party,
    PartyRepresentative,
    PracticeNoteApplication,
    Rule32Order,
)
from filings.services.review import RejectionSpec, filing_reject
from practice_directions.models import DocumentKind, RejectionReason
from registry.roles import ADMINISTRATORS
from tests.factories import UserFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, lodge, matter_for

pytestmark = pytest.mark.django_db

CLIENT_IP = "198.51.100.23"


@pytest.fixture
def administrator(client):
    """A member of the Administrators group (staff, not a superuser): the real role."""
    user = UserFactory(username="registrar-admin", is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    client.force_login(user)
    return user


@pytest.fixture
def records(db):
    """One of every record the services guard, in a matter with a rejected filing."""
    practitioner = PractitionerFactory()
    matter, party = matter_for(practitioner)
    filing = lodge(party, practitioner)
    clerk = ClerkFactory()
    reason = RejectionReason.objects.filter(active=True).order_by("position").first()
    filing_reject(
        filing=filing,
        reviewed_by=clerk,
        reasons=[RejectionSpec(reason_code=reason.code, document_position=None, note="")],
    )
    direction = Direction.objects.create(
        matter=matter,
        kind="direct",
        made_by="commission",
        made_on=matter.opened_on,
        recorded_by=clerk,
    )
    application = PracticeNoteApplication.objects.create(
        matter=matter,
        made_by="commission",
        applied_on=matter.opened_on,
        extent="whole",
        recorded_by=clerk,
    )
    order = Rule32Order.objects.create(
        matter=matter,
        description="An award",
        made_on=matter.opened_on,
        file_by=matter.opened_on,
        recorded_by=clerk,
    )
    MatterNumberCounter.objects.get_or_create(year=2026, defaults={"last_sequence": 1})
    return {
        Matter: matter,
        Party: party,
        PartyRepresentative: PartyRepresentative.objects.get(party=party),
        Filing: Filing.objects.get(pk=filing.pk),
        Document: filing.documents.order_by("position").first(),
        FilingRejection: FilingRejection.objects.filter(filing=filing).first(),
        Direction: direction,
        PracticeNoteApplication: application,
        Rule32Order: order,
        MatterNumberCounter: MatterNumberCounter.objects.order_by("year").first(),
        AuditEvent: AuditEvent.objects.order_by("pk").first(),
    }


READ_ONLY = [
    Matter,
    Party,
    PartyRepresentative,
    Filing,
    Document,
    FilingRejection,
    Direction,
    PracticeNoteApplication,
    Rule32Order,
    MatterNumberCounter,
    AuditEvent,
]


def _url(model: type[Model], view: str, *args: object) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def _state(model: type[Model]) -> list[dict]:
    return [model_to_dict(obj) for obj in model.objects.order_by("pk")]


# What an attacker with the admin would send: the examples, and a plain copy of the row.
HOSTILE_CHANGES = {
    Filing: {"status": "accepted", "party": None, "transmission_report_sent_to": "x@example.org"},
    Document: {"virus_scan_status": "clean", "title": "Changed title"},
    Matter: {"status": "closed", "title": "Changed"},
}


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_an_administrator_cannot_add_a_record_in_the_admin(client, administrator, records, model):
    before = _state(model)
    assert client.get(_url(model, "add")).status_code == 403
    data = model_to_dict(records[model])
    data = {k: v for k, v in data.items() if v is not None and not isinstance(v, list)}
    response = client.post(_url(model, "add"), data, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 403
    assert _state(model) == before


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_an_administrator_cannot_change_a_record_in_the_admin(
    client, administrator, records, model
):
    obj = records[model]
    before = _state(model)
    page = client.get(_url(model, "change", obj.pk))
    assert page.status_code == 200  # viewing is allowed
    assert 'name="_save"' not in page.content.decode()
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None}
    data.update(HOSTILE_CHANGES.get(model, {}))
    data = {k: v for k, v in data.items() if v is not None}
    if model is Filing:
        data["party"] = Party.objects.exclude(pk=obj.party_id).values_list("pk", flat=True).first()
        data = {k: v for k, v in data.items() if v is not None}
    response = client.post(_url(model, "change", obj.pk), data, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 403
    assert _state(model) == before
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE).exists()


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_an_administrator_cannot_delete_a_record_in_the_admin(
    client, administrator, records, model
):
    obj = records[model]
    before = _state(model)
    response = client.post(_url(model, "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 403
    bulk = client.post(
        _url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert _state(model) == before


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_the_records_can_still_be_viewed_in_the_admin(client, administrator, records, model):
    assert client.get(_url(model, "changelist")).status_code == 200


def test_a_rules_data_edit_records_who_when_where_and_the_values_before_and_after(
    client, administrator
):
    kind = DocumentKind.objects.get(name="Affidavit")
    url = _url(DocumentKind, "change", kind.pk)
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: v for k, v in data.items() if v not in (None, False)}
    data["name"] = "Affidavit (sworn)"
    response = client.post(url, data, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE)
    assert (event.user, event.client_ip) == (administrator, CLIENT_IP)
    assert event.at is not None
    assert event.detail["model"] == "practice_directions.documentkind"
    assert event.detail["before"]["name"] == "Affidavit"
    assert event.detail["after"]["name"] == "Affidavit (sworn)"


def test_a_rules_data_addition_records_who_where_and_the_values_after(client, administrator):
    url = _url(RejectionReason, "add")
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: v for k, v in data.items() if v not in (None, False)}
    data.update(
        code="label-colour",
        paragraph="6",
        text="Print the label in black on white (PD16 para 6).",
        position=99,
        active="on",
    )
    response = client.post(url, data, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE)
    assert (event.user, event.client_ip) == (administrator, CLIENT_IP)
    assert (event.detail["operation"], event.detail["model"]) == (
        "add",
        "practice_directions.rejectionreason",
    )
    assert event.detail["before"] is None
    assert event.detail["after"]["code"] == "label-colour"


def test_every_admin_that_can_change_anything_audits_it(rf, administrator):
    """Issue 9 §3, "every admin change": an admin either cannot add, change or delete, or
    records each change in the trail (``AuditedAdminMixin``)."""
    from django.contrib import admin

    from audit.admin import AuditedAdminMixin

    request = rf.get("/")
    request.user = administrator
    administrator.is_superuser = True  # whatever the account may do, the admin decides
    unaudited = sorted(
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdminMixin)
        and (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
    )
    assert unaudited == []


def test_an_account_edit_records_before_and_after_without_the_password_hash(client, administrator):
    organisation = Organisation.objects.create(name="Old Name Lawyers", kind="law-firm")
    url = _url(Organisation, "change", organisation.pk)
    response = client.post(
        url, {"name": "New Name Lawyers", "kind": "law-firm"}, REMOTE_ADDR=CLIENT_IP
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE)
    assert (event.user, event.client_ip) == (administrator, CLIENT_IP)
    assert event.detail["before"]["name"] == "Old Name Lawyers"
    assert event.detail["after"]["name"] == "New Name Lawyers"

    user = UserFactory(username="someone")
    client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "a new long passphrase 42", "password2": "a new long passphrase 42"},
    )
    changed = AuditEvent.objects.filter(detail__model="auth.user").latest("pk")
    assert changed.detail["before"]["password"] == "(secret)"
    assert "pbkdf2" not in str(changed.detail) and "argon2" not in str(changed.detail)


def test_an_admin_deletion_records_the_values_it_removed(client, administrator):
    organisation = Organisation.objects.create(name="Gone Lawyers", kind="law-firm")
    client.post(
        _url(Organisation, "delete", organisation.pk), {"post": "yes"}, REMOTE_ADDR=CLIENT_IP
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE)
    assert (event.user, event.client_ip) == (administrator, CLIENT_IP)
    assert event.detail["operation"] == "delete"
    assert event.detail["before"]["name"] == "Gone Lawyers"
    assert event.detail["after"] is None


def test_administrators_export_the_whole_trail_as_streamed_csv(client, administrator, records):
    response = client.get(reverse("admin:audit_auditevent_export"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="audit-trail.csv"'
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("id,at_utc,action,username,client_ip")
    assert len(lines) == 1 + AuditEvent.objects.count()
    assert any(",filing_lodged," in line for line in lines)


def test_clerks_cannot_export_the_trail(client):
    clerk = ClerkFactory(is_staff=True)
    client.force_login(clerk)
    response = client.get(reverse("admin:audit_auditevent_export"))
    assert response.status_code in (302, 403)

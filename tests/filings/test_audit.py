"""The audit trail (security checklist, "Audit"): each audited action writes exactly one event
with who, what, which record and from where; the admin shows the trail read-only and mirrors
admin changes. The database's refusal to change or delete events: test_audit_guard.py."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record, request_client_ip
from filings.models import Filing, Organisation
from filings.packaging import StoredCopyError
from filings.selectors.access import matter_slug
from practice_directions.models import RejectionReason
from tests.factories import UserFactory
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
)

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action
PASSWORD = "correct horse battery staple"
CLIENT_IP = "203.0.113.7"


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def only_event(action: str) -> AuditEvent:
    found = events(action)
    assert len(found) == 1, [(e.action, e.username, e.detail) for e in found]
    return found[0]


@pytest.fixture
def event():
    user = UserFactory(username="recorder")
    return audit_record(
        action=Action.FILING_LODGED,
        user=user,
        matter_number="IRC2026/0001",
        filing_reference="IRC2026/0001-F01",
        document_id=7,
        detail={"channel": "web"},
        client_ip="192.0.2.1",
    )


# ---- what audit_record writes ----


def test_an_event_is_stamped_in_utc_and_names_who_and_where(event):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.at.utcoffset() == datetime.timedelta(0)
    assert abs(stored.at - timezone.now()) < datetime.timedelta(minutes=1)
    assert (stored.username, stored.client_ip, stored.document_id) == ("recorder", "192.0.2.1", 7)


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="audit action"):
        audit_record(action="shredded")


def test_the_address_is_remote_addr_and_a_forwarded_header_is_ignored_by_default(settings):
    settings.REGISTRY_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR=CLIENT_IP, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert request_client_ip(request) == CLIENT_IP


def test_behind_a_trusted_proxy_the_address_it_received_from_is_used(settings):
    settings.REGISTRY_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {CLIENT_IP}"
    )
    assert request_client_ip(request) == CLIENT_IP


def test_an_address_that_is_not_one_is_not_recorded():
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-address")
    assert audit_record(action=Action.SIGN_IN_FAILED, request=request).client_ip is None


# ---- sign-in, sign-out, refused access ----


def test_signing_in_records_one_event(client):
    user = UserFactory(username="jlawyer")
    response = client.post(
        reverse("login"), {"username": "jlawyer", "password": PASSWORD}, REMOTE_ADDR=CLIENT_IP
    )
    assert response.status_code == 302
    signed_in = only_event(Action.SIGN_IN)
    assert (signed_in.user, signed_in.username, signed_in.client_ip) == (user, "jlawyer", CLIENT_IP)


def test_a_failed_sign_in_records_one_event_with_the_name_tried(client):
    UserFactory(username="jlawyer")
    response = client.post(
        reverse("login"), {"username": "jlawyer", "password": "wrong"}, REMOTE_ADDR=CLIENT_IP
    )
    assert response.status_code == 200
    failed = only_event(Action.SIGN_IN_FAILED)
    assert (failed.user, failed.username, failed.client_ip) == (None, "jlawyer", CLIENT_IP)
    assert "wrong" not in str(failed.detail)
    assert events(Action.SIGN_IN) == []


def test_signing_out_records_one_event(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("logout"), REMOTE_ADDR=CLIENT_IP)
    signed_out = only_event(Action.SIGN_OUT)
    assert (signed_out.user, signed_out.client_ip) == (user, CLIENT_IP)


@pytest.mark.parametrize(
    ("factory", "url_name", "role"),
    [
        (PractitionerFactory, "clerk:dashboard", "Registry clerks"),
        (ClerkFactory, "practitioner:dashboard", "Practitioners"),
    ],
)
def test_a_page_of_another_role_is_refused_and_recorded(client, factory, url_name, role):
    user = factory()
    client.force_login(user)
    assert client.get(reverse(url_name), REMOTE_ADDR=CLIENT_IP).status_code == 404
    refused = only_event(Action.ACCESS_REFUSED)
    assert (refused.user, refused.client_ip) == (user, CLIENT_IP)
    assert refused.detail == {"reason": "role_missing", "role": role, "path": reverse(url_name)}


def test_an_anonymous_visitor_is_sent_to_sign_in_without_an_event(client):
    assert client.get(reverse("clerk:dashboard")).status_code == 302
    assert events(Action.ACCESS_REFUSED) == []


@pytest.fixture
def other_filing():
    """A filing of a party someone else represents."""
    owner = PractitionerFactory()
    _, party = matter_for(owner)
    return lodge(party, owner, affidavit())


def test_another_practitioners_document_is_refused_and_recorded(client, other_filing):
    intruder = PractitionerFactory()
    client.force_login(intruder)
    document = other_filing.documents.get()
    slug = matter_slug(other_filing.matter.number)
    url = reverse("practitioner:document", args=[slug, other_filing.sequence, 1])
    assert client.get(url, REMOTE_ADDR=CLIENT_IP).status_code == 404
    refused = only_event(Action.ACCESS_REFUSED)
    assert (refused.user, refused.client_ip) == (intruder, CLIENT_IP)
    assert refused.matter_number == other_filing.matter.number
    assert refused.filing_reference == other_filing.reference
    assert refused.document_id == document.pk
    assert refused.detail["reason"] == "outside_parties"
    assert events(Action.DOCUMENT_DOWNLOADED) == []


@pytest.mark.parametrize("url_name", ["practitioner:filing", "practitioner:filing_zip"])
def test_another_practitioners_filing_is_refused_and_recorded(client, other_filing, url_name):
    client.force_login(PractitionerFactory())
    slug = matter_slug(other_filing.matter.number)
    assert client.get(reverse(url_name, args=[slug, other_filing.sequence])).status_code == 404
    refused = only_event(Action.ACCESS_REFUSED)
    assert (refused.filing_reference, refused.detail["object"]) == (
        other_filing.reference,
        "filing",
    )


def test_a_record_that_does_not_exist_is_recorded_as_such(client, other_filing):
    client.force_login(PractitionerFactory())
    slug = matter_slug(other_filing.matter.number)
    assert client.get(reverse("practitioner:filing", args=[slug, 99])).status_code == 404
    assert client.get(reverse("practitioner:matter", args=["IRC1999-0001"])).status_code == 404
    reasons = [(e.detail["object"], e.detail["reason"]) for e in events(Action.ACCESS_REFUSED)]
    assert reasons == [("filing", "no_such_object"), ("matter", "no_such_object")]


def test_another_matters_party_is_refused_and_recorded(client, other_filing):
    practitioner = PractitionerFactory()
    matter, _ = matter_for(practitioner)
    client.force_login(practitioner)
    url = reverse("practitioner:requirement", args=[matter_slug(matter.number)])
    assert client.get(url, {"party": other_filing.party_id, "kind": 1}).status_code == 404
    refused = only_event(Action.ACCESS_REFUSED)
    assert refused.detail["object"] == "party"
    assert refused.detail["reason"] == "no_such_object"  # not a party to this matter


# ---- lodgment and review ----


def test_lodging_records_one_event_in_the_same_transaction():
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner)
    lodged = only_event(Action.FILING_LODGED)
    assert (lodged.user, lodged.matter_number, lodged.filing_reference) == (
        practitioner,
        filing.matter.number,
        filing.reference,
    )
    documents = {d.position: d.sha256 for d in filing.documents.all()}
    assert {d["position"]: d["sha256"] for d in lodged.detail["documents"]} == documents

    with pytest.raises(RuntimeError), transaction.atomic():
        lodge(party, practitioner)
        raise RuntimeError("the caller's transaction fails after lodging")
    assert Filing.objects.count() == 1
    assert len(events(Action.FILING_LODGED)) == 1


def test_lodging_through_the_page_records_the_address(client, tmp_path):
    from tests.factories_lodgment import lodgment_post, upload

    practitioner = PractitionerFactory()
    matter, party = matter_for(practitioner)
    client.force_login(practitioner)
    row = {
        "kind": affidavit().kind.pk,
        "title": "Affidavit of J Smith",
        "role": "principal",
        "electronic_copy": upload("affidavit.doc"),
    }
    response = client.post(
        reverse("practitioner:lodge", args=[matter_slug(matter.number)]),
        lodgment_post(party, row),
        REMOTE_ADDR=CLIENT_IP,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lodged = only_event(Action.FILING_LODGED)
    assert (lodged.user, lodged.client_ip) == (practitioner, CLIENT_IP)


@pytest.fixture
def clerk_and_filing(client):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, affidavit())
    clerk = ClerkFactory()
    client.force_login(clerk)
    return clerk, filing


def test_accepting_records_one_event(client, clerk_and_filing):
    clerk, filing = clerk_and_filing
    url = reverse("clerk:filing_accept", args=[filing.matter.number, filing.sequence])
    assert client.post(url, {"accept-notes": ""}, REMOTE_ADDR=CLIENT_IP).status_code == 302
    accepted = only_event(Action.FILING_ACCEPTED)
    assert (accepted.user, accepted.client_ip, accepted.filing_reference) == (
        clerk,
        CLIENT_IP,
        filing.reference,
    )


def test_rejecting_records_one_event_with_the_reasons(client, clerk_and_filing):
    clerk, filing = clerk_and_filing
    url = reverse("clerk:filing_reject", args=[filing.matter.number, filing.sequence])
    data = {"reject-reasons_filing": ["label-incomplete"], "reject-notes": ""}
    response = client.post(url, data, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 302
    rejected = only_event(Action.FILING_REJECTED)
    assert (rejected.user, rejected.client_ip) == (clerk, CLIENT_IP)
    assert [r["code"] for r in rejected.detail["reasons"]] == ["label-incomplete"]
    assert events(Action.FILING_ACCEPTED) == []


# ---- downloads ----


@pytest.fixture
def owner_filing(client):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner)
    client.force_login(practitioner)
    return practitioner, filing


def test_a_practitioners_download_records_one_event(client, owner_filing):
    practitioner, filing = owner_filing
    slug = matter_slug(filing.matter.number)
    response = client.get(
        reverse("practitioner:document", args=[slug, filing.sequence, 1]), REMOTE_ADDR=CLIENT_IP
    )
    b"".join(response.streaming_content)
    document = filing.documents.get(position=1)
    downloaded = only_event(Action.DOCUMENT_DOWNLOADED)
    assert (downloaded.user, downloaded.client_ip, downloaded.document_id) == (
        practitioner,
        CLIENT_IP,
        document.pk,
    )
    assert downloaded.filing_reference == filing.reference
    assert downloaded.detail["sha256"] == document.sha256


def test_a_zip_download_records_one_event(client, owner_filing):
    practitioner, filing = owner_filing
    slug = matter_slug(filing.matter.number)
    response = client.get(reverse("practitioner:filing_zip", args=[slug, filing.sequence]))
    b"".join(response.streaming_content)
    downloaded = only_event(Action.FILING_ZIP_DOWNLOADED)
    assert (downloaded.user, downloaded.filing_reference) == (practitioner, filing.reference)
    assert [d["position"] for d in downloaded.detail["documents"]] == [1, 2]
    assert events(Action.DOCUMENT_DOWNLOADED) == []


def test_a_clerks_download_records_one_event(client, clerk_and_filing):
    clerk, filing = clerk_and_filing
    url = reverse("clerk:document_download", args=[filing.matter.number, filing.sequence, 1])
    b"".join(client.get(url, REMOTE_ADDR=CLIENT_IP).streaming_content)
    downloaded = only_event(Action.DOCUMENT_DOWNLOADED)
    assert (downloaded.user, downloaded.client_ip) == (clerk, CLIENT_IP)


def _tamper(document) -> None:
    path = Path(document.electronic_copy.path)
    path.write_bytes(path.read_bytes()[:-1] + b"!")


@pytest.mark.parametrize("which", ["document", "filing_zip", "clerk"])
def test_a_changed_copy_refused_on_download_records_an_integrity_failure(
    client, owner_filing, which
):
    practitioner, filing = owner_filing
    document = filing.documents.get(position=1)
    _tamper(document)
    slug = matter_slug(filing.matter.number)
    if which == "clerk":
        user = ClerkFactory()
        client.force_login(user)
        url = reverse("clerk:document_download", args=[filing.matter.number, filing.sequence, 1])
    else:
        user = practitioner
        args = [slug, filing.sequence, 1] if which == "document" else [slug, filing.sequence]
        url = reverse(f"practitioner:{which}", args=args)
    assert client.get(url, REMOTE_ADDR=CLIENT_IP).status_code == 409
    failed = only_event(Action.INTEGRITY_FAILED)
    assert (failed.user, failed.client_ip, failed.document_id) == (user, CLIENT_IP, document.pk)
    assert failed.detail["code"] == "integrity.copy_changed"
    assert failed.detail["expected_sha256"] == document.sha256
    assert failed.detail["actual_sha256"] not in {"", document.sha256}
    assert events(Action.DOCUMENT_DOWNLOADED) + events(Action.FILING_ZIP_DOWNLOADED) == []


def test_a_copy_changed_while_it_streams_is_recorded_too(client, owner_filing):
    _, filing = owner_filing
    slug = matter_slug(filing.matter.number)
    response = client.get(reverse("practitioner:document", args=[slug, filing.sequence, 1]))
    _tamper(filing.documents.get(position=1))  # after the check, before the bytes are read
    with pytest.raises(StoredCopyError):
        b"".join(response.streaming_content)
    assert only_event(Action.INTEGRITY_FAILED).detail["source"] == "practitioner_download"


# ---- the admin ----


def test_an_admin_change_to_the_rules_is_mirrored(admin_client, admin_user):
    reason = RejectionReason.objects.order_by("position").first()
    url = reverse("admin:practice_directions_rejectionreason_change", args=[reason.pk])
    data = {
        "code": reason.code,
        "text": "A clearer sentence for the practitioner.",
        "paragraph": reason.paragraph,
        "active": "on",
        "position": reason.position,
    }
    response = admin_client.post(url, data, REMOTE_ADDR=CLIENT_IP)
    assert response.status_code == 302, response.context["adminform"].form.errors
    changed = only_event(Action.ADMIN_CHANGE)
    assert (changed.user, changed.client_ip) == (admin_user, CLIENT_IP)
    assert changed.detail["operation"] == "change"
    assert changed.detail["model"] == "practice_directions.rejectionreason"
    assert changed.detail["object_id"] == str(reason.pk)


def test_admin_additions_and_deletions_are_mirrored(admin_client):
    add = reverse("admin:filings_organisation_add")
    admin_client.post(add, {"name": "Example Lawyers", "kind": "law-firm"})
    organisation = Organisation.objects.get(name="Example Lawyers")
    delete = reverse("admin:filings_organisation_delete", args=[organisation.pk])
    admin_client.post(delete, {"post": "yes"})
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    operations = [(e.detail["operation"], e.detail["object_repr"]) for e in events("admin_change")]
    assert operations == [("add", "Example Lawyers"), ("delete", "Example Lawyers")]


def test_granting_a_role_in_the_admin_is_mirrored(admin_client):
    user = UserFactory(username="newclerk")
    url = reverse("admin:auth_user_change", args=[user.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if v is not False}
    data["groups"] = [Group.objects.get(name="Registry clerks").pk]
    data.pop("user_permissions", None)
    data.pop("password", None)
    data["date_joined_0"], data["date_joined_1"] = "2026-01-01", "09:00:00"
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    changed = only_event(Action.ADMIN_CHANGE)
    assert (changed.detail["model"], changed.detail["object_repr"]) == ("auth.user", "newclerk")


def test_the_audit_trail_is_read_only_in_the_admin(admin_client, event):
    changelist = reverse("admin:audit_auditevent_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.post(change, {"username": "x"}).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk, username="recorder").exists()


@pytest.mark.parametrize("query", ["recorder", "IRC2026/0001", "IRC2026/0001-F01"])
def test_the_admin_finds_events_by_username_matter_or_filing(admin_client, event, query):
    changelist = reverse("admin:audit_auditevent_changelist")
    response = admin_client.get(changelist, {"q": query})
    assert list(response.context["cl"].result_list) == [event]


def test_the_admin_filters_events_by_action(admin_client, event):
    changelist = reverse("admin:audit_auditevent_changelist")
    lodged = admin_client.get(changelist, {"action__exact": Action.FILING_LODGED})
    assert list(lodged.context["cl"].result_list) == [event]


def test_the_admin_list_takes_the_same_queries_for_more_events(admin_client, event):
    changelist = reverse("admin:audit_auditevent_changelist")
    admin_client.get(changelist)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(changelist)
    for number in range(30):
        audit_record(action=Action.SIGN_IN_FAILED, username=f"guess{number}")
    with CaptureQueriesContext(connection) as many:
        admin_client.get(changelist)
    assert len(many.captured_queries) == len(few.captured_queries)

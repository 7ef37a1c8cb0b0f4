"""The checks the lodgment page asks for while it is filled in: a file's verdict (JSON) and what
the rules require of a document (JSON)."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from filings.models import Direction
from filings.selectors.access import matter_slug
from tests.factories import PartyFactory, document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    ClerkFactory,
    PractitionerFactory,
    matter_for,
    upload,
)

pytestmark = pytest.mark.django_db
VALIDATE = "practitioner:validate_copy"


@pytest.fixture
def practitioner():
    return PractitionerFactory()


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def check(client, name, role="principal"):
    return client.post(reverse(VALIDATE), {"file": upload(name), "role": role})


def test_an_acceptable_doc_gets_its_format_hash_and_no_problems(signed_in):
    response = check(signed_in, "affidavit.doc")
    verdict = response.json()
    data = (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()
    assert response.status_code == 200
    assert verdict["ok"] is True
    assert verdict["acceptable"] is True
    assert verdict["format"] == "DOC"
    assert verdict["errors"] == []
    assert verdict["sha256"] == hashlib.sha256(data).hexdigest()
    assert verdict["size"] == len(data)
    assert verdict["file_name"] == "affidavit.doc"
    assert set(verdict) >= {"warnings", "roles", "pages", "flags", "summary", "valid"}


def test_a_pdf_gets_the_para_4_code_before_anything_is_lodged(signed_in):
    verdict = check(signed_in, "affidavit.pdf").json()
    assert verdict["acceptable"] is False
    assert verdict["format"] == "PDF"
    codes = {(e["code"], e["paragraph"]) for e in verdict["errors"]}
    assert ("format.pdf_not_acceptable", "4") in codes
    assert all(e["message"] for e in verdict["errors"])


def test_an_image_is_acceptable_only_as_an_annexure(signed_in):
    as_principal = check(signed_in, "annexure-a.tif").json()
    as_annexure = check(signed_in, "annexure-a.tif", role="annexure").json()
    assert as_principal["acceptable"] is False
    assert "format.image_not_principal" in {e["code"] for e in as_principal["errors"]}
    assert as_annexure["acceptable"] is True
    assert as_annexure["format"] == "TIFF"


def test_a_file_over_the_limit_is_refused_with_the_limit_code(signed_in, settings):
    settings.REGISTRY_MAX_FILE_BYTES = 5_000
    response = check(signed_in, "affidavit.doc")
    assert response.status_code == 413
    assert [e["code"] for e in response.json()["errors"]] == ["upload.file_too_large"]


def test_a_request_without_a_file_is_a_bad_request(signed_in):
    response = signed_in.post(reverse(VALIDATE), {"role": "principal"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "upload.no_file"
    response = signed_in.post(reverse(VALIDATE), {"file": upload("affidavit.doc"), "role": "x"})
    assert response.json()["errors"][0]["code"] == "document.role_invalid"


def test_only_post_is_allowed(signed_in):
    assert signed_in.get(reverse(VALIDATE)).status_code == 405


def test_the_validate_endpoint_checks_csrf_after_setting_its_upload_handler(practitioner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    data = {"file": upload("affidavit.doc"), "role": "principal"}
    assert client.post(reverse(VALIDATE), data).status_code == 403
    token = str(client.get(reverse("practitioner:dashboard")).context["csrf_token"])
    data = {"file": upload("affidavit.doc"), "role": "principal"}
    response = client.post(reverse(VALIDATE), data, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json()["acceptable"] is True


def test_a_clerk_cannot_use_the_practitioners_validate_endpoint(client):
    client.force_login(ClerkFactory())
    assert check(client, "affidavit.doc").status_code == 404


# --- what the rules require of a document ---


def requirement(client, party, kind, **params):
    url = reverse("practitioner:requirement", args=[matter_slug(party.matter.number)])
    query = {"party": party.pk, "kind": document_kind(kind).pk} | params
    return client.get(url, query)


def test_an_affidavit_needs_an_electronic_copy(signed_in, practitioner):
    _, party = matter_for(practitioner)
    decision = requirement(signed_in, party, "Affidavit").json()
    assert decision["status"] == "required"
    assert decision["electronic_copy_required"] is True
    assert decision["reasons"] and all(r["paragraph"] for r in decision["reasons"])


def test_a_notice_of_appearance_is_exempt_under_para_3e(signed_in, practitioner):
    _, party = matter_for(practitioner)
    decision = requirement(signed_in, party, "Notice of Appearance").json()
    assert decision["status"] == "exempt"
    assert decision["exempt_paragraph"] == "3(e)"
    assert "3(e)" in decision["summary"]


def test_an_annexure_claimed_under_para_3d_is_exempt(signed_in, practitioner):
    _, party = matter_for(practitioner)
    decision = requirement(
        signed_in, party, "Annexure or attachment", role="annexure", claim_3d="1"
    ).json()
    assert (decision["status"], decision["exempt_paragraph"]) == ("exempt", "3(d)")


def test_a_waiver_by_direction_is_reported_under_para_7(signed_in, practitioner):
    matter, party = matter_for(practitioner)
    Direction.objects.create(
        matter=matter,
        kind=Direction.Kind.WAIVE,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=matter.opened_on,
        recorded_by=ClerkFactory(),
    )
    decision = requirement(signed_in, party, "Affidavit").json()
    assert (decision["status"], decision["exempt_paragraph"]) == ("waived", "7")


def test_the_other_sides_party_answers_404(signed_in, practitioner):
    matter, _ = matter_for(practitioner)
    other = PartyFactory(matter=matter, role="respondent")
    assert requirement(signed_in, other, "Affidavit").status_code == 404
    url = reverse("practitioner:requirement", args=[matter_slug(matter.number)])
    assert signed_in.get(url, {"party": "x", "kind": "y"}).status_code == 404

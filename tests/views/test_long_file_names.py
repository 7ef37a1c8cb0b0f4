"""File names longer than the registry keeps (issue 9 §4): said plainly, with the limit, by the
instant check and by the lodgment page, instead of a bare 400 (Django refuses a part whose
headers pass 1,024 bytes) or a name silently cut to 255 characters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from filings.models import Filing
from filings.uploads import MAX_FILE_NAME_CHARACTERS
from tests.factories import document_kind
from tests.factories_lodgment import LODGMENT_FIXTURES, PractitionerFactory, matter_for

pytestmark = pytest.mark.django_db
BOUNDARY = "registry-test-boundary"
DOC = (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> bytes:
    """A multipart body as a browser sends it, file names and all (the test client's own
    encoder would cut a long name to 255 characters before sending it)."""
    parts = []
    for name, value in fields.items():
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (file_name, data) in files.items():
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: application/msword\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post(client, url: str, body: bytes):
    return client.generic(
        "POST", url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )


@pytest.fixture
def practitioner(client):
    user = PractitionerFactory()
    client.force_login(user)
    return user


@pytest.mark.parametrize("length", [256, 1000])
def test_the_instant_check_says_the_name_is_too_long_and_what_the_limit_is(
    client, practitioner, length
):
    name = "a" * (length - 4) + ".doc"
    body = multipart({"role": "principal"}, {"file": (name, DOC)})
    response = post(client, reverse("practitioner:validate_copy"), body)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["code"] == "upload.file_name_too_long"
    assert f"at most {MAX_FILE_NAME_CHARACTERS} characters" in error["message"]
    if length == 256:
        assert "is 256 characters long" in error["message"]


def test_a_name_at_the_limit_is_checked_as_usual(client, practitioner):
    name = "a" * (MAX_FILE_NAME_CHARACTERS - 4) + ".doc"
    body = multipart({"role": "principal"}, {"file": (name, DOC)})
    response = post(client, reverse("practitioner:validate_copy"), body)
    assert response.status_code == 200
    assert response.json()["acceptable"] is True


def test_the_lodgment_page_refuses_a_1000_character_name_with_the_limit_and_lodges_nothing(
    client, practitioner
):
    matter, party = matter_for(practitioner)
    fields = {
        "party": str(party.pk),
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "40",
        "form-0-kind": str(document_kind("Affidavit").pk),
        "form-0-title": "Affidavit of J Smith",
        "form-0-role": "principal",
    }
    body = multipart(fields, {"form-0-electronic_copy": ("a" * 996 + ".doc", DOC)})
    url = reverse("practitioner:lodge", args=[matter.number.replace("/", "-")])
    response = post(client, url, body)
    assert response.status_code == 400
    text = response.content.decode()
    assert f"at most {MAX_FILE_NAME_CHARACTERS} characters" in text
    assert "sign in" not in text.lower()
    assert Filing.objects.count() == 0

"""Issue 11 section 4: after a refused submission, the files already checked need not be chosen
again. They are kept server-side, for the session that chose them, for a short time; sent
again, a kept file lodges exactly as its upload would have (same name, hashes and Notice of
Lodgment); another session's token is refused; expired files are swept."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from filings.held_uploads import HELD_FOLDER, SALT, held_uploads_sweep
from filings.models import Filing
from filings.selectors.access import matter_slug
from tests.factories import document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    ClerkFactory,
    PractitionerFactory,
    error_codes,
    lodgment_post,
    matter_for,
    represent,
    upload,
)

pytestmark = pytest.mark.django_db

DOC = LODGMENT_FIXTURES / "affidavit.doc"
TIFF = LODGMENT_FIXTURES / "annexure-a.tif"
TOKEN = re.compile(r'name="documents-(\d+)-held_copy" value="([^"]+)"')


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def practitioner():
    return PractitionerFactory()


@pytest.fixture
def party(practitioner):
    return matter_for(practitioner)[1]


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def lodge_url(party) -> str:
    return reverse("practitioner:lodge", args=[matter_slug(party.matter.number)])


def affidavit_row(**fields):
    row = {
        "kind": document_kind("Affidavit").pk,
        "title": "Affidavit of J Smith",
        "role": "principal",
        "electronic_copy": upload("affidavit.doc"),
    }
    row.update(fields)
    return row


def annexure_row(name="annexure-a.tif", **fields):
    row = {
        "kind": document_kind("Annexure or attachment").pk,
        "title": "Annexure A letter of 3 March 2026",
        "role": "annexure",
        "electronic_copy": upload(name),
    }
    row.update(fields)
    return row


def kept_tokens(response) -> dict[int, str]:
    return {int(row): token for row, token in TOKEN.findall(response.content.decode())}


def held_folder(settings) -> Path:
    return Path(settings.MEDIA_ROOT) / HELD_FOLDER


def refused_once(client, party):
    """A submission with a good DOC and a PDF annexure: refused (PD16 para 4)."""
    response = client.post(
        lodge_url(party), lodgment_post(party, affidavit_row(), annexure_row("affidavit.pdf"))
    )
    assert response.status_code == 400
    assert "format.pdf_not_acceptable" in error_codes(response)
    return response


def test_a_refused_submission_keeps_the_checked_file_and_says_so(signed_in, party, settings):
    response = refused_once(signed_in, party)
    tokens = kept_tokens(response)
    assert list(tokens) == [0]  # the DOC only: the refused PDF is not kept
    html = response.content.decode()
    assert re.search(
        r"Kept from your last attempt: .*affidavit\.doc \([^,]+, SHA-256 " + sha256_of(DOC)[:12],
        html,
    )
    kept = sorted(p.name for p in held_folder(settings).iterdir())
    assert len(kept) == 2 and kept[0].endswith(".bin") and kept[1].endswith(".json")
    assert (held_folder(settings) / kept[0]).read_bytes() == DOC.read_bytes()
    # Kept outside the content-addressed store: nothing was stored as a document.
    assert not (Path(settings.MEDIA_ROOT) / "documents").exists()
    assert Filing.objects.count() == 0


def test_sent_again_the_kept_file_lodges_as_its_upload_would(
    signed_in, party, practitioner, settings, django_capture_on_commit_callbacks
):
    token = kept_tokens(refused_once(signed_in, party))[0]
    data = lodgment_post(
        party,
        affidavit_row(electronic_copy="", held_copy=token),
        annexure_row(annexed_to="1"),
    )
    del data["documents-0-electronic_copy"]
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(lodge_url(party), data)
    assert response.status_code == 302, error_codes(response)
    kept = Filing.objects.get()
    first, second = kept.documents.order_by("position")
    assert (first.original_filename, first.sha256, first.detected_format) == (
        "affidavit.doc",
        sha256_of(DOC),
        "DOC",
    )
    assert second.sha256 == sha256_of(TIFF)
    with first.electronic_copy.open("rb") as stored:
        assert stored.read() == DOC.read_bytes()
    # Spent on commit: nothing is left kept.
    assert list(held_folder(settings).iterdir()) == []

    # The same documents uploaded the ordinary way, in another matter of the practitioner's:
    # the Notice of Lodgment shows the same names, sizes and hashes.
    _, other_party = matter_for(practitioner)
    signed_in.post(
        lodge_url(other_party),
        lodgment_post(other_party, affidavit_row(), annexure_row(annexed_to="1")),
    )
    uploaded = Filing.objects.exclude(pk=kept.pk).get()

    def notice_rows(filing):
        html = signed_in.get(
            reverse(
                "practitioner:notice", args=[matter_slug(filing.matter.number), filing.sequence]
            )
        ).content.decode()
        table = html[html.index('id="notice-documents"') :]
        table = table[: table.index("</table>")]
        for own in (filing.reference, filing.matter.number, matter_slug(filing.matter.number)):
            table = table.replace(own, "OWN")
        return table

    assert notice_rows(kept) == notice_rows(uploaded)
    assert [(d.original_filename, d.sha256, d.size) for d in kept.documents.all()] == [
        (d.original_filename, d.sha256, d.size) for d in uploaded.documents.all()
    ]


def test_a_file_is_kept_when_the_form_not_the_file_was_wrong(signed_in, party):
    # The title is missing: the service is never reached, the file is still checked and kept.
    response = signed_in.post(lodge_url(party), lodgment_post(party, affidavit_row(title="")))
    assert response.status_code == 400
    token = kept_tokens(response)[0]
    assert _resubmit(signed_in, party, token).status_code == 302
    assert Filing.objects.get().documents.get().sha256 == sha256_of(DOC)


def test_choosing_a_new_file_replaces_the_kept_one(signed_in, party):
    token = kept_tokens(refused_once(signed_in, party))[0]
    response = signed_in.post(
        lodge_url(party),
        lodgment_post(
            party,
            affidavit_row(electronic_copy=upload("submissions.rtf"), held_copy=token),
        ),
    )
    assert response.status_code == 302
    assert Filing.objects.get().documents.get().original_filename == "submissions.rtf"


def test_a_kept_file_stays_kept_through_another_refusal(signed_in, party):
    token = kept_tokens(refused_once(signed_in, party))[0]
    data = lodgment_post(
        party, affidavit_row(held_copy=token), annexure_row("affidavit.pdf", annexed_to="1")
    )
    del data["documents-0-electronic_copy"]
    again = signed_in.post(lodge_url(party), data)
    assert again.status_code == 400
    assert kept_tokens(again) == {0: token}
    assert Filing.objects.count() == 0


def _resubmit(client, party, token):
    data = lodgment_post(party, affidavit_row(held_copy=token))
    del data["documents-0-electronic_copy"]
    return client.post(lodge_url(party), data)


def test_another_session_of_the_same_user_cannot_use_the_token(signed_in, party, practitioner):
    token = kept_tokens(refused_once(signed_in, party))[0]
    elsewhere = Client()
    elsewhere.force_login(practitioner)  # a second sign-in: a session of its own
    response = _resubmit(elsewhere, party, token)
    assert response.status_code == 400
    assert "upload.held_other_session" in error_codes(response)
    assert "belongs to another sign-in" in response.content.decode()
    assert Filing.objects.count() == 0
    # The session that kept it still can.
    assert _resubmit(signed_in, party, token).status_code == 302


def test_another_user_cannot_use_the_token(signed_in, party):
    token = kept_tokens(refused_once(signed_in, party))[0]
    colleague = PractitionerFactory()
    represent(colleague, party)
    other = Client()
    other.force_login(colleague)
    response = _resubmit(other, party, token)
    assert response.status_code == 400
    assert "upload.held_other_session" in error_codes(response)
    assert Filing.objects.count() == 0


def test_an_altered_token_is_refused(signed_in, party):
    token = kept_tokens(refused_once(signed_in, party))[0]
    response = _resubmit(signed_in, party, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    assert response.status_code == 400
    assert "upload.held_invalid" in error_codes(response)


def test_an_expired_token_is_refused_and_swept(signed_in, party, settings):
    token = kept_tokens(refused_once(signed_in, party))[0]
    settings.REGISTRY_HELD_UPLOAD_SECONDS = 0
    response = _resubmit(signed_in, party, token)
    assert response.status_code == 400
    assert "upload.held_expired" in error_codes(response)
    assert Filing.objects.count() == 0


def test_the_sweep_removes_expired_kept_files_only(signed_in, party, settings):
    refused_once(signed_in, party)
    folder = held_folder(settings)
    assert held_uploads_sweep() == 0
    assert len(list(folder.iterdir())) == 2
    later = timezone.now() + datetime.timedelta(seconds=settings.REGISTRY_HELD_UPLOAD_SECONDS + 1)
    assert held_uploads_sweep(now=later) == 1
    assert list(folder.iterdir()) == []


def test_the_sweep_command_reports_what_it_removed(signed_in, party, settings):
    token = kept_tokens(refused_once(signed_in, party))[0]
    record = next(held_folder(settings).glob("*.json"))
    data = json.loads(record.read_text())
    data["expires_at"] = (timezone.now() - datetime.timedelta(seconds=1)).isoformat()
    record.write_text(json.dumps(data))
    out = io.StringIO()
    call_command("sweep_held_uploads", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"removed": 1}
    assert list(held_folder(settings).iterdir()) == []
    # Swept, the token names nothing: it is refused as no longer kept.
    response = _resubmit(signed_in, party, token)
    assert response.status_code == 400
    assert "upload.held_expired" in error_codes(response)


def test_the_clerks_counter_page_keeps_checked_files_too(client, party, settings):
    clerk = ClerkFactory()
    client.force_login(clerk)
    url = reverse("clerk:counter_lodgment", args=[party.matter.number])

    def counter_rows(*documents):
        data = {
            "party": party.pk,
            "channel": "diskette",
            "documents-TOTAL_FORMS": str(len(documents)),
            "documents-INITIAL_FORMS": "0",
        }
        for index, document in enumerate(documents):
            data[f"documents-{index}-paper_copy_lodged"] = "on"
            data.update({f"documents-{index}-{key}": value for key, value in document.items()})
        return data

    refused = client.post(
        url, counter_rows(affidavit_row(), annexure_row("affidavit.pdf", annexed_to="1"))
    )
    assert refused.status_code == 400
    tokens = kept_tokens(refused)
    assert list(tokens) == [0]
    assert "Kept from your last attempt" in refused.content.decode()
    data = counter_rows(affidavit_row(held_copy=tokens[0]), annexure_row(annexed_to="1"))
    del data["documents-0-electronic_copy"]
    response = client.post(url, data)
    assert response.status_code == 302
    filing = Filing.objects.get()
    assert filing.channel == "diskette"
    assert [d.sha256 for d in filing.documents.order_by("position")] == [
        sha256_of(DOC),
        sha256_of(TIFF),
    ]


def test_nothing_is_kept_in_a_closed_matter(signed_in, party, settings):
    type(party.matter).objects.filter(pk=party.matter.pk).update(status="closed")
    response = signed_in.post(lodge_url(party), lodgment_post(party, affidavit_row()))
    assert response.status_code == 400
    assert "matter.closed" in error_codes(response)
    assert kept_tokens(response) == {}
    assert not held_folder(settings).exists()


def test_a_session_keeps_only_its_latest_refused_submission(
    signed_in, party, practitioner, settings
):
    first = kept_tokens(refused_once(signed_in, party))[0]
    elsewhere = Client()
    elsewhere.force_login(practitioner)
    theirs = kept_tokens(refused_once(elsewhere, party))[0]
    second = kept_tokens(refused_once(signed_in, party))[0]
    # Two files kept: the second submission's, and the other session's (untouched).
    kept = {p.stem for p in held_folder(settings).glob("*.bin")}
    assert kept == {signing.loads(t, salt=SALT)["id"] for t in (second, theirs)}
    assert _resubmit(signed_in, party, second).status_code == 302
    assert _resubmit(elsewhere, party, theirs).status_code == 302
    assert "upload.held_expired" in error_codes(_resubmit(signed_in, party, first))

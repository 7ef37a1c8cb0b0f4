"""Disc uploads at the counter page (PD16 paras 4 and 6) are kept only while they can be lodged:
removed when the filing commits, when the page refuses the disc, and by the sweep once
abandoned past the grace period."""

from __future__ import annotations

import datetime
import json
import os
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from filings.models import Filing, Party
from filings.storage import document_storage
from intake.services.counter import DISC_FOLDER, counter_discs_sweep
from practice_directions.models import DocumentKind
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory
from tests.intake import discs
from tests.intake.test_views import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    user = ClerkFactory()
    client.force_login(user)
    return user


@pytest.fixture
def matter():
    m = MatterFactory(number="IRC2026/0002", year=2026, sequence=2)
    PartyFactory(matter=m, name="Hamid Karimi", role=Party.Role.APPLICANT)
    return m


def kept() -> list[str]:
    if not document_storage.exists(DISC_FOLDER):
        return []
    return sorted(document_storage.listdir(DISC_FOLDER)[1])


def lodge(client, token: str, **fields):
    return client.post(
        reverse("intake:counter_disc"),
        {
            "action": "lodge",
            "token": token,
            "party": "Hamid Karimi",
            "matter": "",
            "channel": "cd-rom",
            **fields,
        },
    )


def checked(client, matter, tmp_path) -> str:
    path = discs.as_iso(discs.good_files(matter.number), tmp_path / "d.iso")
    page = upload(client, path.read_bytes(), "d.iso")
    token = page.context["lodge"]["token"].value()
    assert kept() == [token]
    return token


def test_the_upload_is_removed_once_the_filing_commits(
    client, clerk, matter, tmp_path, django_capture_on_commit_callbacks
):
    token = checked(client, matter, tmp_path)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert lodge(client, token).status_code == 302
    assert Filing.objects.count() == 1
    assert kept() == [token]  # not before the commit: a rolled-back lodgment can try again
    for callback in callbacks:
        callback()
    assert kept() == []
    assert Filing.objects.get().documents.count() == 2  # the lodged copies are not touched
    for document in Filing.objects.get().documents.all():
        assert document_storage.exists(document.electronic_copy.name)


def test_a_lodged_upload_cannot_be_lodged_again(
    client, clerk, matter, tmp_path, django_capture_on_commit_callbacks
):
    token = checked(client, matter, tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        lodge(client, token)
    again = lodge(client, token)
    assert again.status_code == 404
    assert Filing.objects.count() == 1


def test_an_upload_is_kept_while_the_clerk_still_has_details_to_give(
    client, clerk, matter, tmp_path, django_capture_on_commit_callbacks
):
    path = discs.as_zip({"scan.doc": discs.DOC}, tmp_path / "d.zip")
    page = upload(client, path.read_bytes(), "d.zip", matter="IRC2026/0002")
    token = page.context["lodge"]["token"].value()
    fields = {"matter": "IRC2026/0002", "channel": "diskette"}
    with django_capture_on_commit_callbacks(execute=True):
        assert lodge(client, token, **fields).status_code == 200  # kind and title missing
    assert kept() == [token]
    kind = DocumentKind.objects.get(name="Affidavit")
    with django_capture_on_commit_callbacks(execute=True):
        response = lodge(client, token, **fields, kind_0=kind.pk, title_0="Affidavit")
    assert response.status_code == 302
    assert kept() == []


def test_a_refused_disc_is_not_kept(client, clerk, matter, tmp_path):
    path = discs.as_zip({"../../evil.doc": discs.DOC}, tmp_path / "d.zip")
    page = upload(client, path.read_bytes(), "d.zip", matter="IRC2026/0002")
    assert "cannot be lodged" in page.content.decode()
    assert kept() == []


def test_a_disc_refused_at_the_lodging_step_is_not_kept(client, clerk, matter, tmp_path):
    token = checked(client, matter, tmp_path)
    response = lodge(client, token, matter="IRC2026/9999")
    assert "There is no matter IRC2026/9999" in response.content.decode()
    assert kept() == []
    assert not Filing.objects.exists()


def _age(token: str, hours: float) -> None:
    path = document_storage.path(f"{DISC_FOLDER}/{token}")
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_the_sweep_removes_only_uploads_abandoned_past_the_grace_period(
    client, clerk, matter, tmp_path, settings
):
    settings.REGISTRY_COUNTER_DISC_GRACE_SECONDS = 6 * 3600
    old = checked(client, matter, tmp_path)
    _age(old, 7)
    young_path = discs.as_zip({"scan.doc": discs.DOC}, tmp_path / "y.zip")
    young = upload(client, young_path.read_bytes(), "y.zip", matter="IRC2026/0002")
    young_token = young.context["lodge"]["token"].value()
    _age(young_token, 5)
    out = StringIO()
    call_command("sweep_counter_discs", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"removed": 1}
    assert kept() == [young_token]
    response = lodge(client, old)
    assert response.status_code == 404
    assert not Filing.objects.exists()


def test_uploading_the_same_disc_again_renews_its_grace_period(client, clerk, matter, tmp_path):
    image = discs.as_iso(discs.good_files(matter.number), tmp_path / "d.iso").read_bytes()
    token = upload(client, image, "d.iso").context["lodge"]["token"].value()
    _age(token, 48)
    assert upload(client, image, "d.iso").context["lodge"]["token"].value() == token
    assert kept() == [token]
    assert counter_discs_sweep(grace_seconds=3600) == []
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=2)
    assert counter_discs_sweep(grace_seconds=3600, now=later) == [token]


def test_the_sweep_with_nothing_kept_removes_nothing(db):
    assert counter_discs_sweep(grace_seconds=0) == []


def test_a_disc_the_lodgment_service_refuses_is_not_kept(
    client, clerk, matter, tmp_path, settings, django_capture_on_commit_callbacks
):
    token = checked(client, matter, tmp_path)
    settings.REGISTRY_MAX_FILING_BYTES = 100  # the filing as a whole, checked on lodging
    with django_capture_on_commit_callbacks(execute=True):
        response = lodge(client, token)
    assert "the disc cannot be lodged" in response.content.decode()
    assert not Filing.objects.exists()
    assert kept() == []

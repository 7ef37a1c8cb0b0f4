"""What a lodgment costs beyond a bare upload (issue 13 §1): a bounded number of queries for the
form and for the lodgment, however many documents, the matter and rules read once, the upload
kept as it arrived (no second copy), and the form's widgets rendered as Django renders them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from django.db import connection
from django.forms.renderers import get_default_renderer
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.forms.lodgment import DocumentForm, LodgmentForm, make_document_formset
from filings.models import Document, Filing, Party
from filings.selectors.access import matter_slug
from tests.factories import document_kind
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    PractitionerFactory,
    lodgment_post,
    matter_for,
    upload,
)

pytestmark = pytest.mark.django_db

# Measured (inside the test's transaction, so savepoints count): 19 for the form and 29 for a
# lodgment of one document (33 before the matter, the lodged documents and the kinds were read
# once): the session and user, the matter and party, the rules (five), the directions and PN127,
# the numbering lock, the inserts, the notice in the outbox and the two tasks queued with it
# (sending it, reading the copies' text), the session's message.
FORM_QUERIES = 19
LODGMENT_QUERIES = 29


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


def lodge_url(party: Party) -> str:
    return reverse("practitioner:lodge", args=[matter_slug(party.matter.number)])


def principal(name: str = "affidavit.doc") -> dict[str, object]:
    return {
        "kind": document_kind("Affidavit").pk,
        "title": "Affidavit of J Smith",
        "role": "principal",
        "electronic_copy": upload(name),
    }


def annexure(name: str = "annexure-a.tif") -> dict[str, object]:
    return {
        "kind": document_kind("Annexure or attachment").pk,
        "title": "Annexure A",
        "role": "annexure",
        "electronic_copy": upload(name),
    }


def matter_reads(queries: list[dict[str, str]]) -> int:
    return sum(1 for q in queries if q["sql"].startswith('SELECT "filings_matter"'))


def test_the_lodge_form_takes_a_bounded_number_of_queries(
    signed_in, party, django_assert_max_num_queries
):
    with django_assert_max_num_queries(FORM_QUERIES):
        response = signed_in.get(lodge_url(party))
    assert response.status_code == 200
    with django_assert_max_num_queries(FORM_QUERIES):  # more rows: the same queries
        response = signed_in.get(lodge_url(party) + "?rows=10")
    assert 'id="id_documents-9-kind"' in response.content.decode()


def test_a_lodgment_takes_a_bounded_number_of_queries_and_reads_its_matter_three_times(
    signed_in, party, django_assert_max_num_queries
):
    one = lodgment_post(party, principal())
    three = lodgment_post(party, principal(), annexure(), annexure("annexure-b.jpg"))
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.post(lodge_url(party), one)
    assert response.status_code == 302
    assert len(queries.captured_queries) <= LODGMENT_QUERIES
    # Once for the page's access check, once to check the lodgment ("as it stands now"), and
    # once under the lock that numbers the filing.
    assert matter_reads(queries.captured_queries) == 3
    # Each document more: its kind checked and its row inserted, nothing else.
    with django_assert_max_num_queries(LODGMENT_QUERIES + 2 * 2):
        response = signed_in.post(lodge_url(party), three)
    assert response.status_code == 302
    assert Filing.objects.count() == 2


def test_the_lodged_copy_is_the_upload_itself_and_no_temporary_file_is_left(
    signed_in, party, settings
):
    response = signed_in.post(lodge_url(party), lodgment_post(party, principal()))
    assert response.status_code == 302
    document = Document.objects.get()
    stored = Path(settings.MEDIA_ROOT) / document.electronic_copy.name
    data = (LODGMENT_FIXTURES / "affidavit.doc").read_bytes()
    assert stored.read_bytes() == data
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert os.stat(stored).st_nlink == 1  # the upload's temporary name is gone
    assert list((Path(settings.MEDIA_ROOT) / ".incoming").iterdir()) == []


def test_a_refused_lodgment_leaves_no_upload_behind(signed_in, party, settings):
    pdf = upload("affidavit.pdf")
    response = signed_in.post(
        lodge_url(party), lodgment_post(party, principal() | {"electronic_copy": pdf})
    )
    assert response.status_code == 400
    assert not Document.objects.exists()
    assert list((Path(settings.MEDIA_ROOT) / ".incoming").iterdir()) == []


def test_the_forms_widgets_are_rendered_exactly_as_djangos_templates_render_them(party):
    def widgets(renderer) -> list[str]:
        formset = make_document_formset(max_documents=5, rows=2)
        formset.renderer = formset.form_renderer = renderer
        rows = [formset.management_form, *formset.forms]
        bound = DocumentForm(
            {"d-title": 'A "quoted" <b>title</b>', "d-role": "annexure", "d-kind": "x"},
            prefix="d",
            renderer=renderer,
        )
        bound.is_valid()
        lodging = LodgmentForm(parties=Party.objects.filter(pk=party.pk), renderer=renderer)
        return [str(field) for form in [*rows, bound, lodging] for field in form]

    plain = widgets(DocumentForm.default_renderer)
    assert plain == widgets(get_default_renderer())
    assert any("&quot;quoted&quot; &lt;b&gt;" in html for html in plain)

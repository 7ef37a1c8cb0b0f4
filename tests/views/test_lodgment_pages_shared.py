"""Issue 9 §2: the practitioners' lodge page and the clerks' counter and e-mail pages render one
lodgment form body and one error summary, so they cannot drift apart: the same templates, the
same rows, the same stated limits, the same summary with codes."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from filings.selectors.access import matter_slug
from practice_directions.models import ProceedingType
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, represent

pytestmark = pytest.mark.django_db

SHARED = {
    "includes/error_summary.html",
    "filings/lodgment/_form_body.html",
    "filings/lodgment/_field.html",
    "filings/lodgment/_document_row.html",
}


@pytest.fixture
def pages():
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    party = PartyFactory(matter=matter)
    practitioner, clerk = PractitionerFactory(), ClerkFactory()
    represent(practitioner, party)
    as_practitioner, as_clerk = Client(), Client()
    as_practitioner.force_login(practitioner)
    as_clerk.force_login(clerk)
    return {
        "practitioner": (
            as_practitioner,
            reverse("practitioner:lodge", args=[matter_slug(matter.number)]),
        ),
        "counter": (as_clerk, reverse("clerk:counter_lodgment", args=[matter.number])),
        "email": (as_clerk, reverse("clerk:email_lodgment", args=[matter.number])),
    }


def _templates(response) -> set[str]:
    return {t.name for t in response.templates if t.name}


@pytest.mark.parametrize("name", ["practitioner", "counter", "email"])
def test_each_lodgment_page_renders_the_shared_body(pages, name):
    client, url = pages[name]
    response = client.get(url)
    assert response.status_code == 200
    assert {"filings/lodgment/_form_body.html", "filings/lodgment/_document_row.html"} <= (
        _templates(response)
    )
    html = response.content.decode()
    for marker in ('id="documents-hint"', 'id="document-rows" data-rows', 'id="add-row"'):
        assert marker in html, marker
    assert "PDF is not accepted (PD16 para 4)" in html


@pytest.mark.parametrize("name", ["practitioner", "counter", "email"])
def test_each_refused_lodgment_shows_the_one_error_summary_with_codes(pages, name):
    client, url = pages[name]
    response = client.post(url, {"documents-TOTAL_FORMS": "1", "documents-INITIAL_FORMS": "0"})
    assert response.status_code == 400
    assert _templates(response) >= SHARED
    html = response.content.decode()
    summary = html[
        html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))
    ]
    assert "data-error-summary" in html
    assert 'data-code="' in summary
    assert "Choose the files again" in summary


@pytest.mark.parametrize("name", ["practitioner", "counter"])
def test_more_rows_are_asked_for_the_same_way_on_both_sides(pages, name):
    client, url = pages[name]
    response = client.get(url, {"rows": "5"})
    # Five rows, besides the empty one the page keeps as a template for its script.
    assert len(re.findall(r'id="document-row-\d+"', response.content.decode())) == 5


def test_the_old_separate_summaries_are_gone():
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    for name in (
        "filings/practitioner/_error_summary.html",
        "filings/clerk/includes/error_summary.html",
    ):
        with pytest.raises(TemplateDoesNotExist):
            get_template(name)

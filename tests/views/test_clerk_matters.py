"""The clerks' matter pages: opening a matter (number allocated), the matter's page, and the
search by number, title and party, paginated at a constant number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import Direction, Matter, Party
from filings.selectors import keyset
from practice_directions.models import ProceedingType
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, lodge, represent

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client):
    client.force_login(ClerkFactory())
    return client


def open_matter_data(**overrides):
    data = {
        "proceeding": "s106",
        "title": "Jane Citizen v Acme Widgets Pty Ltd",
        "abbreviated_title": "",
        "agreement_short_title": "",
        "opened_on": "2026-05-04",
        "parties-TOTAL_FORMS": "4",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "30",
        "parties-0-name": "Jane Citizen",
        "parties-0-role": "applicant",
        "parties-0-representation": "solicitor",
        "parties-1-name": "Acme Widgets Pty Ltd",
        "parties-1-role": "respondent",
        "parties-1-representation": "industrial-organisation",
    }
    data.update(overrides)
    return data


def test_opening_a_matter_allocates_its_number_and_records_its_parties(clerk_client):
    response = clerk_client.post(reverse("clerk:matter_open"), open_matter_data())
    matter = Matter.objects.get()
    assert matter.number == "IRC2026/0001"
    assert response.status_code == 302
    assert response["Location"] == reverse("clerk:matter", args=[matter.number])
    assert sorted(matter.parties.values_list("name", "role", "representation")) == [
        ("Acme Widgets Pty Ltd", "respondent", "industrial-organisation"),
        ("Jane Citizen", "applicant", "solicitor"),
    ]
    page = clerk_client.get(response["Location"])
    assert "Matter IRC2026/0001 opened." in page.content.decode()
    second = clerk_client.post(reverse("clerk:matter_open"), open_matter_data(title="B v C"))
    assert second.status_code == 302
    assert Matter.objects.get(title="B v C").number == "IRC2026/0002"


def test_bad_input_is_reported_on_its_fields_and_creates_nothing(clerk_client):
    response = clerk_client.post(
        reverse("clerk:matter_open"),
        open_matter_data(
            proceeding="s999",
            title="",
            opened_on="4 May",
            **{"parties-2-name": "Nobody", "parties-2-role": ""},
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"proceeding", "title", "opened_on"}
    assert response.context["parties"].forms[2].errors.keys() == {"role", "representation"}
    assert Matter.objects.count() == 0
    assert Party.objects.count() == 0
    html = response.content.decode()
    # The summary links to each field, and each field names its error message.
    assert 'id="error-summary"' in html
    assert 'href="#id_title"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_title-error"[^>]*id="id_title"', html) or (
        re.search(r'<input[^>]*id="id_title"[^>]*aria-describedby="id_title-error"', html)
    )
    assert 'id="id_title-error"' in html


def test_the_service_s_errors_land_on_the_fields_they_concern(clerk_client):
    response = clerk_client.post(
        reverse("clerk:matter_open"),
        open_matter_data(
            proceeding="s34",
            title="A" * 200,
            **{"parties-2-name": "Jane Citizen", "parties-2-role": "applicant"},
            **{"parties-2-representation": "agent"},
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors.as_data()["abbreviated_title"][0].code == "matter.abbreviated_title_missing"
    assert form.errors.as_data()["agreement_short_title"][0].code == (
        "matter.agreement_short_title_missing"
    )
    assert [e.code for e in form.non_field_errors().as_data()] == ["party.duplicate"]
    assert Matter.objects.count() == 0


def test_the_matter_page_shows_its_records(clerk_client):
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="s106"),
        conciliation_certificate_on=datetime.date(2026, 5, 4),
    )
    party = PartyFactory(matter=matter, name="Jane Citizen")
    practitioner = PractitionerFactory(username="jsmith")
    represent(practitioner, party)
    lodge(party, practitioner)
    direction = Direction.objects.create(
        matter=matter,
        kind="waive",
        made_by="registrar",
        made_on=datetime.date(2026, 5, 5),
        recorded_by=ClerkFactory(),
    )
    direction.parties.add(party)
    html = clerk_client.get(reverse("clerk:matter", args=[matter.number])).content.decode()
    assert "Jane Citizen" in html and "jsmith" in html
    assert "Issued 4 May 2026" in html
    assert "Waiver of the obligation" in html
    assert f"{matter.number}-F01" in html


def test_search_finds_matters_by_number_title_and_party(clerk_client):
    wanted = MatterFactory(title="Jane Citizen v Acme Widgets Pty Ltd")
    PartyFactory(matter=wanted, name="Bluegum Holdings")
    other = MatterFactory(title="Smith v Jones")
    url = reverse("clerk:matters")
    for query in [wanted.number, wanted.number.replace("/", "-"), "acme widgets", "BLUEGUM"]:
        found = list(clerk_client.get(url, {"q": query}).context["page"].object_list)
        assert found == [wanted], query
    assert list(clerk_client.get(url).context["page"].object_list) == [other, wanted]


def test_search_filters_by_proceeding(clerk_client):
    s106 = MatterFactory(proceeding=ProceedingType.objects.get(code="s106"))
    MatterFactory()
    response = clerk_client.get(reverse("clerk:matters"), {"proceeding": "s106"})
    assert list(response.context["page"].object_list) == [s106]


def test_matter_list_paginates(clerk_client):
    MatterFactory.create_batch(30)
    first = clerk_client.get(reverse("clerk:matters"))
    assert len(first.context["page"].object_list) == 25
    second = clerk_client.get(reverse("clerk:matters"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    assert "Page 2 of 2" in second.content.decode()


def _matters_with_parties(count: int) -> None:
    for matter in MatterFactory.create_batch(count):
        PartyFactory.create_batch(3, matter=matter)


def test_matter_list_costs_the_same_queries_whatever_the_rows(
    clerk_client, django_assert_num_queries
):
    _matters_with_parties(1)
    url = reverse("clerk:matters")
    with CaptureQueriesContext(connection) as small:
        assert clerk_client.get(url, {"q": "Applicant"}).status_code == 200
    _matters_with_parties(20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = clerk_client.get(url, {"q": "Applicant"})
    assert len(response.context["page"].object_list) == 21


def test_matter_page_costs_the_same_queries_whatever_it_holds(
    clerk_client, django_assert_num_queries
):
    practitioner = PractitionerFactory()
    matter = MatterFactory()
    party = PartyFactory(matter=matter)
    represent(practitioner, party)
    lodge(party, practitioner)
    url = reverse("clerk:matter", args=[matter.number])
    with CaptureQueriesContext(connection) as small:
        first = clerk_client.get(url)
    # A 404 would cost the same queries both times: the page itself must be there.
    assert first.status_code == 200
    assert first.context["matter"] == matter
    assert len(first.context["matter"].parties.all()) == 1
    for _ in range(4):
        extra = PartyFactory(matter=matter)
        represent(PractitionerFactory(), extra)
        lodge(extra, practitioner)
    with django_assert_num_queries(len(small.captured_queries)):
        response = clerk_client.get(url)
    assert response.status_code == 200
    assert len(response.context["matter"].parties.all()) == 5


def test_search_finds_a_matter_numbered_past_9999_in_its_year(clerk_client):
    """A busy year passes IRCYYYY/9999 (the URL converter allows six digits): the number search
    must find IRC2026/10015 by its number and by its slug, not fall through to the words."""
    wanted = MatterFactory(year=2026, sequence=10015, number="IRC2026/10015")
    MatterFactory(year=2026, sequence=1001, number="IRC2026/1001")
    url = reverse("clerk:matters")
    for query in ["IRC2026/10015", "IRC2026-10015", "2026/10015"]:
        found = list(clerk_client.get(url, {"q": query}).context["page"].object_list)
        assert found == [wanted], query


def test_a_word_search_pages_its_matches_by_key_and_bounds_the_count(clerk_client, monkeypatch):
    """A search by a word reads its matches' keys once, newest first, and pages them: the
    pages together are every match in order, the count stops at the limit, and the
    proceeding filter narrows the matches before the limit cuts them."""
    monkeypatch.setattr(keyset, "COUNT_LIMIT", 4)
    s106 = ProceedingType.objects.get(code="s106")
    harbour = [MatterFactory(title=f"Harbour Trust {n} v Minister") for n in range(5)]
    by_party = MatterFactory(title="Unrelated", proceeding=s106)
    PartyFactory(matter=by_party, name="Harbour Pilots Association")
    url = reverse("clerk:matters")
    first = clerk_client.get(url, {"q": "harbour"})
    paginator = first.context["page"].paginator
    assert (paginator.count, paginator.count_is_bounded) == (4, True)
    assert "More than 4 matters" in first.content.decode()
    newest = sorted([*harbour, by_party], key=lambda m: (m.year, m.sequence), reverse=True)
    assert list(first.context["page"].object_list) == newest[:4]
    # Of the six matches only the party's matter is s.106, however many others come first.
    narrowed = clerk_client.get(url, {"q": "harbour", "proceeding": "s106"}).context["page"]
    assert (list(narrowed.object_list), narrowed.paginator.count) == ([by_party], 1)
    assert not narrowed.paginator.count_is_bounded

"""My filings, the profile page, forgotten passwords by e-mail and the registry's error pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from filings.models import Filing, PractitionerProfile
from filings.services.review import filing_accept
from notices.models import Notice
from tests.factories import OrganisationFactory
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
    represent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner(client):
    user = PractitionerFactory(email="jo@firm.example")
    client.force_login(user)
    return user


def test_my_filings_lists_every_matter_s_filings_with_status_and_nothing_else(client, practitioner):
    _, first = matter_for(practitioner)
    _, second = matter_for(practitioner)
    mine = [lodge(first, practitioner, affidavit()), lodge(second, practitioner, affidavit())]
    Filing.objects.filter(pk=mine[0].pk).update(status="rejected", reviewed_at=mine[0].lodged_at)
    stranger = PractitionerFactory()
    _, theirs = matter_for(stranger)
    other = lodge(theirs, stranger, affidavit())
    response = client.get(reverse("portal:my_filings"))
    assert {f.pk for f in response.context["page"].object_list} == {f.pk for f in mine}
    html = response.content.decode()
    assert other.reference not in html
    assert "Rejected (1)" in html and "Lodge a correction" in html
    only_rejected = client.get(reverse("portal:my_filings"), {"status": "rejected"})
    assert [f.pk for f in only_rejected.context["page"].object_list] == [mine[0].pk]


def test_my_filings_costs_the_same_queries_whatever_the_rows(
    client, practitioner, django_assert_num_queries
):
    _, party = matter_for(practitioner)
    lodge(party, practitioner, affidavit())
    url = reverse("portal:my_filings")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    clerk = ClerkFactory()
    for _ in range(4):
        _, other = matter_for(practitioner)
        filing_accept(filing=lodge(other, practitioner, affidavit()), reviewed_by=clerk)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 5
    assert sum(f.notice_count for f in response.context["page"].object_list) == 9


def test_my_filings_shows_the_notices_sent_to_the_user_about_each_filing(client, practitioner):
    _, party = matter_for(practitioner)
    colleague = PractitionerFactory()
    represent(colleague, party)
    quiet = lodge(party, colleague, affidavit())
    noticed = lodge(party, practitioner, affidavit())
    filing_accept(filing=noticed, reviewed_by=ClerkFactory())
    response = client.get(reverse("portal:my_filings"))
    rows = {f.pk: f for f in response.context["page"].object_list}
    # The Notice of Lodgment and the acceptance went to the practitioner; the colleague's
    # Notice of Lodgment is theirs, not counted on this practitioner's page.
    assert rows[noticed.pk].notice_count == 2
    assert rows[quiet.pk].notice_count == 0
    latest = Notice.objects.filter(filing=noticed, recipient=practitioner).latest("pk")
    assert latest.kind == Notice.Kind.FILING_ACCEPTED
    assert rows[noticed.pk].latest_notice_id == latest.pk
    html = response.content.decode()
    row = html[html.index(f'id="filing-{noticed.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "2 notices; latest" in row
    assert f'href="{reverse("notices:detail", args=[latest.pk])}"' in row
    assert escape(latest.subject) in row
    # The link opens the notice for this practitioner.
    assert client.get(reverse("notices:detail", args=[latest.pk])).status_code == 200
    quiet_row = html[html.index(f'id="filing-{quiet.pk}"') :]
    assert "None" in quiet_row[: quiet_row.index("</tr>")]


def test_the_profile_shows_the_firm_matters_and_the_notice_preferences_link(client, practitioner):
    PractitionerProfile.objects.create(
        user=practitioner, organisation=OrganisationFactory(name="Smith & Jones Lawyers")
    )
    matter, _ = matter_for(practitioner)
    html = client.get(reverse("portal:profile")).content.decode()
    assert "Smith &amp; Jones Lawyers" in html
    assert matter.number in html
    assert 'href="/notices/preferences/"' in html


def test_clerks_and_anonymous_users_do_not_reach_the_practitioner_pages():
    anonymous = Client()
    assert anonymous.get(reverse("portal:my_filings")).status_code == 302
    assert anonymous.get(reverse("portal:profile")).status_code == 302


def test_forgotten_password_sends_a_link_that_sets_a_new_password(client, practitioner):
    anonymous = Client()
    login = anonymous.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login
    response = anonymous.post(reverse("password_reset"), {"email": "jo@firm.example"})
    assert response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.subject == "Filing registry: choose a new password"
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", message.body).group(1)
    form = anonymous.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = anonymous.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a long new passphrase 42", "new_password2": "a long new passphrase 42"},
    )
    assert done["Location"] == reverse("password_reset_complete")
    practitioner.refresh_from_db()
    assert practitioner.check_password("a long new passphrase 42")


def test_an_unknown_address_gets_the_same_answer_and_no_mail():
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_404_page_is_the_registry_s_own(client, practitioner):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "Filing registry" in html


def test_the_403_and_500_pages_are_the_registry_s_own(settings):
    from django.template.loader import render_to_string

    assert "You cannot do that" in render_to_string("403.html")
    assert "Something went wrong" in render_to_string("500.html")
    assert "The form has expired" in render_to_string("403_csrf.html")


def test_a_server_error_renders_the_500_page(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("broken/", broken)]})
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_my_filings_counts_by_status_once_and_pages_by_that_count(client, practitioner):
    """The list's own count is taken from the counts by status (no COUNT query of its own),
    for all filings and for one status."""
    _, party = matter_for(practitioner)
    filings = [lodge(party, practitioner, affidavit()) for _ in range(3)]
    Filing.objects.filter(pk=filings[0].pk).update(
        status="rejected", reviewed_at=filings[0].lodged_at
    )
    _, theirs = matter_for(PractitionerFactory())
    lodge(theirs, PractitionerFactory(), affidavit())
    url = reverse("portal:my_filings")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    sql = [q["sql"] for q in captured.captured_queries]
    assert not [q for q in sql if q.startswith("SELECT COUNT(*)")]  # the paginator's own
    assert response.context["page"].paginator.count == response.context["total"] == 3
    rejected = client.get(url, {"status": "rejected"}).context["page"]
    assert rejected.paginator.count == 1
    assert [f.pk for f in rejected.object_list] == [filings[0].pk]

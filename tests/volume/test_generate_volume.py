"""generate_volume: synthetic data in proportion, continuing after what is there, and refused
with production settings. Runs on SQLite (bulk_create) and on PostgreSQL (COPY) in CI."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from filings.models import Document, Filing, Matter, Party, PartyRepresentative
from filings.services import PartySpec, matter_open
from search.models import DocumentFacets, DocumentText
from volume.generate import (
    CLERK_USERNAME,
    PASSWORD,
    SOLICITOR_USERNAME,
    document_texts_generate,
    generate_volume,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


def test_matters_come_with_parties_filings_and_documents_in_proportion():
    report = generate_volume(matters=60, seed=7, today=TODAY)

    assert report.matters == Matter.objects.count() == 60
    assert Party.objects.count() == 180  # three a matter
    filings = Filing.objects.count()
    documents = Document.objects.count()
    assert 3 * 60 <= filings <= 5 * 60
    assert 2 * filings <= documents <= 3 * filings
    # Every filing's documents are numbered from 1; annexures hang off a principal document.
    assert not Document.objects.filter(role="annexure", annexed_to__isnull=True).exists()
    assert Document.objects.filter(position=1).count() == filings
    # Reviewed filings carry their review; some await review, as in a working registry.
    assert Filing.objects.filter(status="lodged").exists()
    assert not Filing.objects.exclude(status="lodged").filter(reviewed_at__isnull=True).exists()
    # Filing numbers run from 1 within each matter.
    for matter in Matter.objects.annotate(n=Count("filings")):
        sequences = sorted(matter.filings.values_list("sequence", flat=True))
        assert sequences == list(range(1, matter.n + 1))
    # Every document has text to search (synthetic), as after the worker has read it, and the
    # facets the search filters on, copied from its filing.
    assert DocumentText.objects.count() == documents
    assert DocumentFacets.objects.count() == documents
    assert not DocumentFacets.objects.exclude(lodged_at=F("document__filing__lodged_at")).exists()
    # s.106 certificates and Rule 32 orders are there for the deadlines pages.
    assert Matter.objects.filter(conciliation_certificate_on__isnull=False).exists()
    assert Matter.objects.filter(proceeding_id="rule32", rule32_orders__isnull=False).exists()


def test_a_heavy_practitioner_acts_in_many_matters_and_can_sign_in(client):
    generate_volume(matters=200, seed=3, today=TODAY)

    acting = PartyRepresentative.objects.filter(user__username=SOLICITOR_USERNAME)
    assert acting.values("party__matter").distinct().count() >= 5
    assert client.login(username=SOLICITOR_USERNAME, password=PASSWORD)
    assert client.login(username=CLERK_USERNAME, password=PASSWORD)


def test_a_second_run_continues_the_numbers_and_the_registry_goes_on_allocating():
    generate_volume(matters=40, seed=1, today=TODAY)
    generate_volume(matters=40, seed=2, today=TODAY)
    numbers = list(Matter.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 80

    # Ids were chosen by the generator: the database's own sequences must have moved past them.
    matter = matter_open(
        proceeding_code="s84",
        title="Citizen v Acme Pty Ltd",
        opened_on=TODAY,
        parties=[PartySpec(name="Jane Citizen", role="applicant", representation="solicitor")],
    )
    assert matter.number not in numbers
    assert matter.parties.get().pk > 0


def test_the_command_reports_what_it_added(capsys):
    call_command("generate_volume", matters=5, seed=4)
    out = capsys.readouterr().out
    assert "Added 5 matters, 15 parties" in out
    assert SOLICITOR_USERNAME in out


def test_refused_with_production_settings_and_writes_nothing(settings):
    settings.REGISTRY_SYNTHETIC_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="refused with production settings"):
        call_command("generate_volume", matters=5)
    assert not Matter.objects.exists()


def test_texts_are_made_for_documents_generated_without_them():
    generate_volume(matters=10, seed=5, today=TODAY)
    DocumentText.objects.filter(
        document_id__in=Document.objects.filter(position=1).values("pk")
    ).delete()
    DocumentFacets.objects.filter(document__position=1).delete()
    missing = Document.objects.filter(position=1).count()
    assert document_texts_generate(seed=2, batch=7) == missing
    assert DocumentText.objects.count() == Document.objects.count()
    assert DocumentFacets.objects.count() == Document.objects.count()


def test_the_planner_has_statistics_on_every_table_filled_including_the_search_texts():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Planner statistics are PostgreSQL's (ANALYZE).")
    generate_volume(matters=10, seed=6, today=TODAY)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s)",
            [["filings_document", "search_documenttext", "search_documentfacets"]],
        )
        analyzed = {row[0] for row in cursor.fetchall()}
    # Without them a rare word was planned as 4% of the texts: a sequential scan (0.7 s).
    assert analyzed == {"filings_document", "search_documenttext", "search_documentfacets"}


def test_long_running_matters_have_hundreds_of_filings_and_directions_name_their_day(
    monkeypatch,
):
    from filings.models import Direction
    from volume import generate

    monkeypatch.setattr(generate, "LONG_RUNNING_EVERY", 20)
    generate_volume(matters=40, seed=8, today=TODAY)

    counts = sorted(Matter.objects.annotate(n=Count("filings")).values_list("n", flat=True))
    # Every twentieth matter: enough filings that its page is paged (25 a page).
    assert len([n for n in counts if n >= 100]) == 2
    assert all(n <= 6 for n in counts[:-2])
    generate_volume(matters=400, seed=9, today=TODAY)
    dated = Direction.objects.filter(due_on__isnull=False)
    assert dated.exists()
    assert not dated.exclude(kind=Direction.Kind.DIRECT).exists()
    assert not dated.filter(due_on__lt=F("made_on")).exists()

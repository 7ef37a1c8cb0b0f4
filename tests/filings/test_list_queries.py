"""The list queries that must stay fast at volume (issue 13): an exact number answered by the
unique index alone, document counts computed per listed filing, the indexes in place."""

import pytest
from django.db import connection

from filings.models import Document
from filings.selectors.registry import filing_list, matter_search
from tests.factories import FilingFactory, MatterFactory, PartyFactory, document_kind

pytestmark = pytest.mark.django_db


def test_a_matter_number_finds_that_matter_alone():
    wanted = MatterFactory()
    # A title quoting the number must not bring another matter in beside it.
    MatterFactory(title=f"Appeal from {wanted.number}")
    for typed in (wanted.number, wanted.number.replace("/", "-"), wanted.number.lower()):
        assert list(matter_search(query=typed)) == [wanted]


def test_a_word_finds_titles_and_party_names():
    by_title = MatterFactory(title="Harbour Logistics Enterprise Agreement")
    by_party = PartyFactory(name="Blue Harbour Holdings").matter
    MatterFactory(title="Unrelated")
    assert set(matter_search(query="harbour")) == {by_title, by_party}


def test_each_listed_filing_counts_its_own_documents_and_none_is_zero():
    empty = FilingFactory()
    full = FilingFactory()
    for position in (1, 2, 3):
        Document.objects.create(
            filing=full, position=position, kind=document_kind("Affidavit"), title="A"
        )
    counts = {f.pk: f.document_count for f in filing_list()}
    assert counts == {empty.pk: 0, full.pk: 3}


@pytest.mark.postgres_only
def test_trigram_indexes_serve_the_title_and_party_searches():
    if connection.vendor != "postgresql":
        pytest.skip("Trigram indexes are PostgreSQL's (pg_trgm).")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'filings_%%_trgm'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"filings_matter_title_trgm", "filings_party_name_trgm"} <= names

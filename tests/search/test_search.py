"""Searching lodged documents on either database: ranked, highlighted, filtered, and never
wider than what the user may see."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from filings.models import Document, Party
from filings.selectors.access import documents_for
from search.models import DocumentFacets, DocumentText
from search.query import parse_query
from search.selectors import PAGE_SIZE, SearchFilters, search_documents
from search.services import document_facets_fill
from tests.factories import FilingFactory, PartyFactory, document_kind
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, affidavit, lodge, matter_for

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _document(filing, position: int, text: str, *, kind: str = "Affidavit") -> Document:
    document = Document.objects.create(
        filing=filing, position=position, kind=document_kind(kind), title=f"Document {position}"
    )
    DocumentText.objects.create(
        document=document, status="extracted", text=text, extracted_at=timezone.now()
    )
    document_facets_fill()  # as the worker records them beside the text
    return document


def _search(text: str, scope=None, **filters):
    return search_documents(
        scope=scope,
        query=parse_query(text),
        filters=SearchFilters(**filters),
    )


def _ids(page) -> list[int]:
    return [result.document.pk for result in page.results]


def test_a_lodged_copy_is_read_after_commit_and_found(settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    user = PractitionerFactory()
    _, party = matter_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        filing = lodge(party, user, affidavit())

    text = DocumentText.objects.get(document__filing=filing)
    assert text.status == "extracted"
    # Beside the text, what the filters read, copied from the lodged record.
    facets = DocumentFacets.objects.get(document__filing=filing)
    assert (facets.matter_id, facets.party_id, facets.lodged_at) == (
        filing.matter_id,
        filing.party_id,
        filing.lodged_at,
    )
    page = _search('"jane citizen" sydney')
    assert _ids(page) == [filing.documents.get().pk]
    assert _ids(_search('"jane citizen"', matter_number=filing.matter.number)) == _ids(page)
    # The engines mark a phrase whole (FTS5) or word by word (PostgreSQL).
    marked = " ".join(f.text for f in page.results[0].snippet if f.matched).lower().split()
    assert {"jane", "citizen", "sydney"} <= set(marked)


def test_phrase_near_and_exclusion():
    filing = FilingFactory()
    in_order = _document(filing, 1, "the roster for overtime was changed in March")
    reversed_ = _document(filing, 2, "overtime and the new roster were in dispute")
    far = _document(filing, 3, "roster " + "word " * 30 + "overtime")

    assert _ids(_search('"roster for overtime"')) == [in_order.pk]
    assert set(_ids(_search("roster NEAR/4 overtime"))) == {in_order.pk, reversed_.pk}
    assert set(_ids(_search("roster overtime"))) == {in_order.pk, reversed_.pk, far.pk}
    assert set(_ids(_search("roster -dispute"))) == {in_order.pk, far.pk}


def test_words_are_stemmed_and_the_best_match_comes_first():
    filing = FilingFactory()
    once = _document(filing, 1, "a single dismissal mentioned among many other matters " * 3)
    often = _document(filing, 2, "dismissed dismissal dismissals: the dismissal was unfair")

    assert _ids(_search("dismiss")) == [often.pk, once.pk]


def test_the_snippet_is_text_and_the_page_escapes_it(client):
    filing = FilingFactory()
    _document(filing, 1, "<script>alert(1)</script> the award <b>rates</b> apply")
    fragments = _search("award").results[0].snippet
    assert any(f.matched and f.text == "award" for f in fragments)

    client.force_login(ClerkFactory())
    html = client.get(reverse("search:clerk"), {"q": "award"}).content.decode()
    assert "<mark>award</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "<b>rates</b>" not in html


def test_filters_by_matter_party_kind_and_date():
    first = FilingFactory()
    second = FilingFactory(lodged_at=timezone.now() - datetime.timedelta(days=40))
    a = _document(first, 1, "penalty rates")
    b = _document(second, 1, "penalty rates", kind="Submissions")
    Party.objects.filter(pk=first.party_id).update(name="Harbour Logistics Pty Ltd")
    Party.objects.filter(pk=second.party_id).update(name="Blue Gum Aged Care")

    assert _ids(_search("penalty", matter_number=first.matter.number)) == [a.pk]
    assert _ids(_search("penalty", party_name="gum aged")) == [b.pk]
    assert _ids(_search("penalty", kind_id=document_kind("Submissions").pk)) == [b.pk]
    since = timezone.localdate() - datetime.timedelta(days=10)
    assert _ids(_search("penalty", lodged_from=since)) == [a.pk]
    assert _ids(_search("penalty", lodged_to=since)) == [b.pk]


def test_a_practitioner_finds_only_the_documents_of_their_parties():
    user = PractitionerFactory()
    matter, party = matter_for(user)
    own = _document(FilingFactory(matter=matter, party=party), 1, "confidential settlement")
    other_side = PartyFactory(matter=matter, role="respondent")
    _document(FilingFactory(matter=matter, party=other_side), 1, "confidential settlement")
    _document(FilingFactory(), 1, "confidential settlement")

    assert _ids(_search("confidential", scope=documents_for(user))) == [own.pk]
    # Someone who acts for no one (the access rules answer "nothing") finds nothing.
    assert _search("confidential", scope=documents_for(ClerkFactory())).results == ()


def test_failed_extractions_are_not_searched_and_pages_go_on():
    filing = FilingFactory()
    for position in range(1, PAGE_SIZE + 3):
        _document(filing, position, f"award number {position}")
    # As the service records a failed reading: no text, so no words to find.
    DocumentText.objects.filter(document__position=PAGE_SIZE + 2).update(status="failed", text="")

    first = _search("award")
    second = search_documents(
        scope=None, query=parse_query("award"), filters=SearchFilters(), page=2
    )
    assert len(first.results) == PAGE_SIZE
    assert (first.matches, first.capped) == (PAGE_SIZE + 1, False)
    assert first.has_next
    assert len(second.results) == 1
    assert not second.has_next
    assert second.first_position == PAGE_SIZE + 1


def test_past_the_candidates_the_best_of_the_first_found_are_ranked(monkeypatch):
    monkeypatch.setattr("search.selectors.CANDIDATES", 4)
    filing = FilingFactory()
    first_found = [_document(filing, n, "award " + "filler " * 20) for n in range(1, 5)]
    # Found after the first four (the engines yield matches in the order they were stored):
    # ranked higher, but past the cap, so not shown.
    _document(filing, 5, "award award award award")

    page = _search("award")

    assert page.capped
    assert page.matches == 4
    assert set(_ids(page)) == {d.pk for d in first_found}
    assert not page.has_next


def test_the_page_says_when_only_the_first_matches_were_ranked(client, monkeypatch):
    monkeypatch.setattr("search.selectors.CANDIDATES", 2)
    filing = FilingFactory()
    for position in range(1, 4):
        _document(filing, position, "overtime was worked")
    client.force_login(ClerkFactory())

    capped = client.get(reverse("search:clerk"), {"q": "overtime"}).content.decode()

    assert "More than 2 documents match: showing the best of the first 2 found" in capped
    assert capped.count("<mark>overtime</mark>") == 2
    monkeypatch.setattr("search.selectors.CANDIDATES", 20)
    exact = client.get(reverse("search:clerk"), {"q": "overtime"}).content.decode()
    assert "3 documents match, best first." in exact
    assert "More than" not in exact


def test_a_page_past_the_last_still_counts_the_matches():
    filing = FilingFactory()
    _document(filing, 1, "award")
    page = search_documents(scope=None, query=parse_query("award"), filters=SearchFilters(), page=3)
    assert (page.results, page.matches, page.has_previous) == ((), 1, True)


def test_a_phrase_is_found_across_stop_words_and_not_where_its_words_are_apart():
    filing = FilingFactory()
    together = _document(filing, 1, "the penalty rates for the weekend")
    across = _document(filing, 2, "a claim of penalty on the rates")  # "on the": stop words
    _document(filing, 3, "rates of pay and a penalty")  # both words, apart and reversed
    _document(filing, 4, "penalty clause; rates")  # adjacent words, not a phrase of them

    assert _ids(_search('"penalty rates"')) == [together.pk]
    assert _ids(_search('"penalty on the rates"')) == [across.pk]
    if connection.vendor == "postgresql":
        # Stop words are not indexed on PostgreSQL (FTS5 keeps every word): a phrase that is
        # one word once they are set aside has no pair to look up, and is that word.
        found = set(_ids(_search('"the penalty"')))
        assert found == set(filing.documents.values_list("pk", flat=True))

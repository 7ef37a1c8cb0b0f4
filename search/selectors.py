"""Searching the text of lodged documents, ranked, with a highlighted snippet of each.

The caller passes the documents the user may see (``filings.selectors.access.documents_for``
for a practitioner, every document for a clerk): the search never widens that scope. No total
is counted: counting every match of a common word at a million documents costs more than the
page itself, so a page knows only whether there is a next one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from filings.models import Document
from filings.selectors.access import matter_slug
from search.query import ParsedQuery

PAGE_SIZE = 20
# Markers the engines put around matched words; they cannot occur in extracted text (control
# characters are stripped from snippets before they are split).
START, STOP = "\x02", "\x03"
# ts_headline reads the whole text it is given: the opening of a long document is enough for a
# snippet, and keeps one result's cost bounded.
HEADLINE_CHARACTERS = 100_000


@dataclass(frozen=True)
class SearchFilters:
    matter_number: str = ""
    party_name: str = ""
    kind_id: int | None = None
    lodged_from: datetime.date | None = None
    lodged_to: datetime.date | None = None


@dataclass(frozen=True)
class Fragment:
    text: str
    matched: bool


@dataclass(frozen=True)
class SearchResult:
    document: Document
    snippet: tuple[Fragment, ...]

    @property
    def matter_slug(self) -> str:
        return matter_slug(self.document.filing.matter.number)


@dataclass(frozen=True)
class SearchPage:
    results: tuple[SearchResult, ...]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_position(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1


def _filtered(scope: QuerySet[Document], filters: SearchFilters) -> QuerySet[Document]:
    documents = scope.filter(text__status="extracted")
    if filters.matter_number:
        documents = documents.filter(filing__matter__number=filters.matter_number)
    if filters.party_name:
        documents = documents.filter(filing__party__name__icontains=filters.party_name)
    if filters.kind_id:
        documents = documents.filter(kind_id=filters.kind_id)
    if filters.lodged_from:
        documents = documents.filter(filing__lodged_at__date__gte=filters.lodged_from)
    if filters.lodged_to:
        documents = documents.filter(filing__lodged_at__date__lte=filters.lodged_to)
    return documents


def _snippet(marked: str) -> tuple[Fragment, ...]:
    cleaned = "".join(c for c in marked if c.isprintable() or c in (START, STOP, " "))
    fragments = []
    for n, part in enumerate(cleaned.replace(STOP, START).split(START)):
        if part:
            fragments.append(Fragment(" ".join(part.split()), matched=n % 2 == 1))
    return tuple(fragments)


def _postgresql_ranked(documents: QuerySet[Document], query: ParsedQuery, offset: int) -> list:
    tsquery = query.to_tsquery()
    scope_sql, scope_params = documents.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH q AS (SELECT to_tsquery('english', %s) AS query),
            ranked AS (
                SELECT t.document_id, ts_rank_cd(t.search_vector, q.query) AS rank
                FROM search_documenttext t, q
                WHERE t.search_vector @@ q.query AND t.document_id IN ({scope_sql})
                ORDER BY rank DESC, t.document_id DESC
                LIMIT %s OFFSET %s
            )
            SELECT r.document_id, ts_headline('english', left(t.text, %s), q.query,
                   'StartSel=' || chr(2) || ', StopSel=' || chr(3) ||
                   ', MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "')
            FROM ranked r JOIN search_documenttext t ON t.document_id = r.document_id, q
            ORDER BY r.rank DESC, r.document_id DESC
            """,
            [tsquery, *scope_params, PAGE_SIZE + 1, offset, HEADLINE_CHARACTERS],
        )
        return cursor.fetchall()


def _sqlite_ranked(documents: QuerySet[Document], query: ParsedQuery, offset: int) -> list:
    scope_sql, scope_params = documents.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT rowid, snippet(search_documenttext_fts, 0, char(2), char(3), ' … ', 24)
            FROM search_documenttext_fts
            WHERE search_documenttext_fts MATCH %s AND rowid IN ({scope_sql})
            ORDER BY bm25(search_documenttext_fts), rowid DESC
            LIMIT %s OFFSET %s
            """,
            [query.to_fts5(), *scope_params, PAGE_SIZE + 1, offset],
        )
        return cursor.fetchall()


def search_documents(
    *,
    scope: QuerySet[Document],
    query: ParsedQuery,
    filters: SearchFilters,
    page: int = 1,
) -> SearchPage:
    """One page of the documents in ``scope`` matching ``query``, best first."""
    page = max(1, page)
    documents = _filtered(scope, filters)
    ranked = (_postgresql_ranked if connection.vendor == "postgresql" else _sqlite_ranked)(
        documents, query, (page - 1) * PAGE_SIZE
    )
    has_next = len(ranked) > PAGE_SIZE
    ranked = ranked[:PAGE_SIZE]
    by_id = Document.objects.select_related(
        "kind", "filing", "filing__matter", "filing__party"
    ).in_bulk([document_id for document_id, _ in ranked])
    results = tuple(
        SearchResult(document=by_id[document_id], snippet=_snippet(marked))
        for document_id, marked in ranked
        if document_id in by_id
    )
    return SearchPage(results=results, number=page, has_next=has_next)

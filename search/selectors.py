"""Searching the text of lodged documents, ranked, with a highlighted snippet of each.

The caller passes the documents the user may see (``filings.selectors.access.documents_for``
for a practitioner; ``None`` for a clerk, who may see every document): the search never widens
that scope.

What keeps a search fast at a million documents: the matches are taken in the order the index
yields them (oldest first) and at most ``CANDIDATES`` of them are ranked; only the page's rows
get a highlighted snippet; nothing counts past ``CANDIDATES``. Ranking every match of a common
word means reading hundreds of thousands of rows for a page of twenty, so when more than
``CANDIDATES`` documents match the page says that it shows the best of the first
``CANDIDATES`` and asks for a narrower search (a phrase, a matter, a kind or dates). PostgreSQL
and SQLite behave alike: the same cap, the same order of candidates, the same count.

On PostgreSQL a phrase's candidates come from the index of adjacent word pairs (migration 0003)
and the filters from the facets kept beside each text (``DocumentFacets``), both indexed; the
figures and plans are in docs/benchmarks.md.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from filings.models import Document, Party
from filings.selectors.access import matter_slug
from search.models import DocumentFacets
from search.query import ParsedQuery

PAGE_SIZE = 20
# The matches ranked at most, in the order the engine yields them: five pages of twenty. Each
# is a row read and ranked, and where the index cannot say where words are (NEAR on PostgreSQL)
# many rows are read for each one found, so the cap bounds that too.
CANDIDATES = 100
# Markers the engines put around matched words; they cannot occur in extracted text (control
# characters are stripped from snippets before they are split).
START, STOP = "\x02", "\x03"
# ts_headline reads the whole text it is given: the opening of a long document is enough for a
# snippet, and keeps one result's cost bounded.
HEADLINE_CHARACTERS = 100_000


def last_page() -> int:
    """The deepest page a search has: past the candidates there is nothing to show."""
    return -(-CANDIDATES // PAGE_SIZE)


@dataclass(frozen=True)
class SearchFilters:
    matter_number: str = ""
    party_name: str = ""
    kind_id: int | None = None
    lodged_from: datetime.date | None = None
    lodged_to: datetime.date | None = None

    def __bool__(self) -> bool:
        return any(
            (self.matter_number, self.party_name, self.kind_id, self.lodged_from, self.lodged_to)
        )


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
    # Documents matching, counted up to CANDIDATES; ``capped`` when more match than that.
    matches: int
    capped: bool
    candidates: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number * PAGE_SIZE < self.matches

    @property
    def first_position(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def last_position(self) -> int:
        return self.first_position + len(self.results) - 1


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _narrowed(filters: SearchFilters) -> QuerySet[DocumentFacets] | None:
    """The documents the filters allow, by their facets (indexed on the search's own table),
    or ``None`` without filters."""
    if not filters:
        return None
    facets = DocumentFacets.objects.all()
    if filters.matter_number:
        facets = facets.filter(matter__number=filters.matter_number)
    if filters.party_name:
        facets = facets.filter(
            party_id__in=Party.objects.filter(name__icontains=filters.party_name).values("pk")
        )
    if filters.kind_id:
        facets = facets.filter(kind_id=filters.kind_id)
    # Days in the registry's time zone, as bounds on the lodgment time itself, so that the
    # index serves them (a date cast of the column would not).
    if filters.lodged_from:
        facets = facets.filter(lodged_at__gte=_start_of(filters.lodged_from))
    if filters.lodged_to:
        facets = facets.filter(lodged_at__lt=_start_of(filters.lodged_to + datetime.timedelta(1)))
    return facets


def _conditions(
    scope: QuerySet[Document] | None, facets: QuerySet[DocumentFacets] | None, column: str
) -> tuple[str, list]:
    """SQL conditions on ``column`` (a document id) for the user's scope and the filters."""
    sql, params = "", []
    for documents, id_field in ((scope, "pk"), (facets, "document_id")):
        if documents is not None:
            # No ordering: a default order would only sort the subquery for nothing.
            subquery, more = documents.order_by().values(id_field).query.sql_with_params()
            sql += f" AND {column} IN ({subquery})"
            params += list(more)
    return sql, params


def _snippet(marked: str) -> tuple[Fragment, ...]:
    cleaned = "".join(c for c in marked if c.isprintable() or c in (START, STOP, " "))
    fragments = []
    for n, part in enumerate(cleaned.replace(STOP, START).split(START)):
        if part:
            fragments.append(Fragment(" ".join(part.split()), matched=n % 2 == 1))
    return tuple(fragments)


def _postgresql(conditions: tuple[str, list], query: ParsedQuery, offset: int) -> list:
    # Only extracted texts have words (a failed or unsupported reading stores no text), so the
    # status needs no condition; one on it would tempt the planner to its index.
    scope_sql, scope_params = conditions
    tsquery = query.to_tsquery()
    ranking, highlight = query.to_tsquery_for_ranking(), query.to_tsquery_for_highlight()
    with connection.cursor() as cursor:
        # A phrase's adjacent word pairs (migration 0003) narrow its candidates from an index;
        # asked first, so that the planner sees them as a constant it can estimate.
        match = "t.search_vector @@ to_tsquery('english', %s)"
        for phrase in query.phrases:
            cursor.execute("SELECT search_phrase_pairs(%s)", [phrase])
            pairs = cursor.fetchone()[0]
            if pairs:
                scope_sql += " AND t.search_pairs @@ %s::tsquery"
                scope_params = [*scope_params, pairs]
                # The whole query is then checked on the few documents with the pairs, by the
                # function behind @@, which no index serves: combining the words' index with
                # the pairs' would read every posting of the common words for nothing.
                match = "ts_match_vq(t.search_vector, to_tsquery('english', %s))"
        cursor.execute(
            f"""
            WITH candidates AS MATERIALIZED (
                SELECT t.document_id, t.search_vector FROM search_documenttext t
                WHERE {match}{scope_sql}
                LIMIT %s
            ),
            ranked AS (
                SELECT c.document_id,
                       ts_rank_cd(c.search_vector, to_tsquery('english', %s)) AS rank
                FROM (SELECT * FROM candidates LIMIT %s) c
                ORDER BY rank DESC, c.document_id DESC
                LIMIT %s OFFSET %s
            )
            SELECT found.document_id, total.n, found.headline
            FROM (SELECT count(*) AS n FROM candidates) total
            LEFT JOIN (
                SELECT r.document_id, r.rank,
                       ts_headline('english', left(t.text, %s), to_tsquery('english', %s),
                       'StartSel=' || chr(2) || ', StopSel=' || chr(3) ||
                       ', MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "')
                       AS headline
                FROM ranked r JOIN search_documenttext t ON t.document_id = r.document_id
            ) found ON true
            ORDER BY found.rank DESC, found.document_id DESC
            """,
            [
                tsquery,
                *scope_params,
                CANDIDATES + 1,
                ranking,
                CANDIDATES,
                PAGE_SIZE,
                offset,
                HEADLINE_CHARACTERS,
                highlight,
            ],
        )
        return cursor.fetchall()


def _sqlite(conditions: tuple[str, list], query: ParsedQuery, offset: int) -> list:
    # FTS5 yields matches in rowid order, as PostgreSQL's index does in table order.
    scope_sql, scope_params = conditions
    match = query.to_fts5()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH candidates AS (
                SELECT rowid AS document_id FROM search_documenttext_fts
                WHERE search_documenttext_fts MATCH %s{scope_sql}
                ORDER BY rowid LIMIT %s
            )
            SELECT found.document_id, total.n, found.marked
            FROM (SELECT count(*) AS n FROM candidates) total
            LEFT JOIN (
                SELECT rowid AS document_id, bm25(search_documenttext_fts) AS rank,
                       snippet(search_documenttext_fts, 0, char(2), char(3), ' … ', 24) AS marked
                FROM search_documenttext_fts
                WHERE search_documenttext_fts MATCH %s
                  AND rowid IN (SELECT document_id FROM candidates ORDER BY document_id LIMIT %s)
                ORDER BY rank, rowid DESC
                LIMIT %s OFFSET %s
            ) found ON 1
            ORDER BY found.rank, found.document_id DESC
            """,
            [
                match,
                *scope_params,
                CANDIDATES + 1,
                match,
                CANDIDATES,
                PAGE_SIZE,
                offset,
            ],
        )
        return cursor.fetchall()


def search_documents(
    *,
    scope: QuerySet[Document] | None,
    query: ParsedQuery,
    filters: SearchFilters,
    page: int = 1,
) -> SearchPage:
    """One page of the documents in ``scope`` (``None``: every document) matching ``query``,
    best first among the first ``CANDIDATES`` matches."""
    page = min(max(1, page), last_page())
    if scope is not None and scope.query.is_empty():  # no SQL to write for "nothing"
        return SearchPage(results=(), number=page, matches=0, capped=False, candidates=CANDIDATES)
    postgresql = connection.vendor == "postgresql"
    conditions = _conditions(scope, _narrowed(filters), "t.document_id" if postgresql else "rowid")
    rows = (_postgresql if postgresql else _sqlite)(conditions, query, (page - 1) * PAGE_SIZE)
    found = rows[0][1]  # one row even when nothing matches: the count, and no document
    rows = [row for row in rows if row[0] is not None]
    by_id = Document.objects.select_related(
        "kind", "filing", "filing__matter", "filing__party"
    ).in_bulk([document_id for document_id, _, _ in rows])
    results = tuple(
        SearchResult(document=by_id[document_id], snippet=_snippet(marked))
        for document_id, _, marked in rows
        if document_id in by_id
    )
    return SearchPage(
        results=results,
        number=page,
        matches=min(found, CANDIDATES),
        capped=found > CANDIDATES,
        candidates=CANDIDATES,
    )

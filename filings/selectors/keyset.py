"""Paging long lists at a cost that does not grow with them: keyset pagination for lists ordered
newest first by a timestamp and the primary key, and numbered pages over a bounded count.

An OFFSET makes the database walk every row before the page it asks for: the 4,000th page of
the filings list read 100,000 rows to show 25. Here a page starts after (or before) the row a
link names, so the database starts at that row in the ``(timestamp, id)`` index and reads 26
rows whatever the depth. Rows lodged while a clerk pages do not shift the pages that follow,
because a link names a row, not a position.

A cursor is ``<microseconds since 1970 UTC>.<id>`` of the row a page ended (or started) with.
The count above the list is bounded: counting every one of hundreds of thousands of rows costs
more than the page itself, and "more than 1,000" is all a clerk paging by hand needs to know.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet
from django.utils.functional import cached_property

M = TypeVar("M", bound=Model)

COUNT_LIMIT = 1000
_CURSOR = re.compile(r"^(\d{1,17})\.(\d{1,18})$")
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class CursorError(ValueError):
    """A cursor this module did not make (mistyped, cut short, or edited)."""

    code = "filter.page_link_invalid"
    message = "That page link is not one this list gives, so the list starts at its first page."


@dataclass(frozen=True)
class Cursor:
    """The position of one row: its timestamp and primary key."""

    at: datetime.datetime
    pk: int

    def encode(self) -> str:
        micro = (self.at - _EPOCH) // datetime.timedelta(microseconds=1)
        return f"{micro}.{self.pk}"

    @classmethod
    def decode(cls, text: str) -> Cursor:
        found = _CURSOR.match(text)
        if found is None:
            raise CursorError(text)
        try:
            at = _EPOCH + datetime.timedelta(microseconds=int(found.group(1)))
        except OverflowError:
            raise CursorError(text) from None
        return cls(at=at, pk=int(found.group(2)))


@dataclass(frozen=True)
class KeysetPage(Generic[M]):
    """One page of rows, with the cursors of the pages either side and a bounded count."""

    object_list: list[M]
    has_next: bool
    has_previous: bool
    next_cursor: str
    previous_cursor: str
    count: int
    count_limit: int

    @property
    def count_is_bounded(self) -> bool:
        """True when there are more rows than were counted (``count`` is the limit)."""
        return self.count > self.count_limit

    @property
    def count_limit_display(self) -> str:
        """The limit with thousands separated, as the page says it ("more than 1,000")."""
        return f"{self.count_limit:,}"


def _older_than(field: str, cursor: Cursor) -> Q:
    # "(field, pk) < cursor" written so that an index on (field, id) is entered at the cursor:
    # the redundant ``field <= at`` gives the scan its start, the OR settles ties.
    return Q(**{f"{field}__lte": cursor.at}) & (
        Q(**{f"{field}__lt": cursor.at}) | Q(**{field: cursor.at, "pk__lt": cursor.pk})
    )


def _newer_than(field: str, cursor: Cursor) -> Q:
    return Q(**{f"{field}__gte": cursor.at}) & (
        Q(**{f"{field}__gt": cursor.at}) | Q(**{field: cursor.at, "pk__gt": cursor.pk})
    )


def bounded_count(queryset: QuerySet[Any], limit: int | None = None) -> int:
    """How many rows ``queryset`` has, counting no further than ``limit + 1`` (default
    ``COUNT_LIMIT``): only the keys are read (no joined or annotated columns), and at most
    ``limit + 1`` of them."""
    limit = COUNT_LIMIT if limit is None else limit
    return queryset.order_by().values("pk")[: limit + 1].count()


def keyset_page(
    queryset: QuerySet[M],
    *,
    field: str,
    after: str = "",
    before: str = "",
    per_page: int = 25,
    count_limit: int | None = None,
) -> KeysetPage[M]:
    """The page of ``queryset`` (newest ``field`` first, then highest pk) after the row named by
    the ``after`` cursor, or before the row named by ``before``, or the first page when neither
    is given. Raises ``CursorError`` for a cursor this module did not make. Two queries (three
    when a "previous" link leads back past the first page)."""
    count_limit = COUNT_LIMIT if count_limit is None else count_limit
    count = bounded_count(queryset, count_limit)
    newest_first = queryset.order_by(f"-{field}", "-pk")
    if before:
        cursor = Cursor.decode(before)
        rows = list(
            queryset.filter(_newer_than(field, cursor)).order_by(field, "pk")[: per_page + 1]
        )
        if len(rows) > per_page:
            rows = rows[:per_page][::-1]
            return _page(rows, field, count, count_limit, has_next=True, has_previous=True)
        # Back at the start (rows were few, or lodged since): the first page in full.
    elif after:
        cursor = Cursor.decode(after)
        rows = list(newest_first.filter(_older_than(field, cursor))[: per_page + 1])
        if rows:
            return _page(
                rows[:per_page],
                field,
                count,
                count_limit,
                has_next=len(rows) > per_page,
                has_previous=True,
            )
        # Past the end (a link kept from a list that has since been filtered): the first page.
    rows = list(newest_first[: per_page + 1])
    return _page(
        rows[:per_page],
        field,
        count,
        count_limit,
        has_next=len(rows) > per_page,
        has_previous=False,
    )


def _page(
    rows: list[M], field: str, count: int, count_limit: int, *, has_next: bool, has_previous: bool
) -> KeysetPage[M]:
    def cursor(row: M) -> str:
        return Cursor(at=getattr(row, field), pk=row.pk).encode()

    return KeysetPage(
        object_list=rows,
        has_next=has_next and bool(rows),
        has_previous=has_previous and bool(rows),
        next_cursor=cursor(rows[-1]) if rows else "",
        previous_cursor=cursor(rows[0]) if rows else "",
        count=count,
        count_limit=count_limit,
    )


class BoundedPaginator(Paginator):
    """Numbered pages over at most the first ``count_limit`` rows (default ``COUNT_LIMIT``).

    For lists read a page at a time and narrowed by a search (the matters): counting every
    row costs more than showing a page, and nobody pages by hand past the 40th. Past the limit
    ``count`` is the limit and ``count_is_bounded`` says there are more.
    """

    def __init__(self, object_list: QuerySet[Any], per_page: int, count_limit: int | None = None):
        super().__init__(object_list, per_page)
        self.queryset = object_list
        self.count_limit = COUNT_LIMIT if count_limit is None else count_limit

    @cached_property
    def _bounded(self) -> int:
        return bounded_count(self.queryset, self.count_limit)

    @cached_property
    def count(self) -> int:
        return min(self._bounded, self.count_limit)

    @property
    def count_is_bounded(self) -> bool:
        return self._bounded > self.count_limit

    @property
    def count_limit_display(self) -> str:
        return f"{self.count_limit:,}"


class CountedPaginator(Paginator):
    """Numbered pages over a list whose length is already known: a page that has counted its
    rows for other reasons (the work queue's filter counts, a practitioner's filings by
    status) passes the count in, and the paginator runs no ``COUNT`` query of its own."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


class KeysPaginator(Paginator):
    """Numbered pages over primary keys already read, in order, by one query: counted here,
    no further than ``count_limit`` when one is given (as ``BoundedPaginator`` does)."""

    def __init__(self, keys: Sequence[Any], per_page: int, count_limit: int | None = None):
        keys = list(keys)
        self.count_limit = COUNT_LIMIT if count_limit is None else count_limit
        self.count_is_bounded = len(keys) > self.count_limit
        super().__init__(keys[: self.count_limit], per_page)

    @property
    def count_limit_display(self) -> str:
        return f"{self.count_limit:,}"


def page_by_keys(
    queryset: QuerySet[M],
    keys: Sequence[Any],
    *,
    page_number: Any,
    per_page: int = 25,
    count_limit: int | None = None,
) -> Page:
    """The numbered page ``page_number`` of a list whose primary keys ``keys`` were read
    already, in order, by one query (a list bounded by something other than the register's
    size: a window of dates, a practitioner's caseload, a search's first matches): counted
    and cut here (``KeysPaginator``), and only the page's rows fetched from ``queryset``, by
    primary key (one query). The page's ``object_list`` holds those rows in the order of
    ``keys``. Without ``count_limit`` every key counts."""
    limit = len(keys) if count_limit is None else count_limit
    page = KeysPaginator(keys, per_page, count_limit=limit).get_page(page_number)
    wanted = list(page.object_list)
    found = queryset.in_bulk(wanted)
    page.object_list = [found[pk] for pk in wanted if pk in found]
    return page

"""Writing generated rows fast: PostgreSQL's COPY (bulk_create elsewhere), then the sequences
and the planner's statistics brought up to date for the tables filled."""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

from django.core.management.color import no_style
from django.db import connection

from filings.models import (
    Direction,
    Document,
    Filing,
    Matter,
    Party,
    PartyRepresentative,
    Rule32Order,
)
from search.models import DocumentFacets, DocumentText


def insert_rows(rows: list[Any]) -> None:
    """Insert rows of one model: PostgreSQL's COPY where available (an order of magnitude
    faster than INSERT for millions of rows), bulk_create elsewhere."""
    model = type(rows[0])
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=2_000)
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and rows[0].pk is None)]
    buffer = io.StringIO()
    for row in rows:
        # pre_save fills what bulk_create would (auto_now_add times, file names).
        buffer.write("\t".join(copy_value(f.pre_save(row, True)) for f in fields))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN",
            buffer,
        )


def copy_value(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def reset_sequences() -> None:
    """Rows were written with explicit ids: move PostgreSQL's sequences past them."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [Matter, Party, PartyRepresentative, Filing, Document, Rule32Order, Direction]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze_tables() -> None:
    """Statistics for PostgreSQL's planner on the tables just filled, and their visibility maps
    (VACUUM), as autovacuum leaves a registry in use. Until autovacuum comes round the planner
    sees them as nearly empty (seconds-long hash joins over a million documents for a page of
    25), and without visibility maps no index-only scan skips the rows. Inside a transaction
    (a test's), where VACUUM cannot run, only ANALYZE."""
    if connection.vendor != "postgresql":
        return
    models = [
        *(Matter, Party, PartyRepresentative, Filing, Document, Rule32Order, Direction),
        # Without statistics on the texts, a rare word is planned as matching 4% of them: a
        # sequential scan of a million texts (0.7 s) instead of the words' index (3 ms).
        *(DocumentText, DocumentFacets),
    ]
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM (ANALYZE)'} {tables}"
        )

"""PostgreSQL: an index of adjacent word pairs, so that a phrase is found from the index.

The GIN index of the text's words says which documents hold every word of a phrase, not where:
with common words most of those documents hold them apart, and each one's positions had to be
read to find out (at a million documents, 23,000 rows read for 100 matches of "penalty rates").
A second ``tsvector`` holds each word with the word after it ("penalti rate"), so a phrase's
pairs narrow the candidates to documents holding those pairs; the phrase itself is still checked
on each (a pair can occur in two places). Pairs are taken in position order, so a stop word
between two words (not stored) does not break a pair; positions past 16,383, where PostgreSQL
stops counting, are left out, as its own phrase search cannot tell them apart.

SQLite's FTS5 keeps positions in its index already: nothing to add there.
"""

from django.db import migrations

PAIRS_FUNCTION = """
CREATE OR REPLACE FUNCTION search_word_pairs(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT p.pair)), ''::tsvector) FROM (
    SELECT w.lexeme || ' ' || lead(w.lexeme) OVER (ORDER BY w.pos) AS pair
    FROM (SELECT u.lexeme, unnest(u.positions) AS pos FROM unnest(v) u) w
    WHERE w.pos < 16383
  ) p WHERE p.pair IS NOT NULL
$$
"""
# The pairs of a phrase as typed, as a tsquery of them all ('' when it has fewer than two words
# once stop words are dropped).
PHRASE_FUNCTION = """
CREATE OR REPLACE FUNCTION search_phrase_pairs(phrase text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(quote_literal(lexeme), ' & '), '')
  FROM unnest(search_word_pairs(to_tsvector('english', phrase)))
$$
"""
POSTGRESQL = [
    PAIRS_FUNCTION,
    PHRASE_FUNCTION,
    # A generated column cannot read another one, so the words are read again from the text.
    "ALTER TABLE search_documenttext ADD COLUMN search_pairs tsvector "
    "GENERATED ALWAYS AS (search_word_pairs(to_tsvector('english', text))) STORED",
    "CREATE INDEX search_documenttext_pairs ON search_documenttext USING GIN (search_pairs)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_documenttext_pairs",
    "ALTER TABLE search_documenttext DROP COLUMN IF EXISTS search_pairs",
    "DROP FUNCTION IF EXISTS search_phrase_pairs(text)",
    "DROP FUNCTION IF EXISTS search_word_pairs(tsvector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_document_facets")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]

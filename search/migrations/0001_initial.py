import django.db.models.deletion
from django.db import migrations, models

# PostgreSQL: a tsvector generated from the text, always in step, with a GIN index.
POSTGRESQL = [
    "ALTER TABLE search_documenttext ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX search_documenttext_vector ON search_documenttext USING GIN (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_documenttext_vector",
    "ALTER TABLE search_documenttext DROP COLUMN IF EXISTS search_vector",
]
# SQLite: an external-content FTS5 table (Porter stemming, as PostgreSQL's English
# configuration stems) kept in step with the table by triggers.
SQLITE = [
    "CREATE VIRTUAL TABLE search_documenttext_fts USING fts5("
    "text, content='search_documenttext', content_rowid='document_id', "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER search_documenttext_fts_insert AFTER INSERT ON search_documenttext BEGIN "
    "INSERT INTO search_documenttext_fts(rowid, text) VALUES (new.document_id, new.text); END",
    "CREATE TRIGGER search_documenttext_fts_delete AFTER DELETE ON search_documenttext BEGIN "
    "INSERT INTO search_documenttext_fts(search_documenttext_fts, rowid, text) "
    "VALUES ('delete', old.document_id, old.text); END",
    "CREATE TRIGGER search_documenttext_fts_update AFTER UPDATE ON search_documenttext BEGIN "
    "INSERT INTO search_documenttext_fts(search_documenttext_fts, rowid, text) "
    "VALUES ('delete', old.document_id, old.text); "
    "INSERT INTO search_documenttext_fts(rowid, text) VALUES (new.document_id, new.text); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_documenttext_fts_insert",
    "DROP TRIGGER IF EXISTS search_documenttext_fts_delete",
    "DROP TRIGGER IF EXISTS search_documenttext_fts_update",
    "DROP TABLE IF EXISTS search_documenttext_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("filings", "0005_document_virus_scan"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentText",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="text",
                        serialize=False,
                        to="filings.document",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("extracted", "Text extracted"),
                            ("failed", "Extraction failed"),
                            ("unsupported", "No text read from this format"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "method",
                    models.CharField(
                        blank=True, help_text="The program that read it.", max_length=20
                    ),
                ),
                ("text", models.TextField(blank=True)),
                ("error", models.TextField(blank=True)),
                ("extracted_at", models.DateTimeField()),
            ],
            options={
                "verbose_name": "document text",
                "indexes": [models.Index(fields=["status"], name="search_docu_status_564fa4_idx")],
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]

import django.db.models.deletion
from django.db import migrations, models

# Every lodged document's facets, from its filing: one INSERT ... SELECT (seconds at a million
# documents), as search.services.document_facets_fill does for documents added in bulk later.
FILL = (
    "INSERT INTO search_documentfacets (document_id, matter_id, party_id, kind_id, lodged_at) "
    "SELECT d.id, f.matter_id, f.party_id, d.kind_id, f.lodged_at "
    "FROM filings_document d JOIN filings_filing f ON f.id = d.filing_id "
    "WHERE NOT EXISTS (SELECT 1 FROM search_documentfacets x WHERE x.document_id = d.id)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0005_document_virus_scan"),
        ("practice_directions", "0001_initial"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentFacets",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="facets",
                        serialize=False,
                        to="filings.document",
                    ),
                ),
                ("lodged_at", models.DateTimeField()),
                (
                    "kind",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="practice_directions.documentkind",
                    ),
                ),
                (
                    "matter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="filings.matter",
                    ),
                ),
                (
                    "party",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="filings.party",
                    ),
                ),
            ],
            options={
                "verbose_name": "document facets",
                "verbose_name_plural": "document facets",
                "indexes": [
                    models.Index(fields=["lodged_at"], name="search_facets_lodged"),
                    models.Index(fields=["kind", "lodged_at"], name="search_facets_kind_lodged"),
                ],
            },
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]

"""``AuditEvent`` now belongs to the ``audit`` app (``audit.0001_initial``): drop it from the
filings state only. The table, its rows and its append-only triggers stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0005_document_virus_scan"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]

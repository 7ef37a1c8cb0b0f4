"""The audit trail moves from ``filings`` to its own app; its table does not move.

The model takes over ``filings_auditevent`` as it stands (rows, indexes and the append-only
triggers of ``filings.0004_auditevent``): only Django's idea of which app owns it changes
(``SeparateDatabaseAndState``; ``filings.0006`` drops it from the filings state). The content
type is renamed rather than replaced, so the permissions granted on it (administrators may
view the trail) carry over.
"""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ACTIONS = [
    ("sign_in", "Signed in"),
    ("sign_in_failed", "Sign-in failed"),
    ("sign_out", "Signed out"),
    ("access_refused", "Access refused"),
    ("filing_lodged", "Filing lodged"),
    ("filing_accepted", "Filing accepted"),
    ("filing_rejected", "Filing rejected"),
    ("document_downloaded", "Document downloaded"),
    ("filing_zip_downloaded", "Filing ZIP downloaded"),
    ("integrity_failed", "Stored copy failed its integrity check"),
    ("admin_change", "Changed in the admin"),
    ("matter_opened", "Matter opened"),
    ("matter_closed", "Matter closed"),
    ("matter_changed", "Matter record changed"),
    ("party_added", "Party added"),
    ("representation_changed", "Representation changed"),
    ("representative_linked", "Practitioner linked to a party"),
    ("representative_unlinked", "Practitioner unlinked from a party"),
    ("direction_recorded", "Direction recorded"),
    ("direction_withdrawn", "Direction withdrawn"),
    ("pn127_applied", "Practice Note 127 applied"),
    ("pn127_withdrawn", "Practice Note 127 application withdrawn"),
    ("rule32_order_recorded", "Rule 32 order recorded"),
    ("rule32_receipt_recorded", "Rule 32 receipt recorded"),
]


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="audit", model="auditevent").exists():
        return
    ContentType.objects.filter(app_label="filings", model="auditevent").update(app_label="audit")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="filings", model="auditevent").exists():
        return
    ContentType.objects.filter(app_label="audit", model="auditevent").update(app_label="filings")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("filings", "0005_document_virus_scan"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(
                                auto_now_add=True, help_text="When, stored in UTC."
                            ),
                        ),
                        ("action", models.CharField(choices=ACTIONS, max_length=32)),
                        (
                            "username",
                            models.CharField(
                                blank=True,
                                help_text="As it was at the time; kept if the user goes.",
                                max_length=150,
                            ),
                        ),
                        ("client_ip", models.GenericIPAddressField(blank=True, null=True)),
                        ("matter_number", models.CharField(blank=True, max_length=32)),
                        ("filing_reference", models.CharField(blank=True, max_length=40)),
                        ("document_id", models.PositiveBigIntegerField(blank=True, null=True)),
                        (
                            "detail",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                encoder=django.core.serializers.json.DjangoJSONEncoder,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                help_text="Empty for anonymous requests and for accounts since "
                                "removed.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "filings_auditevent",
                        "ordering": ["-at", "-pk"],
                        "indexes": [
                            models.Index(fields=["action", "-at"], name="audit_action_at"),
                            models.Index(fields=["matter_number"], name="audit_matter"),
                            models.Index(fields=["filing_reference"], name="audit_filing"),
                            models.Index(fields=["document_id"], name="audit_document"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]

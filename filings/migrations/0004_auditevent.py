"""The audit trail, made append-only by the database itself.

Triggers refuse every UPDATE and DELETE of an audit row, whatever sends it (the ORM, raw SQL,
the admin). The one UPDATE let through is Django's SET_NULL when a user account is removed:
``user_id`` becomes NULL and no other column changes.

On SQLite, a later migration that alters this table rebuilds it (new table, copy, drop, rename)
and the triggers go with the old table: such a migration must run ``GUARD_SQL`` again.
PostgreSQL's TRUNCATE fires no row trigger; the account the application runs as in production
should not be granted TRUNCATE on this table.
"""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

TABLE = "filings_auditevent"
REFUSAL = "audit.append_only: audit events are never changed or deleted"
# Every column but user_id: an UPDATE may only empty user_id (SET_NULL) and leave these be.
KEPT_COLUMNS = (
    "id",
    "at",
    "action",
    "username",
    "client_ip",
    "matter_number",
    "filing_reference",
    "document_id",
    "detail",
)

_sqlite_unchanged = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in KEPT_COLUMNS)

GUARD_SQL = {
    "postgresql": [
        f"""
        CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE'
               AND OLD.user_id IS NOT NULL AND NEW.user_id IS NULL
               AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{REFUSAL} (% refused)', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$
        """,
        f"""
        CREATE TRIGGER {TABLE}_append_only
            BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()
        """,
    ],
    "sqlite": [
        f"""
        CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        WHEN NOT (OLD.user_id IS NOT NULL AND NEW.user_id IS NULL AND {_sqlite_unchanged})
        BEGIN
            SELECT RAISE(ABORT, '{REFUSAL} (UPDATE refused)');
        END
        """,
        f"""
        CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        BEGIN
            SELECT RAISE(ABORT, '{REFUSAL} (DELETE refused)');
        END
        """,
    ],
}

UNGUARD_SQL = {
    "postgresql": [
        f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
        f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
    ],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
        f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
    ],
}


def _run(statements, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"No append-only guard for the audit trail on {vendor}.")
    for sql in statements[vendor]:
        schema_editor.execute(sql, params=None)  # plpgsql uses "%" itself


def guard(apps, schema_editor):
    _run(GUARD_SQL, schema_editor)


def unguard(apps, schema_editor):
    _run(UNGUARD_SQL, schema_editor)


def administrators_view_audit(apps, schema_editor):
    # Permissions are normally created after migrate; make sure this one exists to be granted.
    app_config = apps.get_app_config("filings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="filings", codename="view_auditevent")
    for group in Group.objects.filter(name="Administrators"):
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0003_filing_transmission_report"),
        ("filings", "0002_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, help_text="When, stored in UTC.")),
                (
                    "action",
                    models.CharField(
                        choices=[
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
                        ],
                        max_length=32,
                    ),
                ),
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
                        help_text="Empty for anonymous requests and for accounts since removed.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-at", "-pk"],
                "indexes": [
                    models.Index(fields=["action", "-at"], name="audit_action_at"),
                    models.Index(fields=["matter_number"], name="audit_matter"),
                    models.Index(fields=["filing_reference"], name="audit_filing"),
                    models.Index(fields=["document_id"], name="audit_document"),
                ],
            },
        ),
        migrations.RunPython(guard, unguard),
        migrations.RunPython(administrators_view_audit, migrations.RunPython.noop),
    ]

"""The rules' version token (``RulesVersion``), and the triggers that change it.

Every insert, update or delete of a rules row the decisions read gives the one version row a new
random token (writing the row if a flush emptied its table), in the same transaction, whatever
sends it: the admin, a data migration, raw SQL.
Processes keep the rules in memory with the token they read, and read them again when it
differs. On SQLite, a later migration that rebuilds one of these tables must run
``TRIGGER_SQL`` again (the triggers go with the old table); a test checks that each table has
its triggers.
"""

from django.db import migrations, models

TABLES = (
    "practice_directions_practicedirection",
    "practice_directions_emailclass",
    "practice_directions_proceedingtype",
    "practice_directions_documentkind",
    "practice_directions_notificationrecipient",
)
VERSION_TABLE = "practice_directions_rulesversion"
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _postgresql() -> list[str]:
    function = [
        f"""
        CREATE OR REPLACE FUNCTION practice_directions_rules_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {VERSION_TABLE} (id, token)
                VALUES (1, replace(gen_random_uuid()::text, '-', ''))
                ON CONFLICT (id) DO UPDATE SET token = excluded.token;
            RETURN NULL;
        END;
        $$
        """
    ]
    return function + [
        f"""
        CREATE TRIGGER {table}_changed
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION practice_directions_rules_changed()
        """
        for table in TABLES
    ]


def _sqlite() -> list[str]:
    return [
        f"""
        CREATE TRIGGER IF NOT EXISTS {table}_{operation.lower()}_changed
        AFTER {operation} ON {table}
        BEGIN
            INSERT OR REPLACE INTO {VERSION_TABLE} (id, token)
                VALUES (1, lower(hex(randomblob(16))));
        END
        """
        for table in TABLES
        for operation in OPERATIONS
    ]


TRIGGER_SQL = {"postgresql": _postgresql(), "sqlite": _sqlite()}
DROP_SQL = {
    "postgresql": [f"DROP TRIGGER IF EXISTS {table}_changed ON {table}" for table in TABLES]
    + ["DROP FUNCTION IF EXISTS practice_directions_rules_changed()"],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {table}_{operation.lower()}_changed"
        for table in TABLES
        for operation in OPERATIONS
    ],
}


def _run(statements, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"No rules version triggers for {vendor}.")
    for sql in statements[vendor]:
        schema_editor.execute(sql, params=None)  # plpgsql uses "%" itself


def add_triggers(apps, schema_editor):
    import secrets

    apps.get_model("practice_directions", "RulesVersion").objects.using(
        schema_editor.connection.alias
    ).create(pk=1, token=secrets.token_hex(16))
    _run(TRIGGER_SQL, schema_editor)


def drop_triggers(apps, schema_editor):
    _run(DROP_SQL, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("practice_directions", "0007_english_admin_labels")]

    operations = [
        migrations.CreateModel(
            name="RulesVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="rules_version_one_row"
                    )
                ],
            },
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]

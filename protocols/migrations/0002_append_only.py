"""Proposals, agreements, orders and settings versions made append-only by the database.

Triggers refuse every UPDATE and DELETE of these rows, whatever sends it (the ORM, raw SQL, the
admin): a party that changes its mind proposes again, and the record of who proposed, agreed or
ordered what and when stays as it was written. On SQLite, a later migration that rebuilds one
of these tables must run ``GUARD_SQL`` again (the triggers go with the old table).
"""

from django.db import migrations

TABLES = (
    "protocols_protocolsettings",
    "protocols_protocolproposal",
    "protocols_protocolagreement",
    "protocols_protocolorder",
)
REFUSAL = "protocol.append_only: protocol records are never changed or deleted"


def _postgresql(table: str) -> list[str]:
    return [
        f"""
        CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{REFUSAL} (% refused)', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$
        """,
        f"""
        CREATE TRIGGER {table}_append_only
            BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_append_only()
        """,
    ]


def _sqlite(table: str) -> list[str]:
    return [
        f"""
        CREATE TRIGGER IF NOT EXISTS {table}_no_{operation.lower()}
        BEFORE {operation} ON {table}
        BEGIN
            SELECT RAISE(ABORT, '{REFUSAL} ({operation} refused)');
        END
        """
        for operation in ("UPDATE", "DELETE")
    ]


GUARD_SQL = {
    "postgresql": [sql for table in TABLES for sql in _postgresql(table)],
    "sqlite": [sql for table in TABLES for sql in _sqlite(table)],
}
UNGUARD_SQL = {
    "postgresql": [
        sql
        for table in TABLES
        for sql in (
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_append_only()",
        )
    ],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS {table}_no_{operation}"
        for table in TABLES
        for operation in ("update", "delete")
    ],
}


def _run(statements, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"No append-only guard for the protocol records on {vendor}.")
    for sql in statements[vendor]:
        schema_editor.execute(sql, params=None)  # plpgsql uses "%" itself


def guard(apps, schema_editor):
    _run(GUARD_SQL, schema_editor)


def unguard(apps, schema_editor):
    _run(UNGUARD_SQL, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("protocols", "0001_protocol")]
    operations = [migrations.RunPython(guard, unguard)]

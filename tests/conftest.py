"""Shared fixtures: lodged files go to a temporary MEDIA_ROOT for every test, and the audit
trail's append-only guard is lifted only to empty it before a transactional test's flush."""

import importlib
from pathlib import Path

import pytest

from tests.antivirus_daemon import clamd_daemon  # noqa: F401 - a session fixture
from tests.smtp_server import smtp, smtp_server  # noqa: F401 - fixtures
from tests.storage_backends import (  # noqa: F401 - fixtures
    documents_store,
    s3_documents_store,
    s3_server,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Changing the setting also clears FileSystemStorage's cached location (setting_changed).
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _rules_read_afresh():
    """Each test starts from a process that keeps no rules between requests, so that what a
    test counts does not depend on the tests before it."""
    from practice_directions.selectors import forget_remembered_rules

    forget_remembered_rules()


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _audit_trail_emptied_before_flush(request):
    """A transactional test ends by flushing every table. PostgreSQL truncates (no row
    trigger fires), but SQLite deletes row by row and the audit trail's guard refuses that; so
    the trail is emptied first, in one transaction that lifts the guard and puts it back."""
    if not _is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so torn down (flushed) after
    yield
    from django.db import connection, transaction

    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("filings.migrations.0004_auditevent")
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in migration.UNGUARD_SQL["sqlite"]:
            cursor.execute(sql)
        cursor.execute(f"DELETE FROM {migration.TABLE}")
        for sql in migration.GUARD_SQL["sqlite"]:
            cursor.execute(sql)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


# The data migrations' rows (groups, rules data), which a transactional test's flush removes.
SEEDING_MIGRATIONS = [
    ("filings.migrations.0002_roles", "create_roles"),
    ("registry.migrations.0001_administrators_unlock_sign_ins", "grant"),
    ("practice_directions.migrations.0002_seed_rules", "seed"),
    ("practice_directions.migrations.0004_seed_office_of_industrial_relations", "seed"),
    ("practice_directions.migrations.0006_seed_technology_checklist", "seed"),
    ("workqueue.migrations.0002_senior_clerks_group", "create_group"),
]


@pytest.fixture
def migrations_data_seeded(transactional_db):
    """For tests on real concurrent connections (transaction=True): the rows the data
    migrations write, seeded again as they do (each is idempotent). Used instead of
    serialized_rollback, whose reload collides with the content types an earlier test's flush
    recreated."""
    from django.apps import apps as django_apps

    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)

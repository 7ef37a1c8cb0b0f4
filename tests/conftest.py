"""Shared fixtures: lodged files go to a temporary MEDIA_ROOT for every test, and the audit
trail's append-only guard is lifted only to empty it before a transactional test's flush."""

import importlib
from pathlib import Path

import pytest

from tests.antivirus_daemon import clamd_daemon  # noqa: F401 - a session fixture
from tests.smtp_server import smtp, smtp_server  # noqa: F401 - fixtures

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Changing the setting also clears FileSystemStorage's cached location (setting_changed).
    settings.MEDIA_ROOT = tmp_path / "media"


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

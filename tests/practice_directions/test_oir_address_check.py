"""System check practice_directions.W001: the Office of Industrial Relations, which the Registry
notifies of awards and variations on receipt (PD16 para 11), still has its placeholder address.

PD16 does not give the Office's address, so migration 0004 seeds an undeliverable one; the
check tells the administrator where to set the real one, and stays silent before the tables
exist so that migrate can run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Warning, run_checks
from django.urls import reverse

from practice_directions.checks import W001, check_oir_address, is_placeholder_address
from practice_directions.models import NotificationRecipient

ROOT = Path(__file__).resolve().parents[2]
SEEDED = "office-of-industrial-relations@example.invalid"  # migration 0004


@pytest.mark.parametrize(
    "address",
    [
        SEEDED,
        "",
        "   ",
        "awards@oir.example",
        "awards@oir.test",
        "awards@example.com",
        "Awards@Example.COM ",
        "awards@oir.nsw.INVALID",
    ],
)
def test_missing_and_reserved_addresses_are_placeholders(address):
    assert is_placeholder_address(address)


@pytest.mark.parametrize(
    "address",
    [
        "awards@industrialrelations.nsw.gov.au",
        "awards@example.com.au",  # a real domain that merely starts so
        "awards@notexample.com",
        "test@oir.nsw.gov.au",
    ],
)
def test_real_addresses_are_not_placeholders(address):
    assert not is_placeholder_address(address)


@pytest.mark.django_db
def test_the_seeded_placeholder_is_warning_w001_naming_where_to_set_it():
    office = NotificationRecipient.objects.get(code="oir")
    assert office.address == SEEDED

    warnings = check_oir_address(databases=["default"])

    assert [(type(w), w.id, w.obj) for w in warnings] == [(Warning, W001, office)]
    change_page = reverse("admin:practice_directions_notificationrecipient_change", args=["oir"])
    assert change_page in warnings[0].hint
    assert "Notification recipients" in warnings[0].hint


@pytest.mark.django_db
def test_it_is_silent_once_a_real_address_is_set():
    NotificationRecipient.objects.filter(code="oir").update(
        address="awards@industrialrelations.nsw.gov.au"
    )
    assert check_oir_address(databases=["default"]) == []


@pytest.mark.django_db
def test_a_missing_office_is_w001_too():
    NotificationRecipient.objects.filter(code="oir").delete()
    warnings = check_oir_address(databases=["default"])
    assert [(w.id, w.obj) for w in warnings] == [(W001, None)]
    assert reverse("admin:practice_directions_notificationrecipient_changelist") in (
        warnings[0].hint
    )


@pytest.mark.django_db
def test_it_runs_only_when_the_checks_are_given_a_database():
    """Django lends a check a database only when asked to (migrate, ``check --database``):
    runserver and a settings-only ``check --deploy`` see nothing."""
    assert check_oir_address() == []
    assert W001 not in {message.id for message in run_checks()}
    assert W001 in {message.id for message in run_checks(databases=["default"])}


def _manage(database: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "registry.settings.test",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_migrate_runs_on_an_empty_database_and_the_next_check_warns(tmp_path):
    database = tmp_path / "registry.sqlite3"

    migrated = _manage(database, "migrate", "--noinput")  # checks run first, on no tables
    warned = _manage(database, "check", "--database", "default", "--fail-level", "WARNING")

    assert migrated.returncode == 0, migrated.stderr
    assert W001 not in migrated.stdout + migrated.stderr
    assert warned.returncode == 1
    assert W001 in warned.stderr

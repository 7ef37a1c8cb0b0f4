"""The rules rows as seeded, loaded as plain data, checked by E001, and edited in the admin."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from practice_directions.checks import E001, check_rules_data
from practice_directions.models import DocumentKind, NotificationRecipient, ProceedingType
from practice_directions.selectors import load_rules

from .rules_data import PD16_RULES

pytestmark = pytest.mark.django_db


def test_the_seeded_rules_load_as_the_direction_reads(django_assert_num_queries):
    with django_assert_num_queries(6):  # the version token, then the five tables
        rules = load_rules()
    assert rules == PD16_RULES


def test_the_rules_are_kept_between_requests_while_their_version_stands(
    django_assert_num_queries,
):
    first = load_rules()
    with django_assert_num_queries(1):  # the token only
        assert load_rules() is first


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: DocumentKind.objects.create(name="Outline of argument"), id="insert"),
        pytest.param(
            lambda: ProceedingType.objects.filter(code="s84").update(name="Changed"),
            id="queryset update",
        ),
        pytest.param(lambda: DocumentKind.objects.filter(name="Affidavit").delete(), id="delete"),
        pytest.param(
            lambda: _raw_sql("UPDATE practice_directions_emailclass SET name = 'x'"), id="raw SQL"
        ),
    ],
)
def test_any_change_to_a_rules_row_is_read_by_the_next_request(change):
    before = load_rules()
    change()
    after = load_rules()
    assert after is not before and after != before


def _raw_sql(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)


def test_a_rolled_back_change_is_never_served_later():
    from django.db import transaction

    kept = load_rules()

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        DocumentKind.objects.create(name="Rolled back kind")
        assert "Rolled back kind" in {k.name for k in load_rules().document_kinds}
        raise Abandoned
    # The token the rolled-back change set is gone with it; the next change sets another.
    assert "Rolled back kind" not in {k.name for k in load_rules().document_kinds}
    DocumentKind.objects.create(name="Committed kind")
    names = {k.name for k in load_rules().document_kinds}
    assert "Committed kind" in names and "Rolled back kind" not in names
    assert load_rules() != kept


def test_every_rules_table_has_the_triggers_that_change_the_version():
    import importlib

    from django.db import connection

    migration = importlib.import_module("practice_directions.migrations.0008_rules_version")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE %s",
                ["%_changed"],
            )
            expected = set(migration.TABLES)
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {
                f"{table}_{operation.lower()}_changed"
                for table in migration.TABLES
                for operation in migration.OPERATIONS
            }
        found = {row[0] for row in cursor.fetchall()}
    # A migration that rebuilds a rules table on SQLite drops its triggers with it.
    assert expected <= found


def test_the_seeded_rules_pass_the_system_check():
    assert check_rules_data() == []


def test_malformed_rules_data_is_error_e001():
    DocumentKind.objects.create(name="affidavit")  # "Affidavit" already exists
    ProceedingType.objects.filter(code="s84").update(email_class_id="s34")
    NotificationRecipient.objects.all().delete()
    errors = check_rules_data()
    assert {error.id for error in errors} == {E001}
    hints = " ".join(error.hint for error in errors)
    for code in (
        "rules.document_kind_duplicate",
        "rules.exempt_with_email_class",
        "rules.oir_recipient_missing",
    ):
        assert code in hints


def test_malformed_rules_data_stops_the_rules_commands():
    NotificationRecipient.objects.all().delete()
    with pytest.raises(SystemCheckError) as error:
        call_command("assess_filing", "--json", skip_checks=False, stdin=None)
    assert E001 in str(error.value)


def test_the_office_of_industrial_relations_address_is_edited_in_the_admin(admin_client):
    url = reverse("admin:practice_directions_notificationrecipient_change", args=["oir"])
    response = admin_client.post(
        url,
        {
            "code": "oir",
            "name": "Office of Industrial Relations",
            "address": "awards@oir.example.org",
            "paragraph": "11",
            "purpose": "",
        },
    )
    assert response.status_code == 302
    assert load_rules().recipient("oir").address == "awards@oir.example.org"


def test_pd16_dates_are_edited_in_the_admin(admin_client):
    pd16 = PD16_RULES.practice_direction(16)
    from practice_directions.models import PracticeDirection

    row = PracticeDirection.objects.get(number=16)
    url = reverse("admin:practice_directions_practicedirection_change", args=[row.pk])
    response = admin_client.post(
        url,
        {
            "number": "16",
            "title": pd16.title,
            "gazetted_on": "2004-11-12",
            "commences_on": "2004-11-26",
            "replaces": str(row.replaces_id),
            "requires_electronic_copies": "on",
        },
    )
    assert response.status_code == 302
    assert load_rules().practice_direction_in_force(pd16.commences_on) is None


def test_an_edit_that_breaks_the_rules_is_refused_in_the_admin_with_the_problem(admin_client):
    """Issue 10 §1: a bad edit is refused when saved, not reported at the next command."""
    s84 = ProceedingType.objects.get(code="s84")
    url = reverse("admin:practice_directions_proceedingtype_change", args=[s84.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data["email_class"] = "s34"  # PD16 para 3(a): exempt proceedings have no e-mail channel
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "would leave the rules inconsistent" in errors
    assert "rules." not in errors  # said in words, not as a code
    s84.refresh_from_db()
    assert s84.email_class_id is None
    assert check_rules_data() == []


def test_an_edit_that_keeps_the_rules_whole_is_saved(admin_client):
    s106 = ProceedingType.objects.get(code="s106")
    url = reverse("admin:practice_directions_proceedingtype_change", args=[s106.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data["name"] = "Unfair dismissal (renamed)"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert ProceedingType.objects.get(code="s106").name == "Unfair dismissal (renamed)"


def test_database_checks_leave_e001_to_commands_that_name_a_database():
    """E001 is registered under the database tag: without databases it reads nothing."""
    NotificationRecipient.objects.all().delete()
    assert check_rules_data(databases=None) == []
    assert {e.id for e in check_rules_data(databases=["default"])} == {E001}


def test_e001_is_registered_under_the_database_tag():
    from django.core.checks import registry

    [registered] = [c for c in registry.registry.get_checks() if c is check_rules_data]
    assert "database" in registered.tags


def test_rules_are_read_once_in_a_request_or_command(django_assert_num_queries):
    from practice_directions.selectors import forget_loaded_rules, rules_read_once

    with rules_read_once():
        with django_assert_num_queries(6):  # the token and the five tables
            first = load_rules()
        with django_assert_num_queries(0):
            assert load_rules() is first
        DocumentKind.objects.create(name="Outline of argument")
        forget_loaded_rules()  # after an edit
        with django_assert_num_queries(6):  # a new token: read again
            assert load_rules() != first
    with django_assert_num_queries(1):
        load_rules()  # outside a request or command: the token, and the rules kept

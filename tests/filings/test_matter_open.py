"""Opening matters: numbering (IRCYYYY/NNNN), validation, and the open_matter command."""

import datetime
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from filings.models import Matter, Party
from filings.services import PartySpec, matter_open

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _open(**overrides):
    arguments = {
        "proceeding_code": "s106",
        "title": "Jane Citizen v Acme Widgets Pty Ltd",
        "opened_on": datetime.date(2026, 5, 4),
    }
    arguments.update(overrides)
    return matter_open(**arguments)


def test_numbers_are_sequential_within_a_year_and_restart_each_year():
    first = _open()
    second = _open()
    next_year = _open(opened_on=datetime.date(2027, 1, 2))
    assert [first.number, second.number, next_year.number] == [
        "IRC2026/0001",
        "IRC2026/0002",
        "IRC2027/0001",
    ]


def test_parties_are_recorded_with_their_representation():
    matter = _open(
        parties=[
            PartySpec("Jane Citizen", "applicant", "solicitor"),
            PartySpec("Acme Widgets Pty Ltd", "respondent", "industrial-organisation"),
            PartySpec("Minister for Industrial Relations", "intervenor", "unrepresented"),
        ]
    )
    parties = {p.name: (p.role, p.representation, p.is_represented) for p in matter.parties.all()}
    assert parties == {
        "Jane Citizen": ("applicant", "solicitor", True),
        "Acme Widgets Pty Ltd": ("respondent", "industrial-organisation", True),
        "Minister for Industrial Relations": ("intervenor", "unrepresented", False),
    }


def test_abbreviated_title_defaults_to_a_short_title():
    assert _open(title="Smith v Jones").abbreviated_title == "Smith v Jones"


def test_long_title_needs_an_abbreviated_title_for_the_label():
    with pytest.raises(ValidationError) as error:
        _open(title="A" * 200)
    assert error.value.error_dict["abbreviated_title"][0].code == "matter.abbreviated_title_missing"


def test_every_problem_is_reported_and_nothing_is_created():
    with pytest.raises(ValidationError) as error:
        matter_open(
            proceeding_code="s999",
            title="  ",
            opened_on=datetime.date(2026, 1, 1),
            parties=[PartySpec("X", "plaintiff", "lawyer")],
        )
    codes = {field: [e.code for e in errors] for field, errors in error.value.error_dict.items()}
    assert codes == {
        "proceeding": ["matter.proceeding_unknown"],
        "title": ["matter.title_missing"],
        "parties": ["party.role_invalid", "party.representation_invalid"],
    }
    assert Matter.objects.count() == 0
    assert Party.objects.count() == 0


def test_agreement_matters_need_the_short_title_of_the_agreement():
    with pytest.raises(ValidationError) as error:
        _open(proceeding_code="s34")
    assert error.value.error_dict["agreement_short_title"][0].code == (
        "matter.agreement_short_title_missing"
    )
    matter = _open(proceeding_code="s34", agreement_short_title="Acme Enterprise Agreement 2026")
    assert matter.agreement_short_title == "Acme Enterprise Agreement 2026"


def test_a_failed_opening_does_not_use_up_a_number():
    _open()
    with pytest.raises(ValidationError):
        _open(parties=[PartySpec("Same", "applicant", "solicitor")] * 2)
    assert _open().number == "IRC2026/0002"


def test_command_prints_json_with_the_allocated_number(capsys):
    call_command(
        "open_matter",
        "--proceeding",
        "rule32",
        "--title",
        "Clerical and Administrative Employees (State) Award",
        "--abbreviated-title",
        "Clerical Award",
        "--opened-on",
        "2004-07-01",
        "--party",
        "Australian Services Union of NSW:applicant:industrial-organisation",
        "--json",
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["number"] == "IRC2004/0001"
    assert payload["abbreviated_title"] == "Clerical Award"
    assert payload["proceeding"] == "rule32"
    assert payload["opened_on"] == "2004-07-01"
    assert payload["parties"] == [
        {
            "name": "Australian Services Union of NSW",
            "role": "applicant",
            "representation": "industrial-organisation",
        }
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--party", "Jane Citizen:plaintiff:solicitor"], "role 'plaintiff'"),
        (["--party", "no colons"], "NAME:ROLE:REPRESENTATION"),
        (["--opened-on", "4/5/2026"], "YYYY-MM-DD"),
        (["--proceeding", "s34"], "short title"),
    ],
)
def test_command_bad_arguments_exit_2_and_create_nothing(arguments, message):
    base = ["--proceeding", "s106", "--title", "Citizen v Acme"]
    with pytest.raises(CommandError) as error:
        call_command("open_matter", *base, *arguments)
    assert error.value.returncode == 2
    assert message in str(error.value)
    assert Matter.objects.count() == 0


def test_command_line_unknown_proceeding_exits_with_status_2():
    result = subprocess.run(
        [sys.executable, "manage.py", "open_matter", "--proceeding", "s999", "--title", "X"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "invalid choice: 's999'" in result.stderr


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrations_data_seeded")
def test_concurrent_openings_get_distinct_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks between concurrent connections need PostgreSQL; SQLite serialises.")
    numbers: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(20)

    def open_one(index: int) -> None:
        from django.db import connection as thread_connection

        try:
            start.wait()
            numbers.append(_open(title=f"Concurrent matter {index}").number)
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(numbers) == [f"IRC2026/{n:04d}" for n in range(1, 21)]

"""The two commands: assess_filing (JSON lines in, decisions out) and check_email_subject."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from practice_directions.models import EmailClass, PracticeDirection

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def assess(*lines: str, json_output: bool = True) -> list:
    out = io.StringIO()
    arguments = ["--json"] if json_output else []
    call_command(
        "assess_filing", *arguments, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out
    )
    text = out.getvalue().splitlines()
    return [json.loads(line) for line in text] if json_output else text


def scenario(**values) -> str:
    base = {
        "proceeding": "other",
        "filed_on": "2005-03-01",
        "represented": True,
        "document_kind": "Affidavit",
        "role": "principal",
    }
    return json.dumps(base | values)


def test_one_decision_per_line_with_exactly_the_keys():
    [decision] = assess(scenario(document_kind="Proposed orders"))
    assert list(decision) == [
        "electronic_copy_required",
        "due_by",
        "email_lodgment_allowed",
        "email_address",
        "reasons",
    ]
    assert decision["electronic_copy_required"] is True
    assert decision["due_by"] == "2005-03-01"
    assert decision["email_lodgment_allowed"] is False
    assert decision["email_address"] is None
    assert [r["paragraph"] for r in decision["reasons"]] == ["5", "5"]
    assert all(r["text"] for r in decision["reasons"])


@pytest.mark.parametrize(
    ("values", "required", "due_by", "address", "paragraphs"),
    [
        ({"proceeding": "s84"}, False, None, None, ["3(a)"]),
        ({"proceeding": "s99"}, False, None, None, ["3(a)"]),
        ({"proceeding": "s130"}, False, None, None, ["3(a)"]),
        ({"proceeding": "s106"}, False, None, None, ["3(b)"]),
        (
            {"proceeding": "s106", "certificate_of_unsuccessful_conciliation_on": "2005-03-10"},
            True,
            "2005-04-07",
            None,
            ["3(b)"],
        ),
        ({"represented": False}, False, None, None, ["3(c)"]),
        (
            {"role": "annexure", "annexure_not_readily_available": True},
            False,
            None,
            None,
            ["3(d)"],
        ),
        ({"document_kind": "notice of appearance"}, False, None, None, ["3(e)"]),
        (
            {"represented": False, "directions": [{"kind": "direct", "document_kinds": "all"}]},
            True,
            "2005-03-01",
            None,
            ["3(c)", "7"],
        ),
        (
            {
                "document_kind": "Notice of Appearance",
                "directions": [{"kind": "direct", "document_kinds": ["Notice of Appearance"]}],
            },
            True,
            "2005-03-01",
            None,
            ["3(e)", "7"],
        ),
        (
            {"directions": [{"kind": "waive", "document_kinds": ["Affidavit"]}]},
            False,
            None,
            None,
            ["7"],
        ),
        ({"filed_on": "2004-11-18"}, False, None, None, ["2"]),
        (
            {"proceeding": "s34"},
            True,
            "2005-03-01",
            "irc_electronic_services@agd.nsw.gov.au",
            ["5", "9", "10"],
        ),
        (
            {"proceeding": "s324"},
            True,
            "2005-03-01",
            "irc_electronic_services@agd.nsw.gov.au",
            ["5", "9", "10"],
        ),
        (
            {
                "proceeding": "rule32",
                "document_kind": "Award or award variation",
                "commission_deadline": "2005-03-15",
            },
            True,
            "2005-03-15",
            "irc_electronic_services@agd.nsw.gov.au",
            ["11", "9", "10"],
        ),
        (
            {"document_kind": "Submissions", "submissions_directed": True},
            True,
            "2005-03-01",
            "irc_client_services@agd.nsw.gov.au",
            ["5", "9", "10"],
        ),
    ],
)
def test_decisions_by_paragraph(values, required, due_by, address, paragraphs):
    [decision] = assess(scenario(**values))
    assert decision["electronic_copy_required"] is required
    assert decision["due_by"] == due_by
    assert decision["email_address"] == address
    assert decision["email_lodgment_allowed"] is (address is not None)
    assert [r["paragraph"] for r in decision["reasons"]] == paragraphs


def test_invalid_lines_get_an_error_and_the_command_goes_on():
    decisions = assess(
        scenario(),
        "{not json",
        "",
        scenario(proceeding="s999"),
        json.dumps({"proceeding": "other"}),
        scenario(filed_on="2005-13-01"),
        scenario(document_kind="Writ of summons"),
        scenario(directions=[{"kind": "direct", "document_kinds": ["Pleading"]}]),
        "[1, 2]",
        scenario(proceeding="s84"),
    )
    assert len(decisions) == 9  # the blank line is skipped
    assert decisions[0]["electronic_copy_required"] is True
    errors = [d.get("error", "") for d in decisions[1:8]]
    assert all(errors)
    assert all(set(d) == {"error"} for d in decisions[1:8])
    assert errors[0].startswith("line 2:")
    assert "s999" in errors[1]
    assert "filed_on" in errors[2] and "document_kind" in errors[2]
    assert "filed_on" in errors[3]
    assert "Writ of summons" in errors[4]
    assert "Pleading" in errors[5]
    assert "object" in errors[6]
    assert decisions[8]["reasons"][0]["paragraph"] == "3(a)"


def test_the_rules_are_read_from_the_database():
    EmailClass.objects.filter(code="s34").update(address="agreements@irc.example.org")
    PracticeDirection.objects.filter(number=16).update(
        gazetted_on="2005-02-01", commences_on="2005-02-15"
    )
    early, later = assess(
        scenario(proceeding="s34", filed_on="2005-02-14"),
        scenario(proceeding="s34", filed_on="2005-02-15"),
    )
    assert early["reasons"][0]["paragraph"] == "2"
    assert later["email_address"] == "agreements@irc.example.org"


def test_readable_output_without_json():
    lines = assess(scenario(proceeding="s84"), "oops", json_output=False)
    assert lines[0].startswith("line 1: Electronic copy: exempt")
    assert any("para 3(a)" in line for line in lines)
    assert lines[-1].startswith("line 2: error:")


def check_subject(*arguments: str) -> tuple[dict, int]:
    out = io.StringIO()
    try:
        call_command("check_email_subject", *arguments, stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return json.loads(out.getvalue()), status


@pytest.mark.parametrize(
    ("arguments", "valid"),
    [
        (
            ["--class", "s34", "--title", "Acme Enterprise Agreement", "Acme enterprise agreement"],
            True,
        ),
        (["--class", "s34", "--title", "Acme Enterprise Agreement", "Acme agreement"], False),
        (
            ["--class", "s324", "--title", "Jones Contract Agreement", "JONES CONTRACT AGREEMENT"],
            True,
        ),
        (["--class", "s324", "--title", "Jones Contract Agreement", "Contract"], False),
        (
            [
                "--class",
                "rule32",
                "--matter",
                "IRC2004/1000",
                "--title",
                "Clerical Award",
                "Clerical Award IRC2004/1000",
            ],
            True,
        ),
        (
            [
                "--class",
                "rule32",
                "--matter",
                "IRC2004/1000",
                "--title",
                "Clerical Award",
                "Clerical Award 2004/1000",
            ],
            False,
        ),
        (
            [
                "--class",
                "submissions",
                "--matter",
                "IRC2004/1000",
                "--title",
                "Smith v Jones",
                "Submissions Smith v Jones IRC2004/1000",
            ],
            True,
        ),
        (
            [
                "--class",
                "submissions",
                "--matter",
                "IRC2004/1000",
                "--title",
                "Smith v Jones",
                "Submissions IRC2004/1000",
            ],
            False,
        ),
    ],
)
def test_check_email_subject_prints_and_exits_by_validity(arguments, valid):
    payload, status = check_subject(*arguments)
    assert set(payload) == {"valid", "problems"}
    assert payload["valid"] is valid
    assert status == (0 if valid else 1)
    assert (payload["problems"] == []) is valid


def test_check_email_subject_names_what_is_missing():
    payload, _ = check_subject(
        "--class", "rule32", "--matter", "IRC2004/1000", "--title", "Clerical Award", "Award"
    )
    assert len(payload["problems"]) == 2
    assert any("IRC2004/1000" in p for p in payload["problems"])
    assert any("Clerical Award" in p for p in payload["problems"])


def test_check_email_subject_refuses_a_malformed_matter_number():
    with pytest.raises(CommandError) as error:
        call_command("check_email_subject", "--class", "rule32", "--matter", "2004/1000", "x")
    assert error.value.returncode == 2


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """A real SQLite file, migrated by manage.py, for the commands as a shell runs them."""
    path = tmp_path_factory.mktemp("cli") / "registry.sqlite3"
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "registry.settings.test",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--skip-checks"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def _run(env, *arguments, stdin=""):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_command_lines_end_to_end(migrated_database):
    result = _run(
        migrated_database,
        "assess_filing",
        "--json",
        stdin=scenario(proceeding="s106", certificate_of_unsuccessful_conciliation_on="2005-03-10")
        + "\nnot json\n"
        + scenario(proceeding="s130")
        + "\n",
    )
    assert result.returncode == 0, result.stderr
    first, error, last = (json.loads(line) for line in result.stdout.splitlines())
    assert first["due_by"] == "2005-04-07"
    assert set(error) == {"error"}
    assert last["electronic_copy_required"] is False

    good = _run(
        migrated_database,
        "check_email_subject",
        "--class",
        "rule32",
        "--matter",
        "IRC2004/1000",
        "--title",
        "Clerical Award",
        "Clerical Award IRC2004/1000",
    )
    bad = _run(
        migrated_database,
        "check_email_subject",
        "--class",
        "rule32",
        "--matter",
        "IRC2004/1000",
        "--title",
        "Clerical Award",
        "Clerical Award",
    )
    wrong = _run(migrated_database, "check_email_subject", "--class", "fax", "x")
    assert (good.returncode, json.loads(good.stdout)["valid"]) == (0, True)
    assert (bad.returncode, json.loads(bad.stdout)["valid"]) == (1, False)
    assert wrong.returncode == 2

"""validate_discovery_list: the interface other tooling depends on (keys and exit codes)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.discovery.lists import csv_bytes, good_rows, row, write, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    completed = subprocess.run(
        [sys.executable, "manage.py", "validate_discovery_list", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return completed.returncode, completed.stdout, completed.stderr


def test_good_list_exits_0_with_the_exact_json(fixtures_dir):
    code, out, _ = run(fixtures_dir / "discovery" / "sample.csv", "--json")
    assert code == 0
    assert json.loads(out) == {"rows": 4, "valid_rows": 4, "problems": []}


def test_problems_exit_1_with_each_problem_keyed_exactly(fixtures_dir):
    code, out, _ = run(fixtures_dir / "discovery" / "sample-problems.csv", "--json")
    assert code == 1
    result = json.loads(out)
    assert list(result) == ["rows", "valid_rows", "problems"]
    assert (result["rows"], result["valid_rows"]) == (6, 4)
    assert all(
        list(p) == ["row", "field", "code", "message", "paragraph"] for p in result["problems"]
    )
    assert [(p["row"], p["code"]) for p in result["problems"]] == [
        (5, "date.month_year"),
        (5, "status.invalid"),
        (6, "privilege.basis_missing"),
        (6, "author.form"),
    ]
    assert result["problems"][0]["paragraph"] == "PN127 Recommended Fields: Date"


def test_whole_list_problem_has_null_row(tmp_path):
    path = write(tmp_path / "l.csv", csv_bytes([["ABC.001.001.0001"]], header=["Document ID"]))
    code, out, _ = run(path, "--json")
    problems = json.loads(out)["problems"]
    assert code == 1
    assert {p["row"] for p in problems} == {None}
    assert {p["code"] for p in problems} == {"header.default_field_missing"}


def test_unreadable_file_exits_2_with_a_clear_message(tmp_path):
    code, out, err = run(tmp_path / "missing.csv", "--json")
    assert code == 2 and out == ""
    assert "cannot be read" in err and "missing.csv" in err
    code, _, err = run(write(tmp_path / "empty.csv", b""))
    assert code == 2 and "empty" in err


def test_pattern_and_undated_flags(tmp_path):
    rows = [row(Document_ID="DOC-1", Date="")]
    path = write(tmp_path / "l.xlsx", xlsx_bytes(rows))
    code, out, _ = run(path, "--json")
    assert code == 1 and [p["code"] for p in json.loads(out)["problems"]] == ["document_id.pattern"]
    code, out, _ = run(path, "--json", "--pattern", r"^DOC-\d+$", "--undated", "01/Jan/1801")
    assert code == 1 and [p["code"] for p in json.loads(out)["problems"]] == [
        "date.undated_convention"
    ]
    code, out, _ = run(path, "--json", "--pattern", r"^DOC-\d+$", "--undated", "blank")
    assert code == 0


@pytest.mark.parametrize("args", [["--pattern", "(unclosed"], ["--undated", "sometime"]])
def test_bad_flags_exit_2(tmp_path, args):
    path = write(tmp_path / "l.csv", csv_bytes(good_rows()))
    code, _, err = run(path, *args)
    assert code == 2 and err


def test_readable_report_without_json(fixtures_dir):
    code, out, _ = run(fixtures_dir / "discovery" / "sample-problems.csv")
    assert code == 1
    assert "6 rows, 4 without errors" in out
    assert "row 5 Status: error status.invalid" in out

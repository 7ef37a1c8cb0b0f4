"""manage.py check_document: human-readable and --json output, exit status 0 or 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.validation.paths import CORPUS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
KEYS = ["path", "format", "valid", "roles", "acceptable", "errors", "warnings", "sha256", "size"]
KEYS += ["pages", "flags"]


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_json_prints_one_object_per_file_with_the_issues_keys(capsys):
    paths = [str(CORPUS / "affidavit.doc"), str(CORPUS / "submissions.rtf")]

    call_command("check_document", *paths, "--json")

    records = json_lines(capsys.readouterr().out)
    assert [list(r) for r in records] == [KEYS, KEYS]
    assert [r["path"] for r in records] == paths
    assert [r["format"] for r in records] == ["DOC", "RTF"]
    assert all(r["acceptable"] and r["valid"] for r in records)
    assert records[0]["roles"] == ["principal", "annexure"]


def test_refused_file_exits_1_and_still_prints_every_file(capsys):
    paths = [str(CORPUS / "affidavit.doc"), str(CORPUS / "pdf-named.doc")]

    with pytest.raises(CommandError) as raised:
        call_command("check_document", *paths, "--json")

    assert raised.value.returncode == 1
    affidavit, pdf = json_lines(capsys.readouterr().out)
    assert affidavit["acceptable"] is True
    assert pdf["format"] == "PDF"
    assert pdf["acceptable"] is False
    assert [e["code"] for e in pdf["errors"]] == ["format.pdf_not_acceptable"]
    assert pdf["errors"][0]["paragraph"] == "4"
    assert "extension-mismatch" in pdf["flags"]


def test_role_decides_whether_an_image_is_acceptable(capsys):
    image = str(CORPUS / "multipage.tif")

    call_command("check_document", image, "--role", "annexure", "--json")
    (as_annexure,) = json_lines(capsys.readouterr().out)
    with pytest.raises(CommandError):
        call_command("check_document", image, "--json")
    (as_principal,) = json_lines(capsys.readouterr().out)

    assert as_annexure["acceptable"] is True
    assert as_annexure["pages"] == 3
    assert as_annexure["roles"] == ["annexure"]
    assert as_principal["acceptable"] is False
    assert [e["code"] for e in as_principal["errors"]] == ["format.image_not_principal"]


def test_human_output_names_verdict_codes_and_paragraphs(capsys):
    with pytest.raises(CommandError):
        call_command("check_document", str(CORPUS / "macros.doc"))

    out = capsys.readouterr().out
    assert "REFUSED" in out
    assert "doc.macros (PN127 9-10)" in out
    assert "flags: macros" in out


def test_human_output_for_an_acceptable_image(capsys):
    call_command("check_document", str(CORPUS / "low-resolution.jpg"), "--role", "annexure")

    out = capsys.readouterr().out
    assert "ACCEPTABLE as an annexure" in out
    assert "warning image.resolution (PN127 Schedule (a))" in out


def run_manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check_document", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_py_exit_status_is_0_when_all_acceptable_and_1_otherwise():
    good = run_manage("--json", str(CORPUS / "affidavit.doc"), str(CORPUS / "word95.doc"))
    bad = run_manage("--json", str(CORPUS / "affidavit.doc"), str(CORPUS / "spreadsheet.xls"))

    assert good.returncode == 0, good.stderr
    assert [r["format"] for r in json_lines(good.stdout)] == ["DOC", "DOC"]
    assert bad.returncode == 1
    assert json_lines(bad.stdout)[1]["errors"][0]["code"] == "format.not_acceptable"
    assert "1 of 2 files" in bad.stderr

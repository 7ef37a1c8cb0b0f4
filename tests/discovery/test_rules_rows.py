"""PN127 Recommended Fields: each row rule, checked without a database."""

import dataclasses

import pytest

from practice_directions.rules.discovery import (
    CODES,
    PN127_DEFAULTS,
    RECOMMENDED_FIELDS,
    UNDATED_1801,
    check_date,
    match_header,
    person_list_ok,
    validate_rows,
)
from tests.discovery.lists import HEADER, good_rows, row


def codes(rows, conventions=PN127_DEFAULTS, header=HEADER):
    return [p.code for p in validate_rows(header, rows, conventions).problems]


def test_the_good_list_has_no_problem():
    report = validate_rows(HEADER, good_rows(), PN127_DEFAULTS)
    assert report.problems == ()
    assert (report.rows, report.valid_rows, report.errors, report.warnings) == (4, 4, 0, 0)


def test_lengths_are_exactly_as_the_note_gives_them():
    lengths = {f.name: f.max_length for f in RECOMMENDED_FIELDS}
    assert lengths["Document type"] == 254
    assert lengths["Privilege"] == 6
    assert lengths["Basis of Privilege"] == 50
    assert lengths["Status"] == 10
    assert lengths["Source"] == 20
    assert lengths["Document Group"] == 3
    assert lengths["Non-paper record"] == 3
    assert lengths["Date"] == 11
    for name in ("Author", "Author Organisation", "Addressee", "Addressee Organisation"):
        assert lengths[name] == 254
    assert lengths["Parties"] == lengths["Title"] == 254


@pytest.mark.parametrize(
    "header,field",
    [
        ("DOCUMENT ID", "Document ID"),
        ("doc_id", "Document ID"),
        ("  document type ", "Document type"),
        ("Basis Of Privilege", "Basis of Privilege"),
        ("NON-PAPER RECORD", "Non-paper record"),
        ("\ufeffDocument ID", "Document ID"),
        ("Box number", None),
    ],
)
def test_headers_match_recommended_fields_case_insensitively(header, field):
    assert match_header(header) == field


# --- Document ID ---


def test_document_id_missing_is_an_error():
    assert codes([row(Document_ID="")]) == ["document_id.missing"]


@pytest.mark.parametrize("value", ["AB.001.001.0001", "ABC.1.001.0001", "abc.001.001.0001"])
def test_document_id_outside_the_pattern_is_refused(value):
    assert "document_id.pattern" in codes([row(Document_ID=value)])


def test_document_id_pattern_follows_the_protocol():
    conventions = dataclasses.replace(PN127_DEFAULTS, document_id_pattern=r"^DOC-\d+$")
    assert codes([row(Document_ID="DOC-12")], conventions) == []
    assert codes([row(Document_ID="ABC.001.001.0001")], conventions) == ["document_id.pattern"]


def test_document_id_used_twice_is_refused_on_the_second_row():
    report = validate_rows(HEADER, [row(), row()], PN127_DEFAULTS)
    (problem,) = report.problems
    assert (problem.row, problem.code, problem.field) == (2, "document_id.duplicate", "Document ID")
    assert problem.paragraph == "PN127 Recommended Fields: Document ID"
    assert report.valid_rows == 1


# --- Date ---


@pytest.mark.parametrize("value", ["05/Sep/1996", "29/Feb/2000", "31/dec/1999", "01/Jan/1801"])
def test_good_dates_pass(value):
    assert check_date(value).code is None


@pytest.mark.parametrize(
    "value,code",
    [
        ("31/Feb/1996", "date.not_a_date"),
        ("29/Feb/1900", "date.not_a_date"),
        ("00/Sep/1996", "date.zero_part"),
        ("05/Sep/0000", "date.zero_part"),
        ("00/00/0000", "date.zero_part"),
        ("05/09/1996", "date.numeric_month"),
        ("1996-09-05", "date.numeric_month"),
        ("Undated", "date.words"),
        ("circa 1990", "date.words"),
        ("August 1997", "date.month_year"),
        ("Aug 1997", "date.month_year"),
        ("1997", "date.year_only"),
        ("04/Apr", "date.no_year"),
        ("5/Sep/1996", "date.format"),
        ("05 September 1996", "date.format"),
        ("05/Sep/96", "date.format"),
        ("05/Sept/1996", "date.format"),
        ("05/Xyz/1996", "date.format"),
    ],
)
def test_bad_dates_are_refused_with_a_code_that_says_why(value, code):
    found = codes([row(Date=value)])
    assert code in found
    # A date longer than the field's 11 characters is also too long; nothing else is said.
    assert set(found) <= {code, "field.too_long"}


def test_month_year_message_shows_how_to_code_it():
    verdict = check_date("August 1997")
    assert "01/Aug/1997" in verdict.message and "Estimated Date" in verdict.message


def test_blank_date_is_undated_by_default():
    assert codes([row(Date="")]) == []


def test_blank_date_is_refused_when_the_protocol_codes_undated_as_a_date():
    conventions = dataclasses.replace(PN127_DEFAULTS, undated=UNDATED_1801)
    assert codes([row(Date="")], conventions) == ["date.undated_convention"]
    assert codes([row(Date="01/Jan/1801")], conventions) == []


def test_estimated_date_must_be_yes_or_no():
    assert codes([row(Estimated_Date="Perhaps")]) == ["estimated_date.invalid"]
    assert codes([row(Date="01/Jan/1997", Estimated_Date="Yes")]) == []


def test_estimated_date_not_on_the_first_of_a_month_is_a_warning():
    report = validate_rows(HEADER, [row(Date="17/Aug/1997", Estimated_Date="Yes")], PN127_DEFAULTS)
    assert [p.code for p in report.problems] == ["estimated_date.not_first"]
    assert report.warnings == 1 and report.errors == 0 and report.valid_rows == 1


# --- Privilege, Status, Non-paper record ---


@pytest.mark.parametrize("value", ["yes", "Maybe", "Y"])
def test_privilege_is_yes_no_or_part(value):
    assert codes([row(Privilege=value)]) == ["privilege.invalid"]


@pytest.mark.parametrize("value", ["YES", "PART"])
def test_basis_of_privilege_is_required_for_yes_and_part(value):
    assert codes([row(Privilege=value)]) == ["privilege.basis_missing"]
    assert codes([row(Privilege=value, Basis_of_Privilege="s118 Evidence Act")]) == []


def test_basis_of_privilege_required_even_without_its_column():
    header = [h for h in HEADER if h != "Basis of Privilege"]
    cells = [
        c for h, c in zip(HEADER, row(Privilege="YES"), strict=True) if h != "Basis of Privilege"
    ]
    assert codes([cells], header=header) == ["privilege.basis_missing"]


@pytest.mark.parametrize(
    "value,ok",
    [("Copy", True), ("Original", True), ("Fax", True), ("copy", False), ("Scan", False)],
)
def test_status_is_copy_original_or_fax(value, ok):
    assert codes([row(Status=value)]) == ([] if ok else ["status.invalid"])


@pytest.mark.parametrize("value,ok", [("YES", True), ("NO", True), ("Y", False), ("no", False)])
def test_non_paper_record_is_yes_or_no(value, ok):
    assert codes([row(Non_paper_record=value)]) == ([] if ok else ["non_paper_record.invalid"])


# --- Author and Addressee ---


@pytest.mark.parametrize(
    "value,ok",
    [
        ("Smith B", True),
        ("Brown J; Jones J", True),
        ("Brown J; Jones J;", True),
        ("O'Brien K", True),
        ("Van Der Berg JP", True),
        ("Smith-Jones A.B.", True),
        ("Bob Smith", False),
        ("smith", False),
        ("Smith B, Jones J", False),
        ("B. Smith", False),
    ],
)
def test_people_are_in_the_smith_b_form(value, ok):
    assert person_list_ok(value) is ok


def test_author_and_addressee_in_another_form_are_warnings_not_errors():
    report = validate_rows(HEADER, [row(Author="Bob Smith", Addressee="everyone")], PN127_DEFAULTS)
    assert [p.code for p in report.problems] == ["author.form", "addressee.form"]
    assert report.errors == 0 and report.valid_rows == 1
    assert all(p.severity == "warning" for p in report.problems)


# --- lengths ---


@pytest.mark.parametrize(
    "field,limit",
    [
        ("Document_type", 254),
        ("Title", 254),
        ("Basis_of_Privilege", 50),
        ("Source", 20),
        ("Author_Organisation", 254),
        ("Addressee_Organisation", 254),
    ],
)
def test_every_field_within_its_length(field, limit):
    assert codes([row(**{field: "x" * limit})]) == []
    assert "field.too_long" in codes([row(**{field: "x" * (limit + 1)})])


def test_too_long_names_the_field_and_the_length():
    report = validate_rows(HEADER, [row(Source="S" * 21)], PN127_DEFAULTS)
    (problem,) = report.problems
    assert problem.field == "Source" and "20" in problem.message


# --- columns ---


def test_each_missing_default_field_is_a_whole_list_problem():
    header = ["Document ID", "Status"]
    report = validate_rows(header, [["ABC.001.001.0001", "Copy"]], PN127_DEFAULTS)
    missing = [p for p in report.problems if p.code == "header.default_field_missing"]
    assert [p.field for p in missing] == [
        "Date",
        "Document type",
        "Author/Author organisation",
        "Addressee/Addressee organisation",
        "Title",
    ]
    assert all(p.row is None for p in missing)
    assert all(p.paragraph.startswith("PN127 Schedule (d)") for p in missing)


def test_author_organisation_alone_satisfies_default_field_four():
    header = [h for h in HEADER if h not in ("Author", "Addressee")]
    assert "header.default_field_missing" not in codes([], header=header)


def test_a_field_in_use_by_the_protocol_must_be_a_column():
    conventions = dataclasses.replace(
        PN127_DEFAULTS, fields_in_use=(*PN127_DEFAULTS.fields_in_use, "Parties")
    )
    assert codes([], conventions) == ["header.field_missing"]


def test_two_columns_for_one_field_are_refused():
    assert codes([], header=[*HEADER, "DOC ID"]) == ["header.duplicate_column"]


def test_extra_cells_beyond_the_header_are_refused():
    assert codes([[*row(), "stray"]]) == ["row.extra_cells"]


def test_every_code_has_a_severity():
    assert set(CODES.values()) == {"error", "warning"}

"""PN127 as applied to a matter: scope when in part (PD16 para 8), the protocol's settings
(schedules (a)-(d), Recommended Fields) and the guidance of paras 11, 13 and 14. No database."""

from __future__ import annotations

import re

import pytest

from practice_directions.rules.pn127_protocol import (
    DEFAULT_DOCUMENT_ID_PATTERN,
    DEFAULT_FIELDS,
    PatternError,
    document_id_regex,
    fields_in_use,
    pn127_scope,
    second_directions_guidance,
    undated_convention_problem,
)
from practice_directions.rules.technology_checklist import STAGES


@pytest.mark.parametrize(
    ("extent", "parts", "stages", "code"),
    [
        ("whole", "", STAGES, "scope.whole"),
        ("part", "5, 6, 9-10", ("pre_trial",), "scope.part"),
        ("part", "11-20", ("discovery", "inspection"), "scope.part"),
        ("part", "11 to 21", ("discovery", "inspection", "trial"), "scope.part"),
        ("part", "12\u201314", ("discovery", "inspection"), "scope.part"),
        ("part", "2(d)", ("inspection",), "scope.part"),
        ("part", "2(c), 21", ("pre_trial", "trial"), "scope.part"),
        ("part", "2", STAGES, "scope.part"),
        ("part", "Technology Check List only", STAGES, "scope.checklist_named"),
        ("part", "15 and the annexure", STAGES, "scope.checklist_named"),
        ("part", "1, 3, 4", (), "scope.no_checklist_stage"),
        ("part", "99", (), "scope.no_checklist_stage"),
    ],
)
def test_stages_in_scope(extent, parts, stages, code):
    scope = pn127_scope(extent=extent, parts=parts)
    assert (scope.stages, scope.codes) == (stages, (code,))
    assert scope.reasons[0].paragraph == "8"


@pytest.mark.parametrize(
    ("pattern", "matches", "refuses"),
    [
        (DEFAULT_DOCUMENT_ID_PATTERN, "ABC.001.002.0003", "ABC.001.002.003"),
        ("AAA-NNNN", "XYZ-0042", "XYZ.0042"),
        ("NNNN", "0001", "A001"),
    ],
)
def test_document_id_pattern_becomes_a_regex(pattern, matches, refuses):
    regex = document_id_regex(pattern)
    assert re.match(regex, matches)
    assert not re.match(regex, refuses)


def test_default_pattern_regex_is_exact():
    assert document_id_regex("AAA.NNN.NNN.NNNN") == r"^[A-Z]{3}\.[0-9]{3}\.[0-9]{3}\.[0-9]{4}$"


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("", "id.empty"),
        ("AAA.NNN*", "id.bad_symbol"),
        ("...", "id.no_symbol"),
        ("A" * 41, "id.too_long"),
    ],
)
def test_bad_patterns_are_refused_with_a_code(pattern, code):
    with pytest.raises(PatternError) as raised:
        document_id_regex(pattern)
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("blank", True),
        ("01/Jan/1801", True),
        ("31/Dec/1900", True),
        ("30/Feb/1801", False),
        ("00/00/0000", False),
        ("1/Jan/1801", False),
        ("01/JAN/1801", False),
        ("undated", False),
    ],
)
def test_undated_convention(value, ok):
    problem = undated_convention_problem(value)
    assert (problem is None) is ok
    if not ok:
        assert problem[1] == "undated.invalid"


def test_the_six_default_fields_are_always_in_use():
    assert DEFAULT_FIELDS == (
        "Document ID",
        "Date",
        "Document type",
        "Author",
        "Author Organisation",
        "Addressee",
        "Addressee Organisation",
        "Title",
    )
    assert fields_in_use([]) == DEFAULT_FIELDS
    in_use = fields_in_use(["Privilege", "Nonsense", "Document ID"])
    assert "Privilege" in in_use and "Nonsense" not in in_use
    assert in_use.index("Privilege") > in_use.index("Document type")


@pytest.mark.parametrize(("count", "advises"), [(0, False), (500, False), (501, True)])
def test_guidance_by_the_second_directions_hearing(count, advises):
    reasons = second_directions_guidance(discoverable_documents=count)
    paragraphs = [r.paragraph for r in reasons]
    assert paragraphs[:4] == ["14(a)", "14(b)", "14(c)", "13"]
    assert ("guidance.over_500_documents" in [r.code for r in reasons]) is advises

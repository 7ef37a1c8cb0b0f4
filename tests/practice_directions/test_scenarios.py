"""Reading assess_filing scenarios into facts: every problem in a line reported. Pure."""

import datetime

import pytest

from practice_directions.rules import DirectionFact, FactsError
from practice_directions.scenarios import parse_scenario

BASE = {
    "proceeding": "s106",
    "filed_on": "2005-03-01",
    "represented": True,
    "document_kind": "Affidavit",
    "role": "principal",
}


def test_a_full_scenario():
    facts = parse_scenario(
        {
            **BASE,
            "proceeding": "S106",
            "role": "Annexure",
            "annexure_not_readily_available": True,
            "certificate_of_unsuccessful_conciliation_on": "2005-03-10",
            "commission_deadline": None,
            "submissions_directed": False,
            "directions": [
                {"kind": "waive", "document_kinds": "all"},
                {"kind": "direct", "document_kinds": ["Affidavit"], "made_on": "2005-01-02"},
            ],
        }
    )
    assert facts.proceeding == "s106"
    assert facts.role == "annexure"
    assert facts.filed_on == datetime.date(2005, 3, 1)
    assert facts.certificate_of_unsuccessful_conciliation_on == datetime.date(2005, 3, 10)
    assert facts.commission_deadline is None
    assert facts.directions == (
        DirectionFact("waive", None),
        DirectionFact("direct", ("Affidavit",), made_on=datetime.date(2005, 1, 2)),
    )


@pytest.mark.parametrize(
    ("scenario", "fragments"),
    [
        ([], ["JSON object"]),
        ({}, ["proceeding", "filed_on", "represented", "document_kind", "role"]),
        ({**BASE, "filed_on": "1/3/2005"}, ["filed_on"]),
        ({**BASE, "filed_on": "2005-02-30"}, ["filed_on"]),
        ({**BASE, "filed_on": "20050301"}, ["filed_on"]),
        ({**BASE, "represented": "yes"}, ["represented"]),
        ({**BASE, "role": "exhibit"}, ["role"]),
        ({**BASE, "document_kind": "  "}, ["document_kind"]),
        ({**BASE, "represnted": False}, ["represnted"]),
        ({**BASE, "directions": {"kind": "direct"}}, ["directions"]),
        ({**BASE, "directions": [{"kind": "order"}]}, ["directions[1].kind"]),
        ({**BASE, "directions": [{"kind": "waive", "document_kinds": []}]}, ["document_kinds"]),
        ({**BASE, "directions": [{"kind": "waive", "scope": "x"}]}, ["scope"]),
        (
            {**BASE, "commission_deadline": "soon", "submissions_directed": 1},
            ["commission_deadline", "submissions_directed"],
        ),
    ],
)
def test_invalid_scenarios_name_every_problem(scenario, fragments):
    with pytest.raises(FactsError) as error:
        parse_scenario(scenario)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message

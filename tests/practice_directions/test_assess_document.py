"""PD16 decisions, paragraph by paragraph and in combination: pure, no database.

The table of cases is in ``decision_cases.py``.
"""

import dataclasses
import datetime
import json

import pytest

from practice_directions.rules import DirectionFact, FactsError, assess_document, copy_timeliness

from .decision_cases import CASES, D, direct, facts, waive
from .rules_data import ELECTRONIC_SERVICES, PD16_RULES


@pytest.mark.parametrize(
    ("overrides", "status", "due_by", "address", "codes", "exempt_paragraph"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_decision(overrides, status, due_by, address, codes, exempt_paragraph):
    decision = assess_document(facts(**overrides), PD16_RULES)
    assert decision.status == status
    assert decision.electronic_copy_required is (status == "required")
    assert decision.due_by == due_by
    assert decision.email_address == address
    assert decision.email_lodgment_allowed is (address is not None)
    assert decision.codes == codes
    assert decision.exempt_paragraph == exempt_paragraph
    # Each reason names a paragraph as written in the direction, and says something.
    for reason in decision.reasons:
        assert reason.paragraph in {"2", "3(a)", "3(b)", "3(c)", "3(d)", "3(e)", "5", "7", "8"} | {
            "9",
            "10",
            "11",
        }
        assert reason.text.strip()


def test_reason_codes_name_their_paragraphs():
    expected = {
        "pd16.not_in_force": "2",
        "pd16.exempt_3a": "3(a)",
        "pd16.s106_awaiting_certificate": "3(b)",
        "pd16.s106_within_period": "3(b)",
        "pd16.exempt_3c": "3(c)",
        "pd16.exempt_3d": "3(d)",
        "pd16.exempt_3e": "3(e)",
        "pd16.required_at_filing": "5",
        "pd16.directed": "7",
        "pd16.waived": "7",
        "pd16.pn127_applied": "8",
        "pd16.email_allowed": "9",
        "pd16.email_subject": "10",
        "pd16.rule32_deadline": "11",
    }
    seen = {}
    for _, overrides, *_ in CASES:
        for reason in assess_document(facts(**overrides), PD16_RULES).reasons:
            seen[reason.code] = reason.paragraph
    assert {code: seen[code] for code in expected} == expected


def test_the_28_day_period_runs_from_the_certificate():
    certificate = D(2005, 3, 10)
    decision = assess_document(
        facts(proceeding="s106", certificate_of_unsuccessful_conciliation_on=certificate),
        PD16_RULES,
    )
    day_28 = certificate + datetime.timedelta(days=28)
    day_29 = certificate + datetime.timedelta(days=29)
    assert decision.due_by == day_28
    assert copy_timeliness(decision, copy_filed_on=day_28, today=day_29) == "on_time"
    assert copy_timeliness(decision, copy_filed_on=day_29, today=day_29) == "late"
    assert copy_timeliness(decision, copy_filed_on=None, today=day_28) == "outstanding"
    assert copy_timeliness(decision, copy_filed_on=None, today=day_29) == "overdue"


def test_timeliness_of_a_document_that_needs_no_copy():
    decision = assess_document(facts(proceeding="s84"), PD16_RULES)
    assert copy_timeliness(decision, copy_filed_on=None, today=D(2030, 1, 1)) == "not_required"


def test_the_period_after_the_certificate_is_data():
    s106 = dataclasses.replace(PD16_RULES.proceeding("s106"), period_after_certificate_days=14)
    rules = dataclasses.replace(
        PD16_RULES,
        proceedings=tuple(s106 if p.code == "s106" else p for p in PD16_RULES.proceedings),
    )
    decision = assess_document(
        facts(proceeding="s106", certificate_of_unsuccessful_conciliation_on=D(2005, 3, 10)),
        rules,
    )
    assert decision.due_by == D(2005, 3, 24)


def test_a_replacement_direction_without_the_requirement_ends_it():
    from practice_directions.rules import PracticeDirectionRule

    pd30 = PracticeDirectionRule(
        number=30,
        title="Electronic filing",
        gazetted_on=D(2010, 1, 1),
        commences_on=D(2010, 1, 15),
        replaces=16,
        requires_electronic_copies=False,
    )
    rules = dataclasses.replace(
        PD16_RULES, practice_directions=(*PD16_RULES.practice_directions, pd30)
    )
    before = assess_document(facts(filed_on=D(2010, 1, 14)), rules)
    after = assess_document(facts(filed_on=D(2010, 1, 15)), rules)
    assert (before.status, before.practice_direction) == ("required", 16)
    assert (after.status, after.practice_direction, after.codes) == (
        "not_in_force",
        30,
        ("pd16.not_in_force",),
    )


def test_not_in_force_names_the_commencement_and_the_gazette():
    decision = assess_document(facts(filed_on=D(2004, 11, 18)), PD16_RULES)
    text = decision.reasons[0].text
    assert "19 November 2004" in text
    assert "5 November 2004" in text
    assert "Practice Direction No 16" in text


def test_direction_reason_says_which_paragraph_it_overrides_and_who_made_it():
    decision = assess_document(
        facts(represented=False, directions=(direct(made_by="commission"),)), PD16_RULES
    )
    directed = decision.reasons[-1]
    assert directed.code == "pd16.directed"
    assert "3(c)" in directed.text
    assert "the Commission" in directed.text


def test_waiver_of_one_kind_leaves_the_others():
    waiver = (waive("Affidavit"),)
    affidavit = assess_document(facts(directions=waiver), PD16_RULES)
    submissions = assess_document(facts(document_kind="Submissions", directions=waiver), PD16_RULES)
    assert (affidavit.status, submissions.status) == ("waived", "required")


def test_to_dict_has_exactly_the_command_keys_and_is_json():
    decision = assess_document(
        facts(proceeding="s34", document_kind="Enterprise agreement"), PD16_RULES
    )
    payload = json.loads(json.dumps(decision.to_dict()))
    assert list(payload) == [
        "electronic_copy_required",
        "due_by",
        "email_lodgment_allowed",
        "email_address",
        "reasons",
    ]
    assert payload["due_by"] == "2005-03-01"
    assert payload["email_address"] == ELECTRONIC_SERVICES
    assert [r["paragraph"] for r in payload["reasons"]] == ["5", "9", "10"]
    assert all(set(r) == {"paragraph", "text", "code"} for r in payload["reasons"])


def test_not_required_serialises_due_by_as_null():
    assert assess_document(facts(proceeding="s130"), PD16_RULES).to_dict()["due_by"] is None


def test_every_problem_with_the_facts_is_reported():
    with pytest.raises(FactsError) as error:
        assess_document(
            facts(
                proceeding="s999",
                document_kind="Writ",
                role="exhibit",
                directions=(DirectionFact("suggest", ("Pleading",)),),
            ),
            PD16_RULES,
        )
    problems = " | ".join(error.value.problems)
    assert len(error.value.problems) == 5
    for fragment in ("s999", "Writ", "exhibit", "suggest", "Pleading"):
        assert fragment in problems


def test_a_3d_claim_for_a_principal_document_does_not_exempt_it():
    decision = assess_document(facts(annexure_not_readily_available=True), PD16_RULES)
    assert decision.status == "required"
    assert decision.codes == ("pd16.required_at_filing", "pd16.exempt_3d_not_annexure")


def test_decisions_are_frozen():
    decision = assess_document(facts(), PD16_RULES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.status = "exempt"

"""PD16 para 10: subject headings for each e-mail class, good and bad. Pure, no database."""

import dataclasses

import pytest

from practice_directions.rules import FactsError, check_email_subject

from .rules_data import PD16_RULES

AWARD = "Clerical and Administrative Employees (State) Award"
NUMBER = "IRC2004/1000"
ENTERPRISE = "Acme Widgets Enterprise Agreement 2005"
CONTRACT = "Smith Carriers Contract Agreement 2005"

# (id, class, subject, codes of the problems; [] when it complies)
CASES = [
    ("s34-good", "s34", f"{ENTERPRISE}: electronic copy", []),
    ("s34-case-and-spaces", "s34", "  acme widgets   ENTERPRISE agreement 2005 ", []),
    (
        "s34-wrong-title",
        "s34",
        "Acme Widgets Agreement 2005",
        ["subject.agreement_short_title_missing"],
    ),
    ("s34-empty", "s34", "", ["subject.agreement_short_title_missing"]),
    ("s324-good", "s324", f"Lodgment - {CONTRACT}", []),
    ("s324-number-instead-of-title", "s324", NUMBER, ["subject.agreement_short_title_missing"]),
    ("rule32-good", "rule32", f"{AWARD} {NUMBER}", []),
    ("rule32-number-first", "rule32", f"{NUMBER} - {AWARD.upper()}", []),
    ("rule32-prefix-lower-case", "rule32", f"{AWARD} irc2004/1000", []),
    ("rule32-number-in-a-filing-reference", "rule32", f"{AWARD} {NUMBER}-F03", []),
    ("rule32-number-missing", "rule32", AWARD, ["subject.file_number_missing"]),
    ("rule32-without-prefix", "rule32", f"{AWARD} 2004/1000", ["subject.file_number_malformed"]),
    (
        "rule32-space-after-prefix",
        "rule32",
        f"{AWARD} IRC 2004/1000",
        ["subject.file_number_malformed"],
    ),
    ("rule32-spaced-slash", "rule32", f"{AWARD} IRC2004 / 1000", ["subject.file_number_malformed"]),
    ("rule32-other-number", "rule32", f"{AWARD} IRC2004/1001", ["subject.file_number_wrong"]),
    ("rule32-longer-number", "rule32", f"{AWARD} IRC2004/10000", ["subject.file_number_wrong"]),
    ("rule32-padded-number", "rule32", f"{AWARD} IRC2004/01000", ["subject.file_number_wrong"]),
    ("rule32-title-missing", "rule32", f"Award {NUMBER}", ["subject.matter_title_missing"]),
    (
        "rule32-both-missing",
        "rule32",
        "award attached",
        ["subject.file_number_missing", "subject.matter_title_missing"],
    ),
    ("submissions-good", "submissions", f"Submissions of the applicant {AWARD} {NUMBER}", []),
    (
        "submissions-empty",
        "submissions",
        "   ",
        ["subject.file_number_missing", "subject.matter_title_missing"],
    ),
    (
        "submissions-wrong-number-and-title",
        "submissions",
        "Smith v Jones IRC2005/0001",
        ["subject.file_number_wrong", "subject.matter_title_missing"],
    ),
]


@pytest.mark.parametrize(
    ("email_class", "subject", "codes"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_subject(email_class, subject, codes):
    result = check_email_subject(
        email_class=email_class,
        subject=subject,
        matter_number=NUMBER,
        matter_title=AWARD,
        agreement_short_title=CONTRACT if email_class == "s324" else ENTERPRISE,
    )
    assert list(result.codes) == codes
    assert result.valid is (codes == [])
    assert all(problem.paragraph == "10" for problem in result.problems)


@pytest.mark.parametrize("rules", [None, PD16_RULES], ids=["direction-text", "rules-data"])
def test_the_same_answer_from_the_rules_data(rules):
    result = check_email_subject(
        email_class="rule32",
        subject=f"{AWARD} 2004/1000",
        matter_number=NUMBER,
        matter_title=AWARD,
        agreement_short_title=None,
        rules=rules,
    )
    assert result.codes == ("subject.file_number_malformed",)


def test_problems_name_exactly_what_is_missing_or_wrong():
    missing = check_email_subject(
        email_class="rule32",
        subject="Award attached",
        matter_number=NUMBER,
        matter_title=AWARD,
        agreement_short_title=None,
    )
    texts = " ".join(p.text for p in missing.problems)
    assert NUMBER in texts and AWARD in texts
    wrong = check_email_subject(
        email_class="rule32",
        subject=f"{AWARD} IRC2004/1001",
        matter_number=NUMBER,
        matter_title=AWARD,
        agreement_short_title=None,
    )
    assert "IRC2004/1001" in wrong.problems[0].text and NUMBER in wrong.problems[0].text
    short_title = check_email_subject(
        email_class="s34",
        subject="agreement",
        matter_number=None,
        matter_title=None,
        agreement_short_title=ENTERPRISE,
    )
    assert ENTERPRISE in short_title.problems[0].text


def test_typographic_quotes_and_dashes_do_not_matter():
    result = check_email_subject(
        email_class="s34",
        subject="O\u2019Brien\u2019s Bakery \u2013 Enterprise Agreement",
        matter_number=None,
        matter_title=None,
        agreement_short_title="O'Brien's Bakery - Enterprise Agreement",
    )
    assert result.valid


# Without the matter's details only the form is checked.
FORM_ONLY = [
    ("rule32", f"Clerical Award {NUMBER}", []),
    ("rule32", NUMBER, ["subject.matter_title_missing"]),
    ("rule32", "Clerical Award", ["subject.file_number_missing"]),
    ("submissions", "Clerical Award 2004/1000", ["subject.file_number_malformed"]),
    ("s34", "Acme agreement", []),
    ("s324", "  ", ["subject.agreement_short_title_missing"]),
]


@pytest.mark.parametrize(("email_class", "subject", "codes"), FORM_ONLY)
def test_form_only_when_the_matter_is_not_given(email_class, subject, codes):
    result = check_email_subject(
        email_class=email_class,
        subject=subject,
        matter_number=None,
        matter_title=None,
        agreement_short_title=None,
    )
    assert list(result.codes) == codes


def test_the_class_requirement_is_read_from_the_rules_data():
    # An administrator changed submissions to need the agreement's short title.
    classes = tuple(
        dataclasses.replace(c, subject_requirement="agreement_short_title")
        if c.code == "submissions"
        else c
        for c in PD16_RULES.email_classes
    )
    rules = dataclasses.replace(PD16_RULES, email_classes=classes)
    result = check_email_subject(
        email_class="submissions",
        subject=ENTERPRISE,
        matter_number=NUMBER,
        matter_title=AWARD,
        agreement_short_title=ENTERPRISE,
        rules=rules,
    )
    assert result.valid


def test_unknown_class_and_malformed_matter_number_are_caller_errors():
    with pytest.raises(FactsError):
        check_email_subject(
            email_class="s99",
            subject="x",
            matter_number=None,
            matter_title=None,
            agreement_short_title=None,
        )
    with pytest.raises(FactsError):
        check_email_subject(
            email_class="rule32",
            subject="x",
            matter_number="2004/1000",
            matter_title=None,
            agreement_short_title=None,
        )


def test_to_dict_prints_problem_texts_with_their_paragraph():
    result = check_email_subject(
        email_class="rule32",
        subject=AWARD,
        matter_number=NUMBER,
        matter_title=AWARD,
        agreement_short_title=None,
    )
    payload = result.to_dict()
    assert payload["valid"] is False
    assert len(payload["problems"]) == 1
    assert payload["problems"][0].endswith("(PD16 para 10)")

"""PN127's Technology Check List in a matter (paras 3, 4 and 15): pure rules, no database."""

from __future__ import annotations

import pytest

from practice_directions.rules import FactsError
from practice_directions.rules.technology_checklist import (
    AGREED,
    DEFAULT,
    NOT_SETTLED,
    ORDERED,
    STAGES,
    ChecklistRow,
    GroupFact,
    OrderFact,
    ProposalFact,
    ProtocolFacts,
    resolve_checklist,
    validate_checklist,
)

FORMAT = GroupFact(
    "discovery-format",
    "discovery",
    "Electronic Document List Format",
    ("Delimited ASCII text file", "Word processing format", "Excel spreadsheet", "XML", "Other"),
    "Delimited ASCII text file",
)
IMAGES = GroupFact(
    "inspection-images",
    "inspection",
    "Electronic Image Formats",
    ("TIFF - Multi", "TIFF - Single", "PDF", "GIF", "Other"),
    "TIFF - Single",
)
SPECIAL = GroupFact(
    "inspection-special",
    "inspection",
    "Special Considerations",
    ("Redacting (masking)", "Confidentiality", "Other"),
)
VIA = GroupFact(
    "trial-via",
    "trial",
    "Document Exchange Via",
    ("DX", "Floppy Disk", "CD Rom"),
    "Floppy Disk",
)
GROUPS = (FORMAT, IMAGES, SPECIAL, VIA)
PARTIES = ("applicant", "respondent", "intervenor")


def proposal(seq, option, party="applicant", agreed=(), group="discovery-format"):
    return ProposalFact(seq, group, option, party, frozenset(agreed))


CASES = [
    # (name, proposals, orders, expected option, basis, codes)
    (
        "nothing proposed: the default",
        (),
        (),
        "Delimited ASCII text file",
        DEFAULT,
        ("checklist.default_applies",),
    ),
    (
        "proposed, nobody agreed: the default",
        (proposal(1, "Excel spreadsheet"),),
        (),
        "Delimited ASCII text file",
        DEFAULT,
        ("checklist.default_applies",),
    ),
    (
        "agreed by some parties only: the default",
        (proposal(1, "Excel spreadsheet", agreed={"respondent"}),),
        (),
        "Delimited ASCII text file",
        DEFAULT,
        ("checklist.default_applies",),
    ),
    (
        "agreed by every other party: agreed",
        (proposal(1, "Excel spreadsheet", agreed={"respondent", "intervenor"}),),
        (),
        "Excel spreadsheet",
        AGREED,
        ("checklist.agreed",),
    ),
    (
        "the proposer's own agreement is not needed twice",
        (proposal(1, "XML", agreed={"applicant", "respondent", "intervenor"}),),
        (),
        "XML",
        AGREED,
        ("checklist.agreed",),
    ),
    (
        "the later of two agreements prevails",
        (
            proposal(1, "XML", agreed={"respondent", "intervenor"}),
            proposal(
                2, "Excel spreadsheet", party="respondent", agreed={"applicant", "intervenor"}
            ),
        ),
        (),
        "Excel spreadsheet",
        AGREED,
        ("checklist.agreed",),
    ),
    (
        "a court order fixes the group without any proposal",
        (),
        (OrderFact(1, "discovery-format", "Word processing format", "3 March 2026"),),
        "Word processing format",
        ORDERED,
        ("checklist.court_ordered",),
    ),
    (
        "an order prevails over a different agreement",
        (proposal(1, "XML", agreed={"respondent", "intervenor"}),),
        (OrderFact(1, "discovery-format", "Other"),),
        "Other",
        ORDERED,
        ("checklist.court_ordered", "checklist.order_overrides_agreement"),
    ),
    (
        "an order confirming the agreement says so once",
        (proposal(1, "XML", agreed={"respondent", "intervenor"}),),
        (OrderFact(1, "discovery-format", "XML"),),
        "XML",
        ORDERED,
        ("checklist.court_ordered",),
    ),
    (
        "the latest of two orders prevails",
        (),
        (OrderFact(1, "discovery-format", "XML"), OrderFact(2, "discovery-format", "Other")),
        "Other",
        ORDERED,
        ("checklist.court_ordered",),
    ),
]


@pytest.mark.parametrize(
    ("proposals", "orders", "option", "basis", "codes"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_what_applies_in_a_group(proposals, orders, option, basis, codes):
    result = resolve_checklist(GROUPS, ProtocolFacts(PARTIES, proposals, orders))
    outcome = result.outcome("discovery-format")
    assert (outcome.option, outcome.basis, outcome.codes) == (option, basis, codes)
    assert {r.paragraph for r in outcome.reasons} <= {"3", "4", "15"}


def test_every_group_answers_in_checklist_order_with_its_default():
    result = resolve_checklist(GROUPS, ProtocolFacts(PARTIES))
    assert [o.group for o in result.outcomes] == [g.code for g in GROUPS]
    assert [o.option for o in result.outcomes] == [
        "Delimited ASCII text file",
        "TIFF - Single",
        None,
        "Floppy Disk",
    ]


def test_special_considerations_have_no_default_until_agreed():
    result = resolve_checklist(GROUPS, ProtocolFacts(PARTIES))
    special = result.outcome("inspection-special")
    assert (special.option, special.basis, special.codes) == (
        None,
        NOT_SETTLED,
        ("checklist.no_default",),
    )
    agreed = proposal(1, "Confidentiality", agreed={"respondent", "intervenor"}, group=SPECIAL.code)
    result = resolve_checklist(GROUPS, ProtocolFacts(PARTIES, (agreed,)))
    assert result.outcome("inspection-special").option == "Confidentiality"


def test_pending_proposals_show_who_has_still_to_agree_and_only_each_partys_latest():
    proposals = (
        proposal(1, "XML", agreed={"respondent"}),
        proposal(2, "Excel spreadsheet", agreed={"intervenor"}),
        proposal(3, "Other", party="respondent"),
    )
    outcome = resolve_checklist(GROUPS, ProtocolFacts(PARTIES, proposals)).outcome(
        "discovery-format"
    )
    assert [(p.option, p.agreed_by, p.awaiting) for p in outcome.pending] == [
        ("Excel spreadsheet", ("intervenor",), ("respondent",)),
        ("Other", (), ("applicant", "intervenor")),
    ]


def test_proposals_older_than_the_settled_option_are_no_longer_pending():
    proposals = (
        proposal(1, "XML"),
        proposal(2, "Excel spreadsheet", party="respondent", agreed={"applicant", "intervenor"}),
        proposal(3, "Other", party="intervenor"),
    )
    outcome = resolve_checklist(GROUPS, ProtocolFacts(PARTIES, proposals)).outcome(
        "discovery-format"
    )
    assert [p.option for p in outcome.pending] == ["Other"]


@pytest.mark.parametrize(
    ("stages", "groups", "left_out"),
    [
        (STAGES, ["discovery-format", "inspection-images", "inspection-special", "trial-via"], ()),
        (("discovery",), ["discovery-format"], ("pre_trial", "inspection", "trial")),
        (("trial",), ["trial-via"], ("pre_trial", "discovery", "inspection")),
        ((), [], STAGES),
    ],
)
def test_only_the_stages_in_scope_are_answered(stages, groups, left_out):
    result = resolve_checklist(GROUPS, ProtocolFacts(PARTIES, stages=stages))
    assert [o.group for o in result.outcomes] == groups
    assert result.stages_out_of_scope == left_out


def test_facts_naming_unknown_things_are_refused_with_every_problem():
    facts = ProtocolFacts(
        PARTIES,
        (
            proposal(1, "Betamax"),
            proposal(2, "XML", group="nowhere"),
            proposal(3, "XML", party="stranger"),
        ),
        (OrderFact(1, "discovery-format", "Papyrus"),),
        stages=("pre_trial", "appeal"),
    )
    with pytest.raises(FactsError) as raised:
        resolve_checklist(GROUPS, facts)
    assert len(raised.value.problems) == 5


def test_a_protocol_needs_parties():
    with pytest.raises(FactsError):
        resolve_checklist(GROUPS, ProtocolFacts(()))


@pytest.mark.parametrize(
    ("row", "codes"),
    [
        (ChecklistRow("g", "G", True, ("A", "B"), ("A",)), []),
        (ChecklistRow("g", "G", False, ("A", "B"), ()), []),
        (ChecklistRow("g", "G", True, ("A", "B"), ()), ["checklist.default_missing"]),
        (ChecklistRow("g", "G", True, ("A", "B"), ("A", "B")), ["checklist.default_duplicated"]),
        (ChecklistRow("g", "G", False, ("A", "B"), ("B",)), ["checklist.default_unexpected"]),
        (
            ChecklistRow("g", "G", True, (), ()),
            ["checklist.no_options", "checklist.default_missing"],
        ),
    ],
)
def test_checklist_data_problems(row, codes):
    assert [p.code for p in validate_checklist([row])] == codes


SETTINGS_CASES = [
    ("nothing: PN127's defaults", (), (), None, DEFAULT, ("settings.default_applies",)),
    (
        "proposed only: defaults",
        (proposal(1, "7", group="settings"),),
        (),
        None,
        DEFAULT,
        ("settings.default_applies",),
    ),
    (
        "agreed by all",
        (proposal(1, "7", agreed={"respondent", "intervenor"}, group="settings"),),
        (),
        "7",
        AGREED,
        ("settings.agreed",),
    ),
    (
        "ordered over agreed",
        (proposal(1, "7", agreed={"respondent", "intervenor"}, group="settings"),),
        (OrderFact(1, "settings", "9"),),
        "9",
        ORDERED,
        ("settings.court_ordered",),
    ),
]


@pytest.mark.parametrize(
    ("proposals", "orders", "version", "basis", "codes"),
    [case[1:] for case in SETTINGS_CASES],
    ids=[case[0] for case in SETTINGS_CASES],
)
def test_which_settings_apply(proposals, orders, version, basis, codes):
    from practice_directions.rules.technology_checklist import resolve_settings

    outcome = resolve_settings(parties=PARTIES, proposals=proposals, orders=orders)
    assert (outcome.version, outcome.basis, outcome.codes) == (version, basis, codes)

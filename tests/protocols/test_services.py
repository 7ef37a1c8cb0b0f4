"""Proposals, agreements and Court orders in a matter's PN127 protocol (paras 4, 12, 15)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from protocols.models import Protocol, ProtocolAgreement, ProtocolProposal, ProtocolSettings
from protocols.selectors import protocol_list_settings, protocol_state
from protocols.services import (
    ProtocolAccessDenied,
    SettingsInput,
    protocol_agree,
    protocol_order,
    protocol_order_settings,
    protocol_propose,
    protocol_propose_settings,
)
from tests.factories import PartyFactory
from tests.factories_lodgment import PractitionerFactory, represent
from tests.protocols.conftest import apply_pn127, option

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def codes(raised: pytest.ExceptionInfo) -> set[str]:
    return {e.code for errors in raised.value.error_dict.values() for e in errors}


def propose(case, group="discovery-format", label="Excel spreadsheet", *, party=None, user=None):
    return protocol_propose(
        matter=case.matter,
        party=party or case.applicant,
        user=user or case.applicant_solicitor,
        group_code=group,
        option_id=option(group, label).pk,
    )


def test_nothing_proposed_every_default_applies(case):
    state = protocol_state(case.matter)
    outcome = state.outcome("discovery-format")
    assert (outcome.option, outcome.codes) == (
        "Delimited ASCII text file",
        ("checklist.default_applies",),
    )
    assert [s.stage for s in state.stages] == ["pre_trial", "discovery", "inspection", "trial"]


def test_a_proposal_agreed_by_the_other_party_is_agreed_and_audited(case):
    proposal = propose(case)
    assert protocol_state(case.matter).outcome("discovery-format").basis == "default"
    protocol_agree(
        matter=case.matter,
        proposal_id=proposal.pk,
        party=case.respondent,
        user=case.respondent_barrister,
    )
    outcome = protocol_state(case.matter).outcome("discovery-format")
    assert (outcome.option, outcome.codes) == ("Excel spreadsheet", ("checklist.agreed",))
    events = list(AuditEvent.objects.filter(matter_number=case.matter.number).order_by("pk"))
    assert [e.action for e in events] == ["protocol_proposed", "protocol_agreed"]
    assert events[1].detail["before"] == "Delimited ASCII text file (default)"
    assert events[1].detail["after"] == "Excel spreadsheet (agreed)"
    assert events[1].username == case.respondent_barrister.username


def test_with_three_parties_one_agreement_is_not_enough(case):
    intervenor = PartyFactory(matter=case.matter, name="Employers NSW", role="intervenor")
    agent = PractitionerFactory()
    represent(agent, intervenor)
    proposal = propose(case)
    protocol_agree(
        matter=case.matter,
        proposal_id=proposal.pk,
        party=case.respondent,
        user=case.respondent_barrister,
    )
    state = protocol_state(case.matter)
    assert state.outcome("discovery-format").basis == "default"
    assert state.stages[1].groups[1].pending[0].awaiting == ("Employers NSW",)
    protocol_agree(matter=case.matter, proposal_id=proposal.pk, party=intervenor, user=agent)
    assert protocol_state(case.matter).outcome("discovery-format").basis == "agreed"


def test_a_practitioner_cannot_propose_for_a_party_they_do_not_act_for(case):
    with pytest.raises(ProtocolAccessDenied):
        propose(case, party=case.respondent, user=case.applicant_solicitor)
    assert not ProtocolProposal.objects.exists()


def test_a_practitioner_cannot_agree_on_behalf_of_the_other_party(case):
    proposal = propose(case)
    with pytest.raises(ProtocolAccessDenied):
        protocol_agree(
            matter=case.matter,
            proposal_id=proposal.pk,
            party=case.respondent,
            user=case.applicant_solicitor,
        )
    assert not ProtocolAgreement.objects.exists()


def test_a_party_cannot_agree_to_its_own_proposal(case):
    proposal = propose(case)
    with pytest.raises(ValidationError) as raised:
        protocol_agree(
            matter=case.matter,
            proposal_id=proposal.pk,
            party=case.applicant,
            user=case.applicant_solicitor,
        )
    assert codes(raised) == {"protocol.own_proposal"}


def test_a_party_agrees_only_once(case):
    proposal = propose(case)
    kwargs = dict(
        matter=case.matter,
        proposal_id=proposal.pk,
        party=case.respondent,
        user=case.respondent_barrister,
    )
    protocol_agree(**kwargs)
    with pytest.raises(ValidationError) as raised:
        protocol_agree(**kwargs)
    assert codes(raised) == {"protocol.already_agreed"}
    assert ProtocolAgreement.objects.count() == 1


def test_a_proposal_replaced_by_its_partys_later_one_is_closed(case):
    first = propose(case, label="XML")
    propose(case, label="Excel spreadsheet")
    with pytest.raises(ValidationError) as raised:
        protocol_agree(
            matter=case.matter,
            proposal_id=first.pk,
            party=case.respondent,
            user=case.respondent_barrister,
        )
    assert codes(raised) == {"protocol.proposal_closed"}


def test_a_proposal_in_another_matter_is_not_found(case, django_user_model):
    other = propose(case)
    from tests.factories import MatterFactory

    elsewhere = MatterFactory()
    party = PartyFactory(matter=elsewhere)
    represent(case.respondent_barrister, party)
    apply_pn127(elsewhere, case.clerk)
    with pytest.raises(ProtocolAccessDenied):
        protocol_agree(
            matter=elsewhere, proposal_id=other.pk, party=party, user=case.respondent_barrister
        )


def test_nothing_is_proposed_before_pn127_is_applied(case):
    from tests.factories import MatterFactory

    matter = MatterFactory()
    party = PartyFactory(matter=matter)
    represent(case.applicant_solicitor, party)
    with pytest.raises(ValidationError) as raised:
        protocol_propose(
            matter=matter,
            party=party,
            user=case.applicant_solicitor,
            group_code="discovery-format",
            option_id=option("discovery-format", "XML").pk,
        )
    assert "protocol.pn127_not_applied" in codes(raised)
    assert not Protocol.objects.filter(matter=matter).exists()


def test_an_option_of_another_group_is_refused(case):
    with pytest.raises(ValidationError) as raised:
        protocol_propose(
            matter=case.matter,
            party=case.applicant,
            user=case.applicant_solicitor,
            group_code="discovery-format",
            option_id=option("trial-via", "DX").pk,
        )
    assert codes(raised) == {"protocol.option_invalid"}


def test_in_part_only_the_applied_stages_can_be_proposed(case):
    apply_pn127(case.matter, case.clerk, extent="part", parts="21-22")
    assert [s.stage for s in protocol_state(case.matter).stages] == ["trial"]
    with pytest.raises(ValidationError) as raised:
        propose(case)
    assert codes(raised) == {"protocol.group_not_in_scope"}
    propose(case, group="trial-via", label="CD Rom")


def test_a_court_order_prevails_over_the_agreement(case):
    proposal = propose(case)
    protocol_agree(
        matter=case.matter,
        proposal_id=proposal.pk,
        party=case.respondent,
        user=case.respondent_barrister,
    )
    protocol_order(
        matter=case.matter,
        group_code="discovery-format",
        option_id=option("discovery-format", "XML").pk,
        made_on=datetime.date(2026, 5, 4),
        recorded_by=case.clerk,
        today=TODAY,
    )
    outcome = protocol_state(case.matter).outcome("discovery-format")
    assert outcome.option == "XML"
    assert outcome.codes == ("checklist.court_ordered", "checklist.order_overrides_agreement")
    assert "4 May 2026" in outcome.reasons[0].text
    assert AuditEvent.objects.filter(action="protocol_ordered").count() == 1


@pytest.mark.parametrize(
    ("made_on", "code"),
    [
        (datetime.date(2026, 6, 2), "made_on.in_future"),
        (datetime.date(2026, 1, 1), "made_on.before_matter_opened"),
    ],
)
def test_an_order_date_must_be_possible(case, made_on, code):
    with pytest.raises(ValidationError) as raised:
        protocol_order(
            matter=case.matter,
            group_code="discovery-format",
            option_id=option("discovery-format", "XML").pk,
            made_on=made_on,
            recorded_by=case.clerk,
            today=TODAY,
        )
    assert codes(raised) == {code}


def test_settings_default_to_pn127s_until_agreed(case):
    settings = protocol_list_settings(case.matter)
    assert settings.document_id_pattern == "AAA.NNN.NNN.NNNN"
    assert settings.document_id_regex == r"^[A-Z]{3}\.[0-9]{3}\.[0-9]{3}\.[0-9]{4}$"
    assert (settings.undated_convention, settings.resolution_dpi) == ("blank", 200)
    assert settings.multi_page_images is False and settings.image_format == "TIFF - Single"
    assert len(settings.fields_in_use) == 8


def test_agreed_settings_reach_the_list_settings(case):
    proposal = protocol_propose_settings(
        matter=case.matter,
        party=case.respondent,
        user=case.respondent_barrister,
        values=SettingsInput(
            image_resolution_dpi=300,
            undated_convention="01/Jan/1801",
            document_id_pattern="AAA-NNNN",
            fields_in_use=("Privilege", "Basis of Privilege"),
        ),
    )
    protocol_agree(
        matter=case.matter,
        proposal_id=proposal.pk,
        party=case.applicant,
        user=case.applicant_solicitor,
    )
    tiff = propose(case, group="inspection-images", label="TIFF - Multi")
    protocol_agree(
        matter=case.matter,
        proposal_id=tiff.pk,
        party=case.respondent,
        user=case.respondent_barrister,
    )
    settings = protocol_list_settings(case.matter)
    assert settings.document_id_regex == "^[A-Z]{3}-[0-9]{4}$"
    assert settings.undated_convention == "01/Jan/1801"
    assert settings.resolution_dpi == 300
    assert settings.multi_page_images is True
    assert "Privilege" in settings.fields_in_use and "Document ID" in settings.fields_in_use


def test_bad_settings_are_refused_with_every_problem_and_nothing_kept(case):
    with pytest.raises(ValidationError) as raised:
        protocol_propose_settings(
            matter=case.matter,
            party=case.applicant,
            user=case.applicant_solicitor,
            values=SettingsInput(
                image_resolution_dpi=20,
                filename_structure="folder_structure",
                undated_convention="00/00/0000",
                document_id_pattern="AAA*",
                fields_in_use=("Colour",),
            ),
        )
    assert codes(raised) == {
        "settings.resolution_out_of_range",
        "settings.folder_structure_missing",
        "undated.invalid",
        "settings.id.bad_symbol",
        "settings.unknown_field",
    }
    assert not ProtocolSettings.objects.exists() and not Protocol.objects.exists()


def test_the_clerk_orders_settings(case):
    protocol_order_settings(
        matter=case.matter,
        values=SettingsInput(image_resolution_dpi=250),
        made_on=datetime.date(2026, 5, 4),
        recorded_by=case.clerk,
        today=TODAY,
    )
    state = protocol_state(case.matter)
    assert state.settings.image_resolution_dpi == 250
    assert state.settings_outcome.codes == ("settings.court_ordered",)


def test_settings_are_not_kept_when_pn127_was_applied_without_discovery(case):
    apply_pn127(case.matter, case.clerk, extent="part", parts="5-10")
    with pytest.raises(ValidationError) as raised:
        protocol_propose_settings(
            matter=case.matter,
            party=case.applicant,
            user=case.applicant_solicitor,
            values=SettingsInput(),
        )
    assert codes(raised) == {"protocol.settings_not_in_scope"}


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_protocol_records_cannot_be_changed_or_deleted(case, operation):
    from django.db import IntegrityError, transaction

    proposal = propose(case)
    rows = ProtocolProposal.objects.filter(pk=proposal.pk)
    with pytest.raises(IntegrityError, match=r"protocol\.append_only"), transaction.atomic():
        if operation == "update":
            rows.update(party=case.respondent)
        else:
            rows.delete()
    assert ProtocolProposal.objects.get().party == case.applicant

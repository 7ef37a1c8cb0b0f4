"""The protocol pages of practitioners and clerks, the summary, and the matter pages' panel."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from filings.selectors.access import matter_slug
from protocols.models import ProtocolAgreement, ProtocolOrder, ProtocolProposal
from protocols.services import protocol_agree, protocol_propose
from tests.factories import PartyFactory
from tests.factories_lodgment import PractitionerFactory, represent
from tests.protocols.conftest import apply_pn127, option

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_url(case, name="practitioner", *args):
    return reverse(f"protocols:{name}", args=[matter_slug(case.matter.number), *args])


def clerk_url(case, name="clerk"):
    return reverse(f"protocols:{name}", args=[case.matter.number])


def test_the_practitioner_sees_every_group_with_its_default(case):
    response = client_for(case.applicant_solicitor).get(page_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not agreed: the default “Delimited ASCII text file” applies" in html
    assert "TIFF - Single" in html and "Special Considerations" in html
    assert 'id="settings-form"' in html


def test_a_practitioner_not_acting_in_the_matter_gets_404_and_it_is_audited(case):
    stranger = PractitionerFactory()
    client = client_for(stranger)
    assert client.get(page_url(case)).status_code == 404
    assert client.get(page_url(case, "practitioner_summary")).status_code == 404
    assert client.get(page_url(case, "practitioner_summary_text")).status_code == 404
    post = {"group": "discovery-format", "option": option("discovery-format", "XML").pk}
    assert client.post(page_url(case, "practitioner_propose"), post).status_code == 404
    assert not ProtocolProposal.objects.exists()
    assert AuditEvent.objects.filter(action="access_refused").count() == 4


def test_practitioners_cannot_use_the_clerks_pages_nor_clerks_theirs(case):
    assert client_for(case.applicant_solicitor).get(clerk_url(case)).status_code == 404
    assert client_for(case.clerk).get(page_url(case)).status_code == 404


def test_propose_then_the_other_side_agrees_in_the_browser_forms(case):
    xml = option("discovery-format", "Excel spreadsheet")
    response = client_for(case.applicant_solicitor).post(
        page_url(case, "practitioner_propose"), {"group": "discovery-format", "option": xml.pk}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#group-discovery-format")
    proposal = ProtocolProposal.objects.get()
    barrister = client_for(case.respondent_barrister)
    page = barrister.get(page_url(case)).content.decode()
    assert f"Agree for {case.respondent.name}" in page
    response = barrister.post(
        page_url(case, "practitioner_agree", proposal.pk), {"party": case.respondent.pk}
    )
    assert response.status_code == 302
    page = barrister.get(page_url(case)).content.decode()
    assert "Every party agreed to “Excel spreadsheet”" in page


def test_agreeing_for_a_party_one_does_not_act_for_is_404(case):
    proposal = protocol_propose(
        matter=case.matter,
        party=case.respondent,
        user=case.respondent_barrister,
        group_code="trial-via",
        option_id=option("trial-via", "CD Rom").pk,
    )
    response = client_for(case.respondent_barrister).post(
        page_url(case, "practitioner_agree", proposal.pk), {"party": case.applicant.pk}
    )
    assert response.status_code == 404
    assert not ProtocolAgreement.objects.exists()


def test_agreeing_to_ones_own_proposal_is_refused_on_the_page(case):
    proposal = protocol_propose(
        matter=case.matter,
        party=case.applicant,
        user=case.applicant_solicitor,
        group_code="trial-via",
        option_id=option("trial-via", "CD Rom").pk,
    )
    response = client_for(case.applicant_solicitor).post(
        page_url(case, "practitioner_agree", proposal.pk), {"party": case.applicant.pk}
    )
    assert response.status_code == 400
    assert "made this proposal: the other parties agree to it" in response.content.decode()


def test_settings_with_problems_come_back_with_each_one(case):
    response = client_for(case.applicant_solicitor).post(
        page_url(case, "practitioner_settings"),
        {
            "image_resolution_dpi": "20",
            "filename_structure": "document_id",
            "undated_convention": "00/00/0000",
            "document_id_pattern": "AAA.NNN.NNN.NNNN",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "between 50 and 1200 dpi" in html and "DD/MMM/YYYY" in html


def test_settings_proposed_on_the_page(case):
    response = client_for(case.applicant_solicitor).post(
        page_url(case, "practitioner_settings"),
        {
            "image_resolution_dpi": "200",
            "filename_structure": "document_id_no_dots",
            "undated_convention": "01/Jan/1801",
            "document_id_pattern": "AAA.NNN.NNN.NNNN",
            "each_page_numbered": "on",
            "fields_in_use": ["Privilege", "Basis of Privilege"],
        },
    )
    assert response.status_code == 302
    settings = ProtocolProposal.objects.get().settings
    assert settings.undated_convention == "01/Jan/1801"
    assert "Document ID" in settings.fields_in_use and "Privilege" in settings.fields_in_use


def test_the_clerk_records_a_court_order(case):
    client = client_for(case.clerk)
    assert client.get(clerk_url(case)).status_code == 200
    response = client.post(
        clerk_url(case, "clerk_order"),
        {
            "group": "inspection-images",
            "option": option("inspection-images", "PDF").pk,
            "made_on": case.matter.opened_on.isoformat(),
            "terms": "Order 3",
        },
    )
    assert response.status_code == 302
    assert ProtocolOrder.objects.get().option.label == "PDF"
    html = client.get(clerk_url(case)).content.decode()
    assert "The Court ordered “PDF”" in html and "Court order of" in html


def test_an_order_dated_before_the_matter_is_refused(case):
    response = client_for(case.clerk).post(
        clerk_url(case, "clerk_order"),
        {
            "group": "inspection-images",
            "option": option("inspection-images", "PDF").pk,
            "made_on": (case.matter.opened_on - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "before the matter was opened" in response.content.decode()
    assert not ProtocolOrder.objects.exists()


def test_in_part_only_the_applied_stages_are_shown(case):
    apply_pn127(case.matter, case.clerk, extent="part", parts="21-22")
    html = client_for(case.applicant_solicitor).get(page_url(case)).content.decode()
    assert 'id="stage-trial"' in html and 'id="stage-discovery"' not in html
    assert "Not applied in this matter: Pre-Trial, Discovery, Document Inspection" in html
    assert 'id="settings-form"' not in html


def _agreed(case):
    proposal = protocol_propose(
        matter=case.matter,
        party=case.applicant,
        user=case.applicant_solicitor,
        group_code="discovery-via",
        option_id=option("discovery-via", "Electronic mail").pk,
    )
    protocol_agree(
        matter=case.matter,
        proposal_id=proposal.pk,
        party=case.respondent,
        user=case.respondent_barrister,
    )


def test_the_summary_page_and_its_text_say_the_same(case):
    _agreed(case)
    client = client_for(case.respondent_barrister)
    html = client.get(page_url(case, "practitioner_summary")).content.decode()
    assert "Protocol for the electronic exchange of information" in html
    assert "Electronic mail" in html and "Agreed by every party (PN127 para 15)" in html
    response = client.get(page_url(case, "practitioner_summary_text"))
    assert response["Content-Disposition"].startswith("attachment")
    text = response.content.decode()
    assert "Document Exchange Via: Electronic mail  [Agreed by every party, PN127 para 15]" in text
    assert "Delimited ASCII text file  [Default (not agreed), PN127 para 15]" in text
    assert f"Matter number:  {case.matter.number}" in text
    clerk_text = client_for(case.clerk).get(clerk_url(case, "clerk_summary_text")).content.decode()
    assert clerk_text.split("Prepared:")[0] == text.split("Prepared:")[0]


def test_the_matter_pages_show_the_protocol_and_paras_13_14(case):
    html = client_for(case.clerk).get(reverse("clerk:matter", args=[case.matter.number]))
    html = html.content.decode()
    assert 'id="protocol-link"' in html and "(PN127 para 14(a))" in html
    practitioner = client_for(case.applicant_solicitor).get(
        reverse("practitioner:matter", args=[matter_slug(case.matter.number)])
    )
    assert "(PN127 para 14(b))" in practitioner.content.decode()
    assert "para 11" in practitioner.content.decode()


def test_the_matter_page_gives_para_11s_advice_over_500_documents(case, monkeypatch):
    import protocols.selectors

    monkeypatch.setattr(protocols.selectors, "discoverable_document_count", lambda matter: 501)
    html = client_for(case.clerk).get(reverse("clerk:matter", args=[case.matter.number]))
    assert "more than 500: the Court will expect" in html.content.decode()


def test_no_panel_where_pn127_does_not_apply(case):
    from filings.models import PracticeNoteApplication

    PracticeNoteApplication.objects.all().delete()
    html = client_for(case.clerk).get(reverse("clerk:matter", args=[case.matter.number]))
    assert 'id="pn127-protocol"' not in html.content.decode()
    page = client_for(case.applicant_solicitor).get(page_url(case)).content.decode()
    assert "has not been applied to this matter" in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["practitioner", "clerk"])
def test_protocol_pages_use_a_constant_number_of_queries(case, viewer, django_assert_num_queries):
    client = client_for(case.applicant_solicitor if viewer == "practitioner" else case.clerk)
    url = page_url(case) if viewer == "practitioner" else clerk_url(case)
    summary = (
        page_url(case, "practitioner_summary")
        if viewer == "practitioner"
        else clerk_url(case, "clerk_summary")
    )
    _agreed(case)
    small, small_summary = _queries(client, url), _queries(client, summary)
    for index in range(3):
        extra = PartyFactory(matter=case.matter, name=f"Intervenor {index}", role="intervenor")
        agent = PractitionerFactory()
        represent(agent, extra)
        _agreed(case)
        protocol_propose(
            matter=case.matter,
            party=extra,
            user=agent,
            group_code="trial-format",
            option_id=option("trial-format", "Excel spreadsheet").pk,
        )
    with django_assert_num_queries(small):
        client.get(url)
    with django_assert_num_queries(small_summary):
        client.get(summary)


def test_the_admin_shows_protocol_rows_read_only(case, admin_client):
    _agreed(case)
    proposal = ProtocolProposal.objects.get()
    for name in ("protocolproposal", "protocolagreement", "protocol"):
        assert admin_client.get(reverse(f"admin:protocols_{name}_changelist")).status_code == 200
    url = reverse("admin:protocols_protocolproposal_change", args=[proposal.pk])
    assert admin_client.get(url).status_code == 200  # view only
    response = admin_client.post(url, {"party": case.respondent.pk})
    assert response.status_code == 403
    delete = reverse("admin:protocols_protocolproposal_delete", args=[proposal.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert ProtocolProposal.objects.get().party == case.applicant

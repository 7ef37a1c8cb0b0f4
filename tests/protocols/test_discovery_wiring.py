"""The protocol governs the discovery lists (PN127 paras 15-16), and the lists feed para 11."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from discovery.models import DiscoveryList
from discovery.selectors import list_conventions_for
from practice_directions.rules.discovery import PN127_DEFAULTS
from protocols.selectors import discoverable_document_count
from protocols.services import SettingsInput, protocol_order_settings

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def test_with_nothing_agreed_the_lists_are_checked_against_pn127s_defaults(case):
    conventions = list_conventions_for(case.matter)
    assert conventions.document_id_regex.fullmatch("ABC.001.002.0003")
    assert not conventions.document_id_regex.fullmatch("ABC.0001")
    assert (conventions.undated, conventions.tiff_multi_page, conventions.image_dpi) == (
        PN127_DEFAULTS.undated,
        False,
        200,
    )
    assert conventions.fields_in_use == PN127_DEFAULTS.fields_in_use


def test_ordered_settings_are_what_the_lists_are_checked_against(case):
    protocol_order_settings(
        matter=case.matter,
        values=SettingsInput(
            image_resolution_dpi=300,
            undated_convention="01/Jan/1801",
            document_id_pattern="AAA.NNNN",
            fields_in_use=("Privilege", "Basis of Privilege"),
        ),
        made_on=datetime.date(2026, 5, 4),
        recorded_by=case.clerk,
        today=TODAY,
    )

    conventions = list_conventions_for(case.matter)

    assert conventions.image_dpi == 300
    assert conventions.undated == "01/Jan/1801"
    assert conventions.document_id_regex.fullmatch("ABC.0001")
    assert not conventions.document_id_regex.fullmatch("ABC.001.001.0001")
    assert {"Privilege", "Basis of Privilege"} <= set(conventions.fields_in_use)
    assert set(PN127_DEFAULTS.fields_in_use) <= set(conventions.fields_in_use)


def test_the_current_lists_rows_count_towards_para_11(case):
    assert discoverable_document_count(case.matter) == 0
    for party, rows, current in ((case.applicant, 320, True), (case.respondent, 250, True)):
        DiscoveryList.objects.create(
            matter=case.matter,
            party=party,
            uploaded_by=case.clerk,
            uploaded_at=timezone.now(),
            original_name="list.csv",
            sha256="a" * 64,
            size=1,
            format="csv",
            row_count=rows,
            valid_row_count=rows,
            error_count=0,
            warning_count=0,
            validated=True,
            is_current=current,
        )
    assert discoverable_document_count(case.matter) == 570

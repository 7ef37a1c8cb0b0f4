"""The Technology Check List as seeded by migration 0006, checked by E002, edited in the admin."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from practice_directions.checks import E002, check_technology_checklist
from practice_directions.models import ChecklistGroup, ChecklistOption
from practice_directions.selectors import load_checklist

pytestmark = pytest.mark.django_db

# The annexure's defaults (**), group by group. "ASCII test file" in the note is a text file.
DEFAULTS = {
    "pre-trial-exchange": "Hard copy and electronic copy",
    "pre-trial-format": "ASCII text file",
    "pre-trial-via": "Floppy Disk",
    "discovery-lists": "Hard copy and electronic copy",
    "discovery-format": "Delimited ASCII text file",
    "discovery-via": "Floppy Disk",
    "discovery-database": "Excel Spreadsheet",
    "inspection-format": "Hard copy and electronic/image copy",
    "inspection-images": "TIFF - Single",
    "inspection-special": None,
    "trial-indexes": "Hard copy and electronic/image copy",
    "trial-format": "Delimited ASCII text file",
    "trial-via": "Floppy Disk",
}
OPTION_COUNTS = {
    "pre-trial-exchange": 3,
    "pre-trial-format": 6,
    "pre-trial-via": 7,
    "discovery-lists": 3,
    "discovery-format": 5,
    "discovery-via": 7,
    "discovery-database": 8,
    "inspection-format": 5,
    "inspection-images": 5,
    "inspection-special": 3,
    "trial-indexes": 4,
    "trial-format": 4,
    "trial-via": 7,
}


def test_every_group_is_seeded_in_order_with_exactly_the_notes_defaults():
    groups = load_checklist()
    assert {g.code: g.default for g in groups} == DEFAULTS
    assert [g.code for g in groups] == list(DEFAULTS)
    assert {g.code: len(g.options) for g in groups} == OPTION_COUNTS
    assert [g.stage for g in groups].count("discovery") == 4
    assert ChecklistOption.objects.filter(is_default=True).count() == 12


def test_the_database_formats_and_image_formats_are_all_there():
    groups = {g.code: g for g in load_checklist()}
    assert groups["discovery-database"].options == (
        "MS Access",
        "Lotus Notes",
        "Filemaker Pro",
        "MS SQL",
        "Sybase",
        "Excel Spreadsheet",
        "Oracle",
        "Other",
    )
    assert groups["inspection-images"].options == (
        "TIFF - Multi",
        "TIFF - Single",
        "PDF",
        "GIF",
        "Other",
    )
    assert groups["trial-via"].options[-1] == "Internet/Intranet"


def test_the_seeded_checklist_passes_its_system_check():
    assert check_technology_checklist(databases=["default"]) == []
    assert [m for m in run_checks(databases=["default"]) if m.id == E002] == []


def test_a_group_left_without_its_default_fails_the_check():
    ChecklistOption.objects.filter(group__code="discovery-format").update(is_default=False)
    errors = check_technology_checklist(databases=["default"])
    assert [e.id for e in errors] == [E002]
    assert "checklist.default_missing" in errors[0].hint
    assert errors[0].obj == ChecklistGroup.objects.get(code="discovery-format")


def test_the_database_refuses_two_defaults_in_one_group():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ChecklistOption.objects.filter(group__code="trial-via").update(is_default=True)


def _inline_post(group: ChecklistGroup, **changes: dict) -> dict[str, object]:
    options = list(group.options.order_by("position"))
    data: dict[str, object] = {
        "code": group.code,
        "stage": group.stage,
        "label": group.label,
        "position": group.position,
        "requires_default": "on" if group.requires_default else "",
        "options-TOTAL_FORMS": len(options),
        "options-INITIAL_FORMS": len(options),
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
    }
    for index, option in enumerate(options):
        row = {
            "id": option.pk,
            "group": group.pk,
            "label": option.label,
            "position": option.position,
        }
        if option.is_default:
            row["is_default"] = "on"
        row.update(changes.get(option.label, {}))
        data.update(
            {f"options-{index}-{key}": value for key, value in row.items() if value is not None}
        )
    return data


def test_an_administrator_edits_an_option_and_moves_the_default(admin_client):
    group = ChecklistGroup.objects.get(code="discovery-format")
    url = reverse("admin:practice_directions_checklistgroup_change", args=[group.pk])
    assert admin_client.get(url).status_code == 200
    post = _inline_post(
        group,
        **{
            "Delimited ASCII text file": {"is_default": None},
            "Excel spreadsheet": {"is_default": "on", "label": "Excel workbook"},
        },
    )
    response = admin_client.post(url, post)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert group.options.get(is_default=True).label == "Excel workbook"


def test_the_admin_refuses_a_second_default(admin_client):
    group = ChecklistGroup.objects.get(code="discovery-format")
    url = reverse("admin:practice_directions_checklistgroup_change", args=[group.pk])
    response = admin_client.post(url, _inline_post(group, **{"XML": {"is_default": "on"}}))
    assert response.status_code == 200
    assert "Mark exactly one option as the default" in response.content.decode()
    assert list(group.options.filter(is_default=True).values_list("label", flat=True)) == [
        "Delimited ASCII text file"
    ]


def test_the_admin_refuses_a_default_under_special_considerations(admin_client):
    group = ChecklistGroup.objects.get(code="inspection-special")
    url = reverse("admin:practice_directions_checklistgroup_change", args=[group.pk])
    response = admin_client.post(
        url, _inline_post(group, **{"Confidentiality": {"is_default": "on"}})
    )
    assert response.status_code == 200
    assert "This group has no default in PN127" in response.content.decode()
    assert not group.options.filter(is_default=True).exists()

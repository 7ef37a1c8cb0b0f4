"""A matter with two represented parties and PN127 applied, for the protocol's tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from filings.models import Matter, Party, PracticeNoteApplication
from practice_directions.models import ChecklistOption
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, represent


@dataclass
class Case:
    matter: Matter
    applicant: Party
    respondent: Party
    applicant_solicitor: Any
    respondent_barrister: Any
    clerk: Any


def apply_pn127(matter: Matter, clerk: Any, extent: str = "whole", parts: str = "") -> None:
    PracticeNoteApplication.objects.create(
        matter=matter,
        made_by="commission",
        applied_on=matter.opened_on,
        extent=extent,
        parts=parts,
        recorded_by=clerk,
    )


def option(group: str, label: str) -> ChecklistOption:
    return ChecklistOption.objects.get(group__code=group, label=label)


@pytest.fixture
def case(db) -> Case:
    clerk = ClerkFactory(username="clerk-kate")
    matter = MatterFactory(opened_on=datetime.date(2026, 1, 20))
    applicant = PartyFactory(matter=matter, name="Margaret O'Connor", role=Party.Role.APPLICANT)
    respondent = PartyFactory(
        matter=matter, name="Kingsford Developments", role=Party.Role.RESPONDENT
    )
    solicitor = PractitionerFactory(username="solicitor-priya")
    barrister = PractitionerFactory(username="barrister-tom")
    represent(solicitor, applicant)
    represent(barrister, respondent)
    apply_pn127(matter, clerk)
    return Case(matter, applicant, respondent, solicitor, barrister, clerk)

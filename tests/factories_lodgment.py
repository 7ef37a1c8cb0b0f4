"""Factories and helpers for the practitioners' pages: users in their roles, representation,
and filings lodged through the real service with the committed fixture files."""

from __future__ import annotations

import re
from pathlib import Path

import factory
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import Filing, Matter, Party, PartyRepresentative
from filings.services.lodgment import DocumentSubmission, filing_lodge
from registry.roles import CLERKS, PRACTITIONERS
from tests.factories import MatterFactory, PartyFactory, UserFactory, document_kind

LODGMENT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lodgment"


class PractitionerFactory(UserFactory):
    """A user in the Practitioners group."""

    class Meta:
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"practitioner{n}")

    @factory.post_generation
    def role(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.groups.add(Group.objects.get(name=PRACTITIONERS))


class ClerkFactory(UserFactory):
    """A user in the Registry clerks group."""

    class Meta:
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"clerk{n}")

    @factory.post_generation
    def role(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.groups.add(Group.objects.get(name=CLERKS))


def represent(user: object, party: Party) -> PartyRepresentative:
    """Record that ``user`` acts for ``party``."""
    return PartyRepresentative.objects.create(user=user, party=party)


def matter_for(user: object, **matter_fields: object) -> tuple[Matter, Party]:
    """A matter in which ``user`` acts for the applicant (a solicitor, so PD16 applies)."""
    matter = MatterFactory(**matter_fields)
    party = PartyFactory(matter=matter, role=Party.Role.APPLICANT, representation="solicitor")
    represent(user, party)
    return matter, party


def affidavit(**overrides: object) -> DocumentSubmission:
    values: dict[str, object] = {
        "kind": document_kind("Affidavit"),
        "title": "Affidavit of J Smith",
        "path": LODGMENT_FIXTURES / "affidavit.doc",
        "original_filename": "Affidavit of J Smith.doc",
    }
    values.update(overrides)
    return DocumentSubmission(**values)


def tiff_annexure(**overrides: object) -> DocumentSubmission:
    values: dict[str, object] = {
        "kind": document_kind("Annexure or attachment"),
        "title": "Annexure A letter of 3 March 2026",
        "role": "annexure",
        "path": LODGMENT_FIXTURES / "annexure-a.tif",
        "original_filename": "annexure-a.tif",
        "annexed_to": 1,
    }
    values.update(overrides)
    return DocumentSubmission(**values)


def lodge(party: Party, user: object, *documents: DocumentSubmission) -> Filing:
    """A filing lodged through the service (a DOC and a TIFF annexure unless told)."""
    return filing_lodge(
        party=party, lodged_by=user, documents=list(documents) or [affidavit(), tiff_annexure()]
    )


def lodgment_post(party: Party, *rows: dict[str, object]) -> dict[str, object]:
    """The lodgment form's POST data: the party and one dict of fields per document row."""
    data: dict[str, object] = {
        "party": party.pk,
        "same_text": "on",
        "documents-TOTAL_FORMS": str(len(rows)),
        "documents-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(rows):
        # The paper copy question is asked of every filled-in row (PD16 para 5).
        if row.get("title") and "paper_copy_lodged" not in row:
            data[f"documents-{index}-paper_copy_lodged"] = "yes"
        for name, value in row.items():
            data[f"documents-{index}-{name}"] = value
    return data


def upload(name: str, path: Path | None = None, content: bytes | None = None) -> SimpleUploadedFile:
    """A file for the test client, from the fixtures or from bytes."""
    data = content if content is not None else (path or LODGMENT_FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, data)


def error_codes(response: object) -> set[str]:
    """The stable codes of the problems a page shows (``data-code`` on each error)."""
    return set(re.findall(r'data-code="([^"]+)"', response.content.decode()))

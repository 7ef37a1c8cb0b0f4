"""The disc label prints every file name in full (PD16 para 6): never cut off, set smaller as
the list grows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from filings import packaging
from filings.selectors.access import matter_slug
from tests.factories_lodgment import PractitionerFactory, affidavit, lodge, matter_for

pytestmark = pytest.mark.django_db

LONG_TITLE = "Affidavit of Jonathan Alexander Montgomery-Smithers sworn 12 March 2026 " * 2


def test_the_disc_label_shows_each_full_file_name_and_shrinks_long_lists(client):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, *[affidavit(title=LONG_TITLE.strip()) for _ in range(4)])
    client.force_login(practitioner)
    response = client.get(
        reverse("practitioner:label", args=[matter_slug(filing.matter.number), filing.sequence])
    )
    html = response.content.decode()
    entries = response.context["entries"]
    assert len(entries) == 4
    for entry in entries:
        assert entry.file_name in html
    assert response.context["density"] in {"compact", "tight"}
    assert "label--disc label--" in html


def test_label_density_grows_with_the_characters_listed():
    def entries(n: int, length: int) -> list:
        return [
            packaging.DocumentEntry(
                position=i,
                kind="Affidavit",
                title="t" * length,
                role="Principal document",
                annexed_to=None,
                file_name="f" * length,
                original_filename="",
                detected_format="DOC",
                size=1,
                sha256="0" * 64,
                has_copy=True,
                copy_status="required",
                paragraphs=(),
            )
            for i in range(n)
        ]

    assert packaging.label_density(entries(2, 40)) == "normal"
    assert packaging.label_density(entries(5, 50)) == "compact"
    assert packaging.label_density(entries(10, 60)) == "tight"

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


def _label(client, filing, variant="disc"):
    return client.get(
        reverse("practitioner:label", args=[matter_slug(filing.matter.number), filing.sequence]),
        {"variant": variant},
    )


def test_the_disc_label_shows_each_full_file_name_and_shrinks_long_lists(client):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, *[affidavit(title=LONG_TITLE.strip()) for _ in range(3)])
    client.force_login(practitioner)
    response = _label(client, filing)
    html = response.content.decode()
    entries = response.context["entries"]
    assert len(entries) == 3
    for entry in entries:
        assert entry.file_name in html
    assert response.context["density"] in {"compact", "tight"}
    assert "label--disc label--" in html


def test_a_list_too_long_for_a_disc_says_so_and_the_a4_sheet_lists_it_whole(client):
    practitioner = PractitionerFactory()
    _, party = matter_for(practitioner)
    filing = lodge(party, practitioner, *[affidavit(title=LONG_TITLE.strip()) for _ in range(6)])
    client.force_login(practitioner)
    disc = _label(client, filing)
    assert disc.context["density"] == "overflow"
    html = disc.content.decode()
    assert "6 documents, listed in full on the A4 sheet kept with this disc." in html
    assert 'id="label-overflow"' in html and 'href="?variant=a4"' in html
    sheet = _label(client, filing, "a4").content.decode()
    assert 'id="label-overflow"' not in sheet
    for entry in disc.context["entries"]:
        assert entry.file_name not in html
        assert entry.file_name in sheet


def test_label_density_shrinks_the_type_as_the_list_grows_then_gives_up_on_the_disc():
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
    assert packaging.label_density(entries(4, 40)) == "compact"
    assert packaging.label_density(entries(8, 40)) == "tight"
    # Too many to print legibly inside a disc: the A4 sheet lists them (PD16 para 6).
    assert packaging.label_density(entries(14, 40)) == "overflow"
    assert packaging.label_density(entries(4, 200)) == "overflow"

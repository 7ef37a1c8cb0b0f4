"""The practitioner's scope: only matters where they represent a party, only their parties'
filings and documents (filings.selectors.access)."""

import pytest

from filings.models import Document, Filing, Matter
from filings.selectors import access
from tests.factories import PartyFactory
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
    represent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Practitioner A acts for the applicant in matter 1; B for the respondent in the same
    matter and for the applicant in matter 2. Each has lodged a filing."""
    a, b = PractitionerFactory(), PractitionerFactory()
    matter_1, party_a = matter_for(a)
    party_b = PartyFactory(matter=matter_1, role="respondent", representation="solicitor")
    represent(b, party_b)
    matter_2, party_b2 = matter_for(b)
    return {
        "a": a,
        "b": b,
        "matter_1": matter_1,
        "matter_2": matter_2,
        "filing_a": lodge(party_a, a, affidavit()),
        "filing_b": lodge(party_b, b, affidavit()),
        "filing_b2": lodge(party_b2, b, affidavit()),
    }


def test_matters_are_those_where_the_user_represents_a_party(world):
    assert set(access.matters_for(world["a"])) == {world["matter_1"]}
    assert set(access.matters_for(world["b"])) == {world["matter_1"], world["matter_2"]}


def test_filings_and_documents_are_those_of_the_users_own_parties(world):
    # A and B share matter 1, but neither sees the other side's filing through the registry.
    assert set(access.filings_for(world["a"])) == {world["filing_a"]}
    assert set(access.filings_for(world["b"])) == {world["filing_b"], world["filing_b2"]}
    assert set(access.documents_for(world["a"])) == set(world["filing_a"].documents.all())


def test_lookups_outside_the_scope_raise_does_not_exist(world):
    slug_1 = access.matter_slug(world["matter_1"].number)
    slug_2 = access.matter_slug(world["matter_2"].number)
    assert access.matter_for(world["a"], slug=slug_1) == world["matter_1"]
    with pytest.raises(Matter.DoesNotExist):
        access.matter_for(world["a"], slug=slug_2)
    sequence_b = world["filing_b"].sequence
    with pytest.raises(Filing.DoesNotExist):
        access.filing_for(world["a"], slug=slug_1, sequence=sequence_b)
    with pytest.raises(Document.DoesNotExist):
        access.document_for(world["a"], slug=slug_1, sequence=sequence_b, position=1)


def test_parties_for_lists_only_the_users_parties_in_that_matter(world):
    parties = access.parties_for(world["b"], world["matter_1"])
    assert [p.role for p in parties] == ["respondent"]


def test_a_representative_who_is_not_a_practitioner_sees_nothing(world):
    clerk = ClerkFactory()
    represent(clerk, world["filing_a"].party)
    assert not access.matters_for(clerk).exists()
    assert not access.filings_for(clerk).exists()
    assert not access.documents_for(clerk).exists()


def test_matter_slugs_round_trip():
    assert access.matter_slug("IRC2004/1000") == "IRC2004-1000"
    assert access.matter_number_from_slug("IRC2004-1000") == "IRC2004/1000"
    assert access.matter_number_from_slug("nonsense") == "nonsense"

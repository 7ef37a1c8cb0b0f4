"""The demo holds one matter with PN127 applied and its protocol partly agreed; seeding twice
adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from filings.models import Matter, PracticeNoteApplication
from protocols.models import ProtocolAgreement, ProtocolOrder, ProtocolProposal
from protocols.selectors import protocol_list_settings, protocol_state

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", force=True, stdout=io.StringIO())


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (PracticeNoteApplication, ProtocolProposal, ProtocolAgreement, ProtocolOrder)
    )


def test_the_demo_protocol_is_partly_agreed_and_seeding_twice_adds_nothing():
    _seed()
    first = _counts()
    _seed()
    assert _counts() == first
    matter = Matter.objects.get(abbreviated_title__startswith="O'Connor")
    state = protocol_state(matter)
    bases = {outcome.group: outcome.basis for outcome in state.result.outcomes}
    assert bases["discovery-format"] == "agreed"
    assert bases["trial-via"] == "ordered"
    assert bases["inspection-images"] == "default"  # proposed, not yet agreed
    assert bases["trial-format"] == "default"
    assert protocol_list_settings(matter).undated_convention == "01/Jan/1801"

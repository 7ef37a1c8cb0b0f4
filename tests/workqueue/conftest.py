"""Clerks, a senior clerk, and filings waiting in the queue."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from filings.models import Filing
from tests.factories import PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, affidavit, lodge, represent
from workqueue.models import SENIOR_CLERKS


@pytest.fixture
def clerk(db):
    return ClerkFactory(first_name="Ada", last_name="Clerk")


@pytest.fixture
def other_clerk(db):
    return ClerkFactory(first_name="Bea", last_name="Other")


@pytest.fixture
def senior(db):
    user = ClerkFactory(first_name="Sam", last_name="Senior")
    user.groups.add(Group.objects.get(name=SENIOR_CLERKS))
    return user


def waiting_filing(*, days: int = 0, channel: str = Filing.Channel.WEB) -> Filing:
    """A filing lodged ``days`` ago through the real service, waiting for review."""
    practitioner = PractitionerFactory()
    party = PartyFactory()
    represent(practitioner, party)
    filing = lodge(party, practitioner, affidavit())
    Filing.objects.filter(pk=filing.pk).update(
        lodged_at=timezone.now() - datetime.timedelta(days=days, minutes=1), channel=channel
    )
    filing.refresh_from_db()
    return filing

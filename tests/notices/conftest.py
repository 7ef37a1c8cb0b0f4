"""Fixtures for the notices tests: practitioners acting for each side of a matter, and a way to
commit what a service did (run its on-commit callbacks) and let the worker send."""

from __future__ import annotations

import pytest

from filings.models import Party
from tests.factories import MatterFactory, PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, represent
from tests.notices.worker import run_worker


@pytest.fixture
def matter():
    return MatterFactory(abbreviated_title="Citizen v Acme")


@pytest.fixture
def applicant(matter):
    return PartyFactory(matter=matter, name="Jane Citizen", role=Party.Role.APPLICANT)


@pytest.fixture
def respondent(matter):
    return PartyFactory(matter=matter, name="Acme Pty Ltd", role=Party.Role.RESPONDENT)


@pytest.fixture
def solicitor(applicant):
    user = PractitionerFactory(username="solicitor", email="solicitor@firm.example")
    represent(user, applicant)
    return user


@pytest.fixture
def opponent(respondent):
    user = PractitionerFactory(username="opponent", email="opponent@other.example")
    represent(user, respondent)
    return user


@pytest.fixture
def clerk():
    return ClerkFactory(username="clerk", email="clerk@registry.example")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run ``action`` as its own request would: commit (on-commit callbacks run), then the
    worker sends what was queued. Returns what ``action`` returned."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = action(*args, **kwargs)
        run_worker()
        return result

    return run


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """A transactional test (its commits real) with the rows the data migrations seed, which an
    earlier transactional test's flush may have emptied: the rules and the practitioners' role."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    from registry.roles import PRACTITIONERS

    importlib.import_module("practice_directions.migrations.0002_seed_rules").seed(apps, None)
    Group.objects.get_or_create(name=PRACTITIONERS)

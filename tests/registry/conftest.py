"""Fixtures of the security tests: sign-in lockout switched on, and a practitioner to sign in."""

import pytest

from tests.factories_lodgment import PractitionerFactory


@pytest.fixture
def lockout(settings):
    """Sign-in lockout switched on, with the limits the base settings give a deployment."""
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def practitioner(db):
    return PractitionerFactory(username="jsmith")

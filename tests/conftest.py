"""Shared fixtures: lodged files go to a temporary MEDIA_ROOT for every test."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Changing the setting also clears FileSystemStorage's cached location (setting_changed).
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES

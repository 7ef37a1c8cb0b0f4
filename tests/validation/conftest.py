"""Fixtures for the validation tests: the committed corpus of real files."""

from pathlib import Path

import pytest

from tests.validation.paths import CORPUS


@pytest.fixture
def corpus() -> Path:
    return CORPUS

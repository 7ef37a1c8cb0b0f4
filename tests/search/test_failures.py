"""A copy whose text cannot be read is recorded as failed, with what went wrong, and never
fails the lodgment or stops the worker from reading the other copies."""

import os
from pathlib import Path

import pytest

from filings.models import Filing
from search.models import DocumentText
from search.query import parse_query
from search.selectors import SearchFilters, search_documents
from tests.factories_lodgment import (
    LODGMENT_FIXTURES,
    PractitionerFactory,
    affidavit,
    lodge,
    matter_for,
)

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _lodged_then(settings, django_capture_on_commit_callbacks, damage) -> Filing:
    """Lodge two Word copies, ``damage`` the first stored copy before the worker reads it,
    then let the worker run (the immediate backend runs the task as it is queued)."""
    settings.TASKS = IMMEDIATE
    user = PractitionerFactory()
    _, party = matter_for(user)
    second = affidavit(
        title="Affidavit of A Citizen",
        path=LODGMENT_FIXTURES / "submissions.rtf",
        original_filename="Submissions.rtf",
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        filing = lodge(party, user, affidavit(), second)
    damage(Path(filing.documents.get(position=1).electronic_copy.path))
    for callback in callbacks:
        callback()
    return filing


def test_a_damaged_word_copy_is_recorded_as_failed_and_the_rest_are_read(
    settings, django_capture_on_commit_callbacks
):
    def truncate(path: Path) -> None:
        os.chmod(path, 0o644)
        path.write_bytes(LODGMENT_FIXTURES.joinpath("affidavit.doc").read_bytes()[:1500])

    filing = _lodged_then(settings, django_capture_on_commit_callbacks, truncate)

    first, second = DocumentText.objects.filter(document__filing=filing).order_by(
        "document__position"
    )
    assert (first.status, first.text) == ("failed", "")
    assert "antiword" in first.error
    assert second.status == "extracted"
    assert Filing.objects.filter(pk=filing.pk, status=Filing.Status.LODGED).exists()
    found = search_documents(scope=None, query=parse_query("jane"), filters=SearchFilters())
    # Both copies name Jane Citizen; only the one that was read is found.
    assert [result.document.position for result in found.results] == [2]


def test_a_missing_stored_copy_is_recorded_as_failed_not_raised(
    settings, django_capture_on_commit_callbacks
):
    filing = _lodged_then(settings, django_capture_on_commit_callbacks, Path.unlink)

    first, second = DocumentText.objects.filter(document__filing=filing).order_by(
        "document__position"
    )
    assert first.status == "failed"
    assert "could not be read" in first.error and "FileNotFoundError" in first.error
    assert second.status == "extracted"

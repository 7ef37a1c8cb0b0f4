"""Taking and assigning filings, and the rule that two clerks never review one filing at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from filings.models import Filing
from filings.services.review import RejectionSpec, filing_accept, filing_reject
from tests.workqueue.conftest import waiting_filing
from workqueue.models import FilingAssignment
from workqueue.services import (
    filing_assignment_assign,
    filing_assignment_release,
    filing_assignment_take,
)

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list]


def test_a_clerk_takes_a_filing_and_it_is_audited(clerk):
    filing = waiting_filing()
    assignment = filing_assignment_take(filing=filing, clerk=clerk, client_ip="203.0.113.5")
    assert (assignment.assignee, assignment.assigned_by) == (clerk, clerk)
    event = AuditEvent.objects.get(action=AuditEvent.Action.FILING_ASSIGNED)
    assert event.filing_reference == filing.reference
    assert event.detail == {"assignee": clerk.username, "before": None}
    assert event.client_ip == "203.0.113.5"


def test_taking_a_filing_another_clerk_has_names_who_has_it(clerk, other_clerk):
    filing = waiting_filing()
    filing_assignment_take(filing=filing, clerk=clerk)
    with pytest.raises(ValidationError) as caught:
        filing_assignment_take(filing=filing, clerk=other_clerk)
    assert codes(caught.value) == ["queue.assigned_to_other"]
    assert "Ada Clerk" in caught.value.messages[0]
    assert FilingAssignment.objects.get(filing=filing).assignee == clerk


def test_another_clerk_cannot_review_a_filing_someone_has(clerk, other_clerk):
    filing = waiting_filing()
    filing_assignment_take(filing=filing, clerk=clerk)
    with pytest.raises(ValidationError) as caught:
        filing_accept(filing=filing, reviewed_by=other_clerk)
    assert codes(caught.value) == ["queue.assigned_to_other"]
    with pytest.raises(ValidationError) as caught:
        filing_reject(
            filing=filing,
            reviewed_by=other_clerk,
            reasons=[RejectionSpec(reason_code="label-incomplete")],
        )
    assert codes(caught.value) == ["queue.assigned_to_other"]
    filing.refresh_from_db()
    assert filing.status == Filing.Status.LODGED


def test_the_clerk_who_has_it_reviews_and_the_assignment_ends(clerk):
    filing = waiting_filing()
    filing_assignment_take(filing=filing, clerk=clerk)
    filing_accept(filing=filing, reviewed_by=clerk)
    assert not FilingAssignment.objects.filter(filing=filing).exists()
    with pytest.raises(ValidationError) as caught:
        filing_assignment_take(filing=filing, clerk=clerk)
    assert codes(caught.value) == ["queue.already_reviewed"]


def test_an_unassigned_filing_can_still_be_reviewed(clerk):
    filing = waiting_filing()
    assert filing_accept(filing=filing, reviewed_by=clerk).status == Filing.Status.ACCEPTED


def test_only_a_senior_clerk_assigns_to_others(clerk, other_clerk, senior):
    filing = waiting_filing()
    with pytest.raises(PermissionDenied):
        filing_assignment_assign(filing=filing, assignee=other_clerk, assigned_by=clerk)
    filing_assignment_take(filing=filing, clerk=clerk)
    given = filing_assignment_assign(filing=filing, assignee=other_clerk, assigned_by=senior)
    assert (given.assignee, given.assigned_by) == (other_clerk, senior)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.FILING_ASSIGNED).first()
    assert event.detail == {"assignee": other_clerk.username, "before": clerk.username}


def test_a_filing_cannot_be_assigned_to_a_practitioner(senior):
    from tests.factories_lodgment import PractitionerFactory

    filing = waiting_filing()
    with pytest.raises(ValidationError) as caught:
        filing_assignment_assign(filing=filing, assignee=PractitionerFactory(), assigned_by=senior)
    assert codes(caught.value) == ["queue.assignee_not_clerk"]


def test_release_returns_it_to_the_section_queue(clerk, other_clerk, senior):
    filing = waiting_filing()
    filing_assignment_take(filing=filing, clerk=clerk)
    with pytest.raises(ValidationError):
        filing_assignment_release(filing=filing, clerk=other_clerk)
    filing_assignment_release(filing=filing, clerk=clerk)
    assert not FilingAssignment.objects.filter(filing=filing).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.FILING_RELEASED).count() == 1
    filing_assignment_take(filing=filing, clerk=other_clerk)
    filing_assignment_release(filing=filing, clerk=senior)
    assert not FilingAssignment.objects.filter(filing=filing).exists()

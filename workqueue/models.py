"""Who is reviewing a lodged filing: one assignment per filing, as DAWSON's work queues keep.

A filing with no assignment is in the section queue; an assignment puts it in one clerk's queue.
The row exists only while the filing is assigned: releasing it deletes the row, and the audit
trail keeps the history (``filing_assigned`` and ``filing_released`` events).
"""

from django.conf import settings
from django.db import models

SENIOR_CLERKS = "Senior clerks"


class FilingAssignment(models.Model):
    """The clerk who has taken (or been given) a filing to review."""

    filing = models.OneToOneField(
        "filings.Filing", on_delete=models.CASCADE, related_name="assignment"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filing_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField()

    class Meta:
        permissions = [("assign_filings", "Can assign filings to other clerks")]
        indexes = [models.Index(fields=["assignee", "assigned_at"])]

    def __str__(self) -> str:
        return f"{self.filing_id} to {self.assignee}"

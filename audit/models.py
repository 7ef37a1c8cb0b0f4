"""The audit trail: who did what to which record, when and from where (security checklist,
"Audit"). Rows are only ever added.

Append-only is enforced by the database, not by this class: the migration that creates the table
installs triggers (PostgreSQL and SQLite) that refuse every UPDATE and DELETE of a row, so that
neither the ORM, a raw query nor the admin can rewrite history. The one change let through is
Django's ``SET_NULL`` when a user account is removed: ``user`` becomes empty while ``username``
keeps the name, and nothing else in the row may change in that statement.

``detail`` holds what the action concerns; a change to a record carries ``before`` and
``after``: the values of the fields it touched, as they were and as they became.

The object concerned is named by plain values (matter number, filing reference, document id)
rather than foreign keys, so an event outlives and never blocks changes to what it describes.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class AuditEvent(models.Model):
    """One thing that happened, recorded once and never changed."""

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGN_OUT = "sign_out", "Signed out"
        ACCESS_REFUSED = "access_refused", "Access refused"
        FILING_LODGED = "filing_lodged", "Filing lodged"
        FILING_ACCEPTED = "filing_accepted", "Filing accepted"
        FILING_REJECTED = "filing_rejected", "Filing rejected"
        FILING_ASSIGNED = "filing_assigned", "Filing assigned for review"
        FILING_RELEASED = "filing_released", "Filing returned to the section queue"
        DOCUMENT_DOWNLOADED = "document_downloaded", "Document downloaded"
        FILING_ZIP_DOWNLOADED = "filing_zip_downloaded", "Filing ZIP downloaded"
        INTEGRITY_FAILED = "integrity_failed", "Stored copy failed its integrity check"
        ADMIN_CHANGE = "admin_change", "Changed in the admin"
        DISCOVERY_LIST_UPLOADED = "discovery_list_uploaded", "Discovery list uploaded"
        DISCOVERY_LIST_VERIFIED = "discovery_list_verified", "Discovery list verification"
        DISCOVERY_LIST_SERVED = "discovery_list_served", "Discovery list service recorded"
        MATTER_OPENED = "matter_opened", "Matter opened"
        MATTER_CLOSED = "matter_closed", "Matter closed"
        MATTER_REOPENED = "matter_reopened", "Matter reopened"
        MATTER_CHANGED = "matter_changed", "Matter record changed"
        PARTY_ADDED = "party_added", "Party added"
        REPRESENTATION_CHANGED = "representation_changed", "Representation changed"
        REPRESENTATIVE_LINKED = "representative_linked", "Practitioner linked to a party"
        REPRESENTATIVE_UNLINKED = "representative_unlinked", "Practitioner unlinked from a party"
        DIRECTION_RECORDED = "direction_recorded", "Direction recorded"
        DIRECTION_WITHDRAWN = "direction_withdrawn", "Direction withdrawn"
        PN127_APPLIED = "pn127_applied", "Practice Note 127 applied"
        PN127_WITHDRAWN = "pn127_withdrawn", "Practice Note 127 application withdrawn"
        RULE32_ORDER_RECORDED = "rule32_order_recorded", "Rule 32 order recorded"
        RULE32_RECEIPT_RECORDED = "rule32_receipt_recorded", "Rule 32 receipt recorded"
        MAIL_RECEIVED = "mail_received", "E-mail received for lodgment"
        MAIL_REJECTED = "mail_rejected", "E-mail rejected by a clerk"
        DISC_INGESTED = "disc_ingested", "Disc read at the counter"
        STORED_COPY_REPAIRED = "stored_copy_repaired", "Bad stored copy replaced"
        ORPHAN_REMOVED = "orphan_removed", "Unreferenced stored file removed"
        PROTOCOL_PROPOSED = "protocol_proposed", "PN127 protocol: proposed"
        PROTOCOL_AGREED = "protocol_agreed", "PN127 protocol: agreed"
        PROTOCOL_ORDERED = "protocol_ordered", "PN127 protocol: Court order recorded"

    at = models.DateTimeField(auto_now_add=True, help_text="When, stored in UTC.")
    action = models.CharField(max_length=32, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for anonymous requests and for accounts since removed.",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="As it was at the time; kept if the user goes."
    )
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    matter_number = models.CharField(max_length=32, blank=True)
    filing_reference = models.CharField(max_length=40, blank=True)
    document_id = models.PositiveBigIntegerField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        # The table keeps the name it was created with (filings 0004), with its append-only
        # triggers: the model moved apps, the rows did not.
        db_table = "filings_auditevent"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            models.Index(fields=["matter_number"], name="audit_matter"),
            models.Index(fields=["filing_reference"], name="audit_filing"),
            models.Index(fields=["document_id"], name="audit_document"),
        ]

    def __str__(self) -> str:
        who = self.username or "no user"
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} ({who})"

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each value the event changed, for pages that show it; the
        field as a reader names it ("Agreement short title", not ``agreement_short_title``)."""
        before = self.detail.get("before") or {}
        after = self.detail.get("after") or {}
        if not isinstance(before, dict) or not isinstance(after, dict):
            return []
        names = [*after, *(k for k in before if k not in after)]
        return [
            (n.replace("_", " ").capitalize(), before.get(n), after.get(n))
            for n in names
            if before.get(n) != after.get(n)
        ]

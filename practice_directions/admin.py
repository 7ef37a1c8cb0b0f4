"""The rules data, editable by administrators; every change reaches the audit trail
(``audit.admin``)."""

from django.contrib import admin

from audit.admin import AuditedModelAdmin

from .models import (
    DocumentKind,
    EmailClass,
    NotificationRecipient,
    PracticeDirection,
    ProceedingType,
    RejectionReason,
)


@admin.register(PracticeDirection)
class PracticeDirectionAdmin(AuditedModelAdmin):
    list_display = ["number", "title", "gazetted_on", "commences_on", "replaces"]
    search_fields = ["title", "number"]
    list_filter = ["requires_electronic_copies"]
    autocomplete_fields = ["replaces"]


@admin.register(EmailClass)
class EmailClassAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "address", "subject_requirement", "position"]
    list_editable = ["address", "position"]
    search_fields = ["code", "name", "address"]
    list_filter = ["subject_requirement"]


@admin.register(ProceedingType)
class ProceedingTypeAdmin(AuditedModelAdmin):
    list_display = [
        "code",
        "name",
        "exempt_under_3a",
        "awaits_conciliation_certificate",
        "period_after_certificate_days",
        "deadline_set_by_commission",
        "email_class",
    ]
    list_filter = ["exempt_under_3a", "awaits_conciliation_certificate", "email_class"]
    search_fields = ["code", "name", "statutory_reference"]
    autocomplete_fields = ["email_class"]


@admin.register(DocumentKind)
class DocumentKindAdmin(AuditedModelAdmin):
    list_display = [
        "name",
        "exempt_form",
        "is_proposed_orders",
        "is_submissions",
        "is_award",
        "active",
    ]
    list_filter = ["exempt_form", "is_proposed_orders", "is_submissions", "is_award", "active"]
    search_fields = ["name"]


@admin.register(RejectionReason)
class RejectionReasonAdmin(AuditedModelAdmin):
    list_display = ["code", "text", "paragraph", "active"]
    list_filter = ["active", "paragraph"]
    search_fields = ["code", "text"]


@admin.register(NotificationRecipient)
class NotificationRecipientAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "address", "paragraph"]
    list_editable = ["address"]
    search_fields = ["code", "name", "address"]
